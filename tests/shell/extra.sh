# a program built with build/bin/oscc, in /extra as EXTRA= puts it
/extra/hello student
echo $?
ls /extra
