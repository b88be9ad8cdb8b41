# rules and catalogue errors: exit 2 naming the file and the node; I/O errors exit 3
echo '{"uid":"u1"}' > in.ndjson
run() {	# rules text, then extra options
	printf '%s\n' "$1" > rules.json
	shift
	scrm-tag --rules rules.json "$@" in.ndjson
	echo "exit $?"
}
echo "--- bad JSON: line and column"
run '{"tags": [
  {"id": "a", "when": "true"},
  {"id": "b" "when": "true"}
]}'
echo "--- bad expression: a caret under the column"
run '{"tags": [{"id": "a/b", "when": "age >= 25 &&"}]}'
run '{"tags": [{"id": "x", "when": "years_since(birthdate, 1) > 3"}]}'
echo "--- duplicate id"
run '{"tags": [{"id": "a", "when": "true"}, {"id": "a/b", "when": "true"}, {"id": "a", "name": "A"}]}'
echo "--- unknown key"
run '{"tags": [{"id": "a", "whne": "true"}]}'
run '{"tags": [], "version": 2}'
echo "--- missing or bad id"
run '{"tags": [{"id": "a", "when": "true"}, {"name": "no id"}]}'
run '{"tags": [{"id": "a//b", "when": "true"}]}'
run '{"tags": [{"id": 7}]}'
echo "--- bad member types"
run '{"tags": [{"id": "a", "when": true}]}'
run '{"tags": [{"id": "a", "exclusive": "yes"}]}'
run '{"tags": {"id": "a"}}'
run '[]'
echo "--- a missing rules file"
scrm-tag --rules no-such.json in.ndjson
echo "exit $?"
echo "--- bad --as-of"
scrm-tag --as-of 2026-13-01 in.ndjson
echo "exit $?"
echo "--- catalogue without a sku, with a sku twice, missing"
printf 'code,category\nX1,tv\n' > cat1.csv
scrm-tag --catalog cat1.csv in.ndjson
echo "exit $?"
printf 'sku,category\nX1,tv\nX2,tv\nX1,washer\n' > cat2.csv
scrm-tag --catalog cat2.csv in.ndjson
echo "exit $?"
scrm-tag --catalog no-such.csv in.ndjson
echo "exit $?"
echo "--- a bad input line is rejected, the run goes on"
printf '{"uid":"u1"}\n{"uid":\n{"uid":"u3"}\n' | scrm-tag --rules "$TESTDATA/tag/rules_basic.json" --tag-table
echo "exit $?"
