# scrm-match --intersect A B: rows of A whose double-blinded psi is in B
export SCRM_HASH_KEY="key of party one, at least 32 bytes long"
printf '%s\n' '{"uid":"A1","phone":"13800138001"}' '{"uid":"A2","phone":"+86 139 1234 5678"}' \
	'{"uid":"A3","phone":"15000000001"}' '{"uid":"A4","phone":"13912345678"}' |
	scrm-hash --psi-blind | SCRM_HASH_KEY="key of party two, at least 32 bytes long" \
	scrm-hash --psi-reblind >a2.ndjson
printf '%s\n' '{"uid":"B1","phone":"0086-139-1234-5678"}' '{"uid":"B2","phone":"15000000001"}' \
	'{"uid":"B3","phone":"18612345678"}' |
	SCRM_HASH_KEY="key of party two, at least 32 bytes long" scrm-hash --psi-blind |
	scrm-hash --psi-reblind >b2.ndjson
echo "--- A's rows (A2 and A4 are the same number: both match)"
scrm-match --intersect --stats=st a2.ndjson b2.ndjson
sed 's/"seconds":[0-9.]*/"seconds":S/' st
echo "--- B's rows, csv"
scrm-match --intersect -O csv b2.ndjson a2.ndjson
echo "--- a bad row is rejected; gzip input"
gzip -c b2.ndjson >b2.ndjson.gz
printf '{"uid":"A9","psi":"xyz"}\n' | cat a2.ndjson - >a3.ndjson
scrm-match --intersect --rejects=rej.ndjson a3.ndjson b2.ndjson.gz | wc -l
cat rej.ndjson
echo "--- usage"
scrm-match --intersect a2.ndjson; echo "exit $?"
