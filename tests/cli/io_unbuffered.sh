# -u: each record is written as soon as it is read (a live feed)
mkfifo feed
( printf 'name,phone\n张三,13964081235\n'; sleep 3; printf '李四,13964081236\n' ) > feed &
scrm-clean --unbuffered --input-format=csv < feed > out.ndjson &
sleep 1.5
echo "after 1.5 s: $(wc -l < out.ndjson) record(s)"
wait
echo "at the end: $(wc -l < out.ndjson) record(s)"
