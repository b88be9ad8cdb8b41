# a bad map file is a configuration error: exit 2 with the file named
printf '{"fields": {"a": 1}}' > m1.json
printf '{"fields": {"a": "name"}, "colour": "red"}' > m2.json
printf '{"fields": \n {"a": "name",}}' > m3.json
for m in m1.json m2.json m3.json missing.json; do
	echo x | scrm-clean --map="$m"; echo "exit $?"
done
