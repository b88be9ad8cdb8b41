# every row reads through scrm-clean with nothing rejected; truth.csv has
# one line per row with src and rid as scrm-clean makes them; --dedupe
# drops exactly the planted duplicates and --drop-invalid junk rows only
scrm-gen -n 3000 --seed 3 -d raw --stats=gen.json
cat gen.json
for f in raw/members.csv raw/sales.csv raw/service.csv raw/ecommerce.ndjson raw/iot.tsv \
	raw/callcenter.csv; do
	scrm-clean --as-of 2026-11-24 --stats=s.json "$f" >> clean.ndjson
	echo "$(basename "$f"): $(sed 's/.*"in":\([0-9]*\),"out":\([0-9]*\),"rejected":\([0-9]*\).*/in \1, out \2, rejected \3/' s.json)"
done
sed 's/^{"src":"\([^"]*\)","rid":"\([^"]*\)".*/\1,\2/' clean.ndjson | sort > records
sed 1d raw/truth.csv | cut -d, -f1,2 | sort > truth
cmp records truth && echo "truth.csv: $(wc -l < truth) lines, one per record"

# rejects of --dedupe --drop-invalid, against the truth
for f in raw/members.csv raw/sales.csv raw/service.csv raw/ecommerce.ndjson raw/iot.tsv \
	raw/callcenter.csv; do
	src=$(basename "$f"); src=${src%%.*}
	scrm-clean --as-of 2026-11-24 --dedupe --drop-invalid --rejects=rej.ndjson "$f" > /dev/null
	sed "s/^{\"[^\"]*\":\"\([^\"]*\)\".*\"reason\":\"\([^\"]*\)\".*\"line\":\([0-9]*\).*/$src \1 \3 \2/" rej.ndjson
done | awk -F, 'NR == FNR { if (FNR > 1) person[$1 "," $2] = $3; next }
	{ split($0, w, " "); rid = w[1] == "iot" ? "iot.tsv:" w[3] : w[2]
	  reason = substr($0, length(w[1] w[2] w[3]) + 4)
	  junk = person[w[1] "," rid] ~ /^junk-/ ? "junk" : "people"
	  n[reason " of " junk]++ }
	END { for (k in n) print k ": " n[k] }' raw/truth.csv - | sort
