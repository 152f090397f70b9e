/*
** scenario.h: a cascade scenario from SQL arguments.
**
** cascade_shock, cascade_rounds and breaking_point take the same spenders
** and options; a Scenario turns them into the network and the parameters
** of the cascade, with the spenders' cut left to set per pct.
*/
#ifndef AIBUBBLE_SCENARIO_H
#define AIBUBBLE_SCENARIO_H

#include "args.h"
#include "cascade.h"
#include "interrupt.h"

#define DEFAULT_SPENDER_KIND "hyperscaler"
#define DEFAULT_RECOVERY 0.4
#define DEFAULT_PASSTHROUGH 1.0
#define DEFAULT_MAX_ROUNDS 1000

typedef struct Scenario {
  Network *net;
  unsigned char *spender;     /* [n] */
  unsigned char *failed;      /* [n] */
  double *spender_cut;        /* [n] */
  CascadeParams params;       /* params.stop watches the connection */
  Interrupt interrupt;
} Scenario;

/* Reads the network and checks spenders and options; on error *errmsg.
** The scenario is for one SQL call: it must stay where it was opened. */
int scenario_open(Connection *conn, const char *fn, sqlite3_value *spenders,
                  sqlite3_value *options, Scenario *scenario, char **errmsg);
/* Sets every spender's cut to pct / 100; scenario_spender_cuts writes
** those cuts into cuts[n] instead. */
void scenario_set_pct(Scenario *scenario, double pct);
void scenario_spender_cuts(const Scenario *scenario, double pct, double *cuts);
void scenario_close(Scenario *scenario);
/* Done computing: finalizes the interrupt probe, for a scenario kept while
** SQLite reads the rows; its cascades can no longer be stopped. */
void scenario_computed(Scenario *scenario);

/* "fn: the figures of 'X' are too large for a double ...", for company,
** as cascade_first_unbounded found it; NULL when out of memory. */
char *scenario_unbounded_message(const char *fn, const Network *net, int company);

/* Checks a pct argument: a number in [0, 100]. */
int scenario_pct(const char *fn, sqlite3_value *value, double *pct, char **errmsg);

#endif
