# --incremental: new records are linked against the state without
# re-scoring old pairs; the output holds the new records only
for f in "$TESTDATA"/raw/*; do scrm-clean --as-of 2026-11-24 "$f" 2>/dev/null; done > all.ndjson
grep -v '"src":"service"' all.ndjson > old.ndjson
grep '"src":"service"' all.ndjson > new.ndjson
scrm-match --state=state.ndjson old.ndjson > out1.ndjson
scrm-match --state=state.ndjson --incremental --stats=s.json new.ndjson > out2.ndjson
echo "exit $?"
wc -l < out2.ndjson
sed 's/.*\("candidate_pairs":[0-9]*\).*\("uids":{[^}]*}\).*/\1 \2/' s.json
# the new service tickets joined the people they belong to
sed 's/.*"rid":"\([^"]*\)".*"uid":"\([^"]*\)".*/\2 \1/' out1.ndjson out2.ndjson | sort |
	awk '$1 != last { if (line) print line; line = $1 ":"; last = $1 } { line = line " " $2 } END { print line }' |
	grep WO | sed 's/^[^:]*://'
scrm-match --incremental new.ndjson; echo "exit $?"
