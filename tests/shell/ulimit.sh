# ulimit: the defaults, -S/-H, setting in a child shell, bash's -a listing
# (less the two lines that depend on memory size), errors; the demos at
# their limits
ulimit -n
ulimit -Hn
ulimit -s
ulimit -Hs
ulimit -c
sh -c 'ulimit -n 64; ulimit -n; ulimit -Hn'
sh -c 'ulimit -Sn 100; ulimit -n; ulimit -Hn'
sh -c 'ulimit -t 2; ulimit -v 65536; ulimit -t -v'
ulimit -n abc; echo $?
ulimit -j; echo $?
ulimit -a | grep -v pending | grep -v processes
sh -c 'ulimit -n 64; open_files_demo'
sh -c 'ulimit -s 1024; stack_overflow_demo > /dev/null'; echo $?
