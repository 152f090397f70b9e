/*
** furfine.h: the sequential default algorithm of Furfine (2003), on the
** claims. Knows no SQL.
**
** Round 0: the failed set, and every company whose equity is below 0.
** Round t >= 1: a company that has not defaulted defaults when its losses on
** the companies defaulted in rounds < t,
**   loss_i = (1 - recovery) sum over defaulted j of A_ij,
** make E_i - loss_i < 0 (strictly: losing exactly the equity is survived).
** Ends at the first round with no new default. A company without equity
** (NULL) has no solvency test: it defaults only when it is in the failed set.
** The reported loss is the loss on every defaulter at the end.
*/
#ifndef AIBUBBLE_FURFINE_H
#define AIBUBBLE_FURFINE_H

#include "claim_matrix.h"
#include "network.h"

typedef struct Furfine {
  int n;
  double *loss;              /* [n] (1 - recovery) claims on defaulters */
  int *default_round;        /* [n] -1 for survivors */
  int *frontier, *next_frontier;   /* [n] work: the last round's defaulters */
  void *block;
} Furfine;

/* Allocates a Furfine for n companies; NULL when out of memory. */
Furfine *furfine_new(int n);
void furfine_free(Furfine *f);

/* Runs the cascade from failed[] (n flags) with the given recovery rate. */
void furfine_run(Furfine *f, const Network *net, const ClaimMatrix *a,
                 const unsigned char *failed, double recovery);

#endif
