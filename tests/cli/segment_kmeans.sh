# K-means: --fit writes the centroids (standardised features, k-means++
# from --seed, best of --n-init by inertia); --centroids assigns segment.
# Oracle: scikit-learn's best of 10 starts on the same standardised data
# (tests/ref/kmeans_ref.py wrote testdata/segment/kmeans_expected.txt):
# ours must be at most 1.01 times its inertia.
P=$TESTDATA/segment/kmeans.ndjson
F=score.activity,score.propensity,score.cross_freezer
scrm-segment --kmeans 4 --features $F --fit --seed 1 --n-init 10 -o c.json --stats=stats.json "$P"
echo "exit $?"
jq -c '{k, features, n, sizes: [.centroids[].size]}' c.json
ours=$(jq .inertia c.json)
awk -v ours="$ours" '$1 == "sklearn_inertia" {
	printf "inertia within 1%% of scikit-learn: %s\n", (ours <= 1.01 * $2) ? "yes" : "NO (" ours " vs " $2 ")" }' \
	"$TESTDATA/segment/kmeans_expected.txt"
jq -c '{fitted, inertia}' stats.json | awk -v ours="$ours" '{ print (index($0, ours) ? "stats: inertia" : "stats: differs") }'
# deterministic: another run gives the same file
scrm-segment --kmeans 4 --features $F --fit --seed 1 "$P" | cmp - c.json && echo "same centroids"
# assignment streams: every record gets its nearest centroid
scrm-segment --centroids c.json --select uid "$P" | head -n 3
scrm-segment --centroids c.json -g segment "$P" | jq -c '[.segment, .count]' | tr '\n' ' '; echo
jq -c '[.centroids[] | [.segment, .size]]' c.json
# a record without the features gets segment null
echo '{"uid":"x","score":{"activity":"high"}}' | scrm-segment --centroids c.json
# --features without --fit, or no K: exit 2
scrm-segment --kmeans 3 --features a "$P"; echo "exit $?"
scrm-segment --fit --features a "$P"; echo "exit $?"
