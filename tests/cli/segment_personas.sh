# Personas: the built-in set (first match wins) and a rules file.
P=$TESTDATA/segment/profiles.ndjson
scrm-segment --personas --select uid --as-of 2026-11-24 "$P" | head -n 5
# the persona table
scrm-segment --personas -g segment,persona --count "$P"
# the built-in rules are a valid rules file
scrm-segment --print-personas > default.json
jq -r '.personas[] | "\(.id) \(.name)"' default.json
scrm-segment --personas=default.json -g segment --stats=st "$P" > a
sed 's/,"seconds":[0-9.e-]*//' st
scrm-segment --personas -g segment "$P" | cmp - a && echo "file = built-in"
cat > mine.json <<'J'
{"personas": [
  {"id": "qingdao_family", "name": "青岛家庭", "when": "city == \"青岛市\" && count(products) >= 2"},
  {"id": "rest", "name": "其余"}
]}
J
scrm-segment --personas=mine.json --select uid,city "$P" | head -n 3
# a persona after the default is unreachable: exit 2
printf '%s\n' '{"personas": [{"id": "all"}, {"id": "x", "when": "true"}]}' > bad.json
scrm-segment --personas=bad.json "$P"
echo "exit $?"
# a bad condition shows the caret
printf '%s\n' '{"personas": [{"id": "x", "when": "has(tags,"}]}' > bad2.json
scrm-segment --personas=bad2.json "$P"
echo "exit $?"
