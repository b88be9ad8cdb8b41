# logistic: --train fits by Newton/IRLS; unpenalised coefficients equal
# statsmodels' maximum-likelihood fit (tests/ref/logit_ref.py; expected values
# committed in testdata/score/retail_logit_expected.txt) within 1e-4
L=$TESTDATA/score/retail_logit.ndjson
scrm-score --train --label label --features 'log_frequency,log_monetary,recency / 30,uk' \
	--name repurchase --holdout 0 -o model.json "$L"
echo "exit $?"
# intercept first, then the weights in --features order
awk '/"weights"/ { w = 1; next } w && /}/ { w = 0 } w { sub(/,$/, ""); n = split($0, a, ": "); print a[n] }
	/"intercept"/ { sub(/,$/, ""); split($0, a, ": "); i = a[2] } END { print i }' model.json > got.txt
awk 'NR == FNR { got[NR] = $1; n = NR; next }
	{ want = $NF; g = FNR == 1 ? got[n] : got[FNR - 1]; d = g - want; if (d < 0) d = -d;
	  if (d > max) max = d; if (d > 1e-4) { bad++; print "differs:", $0, g } }
	END { printf "%d coefficients, %s\n", FNR, bad ? "MISMATCH" : "max |diff| < 1e-4" }' \
	got.txt "$TESTDATA/score/retail_logit_expected.txt"
# scoring with the trained model writes score.repurchase = 100 * sigmoid
scrm-score -m model.json --explain "$L" | head -n 2 | sed 's/^{"uid":"\([^"]*\)".*"score":/\1 /'
# a held-out share, a seed and an L2 penalty: the file states l2, AUC and log-loss
scrm-score --train --label label --features 'log_frequency,log_monetary,recency / 30,uk' \
	--name repurchase --holdout 0.25 --seed 7 --l2 1 -m model.json -o model2.json "$L"
echo "exit $?"
grep -c '"name"' model2.json
sed -n '/"l2": 1/,/}/p' model2.json
# separable and degenerate data must not hang: a warning, a model, exit 0
printf '%s\n' '{"x":1,"y":1}' '{"x":2,"y":1}' '{"x":-1,"y":0}' '{"x":-2,"y":0}' |
	scrm-score --train --label y --features x --name sep --holdout 0 > sep.json
echo "exit $?"
grep converged sep.json
printf '%s\n' '{"x":1,"y":1}' '{"x":1,"y":0}' '{"x":"a","y":1}' '{"x":3,"y":"maybe"}' |
	scrm-score --train --label y --features 'x, x * 2' --name deg --holdout 0 > deg.json
echo "exit $?"
# nothing to train on
echo '{"x":1}' | scrm-score --train --label y --features x --name none
echo "exit $?"
scrm-score --train --label y "$L"
echo "exit $?"
