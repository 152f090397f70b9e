/*
** debtrank.c: the two DebtRank dynamics of debtrank.h, on the columns of
** the claim matrix (a stressed debtor j passes stress to its creditors).
**
** Only the companies whose h moved in the last round propagate, so a run
** costs O(claims of the moving companies) per round: Battiston's each
** company propagates once, O(companies + claims) in all.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "debtrank.h"

enum { UNDISTRESSED, DISTRESSED, INACTIVE };

DebtRank *debtrank_new(int n) {
  size_t count = n > 0 ? (size_t)n : 1;
  size_t doubles = 3 * count * sizeof(double), ints = 5 * count * sizeof(int);
  DebtRank *d = sqlite3_malloc64(sizeof(DebtRank));
  char *block;
  if (d == NULL) return NULL;
  block = sqlite3_malloc64(doubles + ints + 3 * count);
  if (block == NULL) {
    sqlite3_free(d);
    return NULL;
  }
  memset(d, 0, sizeof(*d));
  memset(block, 0, doubles + ints + 3 * count);
  d->n = n;
  d->block = block;
  d->stress = (double *)block;
  d->previous = d->stress + count;
  d->increment = d->previous + count;
  d->distress_round = (int *)(block + doubles);
  d->default_round = d->distress_round + count;
  d->active = d->default_round + count;
  d->next_active = d->active + count;
  d->touched_list = d->next_active + count;
  d->state = (unsigned char *)(block + doubles + ints);
  d->touched = d->state + count;
  d->wiped = d->touched + count;
  return d;
}

void debtrank_free(DebtRank *d) {
  if (d == NULL) return;
  sqlite3_free(d->block);
  sqlite3_free(d);
}

/* Round 0: h = the shock; the shocked companies are the active ones. */
static int start(DebtRank *d, const double *shock) {
  int i, n_active = 0;
  for (i = 0; i < d->n; i++) {
    d->stress[i] = shock[i];
    d->previous[i] = 0;
    d->state[i] = shock[i] > 0 ? DISTRESSED : UNDISTRESSED;
    d->distress_round[i] = shock[i] > 0 ? 0 : -1;
    d->default_round[i] = shock[i] >= 1 ? 0 : -1;
    if (shock[i] > 0) d->active[n_active++] = i;
  }
  return n_active;
}

static void touch(DebtRank *d, int *n_touched, int i) {
  if (!d->touched[i]) {
    d->touched[i] = 1;
    d->touched_list[(*n_touched)++] = i;
  }
}

/* Battiston's impact of a claim of amount on the creditor i, W_ij. */
static double battiston_impact(const Network *net, int i, double amount) {
  if (!net->has_equity[i]) return 0;
  if (net->equity[i] <= 0 || amount >= net->equity[i]) return 1;
  return amount / net->equity[i];
}

/* Adds the stress the active companies pass on to d->increment (and, for
** the linear method, d->wiped); returns the number of companies touched.
** Battiston's distressed companies become inactive. */
static int propagate(DebtRank *d, const Network *net, const ClaimMatrix *a,
                     DebtRankMethod method, int n_active) {
  int n_touched = 0, k, e;
  for (k = 0; k < n_active; k++) {
    int j = d->active[k];
    double passed = method == DEBTRANK_BATTISTON ? d->stress[j] : d->stress[j] - d->previous[j];
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      int i = a->col_creditor[e];
      if (!net->has_equity[i]) continue;
      touch(d, &n_touched, i);
      if (method == DEBTRANK_BATTISTON) {
        d->increment[i] += battiston_impact(net, i, a->col_amount[e]) * passed;
      } else if (net->equity[i] <= 0) {
        d->wiped[i] = 1;
      } else {
        d->increment[i] += a->col_amount[e] / net->equity[i] * passed;
      }
    }
    d->previous[j] = d->stress[j];
    if (method == DEBTRANK_BATTISTON) d->state[j] = INACTIVE;
  }
  return n_touched;
}

/* Applies the increments of round t; returns how many companies became
** active for the next round (Battiston: newly distressed; linear: moved).
** *moving is cleared when no h moved by more than DEBTRANK_TOLERANCE. */
static int apply(DebtRank *d, DebtRankMethod method, int n_touched, int t, int *moving) {
  int k, n_next = 0;
  *moving = method == DEBTRANK_BATTISTON;
  for (k = 0; k < n_touched; k++) {
    int i = d->touched_list[k];
    double before = d->stress[i];
    double h = d->wiped[i] ? 1 : before + d->increment[i];
    if (h > 1) h = 1;
    d->stress[i] = h;
    d->increment[i] = 0;
    d->wiped[i] = 0;
    d->touched[i] = 0;
    if (h > 0 && d->distress_round[i] < 0) d->distress_round[i] = t;
    if (h >= 1 && d->default_round[i] < 0) d->default_round[i] = t;
    if (method == DEBTRANK_BATTISTON ? (d->state[i] == UNDISTRESSED && h > 0) : h > before) {
      if (method == DEBTRANK_BATTISTON) d->state[i] = DISTRESSED;
      if (h - before > DEBTRANK_TOLERANCE * h) *moving = 1;
      d->next_active[n_next++] = i;
    }
  }
  return n_next;
}

void debtrank_run(DebtRank *d, const Network *net, const ClaimMatrix *a,
                  DebtRankMethod method, const double *shock, int max_rounds) {
  int n_active = start(d, shock), t = 0, moving = 1;
  while (n_active > 0 && moving && t < max_rounds) {
    int n_touched, *swap;
    t++;
    n_touched = propagate(d, net, a, method, n_active);
    n_active = apply(d, method, n_touched, t, &moving);
    swap = d->active;
    d->active = d->next_active;
    d->next_active = swap;
  }
  d->rounds = t;
  d->converged = n_active == 0 || !moving;
}
