# CSV out: the declared columns, arrays joined with |, minimal quoting; then --quote-all
scrm-clean --as-of 2026-11-24 --output-format=csv "$TESTDATA/raw/service.csv"
echo "--- quote-all"
scrm-clean --as-of 2026-11-24 --output-format=csv --quote-all "$TESTDATA/raw/iot.tsv" | head -n 2
echo "--- tsv"
scrm-clean --as-of 2026-11-24 --output-format=tsv "$TESTDATA/raw/iot.tsv" | cut -f 1-6
