-- demo.sql: the main job on the sample data (make demo).
-- Reads samples/bubble.db; prints the exposure ranking, the cascade at
-- 10/30/50% hyperscaler cuts, the OpenAI-failure cascade and the breaking points.
.load ./dist/aibubble
.mode box
.headers on

.print
.print == aibubble version
SELECT aibubble_version() AS version;

.print
.print == Exposure: share of each company's revenue that comes, directly or through
.print == intermediaries, from the labs (OpenAI, Anthropic)
SELECT name, kind, round(revenue, 1) AS revenue_bn,
       printf('%5.1f%%', 100 * exposure(name)) AS from_labs
FROM companies ORDER BY exposure(name) DESC, name;

.print
.print == Cascade: hyperscalers cut 10%, 30% and 50% of their outflows
.print == (count of companies by status)
WITH RECURSIVE p(v) AS (VALUES (10) UNION ALL SELECT v + 20 FROM p WHERE v < 50)
SELECT p.v AS pct,
       (SELECT count(*) FROM cascade_shock(p.v) WHERE status = 'default') AS defaulted,
       (SELECT count(*) FROM cascade_shock(p.v) WHERE status = 'stressed') AS stressed,
       (SELECT round(sum(revenue_lost), 1) FROM cascade_shock(p.v)) AS revenue_lost_bn
FROM p;

.print
.print == Cascade at 30%: the ten companies that lose the largest share of revenue
SELECT company, status, round, round(revenue_lost, 1) AS revenue_lost_bn,
       printf('%5.1f%%', 100 * lost_share) AS lost_share,
       round(cash_before, 1) AS cash_before_bn, round(cash_after, 1) AS cash_after_bn,
       printf('%5.1f%%', 100 * cut) AS own_cut
FROM cascade_shock(30) ORDER BY lost_share DESC LIMIT 10;

.print
.print == Cascade at 50%: who defaults, when and why
SELECT company, kind, status, round, cause, round(cash_after, 1) AS cash_after_bn
FROM cascade_shock(50) WHERE status IN ('default', 'failed') ORDER BY round, company;

.print
.print == OpenAI stops paying (fails outright), no hyperscaler cut
SELECT company, kind, status, round, cause, round(revenue_lost, 1) AS revenue_lost_bn,
       round(credit_loss, 1) AS credit_loss_bn, round(cash_after, 1) AS cash_after_bn
FROM cascade_shock(0, NULL, '{"fail":["OpenAI"]}')
WHERE status <> 'ok' ORDER BY round IS NULL, round, company;

.print
.print == Breaking points: the smallest hyperscaler cut (pct, 0.01 steps) at which each
.print == company defaults; empty: never
SELECT name, kind, breaking_point(name) AS breaking_pct
FROM companies ORDER BY breaking_point(name) IS NULL, breaking_point(name), name;

.print
.print == Claims audit: the seed article's derived figures, recomputed from the facts
.print == (samples/article_claims.sql; relation: = stated, <= at most, >= at least)
.mode box --wrap 72
SELECT id, figure_id AS fig, kind, stated_value AS stated, relation AS rel, formula_sql AS formula,
       round(recomputed, 4) AS recomputed, printf('%+.2f%%', 100 * rel_diff) AS rel_diff,
       printf('%.2f%%', 100 * tolerance) AS tolerance, verdict
FROM claims_audit ORDER BY id;
