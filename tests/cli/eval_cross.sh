# Record linkage across two datasets (FEBRL4 style): only pairs with one
# record of A and one of B count.
#   true pairs across: (a1,b1) (a2,b2) (a3,b3) = 3
#   predicted across: m1 (a1,b1); m4 = {a3,a4} x {b3}: (a3,b3) (a4,b3) = 3
#   tp 2, fp 1 (a4,b3), fn 1 (a2,b2): P = R = F1 = 2/3
#   x1 has no src: left out (no_cross 1). B-cubed is not restricted:
#   precision (1 * 4 + 2/3 + 2/3 + 1/3 + 1) / 8 = 5/6, recall 7/8, F1 35/41
scrm-eval --truth truth --cross src --table "$TESTDATA/eval/cross.csv" 2>&1
echo "--- without --cross, x1 is scored too and the pair (a3,a4) is a false positive"
# true 3 + (b4,x1) = 4; predicted m1 1 + m4 3 + m5 (b4,x1) 1 = 5; tp 3: P 3/5, R 3/4
scrm-eval --truth truth "$TESTDATA/eval/cross.csv"
echo "--- two files, each its own dataset"
printf 'src,rid,truth,uid\nA,a1,1,m1\nA,a2,2,m2\nA,a3,3,m2\n' >a.csv
printf 'src,rid,truth,uid\nB,b1,1,m1\nB,b2,2,m2\nB,b3,4,m3\n' >b.csv
# across: true (a1,b1) (a2,b2); predicted (a1,b1) (a2,b2) (a3,b2): tp 2, fp 1
scrm-eval --truth truth --cross=src a.csv b.csv
