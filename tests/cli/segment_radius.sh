# --near --radius: the records within KM (haversine, R = 6371.0088 km),
# with distance_km; --stores: per store in one pass. Oracle: an awk
# haversine over the same file.
P=$TESTDATA/segment/customers.ndjson
S=$TESTDATA/segment/stores.csv
jq -r 'select(.lat != null) | "\(.lat) \(.lon) \(.score.replace_refrigerator)"' "$P" > pts
oracle() {	# lat lon km min_score
	awk -v la="$1" -v lo="$2" -v km="$3" -v min="$4" 'BEGIN { r = 6371.0088; d = atan2(0, -1) / 180 }
	$3 >= min {
		a = sin(($1 - la) * d / 2) ^ 2 + cos(la * d) * cos($1 * d) * sin(($2 - lo) * d / 2) ^ 2
		if (2 * r * atan2(sqrt(a), sqrt(1 - a)) <= km) n++
	}
	END { print n + 0 }' pts
}
scrm-segment --near 36.0671,120.3826 --radius 5 --where 'score.replace_refrigerator >= 70' --stats=st "$P" > near.ndjson
echo "exit $?"
sed 's/,"seconds":[0-9.e-]*//' st
echo "near: $(wc -l < near.ndjson) oracle: $(oracle 36.0671 120.3826 5 70)"
jq -c '{uid, distance_km}' near.ndjson | head -n 3
jq -s 'map(.distance_km <= 5) | all' near.ndjson
# the same through the expression language
scrm-segment --where 'score.replace_refrigerator >= 70 && distance_km(lat, lon, 36.0671, 120.3826) <= 5' "$P" | wc -l
# many stores in one pass: a record counts for every store that holds it
scrm-segment --stores "$S" --radius 3 --where 'score.replace_refrigerator >= 70' "$P"
tail -n +2 "$S" | while IFS=, read -r id name lat lon; do
	echo "$id oracle $(oracle "$lat" "$lon" 3 70)"
done
# per store and group
scrm-segment --stores "$S" -r 3 --group-by 'score.replace_refrigerator >= 50' --top 1 "$P"
