#!/bin/sh
# Regenerates the SYNOPSIS and OPTIONS parts of man/<tool>.1 from the
# tools' option tables (the one place each option is described), between
#   .\" BEGIN GENERATED synopsis   ...   .\" END GENERATED synopsis
#   .\" BEGIN GENERATED options    ...   .\" END GENERATED options
# With --check, exits 1 if a page is not up to date and changes nothing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
check=0
[ "${1:-}" = --check ] && check=1
status=0
for prog in "$top"/bin/*; do
	[ -x "$prog" ] || continue
	tool=$(basename "$prog")
	page=$top/man/$tool.1
	[ -f "$page" ] || { echo "gen-man: no man page $page" >&2; status=1; continue; }
	tmp=$(mktemp)
	syn=$(mktemp)
	opts=$(mktemp)
	"$prog" --dump-options=synopsis >"$syn"
	"$prog" --dump-options=options >"$opts"
	awk -v syn="$syn" -v opts="$opts" '
		/^\.\\" BEGIN GENERATED / {
			print
			file = ($4 == "synopsis") ? syn : opts
			while ((getline line < file) > 0) print line
			close(file)
			skip = 1
			next
		}
		/^\.\\" END GENERATED / { skip = 0 }
		!skip { print }
	' "$page" >"$tmp"
	if ! cmp -s "$tmp" "$page"; then
		if [ $check -eq 1 ]; then
			echo "gen-man: $page is out of date (run make man)" >&2
			status=1
		else
			cp "$tmp" "$page"
			echo "gen-man: updated $page" >&2
		fi
	fi
	rm -f "$tmp" "$syn" "$opts"
done
exit $status
