/*
** interrupt.c: the probe of interrupt.h.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "interrupt.h"

#define PROBE_SQL \
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) " \
  "SELECT count(*) FROM n"

/* What a failed probe means: stop for an interrupt or no memory, else
** give probing up. */
static int stop_code(Interrupt *interrupt, int rc) {
  if (rc == SQLITE_INTERRUPT || rc == SQLITE_NOMEM) return rc;
  interrupt->given_up = 1;
  return 0;
}

/* The StopCheck's question: runs the probe; SQLITE_INTERRUPT or
** SQLITE_NOMEM to stop, else 0. A probe that cannot run for another reason
** (an authorizer that refuses it) is given up: the call goes on. */
static int probe_connection(void *context) {
  Interrupt *interrupt = context;
  int rc;
  if (interrupt->given_up) return 0;
  if (interrupt->probe == NULL) {
    rc = sqlite3_prepare_v2(interrupt->db, PROBE_SQL, -1, &interrupt->probe, NULL);
    if (rc != SQLITE_OK) return stop_code(interrupt, rc);
  }
  rc = sqlite3_step(interrupt->probe);
  sqlite3_reset(interrupt->probe);
  return rc == SQLITE_ROW ? 0 : stop_code(interrupt, rc);
}

void interrupt_begin(Interrupt *interrupt, sqlite3 *db) {
  memset(interrupt, 0, sizeof(*interrupt));
  interrupt->db = db;
  interrupt->stop.check = probe_connection;
  interrupt->stop.context = interrupt;
}

void interrupt_end(Interrupt *interrupt) {
  sqlite3_finalize(interrupt->probe);
  interrupt->probe = NULL;
}
