# the line editor: up arrow recalls the last line, down goes back;
# left arrow and insertion; ^U erases the line; backspace; Home, End,
# Delete; ^C throws a typed line away ($? = 130); history lists the lines
echo first
#!key up
#!key enter
echo one
echo two
#!key up
#!key up
#!key down
#!key enter
#!type echo helo
#!key left
#!type l
#!key enter
#!type junk
#!key ^U
echo clean
#!type echo abcx
#!key backspace
#!key enter
#!type cho abX
#!key home
#!type e
#!key end
#!key backspace
#!type d
#!key enter
#!type echo Zok
#!key home
#!key right
#!key right
#!key right
#!key right
#!key right
#!key delete
#!key enter
#!type never mind
#!key ^C
echo $?
history 2
