scrm-clean --as-of 2026-11-24 "$TESTDATA/raw/service.csv"
