#!/bin/sh
# Generates the division tables of common/cn_admin.c from
# data/cn/cn_admin_divisions.csv (yescallop/areacodes, CC0; centroids from
# Vonng/adcode, CC BY 4.0: see data/cn/licenses/):
#   cn_divisions   every (code, name, period) row, sorted by code, current first
#   cn_name_keys   full names and short forms, sorted by bytes
#   cn_name_slots  a hash on the first two characters of a key (their code points)
#   cn_code_slots  a hash on the code: its first row
# Run from the repository root; writes C on stdout. POSIX sh, sort and awk
# (mawk is enough); byte-oriented, so LC_ALL=C throughout.
set -eu

LC_ALL=C
export LC_ALL
csv=data/cn/cn_admin_divisions.csv
header='code,name,level,status,province,parent,valid_from,valid_until,successor_codes,lon_gcj02,lat_gcj02,coord_match'

# Stage 1: check the rows, resolve each to its current unit, derive short
# names. Prints "D<TAB>sortkey<TAB>fields..." per row and
# "K<TAB>key<TAB>kind<TAB>row sortkey<TAB>current code" per name.
rows() {
	awk -F ',' -v header="$header" -v file="$csv" '
	function fail(msg) {
		printf "%s:%d: %s\n", file, NR, msg > "/dev/stderr"
		bad = 1
		exit 1
	}
	function ends(s, suf) {
		return length(s) >= length(suf) && substr(s, length(s) - length(suf) + 1) == suf
	}
	function chop(s, suf) {
		return substr(s, 1, length(s) - length(suf))
	}
	# Drops trailing ethnic names: 恩施土家族苗族 -> 恩施, 巴音郭楞蒙古 -> 巴音郭楞.
	# One-character names only with 族 (回族), and a stem keeps two characters.
	function strip_ethnic(s,    again, i, f) {
		do {
			again = 0
			for (i = 1; i <= nethnic; i++) {
				f = ethnic[i] "族"
				if (ends(s, f) && length(s) - length(f) >= 6) {
					s = chop(s, f)
					again = 1
					break
				}
				f = ethnic[i]
				if (length(f) > 3 && ends(s, f) && length(s) - length(f) >= 6) {
					s = chop(s, f)
					again = 1
					break
				}
			}
		} while (again)
		if (ends(s, "族") && length(s) >= 9)
			s = chop(s, "族")
		return s
	}
	function add_alias(i, a) {
		if (length(a) < 6 || a == name[i])
			return
		nal++
		al_key[nal] = a
		al_row[nal] = i
	}
	# Short forms of row i (the spec: drop 省|市|自治区|特别行政区|地区|
	# 自治州|盟|县|区|旗; autonomous units also lose their ethnic names).
	function aliases(i,    n, s) {
		n = name[i]
		if (lvl[i] == 1) {
			if (n in special) {
				add_alias(i, special[n])
			} else if (ends(n, "省") || ends(n, "市")) {
				add_alias(i, chop(n, "市"))
				add_alias(i, chop(n, "省"))
			}
		} else if (lvl[i] == 2) {
			if (ends(n, "自治州")) {
				s = strip_ethnic(chop(n, "自治州"))
				add_alias(i, s)
				add_alias(i, s "州")
			} else if (ends(n, "地区")) {
				add_alias(i, chop(n, "地区"))
			} else if (ends(n, "盟")) {
				add_alias(i, chop(n, "盟"))
			} else if (ends(n, "市")) {
				add_alias(i, chop(n, "市"))
			}
		} else {
			if (ends(n, "自治县")) {
				s = strip_ethnic(chop(n, "自治县"))
				add_alias(i, s)
				add_alias(i, s "县")
			} else if (ends(n, "自治旗")) {
				s = strip_ethnic(chop(n, "自治旗"))
				add_alias(i, s)
				add_alias(i, s "旗")
			} else if (ends(n, "新区") || ends(n, "林区") || ends(n, "特区") || ends(n, "矿区")) {
				add_alias(i, substr(n, 1, length(n) - 6))
			} else if (ends(n, "区") || ends(n, "县") || ends(n, "市") || ends(n, "旗")) {
				add_alias(i, substr(n, 1, length(n) - 3))
			}
		}
	}
	# The first successor without a [year] (the change at valid_until),
	# else, unless dated_ok is 0, the latest dated one (dated entries are
	# areas handed over earlier: a renamed unit lives on in its own code).
	function primary(s, dated_ok,    n, parts, k, best, by, y) {
		if (s == "")
			return ""
		n = split(s, parts, ";")
		for (k = 1; k <= n; k++)
			if (parts[k] !~ /\[/)
				return parts[k]
		if (!dated_ok)
			return ""
		best = ""
		by = -1
		for (k = 1; k <= n; k++) {
			y = parts[k]
			sub(/^[0-9]*\[/, "", y)
			sub(/\]$/, "", y)
			if (y + 0 >= by) {
				by = y + 0
				best = substr(parts[k], 1, 6)
			}
		}
		return best
	}
	# The current code that holds row i today, or 0.
	function resolve(i,    c, k, s) {
		if (st[i] == 0)
			return code[i]
		s = primary(succ[i], st[i] == 2)
		if (s == "" || s == code[i])
			return (code[i] in cur_row) ? code[i] : 0
		c = s
		for (k = 0; k < 12; k++) {
			if (c in cur_row)
				return c
			if (!(c in latest))
				return 0
			s = primary(succ[latest[c]], 1)
			if (s == "" || s == c)
				return 0
			c = s
		}
		return 0
	}
	function province_of(c) {
		return substr(c, 1, 2) "0000"
	}
	function parent_code(i) {
		if (lvl[i] == 1)
			return 0
		if (lvl[i] == 2 || par[i] == "直辖")
			return province_of(code[i])
		return substr(code[i], 1, 4) "00"
	}
	function cur_parent(i) {
		return cur[i] ? parent_code(cur_row[cur[i]]) : -1
	}
	BEGIN {
		nethnic = split("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 " \
		      "傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 " \
		      "撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 " \
		      "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺", ethnic, " ")
		special["内蒙古自治区"] = "内蒙古"
		special["广西壮族自治区"] = "广西"
		special["西藏自治区"] = "西藏"
		special["宁夏回族自治区"] = "宁夏"
		special["新疆维吾尔自治区"] = "新疆"
		special["香港特别行政区"] = "香港"
		special["澳门特别行政区"] = "澳门"
		levels["province"] = 1
		levels["prefecture"] = 2
		levels["county"] = 3
		states["current"] = 0
		states["renamed_or_changed"] = 1
		states["abolished"] = 2
	}
	{ sub(/\r$/, "") }
	NR == 1 {
		sub(/^\357\273\277/, "")
		if ($0 != header)
			fail("unexpected header")
		next
	}
	/^[ \t]*$/ { next }
	{
		if (NF != 12)
			fail("expected 12 fields")
		if ($1 !~ /^[1-9][0-9][0-9][0-9][0-9][0-9]$/)
			fail("bad code")
		if (!($3 in levels) || !($4 in states))
			fail("bad level or status")
		if ($7 !~ /^[12][0-9][0-9][0-9]$/ || $8 !~ /^([12][0-9][0-9][0-9])?$/)
			fail("bad validity years")
		if ($2 == "" || length($2) % 3 != 0)
			fail("bad name")
		if ($9 !~ /^([0-9]+(\[[0-9]+\])?(;[0-9]+(\[[0-9]+\])?)*)?$/)
			fail("bad successor list")
		n++
		code[n] = $1; name[n] = $2; lvl[n] = levels[$3]; st[n] = states[$4]
		prov[n] = $5; par[n] = $6; from[n] = $7; until[n] = $8; succ[n] = $9
		lon[n] = $10 == "" ? 0 : $10
		lat[n] = $11 == "" ? 0 : $11
		cm = $12
		coord[n] = cm == "" ? 0 : cm == "code+name" ? 1 : cm ~ /^code_only/ ? 2 : cm ~ /^parent_/ ? 3 : -1
		if (coord[n] < 0)
			fail("bad coord_match")
		if (st[n] == 0) {
			if ($1 in cur_row)
				fail("two current rows for one code")
			cur_row[$1] = n
		}
		if (!($1 in latest) || from[latest[$1]] < $7)
			latest[$1] = n
	}
	END {
		if (bad)
			exit 1
		if (n < 1000) {
			printf "%s: too few rows\n", file > "/dev/stderr"
			exit 1
		}
		for (i = 1; i <= n; i++) {
			cur[i] = resolve(i)
			key[i] = sprintf("%06d.%d.%04d.%05d", code[i], st[i] ? 1 : 0, 9999 - from[i], i)
			printf "D\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n",
			    key[i], code[i], name[i], prov[i], par[i], succ[i], lon[i], lat[i],
			    parent_code(i), cur[i], from[i], until[i] == "" ? 0 : until[i],
			    lvl[i], st[i], coord[i]
			aliases(i)
		}
		# A short form shared by two units of one parent (today) means neither.
		for (k = 1; k <= nal; k++) {
			i = al_row[k]
			g = al_key[k] SUBSEP cur_parent(i)
			if (!((g, cur[i]) in al_seen)) {
				al_seen[g, cur[i]] = 1
				al_units[g]++
			}
		}
		for (i = 1; i <= n; i++)
			add_key(name[i], st[i] ? 2 : 0, i)
		for (k = 1; k <= nal; k++) {
			i = al_row[k]
			if (al_units[al_key[k] SUBSEP cur_parent(i)] == 1)
				add_key(al_key[k], st[i] ? 3 : 1, i)
		}
		for (g in best)
			printf "K\t%s\t%d\t%s\t%s\n", best_name[g], best[g], key[best_row[g]], cur[best_row[g]]
	}
	# One key per (name, current unit): the official current name wins.
	function add_key(nm, kind, i,    g) {
		if (cur[i] == 0)
			return
		g = nm SUBSEP cur[i]
		if (g in best && best[g] <= kind)
			return
		best[g] = kind
		best_name[g] = nm
		best_row[g] = i
	}' "$csv"
}

cat <<'EOF'
/* Generated by scripts/gen/cn_admin_table.sh from data/cn: do not edit. */
#include "cn_admin.h"

#include "banned.h"

EOF

rows | sort | awk -F '\t' '
function fail(msg) {
	printf "cn_admin_table.sh: %s\n", msg > "/dev/stderr"
	bad = 1
	exit 1
}
function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}
# The code point of the three-byte character at byte k of s; fails on
# anything else (cn_admin.c relies on keys starting with two of them).
function cp3(s, k,    b0, b1, b2) {
	b0 = ord[substr(s, k, 1)]
	b1 = ord[substr(s, k + 1, 1)]
	b2 = ord[substr(s, k + 2, 1)]
	if (b0 < 224 || b0 > 239 || b1 < 128 || b1 > 191 || b2 < 128 || b2 > 191)
		fail("key not starting with two three-byte characters: " s)
	return (b0 - 224) * 4096 + (b1 - 128) * 64 + (b2 - 128)
}
# The multiply-shift hashes of common/cn_admin.c (HASH_A, HASH_B), exact in
# doubles: the products stay below 2^53. size is a power of two.
function name_hash(s, size) {
	return int((cp3(s, 1) * 165902235 + cp3(s, 4) * 133473217) / 65536) % size
}
function code_hash(c, size) {
	return int(c * 165902235 / 65536) % size
}
# A power of two at least twice n: short probe runs, never a full table.
function table_size(n,    size) {
	size = 1
	while (size < 2 * n)
		size *= 2
	return size
}
BEGIN {
	for (k = 1; k < 256; k++)
		ord[sprintf("%c", k)] = k
	print "const struct cn_division cn_divisions[] = {"
	print "\t/* name, province, parent, successors, lon, lat, code, parent_code, current,"
	print "\t   valid_from, valid_until, level, status, coord, name_len */"
}
$1 == "D" {
	row[$2] = nd
	if (!($3 in first_row)) {
		first_row[$3] = nd
		codes[nc++] = $3
	}
	if ($15 == 0)
		current[nd] = 1
	if (length($4) > 255)
		fail("name too long: " $4)
	printf "\t{ %s, %s, %s, %s, %s, %s, %d, %d, %d, %d, %d, %d, %d, %d, %d },\n",
	    cstr($4), cstr($5), cstr($6), cstr($7), $8, $9, $3, $10, $11, $12, $13, $14, $15, $16,
	    length($4)
	nd++
	next
}
$1 == "K" {
	if (!ended) {
		print "};"
		print "const size_t cn_divisions_len = sizeof(cn_divisions) / sizeof(cn_divisions[0]);\n"
		print "const struct cn_name_key cn_name_keys[] = {"
		ended = 1
	}
	if (length($2) < 6)
		fail("name shorter than two characters: " $2)
	c = first_row[$5]
	if (!(c in current))
		fail("key " $2 " resolves to a code without a current row")
	printf "\t{ %s, %d, %d, %d, %d, {", cstr($2), length($2), $3, row[$4], c
	for (k = 7; k <= 14; k++)
		printf " %d,", k <= length($2) ? ord[substr($2, k, 1)] : 0
	print " } },"
	p = substr($2, 1, 6)
	ng += 0	# a number from the start: gprefix[0], not gprefix[""]
	if (nk == 0 || p != gprefix[ng - 1]) {
		gprefix[ng] = p
		gstart[ng] = nk
		gcount[ng] = 0
		ng++
	}
	gcount[ng - 1]++
	if (gcount[ng - 1] > 255)
		fail("too many names share a prefix")
	nk++
	next
}
{ fail("unexpected line") }
END {
	if (bad)
		exit 1
	if (!ended || nd >= 65535)
		fail("bad table sizes")
	print "};"
	print "const size_t cn_name_keys_len = sizeof(cn_name_keys) / sizeof(cn_name_keys[0]);\n"
	size = table_size(ng)
	for (g = 0; g < ng; g++) {
		h = name_hash(gprefix[g], size)
		while (h in slot)
			h = (h + 1) % size
		slot[h] = sprintf("{ %.0f, %d }", cp3(gprefix[g], 1) * 65536 + cp3(gprefix[g], 4),
		    gstart[g] * 256 + gcount[g])
	}
	printf "const struct cn_name_slot cn_name_slots[%d] = {", size
	for (h = 0; h < size; h++)
		printf "%s%s,", (h % 8 ? " " : "\n\t"), (h in slot) ? slot[h] : "{ 0, 0 }"
	print "\n};"
	print "const size_t cn_name_slots_len = sizeof(cn_name_slots) / sizeof(cn_name_slots[0]);\n"
	size = table_size(nc)
	for (k = 0; k < nc; k++) {
		h = code_hash(codes[k], size)
		while (h in cslot)
			h = (h + 1) % size
		cslot[h] = first_row[codes[k]] + 1
	}
	printf "const uint16_t cn_code_slots[%d] = {", size
	for (h = 0; h < size; h++)
		printf "%s%d,", (h % 16 ? " " : "\n\t"), (h in cslot) ? cslot[h] : 0
	print "\n};"
	print "const size_t cn_code_slots_len = sizeof(cn_code_slots) / sizeof(cn_code_slots[0]);"
}'
