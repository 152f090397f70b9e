/*
** sql_exposure.c: the SQL function exposure.
**
**   exposure(company [, core [, options]])
**
** The share of company's revenue that comes, directly or through the
** companies that pay it, from the core: NULL for every company of kind
** 'lab', or a company, a kind, or a JSON array of names. options may name
** the input tables. All companies are solved at once and memoized with the
** network, so "SELECT name, exposure(name) FROM companies" solves once.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include "args.h"
#include "exposure.h"
#include "interrupt.h"
#include "recent.h"
#include "sql_functions.h"

#define FN "exposure"
#define DEFAULT_CORE_KIND "lab"

/* Every company's exposure for one core, as memoized with the network. */
typedef struct Exposures {
  int unsettled;             /* the largest set that did not settle, or 0 */
  int overflow;              /* some company's inflows overflow a double */
  double value[];            /* [n], NaN where unknown */
} Exposures;

/* Solves the exposures of every company for the core, into a new Exposures. */
static int solve_all(sqlite3 *db, const Network *net, const char *core,
                     Exposures **out, char **errmsg) {
  size_t n = (size_t)(net->n_companies > 0 ? net->n_companies : 1);
  unsigned char *member = sqlite3_malloc64(n);
  int rc;
  *out = sqlite3_malloc64(sizeof(Exposures) + n * sizeof(double));
  if (member == NULL || *out == NULL) {
    rc = SQLITE_NOMEM;
  } else {
    rc = select_companies(db, FN, "core", core, DEFAULT_CORE_KIND, net, member, errmsg);
  }
  if (rc == SQLITE_OK) {
    Interrupt interrupt;
    interrupt_begin(&interrupt, db);
    rc = exposure_solve(net, member, &interrupt.stop, (*out)->value, &(*out)->unsettled);
    interrupt_end(&interrupt);
  }
  if (rc == SQLITE_OK) {
    int j;
    (*out)->overflow = 0;
    for (j = 0; j < net->n_companies; j++) (*out)->overflow |= !isfinite(net->revenue_inflow[j]);
  }
  sqlite3_free(member);
  if (rc != SQLITE_OK) {
    sqlite3_free(*out);
    *out = NULL;
  }
  return rc;
}

/* The exposures kept with the network's results for this core, solved if new. */
static int exposures_for(sqlite3 *db, Network *net, const char *core,
                         const Exposures **exposures, char **errmsg) {
  Recent *results = network_results(net);
  char *key = network_memo_key("exposure", 1, &core);
  Exposures *solved;
  int rc = SQLITE_OK;
  if (key == NULL || results == NULL) {
    sqlite3_free(key);
    return SQLITE_NOMEM;
  }
  *exposures = recent_get(results, key);
  if (*exposures == NULL) {
    rc = solve_all(db, net, core, &solved, errmsg);
    if (rc == SQLITE_OK && (rc = recent_put(results, key, solved, 0, sqlite3_free)) != SQLITE_OK) {
      sqlite3_free(solved);
    }
    if (rc == SQLITE_OK) *exposures = solved;
  }
  sqlite3_free(key);
  return rc;
}

/* Why company's exposure is unknown: a cycle upstream of it that did not
** settle, or inflows beyond a double (either, when the network has both). */
static char *unknown_message(const Network *net, const Exposures *exposures, const char *company) {
  if (exposures->unsettled > 0) {
    return error_message(FN, "the exposure of '%q' is unknown: it comes through a cycle of %d"
                         " companies that pay each other almost all their revenue, whose"
                         " attribution did not settle within %d iterations%s", company,
                         exposures->unsettled, exposure_max_iterations(net),
                         exposures->overflow ? ", or through inflows beyond a double" : "");
  }
  return error_message(FN, "the exposure of '%q' is not a finite number (the input's numbers"
                       " are too large or too small for a double)", company);
}

static void exposure_function(sqlite3_context *ctx, Connection *conn, int argc,
                              sqlite3_value **argv) {
  const char *company = arg_text(argv[0]);
  const Exposures *exposures;
  char *errmsg = NULL;
  Options options;
  TableNames names;
  Network *net = NULL;
  int rc, j;
  if (company == NULL) return;   /* NULL company: NULL */
  rc = options_parse(conn, FN, argc > 2 ? argv[2] : NULL, OPTIONS_TABLES, &options, &errmsg);
  if (rc != SQLITE_OK) {
    result_error(ctx, rc, errmsg);
    return;
  }
  options_tables(&options, &names);
  rc = connection_network(conn, FN, &names, &net, &errmsg);
  if (rc == SQLITE_OK) {
    rc = exposures_for(conn->db, net, argc > 1 ? arg_text(argv[1]) : NULL, &exposures, &errmsg);
  }
  if (rc != SQLITE_OK) {
    result_error(ctx, rc, errmsg);
  } else if ((j = network_find(net, company)) == NO_COMPANY) {
    result_error(ctx, SQLITE_ERROR, error_message(FN, "unknown company '%q'", company));
  } else if (!isfinite(exposures->value[j])) {
    result_error(ctx, SQLITE_ERROR, unknown_message(net, exposures, company));
  } else {
    sqlite3_result_double(ctx, exposures->value[j]);
  }
  network_release(net);
  options_free(&options);
}

int register_exposure(sqlite3 *db, Connection *conn) {
  return register_reader(db, FN, 3, conn, exposure_function);
}
