# -i forces a format; a BOM and CRLF line ends are read; CSV output of nested values
printf '\357\273\277姓名,手机\r\n张三,13964081235\r\n' > bom.csv
scrm-clean bom.csv
printf 'a;b\n1;2\n' | scrm-clean --input-format=tsv
printf '{"name":"张三","phone":"13964081235","raw":{"phone":"x"},"tags":["a","b"]}\n' | scrm-clean --input-format=ndjson -O csv
