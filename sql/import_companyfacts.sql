-- Imports an SEC EDGAR "companyfacts" file (XBRL JSON) into facts.
--
--   sqlite3 bubble.db -cmd ".param set :file CIK0000789019.json" \
--                     -cmd ".param set :company Microsoft" < sql/import_companyfacts.sql
--
-- :file     the JSON file, as downloaded from
--           https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json
-- :company  the name the facts get (as in companies.name); without it, the
--           file's entityName
-- Runs in the sqlite3 shell (it needs readfile() and .bail) on a database
-- with the tables of sql/provenance.sql; SQLite's JSON functions read the
-- file, nothing else is needed.
--
-- What it imports: the annual values of the 10-K filings (form 10-K or
-- 10-K/A, fp FY; for flows, periods of 350 to 380 days) in USD, converted to
-- USD billions, as facts of confidence 'high', one source per filing
-- (edgar:<accession number>). Period: the value's end date. When a period is
-- reported by several filings the latest filing's value is kept (restated
-- figures), and when several tags give one metric the first tag below wins.
--
--   metric        us-gaap tags, in order of preference
--   revenue       Revenues, RevenueFromContractWithCustomerExcludingAssessedTax,
--                 SalesRevenueNet
--   operating_cf  NetCashProvidedByUsedInOperatingActivities
--   capex         PaymentsToAcquirePropertyPlantAndEquipment,
--                 PaymentsToAcquireProductiveAssets
--   cash          CashAndCashEquivalentsAtCarryingValue (without marketable securities)
--   debt          LongTermDebt, LongTermDebtNoncurrent (without the current part)
--   debt_current  LongTermDebtCurrent
--   interest      InterestPaidNet, InterestPaid, InterestExpense
--   rpo           RevenueRemainingPerformanceObligation
--   equity        StockholdersEquity
-- companies_from_facts takes debt_service = interest + debt_current when no
-- debt_service fact exists.
--
-- Bad input stops the import before anything is written, with a message
-- starting "companyfacts:" and the shell's exit code 1: an unreadable file,
-- malformed JSON, no us-gaap facts, a missing revenue, operating_cf, capex
-- or cash tag, a mapped tag with no USD unit, a value that is missing or
-- not a finite number, an annual 10-K value without its accession number
-- or with an end date that is missing or impossible, or negative for a
-- metric that cannot be (all but operating_cf and equity), two different
-- annual values of one tag and period in one filing, or no annual 10-K
-- value for one of those four metrics. All writes are one transaction, so
-- a failure leaves the database as it was.

.bail on
BEGIN;

DROP TABLE IF EXISTS temp.cf_doc;
DROP TABLE IF EXISTS temp.cf_map;
DROP TABLE IF EXISTS temp.cf_check;
DROP TABLE IF EXISTS temp.cf_values;
DROP TABLE IF EXISTS temp.cf_chosen;

CREATE TEMP TABLE cf_doc AS
SELECT CAST(readfile(:file) AS TEXT) AS doc, :company AS company;

-- The mapping: tag, metric, preference (1 first), whether the value covers a
-- period (duration) or a date, whether the import needs the metric.
CREATE TEMP TABLE cf_map (
  tag TEXT PRIMARY KEY, metric TEXT, preference INTEGER, duration INTEGER, required INTEGER
);
INSERT INTO cf_map VALUES
  ('Revenues', 'revenue', 1, 1, 1),
  ('RevenueFromContractWithCustomerExcludingAssessedTax', 'revenue', 2, 1, 1),
  ('SalesRevenueNet', 'revenue', 3, 1, 1),
  ('NetCashProvidedByUsedInOperatingActivities', 'operating_cf', 1, 1, 1),
  ('PaymentsToAcquirePropertyPlantAndEquipment', 'capex', 1, 1, 1),
  ('PaymentsToAcquireProductiveAssets', 'capex', 2, 1, 1),
  ('CashAndCashEquivalentsAtCarryingValue', 'cash', 1, 0, 1),
  ('LongTermDebt', 'debt', 1, 0, 0),
  ('LongTermDebtNoncurrent', 'debt', 2, 0, 0),
  ('LongTermDebtCurrent', 'debt_current', 1, 0, 0),
  ('InterestPaidNet', 'interest', 1, 1, 0),
  ('InterestPaid', 'interest', 2, 1, 0),
  ('InterestExpense', 'interest', 3, 1, 0),
  ('RevenueRemainingPerformanceObligation', 'rpo', 1, 0, 0),
  ('StockholdersEquity', 'equity', 1, 0, 0);

