# --nearest N --communities: per store the N nearest communities with the
# customers matching --where (by community name, else the nearest centroid
# within --assign-km unless the position is a district centroid);
# --format geojson: a FeatureCollection, [lon, lat], counts only.
P=$TESTDATA/segment/customers.ndjson
C=$TESTDATA/segment/communities.csv
scrm-segment --near 36.0671,120.3826 --nearest 5 --communities "$C" --where 'score.replace_refrigerator >= 50' --stats=st "$P"
echo "exit $?"
sed 's/,"seconds":[0-9.e-]*//' st
# by name only
scrm-segment --near 36.0671,120.3826 --nearest 3 --communities "$C" --assign-km 0 -O csv "$P"
# an oracle for C0227 by name: customers naming it
jq -r 'select(.community == "Community 0227") | .uid' "$P" | wc -l
# several stores; --radius bounds the communities
scrm-segment --stores "$TESTDATA/segment/stores.csv" --nearest 2 --radius 1 --communities "$C" "$P"
# GeoJSON
scrm-segment --stores "$TESTDATA/segment/stores.csv" --radius 2 --nearest 3 --communities "$C" --where 'score.replace_refrigerator >= 50' --format geojson --cell 0.5 --min-count 3 "$P" > map.geojson
echo "exit $?"
jq -r '.type' map.geojson
jq -r '[.features[].properties.kind] | group_by(.) | map("\(.[0]) \(length)") | .[]' map.geojson
jq -c '.features[] | select(.properties.kind == "store")' map.geojson
jq -c '[.features[] | select(.properties.kind == "cell") | .properties.count] | min' map.geojson
# longitude first: every x near 120, every y near 36
jq '[.features[] | .geometry | if .type == "Point" then [.coordinates] else .coordinates[0] end | .[] | (.[0] > 119 and .[0] < 122 and .[1] > 35 and .[1] < 37)] | all' map.geojson
# no personal field in a map
grep -q '"uid"' map.geojson || echo "no uid in the map"
