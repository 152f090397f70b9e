-- aibubble sample network: the AI industry around OpenAI and Anthropic.
--
-- Load after the schema:
--   sqlite3 bubble.db < sql/schema.sql && sqlite3 bubble.db < samples/sample.sql
--
-- Money: USD billions; flows are per year (a 2025-2026 run rate); balance-sheet
-- figures are the latest fiscal year named in each row's source.
-- Every row says where its figures come from: "seed Fnn" is a figure of the seed
-- article (samples/figures.csv, listed in samples/SOURCES.md); a filing or press
-- release is named; "estimate:" marks the figures we made up, with the reasoning.
-- The estimates are rounded guesses meant for a demonstration, not research.
--
-- Conventions
-- * margin (m, share of lost revenue that is lost cash): NULL (= 1) for sellers
--   of compute, whose costs (depreciation, leases, power, debt) are fixed in the
--   short run; about the gross margin for sellers of goods (chips, memory,
--   construction), whose costs of sales fall away with the sales.
-- * capex of an investor or lender (SoftBank, venture funds, the lenders) holds
--   the money it puts into others (its investment and loan flows below), so its
--   liquidity after a normal year (L0) is what is left once it has funded them.
--   Operating companies' capex is their filed or guided capex; their smaller
--   investments in labs are paid from cash.
-- * equity NULL: not disclosed (private labs) or not meaningful for an aggregate;
--   the model then makes no solvency test for that company.
-- * At a 0% shock every company has L0 = cash + operating_cf - capex -
--   debt_service + financing inflows >= 0 and equity >= 0 or NULL: nobody
--   defaults. The labs get there only through the financing recorded below.

BEGIN;

-- ------------------------------------------------------------------ companies
INSERT INTO companies (name, kind, revenue, operating_cf, capex, cash, debt, debt_service, equity, margin, source) VALUES
('Microsoft', 'hyperscaler', 281.7, 136.2, 127.6, 94.6, 43.0, 5.0, 343.5, NULL,
 'Microsoft 10-K FY2025 (June 2025): revenue 281.7, operating cash flow 136.2, cash and short-term investments 94.6, total debt ~43, stockholders'' equity 343.5; capex = seed F24: $31.9bn a quarter x 4 = 127.6 (incl. finance leases); estimate: debt_service 5 (interest ~2.4 + maturities)'),
('Alphabet', 'hyperscaler', 350.0, 125.3, 91.0, 95.7, 10.9, 2.0, 325.1, NULL,
 'Alphabet 10-K FY2024: revenue 350.0, operating cash flow 125.3, cash and marketable securities 95.7, debt ~10.9, equity 325.1; capex 91 = 2025 guidance (Q2 2025 earnings call, $85bn raised to $91-93bn); estimate: debt_service 2'),
('Amazon', 'hyperscaler', 638.0, 115.9, 125.0, 101.2, 52.6, 7.0, 286.0, NULL,
 'Amazon 10-K FY2024: revenue 638.0, operating cash flow 115.9, cash and marketable securities 101.2, long-term debt 52.6, equity 286.0; capex 125 = 2025 plan stated on the Q3 2025 earnings call; estimate: debt_service 7'),
('Meta', 'hyperscaler', 164.5, 91.3, 72.0, 77.8, 28.8, 2.0, 182.6, NULL,
 'Meta 10-K FY2024: revenue 164.5, operating cash flow 91.3, cash and marketable securities 77.8, long-term debt 28.8, equity 182.6; capex 72 = 2025 guidance ($70-72bn, Q2 2025 earnings); estimate: debt_service 2'),
('OpenAI', 'lab', 13.04, -20.9, 0.0, 15.0, 0.0, 0.0, NULL, NULL,
 'seed F20: revenue $13.04bn in 2025; seed F19: lost $20.9bn in 2025, taken as the operating cash burn (operating_cf -20.9); estimate: capex 0 (compute is rented: flows below), cash 15 at the start of the year, no debt (the $4bn revolver of Oct 2024 is undrawn); equity NULL (private, not disclosed). The 2026 compute run rate of ~50 (F37, flows below) implies a larger burn than the 2025 loss; the seed''s 2025 figures are kept. Without the 52.6/yr of financing below its L0 would be -5.9'),
