# cross_purchase (owns X, lacks Y) and set_purchase (share of a set owned)
scrm-score -m "$TESTDATA/score/cross_set.json" --as-of 2026-11-24 "$TESTDATA/score/profiles.ndjson" |
	sed 's/^{"uid":"\([^"]*\)".*"score":\({[^}]*}\).*/\1 \2/'
echo "exit $?"
