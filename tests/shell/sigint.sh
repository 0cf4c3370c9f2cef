# sigint_demo: ^C runs its SIGINT handler three times; then the default
# action is back and the fourth ^C ends it ($? = 128 + 2)
#!nowait sigint_demo
#!send ^C
#!send ^C
#!send ^C
#!key ^C
echo $?
