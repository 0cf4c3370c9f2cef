# proc: ps and pstree read /proc; /proc/self names the reader
sh -c 'sleep 3 & sleep 3 & sleep 1; pstree $$; wait'
sh -c 'sleep 2 & sleep 1; pstree -A $$; wait'
pstree -p 1 | head -1 | grep -c 'init(1)─'
ps | head -1
ps -ef | head -1
ps aux | head -1
sh -c 'sleep 2 & sleep 1; ps -e | grep -c "00:00:00 sleep"; wait'
ps -e | grep -c ' init'
readlink /proc/self/fd/0
cat /proc/self/comm
