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
