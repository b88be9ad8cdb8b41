# Aggregates: --group-by FIELD[,FIELD] --count --sum --avg --top, ordered
# by count (descending), then key; --min-count hides small groups.
P=$TESTDATA/segment/customers.ndjson
scrm-segment --where 'community != ""' --group-by community --count --sum score.replace_refrigerator --avg score.replace_refrigerator --top 5 "$P"
# the same with jq
jq -s -c '[.[] | select(.community != "")] | group_by(.community) | map({community: .[0].community, count: length, sum: (map(.score.replace_refrigerator) | add)}) | sort_by(-.count, .community) | .[:5][] | [.community, .count, .sum]' "$P"
# the whole count, and CSV
scrm-segment --count "$P"
scrm-segment -O csv -g 'score.replace_refrigerator >= 50','lat == null' --avg score.replace_refrigerator "$P"
# --min-count: groups under 10 are not written (counted in --stats)
scrm-segment -g community --min-count 10 --limit 3 --stats=st "$P"
sed 's/,"seconds":[0-9.e-]*//' st
# the same totals whatever the threads
scrm-segment -g community --sum score.replace_refrigerator -j 1 "$P" > a
scrm-segment -g community --sum score.replace_refrigerator -j 2 "$P" | cmp - a && echo "threads: same"
