# ^C ends the foreground program (SIGINT), not the shell; $? is 128+2
#!nowait sleep 100
#!key ^C
echo $?
echo still here
