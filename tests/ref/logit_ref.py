#!/usr/bin/python3
"""Maximum-likelihood logistic regression of the retail_logit fixture by
statsmodels (Debian python3-statsmodels): the reference of
tests/cli/score_logistic.sh. Writes testdata/score/retail_logit_expected.txt,
one "term coefficient" line per term, in the order of the scrm-score
--features list:

  --label label --features 'log_frequency,log_monetary,recency / 30,uk'

Run from the repository root with /usr/bin/python3 (statsmodels is there).
"""
import json

import numpy as np
import statsmodels.api as sm

rows = [json.loads(l) for l in open('testdata/score/retail_logit.ndjson', encoding='utf-8')]
X = np.array([[r['log_frequency'], r['log_monetary'], r['recency'] / 30, float(r['uk'])]
              for r in rows])
y = np.array([r['label'] for r in rows], dtype=float)
res = sm.Logit(y, sm.add_constant(X)).fit(method='newton', tol=1e-12, maxiter=100, disp=0)
names = ['intercept', 'log_frequency', 'log_monetary', 'recency / 30', 'uk']
with open('testdata/score/retail_logit_expected.txt', 'w') as out:
    for n, b in zip(names, res.params):
        out.write('%s\t%.12f\n' % (n, b))