('Anthropic', 'lab', 4.7, -20.0, 0.0, 10.0, 0.0, 0.0, NULL, NULL,
 'estimate: revenue 4.7 for 2025 (press: annualised revenue went from ~$1bn in Jan 2025 to $5bn in Aug 2025 and ~$7bn in Oct 2025); operating_cf -20 by analogy with OpenAI (seed F19), since the seed puts Anthropic''s compute spend on a par with OpenAI''s (F38); cash 10, no debt; equity NULL (private). Without the 37/yr of financing below its L0 would be -10'),
('Oracle', 'cloud', 67.0, 26.3, 50.0, 20.0, 129.5, 12.0, 25.0, NULL,
 'seed F04: debt outstanding $129.5bn (end of May); seed F03: free cash flow -$23.7bn in FY2026, with capex 50 (Oracle''s FY2026 capex guidance of ~$50bn, Q2 FY2026 call) giving operating_cf = 50 - 23.7 = 26.3; revenue 67 = Oracle''s FY2026 revenue guidance; estimate: cash 20, debt_service 12 (interest ~6 at ~4.6% on 129.5 + ~6 maturities), book equity 25 (Oracle 10-K FY2025: ~21). Leases of ~$38bn commenced (F05) and $260bn not commenced (F06) are not in debt'),
('CoreWeave', 'neocloud', 5.1, 4.0, 13.0, 1.9, 14.0, 3.5, 4.5, NULL,
 'CoreWeave 2025: revenue 5.1 (2025 guidance $5.05-5.15bn), capex 13 (guidance $12-14bn), debt ~14 and cash ~1.9 (10-Q Q3 2025, approx.); estimate: operating_cf 4 (customer prepayments), debt_service 3.5 (interest ~1.2 + current maturities ~2.3), book equity 4.5; seed F31 gives the customer mix'),
('Nebius', 'neocloud', 4.5, 1.0, 8.0, 4.8, 4.2, 0.3, 4.5, NULL,
 'estimate, 2026 run rate: revenue 4.5 = Microsoft contract ($17.4bn over 5 years, Sept 2025 press: ~3.5/yr) + Meta ($3bn over 5 years, Nov 2025 press: 0.6/yr) + ~0.4 other; cash 4.8 after the Sept 2025 equity and convertible raise (~$4.2bn of convertibles: debt); operating_cf 1, capex 8, debt_service 0.3, equity 4.5'),
('Nvidia', 'chips', 213.0, 100.0, 6.0, 60.6, 8.5, 1.0, 118.0, 0.75,
 'Nvidia FY2026 (Jan 2026) approx.: revenue 213 = quarterly reports Q1-Q3 (44.1, 46.7, 57.0) + Q4 guidance 65; cash and marketable securities 60.6 and debt 8.5 (10-Q Q3 FY2026); estimate: operating_cf 100, capex 6, equity 118, debt_service 1; margin 0.75 = gross margin (10-K FY2025: 75%)'),
('Broadcom', 'chips', 51.6, 20.0, 0.6, 9.3, 67.6, 9.0, 67.7, 0.6,
 'Broadcom 10-K FY2024 (Nov 2024): revenue 51.6, operating cash flow 20.0, capex 0.55, cash 9.3, debt 67.6, equity 67.7; estimate: debt_service 9 (interest ~4 + maturities ~5), margin 0.6 (custom AI accelerators carry a lower gross margin than the company''s ~64%)'),
('Micron', 'memory', 37.4, 17.5, 15.9, 11.9, 14.6, 1.5, 54.2, 0.4,
 'Micron 10-K FY2025 (Aug 2025) approx.: revenue 37.4, operating cash flow 17.5, capex 15.9, cash and investments 11.9, debt 14.6, equity 54.2; estimate: debt_service 1.5; margin 0.4 = FY2025 gross margin (~40%)'),
