# ragged rows, a stray quote, text after a closing quote, invalid UTF-8 and
# a NUL byte: each rejected
# with file and line, the run goes on, no personal data in the messages
printf 'name,phone,note\n张三,13964081235,ok\n李四,13964081236\n王五,"13964081237,x\n赵六,13964081238,"fine, really"\n\377\376,13964081239,x\n钱七,1396408\000240,x\n"周九"x,13964081242,x\n孙八,13964081241,ok\n' > bad.csv
scrm-clean --as-of 2026-11-24 --stats bad.csv 2>err
echo "exit $?"
sed 's/"seconds":[0-9.]*/"seconds":0/' err
