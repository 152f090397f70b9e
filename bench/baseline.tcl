# baseline.tcl: the liquidity cascade of the model (README "The model",
# cascade_shock's defaults) in plain SQL, as an analyst without the extension
# would write it: temp tables, and per round a few INSERTs of GROUP BY joins,
# driven from Tcl. make bench times it against cascade_shock and checks that
# both give every company the same status.
#
#   source bench/baseline.tcl
#   sql_cascade db 30 $deadline_ms   ;# -> {rounds N converged 0|1}
#
# The spenders are the companies of kind 'hyperscaler', recovery 0.4,
# pass-through 1, at most 1000 rounds. Companies get integer ids, so the
# joins of every round are on integers. The result is left in the temp
# table sql_result(company, status, round, revenue_lost). Raises an error
# "interrupted" once [clock milliseconds] passes deadline_ms.

namespace eval baseline {
  variable recovery 0.4
  variable passthrough 1.0
  variable max_rounds 1000
  variable tolerance 1e-12
}

# Temp tables: companies with their fixed figures and state, flows and
# claims by id, and the figures of the round being computed.
proc baseline::setup {db pct} {
  $db eval {
    DROP TABLE IF EXISTS temp.inflow;  DROP TABLE IF EXISTS temp.outflow;
    DROP TABLE IF EXISTS temp.co;      DROP TABLE IF EXISTS temp.fl;
    DROP TABLE IF EXISTS temp.cl;      DROP TABLE IF EXISTS temp.loss;
    DROP TABLE IF EXISTS temp.credit;  DROP TABLE IF EXISTS temp.nxt;
    DROP TABLE IF EXISTS temp.sql_result;
    CREATE TEMP TABLE inflow AS
      SELECT payee AS name,
             total(CASE WHEN lower(kind) IN ('investment', 'loan') THEN 0 ELSE amount END) AS revenue,
             total(CASE WHEN lower(kind) IN ('investment', 'loan') THEN amount ELSE 0 END) AS financing
      FROM flows GROUP BY payee;
    CREATE TEMP TABLE outflow AS SELECT payer AS name, total(amount) AS paid FROM flows GROUP BY payer;
    CREATE TEMP TABLE co(id INTEGER PRIMARY KEY, name TEXT UNIQUE, spender_cut REAL,
                         liquidity REAL, income REAL, outflow REAL, margin REAL,
                         equity REAL, cut REAL, defaulted INTEGER, round INTEGER);
    INSERT INTO co(name, spender_cut, liquidity, income, outflow, margin, equity, cut, defaulted)
      SELECT c.name, s.cut,
             ifnull(c.cash, 0) + ifnull(c.operating_cf, 0) - ifnull(c.capex, 0)
               - ifnull(c.debt_service, 0) + ifnull(i.financing, 0),
             ifnull(c.revenue, ifnull(i.revenue, 0)) + ifnull(i.financing, 0),
             ifnull(o.paid, 0), ifnull(c.margin, 1), c.equity, s.cut, 0
      FROM companies c
      JOIN (SELECT name, CASE WHEN lower(kind) = 'hyperscaler' THEN $pct / 100.0 ELSE 0 END AS cut
            FROM companies) s ON s.name = c.name
      LEFT JOIN inflow i ON i.name = c.name
      LEFT JOIN outflow o ON o.name = c.name;
    CREATE TEMP TABLE fl AS
      SELECT p.id AS payer, e.id AS payee, b.id AS behalf, f.amount AS amount,
             lower(f.kind) IN ('investment', 'loan') AS financing
      FROM flows f JOIN co p ON p.name = f.payer JOIN co e ON e.name = f.payee
      LEFT JOIN co b ON b.name = f.on_behalf_of;
    CREATE TEMP TABLE cl AS
      SELECT cr.id AS creditor, de.id AS debtor, k.amount AS amount
      FROM claims k JOIN co cr ON cr.name = k.creditor JOIN co de ON de.name = k.debtor;
    CREATE TEMP TABLE loss(id INTEGER PRIMARY KEY, revenue_lost REAL, financing_lost REAL);
    CREATE TEMP TABLE credit(id INTEGER PRIMARY KEY, amount REAL);
    CREATE TEMP TABLE nxt(id INTEGER PRIMARY KEY, cut REAL, defaulted INTEGER,
                          revenue_lost REAL, financing_lost REAL, credit_loss REAL);
  }
}