('SK Hynix', 'memory', 48.0, 21.0, 13.0, 10.0, 16.0, 5.0, 54.0, 0.5,
 'SK hynix annual report FY2024 approx., KRW converted at ~1,380/USD: revenue 66.2tn won = 48, operating cash flow ~29tn = 21, capex ~18tn = 13, cash ~14tn = 10, debt ~22tn = 16, equity ~75tn = 54; estimate: debt_service 5, margin 0.5 (2024 gross margin ~50%)'),
('Samsung', 'memory', 218.0, 52.0, 39.0, 75.0, 10.0, 3.0, 290.0, 0.38,
 'Samsung Electronics annual report FY2024 approx., KRW converted at ~1,380/USD: revenue 300.9tn won = 218, operating cash flow ~72tn = 52, capex ~54tn = 39, cash and short-term investments ~104tn = 75, debt ~14tn = 10, equity ~400tn = 290; estimate: debt_service 3, margin 0.38 (2024 gross margin ~38%)'),
('DC builders', 'datacenter', 140.0, 14.0, 30.0, 20.0, 45.0, 5.0, 40.0, 0.3,
 'estimate: aggregate of the contractors, equipment makers (power, cooling) and developers who build and lease AI datacentres (e.g. Crusoe, Vantage, Related Digital for Stargate; seed F16/F17: Oracle''s $340bn, 7.1GW Stargate build; F39: 18-34 months to build). revenue 140 >= the 128/yr of construction and leases paid to it below; operating_cf 14 (10% margin); capex 30 = its own builds for lease, funded by project loans; cash 20, debt 45 (project loans such as the ~$38bn for Vantage''s Oracle sites, press Aug 2025), debt_service 5, equity 40; margin 0.3: lost construction work also saves its cost, lost leases do not'),
('SoftBank', 'investor', 48.0, 5.0, 39.0, 33.0, 160.0, 15.0, 87.0, NULL,
 'SoftBank Group FY2024 (Mar 2025) approx., JPY converted at ~150/USD: net sales 7.2tn yen = 48, cash ~5tn yen = 33, interest-bearing debt ~24tn yen = 160, equity ~13tn yen = 87; estimate: operating_cf 5, debt_service 15; capex 39 = own capex ~6 (mostly SoftBank Corp) + the 33/yr invested in OpenAI and Stargate below (convention above). It relies on 23.5/yr of new loans (seed: SoftBank funds its commitments by selling shares and taking on debt)'),
('Venture funds', 'investor', NULL, 0.0, 26.5, 100.0, NULL, 0.0, NULL, NULL,
 'estimate: aggregate of the venture, growth and sovereign funds in the labs'' rounds other than SoftBank and the strategic investors (OpenAI''s $40bn round of March 2025 beyond SoftBank''s $30bn; Anthropic''s Series E $3.5bn and Series F $13bn of 2025); capex 26.5 = the investments below (convention above); cash 100 = uncalled commitments, estimate; seed F14: the two labs raised less than $300bn since 2019'),
('AI lenders', 'lender', NULL, 10.3, 94.7, 150.0, NULL, 0.0, NULL, NULL,
 'estimate: aggregate of the banks, bond investors and private-credit funds lending to the AI build-out (BIS annual report, quoted in the seed: hyperscaler cuts would leave borrowers in the supply chain unable to repay); revenue NULL = the 10.3/yr of interest flows below, operating_cf 10.3 = that interest; capex 94.7 = the new loans below (convention above); cash 150 = lending capacity; equity NULL (an aggregate of many balance sheets: no solvency test)');

-- ---------------------------------------------------------------------- flows
INSERT INTO flows (payer, payee, kind, amount, on_behalf_of, source) VALUES
-- OpenAI's compute: ~50/yr (seed F37)
('OpenAI', 'Microsoft', 'compute', 17.2, NULL,
 'seed F18: OpenAI spent $17.2bn on Microsoft Azure in 2025 (F26/F28: inference alone $2.9-3.6bn a quarter)'),
