#!/bin/sh
# Rebuilds the tables taken from Unihan (Unicode 15.0.0, Debian package
# unicode-data; Copyright Unicode, Inc., data/cn/licenses/unicode_LICENSE.txt):
#   data/cn/cn_t2s.tsv     traditional -> simplified (kSimplifiedVariant, the
#                          first variant of each character)
#   data/cn/cn_pinyin.tsv  toneless readings of the 8105 characters of the
#                          Table of General Standard Chinese Characters
#                          (kTGH), from kMandarin, kXHC1983 and kHanyuPinyin;
#                          ü is written v
# Run from the repository root when Unihan changes; the build reads the
# tables, not Unihan.  POSIX sh, awk, sed, sort and bzcat.
set -eu

dir=${UNIHAN_DIR:-/usr/share/unicode}
unihan() { bzcat "$dir/Unihan_$1.txt.bz2"; }

# U+XXXX -> UTF-8 in POSIX awk
utf8='function utf8(h,   c, i) {
	c = 0
	for (i = 3; i <= length(h); i++)
		c = c * 16 + index("0123456789ABCDEF", substr(h, i, 1)) - 1
	if (c < 128) return sprintf("%c", c)
	if (c < 2048) return sprintf("%c%c", 192 + int(c / 64), 128 + c % 64)
	if (c < 65536) return sprintf("%c%c%c", 224 + int(c / 4096), 128 + int(c / 64) % 64, 128 + c % 64)
	return sprintf("%c%c%c%c", 240 + int(c / 262144), 128 + int(c / 4096) % 64, 128 + int(c / 64) % 64, 128 + c % 64)
}'

{
	printf 'traditional\tsimplified\n'
	unihan Variants | LC_ALL=C awk -F '\t' "$utf8"'
	$1 ~ /^U\+/ && $2 == "kSimplifiedVariant" { split($3, v, " "); if (v[1] != $1) print utf8($1) "\t" utf8(v[1]) }'
} > data/cn/cn_t2s.tsv

{
	printf 'char\treadings\n'
	{ unihan OtherMappings; unihan Readings; } | LC_ALL=C awk -F '\t' '
	$2 == "kTGH" { print $1 "\t" "TGH"; next }
	$2 == "kMandarin" || $2 == "kXHC1983" || $2 == "kHanyuPinyin" {
		n = split($3, w, /[ ,]/)
		for (k = 1; k <= n; k++) {
			r = w[k]; sub(/^.*:/, "", r)
			if (r != "") print $1 "\t" r
		}
	}' | LC_ALL=C sed '
	s/ā/a/g; s/á/a/g; s/ǎ/a/g; s/à/a/g; s/ē/e/g; s/é/e/g; s/ě/e/g; s/è/e/g
	s/ī/i/g; s/í/i/g; s/ǐ/i/g; s/ì/i/g; s/ō/o/g; s/ó/o/g; s/ǒ/o/g; s/ò/o/g
	s/ū/u/g; s/ú/u/g; s/ǔ/u/g; s/ù/u/g; s/ǖ/v/g; s/ǘ/v/g; s/ǚ/v/g; s/ǜ/v/g; s/ü/v/g
	s/ń/n/g; s/ň/n/g; s/ǹ/n/g; s/ḿ/m/g' | LC_ALL=C awk -F '\t' "$utf8"'
	$2 == "TGH" { tgh[$1] = 1; next }
	$2 !~ /^[a-z]+$/ { next }	# a few readings with rare marks (ê̌)
	index(" " read[$1] " ", " " $2 " ") == 0 { read[$1] = read[$1] (read[$1] == "" ? "" : " ") $2 }
	END { for (c in tgh) if (c in read) print c "\t" utf8(c) "\t" read[c] }' |
	LC_ALL=C sort | cut -f 2-
} > data/cn/cn_pinyin.tsv
