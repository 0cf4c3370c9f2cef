# redirection: >, >>, <, 2>, and && || ;
cd /tmp
echo first > r.txt
echo second >> r.txt
cat < r.txt
wc -l < r.txt
ls /no/such/file 2> err.txt; echo status $?
cat err.txt
true && echo and-ran
false && echo and-skipped; echo after
false || echo or-ran
rm r.txt err.txt; ls r.txt 2> /dev/null || echo gone
