# --explain: each model's contributing terms under score_explain.<name>
scrm-score --explain --as-of 2026-11-24 "$TESTDATA/score/profiles.ndjson" |
	sed 's/^{"uid":"\([^"]*\)".*"score_explain":/\1 /'
echo "exit $?"
scrm-score --explain -m "$TESTDATA/score/points.json" --as-of 2026-11-24 "$TESTDATA/score/profiles.ndjson" |
	sed 's/^{"uid":"\([^"]*\)".*"score_explain":/\1 /'
