/*
** debtrank.c: the two DebtRank dynamics of debtrank.h.
**
** Battiston: each round, the companies distressed in the last round push
** W_ij h_j down their columns of the claim matrix to their creditors; each
** company does so once, so a run costs O(companies + claims).
**
** Linear: summing the paper's increments over the rounds gives, for every
** t, h(t+1) = min(1, h(0) + Lambda h(t)) exactly, which is what is
** computed: each round recomputes (along its row) every company one of
** whose debtors moved in the last round. Computed this way h never falls
** and rounding errors do not pile up, so the rounds end, in double
** precision, at the fixed point; summing rounded increments instead lets
** h creep up by a few ulps a round for ever where Lambda_ii is near 1.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <float.h>
#include <string.h>
#include "carve.h"
#include "debtrank.h"

enum { UNDISTRESSED, DISTRESSED, INACTIVE };

/* min(1, h), with h within DEBTRANK_WHOLE_SLACK of 1 taken as 1. */
static double capped(double h) {
  return h > 1 - DEBTRANK_WHOLE_SLACK ? 1 : h;
}

static void lay_out(void *owner, Carving *carving, size_t n) {
  DebtRank *d = owner;
  d->stress = carve(carving, n, sizeof(double));
  d->initial = carve(carving, n, sizeof(double));
  d->next = carve(carving, n, sizeof(double));
  d->distress_round = carve(carving, n, sizeof(int));
  d->default_round = carve(carving, n, sizeof(int));
  d->active = carve(carving, n, sizeof(int));
  d->next_active = carve(carving, n, sizeof(int));
  d->touched_list = carve(carving, n, sizeof(int));
  d->state = carve(carving, n, 1);
  d->touched = carve(carving, n, 1);
}

DebtRank *debtrank_new(int n) {
  DebtRank *d = sqlite3_malloc64(sizeof(DebtRank));
  if (d == NULL) return NULL;
  memset(d, 0, sizeof(*d));
  d->n = n;
  if (carve_all(d, lay_out, n > 0 ? (size_t)n : 1, &d->block) != SQLITE_OK) {
    sqlite3_free(d);
    return NULL;
  }
  return d;
}

void debtrank_free(DebtRank *d) {
  if (d == NULL) return;
  sqlite3_free(d->block);
  sqlite3_free(d);
}

