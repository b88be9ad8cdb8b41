#!/usr/bin/python3
"""The reference of tests/cli/segment_lift.sh, by statsmodels (Debian
python3-statsmodels): on testdata/segment/lift.ndjson, conversion in the
target and control groups, the difference with its 95% Wald interval,
the ratio (lift) with its 95% Katz log interval and the pooled
two-proportion z test. Writes testdata/segment/lift_expected.txt, one
"name value" line each. Run from the repository root with /usr/bin/python3.
"""
import json

from statsmodels.stats.proportion import (confint_proportions_2indep,
                                          proportions_ztest)

n = {'target': 0, 'control': 0}
x = {'target': 0, 'control': 0}
for line in open('testdata/segment/lift.ndjson', encoding='utf-8'):
    r = json.loads(line)
    n[r['group']] += 1
    x[r['group']] += 1 if r['converted'] else 0
x1, n1, x0, n0 = x['target'], n['target'], x['control'], n['control']
dlo, dhi = confint_proportions_2indep(x1, n1, x0, n0, method='wald', compare='diff')
rlo, rhi = confint_proportions_2indep(x1, n1, x0, n0, method='log', compare='ratio')
z, p = proportions_ztest([x1, x0], [n1, n0])
with open('testdata/segment/lift_expected.txt', 'w') as out:
    for name, v in [('difference', x1 / n1 - x0 / n0), ('difference_lo', dlo),
                    ('difference_hi', dhi), ('lift', (x1 / n1) / (x0 / n0)),
                    ('lift_lo', rlo), ('lift_hi', rhi), ('z', z), ('p_value', p)]:
        out.write('%s %.9f\n' % (name, v))
