# the default models (data/models/default.json, built in) on profiles from
# scrm-match (testdata/score/match_profiles.ndjson: testdata/raw/* through
# scrm-clean --as-of 2026-11-24 and scrm-match --profiles); the same output
# whatever the number of threads
P=$TESTDATA/score/match_profiles.ndjson
cat "$P" "$P" "$P" "$P" "$TESTDATA/score/profiles.ndjson" > many.ndjson
scrm-score --as-of 2026-11-24 --threads 1 many.ndjson > t1.ndjson
echo "exit $?"
scrm-score --as-of 2026-11-24 --threads 2 many.ndjson > t2.ndjson
cmp t1.ndjson t2.ndjson && echo "--threads 1 and 2: identical"
scrm-score --as-of 2026-11-24 --stats=stats.json many.ndjson > /dev/null
sed 's/,"seconds":[0-9.e-]*//' stats.json
scrm-score --as-of 2026-11-24 "$TESTDATA/score/profiles.ndjson" | sed 's/^{"uid":"\([^"]*\)".*"score":\({[^}]*}\).*/\1 \2/'
# CSV: score.<name> columns
scrm-score --as-of 2026-11-24 -O csv --only activity,propensity "$TESTDATA/score/profiles.ndjson" | head -n 1 | tr ',' '\n' | grep score
