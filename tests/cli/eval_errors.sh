# Usage errors exit 2; data that cannot be scored exits 1 with the file
# and line; malformed rows are rejected and counted, as everywhere.
h=$TESTDATA/eval/hand.csv
t=$TESTDATA/eval/truth.csv
m=$TESTDATA/eval/match.ndjson
scrm-eval "$h"; echo "exit $?"
scrm-eval --truth= "$h"; echo "exit $?"
scrm-eval --truth person --pred '' "$h"; echo "exit $?"
scrm-eval --truth person --cross= "$h"; echo "exit $?"
scrm-eval --truth person --truth-file "$t" "$m"; echo "exit $?"
scrm-eval --truth person --key src,rid "$m"; echo "exit $?"
scrm-eval --truth person --truth-file "$t" --key src,,rid "$m"; echo "exit $?"
echo "--- a field the CSV header does not have"
scrm-eval --truth persn "$h"; echo "exit $?"
scrm-eval --truth person --pred uidd "$h"; echo "exit $?"
scrm-eval --truth person --cross src "$h"; echo "exit $?"
scrm-eval --truth persn --truth-file "$t" --key src,rid "$m"; echo "exit $?"
scrm-eval --truth person --truth-file "$t" --key source,rid "$m"; echo "exit $?"
echo "--- a field no NDJSON record has"
scrm-eval --truth persn "$TESTDATA/eval/hand.ndjson"; echo "exit $?"
scrm-eval --truth person --pred uidd "$TESTDATA/eval/hand.ndjson"; echo "exit $?"
scrm-eval --truth person --cross src "$TESTDATA/eval/hand.ndjson"; echo "exit $?"
printf '%s\n' '{"src":"members","uid":"u1"}' |
	scrm-eval --truth person --truth-file "$t" --key src,rid; echo "exit $?"
echo "--- truth files that cannot be trusted"
{ cat "$t"; echo "members,M1,P9,H1"; } >conflict.csv
scrm-eval --truth person --truth-file conflict.csv --key src,rid "$m"; echo "exit $?"
{ cat "$t"; echo ",M9,P9,H1"; } >nokey.csv
scrm-eval --truth person --truth-file nokey.csv --key src,rid "$m"; echo "exit $?"
{ cat "$t"; echo "sales,S9,P9"; } >ragged.csv
scrm-eval --truth person --truth-file ragged.csv --key src,rid "$m"; echo "exit $?"
scrm-eval --truth person --truth-file missing.csv --key src,rid "$m"; echo "exit $?"
scrm-eval --truth person missing.ndjson; echo "exit $?"
echo "--- malformed rows: rejected with file and line, counted, the rest scored"
{ cat "$h"; echo '8,"b,z'; echo '9,b,z,extra'; } >bad.csv
scrm-eval --truth person bad.csv; echo "exit $?"
scrm-eval --truth person --rejects=rej.ndjson --stats=stats.json bad.csv; echo "exit $?"
cat rej.ndjson
sed 's/"seconds":[0-9.]*/"seconds":S/' stats.json
scrm-eval --truth person --stats -i csv bad.csv 2>&1 >/dev/null |
	sed 's/"seconds":[0-9.]*/"seconds":S/'
echo "--- --strict, --max-rejects"
scrm-eval --truth person --strict bad.csv; echo "exit $?"
scrm-eval --truth person --max-rejects=1 bad.csv; echo "exit $?"
scrm-eval --truth person --max-rejects=20% -o out.json bad.csv; echo "exit $?"
ls out.json 2>/dev/null || echo "no out.json"
scrm-eval --truth person --max-rejects=30% bad.csv; echo "exit $?"
echo "--- -i forces the input format"
scrm-eval --truth person -i ndjson "$h"; echo "exit $?"
