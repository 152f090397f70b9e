-- aibubble sample provenance: the sources of the sample and every figure as a fact.
--
-- Load after sql/provenance.sql (the Makefile's samples/bubble.db rule does).
-- Every number of the companies table in samples/sample.sql is a fact here,
-- with its source and confidence, so that companies_from_facts gives back the
-- companies table exactly (tests/audit.test checks it). Further facts give
-- earlier fiscal years (for facts_as_of), remaining performance obligations,
-- and the inputs of the seed article's arithmetic (sql/audit.sql).
--
-- Filed figures are rounded and written down from the named documents; like
-- the rest of the sample, check them against the originals before quoting
-- them (samples/SOURCES.md). Periods are the last day of the period covered.

BEGIN;

-- -------------------------------------------------------------------- sources
INSERT INTO sources (id, title, kind, url_or_reference, date) VALUES
-- the seed article and our own estimates
('seed', 'Ed Zitron, "AI bubble" (TechFlow translation), quoting the BIS Annual Economic Report', 'article', 'seed article; figures in samples/figures.csv', '2026-06-30'),
('seed:text', 'Seed article: a figure in the text that figures.csv does not list', 'article', 'seed article', '2026-06-30'),
('sample-estimate', 'aibubble sample estimates, made up for the demonstration (reasoning in samples/sample.sql)', 'estimate', 'samples/sample.sql', '2026-01-15'),
-- filings
('msft-10k-fy2024', 'Microsoft Form 10-K, fiscal year ended 2024-06-30', 'filing', 'SEC EDGAR CIK 0000789019, 10-K filed 2024-07-30', '2024-07-30'),
('msft-10k-fy2025', 'Microsoft Form 10-K, fiscal year ended 2025-06-30', 'filing', 'SEC EDGAR CIK 0000789019, 10-K filed 2025-07-30', '2025-07-30'),
('googl-10k-2023', 'Alphabet Form 10-K, 2023', 'filing', 'SEC EDGAR CIK 0001652044, 10-K filed 2024-01-31', '2024-01-31'),
('googl-10k-2024', 'Alphabet Form 10-K, 2024', 'filing', 'SEC EDGAR CIK 0001652044, 10-K filed 2025-02-05', '2025-02-05'),
('amzn-10k-2023', 'Amazon Form 10-K, 2023', 'filing', 'SEC EDGAR CIK 0001018724, 10-K filed 2024-02-02', '2024-02-02'),
('amzn-10k-2024', 'Amazon Form 10-K, 2024', 'filing', 'SEC EDGAR CIK 0001018724, 10-K filed 2025-02-07', '2025-02-07'),
('meta-10k-2023', 'Meta Platforms Form 10-K, 2023', 'filing', 'SEC EDGAR CIK 0001326801, 10-K filed 2024-02-02', '2024-02-02'),
('meta-10k-2024', 'Meta Platforms Form 10-K, 2024', 'filing', 'SEC EDGAR CIK 0001326801, 10-K filed 2025-01-30', '2025-01-30'),
('nvda-10k-fy2025', 'Nvidia Form 10-K, fiscal year ended 2025-01-26', 'filing', 'SEC EDGAR CIK 0001045810, 10-K filed 2025-02-26', '2025-02-26'),
('nvda-10q-q3fy2026', 'Nvidia Form 10-Q, quarter ended 2025-10-26', 'filing', 'SEC EDGAR CIK 0001045810, 10-Q filed 2025-11-19', '2025-11-19'),
('avgo-10k-fy2024', 'Broadcom Form 10-K, fiscal year ended 2024-11-03', 'filing', 'SEC EDGAR CIK 0001730168, 10-K filed 2024-12-20', '2024-12-20'),
('mu-10k-fy2025', 'Micron Technology Form 10-K, fiscal year ended 2025-08-28', 'filing', 'SEC EDGAR CIK 0000723125, 10-K filed 2025-10-03', '2025-10-03'),
('orcl-10k-fy2025', 'Oracle Form 10-K, fiscal year ended 2025-05-31', 'filing', 'SEC EDGAR CIK 0001341439, 10-K filed 2025-06-18', '2025-06-18'),
('crwv-10q-q3-2025', 'CoreWeave Form 10-Q, quarter ended 2025-09-30', 'filing', 'SEC EDGAR CIK 0001769628, 10-Q filed 2025-11-10', '2025-11-10'),
('skhynix-ar-2024', 'SK hynix annual report 2024 (KRW, converted at about 1,380 KRW/USD)', 'filing', 'SK hynix investor relations, FY2024 consolidated statements', '2025-03-19'),
('samsung-ar-2024', 'Samsung Electronics annual report 2024 (KRW, converted at about 1,380 KRW/USD)', 'filing', 'Samsung Electronics investor relations, FY2024 consolidated statements', '2025-03-11'),
('softbank-fy2024', 'SoftBank Group results for the year ended 2025-03-31 (JPY, converted at about 150 JPY/USD)', 'filing', 'SoftBank Group investor relations, FY2024 earnings', '2025-05-13'),
-- company statements
('msft-q1fy2026', 'Microsoft FY2026 Q1 earnings release (commercial remaining performance obligation $392bn)', 'company', 'Microsoft investor relations, 2025-10-29', '2025-10-29'),
('googl-q3-2025', 'Alphabet Q3 2025 earnings call: 2025 capex guidance $91-93bn, Google Cloud backlog $155bn', 'company', 'Alphabet investor relations, 2025-10-29', '2025-10-29'),
('amzn-q3-2025', 'Amazon Q3 2025 earnings call: 2025 capex about $125bn, AWS backlog $200bn', 'company', 'Amazon investor relations, 2025-10-30', '2025-10-30'),
('meta-q2-2025', 'Meta Q2 2025 earnings: 2025 capex guidance $66-72bn', 'company', 'Meta investor relations, 2025-07-30', '2025-07-30'),
('orcl-q1fy2026', 'Oracle FY2026 Q1 results: remaining performance obligations $455bn', 'company', 'Oracle investor relations, 2025-09-09', '2025-09-09'),
('orcl-q2fy2026', 'Oracle FY2026 Q2 results: RPO $523bn, FY2026 capex about $50bn, revenue guidance', 'company', 'Oracle investor relations, 2025-12-10', '2025-12-10'),
('crwv-guidance-2025', 'CoreWeave 2025 guidance: revenue $5.05-5.15bn, capex $12-14bn (Q3 2025 results)', 'company', 'CoreWeave investor relations, 2025-11-10', '2025-11-10'),
('nvda-quarters-fy2026', 'Nvidia quarterly results FY2026 Q1-Q3 and Q4 revenue outlook', 'company', 'Nvidia investor relations, 2025-05-28 to 2025-11-19', '2025-11-19'),
('nvda-q2fy2026-call', 'Nvidia Q2 FY2026 earnings call: a gigawatt of AI datacentre costs $50-60bn, about $35bn of it Nvidia''s', 'company', 'Nvidia earnings call, 2025-08-27, as reported by the press', '2025-08-27'),
-- press
('press-nebius-2025', 'Nebius: Microsoft contract $17.4bn over 5 years (Sept 2025), Meta $3bn (Nov 2025), convertible notes (June and Sept 2025)', 'press', 'press reports, 2025', '2025-11-11'),
('press-anthropic-2025', 'Anthropic revenue run rate: about $1bn (Jan 2025), $5bn (Aug 2025), $7bn (Oct 2025)', 'press', 'press reports, 2025', '2025-10-15');

-- Every figure of the seed article gets its own source, seed:Fnn (samples/figures.csv).
INSERT INTO sources (id, title, kind, url_or_reference, date) VALUES
('seed:F01', 'Seed article F01: hyperscalers plan over $1tn of AI capex in 2025-2026 (BIS)', 'article', 'samples/figures.csv F01', '2026-06-30'),
('seed:F02', 'Seed article F02: $30bn or more a quarter each on GPUs, RAM, storage and datacentres', 'article', 'samples/figures.csv F02', '2026-06-30'),
('seed:F03', 'Seed article F03: Oracle free cash flow -$23.7bn, FY2026', 'article', 'samples/figures.csv F03', '2026-06-30'),
('seed:F04', 'Seed article F04: Oracle debt outstanding $129.5bn (end of May)', 'article', 'samples/figures.csv F04', '2026-06-30'),
('seed:F05', 'Seed article F05: Oracle lease commitments commenced, about $38bn', 'article', 'samples/figures.csv F05', '2026-06-30'),
('seed:F06', 'Seed article F06: Oracle lease commitments not commenced, $260bn', 'article', 'samples/figures.csv F06', '2026-06-30'),
('seed:F07', 'Seed article F07: OpenAI''s $300bn compute commitment to Oracle', 'article', 'samples/figures.csv F07', '2026-06-30'),
('seed:F09', 'Seed article F09: $2tn of new revenue needed by 2030', 'article', 'samples/figures.csv F09', '2026-06-30'),
('seed:F10', 'Seed article F10: the labs are 20% or more of cloud revenue', 'article', 'samples/figures.csv F10', '2026-06-30'),
('seed:F11', 'Seed article F11: Microsoft invested $13bn in OpenAI', 'article', 'samples/figures.csv F11', '2026-06-30'),
('seed:F12', 'Seed article F12: the OpenAI partnership cost Microsoft over $100bn (testimony)', 'article', 'samples/figures.csv F12', '2026-06-30'),
('seed:F13', 'Seed article F13: Amazon''s Rainier datacentre for Anthropic, $11bn or more', 'article', 'samples/figures.csv F13', '2026-06-30'),
('seed:F14', 'Seed article F14: the labs raised less than $300bn since 2019', 'article', 'samples/figures.csv F14', '2026-06-30'),
('seed:F16', 'Seed article F16: Oracle spends $340bn or more on Stargate', 'article', 'samples/figures.csv F16', '2026-06-30'),
('seed:F17', 'Seed article F17: Stargate capacity 7.1GW', 'article', 'samples/figures.csv F17', '2026-06-30'),
('seed:F18', 'Seed article F18: OpenAI spent $17.2bn on Azure in 2025', 'article', 'samples/figures.csv F18', '2026-06-30'),
('seed:F19', 'Seed article F19: OpenAI lost $20.9bn in 2025', 'article', 'samples/figures.csv F19', '2026-06-30'),
('seed:F20', 'Seed article F20: OpenAI revenue $13.04bn in 2025', 'article', 'samples/figures.csv F20', '2026-06-30'),
('seed:F21', 'Seed article F21: $17.2bn is $4.2bn less than Microsoft''s Q1 2025 capex', 'article', 'samples/figures.csv F21', '2026-06-30'),
('seed:F22', 'Seed article F22: Microsoft AI annualized revenue $37bn (April)', 'article', 'samples/figures.csv F22', '2026-06-30'),
('seed:F24', 'Seed article F24: Microsoft capex $31.9bn a quarter', 'article', 'samples/figures.csv F24', '2026-06-30'),
('seed:F26', 'Seed article F26: OpenAI inference spend on Azure $2.947bn in Q3 FY2025', 'article', 'samples/figures.csv F26', '2026-06-30'),
('seed:F28', 'Seed article F28: OpenAI inference spend on Azure $3.648bn in Q1 FY2026', 'article', 'samples/figures.csv F28', '2026-06-30'),
('seed:F29', 'Seed article F29: the labs are 50% or more of hyperscalers'' RPO', 'article', 'samples/figures.csv F29', '2026-06-30'),
('seed:F31', 'Seed article F31: 65% of CoreWeave revenue from Microsoft (for OpenAI) and Nvidia', 'article', 'samples/figures.csv F31', '2026-06-30'),
('seed:F32', 'Seed article F32: Jensen Huang predicts $1tn of Blackwell and Vera Rubin sales', 'article', 'samples/figures.csv F32', '2026-06-30'),
('seed:F35', 'Seed article F35: datacentre revenue "$12 per megawatt" (read as USD m per MW a year)', 'article', 'samples/figures.csv F35', '2026-06-30'),
('seed:F37', 'Seed article F37: OpenAI compute spend about $50bn in 2026', 'article', 'samples/figures.csv F37', '2026-06-30'),
('seed:F38', 'Seed article F38: Anthropic compute spend similar to OpenAI''s', 'article', 'samples/figures.csv F38', '2026-06-30'),
('seed:F39', 'Seed article F39: datacentres take 18-34 months to complete', 'article', 'samples/figures.csv F39', '2026-06-30'),
('seed:F40', 'Seed article F40: Amazon implied Rufus drove $10bn of annualized revenue', 'article', 'samples/figures.csv F40', '2026-06-30'),
('seed:F41', 'Seed article F41: GitHub Copilot about $1.08bn annualized revenue', 'article', 'samples/figures.csv F41', '2026-06-30'),
('seed:F42', 'Seed article F42: GitHub Copilot users paid $39 a month', 'article', 'samples/figures.csv F42', '2026-06-30'),
('seed:F43', 'Seed article F43: GPUs will not generate $600bn of new revenue for existing services', 'article', 'samples/figures.csv F43', '2026-06-30');

-- ---------------------------------------------- facts: the companies table
-- One fact per non-NULL figure of samples/sample.sql, same value.
INSERT INTO facts (company, metric, period, value, unit, source_id, confidence, note) VALUES
('Microsoft', 'revenue', '2025-06-30', 281.7, 'USD bn', 'msft-10k-fy2025', 'high', 'FY2025'),
('Microsoft', 'operating_cf', '2025-06-30', 136.2, 'USD bn', 'msft-10k-fy2025', 'high', 'FY2025'),
('Microsoft', 'capex', '2026-06-30', 127.6, 'USD bn', 'seed:F24', 'medium', 'run rate: 4 x $31.9bn a quarter (seed F24), incl. finance leases'),
('Microsoft', 'cash', '2025-06-30', 94.6, 'USD bn', 'msft-10k-fy2025', 'high', 'cash, equivalents and short-term investments'),
('Microsoft', 'debt', '2025-06-30', 43.0, 'USD bn', 'msft-10k-fy2025', 'high', 'total debt, about 43'),
('Microsoft', 'debt_service', '2025-06-30', 5.0, 'USD bn', 'sample-estimate', 'low', 'interest about 2.4 + maturities'),
('Microsoft', 'equity', '2025-06-30', 343.5, 'USD bn', 'msft-10k-fy2025', 'high', 'stockholders'' equity'),

('Alphabet', 'revenue', '2024-12-31', 350.0, 'USD bn', 'googl-10k-2024', 'high', '2024'),
('Alphabet', 'operating_cf', '2024-12-31', 125.3, 'USD bn', 'googl-10k-2024', 'high', '2024'),
('Alphabet', 'capex', '2025-12-31', 91.0, 'USD bn', 'googl-q3-2025', 'medium', '2025 guidance, $91-93bn'),
('Alphabet', 'cash', '2024-12-31', 95.7, 'USD bn', 'googl-10k-2024', 'high', 'cash and marketable securities'),
('Alphabet', 'debt', '2024-12-31', 10.9, 'USD bn', 'googl-10k-2024', 'high', 'about 10.9'),
('Alphabet', 'debt_service', '2024-12-31', 2.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Alphabet', 'equity', '2024-12-31', 325.1, 'USD bn', 'googl-10k-2024', 'high', NULL),

('Amazon', 'revenue', '2024-12-31', 638.0, 'USD bn', 'amzn-10k-2024', 'high', '2024'),
('Amazon', 'operating_cf', '2024-12-31', 115.9, 'USD bn', 'amzn-10k-2024', 'high', '2024'),
('Amazon', 'capex', '2025-12-31', 125.0, 'USD bn', 'amzn-q3-2025', 'medium', '2025 plan'),
('Amazon', 'cash', '2024-12-31', 101.2, 'USD bn', 'amzn-10k-2024', 'high', 'cash and marketable securities'),
('Amazon', 'debt', '2024-12-31', 52.6, 'USD bn', 'amzn-10k-2024', 'high', 'long-term debt'),
('Amazon', 'debt_service', '2024-12-31', 7.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Amazon', 'equity', '2024-12-31', 286.0, 'USD bn', 'amzn-10k-2024', 'high', NULL),

('Meta', 'revenue', '2024-12-31', 164.5, 'USD bn', 'meta-10k-2024', 'high', '2024'),
('Meta', 'operating_cf', '2024-12-31', 91.3, 'USD bn', 'meta-10k-2024', 'high', '2024'),
('Meta', 'capex', '2025-12-31', 72.0, 'USD bn', 'meta-q2-2025', 'medium', '2025 guidance, $66-72bn: top of the range'),
('Meta', 'cash', '2024-12-31', 77.8, 'USD bn', 'meta-10k-2024', 'high', 'cash and marketable securities'),
('Meta', 'debt', '2024-12-31', 28.8, 'USD bn', 'meta-10k-2024', 'high', 'long-term debt'),
('Meta', 'debt_service', '2024-12-31', 2.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Meta', 'equity', '2024-12-31', 182.6, 'USD bn', 'meta-10k-2024', 'high', NULL),

('OpenAI', 'revenue', '2025-12-31', 13.04, 'USD bn', 'seed:F20', 'low', '2025, the author''s reporting'),
('OpenAI', 'operating_cf', '2025-12-31', -20.9, 'USD bn', 'seed:F19', 'low', 'the 2025 loss (F19) taken as the cash burn'),
('OpenAI', 'capex', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', 'compute is rented'),
('OpenAI', 'cash', '2025-12-31', 15.0, 'USD bn', 'sample-estimate', 'low', 'at the start of the year'),
('OpenAI', 'debt', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', 'the $4bn revolver is undrawn'),
('OpenAI', 'debt_service', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', NULL),

('Anthropic', 'revenue', '2025-12-31', 4.7, 'USD bn', 'sample-estimate', 'low', '2025, from the press run rates (press-anthropic-2025)'),
('Anthropic', 'operating_cf', '2025-12-31', -20.0, 'USD bn', 'sample-estimate', 'low', 'by analogy with OpenAI (F19, F38)'),
('Anthropic', 'capex', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Anthropic', 'cash', '2025-12-31', 10.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Anthropic', 'debt', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Anthropic', 'debt_service', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', NULL),

('Oracle', 'revenue', '2026-05-31', 67.0, 'USD bn', 'orcl-q2fy2026', 'medium', 'FY2026 guidance'),
('Oracle', 'operating_cf', '2026-05-31', 26.3, 'USD bn', 'seed:F03', 'medium', 'capex 50 + free cash flow -23.7 (F03)'),
('Oracle', 'capex', '2026-05-31', 50.0, 'USD bn', 'orcl-q2fy2026', 'medium', 'FY2026 guidance, about $50bn'),
('Oracle', 'cash', '2026-05-31', 20.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Oracle', 'debt', '2026-05-31', 129.5, 'USD bn', 'seed:F04', 'medium', 'end of May; leases (F05, F06) not included'),
('Oracle', 'debt_service', '2026-05-31', 12.0, 'USD bn', 'sample-estimate', 'low', 'interest about 6 (4.6% on 129.5) + maturities about 6'),
('Oracle', 'equity', '2026-05-31', 25.0, 'USD bn', 'sample-estimate', 'low', 'book equity; 10-K FY2025: about 21'),

('CoreWeave', 'revenue', '2025-12-31', 5.1, 'USD bn', 'crwv-guidance-2025', 'medium', '2025 guidance, $5.05-5.15bn'),
('CoreWeave', 'operating_cf', '2025-12-31', 4.0, 'USD bn', 'sample-estimate', 'low', 'customer prepayments'),
('CoreWeave', 'capex', '2025-12-31', 13.0, 'USD bn', 'crwv-guidance-2025', 'medium', '2025 guidance, $12-14bn'),
('CoreWeave', 'cash', '2025-09-30', 1.9, 'USD bn', 'crwv-10q-q3-2025', 'medium', 'approximate'),
('CoreWeave', 'debt', '2025-09-30', 14.0, 'USD bn', 'crwv-10q-q3-2025', 'medium', 'approximate'),
('CoreWeave', 'debt_service', '2025-12-31', 3.5, 'USD bn', 'sample-estimate', 'low', 'interest about 1.2 + current maturities about 2.3'),
('CoreWeave', 'equity', '2025-12-31', 4.5, 'USD bn', 'sample-estimate', 'low', NULL),

('Nebius', 'revenue', '2026-12-31', 4.5, 'USD bn', 'sample-estimate', 'low', '2026 run rate: Microsoft 3.5 + Meta 0.6 + 0.4 other (press-nebius-2025)'),
('Nebius', 'operating_cf', '2026-12-31', 1.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Nebius', 'capex', '2026-12-31', 8.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Nebius', 'cash', '2025-12-31', 4.8, 'USD bn', 'sample-estimate', 'low', 'after the Sept 2025 raise'),
('Nebius', 'debt', '2025-12-31', 4.2, 'USD bn', 'press-nebius-2025', 'medium', 'convertible notes'),
('Nebius', 'debt_service', '2026-12-31', 0.3, 'USD bn', 'sample-estimate', 'low', NULL),
('Nebius', 'equity', '2025-12-31', 4.5, 'USD bn', 'sample-estimate', 'low', NULL),

('Nvidia', 'revenue', '2026-01-25', 213.0, 'USD bn', 'nvda-quarters-fy2026', 'medium', 'FY2026: Q1-Q3 44.1 + 46.7 + 57.0, Q4 outlook 65'),
('Nvidia', 'operating_cf', '2026-01-25', 100.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Nvidia', 'capex', '2026-01-25', 6.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Nvidia', 'cash', '2025-10-26', 60.6, 'USD bn', 'nvda-10q-q3fy2026', 'medium', 'cash and marketable securities, approximate'),
('Nvidia', 'debt', '2025-10-26', 8.5, 'USD bn', 'nvda-10q-q3fy2026', 'medium', 'approximate'),
('Nvidia', 'debt_service', '2026-01-25', 1.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Nvidia', 'equity', '2026-01-25', 118.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Nvidia', 'margin', '2025-01-26', 0.75, 'ratio', 'nvda-10k-fy2025', 'high', 'gross margin FY2025'),

('Broadcom', 'revenue', '2024-11-03', 51.6, 'USD bn', 'avgo-10k-fy2024', 'high', 'FY2024'),
('Broadcom', 'operating_cf', '2024-11-03', 20.0, 'USD bn', 'avgo-10k-fy2024', 'high', 'FY2024'),
('Broadcom', 'capex', '2024-11-03', 0.6, 'USD bn', 'avgo-10k-fy2024', 'high', 'FY2024, 0.55 rounded'),
('Broadcom', 'cash', '2024-11-03', 9.3, 'USD bn', 'avgo-10k-fy2024', 'high', NULL),
('Broadcom', 'debt', '2024-11-03', 67.6, 'USD bn', 'avgo-10k-fy2024', 'high', NULL),
('Broadcom', 'debt_service', '2024-11-03', 9.0, 'USD bn', 'sample-estimate', 'low', 'interest about 4 + maturities about 5'),
('Broadcom', 'equity', '2024-11-03', 67.7, 'USD bn', 'avgo-10k-fy2024', 'high', NULL),
('Broadcom', 'margin', '2024-11-03', 0.6, 'ratio', 'sample-estimate', 'low', 'custom accelerators carry less than the company''s 64%'),

('Micron', 'revenue', '2025-08-28', 37.4, 'USD bn', 'mu-10k-fy2025', 'high', 'FY2025'),
('Micron', 'operating_cf', '2025-08-28', 17.5, 'USD bn', 'mu-10k-fy2025', 'high', 'FY2025'),
('Micron', 'capex', '2025-08-28', 15.9, 'USD bn', 'mu-10k-fy2025', 'high', 'FY2025'),
('Micron', 'cash', '2025-08-28', 11.9, 'USD bn', 'mu-10k-fy2025', 'high', 'cash and investments'),
('Micron', 'debt', '2025-08-28', 14.6, 'USD bn', 'mu-10k-fy2025', 'high', NULL),
('Micron', 'debt_service', '2025-08-28', 1.5, 'USD bn', 'sample-estimate', 'low', NULL),
('Micron', 'equity', '2025-08-28', 54.2, 'USD bn', 'mu-10k-fy2025', 'high', NULL),
('Micron', 'margin', '2025-08-28', 0.4, 'ratio', 'mu-10k-fy2025', 'medium', 'gross margin about 40%'),

('SK Hynix', 'revenue', '2024-12-31', 48.0, 'USD bn', 'skhynix-ar-2024', 'medium', '66.2tn won'),
('SK Hynix', 'operating_cf', '2024-12-31', 21.0, 'USD bn', 'skhynix-ar-2024', 'medium', 'about 29tn won'),
('SK Hynix', 'capex', '2024-12-31', 13.0, 'USD bn', 'skhynix-ar-2024', 'medium', 'about 18tn won'),
('SK Hynix', 'cash', '2024-12-31', 10.0, 'USD bn', 'skhynix-ar-2024', 'medium', 'about 14tn won'),
('SK Hynix', 'debt', '2024-12-31', 16.0, 'USD bn', 'skhynix-ar-2024', 'medium', 'about 22tn won'),
('SK Hynix', 'debt_service', '2024-12-31', 5.0, 'USD bn', 'sample-estimate', 'low', NULL),
('SK Hynix', 'equity', '2024-12-31', 54.0, 'USD bn', 'skhynix-ar-2024', 'medium', 'about 75tn won'),
('SK Hynix', 'margin', '2024-12-31', 0.5, 'ratio', 'skhynix-ar-2024', 'medium', 'gross margin about 50%'),

('Samsung', 'revenue', '2024-12-31', 218.0, 'USD bn', 'samsung-ar-2024', 'medium', '300.9tn won'),
('Samsung', 'operating_cf', '2024-12-31', 52.0, 'USD bn', 'samsung-ar-2024', 'medium', 'about 72tn won'),
('Samsung', 'capex', '2024-12-31', 39.0, 'USD bn', 'samsung-ar-2024', 'medium', 'about 54tn won'),
('Samsung', 'cash', '2024-12-31', 75.0, 'USD bn', 'samsung-ar-2024', 'medium', 'about 104tn won, with short-term investments'),
('Samsung', 'debt', '2024-12-31', 10.0, 'USD bn', 'samsung-ar-2024', 'medium', 'about 14tn won'),
('Samsung', 'debt_service', '2024-12-31', 3.0, 'USD bn', 'sample-estimate', 'low', NULL),
('Samsung', 'equity', '2024-12-31', 290.0, 'USD bn', 'samsung-ar-2024', 'medium', 'about 400tn won'),
('Samsung', 'margin', '2024-12-31', 0.38, 'ratio', 'samsung-ar-2024', 'medium', 'gross margin about 38%'),

('DC builders', 'revenue', '2025-12-31', 140.0, 'USD bn', 'sample-estimate', 'low', 'aggregate; at least the 128/yr of construction and leases paid to it'),
('DC builders', 'operating_cf', '2025-12-31', 14.0, 'USD bn', 'sample-estimate', 'low', '10% margin'),
('DC builders', 'capex', '2025-12-31', 30.0, 'USD bn', 'sample-estimate', 'low', 'own builds for lease'),
('DC builders', 'cash', '2025-12-31', 20.0, 'USD bn', 'sample-estimate', 'low', NULL),
('DC builders', 'debt', '2025-12-31', 45.0, 'USD bn', 'sample-estimate', 'low', 'project loans'),
('DC builders', 'debt_service', '2025-12-31', 5.0, 'USD bn', 'sample-estimate', 'low', NULL),
('DC builders', 'equity', '2025-12-31', 40.0, 'USD bn', 'sample-estimate', 'low', NULL),
('DC builders', 'margin', '2025-12-31', 0.3, 'ratio', 'sample-estimate', 'low', NULL),

('SoftBank', 'revenue', '2025-03-31', 48.0, 'USD bn', 'softbank-fy2024', 'medium', '7.2tn yen'),
('SoftBank', 'operating_cf', '2025-03-31', 5.0, 'USD bn', 'sample-estimate', 'low', NULL),
('SoftBank', 'capex', '2025-12-31', 39.0, 'USD bn', 'sample-estimate', 'low', 'own capex about 6 + 33/yr invested in OpenAI and Stargate'),
('SoftBank', 'cash', '2025-03-31', 33.0, 'USD bn', 'softbank-fy2024', 'medium', 'about 5tn yen'),
('SoftBank', 'debt', '2025-03-31', 160.0, 'USD bn', 'softbank-fy2024', 'medium', 'interest-bearing debt, about 24tn yen'),
('SoftBank', 'debt_service', '2025-12-31', 15.0, 'USD bn', 'sample-estimate', 'low', NULL),
('SoftBank', 'equity', '2025-03-31', 87.0, 'USD bn', 'softbank-fy2024', 'medium', 'about 13tn yen'),

('Venture funds', 'operating_cf', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', 'aggregate'),
('Venture funds', 'capex', '2025-12-31', 26.5, 'USD bn', 'sample-estimate', 'low', 'the investments it pays'),
('Venture funds', 'cash', '2025-12-31', 100.0, 'USD bn', 'sample-estimate', 'low', 'uncalled commitments'),
('Venture funds', 'debt_service', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', NULL),

('AI lenders', 'operating_cf', '2025-12-31', 10.3, 'USD bn', 'sample-estimate', 'low', 'aggregate; the interest it is paid'),
('AI lenders', 'capex', '2025-12-31', 94.7, 'USD bn', 'sample-estimate', 'low', 'the new loans it makes'),
('AI lenders', 'cash', '2025-12-31', 150.0, 'USD bn', 'sample-estimate', 'low', 'lending capacity'),
('AI lenders', 'debt_service', '2025-12-31', 0.0, 'USD bn', 'sample-estimate', 'low', NULL);

-- ------------------------------------------- facts: earlier fiscal years
-- Older than the facts above, so only a cut-off (facts_as_of) selects them.
INSERT INTO facts (company, metric, period, value, unit, source_id, confidence, note) VALUES
('Microsoft', 'revenue', '2024-06-30', 245.1, 'USD bn', 'msft-10k-fy2024', 'high', 'FY2024'),
('Microsoft', 'operating_cf', '2024-06-30', 118.5, 'USD bn', 'msft-10k-fy2024', 'high', 'FY2024'),
('Microsoft', 'capex', '2024-06-30', 44.5, 'USD bn', 'msft-10k-fy2024', 'high', 'FY2024 additions to property and equipment'),
('Microsoft', 'capex', '2025-06-30', 64.6, 'USD bn', 'msft-10k-fy2025', 'high', 'FY2025 additions to property and equipment (without finance leases)'),
('Microsoft', 'cash', '2024-06-30', 75.5, 'USD bn', 'msft-10k-fy2024', 'high', 'cash, equivalents and short-term investments'),
('Microsoft', 'equity', '2024-06-30', 268.5, 'USD bn', 'msft-10k-fy2024', 'high', NULL),
('Alphabet', 'revenue', '2023-12-31', 307.4, 'USD bn', 'googl-10k-2023', 'high', '2023'),
('Alphabet', 'operating_cf', '2023-12-31', 101.7, 'USD bn', 'googl-10k-2023', 'high', '2023'),
('Alphabet', 'capex', '2023-12-31', 32.3, 'USD bn', 'googl-10k-2023', 'high', '2023'),
('Alphabet', 'capex', '2024-12-31', 52.5, 'USD bn', 'googl-10k-2024', 'high', '2024'),
('Alphabet', 'cash', '2023-12-31', 110.9, 'USD bn', 'googl-10k-2023', 'high', 'cash and marketable securities'),
('Alphabet', 'equity', '2023-12-31', 283.4, 'USD bn', 'googl-10k-2023', 'high', NULL),
('Amazon', 'revenue', '2023-12-31', 574.8, 'USD bn', 'amzn-10k-2023', 'high', '2023'),
('Amazon', 'operating_cf', '2023-12-31', 84.9, 'USD bn', 'amzn-10k-2023', 'high', '2023'),
('Amazon', 'capex', '2023-12-31', 52.7, 'USD bn', 'amzn-10k-2023', 'high', '2023 purchases of property and equipment'),
('Amazon', 'capex', '2024-12-31', 83.0, 'USD bn', 'amzn-10k-2024', 'high', '2024 purchases of property and equipment'),
('Amazon', 'cash', '2023-12-31', 86.8, 'USD bn', 'amzn-10k-2023', 'high', 'cash and marketable securities'),
('Amazon', 'equity', '2023-12-31', 201.9, 'USD bn', 'amzn-10k-2023', 'high', NULL),
('Meta', 'revenue', '2023-12-31', 134.9, 'USD bn', 'meta-10k-2023', 'high', '2023'),
('Meta', 'operating_cf', '2023-12-31', 71.1, 'USD bn', 'meta-10k-2023', 'high', '2023'),
('Meta', 'capex', '2023-12-31', 28.1, 'USD bn', 'meta-10k-2023', 'high', '2023, with finance leases'),
('Meta', 'capex', '2024-12-31', 39.2, 'USD bn', 'meta-10k-2024', 'high', '2024, with finance leases'),
('Meta', 'cash', '2023-12-31', 65.4, 'USD bn', 'meta-10k-2023', 'high', 'cash and marketable securities'),
('Meta', 'equity', '2023-12-31', 153.2, 'USD bn', 'meta-10k-2023', 'high', NULL),
('Nvidia', 'revenue', '2025-01-26', 130.5, 'USD bn', 'nvda-10k-fy2025', 'high', 'FY2025'),
('Nvidia', 'operating_cf', '2025-01-26', 64.1, 'USD bn', 'nvda-10k-fy2025', 'high', 'FY2025'),
('Nvidia', 'capex', '2025-01-26', 3.2, 'USD bn', 'nvda-10k-fy2025', 'high', 'FY2025'),
('Nvidia', 'cash', '2025-01-26', 43.2, 'USD bn', 'nvda-10k-fy2025', 'high', 'cash and marketable securities'),
('Nvidia', 'equity', '2025-01-26', 79.3, 'USD bn', 'nvda-10k-fy2025', 'high', NULL);

-- --------------------------- facts: remaining performance obligations
INSERT INTO facts (company, metric, period, value, unit, source_id, confidence, note) VALUES
('Microsoft', 'rpo', '2025-09-30', 392.0, 'USD bn', 'msft-q1fy2026', 'medium', 'commercial remaining performance obligation'),
('Alphabet', 'rpo', '2025-09-30', 155.0, 'USD bn', 'googl-q3-2025', 'medium', 'Google Cloud backlog'),
('Amazon', 'rpo', '2025-09-30', 200.0, 'USD bn', 'amzn-q3-2025', 'medium', 'AWS backlog'),
('Oracle', 'rpo', '2025-08-31', 455.0, 'USD bn', 'orcl-q1fy2026', 'medium', NULL),
('Oracle', 'rpo', '2025-11-30', 523.0, 'USD bn', 'orcl-q2fy2026', 'medium', NULL);

-- ------------------------------------- facts: the seed article's inputs
-- The figures the article states and does not derive; sql/audit.sql
-- recomputes its derived figures from these.
INSERT INTO facts (company, metric, period, value, unit, source_id, confidence, note) VALUES
('Hyperscalers', 'ai_capex_planned', '2026-12-31', 1000, 'USD bn', 'seed:F01', 'medium', '2025-2026, the five largest (BIS)'),
('Microsoft+Alphabet+Amazon+Meta', 'gpu_dc_spend_per_quarter', '2026-12-31', 30, 'USD bn/quarter', 'seed:F02', 'low', 'each, or more'),
('Oracle', 'free_cash_flow', '2026-05-31', -23.7, 'USD bn', 'seed:F03', 'medium', 'FY2026'),
('Oracle', 'lease_commitments_commenced', '2026-05-31', 38, 'USD bn', 'seed:F05', 'medium', NULL),
('Oracle', 'lease_commitments_not_commenced', '2026-05-31', 260, 'USD bn', 'seed:F06', 'medium', NULL),
('OpenAI', 'oracle_commitment', '2026-06-30', 300, 'USD bn', 'seed:F07', 'medium', 'multi-year compute contract'),
('Hyperscalers', 'new_revenue_needed_by_2030', '2030-12-31', 2000, 'USD bn', 'seed:F09', 'low', NULL),
('OpenAI+Anthropic', 'share_of_cloud_revenue', '2025-12-31', 0.20, 'ratio', 'seed:F10', 'low', 'or more'),
('Microsoft', 'openai_investment', '2025-12-31', 13, 'USD bn', 'seed:F11', 'medium', 'cumulative'),
('Microsoft', 'openai_partnership_cost', '2026-06-30', 100, 'USD bn', 'seed:F12', 'medium', 'cumulative, over; court testimony'),
('Amazon', 'rainier_dc_cost', '2025-12-31', 11, 'USD bn', 'seed:F13', 'medium', 'or more'),
('OpenAI+Anthropic', 'capital_raised_since_2019', '2026-06-30', 300, 'USD bn', 'seed:F14', 'low', 'less than'),
('Oracle', 'stargate_build_cost', '2026-06-30', 340, 'USD bn', 'seed:F16', 'low', 'or more'),
('Oracle', 'stargate_capacity', '2026-06-30', 7.1, 'GW', 'seed:F17', 'medium', NULL),
('OpenAI', 'azure_spend', '2025-12-31', 17.2, 'USD bn', 'seed:F18', 'low', '2025'),
('OpenAI', 'net_loss', '2025-12-31', 20.9, 'USD bn', 'seed:F19', 'low', '2025'),
('Microsoft', 'capex_minus_openai_azure_spend', '2025-03-31', 4.2, 'USD bn', 'seed:F21', 'low', '"$4.2bn less than Microsoft''s Q1 2025 capex"'),
('Microsoft', 'ai_annualized_revenue', '2026-04-30', 37, 'USD bn/year', 'seed:F22', 'medium', 'April; a month times 12'),
('Microsoft', 'ai_revenue_growth', '2026-04-30', 0.12, 'ratio', 'seed:text', 'medium', '"grew 12% year-over-year"'),
('Microsoft', 'capex_per_quarter', '2026-03-31', 31.9, 'USD bn/quarter', 'seed:F24', 'medium', NULL),
('OpenAI', 'azure_inference_spend', '2025-03-31', 2.947, 'USD bn/quarter', 'seed:F26', 'low', 'Q3 FY2025 (Microsoft''s fiscal quarter)'),
('OpenAI', 'azure_inference_spend', '2025-09-30', 3.648, 'USD bn/quarter', 'seed:F28', 'low', 'Q1 FY2026'),
('OpenAI+Anthropic', 'share_of_hyperscaler_rpo', '2026-06-30', 0.50, 'ratio', 'seed:F29', 'low', 'or more'),
('CoreWeave', 'revenue_share_msft_nvda', '2025-12-31', 0.65, 'ratio', 'seed:F31', 'medium', NULL),
('Nvidia', 'blackwell_rubin_sales_forecast', '2030-12-31', 1000, 'USD bn', 'seed:F32', 'medium', 'Jensen Huang''s prediction'),
('Data centres', 'revenue_per_mw', '2030-12-31', 12, 'USD m per MW a year', 'seed:F35', 'low', 'written "$12 per megawatt"'),
('OpenAI', 'compute_spend', '2026-12-31', 50, 'USD bn', 'seed:F37', 'low', 'about'),
('Anthropic', 'compute_spend', '2026-12-31', 50, 'USD bn', 'seed:F38', 'low', 'similar to OpenAI'),
('Data centres', 'build_time_months_min', '2026-06-30', 18, 'months', 'seed:F39', 'medium', NULL),
('Data centres', 'build_time_months_max', '2026-06-30', 34, 'months', 'seed:F39', 'medium', NULL),
('Amazon', 'rufus_annualized_revenue', '2025-09-30', 10, 'USD bn/year', 'seed:F40', 'medium', 'implied by Amazon'),
('Microsoft', 'github_copilot_annualized_revenue', '2025-12-31', 1.08, 'USD bn/year', 'seed:F41', 'medium', NULL),
('Microsoft', 'github_copilot_seat_price', '2025-12-31', 39, 'USD/month', 'seed:F42', 'medium', NULL),
('New revenue', 'new_revenue_for_existing_services', '2030-12-31', 600, 'USD bn', 'seed:F43', 'low', 'will not be generated');

-- --------------------------------- facts: ratios for the cross-checks
INSERT INTO facts (company, metric, period, value, unit, source_id, confidence, note) VALUES
('Nvidia', 'nvidia_content_per_gw', '2025-08-27', 35, 'USD bn/GW', 'nvda-q2fy2026-call', 'medium', 'of $50-60bn per GW of AI datacentre'),
('Data centres', 'build_cost_per_gw_low', '2025-08-27', 50, 'USD bn/GW', 'nvda-q2fy2026-call', 'medium', 'low end of $50-60bn per GW'),
('Data centres', 'pue', '2025-12-31', 1.3, 'ratio', 'sample-estimate', 'low', 'power usage effectiveness of a new AI datacentre: facility power / IT power, about 1.2-1.4');

COMMIT;
