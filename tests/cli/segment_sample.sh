# --sample N --seed S: the N smallest hashes of uid and seed; the same for
# any --threads; a smaller sample is a prefix of a larger one.
P=$TESTDATA/segment/customers.ndjson
scrm-segment --sample 5 --seed 7 --select uid "$P"
scrm-segment --sample 50 --seed 7 -j 1 "$P" > s1
scrm-segment --sample 50 --seed 7 -j 2 "$P" > s2
cmp s1 s2 && echo "threads: same"
scrm-segment --sample 50 --seed 7 -j 2 "$P" | cmp - s1 && echo "runs: same"
scrm-segment --sample 10 --seed 7 "$P" | cmp - "$(head -n 10 s1 > s3; echo s3)" && echo "prefix: yes"
scrm-segment --sample 50 --seed 8 "$P" | cmp -s - s1 || echo "another seed: another sample"
# input order does not matter
tac "$P" | scrm-segment --sample 50 --seed 7 | cmp - s1 && echo "reversed input: same"
# fewer records than N: all of them
scrm-segment --sample 100000 --where 'score.replace_refrigerator >= 98' --select uid --stats=st "$P" | wc -l
sed 's/,"seconds":[0-9.e-]*//' st
