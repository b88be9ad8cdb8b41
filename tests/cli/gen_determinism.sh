# the same options give the same bytes, whatever the number of threads;
# another seed gives other people
scrm-gen -n 5000 --seed 5 -d a --threads=1
scrm-gen -n 5000 -s 5 -d b -j 3
ls a
for f in a/*; do cmp "$f" "b/${f#a/}" || echo "$f differs"; done
scrm-gen --people=5000 --seed=6 --dir=c
for f in a/*; do cmp -s "$f" "c/${f#a/}" || echo "seed 6: $(basename "$f") differs"; done
# the default seed is 1, the default size 1000 people, the default directory .
mkdir d && (cd d && scrm-gen)
scrm-gen -n 1000 -s 1 -d e
for f in d/*; do cmp "$f" "e/${f#d/}" || echo "$f differs"; done
