#!/bin/sh
# make bench: throughput of scrm-clean against the peers the issues name,
# printed as a report (not a test: nothing here fails on a slow machine).
#
#   BENCH_ROWS=1000000 (rows generated)   BENCH_RUNS=3 (best of)
#
# Peers on the same generated file (scripts/gen-raw.awk):
#   mlr      Miller doing a simpler transform: lower-case the e-mail and
#            strip non-digits from the phone
#   floor    libcsv + jansson reading each row and writing it as JSON,
#            no cleaning at all (tests/bench/floor.c)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
rows=${BENCH_ROWS:-1000000}
runs=${BENCH_RUNS:-3}
dir=$top/build/bench
mkdir -p "$dir"
raw=$dir/raw-$rows.csv
if [ ! -s "$raw" ]; then
	echo "generating $rows raw rows..." >&2
	awk -v n="$rows" -v seed=42 -f "$top/scripts/gen-raw.awk" > "$raw.tmp"
	mv "$raw.tmp" "$raw"
fi
bytes=$(wc -c < "$raw")
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

# best of $runs: "wall user sys maxrss_kb" of a command, output to /dev/null
measure() {
	best=
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$@" > /dev/null 2> "$dir/stderr" || {
			echo "bench: failed: $*" >&2; cat "$dir/stderr" >&2; exit 1; }
		line=$(tail -n 1 "$dir/time")
		if [ -z "$best" ] || [ "$(echo "$line $best" | awk '{ print ($1 < $5) }')" = 1 ]; then
			best=$line
		fi
		i=$((i + 1))
	done
	echo "$best"
}

report() {	# label "wall user sys rss"
	echo "$2" | awk -v label="$1" -v rows="$rows" -v bytes="$bytes" '{
		cpu = $2 + $3
		printf "%-34s %7.2f %10.0f %8.1f %7.2f %12.0f %8.0f\n", label, $1, rows / $1,
			bytes / 1e6 / $1, cpu, rows / cpu, $4 / 1024
	}'
}

clean_mt=$(measure "$top/bin/scrm-clean" --as-of 2026-11-24 "$raw")
clean_st=$(measure "$top/bin/scrm-clean" --threads=1 --as-of 2026-11-24 "$raw")
mlr_t=$(measure mlr --icsv --ocsv put '$邮箱 = tolower($邮箱); $联系电话 = gsub($联系电话, "[^0-9]", "")' "$raw")
mlr_j=$(measure mlr --icsv --ojsonl put '$邮箱 = tolower($邮箱); $联系电话 = gsub($联系电话, "[^0-9]", "")' "$raw")
clean_csv=$(measure "$top/bin/scrm-clean" -O csv --as-of 2026-11-24 "$raw")
floor_t=$(measure "$top/build/rel/bench/floor" "$raw")

echo "scrm bench: $rows raw rows, $(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }') MB CSV (scripts/gen-raw.awk), $cpus CPUs, best of $runs"
printf "%-34s %7s %10s %8s %7s %12s %8s\n" "" "wall s" "rows/s" "MB/s" "cpu s" "rows/cpu-s" "RSS MB"
report "scrm-clean (all CPUs)" "$clean_mt"
report "scrm-clean --threads=1" "$clean_st"
report "scrm-clean -O csv" "$clean_csv"
report "mlr (lower email, digits of phone)" "$mlr_t"
report "mlr, NDJSON output" "$mlr_j"
report "libcsv+jansson floor (no cleaning)" "$floor_t"
echo "$clean_mt $clean_st $mlr_t $floor_t $mlr_j $clean_csv" | awk -v rows="$rows" '{
	printf "ratios (wall): scrm-clean / mlr = %.2fx (target >= 1.5x); same output format:", $9 / $1
	printf " NDJSON %.2fx, CSV %.2fx\n", $17 / $1, $9 / $21
	printf "scrm-clean / libcsv+jansson floor = %.2fx\n", $13 / $1
	printf "per core: scrm-clean %.0f rows/s on one thread (target >= 300000)\n", rows / ($6 + $7)
}'

