#!/bin/sh
# make demo: scrm-clean over the sample exports in testdata/raw (one per
# source system), then a short summary: records in, out and rejected per
# source, and the quality flags by kind. Output goes to demo-out/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
out=$top/demo-out
mkdir -p "$out/clean"
cd "$top/testdata/raw"

: > "$out/stats.ndjson"
for f in members.csv sales.csv service.csv ecommerce.ndjson iot.tsv callcenter.csv; do
	src=${f%%.*}
	set -- --as-of 2026-11-24 --dedupe --rejects="$out/clean/$src.rejects.ndjson" \
		--stats="$out/clean/$src.stats.json" -o "$out/clean/$src.ndjson"
	# the sales export comes with a column map; the others use the built-in synonyms
	[ "$src" = sales ] && set -- "$@" --map "$top/testdata/maps/sales.json"
	scrm-clean "$@" "$f" 2>/dev/null
	printf '%s ' "$src" >> "$out/stats.ndjson"
	cat "$out/clean/$src.stats.json" >> "$out/stats.ndjson"
done

echo "scrm-clean over testdata/raw (output in demo-out/clean/):"
echo
# each line: source name, then the --stats JSON of its run
awk '
function num(key,   s) {
	s = $0
	sub(".*\"" key "\":", "", s)
	sub("[^0-9].*", "", s)
	return s + 0
}
BEGIN { printf "  %-12s %6s %6s %9s %11s\n", "source", "in", "out", "rejected", "duplicates" }
{
	tin += num("in"); tout += num("out"); trej += num("rejected"); tdup += num("duplicates")
	printf "  %-12s %6d %6d %9d %11d\n", $1, num("in"), num("out"), num("rejected"), num("duplicates")
	flags = $0
	sub(".*\"flags\":\\{", "", flags)
	sub("\\}.*", "", flags)
	m = split(flags, kv, ",")
	for (i = 1; i <= m; i++) {
		split(kv[i], p, ":")
		gsub("\"", "", p[1])
		if (p[1] != "")
			count[p[1]] += p[2]
	}
}
END {
	printf "  %-12s %6d %6d %9d %11d\n", "total", tin, tout, trej, tdup
	print ""
	print "  flags by kind (records written):"
	for (f in count)
		printf "    %-28s %d\n", f, count[f] | "sort"
}' "$out/stats.ndjson"
echo
echo "  rejected records, with reasons: demo-out/clean/*.rejects.ndjson"
