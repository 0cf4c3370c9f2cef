# how the shell reports a foreground process killed by a signal, as bash
sh -c 'kill -SEGV $$'
echo $?
sh -c 'kill -KILL $$'
echo $?
sh -c 'kill -TERM $$'; echo $?
