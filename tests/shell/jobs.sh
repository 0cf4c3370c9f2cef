# job control: a background job gets a number and its PID; jobs lists
# it; kill %1 signals its process group; wait reports how it ended (on
# the same line as kill, so that the prompt does not report it first);
# jobs that end by themselves are reported at the next prompt
sleep 100 &
jobs
kill %1; wait %1; echo $?
sleep 100 &
kill -KILL %1; wait %1; echo $?
jobs
true &
sleep 1
sh -c 'exit 3' &
sleep 1
