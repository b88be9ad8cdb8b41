# replacement: rises with the age of the newest product of the category;
# service tickets and a fault raise it; nothing owned gives 0
# a sweep: a refrigerator bought 0, 0.5, 1, ... 20 years before the as-of date
awk 'BEGIN { for (i = 0; i <= 40; i++) {
	y = 2026 - int(i / 2); m = (i % 2) ? "05" : "11";
	printf "{\"uid\":\"S%02d\",\"products\":[{\"category\":\"refrigerator\",\"date\":\"%d-%s-24\"}]}\n", i, y, m } }' > sweep.ndjson
scrm-score -m "$TESTDATA/score/replacement.json" --as-of 2026-11-24 sweep.ndjson > out.ndjson
echo "exit $?"
sed 's/.*"date":"\([^"]*\)".*"fridge":\([0-9.]*\),"fridge_plain":\([0-9.]*\).*/\1 \2 \3/' out.ndjson
# monotone: never falls as the product gets older, rises until it saturates
sed 's/.*"fridge_plain":\([0-9.]*\).*/\1/' out.ndjson | awk '
	NR > 1 && $1 < prev { bad++ } NR > 1 && $1 == prev && $1 < 99.9 { flat++ } { prev = $1 }
	END { print (bad ? "FALLS" : "non-decreasing"), (flat ? "with plateaus below 100" : "strictly rising below 100") }'
# the newest counts; services (+5 each, at most 20) and a fault (+15) raise it; none owned = 0
cat > more.ndjson <<'X'
{"uid":"A","products":[{"category":"refrigerator","date":"2016-11-24"},{"category":"refrigerator","date":"2024-11-24"}]}
{"uid":"B","products":[{"category":"refrigerator","date":"2016-11-24","services":1}]}
{"uid":"C","products":[{"category":"refrigerator","date":"2016-11-24","services":9}]}
{"uid":"D","products":[{"category":"refrigerator","date":"2016-11-24","services":1,"fault":"E1"}]}
{"uid":"E","products":[{"category":"washer","date":"2010-01-01"}]}
{"uid":"F","products":[{"category":"dishwasher","date":"2017-11-24"}]}
X
scrm-score -m "$TESTDATA/score/replacement.json" --as-of 2026-11-24 more.ndjson |
	sed 's/^{"uid":"\([^"]*\)".*"score":\({[^}]*}\).*/\1 \2/'
# a category without a known service life needs "life"
echo '{"models":[{"name":"x","type":"replacement","category":"dryer"}]}' > bad.json
scrm-score -m bad.json more.ndjson
echo "exit $?"