# ---- scrm-gen and scrm-match: 1M generated source rows, cleaned, then linked ----
mrows=${BENCH_MATCH_ROWS:-1000000}
gdir=$dir/gen-$mrows
gen_t=$(measure "$top/bin/scrm-gen" --rows "$mrows" --seed 3 -d "$gdir")
clean_in=$dir/clean-$mrows.ndjson
if [ ! -s "$clean_in" ]; then
	for f in "$gdir"/*.csv "$gdir"/*.ndjson "$gdir"/*.tsv; do
		case $f in *truth*) ;; *) "$top/bin/scrm-clean" --as-of 2026-11-24 "$f" 2>/dev/null ;; esac
	done > "$clean_in"
fi
records=$(wc -l < "$clean_in")
/usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$top/bin/scrm-match" --stats="$dir/match.stats" \
	"$clean_in" > "$dir/match.out"
match_t=$(tail -n 1 "$dir/time")
echo
echo "scrm-gen: $(echo "$gen_t" | awk -v r="$mrows" '{ printf "%d rows in %.2f s = %.0f rows/s, %.0f MB peak", r, $1, r / $1, $4 / 1024 }')"
echo "$match_t" | awk -v n="$records" '{
	printf "scrm-match: %d records deduplicated in %.1f s wall (%.1f s CPU), peak RSS %.0f MB (%.2f GB per 1M records)\n",
		n, $1, $2 + $3, $4 / 1024, $4 / 1024 / 1024 / (n / 1e6) }'
sed 's/.*"candidate_pairs":\([0-9]*\),"pairs_per_second":\([0-9]*\).*"phase_seconds":{\([^}]*\)}.*/  candidate pairs \1, scored at \2 pairs\/s on one core; phases (s): \3/' "$dir/match.stats"
truth=$gdir/truth.csv
person=$("$top/bin/scrm-eval" --truth person --truth-file "$truth" --key src,rid "$dir/match.out" | sed 's/.*"pair_f1":\([0-9.]*\).*/\1/')
house=$("$top/bin/scrm-eval" --truth household --pred hid --truth-file "$truth" --key src,rid "$dir/match.out" | sed 's/.*"pair_f1":\([0-9.]*\).*/\1/')
printf '  accuracy on this data: person pairwise F1 %.4f (target 0.98), household %.4f (target 0.97)\n' "$person" "$house"

# ---- the stages over profiles: scrm-tag and scrm-score against a bare jansson
# parse-and-dump of the same profiles (tests/bench/ndjson_floor.c) ----
profiles=$dir/profiles-$mrows.ndjson
"$top/bin/scrm-match" --profiles "$clean_in" > "$profiles"
np=$(wc -l < "$profiles")
pbytes=$(wc -c < "$profiles")
jfloor=$(measure "$top/build/rel/bench/ndjson_floor" "$profiles")
stage() {	# label "wall user sys rss"
	echo "$2 $jfloor" | awk -v label="$1" -v n="$np" '{
		printf "%-34s %7.2f s wall %9.0f profiles/s %7.2f s CPU %6.0f MB   %.2fx the floor (target >= 0.66x)\n",
			label, $1, n / $1, $2 + $3, $4 / 1024, $5 / $1 }'
}
echo
echo "profiles: $np ($(echo "$pbytes" | awk '{ printf "%.0f", $1 / 1e6 }') MB NDJSON, from scrm-match --profiles above)"
echo "$jfloor" | awk -v n="$np" '{ printf "%-34s %7.2f s wall %9.0f profiles/s %7.2f s CPU %6.0f MB\n",
	"jansson parse + dump floor", $1, n / $1, $2 + $3, $4 / 1024 }'
for tool in scrm-tag scrm-score; do
	[ -x "$top/bin/$tool" ] || continue
	stage "$tool (default rules, all CPUs)" "$(measure "$top/bin/$tool" --as-of 2026-11-24 "$profiles")"
	stage "$tool --threads=1" "$(measure "$top/bin/$tool" --threads=1 --as-of 2026-11-24 "$profiles")"
done

