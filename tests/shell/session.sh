# a daemon (fork + setsid) outlives the shell that started it: exit ends
# this shell, which led the console's session (init starts a new one);
# the daemon, in a session of its own, goes on printing
daemon_demo 2; exit
sleep 5
