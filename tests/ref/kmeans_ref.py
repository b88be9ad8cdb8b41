#!/usr/bin/python3
"""scikit-learn's k-means on the k-means fixture: the reference of
tests/cli/segment_kmeans.sh. Standardises the features as scrm-segment
does (z-scores with the population standard deviation: StandardScaler),
fits KMeans(n_clusters=4, n_init=10, random_state=0) (k-means++ seeding,
Lloyd) and writes the inertia, the within-cluster sum of squares, to
testdata/segment/kmeans_expected.txt. The test asks scrm-segment's
inertia (--seed 1, 10 starts) to be at most 1.01 times it.

  scrm-segment --kmeans 4 --features score.activity,score.propensity,score.cross_freezer --fit

Run from the repository root with /usr/bin/python3 (Debian python3-sklearn).
Usage: kmeans_ref.py [FILE K FEATURE...] prints the inertia of another file.
"""
import json
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler


def get(rec, path):
    for part in path.split('.'):
        rec = rec.get(part) if isinstance(rec, dict) else None
    return rec


def inertia(path, k, feats):
    rows = []
    for line in open(path, encoding='utf-8'):
        r = json.loads(line)
        x = [get(r, f) for f in feats]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in x):
            rows.append(x)
    Z = StandardScaler().fit_transform(np.array(rows, dtype=float))
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(Z)
    return km.inertia_, len(rows)


if len(sys.argv) > 1:
    print('%.6f %d' % inertia(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
else:
    feats = ['score.activity', 'score.propensity', 'score.cross_freezer']
    value, n = inertia('testdata/segment/kmeans.ndjson', 4, feats)
    with open('testdata/segment/kmeans_expected.txt', 'w') as out:
        out.write('sklearn_inertia %.6f\nn %d\n' % (value, n))
