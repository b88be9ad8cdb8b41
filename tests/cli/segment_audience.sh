# Audiences: --where, --select (dotted paths, nested back), --limit, CSV out.
P=$TESTDATA/segment/profiles.ndjson
scrm-segment --where 'city == "青岛市" && count(products) >= 2' --select uid,city,score.replace_refrigerator,events.purchase --as-of 2026-11-24 --stats=st "$P"
echo "exit $?"
sed 's/,"seconds":[0-9.e-]*//' st
# --limit: the first N in input order
scrm-segment --where 'city == "青岛市"' --select uid --limit 3 "$P"
# CSV: dotted columns
scrm-segment -O csv --where 'has(tags, "ownership/refrigerator")' --select uid,score.replace_refrigerator,district "$P"
# a missing field is null; no record matches: no output, exit 0
scrm-segment --where 'city == "拉萨市"' "$P"
echo "exit $?"
# the same filter as jq
a=$(scrm-segment --where 'score.activity > 5' "$P" | wc -l)
b=$(jq -c 'select(.score.activity > 5)' "$P" | wc -l)
echo "scrm $a jq $b"
# --limit stops reading once it has its records: --stats counts only those read
awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "{\"uid\":\"u%d\",\"x\":%d}\n", i, i }' > many.ndjson
scrm-segment --where 'x % 1000 == 0' --limit 2 --stats=lim.json many.ndjson
sed 's/.*\("in":[0-9]*,"out":[0-9]*\).*/\1/' lim.json
