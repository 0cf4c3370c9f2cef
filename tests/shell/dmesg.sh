# dmesg: the kernel log with times, raw with levels, by level, cleared
dmesg | grep '] smp: ' | grep -c '['
dmesg -t | grep 'smp: ' | grep -c '['
dmesg -r | grep '] smp: ' | grep -c '<6>['
dmesg -t -l info | grep -c 'smp: '
dmesg -t -l err,warn | grep -c 'smp: '
dmesg -n 9 2> /dev/null; echo $?
dmesg -C; dmesg | wc -l
dmesg -c | wc -l
