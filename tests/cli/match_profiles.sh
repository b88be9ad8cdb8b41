# --profiles: one record per person, golden values and everything seen
for f in "$TESTDATA"/raw/*; do scrm-clean --as-of 2026-11-24 "$f" 2>/dev/null; done > clean.ndjson
scrm-match --profiles clean.ndjson > profiles.ndjson
echo "exit $?"
wc -l < profiles.ndjson
grep '"M0001"' profiles.ndjson
