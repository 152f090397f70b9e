/*
** sql_breaking.c: the SQL function breaking_point.
**
**   breaking_point(company [, spenders [, options]])
**
** The smallest pct in {0, 0.01, ..., 100} at which company defaults (or has
** failed) under cascade_shock(pct, spenders, options); NULL if it never does.
** Defaults only grow with pct, so a bisection on the grid finds it in about
** 14 cascades. Every cascade run tells about every company: each company
** keeps a bracket (the highest grid point known safe, the lowest known in
** default), memoized with the network, so the breaking points of all
** companies of a query share their cascades.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include "scenario.h"
#include "sql_functions.h"

#define FN "breaking_point"
#define GRID_STEPS 10000   /* pct = step / 100 */
#define UNKNOWN_SAFE (-1)
#define UNKNOWN_DEFAULT (GRID_STEPS + 1)

/* safe[j] < breaking step <= in_default[j], per company. */
typedef struct Brackets {
  int *safe;
  int *in_default;
} Brackets;

static int *new_brackets(int n) {
  int *block = sqlite3_malloc64(2 * (size_t)(n > 0 ? n : 1) * sizeof(int));
  int j;
  if (block == NULL) return NULL;
  for (j = 0; j < n; j++) {
    block[j] = UNKNOWN_SAFE;
    block[n + j] = UNKNOWN_DEFAULT;
  }
  return block;
}

/* Runs the cascade at one grid step and narrows every bracket. */
static void evaluate(Scenario *s, Cascade *c, const Brackets *b, int step) {
  int j;
  scenario_set_pct(s, step / 100.0);
  cascade_run(c, s->net, &s->params);
  for (j = 0; j < s->net->n_companies; j++) {
    if (c->defaulted[j]) {
      if (step < b->in_default[j]) b->in_default[j] = step;
    } else if (step > b->safe[j] && step < b->in_default[j]) {
      b->safe[j] = step;
    }
  }
}

/* The breaking step of company j, or -1 when it never defaults. */
static int breaking_step(Scenario *s, Cascade *c, const Brackets *b, int j) {
  if (b->in_default[j] == UNKNOWN_DEFAULT && b->safe[j] < GRID_STEPS) {
    evaluate(s, c, b, GRID_STEPS);
  }
  if (b->in_default[j] == UNKNOWN_DEFAULT) return -1;
  while (b->in_default[j] - b->safe[j] > 1) {
    evaluate(s, c, b, b->safe[j] + (b->in_default[j] - b->safe[j]) / 2);
  }
  return b->in_default[j];
}

/* The brackets memoized for these arguments, made when new. */
static int find_brackets(Scenario *s, sqlite3_value **argv, int argc, Brackets *b) {
  char *key = sqlite3_mprintf("breaking_point\x1f%s\x1f%s",
                              argc > 1 && arg_text(argv[1]) ? arg_text(argv[1]) : "\x01",
                              argc > 2 && arg_text(argv[2]) ? arg_text(argv[2]) : "\x01");
  int *block, rc = SQLITE_OK;
  if (key == NULL) return SQLITE_NOMEM;
  block = network_memo_get(s->net, key);
  if (block == NULL) {
    block = new_brackets(s->net->n_companies);
    rc = block ? network_memo_put(s->net, key, block) : SQLITE_NOMEM;
  }
  sqlite3_free(key);
  b->safe = block;
  b->in_default = block + s->net->n_companies;
  return rc;
}

static void breaking_point_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Connection *conn = sqlite3_user_data(ctx);
  const char *company = arg_text(argv[0]);
  char *errmsg = NULL;
  Scenario s;
  Brackets b;
  Cascade *c;
  int rc, j, step;
  if (company == NULL) return;   /* NULL company: NULL */
  rc = scenario_open(conn, FN, argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL,
                     &s, &errmsg);
  if (rc != SQLITE_OK) {
    result_error(ctx, rc, errmsg);
    return;
  }
  if ((j = network_find(s.net, company)) == NO_COMPANY) {
    result_error(ctx, SQLITE_ERROR, error_message(FN, "unknown company '%q'", company));
  } else if ((rc = find_brackets(&s, argv, argc, &b)) != SQLITE_OK) {
    result_error(ctx, rc, NULL);
  } else if ((c = cascade_new(s.net->n_companies)) == NULL) {
    result_error(ctx, SQLITE_NOMEM, NULL);
  } else {
    step = breaking_step(&s, c, &b, j);
    if (step >= 0) sqlite3_result_double(ctx, step / 100.0);
    cascade_free(c);
  }
  scenario_close(&s);
}

int register_breaking_point(sqlite3 *db, Connection *conn) {
  return register_reader(db, FN, 3, conn, breaking_point_function);
}
