#!/usr/bin/env python3
"""Builds the scrm-score fixtures from the UCI Online Retail sample
(../shared/data/retail/online_retail_sample_cid_mod10.csv; Daqing Chen,
UCI Machine Learning Repository, CC BY 4.0):

  testdata/score/retail_profiles.ndjson  one profile per customer: uid,
      country, products = one per invoice {category, sku = invoice number,
      date, price = invoice total}, events and event_dates of the purchases.
      For the rfm test (scored --as-of 2011-12-10).
  testdata/score/retail_logit.ndjson  one record per customer active before
      2011-09-10: recency (days to that date), frequency (invoices),
      monetary, log_frequency, log_monetary, uk, and label = 1 when the
      customer bought again from 2011-09-10 on. For the logistic test.

Rows kept: a customer id, an invoice not starting with C (cancellations),
quantity > 0 and unit price > 0. Amounts are summed in integer cents
(prices have at most two decimals), so totals are exact.

Usage, from the repository root: python3 tests/ref/retail_fixtures.py CSV
"""
import csv
import datetime
import json
import math
import sys

src = sys.argv[1] if len(sys.argv) > 1 else \
    '../shared/data/retail/online_retail_sample_cid_mod10.csv'
CUTOFF = '2011-09-10'

invoices = {}   # (uid, invoice) -> [date, cents, country]
for row in csv.DictReader(open(src, newline='', encoding='utf-8')):
    if not row['CustomerID'] or row['InvoiceNo'].startswith('C'):
        continue
    q = int(row['Quantity'])
    cents = int(round(float(row['UnitPrice']) * 100))
    if q <= 0 or cents <= 0:
        continue
    key = ('C' + row['CustomerID'], row['InvoiceNo'])
    inv = invoices.setdefault(key, [row['InvoiceDate'], 0, row['Country']])
    inv[0] = min(inv[0], row['InvoiceDate'])
    inv[1] += q * cents

people = {}
for (uid, no), (date, cents, country) in invoices.items():
    people.setdefault(uid, {'country': country, 'inv': []})['inv'].append((date, no, cents))


def money(c):
    return '%d.%02d' % (c // 100, c % 100)


with open('testdata/score/retail_profiles.ndjson', 'w') as out:
    for uid in sorted(people):
        p = people[uid]
        inv = sorted(p['inv'])
        products = ','.join(
            '{"category":"retail","sku":%s,"date":%s,"price":%s}'
            % (json.dumps(no), json.dumps(d), money(c)) for d, no, c in inv)
        dates = ','.join(json.dumps(d) for d, _, _ in inv)
        out.write('{"uid":%s,"country":%s,"products":[%s],"events":{"purchase":%d},'
                  '"event_dates":{"purchase":[%s]}}\n'
                  % (json.dumps(uid), json.dumps(p['country'], ensure_ascii=False),
                     products, len(inv), dates))

cut = datetime.date.fromisoformat(CUTOFF)
with open('testdata/score/retail_logit.ndjson', 'w') as out:
    for uid in sorted(people):
        p = people[uid]
        before = [i for i in p['inv'] if i[0] < CUTOFF]
        if not before:
            continue
        last = max(d for d, _, _ in before)
        recency = (cut - datetime.date.fromisoformat(last[:10])).days
        freq = len(before)
        cents = sum(c for _, _, c in before)
        label = int(any(d >= CUTOFF for d, _, _ in p['inv']))
        out.write(json.dumps({
            'uid': uid, 'country': p['country'], 'recency': recency, 'frequency': freq,
            'monetary': cents / 100, 'log_frequency': math.log(freq),
            'log_monetary': math.log(cents / 100), 'uk': p['country'] == 'United Kingdom',
            'label': label}, ensure_ascii=False) + '\n')
