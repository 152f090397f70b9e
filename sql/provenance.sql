-- Provenance: where every figure comes from, and the model's input built from it.
--
-- An analyst records each figure once, as a fact with its source and a
-- confidence level; the view companies_from_facts turns the facts into a
-- table with exactly the columns of `companies`, so the model can run on it:
--
--   SELECT * FROM cascade_shock(30, NULL, '{"companies":"companies_from_facts"}');
--
-- and company_confidence says which companies' figures rest on estimates:
--
--   SELECT s.company, s.status, c.weakest, c.estimated_metrics
--   FROM cascade_shock(30) s JOIN company_confidence c USING (company);
--
-- Load after sql/schema.sql:  sqlite3 bubble.db < sql/provenance.sql
-- Import SEC filings into facts with sql/import_companyfacts.sql.

-- How far a figure can be trusted, strongest first.
CREATE TABLE IF NOT EXISTS confidence_levels (
  level   TEXT PRIMARY KEY NOT NULL,
  rank    INTEGER NOT NULL UNIQUE,        -- higher is stronger
  meaning TEXT NOT NULL
);
INSERT OR IGNORE INTO confidence_levels (level, rank, meaning) VALUES
  ('high', 3, 'audited or filed figure (10-K, 20-F, annual report), as filed'),
  ('medium', 2, 'company statement, guidance, unaudited quarterly figure, a contract reported by the press, or a filed figure quoted second-hand or converted'),
  ('low', 1, 'estimate: the seed article''s own estimates and the figures made up for the sample');

-- Documents the figures come from.
CREATE TABLE IF NOT EXISTS sources (
  id               TEXT PRIMARY KEY NOT NULL,  -- short key, e.g. 'msft-10k-fy2025', 'seed:F04'
  title            TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('filing', 'company', 'press', 'article', 'estimate')),
  url_or_reference TEXT,                       -- a URL, an accession number, a file
  date             TEXT                        -- publication date, YYYY-MM-DD
);

