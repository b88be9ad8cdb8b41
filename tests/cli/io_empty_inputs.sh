# an empty file and a header-only file give no records and exit 0
: > empty.csv
printf 'name,phone\n' > header.csv
scrm-clean --stats empty.csv header.csv 2>&1 | sed 's/"seconds":[0-9.]*/"seconds":0/'
echo "exit $?"
scrm-clean -O csv header.csv | wc -c
printf '\n\n' | scrm-clean; echo "exit $?"
