# two runs give the same bytes, whatever the number of threads; in = out + rejected

for f in "$TESTDATA"/raw/*; do
	scrm-clean --as-of 2026-11-24 --threads=1 --stats=s1 "$f" > a 2>/dev/null
	scrm-clean --as-of 2026-11-24 --threads=4 --stats=s2 "$f" > b 2>/dev/null
	cmp a b || echo "$f: differs"
	in=$(sed 's/.*"in":\([0-9]*\).*/\1/' s1)
	out=$(sed 's/.*"out":\([0-9]*\).*/\1/' s1)
	rej=$(sed 's/.*"rejected":\([0-9]*\).*/\1/' s1)
	[ "$in" -eq $((out + rej)) ] && echo "$(basename "$f"): $in = $out + $rej"
done
# many batches on several threads, across two files: the same bytes as one thread
awk -v n=20000 -v seed=7 -f "$TOP/scripts/gen-raw.awk" > big.csv
head -n 5001 big.csv > small.csv
scrm-clean --as-of 2026-11-24 --threads=1 big.csv small.csv > a
scrm-clean --as-of 2026-11-24 --threads=3 big.csv small.csv > b
cmp a b && echo "20000 + 5000 rows: same with 1 and 3 threads"
