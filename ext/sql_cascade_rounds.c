/*
** sql_cascade_rounds.c: the table-valued function cascade_rounds, the
** round-by-round history of cascade_shock.
**
**   SELECT * FROM cascade_rounds(pct [, spenders [, options]]);
**
** Same arguments as cascade_shock. One row per round and company, rounds
** in order and companies in the order of the companies table. Round 0 is
** the scenario before any loss: the spenders' cut, the failed set, no
** losses, cash_after the liquidity after a normal year (cash_before of
** cascade_shock) and equity_after the equity. Round t >= 1 holds what the
** cascade computed in round t: the status so far ('failed', 'default',
** 'stressed': lost something this round, 'ok'), the cut x and default
** flag d the round left, the round's losses, cash and equity, and the main
** cause of a default. The last round's rows equal cascade_shock's.
** Rows: companies x (rounds + 1), kept as one compact record (56 bytes)
** a company and round, their cells made as SQLite reads them.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "scenario.h"
#include "sql_functions.h"
#include "tvf.h"

#define FN "cascade_rounds"

enum {
  COL_ROUND, COL_COMPANY, COL_STATUS, COL_CUT, COL_DEFAULTED, COL_REVENUE_LOST,
  COL_FINANCING_LOST, COL_CREDIT_LOSS, COL_CASH_AFTER, COL_EQUITY_AFTER, COL_CAUSE, N_COLUMNS
};

/* What a round left for one company: the makings of its row. */
typedef struct Record {
  double cut, revenue_lost, financing_lost, credit_loss, cash_after, equity_after;
  int cause;                       /* as Cascade.cause */
  unsigned char defaulted, status; /* status: a CascadeStatus */
} Record;

/* Every round's records, company by company: row r is round r / n,
** company r % n. */
typedef struct History {
  const Network *net;              /* the table's, which holds a reference */
  Record *records;
  size_t capacity;                 /* records the array can hold */
  size_t max_bytes;                /* history_max_bytes() */
  int n_rows;
} History;

static void free_history(void *p) {
  History *h = p;
  sqlite3_free(h->records);
  sqlite3_free(h);
}

/* The most bytes the history may take: SQLite allocates no more than
** about 2 GB at once, and no more than half its hard heap limit, if one is
** set (PRAGMA hard_heap_limit), is left to the history. */
#define HISTORY_MAX_BYTES 0x7fff0000u

static size_t history_max_bytes(void) {
  sqlite3_int64 hard = sqlite3_hard_heap_limit64(-1);
  if (hard > 0 && hard / 2 < (sqlite3_int64)HISTORY_MAX_BYTES) return (size_t)(hard / 2);
  return HISTORY_MAX_BYTES;
}

/* Room for one more round of records, into *first: SQLITE_NOMEM when out
** of memory, SQLITE_TOOBIG past h->max_bytes. */
static int next_round(History *h, Record **first) {
  size_t n = (size_t)h->net->n_companies, need = (size_t)h->n_rows + n;
  size_t most = h->max_bytes / sizeof(Record);
  if (need > most) return SQLITE_TOOBIG;
  if (need > h->capacity || h->records == NULL) {
    size_t capacity = h->capacity * 2 > need ? h->capacity * 2 : need;
    Record *records;
    if (capacity > most) capacity = most;
    records = sqlite3_realloc64(h->records, (capacity ? capacity : 1) * sizeof(Record));
    if (records == NULL) return SQLITE_NOMEM;
    h->records = records;
    h->capacity = capacity;
  }
  *first = h->records + h->n_rows;
  memset(*first, 0, n * sizeof(Record));
  h->n_rows += (int)n;
  return SQLITE_OK;
}

/* Round 0: the scenario as cascade_run starts it. */
static int add_start(History *h, const Scenario *s) {
  const Network *net = h->net;
  Record *r;
  int j, rc = next_round(h, &r);
  if (rc != SQLITE_OK) return rc;
  for (j = 0; j < net->n_companies; j++, r++) {
    int failed = s->params.failed[j];
    r->status = failed ? STATUS_FAILED : STATUS_OK;
    r->cut = failed ? 1 : s->params.spender_cut[j];
    r->defaulted = (unsigned char)failed;
    r->cash_after = net->liquidity_before[j];
    r->equity_after = net->equity[j];
    r->cause = CAUSE_NONE;
  }
  return SQLITE_OK;
}

/* What the on_round callback records into, and from what. */
typedef struct Recording {
  History *history;
  const Scenario *scenario;
} Recording;

