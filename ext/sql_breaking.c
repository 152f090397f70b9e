/*
** sql_breaking.c: the SQL function breaking_point.
**
**   breaking_point(company [, spenders [, options]])
**
** The smallest pct in {0, 0.01, ..., 100} at which company defaults (or has
** failed) under cascade_shock(pct, spenders, options); NULL if it never
** does. The search (breaking.c) is memoized with the network for these
** arguments, with every cascade it ran, so the breaking points of all the
** companies of "SELECT name, breaking_point(name) FROM companies" share
** their work.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include "breaking.h"
#include "recent.h"
#include "scenario.h"
#include "sql_functions.h"

#define FN "breaking_point"

/* The search kept with the network's results for these arguments, made
** when new. */
static int search_for(Scenario *s, sqlite3_value **argv, int argc, BreakingSearch **search) {
  Recent *results = network_results(s->net);
  const char *texts[2];
  char *key;
  int rc = SQLITE_OK;
  texts[0] = argc > 1 ? arg_text(argv[1]) : NULL;
  texts[1] = argc > 2 ? arg_text(argv[2]) : NULL;
  key = network_memo_key("breaking_point", 2, texts);
  if (key == NULL || results == NULL) {
    sqlite3_free(key);
    return SQLITE_NOMEM;
  }
  *search = recent_get(results, key);
  if (*search == NULL) {
    *search = breaking_new(s->net, s->spender, &s->params);
    rc = *search ? recent_put(results, key, *search, 0, breaking_free) : SQLITE_NOMEM;
    if (rc != SQLITE_OK) {
      breaking_free(*search);
      *search = NULL;
    }
  }
  sqlite3_free(key);
  return rc;
}

static void breaking_point_function(sqlite3_context *ctx, Connection *conn, int argc,
                                    sqlite3_value **argv) {
  const char *company = arg_text(argv[0]);
  BreakingSearch *search;
  char *errmsg = NULL;
  Scenario s;
  int rc, j, k, step;
  if (company == NULL) return;   /* NULL company: NULL */
  rc = scenario_open(conn, FN, argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL,
                     &s, &errmsg);
  if (rc != SQLITE_OK) {
    result_error(ctx, rc, errmsg);
    return;
  }
  if ((j = network_find(s.net, company)) == NO_COMPANY) {
    result_error(ctx, SQLITE_ERROR, error_message(FN, "unknown company '%q'", company));
  } else if ((rc = search_for(&s, argv, argc, &search)) != SQLITE_OK) {
    result_error(ctx, rc, NULL);
  } else if ((k = breaking_unbounded(search)) != NO_COMPANY) {
    result_error(ctx, SQLITE_ERROR, scenario_unbounded_message(FN, s.net, k));
  } else if ((rc = breaking_step(search, j, s.params.stop, &step)) != SQLITE_OK) {
    result_error(ctx, rc, NULL);
  } else if (step != BREAKING_NEVER) {
    sqlite3_result_double(ctx, step / 100.0);
  }
  scenario_close(&s);
}

int register_breaking_point(sqlite3 *db, Connection *conn) {
  return register_reader(db, FN, 3, conn, breaking_point_function);
}
