# --keep-raw keeps the original of every changed or removed value
scrm-clean --as-of 2026-11-24 --keep-raw "$TESTDATA/raw/members.csv" | head -n 3
