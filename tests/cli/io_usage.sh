# usage errors exit 2 with the usage line; --help and --version exit 0
scrm-clean --no-such-option; echo "exit $?"
scrm-clean --input-format=xml x; echo "exit $?"
scrm-clean --output-format=xml x; echo "exit $?"
scrm-clean --threads=0 x; echo "exit $?"
scrm-clean --as-of=tomorrow x; echo "exit $?"
scrm-clean --map; echo "exit $?"
scrm-clean --help > help.txt; echo "exit $?"
head -n 3 help.txt
scrm-clean --version
