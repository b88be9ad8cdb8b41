# rules-file semantics: gating, exclusive groups, implicit groups, 7+ levels,
# sorted unique tags replacing any tags in the input, --names, several --rules
cat > in.ndjson <<'J'
{"uid":"u1","n":25,"level":8,"flag":true,"tags":["stale","a"]}
{"uid":"u2","n":40,"level":3,"flag":false,"first_seen":"2020-01-01"}
{"uid":"u3","n":"35","level":"5","flag":1,"first_seen":"2021-11-25"}
{"n":null,"level":0}
J
rules=$TESTDATA/tag/rules_basic.json
scrm-tag --as-of 2026-11-24 --rules "$rules" in.ndjson
echo "exit $?"
echo "--- names"
scrm-tag --as-of 2026-11-24 --rules "$rules" --names in.ndjson | head -n 2
echo "--- a second file redefines age/young and adds extra/loyal"
scrm-tag --as-of 2026-11-24 --rules "$rules" --rules "$TESTDATA/tag/rules_more.json" \
	--stats=stats.json in.ndjson | sed 's/.*"tags"/"tags"/'
sed 's/"seconds":[0-9.]*/"seconds":S/' stats.json
echo "--- same bytes with 1 and 3 threads"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat in.ndjson; done > many.ndjson
scrm-tag --as-of 2026-11-24 --rules "$rules" --threads=1 many.ndjson > a
scrm-tag --as-of 2026-11-24 --rules "$rules" -j 3 many.ndjson > b
cmp a b && wc -l < a
echo "--- unbuffered, from stdin"
head -n 1 in.ndjson | scrm-tag -u --as-of 2026-11-24 --rules "$rules" | sed 's/.*"tags"/"tags"/'
