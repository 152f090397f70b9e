-- The seed article's derived figures, audited (sql/audit.sql).
--
-- Every figure the article (samples/figures.csv, the text itself, its
-- summary) derives from other figures is a claim here, with the formula that
-- derives it. Its inputs are facts (samples/facts.sql), gathered in the
-- one-row view audit_inputs; claim_recomputed evaluates each formula, one
-- UNION ALL branch per claim, written exactly as formula_sql.
--
-- Tolerances: the precision of the stated figure (half a unit of its last
-- digit; a whole unit where the text says "about", which admits truncation);
-- 10% for a cross-check against an outside ratio, which is itself a round
-- figure. Load after sql/audit.sql and samples/facts.sql.

BEGIN;

INSERT INTO article_claims (id, figure_id, kind, statement, stated_value, relation, formula_sql, tolerance, note) VALUES
('A01', 'F12', 'arithmetic',
 'The partnership has cost Microsoft over $100bn and it invested $13bn, implying OpenAI''s infrastructure costs alone are at least $87bn',
 87, '=', 'f12 - f11', 0.006, NULL),
('A02', 'F21', 'arithmetic',
 'OpenAI''s $17.2bn on Azure is $4.2bn less than Microsoft''s Q1 2025 capex, so that capex was $21.4bn',
 21.4, '=', 'f18 + f21_gap', 0.0024, NULL),
('A03', 'F23', 'arithmetic',
 '$37bn of AI annualized revenue is about $3.08bn per month',
 3.08, '=', 'f22 / 12', 0.0017, NULL),
('A04', 'F24', 'arithmetic',
 'That monthly AI revenue is less than a tenth of Microsoft''s $31.9bn quarterly capex',
 0.1, '<=', 'f22 / 12 / f24', 0, NULL),
('A05', 'F22', 'arithmetic',
 'Summary: Microsoft''s AI annualized revenue ($37bn) is only a tenth of its quarterly capex',
 0.1, '=', 'f22 / f24', 0.5,
 'the annual $37bn is 1.16 times the quarterly $31.9bn; the body of the article compares the monthly $3.08bn (A04)'),
('A06', 'F25', 'arithmetic',
 'The $37bn grew 12% year over year, implying AI annualized revenue of $16.59bn in Q3 FY2025',
 16.59, '=', 'f22 / (1 + f22_growth)', 0.0003,
 '12% growth from $16.59bn would give $18.6bn, not $37bn; $16.59bn implies growth of 123%'),
('A07', 'F25', 'arithmetic',
 '$16.59bn of annualized revenue is about $1.38bn per month',
 1.38, '=', 'stated_a06 / 12', 0.0037, NULL),
('A08', 'F26', 'arithmetic',
 'OpenAI''s inference spend of $2.947bn in the quarter annualizes to about $11.7bn',
 11.7, '=', 'f26 * 4', 0.0086, 'truncated: 11.788 rounds to 11.8'),
('A09', 'F27', 'arithmetic',
 'So OpenAI was about 70% of Microsoft''s AI revenue in that quarter ($11.7bn of $16.59bn)',
 0.70, '=', 'stated_a08 / stated_a06', 0.0143,
 'right from the stated figures; with the $33bn that A06 recomputes the share would be about 35%'),
('A10', 'F15', 'arithmetic',
 'The labs raised less than $300bn, but their true cost is at least $500bn counting the hyperscaler capex they need',
 500, '>=', 'f14 + (f12 - f11) + f13', 0,
 'the figures the article gives (raised 300, Microsoft''s 87 for OpenAI, Amazon''s 11 for Rainier) reach 398; the rest rests on "similar amounts" for Anthropic that it does not state'),
('A11', 'F16', 'cross-check',
 'Oracle is spending $340bn or more to build the 7.1GW Stargate datacentre',
 340, '>=', 'f17 * dc_cost_per_gw', 0.1,
 'at Nvidia''s $50bn per GW (the low end of its $50-60bn)'),
('A12', 'F33', 'cross-check',
 '$1tn of Blackwell and Vera Rubin sales would represent roughly 40GW of datacentre capacity',
 40, '=', 'f32 / nvidia_per_gw * pue', 0.1,
 'Nvidia''s ~$35bn of content per GW, times a PUE of 1.3 (our estimate) from IT load to capacity'),
('A13', 'F34', 'cross-check',
 'with an IT load of about 30GW',
 30, '=', 'f32 / nvidia_per_gw', 0.1, 'Nvidia''s ~$35bn of content per GW'),
('A14', 'F36', 'arithmetic',
 'At $12 per megawatt (read: $12m per MW a year) of revenue, this would create about $435bn in annual compute demand by 2030',
 435, '=', 'stated_a13 * f35', 0.05,
 '30GW x $12m per MW = $360bn (40GW would give $480bn); $435bn needs $14.5m per MW. Taken literally, "$12 per megawatt" gives $360,000'),
('A15', 'F30', 'cross-check',
 'OpenAI and Anthropic account for 50% or more of hyperscalers'' remaining performance obligations, roughly $748bn',
 748, '=', 'rpo_microsoft + rpo_alphabet + rpo_amazon', 0.01,
 'the three clouds'' backlogs at 30 Sept 2025 add up to $747bn: $748bn is all of their RPO (the labs'' share being 50% or more), not the labs'' part as figures.csv F30 reads it'),
('A16', 'F02', 'cross-check',
 'Microsoft, Google, Amazon and Meta each spend $30bn or more per quarter on GPUs, RAM, storage and datacentres',
 30, '>=', 'min(capex_microsoft, capex_alphabet, capex_amazon, capex_meta) / 4', 0,
 'true of Microsoft (31.9) and Amazon (31.25) on the sample''s capex, not of Alphabet (22.75) or Meta (18.0) on their 2025 guidance');

