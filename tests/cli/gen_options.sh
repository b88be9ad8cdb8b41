# --rows sizes the run in rows; --noise scales the planted errors; -z
# compresses every file, and IoT rids name the .gz file; --stats=FILE
scrm-gen --rows 20000 -d r --stats 2>&1
sed 1d r/truth.csv | wc -l | awk '{ print ($1 > 19600 && $1 < 20400) ? "about 20000 rows" : $1 " rows" }'
scrm-gen -n 4000 --noise 0 -d quiet --stats=quiet.json
cat quiet.json
scrm-gen -n 4000 --noise 3 -d loud --stats=loud.json
cat loud.json
scrm-gen -n 500 -s 9 --gzip -d z
scrm-gen -n 500 -s 9 -d plain
ls z
for f in members.csv sales.csv service.csv ecommerce.ndjson iot.tsv callcenter.csv; do
	gzip -dc "z/$f.gz" | cmp - "plain/$f" && echo "$f.gz: the same as $f"
done
gzip -dc z/truth.csv.gz | grep -m 1 '^iot,'
grep -m 1 '^iot,' plain/truth.csv
gzip -dc z/truth.csv.gz | sed 's/^iot,iot.tsv.gz:/iot,iot.tsv:/' | cmp - plain/truth.csv && echo "truth.csv: the same apart from the IoT rids"
scrm-clean --as-of 2026-11-24 z/iot.tsv.gz | head -n 1 | cut -c 1-40
# --progress=always reports on stderr even when it is not a terminal
scrm-gen -n 100 --progress=always -d p 2>&1 >/dev/null | tr '\r' '\n' | grep -c 'rows, .* rows/s'
scrm-gen -n 100 --progress -d p 2>&1 | wc -c
