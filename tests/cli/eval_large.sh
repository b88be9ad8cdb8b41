# Pair counts past 2^32 (4294967296): 100000 records of one person, split
# by the prediction into two clusters of 50000, alternating datasets A, B.
#   true pairs C(100000,2) = 4999950000; predicted 2 C(50000,2) = 2499950000
#   = tp; fn 2500000000. Across A and B: true 50000^2 = 2500000000,
#   predicted 2 * 25000^2 = 1250000000 = tp, fn 1250000000.
awk 'BEGIN { print "src,person,uid"
	for (i = 0; i < 100000; i++) printf "%s,p,u%d\n", i % 2 ? "A" : "B", i < 50000 }' >big.csv
scrm-eval --truth person big.csv
scrm-eval --truth person --cross src -O csv big.csv
