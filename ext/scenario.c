/*
** scenario.c: builds the cascade's parameters from spenders and options.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <float.h>
#include <string.h>
#include "carve.h"
#include "scenario.h"

int scenario_pct(const char *fn, sqlite3_value *value, double *pct, char **errmsg) {
  return arg_number(fn, "pct", value, 0, 100, pct, errmsg);
}

static void lay_out(Scenario *s, Carving *carving, size_t n) {
  s->spender_cut = carve(carving, n, sizeof(double));
  s->spender = carve(carving, n, 1);
  s->failed = carve(carving, n, 1);
}

static int alloc_arrays(Scenario *s) {
  size_t n = (size_t)(s->net->n_companies > 0 ? s->net->n_companies : 1);
  Carving carving = CARVING_INIT;
  lay_out(s, &carving, n);
  if (carving_alloc(&carving) != SQLITE_OK) return SQLITE_NOMEM;
  lay_out(s, &carving, n);
  return SQLITE_OK;
}

int scenario_open(Connection *conn, const char *fn, sqlite3_value *spenders,
                  sqlite3_value *options, Scenario *s, char **errmsg) {
  Options opts;
  TableNames names;
  int rc;
  memset(s, 0, sizeof(*s));
  rc = options_parse(conn, fn, options, OPTIONS_CASCADE, &opts, errmsg);
  if (rc != SQLITE_OK) return rc;
  options_tables(&opts, &names);
  rc = connection_network(conn, fn, &names, &s->net, errmsg);
  if (rc == SQLITE_OK) rc = alloc_arrays(s);
  if (rc == SQLITE_OK) {
    rc = select_companies(conn->db, fn, "spenders", arg_text(spenders),
                          DEFAULT_SPENDER_KIND, s->net, s->spender, errmsg);
  }
  if (rc == SQLITE_OK) {
    rc = select_companies(conn->db, fn, "option fail", opts.text[OPT_FAIL], NULL,
                          s->net, s->failed, errmsg);
  }
  s->params.spender_cut = s->spender_cut;
  s->params.failed = s->failed;
  s->params.recovery = option_number(&opts, OPT_RECOVERY, DEFAULT_RECOVERY);
  s->params.passthrough = option_number(&opts, OPT_PASSTHROUGH, DEFAULT_PASSTHROUGH);
  s->params.max_rounds = (int)option_number(&opts, OPT_MAX_ROUNDS, DEFAULT_MAX_ROUNDS);
  interrupt_begin(&s->interrupt, conn->db);
  s->params.stop = &s->interrupt.stop;
  options_free(&opts);
  if (rc != SQLITE_OK) scenario_close(s);
  return rc;
}

void scenario_spender_cuts(const Scenario *s, double pct, double *cuts) {
  int j;
  for (j = 0; j < s->net->n_companies; j++) cuts[j] = s->spender[j] ? pct / 100.0 : 0;
}

void scenario_set_pct(Scenario *s, double pct) {
  scenario_spender_cuts(s, pct, s->spender_cut);
}

void scenario_computed(Scenario *s) {
  interrupt_end(&s->interrupt);
  s->params.stop = NULL;
}

void scenario_close(Scenario *s) {
  interrupt_end(&s->interrupt);
  sqlite3_free(s->spender_cut);
  network_release(s->net);
  memset(s, 0, sizeof(*s));
}

char *scenario_unbounded_message(const char *fn, const Network *net, int company) {
  return error_message(fn, "the figures of '%q' are too large for a double: its liquidity,"
                       " inflows, outflows, equity and claims add up to more than %.3g",
                       net->name[company], DBL_MAX / 2);
}