('OpenAI', 'Oracle', 'compute', 23.5, NULL,
 'seed F07: OpenAI''s $300bn compute commitment to Oracle, multi-year (about 60/yr once it ramps, over ~5 years); seed F37: OpenAI''s compute spend is ~$50bn in 2026, so Oracle gets the residual 50 - 17.2 - 5.4 - 3 - 0.9 = 23.5 this year (estimate)'),
('OpenAI', 'Amazon', 'compute', 5.4, NULL,
 'OpenAI-AWS agreement, $38bn over 7 years (press, Nov 2025): 38/7 = 5.4/yr; seed: OpenAI signed agreements with Google and Amazon'),
('OpenAI', 'Alphabet', 'compute', 3.0, NULL,
 'estimate: OpenAI added Google Cloud as a compute supplier (press, June 2025; seed: agreements with Google); 3/yr is a guess'),
('OpenAI', 'CoreWeave', 'compute', 0.9, NULL,
 'seed F31: the 35% of CoreWeave''s revenue not from Microsoft and Nvidia comes from Google (for OpenAI), Anthropic, Meta and OpenAI itself; estimate: OpenAI direct 0.9 of CoreWeave''s 5.1 (its contracts total $22.4bn over ~5 years, CoreWeave 8-Ks Mar, May and Sept 2025, ramping)'),
('OpenAI', 'Broadcom', 'hardware', 2.0, NULL,
 'estimate: first custom accelerators of the OpenAI-Broadcom 10GW agreement (press, Oct 2025; seed: OpenAI signed with Broadcom), 2/yr'),
-- Anthropic's compute: ~50/yr (seed F38)
('Anthropic', 'Amazon', 'compute', 28.0, NULL,
 'seed F38: Anthropic''s compute spend is similar to OpenAI''s, ~$50bn; estimate: AWS is its main provider (Project Rainier, seed F13: $11bn+ datacentre dedicated to Anthropic) with 28/yr, ~20% of AWS revenue (seed F10: the labs are 20% or more of cloud revenue)'),
('Anthropic', 'Alphabet', 'compute', 15.0, NULL,
 'seed F38: ~$50bn compute; estimate: Google Cloud TPUs 15/yr (Anthropic-Google deal for up to 1m TPUs, "tens of billions", press Oct 2025)'),
('Anthropic', 'Microsoft', 'compute', 5.0, NULL,
 'seed F38: ~$50bn compute; Anthropic committed $30bn to Azure (Microsoft/Nvidia/Anthropic announcement, Nov 2025), taken as 5/yr over ~6 years (estimate)'),
('Anthropic', 'CoreWeave', 'compute', 0.2, NULL,
 'seed F31: Anthropic is one of CoreWeave''s other customers; estimate 0.2'),
-- CoreWeave's other customers (seed F31: 65% from Microsoft for OpenAI and Nvidia)
('Microsoft', 'CoreWeave', 'compute', 2.9, 'OpenAI',
 'seed F31: 65% of CoreWeave''s revenue comes from Microsoft (for OpenAI) and Nvidia; 65% of 5.1 = 3.3, split 2.9 Microsoft + 0.4 Nvidia (estimate; Microsoft was 62% of CoreWeave''s 2024 revenue, S-1)'),
('Nvidia', 'CoreWeave', 'compute', 0.4, NULL,
 'seed F31: Nvidia is part of the 65%; Nvidia agreed to buy $6.3bn of unused CoreWeave capacity through 2032 (CoreWeave 8-K, Sept 2025); estimate 0.4/yr'),
('Alphabet', 'CoreWeave', 'compute', 0.3, 'OpenAI',
 'seed F31: the rest comes from Google (for OpenAI), Anthropic, Meta and OpenAI; estimate 0.3'),
('Meta', 'CoreWeave', 'compute', 0.3, NULL,
 'seed F31 (Meta among the other customers); Meta-CoreWeave $14.2bn contract (press, Sept 2025) is only starting; estimate 0.3'),
('Microsoft', 'Nebius', 'compute', 3.5, NULL,
 'Nebius-Microsoft agreement, $17.4bn over 5 years (press, Sept 2025): ~3.5/yr'),
