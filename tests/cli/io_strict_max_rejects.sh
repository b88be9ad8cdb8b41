# --strict: the first malformed row is fatal; --max-rejects N and P%
printf 'name,phone\nA,13964081235\nB\nC,13964081236\nD\nE\n' > r.csv
scrm-clean --strict r.csv; echo "exit $?"
scrm-clean --max-rejects=2 r.csv > /dev/null; echo "exit $?"
scrm-clean --max-rejects=3 r.csv > /dev/null; echo "exit $?"
scrm-clean --max-rejects=50% r.csv > /dev/null; echo "exit $?"
scrm-clean --max-rejects=70% --output=o.ndjson r.csv; echo "exit $?"
wc -l < o.ndjson
scrm-clean --max-rejects=abc r.csv; echo "exit $?"
