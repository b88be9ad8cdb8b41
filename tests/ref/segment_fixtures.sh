#!/bin/sh
# Writes the synthetic customers of the scrm-segment geography tests,
# testdata/segment/customers.ndjson, from testdata/segment/communities.csv
# (300 synthetic communities around Qingdao, see testdata/segment/README).
# Deterministic: a Park-Miller generator in awk (exact in doubles), so any
# POSIX awk gives the same file. Run from the repository root.
#
# Per community: households / 150 customers (at least 1) within about
# 300 m of its centroid; every other one names the community, the rest
# leave it empty (found by distance); every 10th has only its district's
# centroid as position (崂山区, adcode 370212, as scrm-clean writes it),
# every 25th has no position. score.replace_refrigerator is 0-99.
set -eu
awk -F, '
function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
BEGIN { seed = 20261124; n = 0; pi = atan2(0, -1) }
NR == 1 { next }
{
	id = $1; name = $2; lon = $3 + 0; lat = $4 + 0; hh = $5 + 0
	k = int(hh / 150); if (k < 1) k = 1
	for (i = 0; i < k; i++) {
		n++
		r = 0.3 * sqrt(rnd()); t = 2 * pi * rnd()
		la = lat + r * sin(t) / 111.195
		lo = lon + r * cos(t) / (111.195 * cos(lat * pi / 180))
		score = int(rnd() * 100)
		comm = (n % 2 == 0) ? name : ""
		if (n % 25 == 0)
			pos = "\"lat\":null,\"lon\":null"
		else if (n % 10 == 0)
			pos = "\"lat\":36.107538,\"lon\":120.468956"
		else
			pos = sprintf("\"lat\":%.6f,\"lon\":%.6f", la, lo)
		printf "{\"uid\":\"S%05d\",\"city\":\"青岛市\",\"adcode\":\"370212\",\"community\":\"%s\",%s,\"score\":{\"replace_refrigerator\":%d}}\n", n, comm, pos, score
	}
}' testdata/segment/communities.csv > testdata/segment/customers.ndjson