# One round from the state in co: the new state and figures into nxt.
# Returns {largest change of a cut} {number of new defaults}.
proc baseline::round {db} {
  variable recovery
  variable passthrough
  $db eval {
    DELETE FROM loss;
    INSERT INTO loss(id, revenue_lost, financing_lost)
      SELECT payee, total(CASE WHEN financing THEN 0 ELSE y * amount END),
                    total(CASE WHEN financing THEN y * amount ELSE 0 END)
      FROM (SELECT f.payee, f.financing, f.amount, max(p.cut, ifnull(b.cut, 0)) AS y
            FROM fl f JOIN co p ON p.id = f.payer LEFT JOIN co b ON b.id = f.behalf)
      GROUP BY payee;
    DELETE FROM credit;
    INSERT INTO credit(id, amount)
      SELECT k.creditor, total(k.amount) FROM cl k JOIN co d ON d.id = k.debtor
      WHERE d.defaulted GROUP BY k.creditor;
    DELETE FROM nxt;
    INSERT INTO nxt(id, cut, defaulted, revenue_lost, financing_lost, credit_loss)
      WITH lost AS (
        SELECT co.*, ifnull(l.revenue_lost, 0) AS rl, ifnull(l.financing_lost, 0) AS fl,
               ifnull(c.amount, 0) * (1 - $recovery) AS ca
        FROM co LEFT JOIN loss l ON l.id = co.id LEFT JOIN credit c ON c.id = co.id),
      judged AS (
        SELECT *, defaulted OR liquidity - margin * rl - fl + cut * outflow < 0
                  OR (equity IS NOT NULL AND equity - margin * rl - ca < 0) AS d,
               CASE WHEN income <= 0 THEN $passthrough * (rl + fl) > 0
                    ELSE min(1.0, $passthrough * (rl + fl) / income) END AS passed
        FROM lost)
      SELECT id, CASE WHEN d THEN 1.0 ELSE max(spender_cut, passed) END, d, rl, fl, ca
      FROM judged;
  }
  return [$db eval {
    SELECT max(abs(n.cut - c.cut)), total(n.defaulted <> c.defaulted)
    FROM nxt n JOIN co c ON c.id = n.id
  }]
}

proc baseline::advance {db round} {
  $db eval {
    UPDATE co SET round = CASE WHEN n.defaulted AND NOT co.defaulted THEN $round ELSE co.round END,
                  cut = n.cut, defaulted = n.defaulted
    FROM nxt n WHERE n.id = co.id
  }
}

proc baseline::result {db} {
  $db eval {
    CREATE TEMP TABLE sql_result AS
      SELECT co.name AS company,
             CASE WHEN co.defaulted THEN 'default'
                  WHEN n.revenue_lost + n.financing_lost + n.credit_loss > 0 THEN 'stressed'
                  ELSE 'ok' END AS status,
             co.round AS round, n.revenue_lost AS revenue_lost
      FROM co JOIN nxt n ON n.id = co.id
  }
}

# The progress handler: 1 (interrupt) once past the deadline.
proc baseline::past {deadline_ms} {
  expr {[clock milliseconds] > $deadline_ms}
}

proc sql_cascade {db pct deadline_ms} {
  $db progress 10000 [list baseline::past $deadline_ms]
  try {
    baseline::setup $db $pct
    set converged 0
    for {set round 1} {$round <= $baseline::max_rounds} {incr round} {
      lassign [baseline::round $db] largest_move new_defaults
      baseline::advance $db $round
      if {$new_defaults == 0 && $largest_move < $baseline::tolerance} {
        set converged 1
        break
      }
    }
    baseline::result $db
  } finally {
    $db progress 0 {}
  }
  return [list rounds [expr {min($round, $baseline::max_rounds)}] converged $converged]
}