COMMIT;

-- The inputs of the formulas, one column each: the article's figures (fNN,
-- from the facts of source seed:FNN), outside facts for the cross-checks,
-- the model's capex (companies_from_facts) and stated values that later
-- steps of the article build on (stated_aNN).
CREATE VIEW IF NOT EXISTS audit_inputs AS
SELECT
  (SELECT value FROM facts WHERE source_id = 'seed:F11' AND metric = 'openai_investment') AS f11,
  (SELECT value FROM facts WHERE source_id = 'seed:F12' AND metric = 'openai_partnership_cost') AS f12,
  (SELECT value FROM facts WHERE source_id = 'seed:F13' AND metric = 'rainier_dc_cost') AS f13,
  (SELECT value FROM facts WHERE source_id = 'seed:F14' AND metric = 'capital_raised_since_2019') AS f14,
  (SELECT value FROM facts WHERE source_id = 'seed:F17' AND metric = 'stargate_capacity') AS f17,
  (SELECT value FROM facts WHERE source_id = 'seed:F18' AND metric = 'azure_spend') AS f18,
  (SELECT value FROM facts WHERE source_id = 'seed:F21' AND metric = 'capex_minus_openai_azure_spend') AS f21_gap,
  (SELECT value FROM facts WHERE source_id = 'seed:F22' AND metric = 'ai_annualized_revenue') AS f22,
  (SELECT value FROM facts WHERE source_id = 'seed:text' AND metric = 'ai_revenue_growth') AS f22_growth,
  (SELECT value FROM facts WHERE source_id = 'seed:F24' AND metric = 'capex_per_quarter') AS f24,
  (SELECT value FROM facts WHERE source_id = 'seed:F26' AND metric = 'azure_inference_spend') AS f26,
  (SELECT value FROM facts WHERE source_id = 'seed:F32' AND metric = 'blackwell_rubin_sales_forecast') AS f32,
  (SELECT value FROM facts WHERE source_id = 'seed:F35' AND metric = 'revenue_per_mw') AS f35,
  (SELECT value FROM facts WHERE metric = 'nvidia_content_per_gw') AS nvidia_per_gw,
  (SELECT value FROM facts WHERE metric = 'build_cost_per_gw_low') AS dc_cost_per_gw,
  (SELECT value FROM facts WHERE company = 'Data centres' AND metric = 'pue') AS pue,
  (SELECT value FROM facts WHERE company = 'Microsoft' AND metric = 'rpo' AND period = '2025-09-30') AS rpo_microsoft,
  (SELECT value FROM facts WHERE company = 'Alphabet' AND metric = 'rpo' AND period = '2025-09-30') AS rpo_alphabet,
  (SELECT value FROM facts WHERE company = 'Amazon' AND metric = 'rpo' AND period = '2025-09-30') AS rpo_amazon,
  (SELECT capex FROM companies_from_facts WHERE name = 'Microsoft') AS capex_microsoft,
  (SELECT capex FROM companies_from_facts WHERE name = 'Alphabet') AS capex_alphabet,
  (SELECT capex FROM companies_from_facts WHERE name = 'Amazon') AS capex_amazon,
  (SELECT capex FROM companies_from_facts WHERE name = 'Meta') AS capex_meta,
  (SELECT stated_value FROM article_claims WHERE id = 'A06') AS stated_a06,
  (SELECT stated_value FROM article_claims WHERE id = 'A08') AS stated_a08,
  (SELECT stated_value FROM article_claims WHERE id = 'A13') AS stated_a13;

-- Each claim's formula_sql, evaluated. audit_inputs is read once (its
-- subqueries take about 20 ms on the sample), not once a branch.
CREATE VIEW IF NOT EXISTS claim_recomputed AS
WITH inputs AS MATERIALIZED (SELECT * FROM audit_inputs),
formulas(id, value) AS (
SELECT 'A01', f12 - f11 FROM inputs
UNION ALL SELECT 'A02', f18 + f21_gap FROM inputs
UNION ALL SELECT 'A03', f22 / 12 FROM inputs
UNION ALL SELECT 'A04', f22 / 12 / f24 FROM inputs
UNION ALL SELECT 'A05', f22 / f24 FROM inputs
UNION ALL SELECT 'A06', f22 / (1 + f22_growth) FROM inputs
UNION ALL SELECT 'A07', stated_a06 / 12 FROM inputs
UNION ALL SELECT 'A08', f26 * 4 FROM inputs
UNION ALL SELECT 'A09', stated_a08 / stated_a06 FROM inputs
UNION ALL SELECT 'A10', f14 + (f12 - f11) + f13 FROM inputs
UNION ALL SELECT 'A11', f17 * dc_cost_per_gw FROM inputs
UNION ALL SELECT 'A12', f32 / nvidia_per_gw * pue FROM inputs
UNION ALL SELECT 'A13', f32 / nvidia_per_gw FROM inputs
UNION ALL SELECT 'A14', stated_a13 * f35 FROM inputs
UNION ALL SELECT 'A15', rpo_microsoft + rpo_alphabet + rpo_amazon FROM inputs
UNION ALL SELECT 'A16', min(capex_microsoft, capex_alphabet, capex_amazon, capex_meta) / 4 FROM inputs
)
-- CAST: a numeric affinity, so that a filter given as text compares as a number.
SELECT id, CAST(value AS REAL) AS recomputed FROM formulas;
