# --lift: conversion in target vs control, the difference (95% Wald), the
# lift (95% Katz log interval), the pooled z test. Oracle: statsmodels
# (tests/ref/segment_lift_ref.py wrote testdata/segment/lift_expected.txt).
P=$TESTDATA/segment/lift.ndjson
scrm-segment --lift "$P" > lift.json
echo "exit $?"
cat lift.json
for k in difference difference_lo difference_hi lift lift_lo lift_hi z p_value; do
	v=$(jq ".$k" lift.json)
	awk -v k=$k -v v="$v" '$1 == k { d = v - $2; if (d < 0) d = -d
		printf "%s %s statsmodels %.6f %s\n", k, v, $2, d < 1e-6 ? "ok" : "DIFFERS" }' \
		"$TESTDATA/segment/lift_expected.txt"
done
# the groups of this run's --holdout, an outcome expression
scrm-segment --holdout 50 --seed 3 --lift --outcome 'converted == true' -O csv "$P"
# no control conversion: no lift, an interval with 0.5 added to each cell
printf '%s\n' '{"group":"target","ok":1}' '{"group":"target","ok":0}' '{"group":"control","ok":0}' '{"group":"control","ok":"no"}' '{"uid":"x"}' |
	scrm-segment --lift --outcome ok --stats=st
sed 's/,"seconds":[0-9.e-]*//' st
awk 'BEGIN { a1 = 1.5; n1 = 3; a0 = 0.5; n0 = 3; r = (a1 / n1) / (a0 / n0)
	s = sqrt(1 / a1 - 1 / n1 + 1 / a0 - 1 / n0)
	printf "hand: lift_lo %.6f lift_hi %.6f\n", exp(log(r) - 1.959963984540054 * s), exp(log(r) + 1.959963984540054 * s) }'
