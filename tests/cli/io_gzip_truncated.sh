# a truncated gzip stops the run with exit 1; -o leaves no file behind
cp "$TESTDATA/raw/members.csv" m.csv
gzip -c m.csv > m.csv.gz
head -c 300 m.csv.gz > cut.csv.gz
scrm-clean --output=out.ndjson cut.csv.gz; echo "exit $?"
ls
printf 'not gzip' | cat m.csv.gz - > junk.gz
scrm-clean junk.gz > /dev/null; echo "exit $?"
