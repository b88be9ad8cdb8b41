# the default: every record as read, plus uid and hid; the stats line counts the work
for f in "$TESTDATA"/raw/*; do scrm-clean --as-of 2026-11-24 "$f" 2>/dev/null; done > clean.ndjson
scrm-match --stats=stats.json clean.ndjson > linked.ndjson
echo "exit $?"
# people found: uid, then the records' names
sed 's/.*"rid":"\([^"]*\)".*"uid":"\([^"]*\)".*/\2 \1/' linked.ndjson | sort | awk '
	$1 != last { if (line) print line; line = $1 ":"; last = $1 } { line = line " " $2 } END { print line }'
sed 's/"seconds":[0-9.]*/"seconds":0/; s/"pairs_per_second":[0-9]*/"pairs_per_second":0/; s/"phase_seconds":{[^}]*}/"phase_seconds":{}/' stats.json
