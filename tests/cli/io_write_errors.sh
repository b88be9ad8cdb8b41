# a full disk is an I/O error (exit 3); a closed pipe ends the tool quietly
scrm-clean "$TESTDATA/raw/members.csv" > /dev/full; echo "exit $?"
awk 'BEGIN { print "name,phone"; for (i = 0; i < 200000; i++) print "张三,1396408" sprintf("%04d", i % 10000) }' > many.csv
scrm-clean many.csv | head -n 1
scrm-clean many.csv 2>err | head -n 1 > /dev/null
wc -c < err
