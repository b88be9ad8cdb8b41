# TSV detected from the header; Unix times in seconds and milliseconds
scrm-clean --as-of 2026-11-24 "$TESTDATA/raw/iot.tsv"