-- Each problem found is inserted here; the trigger turns it into the error
-- that stops the script (RAISE takes only a literal message).
CREATE TEMP TABLE cf_check (problem TEXT NOT NULL);
CREATE TEMP TRIGGER cf_check_fail BEFORE INSERT ON cf_check BEGIN
  SELECT RAISE(ABORT, 'companyfacts: cannot read the file named by :file (set it with .param set :file path.json)')
   WHERE NEW.problem = 'unreadable';
  SELECT RAISE(ABORT, 'companyfacts: malformed JSON in the file named by :file')
   WHERE NEW.problem = 'malformed';
  SELECT RAISE(ABORT, 'companyfacts: no facts."us-gaap" object: not an EDGAR companyfacts file')
   WHERE NEW.problem = 'no us-gaap';
  SELECT RAISE(ABORT, 'companyfacts: no company name: set :company or give entityName')
   WHERE NEW.problem = 'no name';
  SELECT RAISE(ABORT, 'companyfacts: missing tag for revenue (Revenues, RevenueFromContractWithCustomerExcludingAssessedTax or SalesRevenueNet)')
   WHERE NEW.problem = 'missing revenue';
  SELECT RAISE(ABORT, 'companyfacts: missing tag for operating_cf (NetCashProvidedByUsedInOperatingActivities)')
   WHERE NEW.problem = 'missing operating_cf';
  SELECT RAISE(ABORT, 'companyfacts: missing tag for capex (PaymentsToAcquirePropertyPlantAndEquipment or PaymentsToAcquireProductiveAssets)')
   WHERE NEW.problem = 'missing capex';
  SELECT RAISE(ABORT, 'companyfacts: missing tag for cash (CashAndCashEquivalentsAtCarryingValue)')
   WHERE NEW.problem = 'missing cash';
  SELECT RAISE(ABORT, 'companyfacts: wrong units: a revenue tag has no USD values')
   WHERE NEW.problem = 'units revenue';
  SELECT RAISE(ABORT, 'companyfacts: wrong units: an operating_cf tag has no USD values')
   WHERE NEW.problem = 'units operating_cf';
  SELECT RAISE(ABORT, 'companyfacts: wrong units: a capex tag has no USD values')
   WHERE NEW.problem = 'units capex';
  SELECT RAISE(ABORT, 'companyfacts: wrong units: a cash tag has no USD values')
   WHERE NEW.problem = 'units cash';
  SELECT RAISE(ABORT, 'companyfacts: wrong units: a debt tag has no USD values')
   WHERE NEW.problem IN ('units debt', 'units debt_current');
  SELECT RAISE(ABORT, 'companyfacts: wrong units: an interest tag has no USD values')
   WHERE NEW.problem = 'units interest';
  SELECT RAISE(ABORT, 'companyfacts: wrong units: the rpo tag has no USD values')
   WHERE NEW.problem = 'units rpo';
  SELECT RAISE(ABORT, 'companyfacts: wrong units: the equity tag has no USD values')
   WHERE NEW.problem = 'units equity';
  SELECT RAISE(ABORT, 'companyfacts: a value (val) is missing or not a finite number')
   WHERE NEW.problem = 'not a number';
  SELECT RAISE(ABORT, 'companyfacts: a value has no accession number (accn)')
   WHERE NEW.problem = 'no accn';
  SELECT RAISE(ABORT, 'companyfacts: a value has a missing or impossible end date (end, YYYY-MM-DD)')
   WHERE NEW.problem = 'bad end';
  SELECT RAISE(ABORT, 'companyfacts: a value of revenue, capex, cash, debt, interest or rpo is negative')
   WHERE NEW.problem = 'negative';
  SELECT RAISE(ABORT, 'companyfacts: a filing gives two different annual values of one tag for one period')
   WHERE NEW.problem = 'conflict';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for revenue')
   WHERE NEW.problem = 'no annual revenue';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for operating_cf')
   WHERE NEW.problem = 'no annual operating_cf';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for capex')
   WHERE NEW.problem = 'no annual capex';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for cash')
   WHERE NEW.problem = 'no annual cash';
  SELECT RAISE(ABORT, 'companyfacts: unexpected problem')
   WHERE NEW.problem IS NOT NULL;
END;

INSERT INTO cf_check SELECT 'unreadable' FROM cf_doc WHERE doc IS NULL;
INSERT INTO cf_check SELECT 'malformed' FROM cf_doc WHERE NOT json_valid(doc);
INSERT INTO cf_check SELECT 'no us-gaap' FROM cf_doc
 WHERE json_type(doc, '$.facts."us-gaap"') IS NOT 'object';
INSERT INTO cf_check SELECT 'no name' FROM cf_doc
 WHERE coalesce(company, json_extract(doc, '$.entityName'), '') = '';

-- Missing tags: a required metric none of whose tags is present.
INSERT INTO cf_check
SELECT DISTINCT 'missing ' || m.metric FROM cf_map m
 WHERE m.required AND NOT EXISTS (
   SELECT 1 FROM cf_doc d, json_each(d.doc, '$.facts."us-gaap"') t
    JOIN cf_map k ON k.tag = t.key WHERE k.metric = m.metric);

