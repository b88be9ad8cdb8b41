# Keys: --key-file or SCRM_HASH_KEY only, at least 32 bytes, a trailing
# newline ignored; --gen-key; HMAC with domain separation
people=$TESTDATA/hash/people.ndjson
unset SCRM_HASH_KEY
echo "--- gen-key: 64 hex digits, mode 0600, never overwritten"
scrm-hash --gen-key k1; echo "exit $?"
wc -c <k1
grep -c -E '^[0-9a-f]{64}$' k1
ls -l k1 | cut -c 1-10
scrm-hash --gen-key k1; echo "exit $?"
echo "--- a key is needed, and long enough"
scrm-hash --algo hmac-sha256 "$people"; echo "exit $?"
printf 'scrm-shared-secret-2024' >short.key
scrm-hash --algo hmac-sha256 --key-file short.key "$people"; echo "exit $?"
SCRM_HASH_KEY=scrm-shared-secret-2024 scrm-hash --algo hmac-sha256 "$people"; echo "exit $?"
scrm-hash --algo hmac-sha256 --key-file missing.key "$people"; echo "exit $?"
echo "--- a key where none is used"
scrm-hash --spec meta --key-file k1 "$people"; echo "exit $?"
echo "--- the same key from a file (with or without newline) and the environment"
printf 'scrm-test-key-0123456789abcdef-0123456789' >k2
printf 'scrm-test-key-0123456789abcdef-0123456789\n' >k3
scrm-hash -a hmac-sha256 -k k2 "$people" >o2
scrm-hash -a hmac-sha256 --key-file=k3 "$people" >o3 2>/dev/null
SCRM_HASH_KEY=scrm-test-key-0123456789abcdef-0123456789 scrm-hash -a hmac-sha256 "$people" >o4 2>/dev/null
cmp o2 o3 && cmp o2 o4 && echo same
cat o2
echo "--- a different key gives different values"
scrm-hash -a hmac-sha256 -k k1 "$people" 2>/dev/null | cmp -s - o2 || echo different
