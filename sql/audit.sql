-- Claims audit: a text's derived figures, recomputed from the facts.
--
-- article_claims holds each figure a text derives (a sum, a share, a monthly
-- figure from an annual one) with the formula that derives it, written over
-- the columns of a one-row view audit_inputs (inputs read from facts, see
-- sql/provenance.sql). A view cannot evaluate SQL text, so the claims' own
-- file also defines claim_recomputed(id, recomputed) with one UNION ALL branch
-- per claim whose expression is formula_sql, word for word (tests/audit.test
-- evaluates every formula_sql against audit_inputs and compares).
-- claims_audit puts the stated and the recomputed value side by side:
--
--   SELECT id, figure_id, stated_value, recomputed, rel_diff, verdict FROM claims_audit;
--
-- Load after sql/provenance.sql; samples/article_claims.sql fills it for the
-- seed article.

CREATE TABLE IF NOT EXISTS article_claims (
  id           TEXT PRIMARY KEY NOT NULL,  -- A01, A02, ...
  figure_id    TEXT,                       -- the figure of the text (samples/figures.csv)
  kind         TEXT NOT NULL DEFAULT 'arithmetic'
               CHECK (kind IN ('arithmetic', 'cross-check')),
                                           -- arithmetic: from the text's own figures;
                                           -- cross-check: against facts from elsewhere
  statement    TEXT NOT NULL,              -- what the text says
  stated_value REAL NOT NULL,
  relation     TEXT NOT NULL DEFAULT '=' CHECK (relation IN ('=', '<=', '>=')),
                                           -- '=': the value is stated_value; '<=': at
                                           -- most ("less than"); '>=': at least ("or more")
  formula_sql  TEXT NOT NULL,              -- an expression over the columns of audit_inputs
  tolerance    REAL NOT NULL CHECK (tolerance >= 0),
                                           -- relative: the precision of the stated figure
  note         TEXT                        -- what the verdict means
);

-- One row per claim. rel_diff = (recomputed - stated) / |stated|. The verdict
-- is 'consistent' when the recomputed value satisfies the relation within
-- the tolerance (|rel_diff| <= tolerance for '='; rel_diff <= tolerance for
-- '<='; rel_diff >= -tolerance for '>='), 'inconsistent' otherwise, and
-- 'not recomputed' when claim_recomputed has no value for it.
CREATE VIEW IF NOT EXISTS claims_audit AS
SELECT c.id, c.figure_id, c.kind, c.statement, c.stated_value, c.relation, c.formula_sql,
       CAST(r.recomputed AS REAL) AS recomputed,
       CAST((r.recomputed - c.stated_value) / abs(c.stated_value) AS REAL) AS rel_diff,
       c.tolerance,
       CASE
         WHEN r.recomputed IS NULL THEN 'not recomputed'
         WHEN c.relation = '=' AND abs(r.recomputed - c.stated_value)
              <= c.tolerance * abs(c.stated_value) THEN 'consistent'
         WHEN c.relation = '<=' AND r.recomputed - c.stated_value
              <= c.tolerance * abs(c.stated_value) THEN 'consistent'
         WHEN c.relation = '>=' AND r.recomputed - c.stated_value
              >= -c.tolerance * abs(c.stated_value) THEN 'consistent'
         ELSE 'inconsistent'
       END AS verdict,
       c.note
FROM article_claims c LEFT JOIN claim_recomputed r ON r.id = c.id
ORDER BY c.id;
