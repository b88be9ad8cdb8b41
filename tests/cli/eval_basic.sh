# The hand example of tests/unit/test_eval.c: truth a = {1,2,3}, b = {4,5};
# predicted x = {1,2}, y = {3,4}, z = {5}. Pairs: 4 true, 2 predicted,
# tp 1 (1,2), fp 1 (3,4), fn 3 -> precision 1/2, recall 1/4, F1 1/3.
# B-cubed precision (1 + 1 + 1/2 + 1/2 + 1) / 5 = 0.8,
# recall (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5 = 8/15, F1 0.64.
# Records 6 (no person) and 7 (person "") are left out: no_truth 2.
scrm-eval --truth person "$TESTDATA/eval/hand.ndjson"
echo "--- the same from CSV, gzip on stdin, --pred given, with the table on stderr"
gzip -c "$TESTDATA/eval/hand.csv" | scrm-eval --truth=person --pred=uid --table 2>&1
echo "--- CSV and TSV out"
scrm-eval --truth person -O csv "$TESTDATA/eval/hand.csv"
scrm-eval --truth person -O tsv "$TESTDATA/eval/hand.csv" | cut -f 1-8
echo "--- a record without a prediction is a cluster of its own (no_pred)"
printf '%s\n' '{"p":1,"uid":"u"}' '{"p":1,"uid":"u"}' '{"p":1}' '{"p":1,"uid":""}' |
	scrm-eval --truth p --table
echo "--- labels compare as text: 7 and \"7\" are one cluster, 7.0 another"
printf '%s\n' '{"p":7,"uid":"7"}' '{"p":"7","uid":7}' '{"p":7.0,"uid":7}' |
	scrm-eval --truth p
echo "--- a dotted path"
printf '%s\n' '{"t":{"id":"a"},"m":{"id":1}}' '{"t":{"id":"a"},"m":{"id":1}}' |
	scrm-eval --truth t.id --pred m.id
echo "--- perfect, and nothing to score (undefined scores are null)"
scrm-eval --truth uid "$TESTDATA/eval/hand.csv"
printf 'person,uid\n' | scrm-eval --truth person --table
echo "--- same input, same bytes; -o writes the file"
scrm-eval --truth person "$TESTDATA/eval/hand.csv" >a.json
scrm-eval --truth person -o b.json "$TESTDATA/eval/hand.csv"
scrm-eval --truth person -o c.json.gz "$TESTDATA/eval/hand.csv"
cmp a.json b.json && gzip -dc c.json.gz | cmp - a.json && echo identical
echo "--- files are read as one set of records: split in two, the same scores"
head -n 4 "$TESTDATA/eval/hand.csv" >h1.csv
{ head -n 1 "$TESTDATA/eval/hand.csv"; tail -n +5 "$TESTDATA/eval/hand.csv"; } >h2.csv
scrm-eval --truth person h1.csv h2.csv | cmp - a.json && echo identical