# ---- scrm-segment --where against jq's select on the scored profiles ----
if [ -x "$top/bin/scrm-segment" ] && command -v jq >/dev/null 2>&1; then
	scored=$dir/scored-$mrows.ndjson
	"$top/bin/scrm-score" --as-of 2026-11-24 "$profiles" > "$scored"
	where='score.cross_freezer >= 50 && city == "青岛市"'
	sel='select(.score.cross_freezer >= 50 and .city == "青岛市")'
	kept=$("$top/bin/scrm-segment" --where "$where" "$scored" | wc -l)
	jkept=$(jq -c "$sel" "$scored" | wc -l)
	seg_t=$(measure "$top/bin/scrm-segment" --where "$where" "$scored")
	jq_t=$(measure jq -c "$sel" "$scored")
	echo
	echo "scored profiles: $np; --where '$where' keeps $kept (jq: $jkept)"
	echo "$seg_t $jq_t" | awk -v n="$np" '{
		printf "%-34s %7.2f s wall %9.0f profiles/s %7.2f s CPU %6.0f MB\n", "scrm-segment --where", $1, n / $1, $2 + $3, $4 / 1024
		printf "%-34s %7.2f s wall %9.0f profiles/s %7.2f s CPU %6.0f MB\n", "jq -c select(...)", $5, n / $5, $6 + $7, $8 / 1024
		printf "ratio (wall): scrm-segment / jq = %.2fx\n", $5 / $1 }'
fi

# ---- scrm-hash: SHA-256 identifiers, PSI blinding, a 1M x 1M intersection ----
if [ -x "$top/bin/scrm-hash" ]; then
	echo
	echo "scrm-hash primitives, one core (build/rel/tests/test_hash --bench):"
	"$top/build/rel/tests/test_hash" --bench 2>/dev/null | grep -v '^#' | sed 's/^/  /'
	hn=${BENCH_HASH_ROWS:-1000000}
	hin=$dir/hash-$hn.ndjson
	awk -v n="$hn" 'BEGIN { for (i = 1; i <= n; i++)
		printf "{\"uid\":\"u%d\",\"phone\":\"+86139%08d\",\"email\":\"user%d@example.com\"}\n", i, i, i }' > "$hin"
	sha_t=$(measure "$top/bin/scrm-hash" --threads=1 --spec sha256 "$hin")
	echo "$sha_t" | awk -v n="$hn" '{ printf "  scrm-hash --spec sha256, %d records x 2 identifiers, one thread: %.2f s, %.0f identifiers/s per core (target >= 2M)\n", n, $1, 2 * n / ($2 + $3) }'
	pn=200000
	head -n "$pn" "$hin" > "$dir/psi-in.ndjson"
	"$top/bin/scrm-hash" --gen-key "$dir/a.key" 2>/dev/null || true
	psi_t=$(measure "$top/bin/scrm-hash" --threads=1 --psi-blind -k "$dir/a.key" "$dir/psi-in.ndjson")
	echo "$psi_t" | awk -v n="$pn" '{ printf "  scrm-hash --psi-blind, %d phones, one thread: %.2f s, %.0f items/s per core (target >= 15k)\n", n, $1, n / ($2 + $3) }'
	# the intersection step never decodes points: random 64-hex values stand in
	awk 'BEGIN { srand(7); for (i = 1; i <= 1000000; i++) { s = ""; for (k = 0; k < 8; k++) s = s sprintf("%08x", int(rand() * 4294967296)); a[i] = s
		printf "{\"uid\":\"a%d\",\"psi\":\"%s\"}\n", i, s > "'"$dir"'/isect-a.ndjson"
		t = i % 2 ? s : ""; if (t == "") { t = ""; for (k = 0; k < 8; k++) t = t sprintf("%08x", int(rand() * 4294967296)) }
		printf "{\"uid\":\"b%d\",\"psi\":\"%s\"}\n", i, t > "'"$dir"'/isect-b.ndjson" } }'
	is_t=$(measure "$top/bin/scrm-match" --intersect "$dir/isect-a.ndjson" "$dir/isect-b.ndjson")
	echo "$is_t" | awk '{ printf "  scrm-match --intersect, 1M x 1M (half shared): %.2f s wall, %.2f CPU s = %.3f core-minutes, %.0f MB (target <= 2 core-minutes)\n", $1, $2 + $3, ($2 + $3) / 60, $4 / 1024 }'
fi
