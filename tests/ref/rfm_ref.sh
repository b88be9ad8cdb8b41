#!/bin/sh
# Writes testdata/score/retail_rfm_expected.tsv (uid, r, f, m) with sqlite3's
# ntile(5) (tests/ref/rfm_ntile.sql). Run from the repository root:
#   sh tests/ref/rfm_ref.sh [CSV]
set -eu
csv=${1:-../shared/data/retail/online_retail_sample_cid_mod10.csv}
sqlite3 -separator '	' :memory: -cmd ".import --csv $csv raw" < tests/ref/rfm_ntile.sql \
	> testdata/score/retail_rfm_expected.tsv