/* Round 0: h = the shock (within DEBTRANK_WHOLE_SLACK of 1: 1); the
** shocked companies are the active ones. */
static int start(DebtRank *d, const double *shock) {
  int i, n_active = 0;
  for (i = 0; i < d->n; i++) {
    d->stress[i] = d->initial[i] = capped(shock[i]);
    d->next[i] = 0;
    d->state[i] = shock[i] > 0 ? DISTRESSED : UNDISTRESSED;
    d->distress_round[i] = shock[i] > 0 ? 0 : -1;
    d->default_round[i] = d->stress[i] >= 1 ? 0 : -1;
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

/* Sets h_i to h in round t, noting the rounds it first passes 0 and 1. */
static void set_stress(DebtRank *d, int i, double h, int t) {
  d->stress[i] = h;
  if (h > 0 && d->distress_round[i] < 0) d->distress_round[i] = t;
  if (h >= 1 && d->default_round[i] < 0) d->default_round[i] = t;
}

/* Battiston's W_ij of a claim of amount held by i. */
static double battiston_impact(const Network *net, int i, double amount) {
  if (net->equity[i] <= 0 || amount >= net->equity[i]) return 1;
  return amount / net->equity[i];
}

/* One Battiston round: the distressed companies pass W_ij h_j(t-1) on and
** become inactive; returns the number distressed for the next round, and
** adds the claims and companies it visited to *visits. */
static int battiston_round(DebtRank *d, const Network *net, const ClaimMatrix *a,
                           int n_active, int t, double *visits) {
  int n_touched = 0, n_next = 0, k, e;
  for (k = 0; k < n_active; k++) {
    int j = d->active[k];
    *visits += 1 + a->col_start[j + 1] - a->col_start[j];
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      int i = a->col_creditor[e];
      if (!net->has_equity[i]) continue;
      touch(d, &n_touched, i);
      d->next[i] += battiston_impact(net, i, a->col_amount[e]) * d->stress[j];
    }
    d->state[j] = INACTIVE;
  }
  for (k = 0; k < n_touched; k++) {
    int i = d->touched_list[k];
    double h = d->stress[i] + d->next[i];
    set_stress(d, i, capped(h), t);
    d->next[i] = 0;
    d->touched[i] = 0;
    if (d->state[i] == UNDISTRESSED && d->stress[i] > 0) {
      d->state[i] = DISTRESSED;
      d->next_active[n_next++] = i;
    }
  }
  return n_next;
}

/* min(1, h_i(0) + sum_j A_ij h_j / E_i) from the h of the last round; with
** no buffer (E_i <= 0), 1 as soon as a debtor is stressed. A product A_ij h_j
** below the smallest normal double (1e-160 times 1e-170) would lose its
** digits, or all of them, though Lambda_ij = A_ij / E_i is an ordinary
** number: such a term is taken as (A_ij / E_i) h_j instead. */
static double linear_value(const DebtRank *d, const Network *net, const ClaimMatrix *a, int i) {
  double sum = 0, tiny = 0, h;
  int e;
  if (net->equity[i] <= 0) {
    for (e = a->row_start[i]; e < a->row_start[i + 1]; e++) {
      if (d->stress[a->row_debtor[e]] > 0) return 1;
    }
    return d->initial[i];
  }
  for (e = a->row_start[i]; e < a->row_start[i + 1]; e++) {
    double stress = d->stress[a->row_debtor[e]], product = a->row_amount[e] * stress;
    if (product < DBL_MIN && product < a->row_amount[e] && product < stress) {
      tiny += a->row_amount[e] / net->equity[i] * stress;
    } else {
      sum += product;
    }
  }
  h = d->initial[i] + sum / net->equity[i] + tiny;
  return capped(h);
}

/* One linear round: recomputes the creditors of the companies that moved;
** returns the number that move in this round, and adds the claims and
** companies it visited to *visits. */
static int linear_round(DebtRank *d, const Network *net, const ClaimMatrix *a,
                        int n_active, int t, double *visits) {
  int n_touched = 0, n_next = 0, k, e;
  for (k = 0; k < n_active; k++) {
    int j = d->active[k];
    *visits += 1 + a->col_start[j + 1] - a->col_start[j];
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      if (net->has_equity[a->col_creditor[e]]) touch(d, &n_touched, a->col_creditor[e]);
    }
  }
  for (k = 0; k < n_touched; k++) {
    int i = d->touched_list[k];
    *visits += 1 + a->row_start[i + 1] - a->row_start[i];
    d->next[i] = linear_value(d, net, a, i);
  }
  for (k = 0; k < n_touched; k++) {
    int i = d->touched_list[k];
    d->touched[i] = 0;
    if (d->next[i] > d->stress[i]) {
      set_stress(d, i, d->next[i], t);
      d->next_active[n_next++] = i;
    }
    d->next[i] = 0;
  }
  return n_next;
}

int debtrank_run(DebtRank *d, const Network *net, const ClaimMatrix *a,
                 DebtRankMethod method, const double *shock, int max_rounds,
                 StopCheck *stop) {
  int n_active = start(d, shock), t = 0, stopped = 0;
  while (n_active > 0 && t < max_rounds) {
    double visits = 0;
    int *swap;
    t++;
    n_active = method == DEBTRANK_BATTISTON ? battiston_round(d, net, a, n_active, t, &visits)
                                            : linear_round(d, net, a, n_active, t, &visits);
    if ((stopped = stop_after(stop, visits)) != 0) return stopped;
    swap = d->active;
    d->active = d->next_active;
    d->next_active = swap;
  }
  d->converged = n_active == 0;
  return 0;
}
