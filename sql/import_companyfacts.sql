-- Imports an SEC EDGAR "companyfacts" file (XBRL JSON) into facts.
--
--   sqlite3 bubble.db -cmd ".param set :file CIK0000789019.json" \
--                     -cmd ".param set :company Microsoft" < sql/import_companyfacts.sql
--
-- :file     the JSON file, as downloaded from
--           https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json
-- :company  the name the facts get (as in companies.name); without it (or
--           set to ''), the file's entityName
-- Runs in the sqlite3 shell (it needs readfile() and .bail) on a database
-- with the tables of sql/provenance.sql; SQLite's JSON functions read the
-- file, nothing else is needed.
--
-- What it imports: the annual values of the 10-K filings (form 10-K or
-- 10-K/A, fp FY; for flows, periods of 350 to 380 days; transition reports,
-- 10-KT, are not read) in USD, converted to USD billions, as facts of
-- confidence 'high', one source per filing (edgar:<accession number>).
-- Period: the value's end date; the note names the tag and the filing.
-- When a period is reported by several filings the latest filing's value
-- is kept (restated figures, whatever tag it uses); within a filing the
-- first tag below wins, and of a value given twice, once rounded, the
-- precise one. A value that may be a rounding of a more precise one for its
-- period (another filing's or another tag's) gives way to it.
--
--   metric        us-gaap tags, in order of preference
--   revenue       Revenues, RevenueFromContractWithCustomerExcludingAssessedTax,
--                 SalesRevenueNet
--   operating_cf  NetCashProvidedByUsedInOperatingActivities
--   capex         PaymentsToAcquirePropertyPlantAndEquipment,
--                 PaymentsToAcquireProductiveAssets
--   cash          CashAndCashEquivalentsAtCarryingValue (without marketable securities)
--   debt          LongTermDebt; or LongTermDebtNoncurrent + LongTermDebtCurrent
--                 of the same date (all the long-term debt, the current
--                 part included), or the non-current part alone
--   debt_current  LongTermDebtCurrent
--   interest      InterestPaidNet, InterestPaid, InterestExpense
--   rpo           RevenueRemainingPerformanceObligation
--   equity        StockholdersEquity
-- companies_from_facts takes debt_service = interest + debt_current (of one
-- period, the latest either has) when no debt_service fact exists.
--
-- The file's latest fiscal year ends on the last end date of its annual
-- revenue, operating_cf and capex. A metric with no value for it (its
-- filer moved it to a tag not mapped here) would hand the model an old
-- figure as the latest: revenue, operating_cf, capex and cash then stop
-- the import, another metric is left out, every year of it, and named in a
-- last line (an out-of-date debt_current still completes each earlier
-- year's debt). A negative value
-- of a metric that cannot be negative (all but operating_cf and equity)
-- stops it in the latest fiscal year, and is left out, and counted, in an
-- earlier one.
--
-- Bad input stops the import before anything is written, with a message
-- starting "companyfacts:" and the shell's exit code 1: an unreadable file,
-- malformed JSON, no us-gaap facts, a missing revenue, operating_cf, capex
-- or cash tag, a mapped tag with no USD unit, a value of a mapped tag that
-- is not a JSON object, a val that is missing or not a finite number, an
-- annual 10-K value without its accession number or with an end date, a
-- start date (of a value for a period) or a filing date that is missing or
-- impossible, two annual values of one tag and period in one filing that
-- differ by more than a rounding, no annual 10-K value for one of those
-- four metrics, or none for the latest fiscal year, or a negative one there. Where a value is at fault,
-- a line above the message names its tag, end date, accession number and
-- value. All writes are one transaction, so a failure leaves the database
-- as it was.

.bail on
BEGIN;

DROP VIEW IF EXISTS temp.cf_first_problem;
DROP VIEW IF EXISTS temp.cf_where;
DROP VIEW IF EXISTS temp.cf_annual;
DROP VIEW IF EXISTS temp.cf_more_precise;
DROP VIEW IF EXISTS temp.cf_debt_current;
DROP TABLE IF EXISTS temp.cf_doc;
DROP TABLE IF EXISTS temp.cf_map;
DROP TABLE IF EXISTS temp.cf_check;
DROP TABLE IF EXISTS temp.cf_problems;
DROP TABLE IF EXISTS temp.cf_values;
DROP TABLE IF EXISTS temp.cf_chosen;
DROP TABLE IF EXISTS temp.cf_latest;
DROP TABLE IF EXISTS temp.cf_stale;
DROP TABLE IF EXISTS temp.cf_negative;

CREATE TEMP TABLE cf_doc AS
SELECT CAST(readfile(:file) AS TEXT) AS doc, nullif(:company, '') AS company;

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
  SELECT RAISE(ABORT, 'companyfacts: no facts."us-gaap" object: not an EDGAR companyfacts file, or one of a filer that reports in IFRS (ifrs-full), which this import does not read')
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
  SELECT RAISE(ABORT, 'companyfacts: a value of a mapped tag is not a JSON object (the line above names it)')
   WHERE NEW.problem = 'not an object';
  SELECT RAISE(ABORT, 'companyfacts: a value (val) is missing or not a finite number (the line above names it)')
   WHERE NEW.problem = 'not a number';
  SELECT RAISE(ABORT, 'companyfacts: a value has no accession number (accn) (the line above names it)')
   WHERE NEW.problem = 'no accn';
  SELECT RAISE(ABORT, 'companyfacts: a value has a missing or impossible end date (end, YYYY-MM-DD) (the line above names it)')
   WHERE NEW.problem = 'bad end';
  SELECT RAISE(ABORT, 'companyfacts: a value of a period has a missing or impossible start date (start, YYYY-MM-DD) (the line above names it)')
   WHERE NEW.problem = 'bad start';
  SELECT RAISE(ABORT, 'companyfacts: a value has a missing or impossible filing date (filed, YYYY-MM-DD) (the line above names it)')
   WHERE NEW.problem = 'bad filed';
  SELECT RAISE(ABORT, 'companyfacts: a value of revenue, capex, cash, debt, debt_current, interest or rpo for the latest fiscal year is negative (the line above names it)')
   WHERE NEW.problem = 'negative';
  SELECT RAISE(ABORT, 'companyfacts: a filing gives two different annual values of one tag for one period (the line above names them)')
   WHERE NEW.problem = 'conflict';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for revenue')
   WHERE NEW.problem = 'no annual revenue';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for operating_cf')
   WHERE NEW.problem = 'no annual operating_cf';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for capex')
   WHERE NEW.problem = 'no annual capex';
  SELECT RAISE(ABORT, 'companyfacts: no annual 10-K value in USD for cash')
   WHERE NEW.problem = 'no annual cash';
  SELECT RAISE(ABORT, 'companyfacts: revenue has no annual 10-K value for the file''s latest fiscal year (the line above gives the dates): the filer reports it under a tag other than Revenues, RevenueFromContractWithCustomerExcludingAssessedTax or SalesRevenueNet')
   WHERE NEW.problem = 'stale revenue';
  SELECT RAISE(ABORT, 'companyfacts: operating_cf has no annual 10-K value for the file''s latest fiscal year (the line above gives the dates): the filer reports it under a tag other than NetCashProvidedByUsedInOperatingActivities')
   WHERE NEW.problem = 'stale operating_cf';
  SELECT RAISE(ABORT, 'companyfacts: capex has no annual 10-K value for the file''s latest fiscal year (the line above gives the dates): the filer reports it under a tag other than PaymentsToAcquirePropertyPlantAndEquipment or PaymentsToAcquireProductiveAssets')
   WHERE NEW.problem = 'stale capex';
  SELECT RAISE(ABORT, 'companyfacts: cash has no annual 10-K value for the file''s latest fiscal year (the line above gives the dates): the filer reports it under a tag other than CashAndCashEquivalentsAtCarryingValue')
   WHERE NEW.problem = 'stale cash';
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

-- Wrong units: a mapped tag present with no USD values (or not an object:
-- read by its path in the file, since a string's value would be parsed).
INSERT INTO cf_check
SELECT 'units ' || m.metric FROM cf_doc d, json_each(d.doc, '$.facts."us-gaap"') t
  JOIN cf_map m ON m.tag = t.key
 WHERE json_type(d.doc, t.fullkey || '.units.USD') IS NOT 'array';

-- Every USD value of a mapped tag; zeros: the trailing zeros of a whole
-- value, how far it may have been rounded (281700000000: 8).
CREATE TEMP TABLE cf_values AS
SELECT *, CASE WHEN val <> 0 AND val = CAST(val AS INTEGER)
               THEN length(CAST(CAST(val AS INTEGER) AS TEXT))
                    - length(rtrim(CAST(CAST(val AS INTEGER) AS TEXT), '0'))
               ELSE 0 END AS zeros
FROM (
  SELECT m.metric, m.preference, m.duration, m.required, t.key AS tag,
         json_extract(v.value, '$.start') AS start, json_extract(v.value, '$.end') AS end,
         json_extract(v.value, '$.val') AS val, json_type(v.value, '$.val') AS val_type,
         json_extract(v.value, '$.fy') AS fy, json_extract(v.value, '$.fp') AS fp,
         json_extract(v.value, '$.form') AS form, json_extract(v.value, '$.filed') AS filed,
         json_extract(v.value, '$.accn') AS accn
  FROM cf_doc d, json_each(d.doc, '$.facts."us-gaap"') t
  JOIN cf_map m ON m.tag = t.key,
  json_each(t.value, '$.units.USD') v
  WHERE v.type = 'object'   -- others stop the import below
);

-- A value's place in the file, for the line printed above its error.
CREATE TEMP VIEW cf_where AS
SELECT rowid, 'us-gaap:' || tag || ', end ' || coalesce(end, '(none)') || ', accn '
         || coalesce(accn, '(none)') || ', val '
         || CASE WHEN val_type IS NULL THEN '(none)' ELSE json_quote(val) END AS place
FROM cf_values;

-- Each problem with what it is about: after each group of checks the first
-- one is printed, then raised.
CREATE TEMP TABLE cf_problems (problem TEXT NOT NULL, place TEXT);
CREATE TEMP VIEW cf_first_problem AS
SELECT problem, place FROM cf_problems ORDER BY rowid LIMIT 1;

INSERT INTO cf_problems
SELECT 'not an object', 'us-gaap:' || t.key || ', units.USD[' || v.key || '], ' || v.type || ' '
         || CASE WHEN v.type = 'text' THEN json_quote(v.value) ELSE coalesce(v.value, 'null') END
  FROM cf_doc d, json_each(d.doc, '$.facts."us-gaap"') t
  JOIN cf_map m ON m.tag = t.key,
  json_each(t.value, '$.units.USD') v
 WHERE v.type <> 'object' LIMIT 1;
INSERT INTO cf_problems SELECT 'not a number', place FROM cf_values v JOIN cf_where w ON w.rowid = v.rowid
 WHERE coalesce(val_type, '') NOT IN ('integer', 'real') OR abs(val) > 1.7976931348623157e308
 LIMIT 1;
-- The annual 10-K values, those the import may take, must be whole: a
-- quarterly or other value it skips cannot stop it.
INSERT INTO cf_problems SELECT 'no accn', place FROM cf_values v JOIN cf_where w ON w.rowid = v.rowid
 WHERE form IN ('10-K', '10-K/A') AND fp = 'FY' AND coalesce(accn, '') = '' LIMIT 1;
INSERT INTO cf_problems SELECT 'bad end', place FROM cf_values v JOIN cf_where w ON w.rowid = v.rowid
 WHERE form IN ('10-K', '10-K/A') AND fp = 'FY'
   AND (end IS NULL OR date(julianday(end)) IS NOT end) LIMIT 1;   -- 2024-06-31 is 2024-07-01
INSERT INTO cf_problems SELECT 'bad start', place FROM cf_values v JOIN cf_where w ON w.rowid = v.rowid
 WHERE form IN ('10-K', '10-K/A') AND fp = 'FY' AND duration
   AND (start IS NULL OR date(julianday(start)) IS NOT start) LIMIT 1;
INSERT INTO cf_problems SELECT 'bad filed', place FROM cf_values v JOIN cf_where w ON w.rowid = v.rowid
 WHERE form IN ('10-K', '10-K/A') AND fp = 'FY'
   AND (filed IS NULL OR date(julianday(filed)) IS NOT filed) LIMIT 1;
SELECT 'companyfacts: ' || place FROM cf_first_problem;
INSERT INTO cf_check SELECT problem FROM cf_first_problem;

-- The annual 10-K values, those the import may take; rounding: half a unit
-- of a value's last nonzero digit, what rounding it may hide.
CREATE TEMP VIEW cf_annual AS
SELECT rowid AS value_id, *,
       0.5 * CAST('1' || substr('0000000000000000000000', 1, zeros) AS REAL) AS rounding
FROM cf_values
WHERE form IN ('10-K', '10-K/A') AND fp = 'FY'
  AND (NOT duration OR julianday(end) - julianday(start) BETWEEN 350 AND 380);

-- Per (metric, end) the latest filing's value (a restatement), and within
-- a filing the preferred tag, then the most precise value. A filing may
-- repeat a value rounded (281724000000 as 281700000000); values of one tag,
-- period and filing that differ by more than the rounding of one of them
-- conflict.
CREATE TEMP TABLE cf_chosen AS
SELECT value_id, metric, required, duration, tag, end, val, zeros, rounding, form, filed, accn,
       conflict FROM (
  SELECT *, max(abs(val - precise) > rounding) OVER (PARTITION BY tag, end, accn) AS conflict
  FROM (
    SELECT *, row_number() OVER (PARTITION BY metric, end
                                 ORDER BY filed DESC, accn DESC, preference, zeros) AS choice,
           first_value(val) OVER (PARTITION BY tag, end, accn ORDER BY zeros) AS precise
    FROM cf_annual
  )
)
WHERE choice = 1 OR conflict;

-- (Rows of a conflict are kept above only to be found here: any stops the import.)
INSERT INTO cf_problems
SELECT 'conflict', 'us-gaap:' || tag || ', end ' || end || ', accn ' || accn || ', vals '
       || group_concat(DISTINCT val)
  FROM cf_chosen WHERE conflict GROUP BY tag, end, accn LIMIT 1;
SELECT 'companyfacts: ' || place FROM cf_first_problem;
INSERT INTO cf_check SELECT problem FROM cf_first_problem;

-- A chosen value that may be a rounding of another one for its period
-- (another filing's, or another tag's: within the chosen value's rounding,
-- and more precise) gives way to the most precise of those: the rounding
-- adds nothing to it.
CREATE TEMP VIEW cf_more_precise AS
SELECT c.value_id AS chosen_id, a.* FROM cf_chosen c JOIN cf_annual a
    ON a.metric = c.metric AND a.end = c.end AND a.zeros < c.zeros
   AND abs(a.val - c.val) <= c.rounding;
UPDATE cf_chosen SET (value_id, tag, val, zeros, rounding, form, filed, accn) = (
  SELECT value_id, tag, val, zeros, rounding, form, filed, accn FROM cf_more_precise
   WHERE chosen_id = cf_chosen.value_id
   ORDER BY zeros, filed DESC, accn DESC, preference LIMIT 1)
WHERE value_id IN (SELECT chosen_id FROM cf_more_precise);

INSERT INTO cf_check
SELECT DISTINCT 'no annual ' || m.metric FROM cf_map m
 WHERE m.required AND NOT EXISTS (SELECT 1 FROM cf_chosen c WHERE c.metric = m.metric);

-- The file's latest fiscal year ends on the last end date of its annual
-- revenue, operating_cf and capex (a balance-sheet date may come later, as
-- of a later event, and so may an optional flow of an amended filing). A
-- metric with no value there is out of date (the filer moved it to a tag
-- the import does not map), and the model must not take an old value for
-- the latest: a required metric stops the import, another one is left out
-- (the last line printed names it).
CREATE TEMP TABLE cf_latest AS SELECT max(end) AS end FROM cf_chosen WHERE duration AND required;
CREATE TEMP TABLE cf_stale AS
SELECT metric, required, max(end) AS last_end FROM cf_chosen
 GROUP BY metric HAVING max(end) < (SELECT end FROM cf_latest);
INSERT INTO cf_problems
SELECT 'stale ' || metric, metric || '''s latest annual value is for ' || last_end
       || ', the file''s latest fiscal year ends ' || (SELECT end FROM cf_latest)
  FROM cf_stale WHERE required ORDER BY metric LIMIT 1;
SELECT 'companyfacts: ' || place FROM cf_first_problem;
INSERT INTO cf_check SELECT problem FROM cf_first_problem;

-- A negative value of a metric that cannot be negative is the filing's
-- error: in the latest fiscal year (or later), which the model would
-- take, it stops the import; in an earlier one it is left out (and counted).
INSERT INTO cf_problems
SELECT 'negative', place FROM cf_chosen c JOIN cf_where w ON w.rowid = c.value_id
 WHERE c.val < 0 AND c.metric NOT IN ('operating_cf', 'equity')
   AND c.end >= (SELECT end FROM cf_latest)
 LIMIT 1;
SELECT 'companyfacts: ' || place FROM cf_first_problem;
INSERT INTO cf_check SELECT problem FROM cf_first_problem;
CREATE TEMP TABLE cf_negative AS
SELECT * FROM cf_chosen WHERE val < 0 AND metric NOT IN ('operating_cf', 'equity');

-- debt is all the long-term debt, its current part included: LongTermDebt,
-- or where a filing gives only the non-current part, that plus
-- LongTermDebtCurrent of the same date (a year's own, even when
-- debt_current is left out as out of date; not a negative one).
CREATE TEMP VIEW cf_debt_current AS
SELECT end, val FROM cf_chosen
 WHERE metric = 'debt_current' AND value_id NOT IN (SELECT value_id FROM cf_negative);
UPDATE cf_chosen
   SET val = val + (SELECT c.val FROM cf_debt_current c WHERE c.end = cf_chosen.end),
       tag = tag || ' + LongTermDebtCurrent'
 WHERE metric = 'debt' AND tag = 'LongTermDebtNoncurrent' AND val >= 0
   AND end IN (SELECT end FROM cf_debt_current);

DELETE FROM cf_chosen WHERE metric IN (SELECT metric FROM cf_stale)
   OR value_id IN (SELECT value_id FROM cf_negative);

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
       'us-gaap:' || c.tag || ', ' || c.form || ' filed ' || c.filed
FROM cf_chosen c, cf_doc d;

SELECT 'companyfacts: imported ' || count(*) || ' facts for ' ||
       (SELECT coalesce(company, json_extract(doc, '$.entityName')) FROM cf_doc) ||
       ' from ' || count(DISTINCT accn) || ' filings'
FROM cf_chosen;
SELECT 'companyfacts: left out ' || group_concat(what, '; ') FROM (
  SELECT metric || ' (no value for ' || (SELECT end FROM cf_latest) || '; latest ' || last_end
         || ')' AS what
    FROM cf_stale ORDER BY metric)
HAVING count(*) > 0;
SELECT 'companyfacts: left out, negative (a filing''s error): ' || count(*)
       || CASE count(*) WHEN 1 THEN ' annual value of an earlier year' ELSE ' annual values of earlier years' END
       || '; the first: '
       || (SELECT place FROM cf_where w JOIN cf_negative n ON w.rowid = n.value_id
            ORDER BY n.end, n.metric LIMIT 1)
  FROM cf_negative HAVING count(*) > 0;

DROP VIEW temp.cf_first_problem;
DROP VIEW temp.cf_where;
DROP VIEW temp.cf_annual;
DROP VIEW temp.cf_more_precise;
DROP VIEW temp.cf_debt_current;
DROP TABLE temp.cf_doc;
DROP TABLE temp.cf_map;
DROP TABLE temp.cf_check;
DROP TABLE temp.cf_problems;
DROP TABLE temp.cf_values;
DROP TABLE temp.cf_chosen;
DROP TABLE temp.cf_latest;
DROP TABLE temp.cf_stale;
DROP TABLE temp.cf_negative;
COMMIT;