('Meta', 'Nebius', 'compute', 0.6, NULL,
 'Nebius-Meta agreement, $3bn over 5 years (press, Nov 2025): 0.6/yr'),
-- hyperscalers' capex (seed F02: $30bn or more a quarter each on GPUs, RAM, storage and datacentres; F01: over $1tn in 2025-2026)
('Microsoft', 'Nvidia', 'hardware', 40.0, NULL, 'seed F02/F24; estimate: ~1/3 of capex 127.6 on Nvidia systems'),
('Microsoft', 'Samsung', 'hardware', 4.0, NULL, 'seed F02 (RAM, storage); estimate: server DRAM/SSD'),
('Microsoft', 'SK Hynix', 'hardware', 3.0, NULL, 'seed F02 (RAM, storage); estimate: server DRAM/SSD'),
('Microsoft', 'Micron', 'hardware', 3.0, NULL, 'seed F02 (RAM, storage); estimate: server DRAM/SSD'),
('Microsoft', 'DC builders', 'construction', 30.0, NULL, 'seed F02 (datacentre construction); estimate: about a quarter of capex on sites, power and cooling'),
('Alphabet', 'Nvidia', 'hardware', 20.0, NULL, 'seed F02; estimate: Nvidia share of capex 91 (Google also uses its own TPUs)'),
('Alphabet', 'Broadcom', 'hardware', 10.0, NULL, 'estimate: TPUs are co-designed and supplied by Broadcom, its largest AI customer; 10/yr'),
('Alphabet', 'Samsung', 'hardware', 3.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Alphabet', 'SK Hynix', 'hardware', 3.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Alphabet', 'Micron', 'hardware', 2.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Alphabet', 'DC builders', 'construction', 25.0, NULL, 'seed F02 (datacentre construction); estimate'),
('Amazon', 'Nvidia', 'hardware', 25.0, NULL, 'seed F02; estimate: Nvidia share of capex 125 (Amazon also uses its own Trainium)'),
('Amazon', 'Samsung', 'hardware', 4.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Amazon', 'SK Hynix', 'hardware', 3.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Amazon', 'Micron', 'hardware', 3.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Amazon', 'DC builders', 'construction', 35.0, NULL, 'seed F02, F13 (Project Rainier, $11bn+); estimate'),
('Meta', 'Nvidia', 'hardware', 25.0, NULL, 'seed F02; estimate: Nvidia share of capex 72'),
('Meta', 'Broadcom', 'hardware', 3.0, NULL, 'estimate: Meta''s MTIA accelerators are made with Broadcom; 3/yr'),
('Meta', 'Samsung', 'hardware', 3.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Meta', 'SK Hynix', 'hardware', 2.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Meta', 'Micron', 'hardware', 2.0, NULL, 'seed F02 (RAM, storage); estimate'),
('Meta', 'DC builders', 'construction', 20.0, NULL, 'seed F02 (datacentre construction); estimate'),
-- Oracle's and the neoclouds' build-out
('Oracle', 'Nvidia', 'hardware', 25.0, NULL,
 'seed F16: Oracle spends $340bn or more to build Stargate for OpenAI; estimate: half of its capex 50 on Nvidia systems'),
('Oracle', 'DC builders', 'construction', 10.0, NULL, 'seed F16/F17 (Stargate, 7.1GW); estimate'),
('Oracle', 'DC builders', 'lease', 4.0, NULL,
 'seed F05: ~$38bn of lease commitments commenced, taken as ~4/yr (estimate); the $260bn not yet commenced (F06) is left out'),
('CoreWeave', 'Nvidia', 'hardware', 8.0, NULL, 'estimate: most of its capex 13 is Nvidia systems'),
('CoreWeave', 'DC builders', 'lease', 3.0, NULL, 'estimate: datacentre leases (Core Scientific, Applied Digital, Galaxy and others)'),
('Nebius', 'Nvidia', 'hardware', 5.0, NULL, 'estimate: most of its capex 8 is Nvidia systems'),
('Nebius', 'DC builders', 'lease', 1.0, NULL, 'estimate: datacentre leases and construction'),
-- memory for accelerators (HBM)
('Nvidia', 'SK Hynix', 'hardware', 20.0, NULL,
 'estimate: HBM for Nvidia GPUs; SK hynix is Nvidia''s main HBM supplier (seed: record sales of SK Hynix, Micron and Samsung; HBM takes three times the wafer space of DRAM)'),
('Nvidia', 'Micron', 'hardware', 6.0, NULL, 'estimate: HBM for Nvidia GPUs (Micron: HBM run rate ~$8bn/yr, FY2025 Q4 call)'),
('Nvidia', 'Samsung', 'hardware', 3.0, NULL, 'estimate: HBM and other memory for Nvidia'),
('Broadcom', 'SK Hynix', 'hardware', 2.0, NULL, 'estimate: HBM for custom accelerators (TPUs)'),
('Broadcom', 'Samsung', 'hardware', 1.0, NULL, 'estimate: HBM for custom accelerators'),
-- interest (revenue of the lenders)
('Oracle', 'AI lenders', 'interest', 6.0, NULL, 'seed F04: debt 129.5; estimate: ~4.6% average coupon'),
('CoreWeave', 'AI lenders', 'interest', 1.2, NULL, 'estimate: ~9% on ~14 of debt (CoreWeave 2025 10-Qs report interest expense of ~$0.3bn a quarter)'),
('DC builders', 'AI lenders', 'interest', 2.5, NULL, 'estimate: ~5.5% on 45 of project loans'),
('SoftBank', 'AI lenders', 'interest', 0.3, NULL, 'estimate: interest on the bridge loan below'),
('Nebius', 'AI lenders', 'interest', 0.3, NULL, 'estimate: coupons on ~4.2 of convertible notes'),
-- financing of the labs (what keeps them liquid at a 0% shock)
('SoftBank', 'OpenAI', 'investment', 30.0, NULL,
 'SoftBank''s $30bn of OpenAI''s $40bn round (announced Mar 2025, paid in 2025); seed: SoftBank''s massive commitments to OpenAI'),
('Venture funds', 'OpenAI', 'investment', 10.0, NULL, 'the other $10bn of OpenAI''s $40bn round (Mar 2025)'),
('Microsoft', 'OpenAI', 'investment', 2.6, NULL,
 'seed F11: Microsoft invested $13bn in OpenAI (cumulative, 2019-2023), annualised as 13/5 = 2.6/yr (estimate); F12: the partnership cost Microsoft over $100bn'),
('Nvidia', 'OpenAI', 'investment', 10.0, NULL,
 'Nvidia-OpenAI letter of intent (Sept 2025): up to $100bn, $10bn per gigawatt deployed; estimate: 10/yr, first tranche (not yet definitive)'),
('Amazon', 'Anthropic', 'investment', 4.0, NULL, 'Amazon invested $8bn in Anthropic (2023-2024 press), annualised 4/yr (estimate)'),
('Alphabet', 'Anthropic', 'investment', 1.5, NULL, 'Google invested ~$3bn in Anthropic (2023-2025 press), annualised 1.5/yr (estimate)'),
('Microsoft', 'Anthropic', 'investment', 5.0, NULL, 'Microsoft committed up to $5bn to Anthropic (Nov 2025 announcement); estimate: paid within a year'),
('Nvidia', 'Anthropic', 'investment', 10.0, NULL, 'Nvidia committed up to $10bn to Anthropic (Nov 2025 announcement); estimate: paid within a year'),
('Venture funds', 'Anthropic', 'investment', 16.5, NULL, 'Anthropic Series E $3.5bn (Mar 2025) + Series F $13bn (Sept 2025), press'),
-- financing of the build-out
('AI lenders', 'Oracle', 'loan', 30.0, NULL,
 'seed F03/F04: free cash flow -23.7 and debt rising to 129.5, so Oracle borrows; estimate: 30/yr of new debt (it sold $18bn of bonds in Sept 2025, press)'),
('AI lenders', 'CoreWeave', 'loan', 12.0, NULL,
 'estimate: CoreWeave''s 2025 borrowing (delayed-draw term loans secured on GPUs and contracts, $2bn and $1.75bn senior notes; 8-Ks 2025); seed: CoreWeave''s overwhelming debt pile'),
('AI lenders', 'DC builders', 'loan', 25.0, NULL,
 'estimate: project loans for AI datacentres (e.g. ~$38bn for Vantage''s Oracle sites, ~$9.6bn for Crusoe''s Abilene Stargate site, press 2025), 25/yr'),
('AI lenders', 'Nebius', 'loan', 4.2, NULL, 'Nebius convertible notes ($1bn June 2025 + ~$3.2bn Sept 2025, press)'),
('AI lenders', 'SoftBank', 'loan', 23.5, NULL,
 'SoftBank''s $15bn bridge loan for the OpenAI investment (press, 2025) + ~$8.5bn margin loan on its Arm shares (estimate of the new borrowing); seed: SoftBank fulfils its commitments by taking on debt'),
('SoftBank', 'DC builders', 'investment', 3.0, NULL, 'estimate: SoftBank''s equity in Stargate sites (SoftBank, OpenAI, Oracle and MGX announced Stargate in Jan 2025)');

-- --------------------------------------------------------------------- claims
INSERT INTO claims (creditor, debtor, kind, amount, source) VALUES
('AI lenders', 'Oracle', 'bond', 129.5, 'seed F04: Oracle''s $129.5bn outstanding debt (end of May)'),
('AI lenders', 'CoreWeave', 'loan', 14.0, 'CoreWeave debt ~14 (10-Q Q3 2025, approx.); seed: CoreWeave''s toxic debt pile'),
('AI lenders', 'DC builders', 'loan', 45.0, 'estimate: project loans outstanding (see the DC builders row)'),
('AI lenders', 'Nebius', 'bond', 4.2, 'Nebius convertible notes, 2025 (press)'),
('AI lenders', 'SoftBank', 'loan', 23.5, 'SoftBank bridge loan $15bn + margin loan ~8.5 (see the flow)'),
('Oracle', 'OpenAI', 'receivable', 5.9, 'estimate: a quarter of the 23.5/yr billed to OpenAI (seed F07)'),
('CoreWeave', 'OpenAI', 'receivable', 0.2, 'estimate: a quarter of OpenAI''s direct 0.9/yr'),
('CoreWeave', 'Microsoft', 'receivable', 0.7, 'estimate: a quarter of Microsoft''s 2.9/yr (seed F31)'),
('Microsoft', 'OpenAI', 'equity_stake', 13.0, 'seed F11: Microsoft invested $13bn in OpenAI'),
('SoftBank', 'OpenAI', 'equity_stake', 32.2, 'SoftBank''s $30bn in the 2025 round + ~$2.2bn in Oct 2024 (press)'),
('Venture funds', 'OpenAI', 'equity_stake', 10.0, 'the rest of OpenAI''s 2025 round (press)'),
('Nvidia', 'OpenAI', 'equity_stake', 10.0, 'first $10bn under the Nvidia-OpenAI letter of intent (Sept 2025), estimate'),
('Amazon', 'Anthropic', 'equity_stake', 8.0, 'Amazon invested $8bn in Anthropic (press 2023-2024)'),
('Alphabet', 'Anthropic', 'equity_stake', 3.0, 'Google invested ~$3bn in Anthropic (press)'),
('Microsoft', 'Anthropic', 'equity_stake', 5.0, 'Microsoft up to $5bn (Nov 2025)'),
('Nvidia', 'Anthropic', 'equity_stake', 10.0, 'Nvidia up to $10bn (Nov 2025)'),
('Venture funds', 'Anthropic', 'equity_stake', 16.5, 'Anthropic Series E + F, 2025 (press)'),
('Nvidia', 'CoreWeave', 'equity_stake', 3.0, 'estimate: Nvidia''s ~7% of CoreWeave (S-1, 2025) at book-ish value'),
('SoftBank', 'DC builders', 'equity_stake', 3.0, 'estimate: SoftBank''s Stargate equity (see the flow)');

COMMIT;
