/*
** cascade_memo.c: the memo of recent cascades and the sweep's run-ahead.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "cascade_memo.h"
#include "recent.h"

#define MEMO_NAME "cascade_shock:recent"

/* A pass that ran ahead for nothing (the calls did not come to its pcts,
** as when pcts are k / 100.0 and their steps differ in the last bit) makes
** the next few sweep misses run alone: 1, then 2, 4, ... up to this many,
** until a pct run ahead is asked for again. */
#define MAX_PAUSE 64

/* A lane pass computes every company in every round; a cascade whose rounds
** compute fewer than this share of them on average (a long chain, where a
** round reaches one company) runs faster alone, and a sweep of such cascades
** does not run ahead. */
#define DENSE_ENOUGH 0.5

typedef struct CascadeMemo {
  Recent *recent;
  char *arguments;     /* key of the spenders and options of the last call */
  double last_pct;     /* the last call's pct */
  double step;         /* the last change of pct; 0 when none */
  double ahead[CASCADE_LANES];  /* the pcts the last pass ran ahead */
  int n_ahead;         /* how many; 0 once one was asked for */
  int pause, paused;   /* misses to run alone: the last pause, those left */
  int sparse;          /* the last cascade run alone was below DENSE_ENOUGH */
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
    memo->n_ahead = memo->pause = memo->paused = 0;
  }
  memo->last_pct = pct;
  return step;
}

/* Notes a call answered from the memo: one run ahead ends any pause. */
static void note_hit(CascadeMemo *memo, double pct) {
  int k;
  for (k = 0; k < memo->n_ahead; k++) {
    if (memo->ahead[k] == pct) {
      memo->n_ahead = memo->pause = memo->paused = 0;
      return;
    }
  }
}

/* Whether a sweep's miss may run ahead, or must run alone: because the
** last pass ran ahead for nothing (for a while), or because the last
** cascade run alone was sparse. */
static int may_run_ahead(CascadeMemo *memo) {
  if (memo->sparse) return 0;
  if (memo->n_ahead > 0) {
    memo->pause = memo->pause ? memo->pause * 2 : 1;
    if (memo->pause > MAX_PAUSE) memo->pause = MAX_PAUSE;
    memo->paused = memo->pause;
    memo->n_ahead = 0;
  }
  if (memo->paused == 0) return 1;
  memo->paused--;
  return 0;
}

/* Notes the pcts a pass ran ahead. */
static void note_ahead(CascadeMemo *memo, const double *pct, int lanes) {
  int k;
  memo->n_ahead = lanes - 1;
  for (k = 1; k < lanes; k++) memo->ahead[k - 1] = pct[k];
}

/* The memo key of one cascade, with pct's exact bits (SQLite's printf
** writes at most 16 significant digits, so 12.5 and 12.500000000000002
** would share a text); NULL when out of memory. */
static char *pct_key(const char *spenders, const char *options, double pct) {
  const char *texts[3];
  sqlite3_uint64 bits;
  char *key, *pct_text;
  memcpy(&bits, &pct, sizeof(bits));
  if ((pct_text = sqlite3_mprintf("%016llx", bits)) == NULL) return NULL;
  texts[0] = spenders;
  texts[1] = options;
  texts[2] = pct_text;
  key = network_memo_key("cascade_shock", 3, texts);
  sqlite3_free(pct_text);
  return key;
}

/* How many cascades of n companies one pass may run: as many as the memo
** can keep. */
static int lanes_to_run(int n) {
  size_t fit = MEMO_BYTES / cascade_size(n);
  if (fit > MEMO_CASCADES) fit = MEMO_CASCADES;
  return fit < CASCADE_LANES ? (int)fit : CASCADE_LANES;
}

static int held_by_memo_alone(void *c) {
  return ((Cascade *)c)->refcount == 1;
}

/* A cascade for n companies, one of `count` that the memo is about to
** keep: the memory of one it would drop for them, when no reader
** holds that one (a new allocation's pages cost a fault each, more than
** the zeroing), else a new one. */
static Cascade *memo_cascade_new(CascadeMemo *memo, int n, int count) {
  Cascade *c = recent_take_dropped(memo->recent, count, count * cascade_size(n),
                                   held_by_memo_alone);
  if (c == NULL) return cascade_new(n);
  cascade_renew(c);
  return c;
}

