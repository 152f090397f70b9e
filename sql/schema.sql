-- aibubble input tables: the network the model reads.
--
-- Money is in one unit chosen by the analyst; the samples use USD billions.
-- Flows are per year. A NULL number means 0 unless noted. The extension only
-- reads these tables (or any tables or views with the same columns, named in
-- the options of each function); it never writes to them.
--
-- Load into a new database with:  sqlite3 bubble.db < sql/schema.sql

-- One row per company.
CREATE TABLE IF NOT EXISTS companies (
  name         TEXT PRIMARY KEY NOT NULL,      -- unique key, used in flows and claims
  kind         TEXT NOT NULL DEFAULT 'other',  -- hyperscaler, lab, neocloud, cloud, chips,
                                               -- memory, datacenter, lender, investor, other
  revenue      REAL CHECK (revenue >= 0),      -- R, annual; NULL: sum of its revenue inflows
  operating_cf REAL,                           -- O, annual cash from operations before capex
  capex        REAL CHECK (capex >= 0),        -- K, annual capital expenditure
  cash         REAL CHECK (cash >= 0),         -- C, cash and short-term investments
  debt         REAL CHECK (debt >= 0),         -- outstanding debt
  debt_service REAL CHECK (debt_service >= 0), -- D, interest and principal due within the year
  equity       REAL,                           -- E, loss-absorbing capital; NULL: no solvency test
  margin       REAL CHECK (margin BETWEEN 0 AND 1), -- m, share of lost revenue that is lost cash; NULL: 1
  source       TEXT                            -- where the row's figures come from
);

-- Money one company pays another each year.
-- kind 'investment' and 'loan' are financing; any other kind is revenue to the payee.
CREATE TABLE IF NOT EXISTS flows (
  payer        TEXT NOT NULL REFERENCES companies(name),
  payee        TEXT NOT NULL REFERENCES companies(name),
  kind         TEXT NOT NULL DEFAULT 'compute', -- compute, hardware, construction, lease,
                                                -- services, investment, loan, ...
  amount       REAL NOT NULL CHECK (amount >= 0), -- f, per year
  on_behalf_of TEXT REFERENCES companies(name),   -- end customer, e.g. Microsoft pays
                                                  -- CoreWeave on behalf of OpenAI
  source       TEXT
);
CREATE INDEX IF NOT EXISTS flows_payer ON flows(payer);
CREATE INDEX IF NOT EXISTS flows_payee ON flows(payee);

-- Balance-sheet exposures: what the debtor owes the creditor (the creditor's asset).
CREATE TABLE IF NOT EXISTS claims (
  creditor     TEXT NOT NULL REFERENCES companies(name),
  debtor       TEXT NOT NULL REFERENCES companies(name),
  kind         TEXT NOT NULL DEFAULT 'loan',    -- loan, bond, receivable, equity_stake, ...
  amount       REAL NOT NULL CHECK (amount >= 0), -- c, outstanding
  source       TEXT
);
CREATE INDEX IF NOT EXISTS claims_creditor ON claims(creditor);
