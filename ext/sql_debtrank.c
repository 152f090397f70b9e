/*
** sql_debtrank.c: the table-valued function debtrank (debtrank.h).
**
**   SELECT * FROM debtrank(shock [, options]);
**
** shock    the initial stress h(0): a JSON object {"name": h0, ...} with
**          each h0 in [0, 1] (others 0), or a company's name, a kind or a
**          JSON array of names (each h0 = 1)
** options  JSON object: method 'battiston' (default; Battiston et al. 2012)
**          or 'linear' (Bardoscia et al. 2015); weights, the value weights
**          v: a numeric column of companies or a JSON object {"name": v}
**          (default: equity, below 0 or NULL counting 0), normalized to sum
**          1 (all 0 stays 0); and the input tables companies and claims
** One row per company, in the order of the companies table: its stress
** h(0) and h at the end, the equity that stress stands for (h E; NULL
** without equity), whether h reached 1 and in which round, the round it
** was first stressed, its weight v. The DebtRank of the shock is
**   SELECT sum(weight * stress) - sum(weight * stress_initial) FROM debtrank(...)
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <float.h>
#include <math.h>
#include <string.h>
#include "debtrank.h"
#include "loader.h"
#include "sql_contagion.h"
#include "sql_functions.h"
#include "tvf.h"

#define FN "debtrank"
#define OPTIONS_DEBTRANK (OPTIONS_CLAIM_TABLES | OPTION_BIT(OPT_METHOD) | OPTION_BIT(OPT_WEIGHTS))

enum {
  COL_COMPANY, COL_STRESS_INITIAL, COL_STRESS, COL_EQUITY_LOSS, COL_DEFAULTED, COL_ROUND,
  COL_DISTRESS_ROUND, COL_WEIGHT, N_COLUMNS
};

static int parse_method(const Options *options, DebtRankMethod *method, char **errmsg) {
  const char *text = options->text[OPT_METHOD];
  *method = DEBTRANK_BATTISTON;
  if (text == NULL || strcmp(text, "battiston") == 0) return SQLITE_OK;
  if (strcmp(text, "linear") == 0) {
    *method = DEBTRANK_LINEAR;
    return SQLITE_OK;
  }
  *errmsg = error_message(FN, "option method must be 'battiston' or 'linear', got '%q'", text);
  return SQLITE_ERROR;
}

/* Whether a name is one SQLite reads as the rowid when no column has it. */
static int is_rowid_alias(const char *name) {
  return sqlite3_stricmp(name, "rowid") == 0 || sqlite3_stricmp(name, "oid") == 0 ||
         sqlite3_stricmp(name, "_rowid_") == 0;
}

/* Prepares the read of the companies table's name column (0) and weights
** column (1). */
static int open_weights(sqlite3 *db, const char *table, const char *column,
                        sqlite3_stmt **stmt, char **errmsg) {
  const char *columns[] = { "name", column, NULL };
  const char *missing;
  int rc;
  if (is_rowid_alias(column)) {
    *errmsg = error_message(FN, "option weights: must name a column of table %s, not its rowid,"
                            " got '%q'", table, column);
    return SQLITE_ERROR;
  }
  rc = select_columns(db, table, columns, stmt);
  if (rc == SQLITE_OK || rc == SQLITE_NOMEM) return rc;
  if ((missing = missing_column(db, table, columns)) != NULL) {
    *errmsg = error_message(FN, "option weights: table %s has no column '%q'", table, missing);
  } else {
    *errmsg = error_message(FN, "option weights: cannot read table %s: %s", table,
                            sqlite3_errmsg(db));
  }
  return rc;
}

/* Reads weights[] from a column of the companies table: NULL counts 0. */
static int column_weights(sqlite3 *db, const Options *options, const char *column,
                          const Network *net, double *weights, char **errmsg) {
  const char *table = options->text[OPT_COMPANIES] ? options->text[OPT_COMPANIES] : "companies";
  sqlite3_stmt *stmt = NULL;
  int rc = open_weights(db, table, column, &stmt, errmsg);
  int step = SQLITE_DONE;
  while (rc == SQLITE_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(stmt, 0);
    int company = name ? network_find(net, name) : NO_COMPANY;
    int type = sqlite3_column_type(stmt, 1), ok = 1;
    double value = sqlite3_column_double(stmt, 1);
    if (company == NO_COMPANY || type == SQLITE_NULL) continue;
    if (type == SQLITE_TEXT) {
      if ((rc = text_column_number(stmt, 1, &value, &ok)) != SQLITE_OK) {
        break;
      }
    } else if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) {
      ok = 0;
    }
    if (!ok || !(value >= 0 && value <= DBL_MAX)) {
      const char *text = (const char *)sqlite3_column_text(stmt, 1);
      if (text == NULL) {
        rc = SQLITE_NOMEM;
        break;
      }
      *errmsg = error_message(FN, "option weights: %s.%s of '%q' must be a number >= 0, got '%q'%s",
                              table, column, net->name[company], text,
                              strlen(text) < (size_t)sqlite3_column_bytes(stmt, 1)
                                  ? " (a NUL byte inside)" : "");
      rc = *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
    } else {
      weights[company] = value + 0.0;   /* -0 is 0: no result shows a -0 */
    }
  }
  if (rc == SQLITE_OK && step != SQLITE_DONE && (rc = sqlite3_errcode(db)) != SQLITE_NOMEM &&
      rc != SQLITE_INTERRUPT) {
    *errmsg = error_message(FN, "option weights: cannot read table %s: %s", table,
                            sqlite3_errmsg(db));
  }
  sqlite3_finalize(stmt);
  return rc;
}

