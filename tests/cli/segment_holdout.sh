# --holdout PCT --seed S: group control for PCT% by a hash of uid; the
# same person in the same group on every run, for any --threads and any
# audience. Oracle: the share over 100,000 uids is within 1 point of PCT.
seq 1 100000 | awk '{ printf "{\"uid\":\"P%06d\",\"n\":%d}\n", $1 * 7919 % 1000003, $1 }' > uids.ndjson
scrm-segment --holdout 10 --seed 42 --select uid --stats=s1 -j 2 uids.ndjson > h1
echo "exit $?"
jq -c '{target, control}' s1
awk -F'"group":"' '{ split($2, a, "\""); n[a[1]]++ } END {
	share = 100 * n["control"] / (n["control"] + n["target"])
	printf "control share %.2f%%, within 1 point of 10: %s\n", share, (share > 9 && share < 11) ? "yes" : "no" }' h1
scrm-segment --holdout 10 --seed 42 --select uid -j 1 uids.ndjson | cmp - h1 && echo "stable across runs and threads"
# a sub-audience keeps each person's group
scrm-segment --where 'n % 3 == 0' --holdout 10 --seed 42 --select uid uids.ndjson > h3
grep -F -f h3 h1 | wc -l
wc -l < h3
# another seed, another split; 0 and 100
scrm-segment --holdout 10 --seed 43 --select uid uids.ndjson | cmp -s - h1 || echo "seed 43 differs"
scrm-segment --holdout 0 uids.ndjson | grep -c control
scrm-segment --holdout 100 uids.ndjson | grep -c control
scrm-segment --holdout 101 uids.ndjson; echo "exit $?"
