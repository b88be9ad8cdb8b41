-- RFM scores of the UCI Online Retail sample by sqlite3's ntile(5): the
-- reference of tests/cli/score_rfm.sh. Run by tests/ref/rfm_ref.sh, which
-- imports the CSV as table raw. Same row filter as retail_fixtures.py;
-- amounts in integer cents; recency in days to 2011-12-10 (the --as-of of
-- the test). 5 is best: most recent, most frequent, highest spend. Ties are
-- broken by uid (text, BINARY collation), as scrm-score documents.
CREATE TABLE lines AS
  SELECT 'C' || CustomerID AS uid, InvoiceNo AS inv, InvoiceDate AS dt,
         CAST(Quantity AS INTEGER) * CAST(round(CAST(UnitPrice AS REAL) * 100) AS INTEGER) AS cents
  FROM raw
  WHERE CustomerID <> '' AND InvoiceNo NOT LIKE 'C%'
    AND CAST(Quantity AS INTEGER) > 0 AND CAST(UnitPrice AS REAL) > 0;
CREATE TABLE cust AS
  SELECT uid,
         CAST(julianday('2011-12-10') - julianday(date(max(dt))) AS INTEGER) AS recency,
         count(DISTINCT inv) AS frequency,
         sum(cents) AS monetary_cents
  FROM lines GROUP BY uid;
SELECT uid,
       ntile(5) OVER (ORDER BY recency DESC, uid) AS r,
       ntile(5) OVER (ORDER BY frequency, uid) AS f,
       ntile(5) OVER (ORDER BY monetary_cents, uid) AS m
FROM cust ORDER BY uid;
