# The whole two-party PSI flow with different keys: the overlap equals the
# plain intersection of the parties' (normalised) phone numbers
a=$TESTDATA/hash/party_a.ndjson
b=$TESTDATA/hash/party_b.ndjson
unset SCRM_HASH_KEY
scrm-hash --gen-key a.key
scrm-hash --gen-key b.key
# each party blinds its own list (B's phones are written in several ways)
scrm-hash --psi-blind --key-file a.key --stats=sa "$a" >a1.ndjson
scrm-hash --psi-blind --key-file b.key --stats=sb "$b" >b1.ndjson
sed 's/"seconds":[0-9.]*/"seconds":S/' sa sb
head -n 1 a1.ndjson | sed 's/"psi":"[0-9a-f]\{64\}"/"psi":"<64 hex>"/'
# they swap files and reblind the other's
scrm-hash --psi-reblind --key-file b.key a1.ndjson >a2.ndjson
scrm-hash --psi-reblind --key-file a.key b1.ndjson >b2.ndjson
# nothing of a party's values survives the two steps
cmp -s a1.ndjson a2.ndjson || echo "reblinded values differ from blinded ones"
# the intersection, each side's rows
scrm-match --intersect --stats=si a2.ndjson b2.ndjson | jq -r .uid >a_rows
scrm-match --intersect b2.ndjson a2.ndjson | jq -r .uid >b_rows
sed 's/"seconds":[0-9.]*/"seconds":S/' si
echo "A's matched rows: $(tr '\n' ' ' <a_rows)"
echo "B's matched rows: $(tr '\n' ' ' <b_rows)"
# the plain intersection, computed in the clear on E.164 numbers
jq -r '[.uid, .phone] | @tsv' "$a" | sort -k 2 >a_plain
jq -r 'select(.phone) | [.uid, (.phone | gsub("[^0-9]"; "") | sub("^0086"; "") | sub("^86"; "") | "+86" + .)] | @tsv' "$b" | sort -k 2 >b_plain
join -1 2 -2 2 -o 1.1 a_plain b_plain | sort >a_expected
join -1 2 -2 2 -o 2.1 a_plain b_plain | sort >b_expected
sort a_rows | cmp - a_expected && echo "A side equals the plain intersection ($(wc -l <a_expected) rows)"
sort b_rows | cmp - b_expected && echo "B side equals the plain intersection ($(wc -l <b_expected) rows)"
echo "--- same keys on one side only: no overlap"
scrm-match --intersect a1.ndjson b2.ndjson | wc -l
echo "--- by e-mail (a field the two lists do not share)"
scrm-hash --psi-blind --field email -k a.key "$a" | scrm-hash --psi-reblind -k b.key >ea.ndjson
scrm-hash --psi-blind --field=email -k b.key "$b" | scrm-hash --psi-reblind -k a.key >eb.ndjson
scrm-match --intersect ea.ndjson eb.ndjson | wc -l
echo "--- a bad psi value is rejected, the run goes on"
printf '{"uid":"Z1","psi":"zz"}\n{"uid":"Z2"}\n' | cat - a1.ndjson | scrm-hash --psi-reblind -k b.key --stats=sr | wc -l
sed 's/"seconds":[0-9.]*/"seconds":S/' sr
echo "--- modes do not mix"
scrm-hash --psi-blind --psi-reblind -k a.key "$a"; echo "exit $?"
scrm-hash --psi-blind --spec meta -k a.key "$a"; echo "exit $?"
