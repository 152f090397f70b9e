/*
** sql_clearing.c: the table-valued function clearing (clearing.h).
**
**   SELECT * FROM clearing([shock [, options]]);
**
** shock    NULL (none), a JSON object {"name": s, ...}: the share s in
**          [0, 1] of its external assets (cash) each company loses, or a
**          company's name, a kind or a JSON array of names (s = 1)
** options  JSON object: alpha and beta in [0, 1] (default 1, 1: Eisenberg-
**          Noe; below 1: Rogers-Veraart default costs on external and on
**          interbank assets), and the input tables companies and claims
** One row per company, in the order of the companies table: what it owes
** (obligation pbar = max(debt, its claims owed in the network)), what it
** pays (payment p) and the share paid (recovery_rate; NULL when it owes
** nothing), whether it defaults and in which round of the fictitious
** default algorithm, its equity after clearing e + r - pbar (negative for
** a defaulter: its shortfall), its external assets e after the shock, its
** external liabilities x = max(0, debt - claims owed), and r, what it
** receives from its debtors. External creditors are paid pro rata with
** the claims.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include "clearing.h"
#include "sql_contagion.h"
#include "sql_functions.h"
#include "tvf.h"

#define FN "clearing"
#define OPTIONS_CLEARING (OPTIONS_CLAIM_TABLES | OPTION_BIT(OPT_ALPHA) | OPTION_BIT(OPT_BETA))

enum {
  COL_COMPANY, COL_OBLIGATION, COL_PAYMENT, COL_RECOVERY_RATE, COL_DEFAULTED, COL_EQUITY,
  COL_ROUND, COL_EXTERNAL_ASSETS, COL_EXTERNAL_LIABILITIES, COL_RECEIVED, N_COLUMNS
};

static void fill_row(ResultTable *out, const Network *net, const Clearing *c, int i) {
  Cell *row = result_cell(out, i, 0);
  double pbar = c->obligation[i];
  cell_text(&row[COL_COMPANY], net->name[i]);
  cell_real(&row[COL_OBLIGATION], pbar);
  cell_real(&row[COL_PAYMENT], c->payment[i]);
  if (pbar > 0) cell_real(&row[COL_RECOVERY_RATE], c->payment[i] / pbar);
  cell_integer(&row[COL_DEFAULTED], c->default_round[i] >= 0);
  cell_real(&row[COL_EQUITY], clearing_equity(c, i));
  if (c->default_round[i] >= 0) cell_integer(&row[COL_ROUND], c->default_round[i]);
  cell_real(&row[COL_EXTERNAL_ASSETS], c->external_assets[i]);
  cell_real(&row[COL_EXTERNAL_LIABILITIES], c->external_liabilities[i]);
  cell_real(&row[COL_RECEIVED], c->received[i]);
}

static int run(ContagionInput *in, const ClearingParams *params, ResultTable *out,
               char **errmsg) {
  int n = in->net->n_companies, i, rc;
  Clearing *c = clearing_new(n);
  if (c == NULL) return SQLITE_NOMEM;
  rc = clearing_run(c, in->net, in->claims, params);
  if (rc == SQLITE_OK && !c->converged) {
    *errmsg = error_message(FN, "the payments of a cycle of %d defaulters did not"
                            " converge in %d sweeps", c->unsettled_size, c->unsettled_sweeps);
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK) rc = result_table_init(out, n, N_COLUMNS, in->net);
  for (i = 0; rc == SQLITE_OK && i < n; i++) fill_row(out, in->net, c, i);
  clearing_free(c);
  return rc;
}

static int clearing_compute(Connection *conn, sqlite3_value **args, ResultTable *out,
                            char **errmsg) {
  ContagionInput in;
  ClearingParams params;
  double *shock;
  int rc = contagion_open(conn, FN, args[1], OPTIONS_CLEARING, &in, errmsg);
  if (rc != SQLITE_OK) return rc;
  shock = sqlite3_malloc64((size_t)(in.net->n_companies + 1) * sizeof(double));
  rc = shock ? company_numbers(conn->db, FN, "shock", arg_text(args[0]), 0, 1, in.net,
                               shock, errmsg)
             : SQLITE_NOMEM;
  params.shock = shock;
  params.alpha = option_number(&in.options, OPT_ALPHA, 1);
  params.beta = option_number(&in.options, OPT_BETA, 1);
  params.stop = &in.interrupt.stop;
  if (rc == SQLITE_OK) rc = run(&in, &params, out, errmsg);
  sqlite3_free(shock);
  contagion_close(&in);
  return rc;
}

static const TvfSpec clearing_spec = {
  FN,
  "CREATE TABLE x(company TEXT, obligation REAL, payment REAL, recovery_rate REAL,"
  " defaulted INTEGER, equity REAL, round INTEGER, external_assets REAL,"
  " external_liabilities REAL, received REAL, shock HIDDEN, options HIDDEN)",
  N_COLUMNS, 2, 0,
  { "shock", "options", NULL, NULL },
  "clearing() or clearing(shock [, options])",
  clearing_compute,
  1
};

int register_clearing(sqlite3 *db, Connection *conn) {
  return tvf_register(db, &clearing_spec, conn);
}
