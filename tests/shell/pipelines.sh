# pipelines of several stages, and their exit status
echo hi | cat | wc -c
echo one two three | wc -w
ls / | grep -v tmp | grep bin | wc -l
echo abc | grep -c b
echo $?
echo abc | grep zzz
echo $?