/* The on_round callback: records the round just run. */
static int add_round(void *context, const Cascade *c, int round) {
  const Recording *recording = context;
  Record *r;
  int j, rc = next_round(recording->history, &r);
  (void)round;
  if (rc != SQLITE_OK) return rc;
  for (j = 0; j < c->n; j++, r++) {
    r->status = (unsigned char)cascade_status(c, &recording->scenario->params, j);
    r->cut = c->cut[j];
    r->defaulted = c->defaulted[j];
    r->revenue_lost = c->revenue_lost[j];
    r->financing_lost = c->financing_lost[j];
    r->credit_loss = c->credit_loss[j];
    r->cash_after = c->cash_after[j];
    r->equity_after = c->equity_after[j];
    r->cause = c->cause[j];
  }
  return SQLITE_OK;
}

static void make_cell(void *p, int row, int column, Cell *cell) {
  const History *h = p;
  const Network *net = h->net;
  const Record *r = &h->records[row];
  int j = row % net->n_companies;
  switch (column) {
    case COL_ROUND: cell_integer(cell, row / net->n_companies); break;
    case COL_COMPANY: cell_text(cell, net->name[j]); break;
    case COL_STATUS: cell_text(cell, cascade_status_name((CascadeStatus)r->status)); break;
    case COL_CUT: cell_real(cell, r->cut); break;
    case COL_DEFAULTED: cell_integer(cell, r->defaulted); break;
    case COL_REVENUE_LOST: cell_real(cell, r->revenue_lost); break;
    case COL_FINANCING_LOST: cell_real(cell, r->financing_lost); break;
    case COL_CREDIT_LOSS: cell_real(cell, r->credit_loss); break;
    case COL_CASH_AFTER: cell_real(cell, r->cash_after); break;
    case COL_EQUITY_AFTER: if (net->has_equity[j]) cell_real(cell, r->equity_after); break;
    case COL_CAUSE: cell_text(cell, cascade_cause_text(net, r->cause)); break;
  }
}

static const CellSource history_source;

static int find_nonfinite(void *p, int *row, int *column) {
  const History *h = p;
  int r;
  for (r = 0; r < h->n_rows; r++) {
    if (source_row_nonfinite(&history_source, p, r, N_COLUMNS, column)) {
      *row = r;
      return 1;
    }
  }
  return 0;
}

static const CellSource history_source = { make_cell, find_nonfinite, free_history };

/* Runs the cascade of scenario s and records every round into h. */
static int record_rounds(History *h, Scenario *s) {
  Recording recording;
  Cascade *c = cascade_new(s->net->n_companies);
  int rc;
  if (c == NULL) return SQLITE_NOMEM;
  recording.history = h;
  recording.scenario = s;
  rc = add_start(h, s);
  if (rc == SQLITE_OK) {
    s->params.on_round = add_round;
    s->params.on_round_context = &recording;
    rc = cascade_run(c, s->net, &s->params);
  }
  cascade_free(c);
  return rc;
}

static int cascade_rounds_compute(Connection *conn, sqlite3_value **args, ResultTable *out,
                                  char **errmsg) {
  Scenario s;
  History *h;
  double pct;
  int rc = scenario_pct(FN, args[0], &pct, errmsg);
  if (rc != SQLITE_OK) return rc;
  rc = scenario_open(conn, FN, args[1], args[2], &s, errmsg);
  if (rc != SQLITE_OK) return rc;
  scenario_set_pct(&s, pct);
  if ((h = sqlite3_malloc64(sizeof(History))) == NULL) {
    scenario_close(&s);
    return SQLITE_NOMEM;
  }
  memset(h, 0, sizeof(*h));
  h->net = s.net;
  h->max_bytes = history_max_bytes();
  rc = record_rounds(h, &s);
  if (rc == SQLITE_TOOBIG) {
    *errmsg = error_message(FN, "the history of %d companies has more rows than it can hold"
                            " (%lld bytes) after %d rounds: lower max_rounds, or read the last"
                            " round from cascade_shock", s.net->n_companies,
                            (long long)h->max_bytes,
                            h->n_rows / s.net->n_companies - 1);
    rc = *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK) {
    result_table_cells(out, h->n_rows, N_COLUMNS, s.net, &history_source, h);
  } else {
    free_history(h);
  }
  scenario_close(&s);
  return rc;
}

static const TvfSpec cascade_rounds_spec = {
  FN,
  "CREATE TABLE x(round INTEGER, company TEXT, status TEXT, cut REAL, defaulted INTEGER,"
  " revenue_lost REAL, financing_lost REAL, credit_loss REAL, cash_after REAL,"
  " equity_after REAL, cause TEXT, pct HIDDEN, spenders HIDDEN, options HIDDEN)",
  N_COLUMNS, 3, 1,
  { "pct", "spenders", "options", NULL },
  "cascade_rounds(30) or cascade_rounds(pct [, spenders [, options]])",
  cascade_rounds_compute,
  0
};

int register_cascade_rounds(sqlite3 *db, Connection *conn) {
  return tvf_register(db, &cascade_rounds_spec, conn);
}
