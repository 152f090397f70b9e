/*
** sql_cascade.c: the table-valued function cascade_shock.
**
**   SELECT * FROM cascade_shock(pct [, spenders [, options]]);
**
** pct        share (0..100) of their outflows that the spenders cut
** spenders   NULL (every company of kind 'hyperscaler'), a company, a kind,
**            or a JSON array of names
** options    JSON object: recovery (0.4), passthrough (1), fail (names
**            that fail outright), max_rounds (1000), and the input tables
**            companies, flows, claims
** One row per company, in the order of the companies table: its status
** ('failed', 'default', 'stressed' or 'ok'), the round it defaulted in, its
** losses and liquidity, its own cut, the main cause of its default, and the
** rounds run and whether the cascade converged.
** Cascades come from the memo of cascade_memo.h: a repeated call reads the
** one already run, and a sweep through pcts runs ahead.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <string.h>
#include "cascade_memo.h"
#include "sql_functions.h"
#include "tvf.h"

#define FN "cascade_shock"

enum {
  COL_COMPANY, COL_KIND, COL_STATUS, COL_ROUND, COL_REVENUE, COL_REVENUE_LOST,
  COL_LOST_SHARE, COL_FINANCING_LOST, COL_CREDIT_LOSS, COL_SAVED, COL_CASH_BEFORE,
  COL_CASH_AFTER, COL_EQUITY_AFTER, COL_CUT, COL_CAUSE, COL_ROUNDS, COL_CONVERGED,
  N_COLUMNS
};

/* What the rows are made from: the scenario and its cascade. */
typedef struct Source {
  Scenario scenario;
  Cascade *cascade;
} Source;

static void free_source(void *p) {
  Source *source = p;
  cascade_free(source->cascade);
  scenario_close(&source->scenario);
  sqlite3_free(source);
}

/* lost_share, as the row shows it. */
static double lost_share(const Network *net, const Cascade *c, int j) {
  return net->revenue[j] > 0 ? c->revenue_lost[j] / net->revenue[j] : 0;
}

static void make_cell(void *p, int j, int column, Cell *cell) {
  const Source *source = p;
  const Scenario *s = &source->scenario;
  const Cascade *c = source->cascade;
  const Network *net = s->net;
  switch (column) {
    case COL_COMPANY: cell_text(cell, net->name[j]); break;
    case COL_KIND: cell_text(cell, net->kind[j]); break;
    case COL_STATUS: cell_text(cell, cascade_status_name(cascade_status(c, &s->params, j))); break;
    case COL_ROUND: if (c->default_round[j] >= 0) cell_integer(cell, c->default_round[j]); break;
    case COL_REVENUE: cell_real(cell, net->revenue[j]); break;
    case COL_REVENUE_LOST: cell_real(cell, c->revenue_lost[j]); break;
    case COL_LOST_SHARE: cell_real(cell, lost_share(net, c, j)); break;
    case COL_FINANCING_LOST: cell_real(cell, c->financing_lost[j]); break;
    case COL_CREDIT_LOSS: cell_real(cell, c->credit_loss[j]); break;
    case COL_SAVED: cell_real(cell, c->saved[j]); break;
    case COL_CASH_BEFORE: cell_real(cell, net->liquidity_before[j]); break;
    case COL_CASH_AFTER: cell_real(cell, c->cash_after[j]); break;
    case COL_EQUITY_AFTER: if (net->has_equity[j]) cell_real(cell, c->equity_after[j]); break;
    case COL_CUT: cell_real(cell, c->cut[j]); break;
    case COL_CAUSE: cell_text(cell, cascade_cause_name(c, net, j)); break;
    case COL_ROUNDS: cell_integer(cell, c->rounds); break;
    case COL_CONVERGED: cell_integer(cell, c->converged); break;
  }
}

/* Whether every REAL of row j is finite, read straight from the arrays. */
static int row_finite(const Source *source, int j) {
  const Network *net = source->scenario.net;
  const Cascade *c = source->cascade;
  return isfinite(net->revenue[j]) && isfinite(c->revenue_lost[j]) &&
         isfinite(lost_share(net, c, j)) && isfinite(c->financing_lost[j]) &&
         isfinite(c->credit_loss[j]) && isfinite(c->saved[j]) &&
         isfinite(net->liquidity_before[j]) && isfinite(c->cash_after[j]) &&
         isfinite(c->cut[j]) && (!net->has_equity[j] || isfinite(c->equity_after[j]));
}

static const CellSource cell_source;

/* Checks every row once per cascade: a memo's cascade, read again, is
** known to be finite. */
static int find_nonfinite(void *p, int *row, int *column) {
  const Source *source = p;
  int j;
  if (source->cascade->rows_finite) return 0;
  for (j = 0; j < source->cascade->n; j++) {
    if (row_finite(source, j)) continue;
    if (source_row_nonfinite(&cell_source, p, j, N_COLUMNS, column)) {
      *row = j;
      return 1;
    }
  }
  source->cascade->rows_finite = 1;
  return 0;
}

static const CellSource cell_source = { make_cell, find_nonfinite, free_source };

static int cascade_compute(Connection *conn, sqlite3_value **args, ResultTable *out,
                           char **errmsg) {
  Source *source;
  double pct;
  int rc = scenario_pct(FN, args[0], &pct, errmsg);
  if (rc != SQLITE_OK) return rc;
  if ((source = sqlite3_malloc64(sizeof(Source))) == NULL) return SQLITE_NOMEM;
  memset(source, 0, sizeof(*source));
  rc = scenario_open(conn, FN, args[1], args[2], &source->scenario, errmsg);
  if (rc != SQLITE_OK) {
    sqlite3_free(source);
    return rc;
  }
  rc = memo_cascade(&source->scenario, arg_text(args[1]), arg_text(args[2]), pct,
                    &source->cascade);
  scenario_computed(&source->scenario);
  if (rc != SQLITE_OK) {
    free_source(source);
    return rc;
  }
  result_table_cells(out, source->scenario.net->n_companies, N_COLUMNS, source->scenario.net,
                     &cell_source, source);
  return SQLITE_OK;
}

static const TvfSpec cascade_shock_spec = {
  FN,
  "CREATE TABLE x(company TEXT, kind TEXT, status TEXT, round INTEGER,"
  " revenue REAL, revenue_lost REAL, lost_share REAL, financing_lost REAL,"
  " credit_loss REAL, saved REAL, cash_before REAL, cash_after REAL,"
  " equity_after REAL, cut REAL, cause TEXT, rounds INTEGER, converged INTEGER,"
  " pct HIDDEN, spenders HIDDEN, options HIDDEN)",
  N_COLUMNS, 3, 1,
  { "pct", "spenders", "options", NULL },
  "cascade_shock(30) or cascade_shock(pct [, spenders [, options]])",
  cascade_compute,
  1
};

int register_cascade_shock(sqlite3 *db, Connection *conn) {
  return tvf_register(db, &cascade_shock_spec, conn);
}
