# No personal value of the input appears in any output of scrm-hash (every
# mode and spec, stdout, rejects and messages), and --mask shows masked values
people=$TESTDATA/hash/people.ndjson
export SCRM_HASH_KEY=test-key-for-the-no-pii-test-0123456789
out=all.out
: >$out
for spec in sha256 google meta tencent oceanengine uid2; do
	scrm-hash --spec $spec --rejects=rej.ndjson "$people" >>$out 2>>$out
	scrm-hash --spec $spec -O csv "$people" >>$out 2>>$out
done
scrm-hash --algo hmac-sha256 "$people" >>$out 2>>$out
scrm-hash --psi-blind "$people" >>$out 2>>$out
scrm-hash --psi-blind --field email "$people" >>$out 2>>$out
scrm-hash --clk "$TESTDATA/hash/clk_schema_blake.json" "$people" >>$out 2>>$out
# a malformed line and a bad record: the messages name the line, not the data
printf '{"uid":"Q1","phone":"13912345678","email":"secret.person@qq.com"\n' |
	scrm-hash --spec meta >>$out 2>>$out
echo '{"uid":"Q2","name":"秘密人","psi":"13912345678"}' | scrm-hash --psi-reblind >>$out 2>>$out
# every string of a personal field, as written in the input
jq -r 'to_entries[] | select(.key | test("^(name|given_name|family_name|phone|landline|email|id_card|address|birthdate|idfa|imei|oaid|mac)$")) | .value' \
	"$people" >values.txt
echo 13912345678 >>values.txt
echo secret.person@qq.com >>values.txt
echo 秘密人 >>values.txt
n=0
leaks=0
while IFS= read -r v; do
	n=$((n + 1))
	# trimmed too: " Zoë " must not appear as "Zoë" either
	t=$(printf '%s' "$v" | sed 's/^ *//; s/ *$//')
	if grep -q -F -- "$t" $out rej.ndjson; then
		echo "LEAK: value $n"
		leaks=$((leaks + 1))
	fi
done <values.txt
echo "$n personal values checked, $leaks found in the outputs"
echo "--- mask"
scrm-hash --mask --keep segment "$people"
scrm-hash --mask -O csv --excel-safe --quote-all "$people"
