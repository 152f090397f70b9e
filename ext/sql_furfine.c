/*
** sql_furfine.c: the table-valued function furfine (furfine.h).
**
**   SELECT * FROM furfine(failed [, options]);
**
** failed   the companies that fail at the start: a name, a kind or a JSON
**          array of names (NULL: none; companies with equity below 0 fail
**          at the start anyway)
** options  JSON object: recovery, the share of a claim on a defaulter that
**          its creditor recovers, in [0, 1] (default 0), and the input
**          tables companies and claims
** One row per company, in the order of the companies table: the round it
** defaulted in (0 for the failed set; NULL for survivors), whether it
** defaulted, its loss (1 - recovery) x its claims on defaulters, and its
** equity after that loss (NULL without equity: no solvency test).
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include "furfine.h"
#include "sql_contagion.h"
#include "sql_functions.h"
#include "tvf.h"

#define FN "furfine"
#define OPTIONS_FURFINE (OPTIONS_CLAIM_TABLES | OPTION_BIT(OPT_RECOVERY))

enum { COL_COMPANY, COL_ROUND, COL_DEFAULTED, COL_LOSS, COL_EQUITY_AFTER, N_COLUMNS };

static void fill_row(ResultTable *out, const Network *net, const Furfine *f, int i) {
  Cell *row = result_cell(out, i, 0);
  cell_text(&row[COL_COMPANY], net->name[i]);
  if (f->default_round[i] >= 0) cell_integer(&row[COL_ROUND], f->default_round[i]);
  cell_integer(&row[COL_DEFAULTED], f->default_round[i] >= 0);
  cell_real(&row[COL_LOSS], f->loss[i]);
  if (net->has_equity[i]) cell_real(&row[COL_EQUITY_AFTER], net->equity[i] - f->loss[i]);
}

static int run(ContagionInput *in, const unsigned char *failed, ResultTable *out) {
  int n = in->net->n_companies, i, rc;
  Furfine *f = furfine_new(n);
  if (f == NULL) return SQLITE_NOMEM;
  furfine_run(f, in->net, in->claims, failed, option_number(&in->options, OPT_RECOVERY, 0));
  rc = result_table_init(out, n, N_COLUMNS, in->net);
  for (i = 0; rc == SQLITE_OK && i < n; i++) fill_row(out, in->net, f, i);
  furfine_free(f);
  return rc;
}

static int furfine_compute(Connection *conn, sqlite3_value **args, ResultTable *out,
                           char **errmsg) {
  ContagionInput in;
  unsigned char *failed;
  int rc = contagion_open(conn, FN, args[1], OPTIONS_FURFINE, &in, errmsg);
  if (rc != SQLITE_OK) return rc;
  failed = sqlite3_malloc64((size_t)in.net->n_companies + 1);
  rc = failed ? select_companies(conn->db, FN, "failed", arg_text(args[0]), NULL, in.net,
                                 failed, errmsg)
              : SQLITE_NOMEM;
  if (rc == SQLITE_OK) rc = run(&in, failed, out);
  sqlite3_free(failed);
  contagion_close(&in);
  return rc;
}

static const TvfSpec furfine_spec = {
  FN,
  "CREATE TABLE x(company TEXT, round INTEGER, defaulted INTEGER, loss REAL,"
  " equity_after REAL, failed HIDDEN, options HIDDEN)",
  N_COLUMNS, 2, 1,
  { "failed", "options", NULL, NULL },
  "furfine('OpenAI') or furfine(failed [, options])",
  furfine_compute,
  1
};

int register_furfine(sqlite3 *db, Connection *conn) {
  return tvf_register(db, &furfine_spec, conn);
}
