# --progress=always shows progress even when stderr is not a terminal;
# plain --progress shows nothing then
scrm-clean --progress=always "$TESTDATA/raw/members.csv" 2>&1 >/dev/null | tr '\r' '\n' | grep -c 'records, .* MB/s'
scrm-clean --progress "$TESTDATA/raw/members.csv" 2>&1 >/dev/null | wc -c
scrm-clean --progress=sometimes x; echo "exit $?"
