# ^Z stops the foreground job (SIGTSTP to the terminal's foreground
# group, $? = 128 + 20); jobs shows it; fg and %1 bring it back to the
# foreground, where ^C ends it; bg continues it in the background.
# (The command fg prints is not in the expected output: the harness
# drops lines equal to a "#!nowait" line, as echoes.)
#!nowait sleep 100
#!key ^Z
echo $?
jobs
#!nowait fg
#!key ^C
echo $?
#!nowait sleep 200
#!key ^Z
bg
jobs
#!nowait %1
#!key ^C
echo $?
