# the signal demos: SIGCHLD counted by a handler, a segmentation fault
# (the kernel's log line, the shell's report), a SIGALRM timeout, a
# daemon in a session of its own that outlives its parent
sigchld_demo 4 | grep "reaped" | wc -l
segfault_demo
echo $?
sleep 3 | alarm_demo 1
echo $?
daemon_demo 1; sleep 4
