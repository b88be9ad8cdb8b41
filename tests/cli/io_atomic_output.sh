# -o writes through a temporary file: on failure the old file is untouched
# and no temporary file is left; on success it is replaced
echo "old content" > out.ndjson
printf 'name,phone\n张三,13964081235\n李四\n' > in.csv
scrm-clean --strict --output=out.ndjson in.csv; echo "exit $?"
cat out.ndjson
ls -a
scrm-clean --output=out.ndjson in.csv 2>/dev/null; echo "exit $?"
wc -l < out.ndjson
ls -a
scrm-clean --output=no/such/dir/out.ndjson in.csv; echo "exit $?"
