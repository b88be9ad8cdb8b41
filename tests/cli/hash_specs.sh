# scrm-hash --spec: every platform on the same people; each digest is shown
# with the vectors.csv row that publishes or computes it (- when none does)
v=$TESTDATA/hash/vectors.csv
people=$TESTDATA/hash/people.ndjson
label() {	# replaces each digest by digest=VECTOR-ID
	while IFS= read -r line; do
		for h in $(printf '%s\n' "$line" | grep -o -E '[0-9a-f]{32,64}|[A-Za-z0-9+/]{43}='); do
			id=$(grep -F "\"$h\"" "$v" | head -n 1 | cut -d, -f1 | tr -d '"')
			line=$(printf '%s\n' "$line" | sed "s|$h|${h%"${h#????????}"}..=${id:--}|")
		done
		printf '%s\n' "$line"
	done
}
for spec in meta google uid2; do
	echo "--- $spec --region US"
	scrm-hash --spec $spec --region US --stats=st "$people" | label
	sed 's/"seconds":[0-9.]*/"seconds":S/' st
done
for spec in tencent oceanengine sha256; do
	echo "--- $spec"
	scrm-hash --spec $spec "$people" | label
done
echo "--- google sha256-b64, csv, --id-field, --keep"
scrm-hash -s google -a sha256-b64 --id-field uid --keep segment -O csv "$people" 2>/dev/null | label
echo "--- sha256 md5 --quote-all"
scrm-hash --algo md5 -O csv --quote-all "$people" 2>/dev/null | label
echo "--- excel-safe"
scrm-hash --spec uid2 --keep segment -O csv --excel-safe "$people" 2>/dev/null
echo "--- default region CN reads 1 (650) 555-1212 as a mainland number"
echo '{"uid":"X","phone":"1 (650) 555-1212"}' | scrm-hash --spec meta | label
echo "--- spec errors"
scrm-hash --spec facebook "$people"; echo "exit $?"
scrm-hash --spec meta --algo md5 "$people"; echo "exit $?"
scrm-hash --spec google --algo hmac-sha256 "$people"; echo "exit $?"
scrm-hash --region usa "$people"; echo "exit $?"
scrm-hash --keep name "$people"; echo "exit $?"
scrm-hash --keep "segment,address.city" "$people"; echo "exit $?"
scrm-hash --id-field phone "$people"; echo "exit $?"
