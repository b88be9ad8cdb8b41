# gzip input by magic bytes (file, stdin, odd name); gzip output by -z or .gz
cp "$TESTDATA/raw/service.csv" s.csv
gzip -c s.csv > s.csv.gz
gzip -c s.csv > s.data
scrm-clean --as-of 2026-11-24 s.csv > plain.ndjson
scrm-clean --as-of 2026-11-24 s.csv.gz | cmp - plain.ndjson && echo "file: same"
scrm-clean --as-of 2026-11-24 < s.csv.gz | sed 's/"src":"stdin"/"src":"s"/; s/"rid":"-:/"rid":"s.csv:/' | cmp - plain.ndjson && echo "stdin: same"
scrm-clean --as-of 2026-11-24 --source=s s.data | cmp - plain.ndjson && echo "odd name: same"
scrm-clean --as-of 2026-11-24 --gzip s.csv | gzip -dc | cmp - plain.ndjson && echo "-z: same"
scrm-clean --as-of 2026-11-24 --output=out.ndjson.gz s.csv && gzip -dc out.ndjson.gz | cmp - plain.ndjson && echo ".gz: same"
