# the built-in header synonyms, one canonical field per line
scrm-clean --synonyms | cut -f 1 | tr '\n' ' '; echo
scrm-clean --synonyms | grep -c 手机号
