#!/bin/sh
# make demo: the pipeline over the sample exports in testdata/raw (one per
# source system): scrm-clean (records in, out and rejected per source, the
# quality flags by kind), scrm-match --profiles (people, households),
# scrm-tag (tag coverage), scrm-score (score distributions), scrm-segment
# (an audience, personas, a heat map) and scrm-hash (a partner file and a
# two-party PSI match with the overlap checked in the clear). Output
# goes to demo-out/.
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

# ---- identity resolution ----
cat "$out"/clean/members.ndjson "$out"/clean/sales.ndjson "$out"/clean/service.ndjson \
	"$out"/clean/ecommerce.ndjson "$out"/clean/iot.ndjson "$out"/clean/callcenter.ndjson |
	scrm-match --profiles --stats="$out/match.stats.json" -o "$out/profiles.ndjson"
echo
echo "scrm-match --profiles (output in demo-out/profiles.ndjson):"
awk '
function num(key,   s) { s = $0; sub(".*\"" key "\":", "", s); sub("[^0-9].*", "", s); return s + 0 }
{ printf "  %d records -> %d people in %d households; %d candidate pairs, %d linked by an identifier, %d by score\n",
	num("records"), num("people"), num("households"), num("candidate_pairs"),
	num("deterministic"), num("probabilistic") }' "$out/match.stats.json"
