# --format svg: a self-contained heat map: well-formed XML that renders
# (xmllint, rsvg-convert from librsvg2-bin), deterministic.
P=$TESTDATA/segment/customers.ndjson
C=$TESTDATA/segment/communities.csv
scrm-segment --near 36.0671,120.3826 --radius 5 --nearest 30 --communities "$C" --where 'score.replace_refrigerator >= 50' --format svg --min-count 2 --title 'Store 1: refrigerators due' -o map.svg "$P"
echo "exit $?"
xmllint --noout map.svg && echo "well-formed"
rsvg-convert -o map.png map.svg && echo "rendered"
od -A n -t x1 -N 8 map.png
scrm-segment --near 36.0671,120.3826 --radius 5 --nearest 30 --communities "$C" --where 'score.replace_refrigerator >= 50' --format svg --min-count 2 --title 'Store 1: refrigerators due' -j 1 "$P" | cmp - map.svg && echo "deterministic"
for what in '<title>Store 1' 'stroke-dasharray="8 5"' 'Customers per cell' 'cells under 2 hidden' '2.5 km</text>' 'within 5 km'; do
	grep -c -- "$what" map.svg | sed "s|^|$what: |"
done
grep -c '<rect x=' map.svg
grep -c 'S0' map.svg
# a larger cell, a title to escape, several stores
scrm-segment --stores "$TESTDATA/segment/stores.csv" --radius 3 --format svg --cell 1 --title 'A & B <c>' "$P" > m2.svg
xmllint --noout m2.svg && echo "escaped"
rsvg-convert m2.svg > m2.png && echo "rendered"
