# --catalog: products get attrs, category and the other columns they lack,
# seen by the rules only; unknown skus are counted
cat > rules.json <<'J'
{"tags": [
  {"id": "interest/energy_saving", "name": "节能", "when": "any(products, has(attrs, \"节能\"))"},
  {"id": "interest/premium", "name": "高端", "when": "any(products, has(attrs, \"高端\"))"},
  {"id": "interest/eco", "name": "环保", "when": "any(products, \"环保\" in attrs)"},
  {"id": "own/refrigerator", "when": "any(products, category == \"refrigerator\")"},
  {"id": "own/washer", "when": "any(products, category == \"washer\")"},
  {"id": "band/premium", "when": "any(products, price_band == \"premium\")"},
  {"id": "brand/casarte", "when": "any(products, name =~ \"卡萨帝\")"},
  {"id": "attrs/none", "when": "all(products, !has(attrs))"}
]}
J
cat > in.ndjson <<'J'
{"uid":"c1","products":[{"sku":"BCD-651WDEA","date":"2022-03-05"},{"sku":"NOT-LISTED"}]}
{"uid":"c2","products":[{"category":"washer","sku":"EG10014B39GU1","attrs":["自选"]}]}
{"uid":"c3","products":[]}
{"uid":"c4","products":[{"sku":"C9-FHE9 \"Pro\"","price_band":"custom"},{"category":"tv"}]}
{"uid":"c5"}
J
for cat in products.csv catalog.ndjson; do
	echo "--- catalogue $cat"
	scrm-tag --as-of 2026-11-24 --rules rules.json --catalog "$TESTDATA/tag/$cat" \
		--stats=stats.json in.ndjson
	echo "exit $?"
	sed 's/"seconds":[0-9.]*/"seconds":S/' stats.json
done
echo "--- no catalogue"
scrm-tag --as-of 2026-11-24 --rules rules.json in.ndjson | sed 's/.*"tags"/"tags"/'
echo "--- gzip catalogue, default taxonomy"
gzip -c "$TESTDATA/tag/products.csv" > products.csv.gz
scrm-tag --as-of 2026-11-24 -c products.csv.gz --stats=stats.json in.ndjson | sed 's/.*"tags"/"tags"/'
sed 's/.*"catalog":\({[^}]*}\).*/\1/' stats.json