awk '
{
	n++
	name = $0; sub(/.*"name":"/, "", name); sub(/".*/, "", name)
	if ($0 !~ /"name":"/) name = "(no name)"
	recs = $0; sub(/.*"records":/, "", recs); sub(/[^0-9].*/, "", recs)
	prods = gsub(/"category":"/, "&")
	srcs = $0; sub(/.*"sources":\[/, "", srcs); sub(/\].*/, "", srcs); gsub(/"/, "", srcs)
	if (recs + 0 > 1)
		printf "  %-10s %2d records from %-40s %d products\n", name, recs, srcs, prods
	products += prods
}
END { printf "  %d products owned in all\n", products }' "$out/profiles.ndjson"

# ---- tags and scores ----
scrm-tag --as-of 2026-11-24 --catalog "$top/testdata/tag/products.csv" \
	--stats="$out/tag.stats.json" -o "$out/tagged.ndjson" "$out/profiles.ndjson"
scrm-score --as-of 2026-11-24 --stats="$out/score.stats.json" -o "$out/scored.ndjson" \
	"$out/tagged.ndjson"
echo
echo "scrm-tag with the built-in taxonomy and testdata/tag/products.csv (demo-out/tagged.ndjson):"
# the --stats line holds "tags":{"node/id":count,...}: the coverage of each tag
awk '
{
	s = $0
	sub(/.*"tags":\{/, "", s)
	sub(/\}.*/, "", s)
	m = split(s, kv, ",")
	for (i = 1; i <= m; i++) {
		split(kv[i], p, "\":")
		gsub("\"", "", p[1])
		if (p[2] + 0 > 0)
			printf "%d %s\n", p[2], p[1]
	}
}' "$out/tag.stats.json" | sort -k1,1nr -k2 | awk '
NR <= 12 { printf "  %4d  %s\n", $1, $2 }
{ n++ }
END { printf "  ... %d tags given to at least one person\n", n }'
echo
echo "scrm-score with the built-in models (demo-out/scored.ndjson): people scored, mean, >= 70"
awk '
{
	s = $0
	if (!sub(/.*"score":\{/, "", s))
		next
	sub(/\}.*/, "", s)
	m = split(s, kv, ",")
	for (i = 1; i <= m; i++) {
		split(kv[i], p, ":")
		gsub("\"", "", p[1])
		if (!(p[1] in n))
			order[++k] = p[1]
		n[p[1]]++
		sum[p[1]] += p[2]
		if (p[2] + 0 >= 70)
			high[p[1]]++
	}
}
END {
	for (i = 1; i <= k; i++) {
		name = order[i]
		printf "  %-24s %4d  mean %5.1f  >= 70: %d\n", name, n[name], sum[name] / n[name], high[name]
	}
}' "$out/scored.ndjson"

# ---- audiences, personas and a heat map ----
need='max(score.replace_refrigerator, score.replace_washer, score.replace_air_conditioner, score.replace_water_heater, score.replace_tv)'
scrm-segment --as-of 2026-11-24 --where "city == \"青岛市\" && $need > 0" \
	--select uid,hid,city,district,score.replace_refrigerator,score.replace_washer,score.replace_air_conditioner \
	-O csv -o "$out/audience-qingdao-replacement.csv" "$out/scored.ndjson"
echo
echo "scrm-segment: the replacement audience of 青岛市 (a replacement score above 0):"
echo "  $(($(wc -l < "$out/audience-qingdao-replacement.csv") - 1)) people in demo-out/audience-qingdao-replacement.csv"
echo
echo "scrm-segment --personas, then --group-by persona --count:"
scrm-segment --as-of 2026-11-24 --personas "$out/scored.ndjson" |
	scrm-segment --group-by persona --count -O tsv | sed 's/^/  /'
# the sample exports place people at district centroids: the heat map uses the
# scrm-segment test population (2,995 synthetic customers around Qingdao)
scrm-segment --where 'score.replace_refrigerator >= 70' --near 36.0671,120.3826 --radius 5 \
	--communities "$top/testdata/segment/communities.csv" --nearest 10 \
	--format svg --title "Refrigerator replacement need within 5 km of the store" \
	-o "$out/heatmap.svg" "$top/testdata/segment/customers.ndjson"
echo
echo "scrm-segment --format svg: demo-out/heatmap.svg (customers with replace_refrigerator >= 70"
echo "  within 5 km of a store, from testdata/segment/customers.ndjson: counts only, no people)"

# ---- partner exports and a safe-harbour match ----
scrm-segment --as-of 2026-11-24 --where "city == \"青岛市\"" "$out/scored.ndjson" |
	scrm-hash --spec meta --keep hid -O csv -o "$out/partner-meta.csv"
echo
echo "scrm-hash --spec meta: demo-out/partner-meta.csv, the 青岛市 audience hashed by Meta's rules:"
head -n 1 "$out/partner-meta.csv" | sed 's/^/  columns: /'
echo "  $(($(wc -l < "$out/partner-meta.csv") - 1)) rows; no name, phone, e-mail or address in the clear"

# two parties: the brand (these profiles) and a partner whose users are 300
# generated people plus every other person of the brand's list
mkdir -p "$out/psi"
scrm-gen -n 300 -s 11 -d "$out/psi/gen" 2>/dev/null
{
	scrm-clean --as-of 2026-11-24 "$out/psi/gen/members.csv" 2>/dev/null
	awk 'NR % 2 == 1' "$out/scored.ndjson" | sed 's/"uid":"/"uid":"partner-/'
} > "$out/psi/partner.ndjson"
rm -f "$out/psi/brand.key" "$out/psi/partner.key"
scrm-hash --gen-key "$out/psi/brand.key"
scrm-hash --gen-key "$out/psi/partner.key"
# each blinds its own phones with its own key, then the other's file with its key
scrm-hash --psi-blind -k "$out/psi/brand.key" "$out/scored.ndjson" 2>/dev/null |
	scrm-hash --psi-reblind -k "$out/psi/partner.key" > "$out/psi/brand.ab.ndjson"
scrm-hash --psi-blind -k "$out/psi/partner.key" "$out/psi/partner.ndjson" 2>/dev/null |
	scrm-hash --psi-reblind -k "$out/psi/brand.key" > "$out/psi/partner.ba.ndjson"
scrm-match --intersect "$out/psi/brand.ab.ndjson" "$out/psi/partner.ba.ndjson" > "$out/psi/overlap.ndjson"
# the answer in the clear, to compare: the brand's rows whose phone the partner has
sed -n 's/.*"phone":"\([^"]*\)".*/\1/p' "$out/psi/partner.ndjson" | sort -u > "$out/psi/partner.phones"
clear=$(sed -n 's/.*"phone":"\([^"]*\)".*/\1/p' "$out/scored.ndjson" |
	awk 'NR == FNR { has[$0] = 1; next } $0 in has' "$out/psi/partner.phones" - | wc -l)
echo
echo "safe-harbour match (PSI over ristretto255, a key per party, demo-out/psi/):"
echo "  brand: $(wc -l < "$out/psi/brand.ab.ndjson") blinded phones; partner: $(wc -l < "$out/psi/partner.ba.ndjson")"
echo "  overlap found without either side seeing the other's numbers: $(wc -l < "$out/psi/overlap.ndjson") of the brand's rows"
echo "  the same intersection computed in the clear: $clear rows"
