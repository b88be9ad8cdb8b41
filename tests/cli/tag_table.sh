# --tag-table: the long form, one {uid, tag} record per tag, NDJSON or CSV
rules=$TESTDATA/tag/rules_basic.json
cat > in.ndjson <<'J'
{"uid":"u1","member_id":"M1","n":25,"level":3,"flag":true}
{"member_id":"M2","n":40,"level":0}
{"uid":"u3","n":"35","level":"1","member":{"id":"M3"}}
J
scrm-tag --as-of 2026-11-24 --rules "$rules" --tag-table --stats=stats.json in.ndjson
echo "exit $?"
sed 's/"seconds":[0-9.]*/"seconds":S/' stats.json
echo "--- CSV with names"
scrm-tag --as-of 2026-11-24 --rules "$rules" --tag-table --names -O csv in.ndjson
echo "--- keyed by another field (a dotted path), TSV"
scrm-tag --rules "$rules" --tag-table --uid-field member.id -O tsv in.ndjson
scrm-tag --rules "$rules" --tag-table --uid-field member_id -o table.ndjson in.ndjson
cat table.ndjson
echo "--- the default taxonomy: rows = the tags of the records"
p=$TESTDATA/tag/profiles.ndjson
rows=$(scrm-tag --as-of 2026-11-24 --tag-table "$p" | wc -l)
tags=$(scrm-tag --as-of 2026-11-24 "$p" | sed 's/.*"tags":\[\([^]]*\)\].*/\1/' | tr ',' '\n' | grep -c .)
echo "$rows rows, $tags tags"
