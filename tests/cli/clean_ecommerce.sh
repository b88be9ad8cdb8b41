# NDJSON input: numbers keep their text, a bad JSON line is rejected with file and line
scrm-clean --as-of 2026-11-24 --stats "$TESTDATA/raw/ecommerce.ndjson" 2>err
cat err | sed 's/"seconds":[0-9.]*/"seconds":0/'
