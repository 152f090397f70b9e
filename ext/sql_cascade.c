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
** The last few cascades of a network are kept (recent.h, at most
** RECENT_CASCADES and RECENT_BYTES), keyed by the arguments as given and
** the pct's value, so a repeated call (a Datasette page running a view for
** its rows, count and facets) reads the one already run.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "recent.h"
#include "scenario.h"
#include "sql_functions.h"
#include "tvf.h"

#define FN "cascade_shock"
#define RECENT_MEMO "cascade_shock:recent"
#define RECENT_CASCADES 4
#define RECENT_BYTES ((size_t)64 << 20)

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

static void make_row(void *p, int j, Cell *row) {
  const Source *source = p;
  const Scenario *s = &source->scenario;
  const Cascade *c = source->cascade;
  const Network *net = s->net;
  double revenue = net->revenue[j];
  cell_text(&row[COL_COMPANY], net->name[j]);
  cell_text(&row[COL_KIND], net->kind[j]);
  cell_text(&row[COL_STATUS], cascade_status_name(cascade_status(c, &s->params, j)));
  if (c->default_round[j] >= 0) cell_integer(&row[COL_ROUND], c->default_round[j]);
  cell_real(&row[COL_REVENUE], revenue);
  cell_real(&row[COL_REVENUE_LOST], c->revenue_lost[j]);
  cell_real(&row[COL_LOST_SHARE], revenue > 0 ? c->revenue_lost[j] / revenue : 0);
  cell_real(&row[COL_FINANCING_LOST], c->financing_lost[j]);
  cell_real(&row[COL_CREDIT_LOSS], c->credit_loss[j]);
  cell_real(&row[COL_SAVED], c->saved[j]);
  cell_real(&row[COL_CASH_BEFORE], net->liquidity_before[j]);
  cell_real(&row[COL_CASH_AFTER], c->cash_after[j]);
  if (net->has_equity[j]) cell_real(&row[COL_EQUITY_AFTER], c->equity_after[j]);
  cell_real(&row[COL_CUT], c->cut[j]);
  cell_text(&row[COL_CAUSE], cascade_cause_name(c, net, j));
  cell_integer(&row[COL_ROUNDS], c->rounds);
  cell_integer(&row[COL_CONVERGED], c->converged);
}

static void free_cascade(void *c) {
  cascade_free(c);
}

/* The memo of the network's recent cascades, made when new. */
static int recent_cascades(Network *net, Recent **recent) {
  int rc = SQLITE_OK;
  *recent = network_memo_get(net, RECENT_MEMO);
  if (*recent == NULL) {
    *recent = recent_new(RECENT_CASCADES, RECENT_BYTES);
    rc = *recent ? network_memo_put(net, RECENT_MEMO, *recent, recent_free) : SQLITE_NOMEM;
    if (rc != SQLITE_OK) *recent = NULL;
  }
  return rc;
}

/* The cascade of scenario s, from the memo or run now and kept there (a
** failure to keep it only loses the memo); *out holds a reference. */
static int run_cascade(Scenario *s, sqlite3_value **args, double pct, Cascade **out) {
  Recent *recent;
  Cascade *c;
  char *key;
  int rc = recent_cascades(s->net, &recent);
  *out = NULL;
  if (rc != SQLITE_OK) return rc;
  key = sqlite3_mprintf("%s\x1f%s\x1f%.17g", arg_text(args[1]) ? arg_text(args[1]) : "\x01",
                        arg_text(args[2]) ? arg_text(args[2]) : "\x01", pct);
  if (key == NULL) return SQLITE_NOMEM;
  if ((c = recent_get(recent, key)) != NULL) {
    *out = cascade_retain(c);
  } else if ((c = cascade_new(s->net->n_companies)) != NULL) {
    cascade_run(c, s->net, &s->params);
    *out = c;
    if (recent_put(recent, key, cascade_retain(c), sizeof(Cascade) + sqlite3_msize(c->block),
                   free_cascade) != SQLITE_OK) {
      cascade_free(c);
    }
  }
  sqlite3_free(key);
  return *out ? SQLITE_OK : SQLITE_NOMEM;
}

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
  scenario_set_pct(&source->scenario, pct);
  rc = run_cascade(&source->scenario, args, pct, &source->cascade);
  if (rc != SQLITE_OK) {
    free_source(source);
    return rc;
  }
  return result_table_rows(out, source->scenario.net->n_companies, N_COLUMNS,
                           source->scenario.net, make_row, source, free_source);
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
  cascade_compute
};

int register_cascade_shock(sqlite3 *db, Connection *conn) {
  return tvf_register(db, &cascade_shock_spec, conn);
}
