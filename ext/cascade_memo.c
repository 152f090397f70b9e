/*
** cascade_memo.c: the memo of recent cascades and the sweep's run-ahead.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "cascade_memo.h"
#include "recent.h"

#define MEMO_NAME "cascade_shock:recent"

typedef struct CascadeMemo {
  Recent *recent;
  char *arguments;     /* key of the spenders and options of the last call */
  double last_pct;     /* the last call's pct */
  double step;         /* the last change of pct; 0 when none */
} CascadeMemo;

/* The pcts that one pass runs, their parameters and their cascades. */
typedef struct Batch {
  int lanes;
  double pct[CASCADE_LANES];
  CascadeParams params[CASCADE_LANES];
  Cascade *cascade[CASCADE_LANES];
  double *spender_cuts;    /* [lanes * n] */
} Batch;

static void free_memo(void *p) {
  CascadeMemo *memo = p;
  recent_free(memo->recent);
  sqlite3_free(memo->arguments);
  sqlite3_free(memo);
}

static void free_cascade(void *c) {
  cascade_free(c);
}

/* The network's memo, made when new. */
static int network_cascade_memo(Network *net, CascadeMemo **out) {
  CascadeMemo *memo = network_memo_get(net, MEMO_NAME);
  int rc;
  *out = memo;
  if (memo) return SQLITE_OK;
  if ((memo = sqlite3_malloc64(sizeof(CascadeMemo))) == NULL) return SQLITE_NOMEM;
  memset(memo, 0, sizeof(*memo));
  if ((memo->recent = recent_new(MEMO_CASCADES, MEMO_BYTES)) == NULL) {
    free_memo(memo);
    return SQLITE_NOMEM;
  }
  rc = network_memo_put(net, MEMO_NAME, memo, free_memo);
  if (rc == SQLITE_OK) *out = memo;
  return rc;
}

/* Notes a call with these arguments at pct; returns the step of the sweep
** that the call continues (the same change of pct twice in a row), or 0.
** A call at the pct of the last one changes nothing. */
static double sweep_step(CascadeMemo *memo, const char *arguments, double pct) {
  double step = 0, change = pct - memo->last_pct;
  if (memo->arguments && strcmp(memo->arguments, arguments) == 0) {
    if (change == 0) return 0;
    if (change == memo->step) step = change;
    memo->step = change;
  } else {
    sqlite3_free(memo->arguments);
    memo->arguments = sqlite3_mprintf("%s", arguments);
    memo->step = 0;
  }
  memo->last_pct = pct;
  return step;
}

/* The memo key of one cascade; NULL when out of memory. */
static char *pct_key(const char *spenders, const char *options, double pct) {
  const char *texts[3];
  char *key, *pct_text = sqlite3_mprintf("%.17g", pct);
  if (pct_text == NULL) return NULL;
  texts[0] = spenders;
  texts[1] = options;
  texts[2] = pct_text;
  key = network_memo_key("cascade_shock", 3, texts);
  sqlite3_free(pct_text);
  return key;
}

/* How many cascades one pass may run: as many as the memo can keep. */
static int lanes_to_run(const Cascade *c) {
  size_t bytes = sizeof(Cascade) + sqlite3_msize(c->block), fit = MEMO_BYTES / bytes;
  if (fit > MEMO_CASCADES) fit = MEMO_CASCADES;
  return fit < CASCADE_LANES ? (int)fit : CASCADE_LANES;
}

/* Picks the pcts of the pass: pct, then pct + step, ... while in [0, 100],
** moving (a step below half a unit in the last place moves no more), not in
** the memo, and at most max_lanes of them. */
static int pick_pcts(Batch *b, CascadeMemo *memo, const char *spenders, const char *options,
                     double pct, double step, int max_lanes) {
  double next = pct;
  b->pct[0] = pct;
  b->lanes = 1;
  while (step != 0 && b->lanes < max_lanes) {
    char *key;
    void *kept;
    double last = next;
    next += step;
    if (!(next >= 0 && next <= 100) || next == last) break;
    if ((key = pct_key(spenders, options, next)) == NULL) return SQLITE_NOMEM;
    kept = recent_get(memo->recent, key);
    sqlite3_free(key);
    if (kept == NULL) b->pct[b->lanes++] = next;
  }
  return SQLITE_OK;
}

static void batch_free(Batch *b) {
  int k;
  for (k = 0; k < b->lanes; k++) cascade_free(b->cascade[k]);
  sqlite3_free(b->spender_cuts);
}

/* Runs the batch's cascades, lane 0's made already as first. */
static int batch_run(Batch *b, Scenario *s, Cascade *first) {
  size_t n = (size_t)s->net->n_companies;
  int k;
  b->cascade[0] = first;
  b->spender_cuts = sqlite3_malloc64((n ? n : 1) * (size_t)b->lanes * sizeof(double));
  if (b->spender_cuts == NULL) return SQLITE_NOMEM;
  for (k = 0; k < b->lanes; k++) {
    if (k > 0 && (b->cascade[k] = cascade_new((int)n)) == NULL) return SQLITE_NOMEM;
    b->params[k] = s->params;
    b->params[k].spender_cut = b->spender_cuts + (size_t)k * n;
    scenario_spender_cuts(s, b->pct[k], b->spender_cuts + (size_t)k * n);
  }
  if (b->lanes > 1) return cascade_run_lanes(b->cascade, b->params, b->lanes, s->net);
  cascade_run(first, s->net, &b->params[0]);
  return SQLITE_OK;
}

/* Keeps the batch's cascades in the memo. */
static int batch_keep(Batch *b, CascadeMemo *memo, const char *spenders, const char *options) {
  int k;
  for (k = 0; k < b->lanes; k++) {
    Cascade *c = b->cascade[k];
    char *key = pct_key(spenders, options, b->pct[k]);
    if (key == NULL) return SQLITE_NOMEM;
    if (recent_put(memo->recent, key, cascade_retain(c), sizeof(Cascade) + sqlite3_msize(c->block),
                   free_cascade) != SQLITE_OK) {
      cascade_free(c);
    }
    sqlite3_free(key);
  }
  return SQLITE_OK;
}

int memo_cascade(Scenario *s, const char *spenders, const char *options, double pct,
                 Cascade **out) {
  const char *texts[2];
  CascadeMemo *memo;
  Batch batch;
  Cascade *first;
  char *key, *arguments;
  double step;
  int rc = network_cascade_memo(s->net, &memo);
  *out = NULL;
  if (rc != SQLITE_OK) return rc;
  texts[0] = spenders;
  texts[1] = options;
  if ((arguments = network_memo_key("cascade_shock", 2, texts)) == NULL) return SQLITE_NOMEM;
  step = sweep_step(memo, arguments, pct);
  sqlite3_free(arguments);
  if ((key = pct_key(spenders, options, pct)) == NULL) return SQLITE_NOMEM;
  first = recent_get(memo->recent, key);
  sqlite3_free(key);
  if (first) {
    *out = cascade_retain(first);
    return SQLITE_OK;
  }
  if ((first = cascade_new(s->net->n_companies)) == NULL) return SQLITE_NOMEM;
  memset(&batch, 0, sizeof(batch));
  rc = pick_pcts(&batch, memo, spenders, options, pct, step, lanes_to_run(first));
  if (rc == SQLITE_OK) {
    rc = batch_run(&batch, s, first);
  } else {
    cascade_free(first);
  }
  if (rc == SQLITE_OK) rc = batch_keep(&batch, memo, spenders, options);
  if (rc == SQLITE_OK) *out = cascade_retain(first);
  batch_free(&batch);
  return rc;
}
