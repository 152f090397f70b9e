/*
** furfine.c: Furfine's sequential defaults, one frontier at a time.
**
** Round t passes the defaults of round t - 1 down the columns of the claim
** matrix to their creditors, so each claim is read once: O(companies +
** claims) in all. Losses only grow, so a creditor that crosses below 0
** while its losses are being added would cross with all of them too.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <string.h>
#include "carve.h"
#include "furfine.h"
#include "margin.h"

static void lay_out(void *owner, Carving *carving, size_t n) {
  Furfine *f = owner;
  f->loss = carve(carving, n, sizeof(double));
  f->default_round = carve(carving, n, sizeof(int));
  f->frontier = carve(carving, n, sizeof(int));
  f->next_frontier = carve(carving, n, sizeof(int));
}

Furfine *furfine_new(int n) {
  Furfine *f = sqlite3_malloc64(sizeof(Furfine));
  if (f == NULL) return NULL;
  memset(f, 0, sizeof(*f));
  f->n = n;
  if (carve_all(f, lay_out, n > 0 ? (size_t)n : 1, &f->block) != SQLITE_OK) {
    sqlite3_free(f);
    return NULL;
  }
  return f;
}

void furfine_free(Furfine *f) {
  if (f == NULL) return;
  sqlite3_free(f->block);
  sqlite3_free(f);
}

/* E_i - loss_i < 0, summed again exactly near 0 (margin.h): a loss that
** equals the equity by hand (claims of 9.6 + 5.2 + 5.4 against 20.2) is
** survived, though its doubles add up to 20.200000000000003. Round t's
** loss comes from the debtors that defaulted before it (all of them: those
** of the frontier not added yet only take the margin further down). */
static int insolvent(const Network *net, const Furfine *f, const ClaimMatrix *a,
                     double recovery, int i, int t) {
  double margin, size;
  int e, terms = (a->row_start[i + 1] - a->row_start[i]) + (net->claim_start[i + 1] - net->claim_start[i]);
  if (!net->has_equity[i]) return 0;
  margin = net->equity[i] - f->loss[i];
  size = fabs(net->equity[i]) + f->loss[i];
  if (margin_near_zero(margin, terms + 2, size)) {
    Margin exact = MARGIN_INIT;
    margin_add(&exact, net->equity[i]);
    for (e = a->row_start[i]; e < a->row_start[i + 1]; e++) {
      int j = a->row_debtor[e];
      if (f->default_round[j] >= 0 && f->default_round[j] < t) {
        margin_add_product(&exact, -(1 - recovery), a->row_amount[e]);
      }
    }
    margin = margin_value(&exact, margin);
  }
  return margin < 0;
}

/* Round 0; returns the size of its frontier. */
static int start(Furfine *f, const Network *net, const ClaimMatrix *a, const unsigned char *failed) {
  int i, n_frontier = 0;
  for (i = 0; i < f->n; i++) {
    f->loss[i] = 0;
    f->default_round[i] = -1;
  }
  for (i = 0; i < f->n; i++) {
    if (failed[i] || insolvent(net, f, a, 0, i, 0)) {
      f->default_round[i] = 0;
      f->frontier[n_frontier++] = i;
    }
  }
  return n_frontier;
}

/* Round t: the losses on the frontier; returns the next frontier's size. */
static int round_losses(Furfine *f, const Network *net, const ClaimMatrix *a,
                        double recovery, int n_frontier, int t) {
  int k, e, n_next = 0;
  for (k = 0; k < n_frontier; k++) {
    int j = f->frontier[k];
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      int i = a->col_creditor[e];
      f->loss[i] += (1 - recovery) * a->col_amount[e];
      if (f->default_round[i] < 0 && insolvent(net, f, a, recovery, i, t)) {
        f->default_round[i] = t;
        f->next_frontier[n_next++] = i;
      }
    }
  }
  return n_next;
}

void furfine_run(Furfine *f, const Network *net, const ClaimMatrix *a,
                 const unsigned char *failed, double recovery) {
  int n_frontier = start(f, net, a, failed), t = 0;
  while (n_frontier > 0) {
    int *swap;
    n_frontier = round_losses(f, net, a, recovery, n_frontier, t + 1);
    if (n_frontier > 0) t++;
    swap = f->frontier;
    f->frontier = f->next_frontier;
    f->next_frontier = swap;
  }
}
