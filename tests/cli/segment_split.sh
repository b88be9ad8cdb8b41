# --split: several audiences in one pass, each to its own file (atomic);
# a record may land in several; stdout gets a summary.
P=$TESTDATA/segment/customers.ndjson
cat > split.json <<'J'
{"audiences": [
  {"name": "need", "where": "score.replace_refrigerator >= 90", "output": "need.ndjson"},
  {"name": "need_named", "where": "score.replace_refrigerator >= 90 && community != \"\"", "output": "named.csv"},
  {"name": "everyone", "output": "all.ndjson.gz"}
]}
J
scrm-segment --split split.json --where 'lat != null' --select uid,community,score.replace_refrigerator --stats=st "$P"
echo "exit $?"
sed 's/,"seconds":[0-9.e-]*//' st
wc -l < need.ndjson
head -n 3 named.csv
gzip -dc all.ndjson.gz | wc -l
jq -c 'select(.lat != null and .score.replace_refrigerator >= 90) | {uid, community, score: {replace_refrigerator: .score.replace_refrigerator}}' "$P" | cmp - need.ndjson && echo "need: as jq"
ls
# a bad audience condition: exit 2, no file written
rm -f need.ndjson
printf '%s\n' '{"audiences": [{"name": "x", "where": "score >", "output": "x.ndjson"}]}' > bad.json
scrm-segment --split bad.json "$P"
echo "exit $?"
ls x.ndjson 2>/dev/null || echo "no x.ndjson"
