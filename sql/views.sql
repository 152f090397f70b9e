-- Views of the model's main results, for Datasette and the sqlite3 shell.
--
-- They call the extension, so they need it loaded on the connection that
-- reads them (datasette ... --load-extension=dist/aibubble.so; .load
-- ./dist/aibubble in the shell); creating them does not. Load after
-- sql/provenance.sql (results_by_confidence reads company_confidence).
-- Money in the input's unit (the sample: USD billions).
--
-- A column computed by an expression has no type affinity, so a filter that
-- Datasette passes as text (from_labs > '0.5') would compare a number with
-- text and match nothing: computed numbers are CAST, which gives their
-- column REAL or INTEGER affinity and makes such filters numeric.

-- Share of each company's revenue that comes, directly or through
-- intermediaries, from the labs (exposure(); README, "The model").
CREATE VIEW IF NOT EXISTS exposure_ranking AS
SELECT name AS company, kind, revenue, CAST(round(exposure(name), 4) AS REAL) AS from_labs
FROM companies ORDER BY from_labs DESC, company;

-- The cascade when the hyperscalers cut 30% of their outflows.
CREATE VIEW IF NOT EXISTS cascade_at_30 AS
SELECT company, kind, status, round, cause, revenue_lost, lost_share, financing_lost,
       credit_loss, cash_before, cash_after, equity_after, cut
FROM cascade_shock(30) ORDER BY round IS NULL, round, lost_share DESC;

-- The cascade when OpenAI stops paying, without any hyperscaler cut.
CREATE VIEW IF NOT EXISTS openai_failure AS
SELECT company, kind, status, round, cause, revenue_lost, financing_lost, credit_loss,
       cash_before, cash_after
FROM cascade_shock(0, NULL, '{"fail":["OpenAI"]}')
WHERE status <> 'ok' ORDER BY round IS NULL, round, company;

-- The smallest hyperscaler cut (pct) at which each company defaults; NULL: never.
CREATE VIEW IF NOT EXISTS breaking_points AS
SELECT name AS company, kind, CAST(breaking_point(name) AS REAL) AS breaking_pct
FROM companies ORDER BY breaking_pct IS NULL, breaking_pct, company;

-- Who relies on financing: liquidity after a normal year (L0; README, "The
-- liquidity cascade") with and without the investments and loans it receives.
CREATE VIEW IF NOT EXISTS funding_gaps AS
WITH financing AS (
  SELECT payee AS company, sum(amount) AS inflow
  FROM flows WHERE lower(kind) IN ('investment', 'loan') GROUP BY payee
)
SELECT c.name AS company, c.kind,
       CAST(coalesce(f.inflow, 0) AS REAL) AS financing_in,
       CAST(coalesce(c.cash, 0) + coalesce(c.operating_cf, 0) - coalesce(c.capex, 0)
         - coalesce(c.debt_service, 0) AS REAL) AS l0_without_financing,
       CAST(coalesce(c.cash, 0) + coalesce(c.operating_cf, 0) - coalesce(c.capex, 0)
         - coalesce(c.debt_service, 0) + coalesce(f.inflow, 0) AS REAL) AS l0_with_financing
FROM companies c LEFT JOIN financing f ON f.company = c.name
ORDER BY l0_without_financing, company;

-- Companies defaulted and revenue lost for every hyperscaler cut 0..100%.
CREATE VIEW IF NOT EXISTS pct_sweep AS
WITH RECURSIVE p(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM p WHERE v < 100)
SELECT CAST(p.v AS INTEGER) AS cut_pct,
       CAST((SELECT count(*) FROM cascade_shock(p.v) WHERE status IN ('default', 'failed'))
            AS INTEGER) AS defaulted,
       CAST((SELECT round(sum(revenue_lost), 3) FROM cascade_shock(p.v)) AS REAL) AS revenue_lost
FROM p;

-- The 30% cascade next to how well each company's figures are sourced.
CREATE VIEW IF NOT EXISTS results_by_confidence AS
SELECT s.company, s.status, s.round, s.cash_after, c.weakest, c.l0_estimated,
       c.inflows_estimated, c.estimated_metrics
FROM cascade_shock(30) s JOIN company_confidence c USING (company)
ORDER BY s.round IS NULL, s.round, c.l0_estimated DESC;
