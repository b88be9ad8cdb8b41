# --state keeps uids from run to run: the same input keeps them all; new
# records join people or get new uids; the stats say what happened
for f in "$TESTDATA"/raw/*; do scrm-clean --as-of 2026-11-24 "$f" 2>/dev/null; done > all.ndjson
grep -v '"src":"sales"' all.ndjson > first.ndjson
scrm-match --state=state.ndjson --stats=s1 first.ndjson > out1.ndjson
head -c 60 state.ndjson; echo
scrm-match --state=state.ndjson --stats=s2 first.ndjson > out2.ndjson
cmp out1.ndjson out2.ndjson && echo "same input: same uids"
scrm-match --state=state.ndjson --stats=s3 all.ndjson > out3.ndjson
head -c 60 state.ndjson; echo
for s in s1 s2 s3; do sed 's/.*\("uids":{[^}]*}\).*/\1/' $s; done
# every uid of run 1 is still there for the same records
sed 's/.*"rid":"\([^"]*\)".*"uid":"\([^"]*\)".*/\1 \2/' out1.ndjson | sort > ids1
sed 's/.*"rid":"\([^"]*\)".*"uid":"\([^"]*\)".*/\1 \2/' out3.ndjson | sort > ids3
join ids1 ids3 | awk '$2 != $3 { changed++ } END { print "uids changed:", changed + 0, "of", NR }'
printf 'not a state file\n' > bad.ndjson
scrm-match --state=bad.ndjson first.ndjson > /dev/null; echo "exit $?"
