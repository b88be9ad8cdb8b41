# --source and --event override what the file name would say; --region reads
# national numbers of another country
printf 'name,phone\nJohn Smith,(650) 253-0000\nLi Lei,+86 139 6408 1235\n' > in.csv
scrm-clean --source=crm --event=register --region=US in.csv
printf 'name,phone\nx,"abc"\n' | scrm-clean --event=sale; echo "exit $?"
scrm-clean --region=USA in.csv; echo "exit $?"