-- One figure: a company's metric for a period, from one source.
-- Metrics named like the columns of `companies` (revenue, operating_cf, capex,
-- cash, debt, debt_service, equity, margin) feed the model; any other metric
-- (rpo, interest, debt_current, ...) is context, used by the claims audit or
-- by the debt_service fallback below.
CREATE TABLE IF NOT EXISTS facts (
  company    TEXT NOT NULL,                  -- a name in companies, or any other subject
  metric     TEXT NOT NULL,
  period     TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                                             -- last day of the period the figure covers
                                             -- (a balance-sheet date, a fiscal year's end)
  value      REAL NOT NULL,
  unit       TEXT NOT NULL,                  -- 'USD bn' for money (per year for flows
                                             -- such as revenue), 'ratio', 'GW', ...
  source_id  TEXT NOT NULL REFERENCES sources(id),
  confidence TEXT NOT NULL REFERENCES confidence_levels(level),
  note       TEXT,                           -- the period's name, a conversion, the reasoning
  PRIMARY KEY (company, metric, period, source_id)
);

-- Optional cut-off: with a row here, the views below use only facts whose
-- period ends on or before as_of (e.g. '2024-12-31' for the model as it stood
-- at the end of 2024); empty, they use the latest fact of every metric.
CREATE TABLE IF NOT EXISTS facts_as_of (
  as_of TEXT CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);

-- The fact each (company, metric) uses: one in the model's unit if any
-- ('USD bn'; 'ratio' for margin), the latest period within the cut-off;
-- for one period, the most confident source, then the newest.
CREATE VIEW IF NOT EXISTS facts_chosen AS
SELECT company, metric, period, value, unit, source_id, confidence, note
FROM (
  SELECT f.*, row_number() OVER (
           PARTITION BY f.company, f.metric
           ORDER BY f.unit = CASE f.metric WHEN 'margin' THEN 'ratio' ELSE 'USD bn' END DESC,
                    f.period DESC, l.rank DESC, s.date DESC, f.source_id) AS choice
  FROM facts f
  JOIN confidence_levels l ON l.level = f.confidence
  JOIN sources s ON s.id = f.source_id
  WHERE f.period <= coalesce((SELECT max(as_of) FROM facts_as_of), '9999-12-31')
)
WHERE choice = 1;

-- The model's companies input from the facts: one row per company of the
-- companies table (name and kind are identities, not figures), every figure
-- from facts_chosen in USD bn (margin: ratio); NULL where no fact exists, as
-- in companies. debt_service falls back to interest + debt_current of one
-- period, the latest either has (either alone when the other has none for
-- it; NULL when both are missing), when no debt_service fact exists (what a
-- filings import gives): an older interest is not added to a newer current
-- debt. source lists the sources used.
CREATE VIEW IF NOT EXISTS companies_from_facts AS
WITH chosen AS (
  SELECT * FROM facts_chosen
  WHERE (unit = 'USD bn' AND metric <> 'margin') OR (unit = 'ratio' AND metric = 'margin')
),
used AS (
  SELECT * FROM chosen f
  WHERE f.metric NOT IN ('interest', 'debt_current')
     OR f.period = (SELECT max(period) FROM chosen g
                    WHERE g.company = f.company AND g.metric IN ('interest', 'debt_current'))
)
SELECT c.name,
       c.kind,
       CAST(max(CASE WHEN f.metric = 'revenue' THEN f.value END) AS REAL) AS revenue,
       CAST(max(CASE WHEN f.metric = 'operating_cf' THEN f.value END) AS REAL) AS operating_cf,
       CAST(max(CASE WHEN f.metric = 'capex' THEN f.value END) AS REAL) AS capex,
       CAST(max(CASE WHEN f.metric = 'cash' THEN f.value END) AS REAL) AS cash,
       CAST(max(CASE WHEN f.metric = 'debt' THEN f.value END) AS REAL) AS debt,
       CAST(coalesce(max(CASE WHEN f.metric = 'debt_service' THEN f.value END),
                CASE WHEN count(CASE WHEN f.metric IN ('interest', 'debt_current') THEN 1 END) > 0
                     THEN total(CASE WHEN f.metric IN ('interest', 'debt_current') THEN f.value END)
                END) AS REAL)
         AS debt_service,
       CAST(max(CASE WHEN f.metric = 'equity' THEN f.value END) AS REAL) AS equity,
       CAST(max(CASE WHEN f.metric = 'margin' THEN f.value END) AS REAL) AS margin,
       'facts: ' || group_concat(DISTINCT f.source_id) AS source
FROM companies c
LEFT JOIN used f ON f.company = c.name
 AND f.metric IN ('revenue', 'operating_cf', 'capex', 'cash', 'debt', 'debt_service',
                  'interest', 'debt_current', 'equity', 'margin')
GROUP BY c.rowid
ORDER BY c.rowid;

-- Per company: the weakest confidence of the figures the model reads for it,
-- how many of them there are at each level, which rest on estimates, the
-- share of its liquidity inputs (|cash| + |operating_cf| + |capex| +
-- |debt_service|, the money in L0) that is estimated, and the share of its
-- income (flows paid to it; NULL: none) whose source text says "estimate".
CREATE VIEW IF NOT EXISTS company_confidence AS
WITH used AS (
  SELECT f.company, f.metric, f.value, l.level, l.rank
  FROM facts_chosen f JOIN confidence_levels l ON l.level = f.confidence
  WHERE f.metric IN ('revenue', 'operating_cf', 'capex', 'cash', 'debt', 'debt_service',
                     'equity', 'margin')
),
income AS (
  SELECT payee AS company, sum(amount) AS total,
         sum(CASE WHEN source LIKE '%estimate%' THEN amount ELSE 0 END) AS estimated
  FROM flows GROUP BY payee
)
SELECT c.name AS company,
       c.kind,
       (SELECT level FROM used u WHERE u.company = c.name ORDER BY rank LIMIT 1) AS weakest,
       CAST((SELECT count(*) FROM used u WHERE u.company = c.name AND level = 'high') AS INTEGER) AS high,
       CAST((SELECT count(*) FROM used u WHERE u.company = c.name AND level = 'medium') AS INTEGER)
         AS medium,
       CAST((SELECT count(*) FROM used u WHERE u.company = c.name AND level = 'low') AS INTEGER) AS low,
       (SELECT group_concat(metric, ', ') FROM used u
         WHERE u.company = c.name AND level = 'low') AS estimated_metrics,
       CAST((SELECT round(sum(CASE WHEN level = 'low' THEN abs(value) ELSE 0 END)
                          / nullif(sum(abs(value)), 0), 3)
               FROM used u WHERE u.company = c.name
                AND metric IN ('cash', 'operating_cf', 'capex', 'debt_service')) AS REAL)
         AS l0_estimated,
       CAST(round(i.estimated / nullif(i.total, 0), 3) AS REAL) AS inflows_estimated
FROM companies c LEFT JOIN income i ON i.company = c.name
ORDER BY c.rowid;
