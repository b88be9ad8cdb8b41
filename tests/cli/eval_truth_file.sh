# scrm-match output scored against scrm-gen's truth.csv (src, rid, person,
# household), joined on src,rid.
#   person: P1 = {M1,S1}, P2 = {M2,S2}, P3 = {M3,S3}, P4 = {service 7}: 3 pairs
#   uid:    u1 = {M1,S1,S2}, u2 = {M2}, u3 = {M3}, u4 = {S3}, u6 = {7}: 3 pairs
#   tp 1 (M1,S1), fp 2 (M1,S2) (S1,S2), fn 2 (M2,S2) (M3,S3): P = R = F1 = 1/3
#   B-cubed precision (2/3 + 2/3 + 1/3 + 1 + 1 + 1 + 1) / 7 = 17/21,
#   recall (1 + 1 + 1/2 * 4 + 1) / 7 = 5/7, F1 85/112
#   S4 has no person and app A1 is not in the file: no_truth 2, key_not_found 1;
#   rid 7 (a number) joins "7" of the CSV.
scrm-eval --truth person --truth-file "$TESTDATA/eval/truth.csv" --key src,rid \
	--table "$TESTDATA/eval/match.ndjson" 2>&1
echo "--- households: S4 has one (H3, with service 7), and hid gets them all right"
scrm-eval --truth household --pred hid --truth-file="$TESTDATA/eval/truth.csv" --key=src,rid \
	"$TESTDATA/eval/match.ndjson"
echo "--- the truth file as NDJSON, gzip; the records as CSV"
awk -F, 'NR > 1 { printf "{\"src\":\"%s\",\"rid\":\"%s\",\"person\":\"%s\"}\n", $1, $2, $3 }' \
	"$TESTDATA/eval/truth.csv" | gzip >truth.ndjson.gz
printf 'src,rid,uid\nmembers,M1,u1\nsales,S1,u1\nmembers,M2,u2\nsales,S2,u2\n' >m.csv
scrm-eval --truth person --truth-file truth.ndjson.gz --key src,rid m.csv
echo "--- a repeated row of the truth file is harmless"
{ cat "$TESTDATA/eval/truth.csv"; echo "members,M1,P1,H1"; } >dup.csv
scrm-eval --truth person --truth-file dup.csv --key src,rid m.csv
