# members export: every normaliser on Chinese headers
scrm-clean --as-of 2026-11-24 "$TESTDATA/raw/members.csv"