/* Picks the pcts of the pass: pct, then pct + step, ... while in [0, 100],
** moving (a step below half a unit in the last place moves no more), not in
** the memo, and at most max_lanes of them (fewer when out of memory: the
** pass only runs less ahead). */
static void pick_pcts(Batch *b, CascadeMemo *memo, const char *spenders, const char *options,
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
    if ((key = pct_key(spenders, options, next)) == NULL) break;
    kept = recent_get(memo->recent, key);
    sqlite3_free(key);
    if (kept == NULL) b->pct[b->lanes++] = next;
  }
}

/* Frees the batch's cascades from lane `from` on, and its cuts. */
static void batch_drop(Batch *b, int from) {
  int k;
  for (k = from; k < b->lanes; k++) {
    cascade_free(b->cascade[k]);
    b->cascade[k] = NULL;
  }
  sqlite3_free(b->spender_cuts);
  b->spender_cuts = NULL;
  b->lanes = from;
}

/* Runs the batch's cascades, lane 0's made already as first. */
static int batch_run(Batch *b, CascadeMemo *memo, Scenario *s, Cascade *first) {
  size_t n = (size_t)s->net->n_companies;
  int k;
  b->cascade[0] = first;
  b->spender_cuts = sqlite3_malloc64((n ? n : 1) * (size_t)b->lanes * sizeof(double));
  if (b->spender_cuts == NULL) return SQLITE_NOMEM;
  for (k = 0; k < b->lanes; k++) {
    if (k > 0 && (b->cascade[k] = memo_cascade_new(memo, (int)n, b->lanes)) == NULL) {
      return SQLITE_NOMEM;
    }
    b->params[k] = s->params;
    b->params[k].spender_cut = b->spender_cuts + (size_t)k * n;
    scenario_spender_cuts(s, b->pct[k], b->spender_cuts + (size_t)k * n);
  }
  if (b->lanes > 1) return cascade_run_lanes(b->cascade, b->params, b->lanes, s->net);
  return cascade_run(first, s->net, &b->params[0]);
}

/* Keeps the batch's cascades in the memo, as far as memory allows. */
static void batch_keep(Batch *b, CascadeMemo *memo, const char *spenders, const char *options) {
  int k;
  for (k = 0; k < b->lanes; k++) {
    Cascade *c = b->cascade[k];
    char *key = pct_key(spenders, options, b->pct[k]);
    if (key == NULL) continue;
    if (recent_put(memo->recent, key, cascade_retain(c), cascade_size(c->n), free_cascade) !=
        SQLITE_OK) {
      cascade_free(c);
    }
    sqlite3_free(key);
  }
}

/* Runs the batch, lane 0's cascade made already as first; when running
** ahead fails for want of memory, runs lane 0 alone. */
static int batch_run_or_alone(Batch *b, CascadeMemo *memo, Scenario *s, Cascade *first) {
  int rc = batch_run(b, memo, s, first);
  if (rc != SQLITE_NOMEM || b->lanes == 1) return rc;
  batch_drop(b, 1);
  return batch_run(b, memo, s, first);
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
    note_hit(memo, pct);
    *out = cascade_retain(first);
    return SQLITE_OK;
  }
  memset(&batch, 0, sizeof(batch));
  if (step != 0 && !may_run_ahead(memo)) step = 0;
  pick_pcts(&batch, memo, spenders, options, pct, step, lanes_to_run(s->net->n_companies));
  if ((first = memo_cascade_new(memo, s->net->n_companies, batch.lanes)) == NULL) {
    return SQLITE_NOMEM;
  }
  rc = batch_run_or_alone(&batch, memo, s, first);
  if (rc == SQLITE_OK) {
    batch_keep(&batch, memo, spenders, options);
    if (batch.lanes > 1) note_ahead(memo, batch.pct, batch.lanes);
    else memo->sparse = first->density < DENSE_ENOUGH;
    *out = cascade_retain(first);
  }
  batch_drop(&batch, 0);
  return rc;
}
