# uids stay put: 5% new records added to a scrm-gen extract, by a full
# rerun and by --incremental: 99.9% of the earlier records keep their uid,
# 99.9% of the earlier uids are still in use (a merge retires the younger
# one), the people no new record touched all keep theirs, nothing splits
scrm-gen -n 3000 -s 5 -d raw 2>/dev/null
for f in raw/*.csv raw/*.ndjson raw/*.tsv; do
	case $f in *truth*) continue ;; esac
	scrm-clean --as-of 2026-11-24 "$f" 2>/dev/null
done > all.ndjson
awk 'NR % 20 == 7 { print > "new.ndjson"; next } { print > "old.ndjson" }' all.ndjson
scrm-match --state=s1.ndjson old.ndjson > run1.ndjson
cp s1.ndjson s2.ndjson
cp s1.ndjson s3.ndjson
cat old.ndjson new.ndjson | scrm-match --state=s2.ndjson --stats=full.json > /dev/null
scrm-match --state=s3.ndjson --incremental --stats=incr.json new.ndjson > /dev/null
echo "exit $?"
# key uid, from a run's output and from a state file
sed 's/^{"src":"\([^"]*\)","rid":"\([^"]*\)".*"uid":"\([^"]*\)".*/\1\/\2 \3/' run1.ndjson | sort > before
for s in s2 s3; do
	sed -n 's/^{"key":"\([^"]*\)","uid":"\([^"]*\)".*/\1 \2/p' $s.ndjson | sort > $s.after
	join before $s.after | awk -v run=$s '
	{ old[$1] = $2; now[$1] = $3; n++; if ($2 == $3) same++
	  olduid[$2]; newuid[$3]
	  if (!((k = $3 SUBSEP $2) in seen)) { seen[k]; olds[$3]++ } }
	END {
		# an earlier person is untouched when no other earlier person joined it
		for (r in old) if (olds[now[r]] == 1) { u++; if (old[r] == now[r]) us++ }
		for (x in olduid) { nu++; if (x in newuid) ku++ }
		printf "%s: earlier records keeping their uid %.4f (>= 0.999: %s)\n", run, same / n,
		       (same / n >= 0.999 ? "yes" : "no")
		printf "%s: earlier uids still in use %.4f (>= 0.999: %s)\n", run, ku / nu,
		       (ku / nu >= 0.999 ? "yes" : "no")
		printf "%s: untouched people keeping their uid %.4f (>= 0.999: %s)\n", run, us / u,
		       (us / u >= 0.999 ? "yes" : "no")
	}'
done
# a retired uid is one the full rerun merged into another person: was the
# first run wrong to keep them apart (one true person), or is the merge?
awk -F, 'NR > 1 { print $1 "/" $2, $3 }' raw/truth.csv | sort > truth
join before s2.after | sort > both
join both truth | awk '
	{ old = $2; now = $3; person[old] = person[old] " " $4; into[old] = now; olds[now] = olds[now] " " old; live[now] }
	END {
		for (u in into) {
			if (u in live) continue
			retired++
			split(olds[into[u]], o, " "); same = 0
			for (i in o) if (o[i] != u && shares(person[u], person[o[i]])) same = 1
			if (same) right++
		}
		printf "full: %d earlier uids retired by merges, %d of them joining one true person\n", retired, right
	}
	function shares(a, b,   x, y, i, j) {
		split(a, x, " "); split(b, y, " ")
		for (i in x) for (j in y) if (x[i] == y[j]) return 1
		return 0
	}'
sed 's/.*\("uids":{[^}]*}\).*/full: \1/' full.json | sed 's/[0-9][0-9]*/N/g'
sed 's/.*"uids":{[^}]*"split":\([0-9]*\)}.*/incremental splits: \1/' incr.json
