# --link: only pairs across the first file and the others; --one-to-one:
# at most one record of each side per person
scrm-match --model "$TESTDATA/er/febrl.json" --link --one-to-one --stats=s.json \
	"$TESTDATA/er/febrl4a.csv" "$TESTDATA/er/febrl4b.csv" > out.ndjson
echo "exit $?"
sed 's/.*\("people":[0-9]*\).*/\1/' s.json
scrm-match --link "$TESTDATA/er/febrl4a.csv"; echo "exit $?"
scrm-match --one-to-one "$TESTDATA/er/febrl4a.csv"; echo "exit $?"
