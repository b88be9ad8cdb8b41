# --drop-invalid: records with no usable identifier go to the rejects stream
scrm-clean --as-of 2026-11-24 --drop-invalid --rejects=rej.ndjson "$TESTDATA/raw/callcenter.csv" | wc -l
cat rej.ndjson
