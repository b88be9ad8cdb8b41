# points models: rules summed onto the base, clamped to 0..100; other score keys kept
P=$TESTDATA/score/profiles.ndjson
show() { sed 's/^{"uid":"\([^"]*\)".*"score":\({[^}]*}\).*/\1 \2/'; }
scrm-score --model "$TESTDATA/score/points.json" --as-of 2026-11-24 "$P" | show
echo "exit $?"
# 50 + 40 + 40 = 130 is clamped to 100; 50 - 80 = -30 to 0
echo "--only city"
scrm-score -m "$TESTDATA/score/points.json" --only city --as-of 2026-11-24 "$P" | show
echo "--only nosuch"
scrm-score -m "$TESTDATA/score/points.json" --only nosuch "$P"
echo "exit $?"
