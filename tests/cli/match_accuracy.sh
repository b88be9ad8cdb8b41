# Accuracy on the public record-linkage datasets (testdata/er/README.md):
# pairwise F1 against the targets of the scrm-match issue. The figures are
# printed to three decimals, so a model change that moves them shows here.
er=$TESTDATA/er
check() {	# label target file-with-truth truth-field [cross]
	f1=$(scrm-eval --truth "$4" ${5:+--cross "$5"} "$3" | sed 's/.*"pair_f1":\([0-9.]*\).*/\1/')
	echo "$1: pairwise F1 $(printf '%.3f' "$f1") (target $2): $(awk -v f="$f1" -v t="$2" 'BEGIN { print (f >= t) ? "met" : "NOT MET" }')"
}
truth_from_rec_id() { sed 's/"rec_id":"rec-\([0-9]*\)-[^"]*"/&,"truth":"\1"/'; }

scrm-match --model "$er/febrl.json" "$er/febrl3.csv" | truth_from_rec_id > febrl3.ndjson
check febrl3 0.995 febrl3.ndjson truth
scrm-match --model "$er/febrl.json" --link --one-to-one "$er/febrl4a.csv" "$er/febrl4b.csv" |
	truth_from_rec_id > febrl4.ndjson
check febrl4 0.995 febrl4.ndjson truth
scrm-match --model "$er/fake_1000.json" "$er/fake_1000.csv" > fake.ndjson
check fake_1000 0.92 fake.ndjson cluster
scrm-match --model "$er/historical.json" "$er/historical_50k.csv.gz" > hist.ndjson
check historical_50k 0.88 hist.ndjson cluster
