# scrm-hash --clk: CLK Bloom filters by a clkhash schema (bit-exactness with
# clkhash is checked on clk_vectors.csv by the unit test test_hash; the CLI
# refuses the vectors' 28-byte secret, as every key under 32 bytes)
export SCRM_HASH_KEY="correct horse battery staple, but longer"
printf '%s\n' '{"uid":"R1","given_name":"zhang","family_name":"wei","phone":"13800138000"}' \
	'{"uid":"R2","name":"李娜","phone":"13912345678"}' \
	'{"uid":"R3","segment":"x"}' >r.ndjson
for s in double double_ps blake blake_fold; do
	echo "--- $s"
	scrm-hash --clk "$TESTDATA/hash/clk_schema_$s.json" --keep segment r.ndjson
done
echo "--- deterministic, the same with one thread or two"
scrm-hash --clk "$TESTDATA/hash/clk_schema_blake.json" -j 1 "$TESTDATA/hash/party_a.ndjson" >j1
scrm-hash --clk "$TESTDATA/hash/clk_schema_blake.json" -j 2 "$TESTDATA/hash/party_a.ndjson" >j2
cmp j1 j2 && wc -l <j1
echo "--- errors"
SCRM_HASH_KEY=too-short scrm-hash --clk "$TESTDATA/hash/clk_schema_blake.json" r.ndjson; echo "exit $?"
echo '{"clkConfig": {"l": 1000}, "features": []}' >bad.json
scrm-hash --clk bad.json r.ndjson; echo "exit $?"
echo '{"clkConfig": {"l": 1000}, "features": [{"identifier": "x", "hashing": {"strategy": {"bitsPerToken": 2}, "hash": {"type": "blakeHash"}}}]}' >bad2.json
scrm-hash --clk bad2.json r.ndjson; echo "exit $?"
scrm-hash --clk nosuch.json r.ndjson; echo "exit $?"
