# scrm-match --clk A B --threshold T: Dice coefficient of CLK Bloom filters
export SCRM_HASH_KEY="a per-project key for the CLK match test"
schema=$TESTDATA/hash/clk_schema_double_ps.json
printf '%s\n' '{"uid":"A1","given_name":"zhang","family_name":"wei","phone":"13800138000"}' \
	'{"uid":"A2","given_name":"li","family_name":"na","phone":"13912345678"}' \
	'{"uid":"A3","name":"王小明","phone":"15000000000"}' |
	scrm-hash --clk "$schema" >a.ndjson
printf '%s\n' '{"uid":"B1","given_name":"zhang","family_name":"wie","phone":"13800138000"}' \
	'{"uid":"B2","given_name":"lee","family_name":"na","phone":"13912345687"}' \
	'{"uid":"B3","name":"王晓明","phone":"15000000000"}' \
	'{"uid":"B4","given_name":"zhao","family_name":"lei","phone":"18612345678"}' |
	scrm-hash --clk "$schema" >b.ndjson
echo "--- threshold 0.7"
scrm-match --clk --threshold 0.7 --stats=st a.ndjson b.ndjson
sed 's/"seconds":[0-9.]*/"seconds":S/' st
echo "--- default threshold 0.8, one thread and two"
scrm-match --clk -j 1 a.ndjson b.ndjson >t1
scrm-match --clk -j 2 a.ndjson b.ndjson >t2
cmp t1 t2 && cat t1
echo "--- csv"
scrm-match --clk --threshold 0.5 -O csv a.ndjson b.ndjson
echo "--- a file that is not CLKs; CLKs of another length"
echo '{"uid":"X"}' >x.ndjson
scrm-match --clk a.ndjson x.ndjson; echo "exit $?"
scrm-hash --clk "$TESTDATA/hash/clk_schema_blake_fold.json" <b.ndjson >/dev/null 2>&1
printf '%s\n' '{"uid":"C1","given_name":"zhang"}' |
	scrm-hash --clk "$TESTDATA/hash/clk_schema_blake_fold.json" >c.ndjson
scrm-match --clk a.ndjson c.ndjson; echo "exit $?"
echo "--- usage"
scrm-match --clk a.ndjson; echo "exit $?"
scrm-match --clk --intersect a.ndjson b.ndjson; echo "exit $?"
