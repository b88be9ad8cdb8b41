# quoted multi-line text kept as written; ID cards derive birthdate and gender
scrm-clean --as-of 2026-11-24 "$TESTDATA/raw/callcenter.csv"
