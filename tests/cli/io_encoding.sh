# GB18030/GBK exports (Excel, older systems) are read as they are: auto
# detects them from the first 64 KiB, --encoding=gb18030 forces it, and
# --encoding=utf-8 refuses them; a line that is neither is rejected
iconv -f UTF-8 -t GB18030 "$TESTDATA/raw/members.csv" > gbk.csv
iconv -f UTF-8 -t GB18030 "$TESTDATA/raw/callcenter.csv" | gzip > calls_gbk.csv.gz
scrm-clean --as-of 2026-11-24 --source members "$TESTDATA/raw/members.csv" > utf8.ndjson
scrm-clean --as-of 2026-11-24 --source members gbk.csv > auto.ndjson
cmp utf8.ndjson auto.ndjson && echo "auto: same records as the UTF-8 file"
scrm-clean --as-of 2026-11-24 --source members --encoding=gb18030 < gbk.csv > forced.ndjson
cmp utf8.ndjson forced.ndjson && echo "gb18030 from stdin: same records"
scrm-clean --as-of 2026-11-24 --source callcenter "$TESTDATA/raw/callcenter.csv" > c1.ndjson
scrm-clean --as-of 2026-11-24 --source callcenter calls_gbk.csv.gz > c2.ndjson
cmp c1.ndjson c2.ndjson && echo "gzip of GBK: same records"
# a UTF-8 file read as gb18030 would be garbled: auto leaves it alone
scrm-clean --as-of 2026-11-24 --source members --encoding=auto "$TESTDATA/raw/members.csv" | cmp - utf8.ndjson && echo "auto: UTF-8 stays UTF-8"
echo "--- utf-8 forced on a GBK file"
scrm-clean --encoding=utf-8 gbk.csv; echo "exit $?"
echo "--- a line that is neither (0xFF is no GB18030 byte)"
{ head -n 2 gbk.csv; printf 'M9,\377\377,13900000000,,,,,,\n'; } > bad.csv
scrm-clean --as-of 2026-11-24 --source members --stats=s bad.csv | wc -l
sed 's/.*\("rejected":[0-9]*\).*\("reject_reasons":{[^}]*}\).*/\1 \2/' s
echo "--- bad value"
scrm-clean --encoding=latin1 gbk.csv; echo "exit $?"
