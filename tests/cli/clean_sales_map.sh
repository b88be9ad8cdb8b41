# a --map file: renames, drops, sets source and event; --dedupe sends the
# repeated order to the rejects stream; the ragged row is rejected too
scrm-clean --as-of 2026-11-24 --map "$TESTDATA/maps/sales.json" --dedupe \
	--rejects=rejects.ndjson --stats=stats.json "$TESTDATA/raw/sales.csv"
echo "exit $?"
echo "--- rejects"
cat rejects.ndjson
echo "--- stats"
sed 's/"seconds":[0-9.]*/"seconds":0/' stats.json
