# cleaning scrm-clean's own output changes nothing, in NDJSON and in CSV
for f in members.csv sales.csv service.csv ecommerce.ndjson iot.tsv callcenter.csv; do
	scrm-clean --as-of 2026-11-24 "$TESTDATA/raw/$f" 2>/dev/null > once.ndjson
	scrm-clean --as-of 2026-11-24 once.ndjson > twice.ndjson
	cmp once.ndjson twice.ndjson && echo "$f: ndjson same"
done
scrm-clean --as-of 2026-11-24 -O csv "$TESTDATA/raw/members.csv" > once.csv
scrm-clean --as-of 2026-11-24 -O csv once.csv > twice.csv
cmp once.csv twice.csv && echo "members: csv same"
