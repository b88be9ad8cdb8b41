# --model reads a model of one's own; --model-out writes the estimated one;
# a bad model is a configuration error (exit 2)
scrm-match --model "$TESTDATA/er/fake_1000.json" --model-out=model.json "$TESTDATA/er/fake_1000.csv" > out.ndjson
echo "exit $?"
grep -c '"level": "exact"' model.json
printf '{"comparisons": [{"name": "x", "fields": "a", "type": "fuzzy"}], "blocking": [["a"]]}' > m1.json
printf '{"blocking": [["prefix(a)"]]}' > m2.json
printf '{"threshold": 2}' > m3.json
printf '{"colour": "red"}' > m4.json
for m in m1.json m2.json m3.json m4.json missing.json; do
	echo '{"a":"x"}' | scrm-match --model="$m" > /dev/null; echo "exit $?"
done
# the model written is a model to use again: same m and u, same links
scrm-match --model=model.json --model-out=again.json "$TESTDATA/er/fake_1000.csv" > again.ndjson
echo "exit $?"
cmp out.ndjson again.ndjson && echo "same links"
grep -v random_prior model.json > a.json; grep -v random_prior again.json > b.json
cmp a.json b.json && echo "same model"
# m and u for every level or for none
sed '0,/"levels"/s/"levels"/"levels_off"/' model.json > m5.json
echo '{"a":"x"}' | scrm-match --model=m5.json > /dev/null; echo "exit $?"