-- Wrong units: a mapped tag present with no USD values.
INSERT INTO cf_check
SELECT 'units ' || m.metric FROM cf_doc d, json_each(d.doc, '$.facts."us-gaap"') t
  JOIN cf_map m ON m.tag = t.key
 WHERE json_type(t.value, '$.units.USD') IS NOT 'array';

-- Every USD value of a mapped tag.
CREATE TEMP TABLE cf_values AS
SELECT m.metric, m.preference, m.duration, t.key AS tag,
       json_extract(v.value, '$.start') AS start, json_extract(v.value, '$.end') AS end,
       json_extract(v.value, '$.val') AS val, json_type(v.value, '$.val') AS val_type,
       json_extract(v.value, '$.fy') AS fy, json_extract(v.value, '$.fp') AS fp,
       json_extract(v.value, '$.form') AS form, json_extract(v.value, '$.filed') AS filed,
       json_extract(v.value, '$.accn') AS accn
FROM cf_doc d, json_each(d.doc, '$.facts."us-gaap"') t
JOIN cf_map m ON m.tag = t.key,
json_each(t.value, '$.units.USD') v;

INSERT INTO cf_check SELECT 'not a number' FROM cf_values
 WHERE coalesce(val_type, '') NOT IN ('integer', 'real') OR abs(val) > 1.7976931348623157e308
 LIMIT 1;
-- The annual 10-K values, those the import may take, must be whole: a
-- quarterly or other value it skips cannot stop it.
INSERT INTO cf_check SELECT 'no accn' FROM cf_values
 WHERE form IN ('10-K', '10-K/A') AND fp = 'FY' AND coalesce(accn, '') = '' LIMIT 1;
INSERT INTO cf_check SELECT 'bad end' FROM cf_values
 WHERE form IN ('10-K', '10-K/A') AND fp = 'FY'
   AND (end IS NULL OR date(julianday(end)) IS NOT end) LIMIT 1;   -- 2024-06-31 is 2024-07-01
INSERT INTO cf_check SELECT 'negative' FROM cf_values
 WHERE form IN ('10-K', '10-K/A') AND fp = 'FY'
   AND val < 0 AND metric NOT IN ('operating_cf', 'equity') LIMIT 1;

-- The annual 10-K values; per (metric, end) the preferred tag, then the
-- latest filing.
CREATE TEMP TABLE cf_chosen AS
SELECT metric, tag, end, val, fy, fp, form, filed, accn FROM (
  SELECT *, row_number() OVER (PARTITION BY metric, end
                               ORDER BY preference, filed DESC, accn DESC) AS choice,
         min(val) OVER same_value IS NOT max(val) OVER same_value AS conflict
  FROM cf_values
  WHERE form IN ('10-K', '10-K/A') AND fp = 'FY'
    AND (NOT duration OR julianday(end) - julianday(start) BETWEEN 350 AND 380)
  WINDOW same_value AS (PARTITION BY tag, end, accn)
)
WHERE choice = 1 OR conflict;

-- (Rows of a conflict are kept above only to be found here: any stops the import.)
INSERT INTO cf_check SELECT 'conflict' FROM cf_chosen
 GROUP BY tag, end, accn HAVING count(DISTINCT val) > 1 LIMIT 1;

INSERT INTO cf_check
SELECT DISTINCT 'no annual ' || m.metric FROM cf_map m
 WHERE m.required AND NOT EXISTS (SELECT 1 FROM cf_chosen c WHERE c.metric = m.metric);

-- All checks passed: write.
INSERT OR IGNORE INTO sources (id, title, kind, url_or_reference, date)
SELECT DISTINCT 'edgar:' || c.accn,
       coalesce(json_extract(d.doc, '$.entityName'), d.company) || ' Form ' || c.form
         || ' filed ' || c.filed,
       'filing',
       printf('SEC EDGAR CIK %010d, accession %s', json_extract(d.doc, '$.cik'), c.accn),
       c.filed
FROM cf_chosen c, cf_doc d;

INSERT OR REPLACE INTO facts (company, metric, period, value, unit, source_id, confidence, note)
SELECT coalesce(d.company, json_extract(d.doc, '$.entityName')), c.metric, c.end,
       c.val / 1e9, 'USD bn', 'edgar:' || c.accn, 'high',
       'us-gaap:' || c.tag || ', ' || c.form || ' FY' || c.fy
FROM cf_chosen c, cf_doc d;

SELECT 'companyfacts: imported ' || count(*) || ' facts for ' ||
       (SELECT coalesce(company, json_extract(doc, '$.entityName')) FROM cf_doc) ||
       ' from ' || count(DISTINCT accn) || ' filings'
FROM cf_chosen;

DROP TABLE temp.cf_doc;
DROP TABLE temp.cf_map;
DROP TABLE temp.cf_check;
DROP TABLE temp.cf_values;
DROP TABLE temp.cf_chosen;
COMMIT;
