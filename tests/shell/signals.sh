# how the shell reports a foreground process killed by a signal, as bash;
# "(core dumped)" only when the core flag is set in the wait status,
# which the kernel does where a core file could be written (RLIMIT_CORE
# above 0: ulimit -c)
sh -c 'kill -SEGV $$'
echo $?
sh -c 'ulimit -c unlimited; kill -SEGV $$'
echo $?
sh -c 'kill -KILL $$'
echo $?
sh -c 'kill -TERM $$'; echo $?