/* Scales weights[n] (finite, >= 0) to sum 1, unless all are 0; when their
** sum overflows, they are first divided by the largest. */
static void normalize(double *weights, int n) {
  double sum = 0, largest = 0;
  int i;
  for (i = 0; i < n; i++) sum += weights[i];
  if (isinf(sum)) {
    for (i = 0; i < n; i++) largest = weights[i] > largest ? weights[i] : largest;
    for (i = 0, sum = 0; i < n; i++) sum += weights[i] /= largest;
  }
  for (i = 0; sum > 0 && i < n; i++) weights[i] /= sum;
}

/* The value weights v, normalized to sum 1 (or all 0). */
static int value_weights(sqlite3 *db, const Options *options, const Network *net,
                         double *weights, char **errmsg) {
  const char *given = options->text[OPT_WEIGHTS];
  int i, rc = SQLITE_OK;
  for (i = 0; i < net->n_companies; i++) weights[i] = 0;
  if (given == NULL) {
    for (i = 0; i < net->n_companies; i++) {
      if (net->has_equity[i] && net->equity[i] > 0) weights[i] = net->equity[i];
    }
  } else if (given[0] == '{') {
    rc = company_numbers(db, FN, "weights", given, 0, DBL_MAX, net, weights, errmsg);
  } else {
    rc = column_weights(db, options, given, net, weights, errmsg);
  }
  if (rc == SQLITE_OK) normalize(weights, net->n_companies);
  return rc;
}

static void fill_row(ResultTable *out, const Network *net, const DebtRank *d,
                     const double *shock, const double *weights, int i) {
  Cell *row = result_cell(out, i, 0);
  cell_text(&row[COL_COMPANY], net->name[i]);
  cell_real(&row[COL_STRESS_INITIAL], shock[i]);
  cell_real(&row[COL_STRESS], d->stress[i]);
  if (net->has_equity[i]) {
    cell_real(&row[COL_EQUITY_LOSS], net->equity[i] > 0 ? d->stress[i] * net->equity[i] : 0);
  }
  cell_integer(&row[COL_DEFAULTED], d->stress[i] >= 1);
  if (d->default_round[i] >= 0) cell_integer(&row[COL_ROUND], d->default_round[i]);
  if (d->distress_round[i] >= 0) cell_integer(&row[COL_DISTRESS_ROUND], d->distress_round[i]);
  cell_real(&row[COL_WEIGHT], weights[i]);
}

/* Runs the model and fills out; shock and weights are [n] each. */
static int run(ContagionInput *in, DebtRankMethod method, const double *shock,
               const double *weights, ResultTable *out, char **errmsg) {
  const Network *net = in->net;
  int n = net->n_companies, i, rc;
  int max_rounds = method == DEBTRANK_BATTISTON ? n + 1 : DEBTRANK_MAX_ROUNDS + n;
  DebtRank *d = debtrank_new(n);
  if (d == NULL) return SQLITE_NOMEM;
  rc = debtrank_run(d, net, in->claims, method, shock, max_rounds, &in->interrupt.stop);
  if (rc == SQLITE_OK && !d->converged) {
    *errmsg = error_message(FN, "linear DebtRank did not converge in %d rounds", max_rounds);
    rc = SQLITE_ERROR;
  } else if (rc == SQLITE_OK) {
    rc = result_table_init(out, n, N_COLUMNS, in->net);
    for (i = 0; rc == SQLITE_OK && i < n; i++) fill_row(out, net, d, shock, weights, i);
  }
  debtrank_free(d);
  return rc;
}

static int debtrank_compute(Connection *conn, sqlite3_value **args, ResultTable *out,
                            char **errmsg) {
  ContagionInput in;
  DebtRankMethod method;
  double *shock = NULL;
  int rc = contagion_open(conn, FN, args[1], OPTIONS_DEBTRANK, &in, errmsg);
  if (rc != SQLITE_OK) return rc;
  rc = parse_method(&in.options, &method, errmsg);
  if (rc == SQLITE_OK) {
    shock = sqlite3_malloc64(2 * (size_t)(in.net->n_companies + 1) * sizeof(double));
    if (shock == NULL) rc = SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK) {
    rc = company_numbers(conn->db, FN, "shock", arg_text(args[0]), 0, 1, in.net, shock, errmsg);
  }
  if (rc == SQLITE_OK) {
    rc = value_weights(conn->db, &in.options, in.net, shock + in.net->n_companies + 1, errmsg);
  }
  if (rc == SQLITE_OK) rc = run(&in, method, shock, shock + in.net->n_companies + 1, out, errmsg);
  sqlite3_free(shock);
  contagion_close(&in);
  return rc;
}

static const TvfSpec debtrank_spec = {
  FN,
  "CREATE TABLE x(company TEXT, stress_initial REAL, stress REAL, equity_loss REAL,"
  " defaulted INTEGER, round INTEGER, distress_round INTEGER, weight REAL,"
  " shock HIDDEN, options HIDDEN)",
  N_COLUMNS, 2, 1,
  { "shock", "options", NULL, NULL },
  "debtrank('OpenAI') or debtrank(shock [, options])",
  debtrank_compute,
  1
};

int register_debtrank(sqlite3 *db, Connection *conn) {
  return tvf_register(db, &debtrank_spec, conn);
}
