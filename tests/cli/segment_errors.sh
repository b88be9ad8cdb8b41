# Errors: exit 2 for usage and configuration (the caret under a bad
# expression, file and line of a bad row), 3 for unreadable files; no
# personal data in a message.
P=$TESTDATA/segment/profiles.ndjson
scrm-segment --where 'score.replace_refrigerator >= 70 &&' "$P"; echo "exit $?"
scrm-segment --where 'city == "青岛市"' --group-by 'city ==' "$P"; echo "exit $?"
scrm-segment no-such-file.ndjson; echo "exit $?"
printf 'id,name,lat,lon\nA,a,36.1,120.4\nB,b,north,120.4\n' > stores.csv
scrm-segment --stores stores.csv --radius 1 "$P"; echo "exit $?"
scrm-segment --stores missing.csv --radius 1 "$P"; echo "exit $?"
scrm-segment --centroids missing.json "$P"; echo "exit $?"
echo '{"features": ["a"], "centroids": []}' > c.json
scrm-segment --centroids c.json "$P"; echo "exit $?"
scrm-segment --radius 5 "$P"; echo "exit $?"
scrm-segment --near 36,120 --format svg "$P"; echo "exit $?"
scrm-segment --near 36 --radius 1 "$P"; echo "exit $?"
scrm-segment --format png "$P"; echo "exit $?"
scrm-segment --lift --group-by city "$P"; echo "exit $?"
scrm-segment --sample 3 --limit 2 "$P"; echo "exit $?"
scrm-segment --personas --centroids c.json "$P"; echo "exit $?"
scrm-segment --select uid --count "$P"; echo "exit $?"
# a bad line is rejected with its file and line, the run goes on
printf '%s\n' '{"uid":"a","city":"x"}' '{"uid":' '{"uid":"b","city":"x"}' > bad.ndjson
scrm-segment --where 'city == "x"' --select uid bad.ndjson; echo "exit $?"
# closing the pipe early is quiet
scrm-segment "$TESTDATA/segment/customers.ndjson" | head -n 1 | wc -l
