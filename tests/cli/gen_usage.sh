# usage errors exit 2; options for reading records are refused; an output
# directory that cannot be made exits 3 and leaves nothing behind
scrm-gen --people=0; echo "exit $?"
scrm-gen --people=10000001; echo "exit $?"
scrm-gen --people=10 --rows=100; echo "exit $?"
scrm-gen --rows=x; echo "exit $?"
scrm-gen --seed=-1; echo "exit $?"
scrm-gen --noise=11; echo "exit $?"
scrm-gen --dir=; echo "exit $?"
scrm-gen input.csv; echo "exit $?"
for opt in --input-format=csv --output-format=csv --output=x --quote-all --rejects=x --strict \
	--max-rejects=1 --unbuffered; do
	scrm-gen -n 10 "$opt" 2>err; echo "exit $?"
	head -n 1 err
done
touch file
scrm-gen -n 10 -d file/sub; echo "exit $?"
ls
scrm-gen --help | head -n 3
scrm-gen --version
