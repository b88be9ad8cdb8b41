# activity: sum of weight * 2^(-days/half_life) over event_dates, 100 * (1 - exp(-x/scale))
# P03: online 14 days and 0 days ago, half-life 10, scale 1:
#   x = 2^-1.4 + 1 = 1.3789, score = 100 * (1 - e^-1.3789) = 74.8
scrm-score -m "$TESTDATA/score/activity.json" --as-of 2026-11-24 "$TESTDATA/score/profiles.ndjson" |
	sed 's/^{"uid":"\([^"]*\)".*"score":\({[^}]*}\).*/\1 \2/'
echo "exit $?"
awk 'BEGIN { x = 2 ^ -1.4 + 1; printf "expected P03 activity %.1f\n", 100 * (1 - exp(-x)) }'
# a date after the as-of date counts as today; no event_dates gives 0
printf '%s\n' '{"uid":"F","event_dates":{"online":["2027-01-01"]}}' '{"uid":"N"}' |
	scrm-score -m "$TESTDATA/score/activity.json" --as-of 2026-11-24 --explain
