# a 10 MB field is read whole; the next row is read too
{ printf 'name,text\n张三,'; head -c 10485760 /dev/zero | tr '\0' x; printf '\n李四,short\n'; } > big.csv
scrm-clean big.csv | awk '{ print (length($0) > 1000 ? "long record" : $0) }'
