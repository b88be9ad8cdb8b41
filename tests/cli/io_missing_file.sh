# a file that cannot be opened: exit 3, nothing written to -o
scrm-clean no-such-file.csv; echo "exit $?"
scrm-clean --output=out.ndjson "$TESTDATA/raw/members.csv" no-such-file.csv; echo "exit $?"
ls
scrm-clean .; echo "exit $?"
