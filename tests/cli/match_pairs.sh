# --pairs: every candidate pair with the weight of each comparison; --threshold moves the cut
for f in "$TESTDATA"/raw/members.csv "$TESTDATA"/raw/sales.csv; do scrm-clean --as-of 2026-11-24 "$f" 2>/dev/null; done > clean.ndjson
scrm-match --pairs clean.ndjson > pairs.ndjson
echo "exit $?"
head -n 2 pairs.ndjson
grep -c '"match":true' pairs.ndjson
scrm-match --pairs --threshold=0.999999 clean.ndjson | grep -c '"match":true'
scrm-match --threshold=1.5 clean.ndjson; echo "exit $?"
scrm-match --pairs --profiles clean.ndjson; echo "exit $?"
