# a stopped job: SIGSTOP stops it (the shell sees it with WUNTRACED and
# says so at the next prompt), bg continues it, fg brings it to the
# foreground, where ^C reaches it
sleep 100 &
kill -STOP %1; sleep 1
jobs
bg
jobs
#!nowait fg
#!key ^C
echo $?
jobs
