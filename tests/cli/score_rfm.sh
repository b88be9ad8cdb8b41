# rfm: --fit writes NTILE(5) cut points; scoring places each person by them.
# On the fitting data R, F and M equal sqlite3's
#   ntile(5) OVER (ORDER BY recency DESC, uid), (ORDER BY frequency, uid), (ORDER BY monetary, uid)
# (tests/ref/rfm_ntile.sql; expected values committed in testdata/score/retail_rfm_expected.tsv)
R=$TESTDATA/score/retail_profiles.ndjson
cp "$TESTDATA/score/rfm.json" model.json
# not fitted yet
scrm-score -m model.json "$R" > /dev/null
echo "exit $?"
# in place (atomically)
scrm-score --fit -m model.json --as-of 2011-12-10 "$R"
echo "exit $?"
cat model.json
# -o: a new file, the same content
scrm-score --fit -m "$TESTDATA/score/rfm.json" --as-of 2011-12-10 -o fitted.json "$R"
cmp model.json fitted.json && echo "-o gives the same file"
scrm-score -m model.json --as-of 2011-12-10 "$R" > scored.ndjson
echo "exit $?"
sed 's/^{"uid":"\([^"]*\)".*"rfm":{"r":\([0-9]\),"f":\([0-9]\),"m":\([0-9]\),.*/\1	\2	\3	\4/' scored.ndjson > got.tsv
wc -l < got.tsv
if cmp got.tsv "$TESTDATA/score/retail_rfm_expected.tsv"; then echo "R, F, M equal sqlite3 ntile(5)"; fi
# bucket sizes: 442 = 89 + 89 + 88 + 88 + 88, larger buckets first
for c in 2 3 4; do cut -f $c got.tsv | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}'; echo; done
# segments and the combined score, 100 * (r + f + m - 3) / 12
sed 's/.*"segment":"\([^"]*\)".*/\1/' scored.ndjson | sort | uniq -c
head -n 3 scored.ndjson | sed 's/^{"uid":"\([^"]*\)".*"score":\({[^}]*}\),"rfm":\({[^}]*}\).*/\1 \2 \3/'
# a person without a purchase: score 0, no rfm object
echo '{"uid":"X","products":[]}' | scrm-score -m model.json --as-of 2011-12-10
# nothing to fit
scrm-score --fit -m "$TESTDATA/score/points.json" "$R"
echo "exit $?"
