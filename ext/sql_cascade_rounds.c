/*
** sql_cascade_rounds.c: the table-valued function cascade_rounds, the
** round-by-round history of cascade_shock.
**
**   SELECT * FROM cascade_rounds(pct [, spenders [, options]]);
**
** Same arguments as cascade_shock. One row per round and company, rounds
** in order and companies in the order of the companies table. Round 0 is
** the scenario before any loss: the spenders' cut, the failed set, no
** losses, cash_after the liquidity after a normal year (cash_before of
** cascade_shock) and equity_after the equity. Round t >= 1 holds what the
** cascade computed in round t: the status so far ('failed', 'default',
** 'stressed': lost something this round, 'ok'), the cut x and default
** flag d the round left, the round's losses, cash and equity, and the main
** cause of a default. The last round's rows equal cascade_shock's.
** Rows: companies x (rounds + 1).
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "scenario.h"
#include "sql_functions.h"
#include "tvf.h"

#define FN "cascade_rounds"

enum {
  COL_ROUND, COL_COMPANY, COL_STATUS, COL_CUT, COL_DEFAULTED, COL_REVENUE_LOST,
  COL_FINANCING_LOST, COL_CREDIT_LOSS, COL_CASH_AFTER, COL_EQUITY_AFTER, COL_CAUSE, N_COLUMNS
};

typedef struct History {
  ResultTable *out;
  const Scenario *scenario;
  size_t capacity;           /* rows the cells can hold */
} History;

/* Room for one more round of rows; SQLITE_NOMEM when there is none. */
static int grow(History *h) {
  ResultTable *out = h->out;
  size_t n = (size_t)h->scenario->net->n_companies, need = (size_t)out->n_rows + n;
  if (need > h->capacity) {
    size_t capacity = h->capacity * 2 > need ? h->capacity * 2 : need;
    Cell *cells = sqlite3_realloc64(out->cells, capacity * N_COLUMNS * sizeof(Cell));
    if (cells == NULL) return SQLITE_NOMEM;
    out->cells = cells;
    h->capacity = capacity;
  }
  memset(out->cells + (size_t)out->n_rows * N_COLUMNS, 0, n * N_COLUMNS * sizeof(Cell));
  out->n_rows += (int)n;
  return SQLITE_OK;
}

/* Round 0: the scenario as cascade_run starts it. */
static int add_start(History *h) {
  const Scenario *s = h->scenario;
  const Network *net = s->net;
  int j, rc = grow(h);
  for (j = 0; rc == SQLITE_OK && j < net->n_companies; j++) {
    Cell *row = result_cell(h->out, j, 0);
    int failed = s->params.failed[j];
    cell_integer(&row[COL_ROUND], 0);
    cell_text(&row[COL_COMPANY], net->name[j]);
    cell_text(&row[COL_STATUS], failed ? "failed" : "ok");
    cell_real(&row[COL_CUT], failed ? 1 : s->params.spender_cut[j]);
    cell_integer(&row[COL_DEFAULTED], failed);
    cell_real(&row[COL_REVENUE_LOST], 0);
    cell_real(&row[COL_FINANCING_LOST], 0);
    cell_real(&row[COL_CREDIT_LOSS], 0);
    cell_real(&row[COL_CASH_AFTER], net->liquidity_before[j]);
    if (net->has_equity[j]) cell_real(&row[COL_EQUITY_AFTER], net->equity[j]);
  }
  return rc;
}

/* The on_round callback: appends the rows of the round just run. */
static int add_round(void *context, const Cascade *c, int round) {
  History *h = context;
  const Scenario *s = h->scenario;
  const Network *net = s->net;
  int first = h->out->n_rows, j, rc = grow(h);
  for (j = 0; rc == SQLITE_OK && j < net->n_companies; j++) {
    Cell *row = result_cell(h->out, first + j, 0);
    cell_integer(&row[COL_ROUND], round);
    cell_text(&row[COL_COMPANY], net->name[j]);
    cell_text(&row[COL_STATUS], cascade_status_name(cascade_status(c, &s->params, j)));
    cell_real(&row[COL_CUT], c->cut[j]);
    cell_integer(&row[COL_DEFAULTED], c->defaulted[j]);
    cell_real(&row[COL_REVENUE_LOST], c->revenue_lost[j]);
    cell_real(&row[COL_FINANCING_LOST], c->financing_lost[j]);
    cell_real(&row[COL_CREDIT_LOSS], c->credit_loss[j]);
    cell_real(&row[COL_CASH_AFTER], c->cash_after[j]);
    if (net->has_equity[j]) cell_real(&row[COL_EQUITY_AFTER], c->equity_after[j]);
    cell_text(&row[COL_CAUSE], cascade_cause_name(c, net, j));
  }
  return rc;
}

static int cascade_rounds_compute(Connection *conn, sqlite3_value **args, ResultTable *out,
                                  char **errmsg) {
  Scenario s;
  Cascade *c;
  History h;
  double pct;
  int rc = scenario_pct(FN, args[0], &pct, errmsg);
  if (rc != SQLITE_OK) return rc;
  rc = scenario_open(conn, FN, args[1], args[2], &s, errmsg);
  if (rc != SQLITE_OK) return rc;
  scenario_set_pct(&s, pct);
  c = cascade_new(s.net->n_companies);
  rc = c ? result_table_init(out, 0, N_COLUMNS, s.net) : SQLITE_NOMEM;
  h.out = out;
  h.scenario = &s;
  h.capacity = 0;
  if (rc == SQLITE_OK) rc = add_start(&h);
  if (rc == SQLITE_OK) {
    s.params.on_round = add_round;
    s.params.on_round_context = &h;
    rc = cascade_run(c, s.net, &s.params);
  }
  cascade_free(c);
  scenario_close(&s);
  return rc;
}

static const TvfSpec cascade_rounds_spec = {
  FN,
  "CREATE TABLE x(round INTEGER, company TEXT, status TEXT, cut REAL, defaulted INTEGER,"
  " revenue_lost REAL, financing_lost REAL, credit_loss REAL, cash_after REAL,"
  " equity_after REAL, cause TEXT, pct HIDDEN, spenders HIDDEN, options HIDDEN)",
  N_COLUMNS, 3, 1,
  { "pct", "spenders", "options", NULL },
  "cascade_rounds(30) or cascade_rounds(pct [, spenders [, options]])",
  cascade_rounds_compute
};

int register_cascade_rounds(sqlite3 *db, Connection *conn) {
  return tvf_register(db, &cascade_rounds_spec, conn);
}
