# processes: exit codes, $?, exec of a missing program, init is pid 1
sh -c 'exit 7'; echo $?
nosuchprogram 2> /dev/null; echo $?
echo $$ > /tmp/pid.txt; cat /tmp/pid.txt > /dev/null && echo have-pid
cat /proc/1/comm
uname -s
