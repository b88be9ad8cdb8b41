# the built-in taxonomy: printed, loaded by default and as --rules default,
# on hand-made profiles (with the catalogue) and on a generated population
scrm-tag --print-default > default.json
echo "exit $?"
echo "nodes: $(grep -c '"id"' default.json), tags (nodes with when): $(grep -c '"when"' default.json)"
echo "dimensions:" $(sed -n 's/.*"id": "\([^"/]*\)".*/\1/p' default.json)
p=$TESTDATA/tag/profiles.ndjson
scrm-tag --as-of 2026-11-24 "$p" > a
scrm-tag --as-of 2026-11-24 --rules default "$p" > b
scrm-tag --as-of 2026-11-24 --rules default.json "$p" > c
cmp a b && cmp a c && echo "built in = --rules default = the printed file"
echo "--- the fixtures, with the catalogue"
scrm-tag --as-of 2026-11-24 --catalog "$TESTDATA/tag/products.csv" --stats=stats.json "$p" |
	sed 's/^{"uid":"\([^"]*\)".*"tags":\(\[[^]]*\]\).*/\1 \2/'
sed 's/"seconds":[0-9.]*/"seconds":S/' stats.json
echo "--- a generated population (scrm-gen | scrm-clean | scrm-match --profiles)"
scrm-gen -n 300 -s 3 -d gen
for f in gen/*; do
	case $f in *truth*) continue ;; esac
	scrm-clean --as-of 2026-11-24 "$f" 2>/dev/null
done | scrm-match --profiles > gen.ndjson
cat gen.ndjson "$p" > all.ndjson
scrm-tag --as-of 2026-11-24 --catalog "$TESTDATA/tag/products.csv" --tag-table -O csv \
	all.ndjson > table.csv
n=$(wc -l < all.ndjson)
# every dimension tags someone; the broad ones tag most people
for d in $(sed -n 's/.*"id": "\([^"/]*\)".*/\1/p' default.json); do
	k=$(awk -F, -v d="$d" 'NR > 1 && index($2, d "/") == 1 { print $1 }' table.csv | sort -u | wc -l)
	if [ "$k" -eq 0 ]; then echo "$d: tags no one"; fi
	case $d in demographic | activity | value | contact | household)
		[ $((k * 2)) -ge "$n" ] || echo "$d: only $k of $n profiles" ;;
	esac
done
echo "every dimension covered"
# an exclusive group never gives two of its children
for g in $(sed -n 's/.*"id": "\([^"]*\)".*"exclusive": true.*/\1/p' default.json); do
	awk -F, -v g="$g/" 'NR > 1 && index($2, g) == 1 {
		rest = substr($2, length(g) + 1); sub(/\/.*/, "", rest)
		if (!(($1, rest) in seen)) { seen[$1, rest] = 1; if (++kids[$1] == 2) bad++ }
	} END { if (bad) print g ": " bad " profiles with two children" }' table.csv
done
echo "exclusive groups: $(grep -c '"exclusive": true' default.json) checked"
