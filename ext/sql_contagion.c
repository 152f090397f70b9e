/*
** sql_contagion.c: the input of the contagion models from SQL arguments.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <string.h>
#include "sql_contagion.h"

#define CLAIM_MATRIX_MEMO "claim_matrix"

/* The default claims table must exist: these models read nothing else.
** A table named in the options is checked by the loader. */
static int check_claims_table(sqlite3 *db, const char *fn, const TableNames *names,
                              char **errmsg) {
  sqlite3_stmt *stmt = NULL;
  int rc;
  if (names->claims) return SQLITE_OK;
  rc = sqlite3_prepare_v2(db, "SELECT creditor, debtor, amount FROM \"claims\"", -1, &stmt, NULL);
  sqlite3_finalize(stmt);
  if (rc == SQLITE_OK || rc == SQLITE_NOMEM) return rc;
  *errmsg = error_message(fn, "cannot read table claims (creditor, debtor, amount): %s",
                          sqlite3_errmsg(db));
  return SQLITE_ERROR;
}

/* The claim matrix memoized with net, made when new. */
static int find_claims(Network *net, const ClaimMatrix **claims) {
  ClaimMatrix *a = network_memo_get(net, CLAIM_MATRIX_MEMO);
  int rc = SQLITE_OK;
  if (a == NULL) {
    a = claim_matrix_new(net);
    rc = a ? network_memo_put(net, CLAIM_MATRIX_MEMO, a, NULL) : SQLITE_NOMEM;
  }
  *claims = rc == SQLITE_OK ? a : NULL;
  return rc;
}

int contagion_open(Connection *conn, const char *fn, sqlite3_value *options,
                   unsigned allowed, ContagionInput *in, char **errmsg) {
  TableNames names;
  int rc;
  memset(in, 0, sizeof(*in));
  interrupt_begin(&in->interrupt, conn->db);
  rc = options_parse(conn, fn, options, allowed, &in->options, errmsg);
  if (rc != SQLITE_OK) return rc;
  options_tables(&in->options, &names);
  names.without_flows = 1;
  rc = check_claims_table(conn->db, fn, &names, errmsg);
  if (rc == SQLITE_OK) rc = connection_network(conn, fn, &names, &in->net, errmsg);
  if (rc == SQLITE_OK) rc = find_claims(in->net, &in->claims);
  if (rc != SQLITE_OK) contagion_close(in);
  return rc;
}

void contagion_close(ContagionInput *in) {
  interrupt_end(&in->interrupt);
  options_free(&in->options);
  network_release(in->net);
  memset(in, 0, sizeof(*in));
}

static char *range_text(double low, double high) {
  if (high >= 1e300) return sqlite3_mprintf(">= %.15g", low);
  return sqlite3_mprintf("between %.15g and %.15g", low, high);
}

/* Checks one member of the object (json_each's key, type, atom, shown). */
static int take_number(const char *fn, const char *what, sqlite3_stmt *row, double low,
                       double high, const Network *net, double *values,
                       unsigned char *seen, char **errmsg) {
  const char *key = (const char *)sqlite3_column_text(row, 0);
  const char *shown = (const char *)sqlite3_column_text(row, 3);
  int company, ok;
  double number;
  char *range, *text;
  if (key == NULL || shown == NULL) return SQLITE_NOMEM;
  if (json_row_number(row, 1, &number, &ok) != SQLITE_OK) return SQLITE_NOMEM;
  if ((company = network_find(net, key)) == NO_COMPANY) {
    *errmsg = error_message(fn, "unknown company '%q' in %s", key, what);
    return SQLITE_ERROR;
  }
  if (seen[company]) {
    *errmsg = error_message(fn, "'%q' is given twice in %s", key, what);
    return SQLITE_ERROR;
  }
  seen[company] = 1;
  if (ok == JSON_NUMBER_MISREAD) {
    *errmsg = error_message(fn, "%s of '%q' is " JSON_MISREAD_ADVICE, what, key);
    return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (ok && isfinite(number) && number >= low && number <= high) {
    values[company] = number;
    return SQLITE_OK;
  }
  range = range_text(low, high);
  text = json_shown(row, 1, shown);
  if (range && text) {
    *errmsg = error_message(fn, "%s of '%q' must be a number %s, got %s", what, key, range, text);
  }
  sqlite3_free(range);
  sqlite3_free(text);
  return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

static int object_numbers(sqlite3 *db, const char *fn, const char *what, const char *text,
                          double low, double high, const Network *net, double *values,
                          unsigned char *seen, char **errmsg) {
  sqlite3_stmt *stmt = NULL;
  int rc, step = SQLITE_DONE;
  if (json_is_type(db, fn, text, "object", &rc, errmsg) != 1) {
    if (rc != SQLITE_OK) return rc;
    *errmsg = error_message(fn, "%s is not a valid JSON object: '%q'", what, text);
    return SQLITE_ERROR;
  }
  memset(seen, 0, (size_t)net->n_companies);
  rc = json_each_prepare(db, fn, "SELECT key, type, atom, " JSON_SHOWN " FROM json_each(?1)",
                         text, &stmt, errmsg);
  while (rc == SQLITE_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
    rc = take_number(fn, what, stmt, low, high, net, values, seen, errmsg);
  }
  return json_each_finish(db, fn, stmt, rc, step, errmsg);
}

int company_numbers(sqlite3 *db, const char *fn, const char *what, const char *text,
                    double low, double high, const Network *net, double *values,
                    char **errmsg) {
  size_t n = (size_t)net->n_companies;
  unsigned char *scratch;
  const char *start = text;
  int rc, i;
  for (i = 0; i < net->n_companies; i++) values[i] = 0;
  if (text == NULL) return SQLITE_OK;
  scratch = sqlite3_malloc64(n ? n : 1);
  if (scratch == NULL) return SQLITE_NOMEM;
  while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r') start++;
  if (*start == '{') {
    rc = object_numbers(db, fn, what, text, low, high, net, values, scratch, errmsg);
  } else {
    rc = select_companies(db, fn, what, text, NULL, net, scratch, errmsg);
    for (i = 0; rc == SQLITE_OK && i < net->n_companies; i++) values[i] = scratch[i];
  }
  sqlite3_free(scratch);
  return rc;
}

