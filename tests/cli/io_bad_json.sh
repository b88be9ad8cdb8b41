# bad JSON lines, a non-object, a duplicate key: rejected, the rest read
printf '{"name":"张三","phone":"13964081235"}\n{"name":\n[1,2]\n{"a":1,"a":2}\n\n{"name":"李四","phone":"13964081236"}\n' > bad.ndjson
scrm-clean --as-of 2026-11-24 --rejects=rej.ndjson bad.ndjson
echo "exit $?"
cat rej.ndjson
