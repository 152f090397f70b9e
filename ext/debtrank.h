/*
** debtrank.h: DebtRank on the claims, as published. Knows no SQL.
**
** h_i in [0, 1] is the share of company i's equity E_i that is lost; A_ij
** is i's claim on j (claim_matrix.h). Round 0 is the shock (the papers'
** h(1)); round t >= 1 is computed from round t - 1.
**
** Battiston et al. (2012), "DebtRank: too central to fail?":
**   W_ij   = min(1, A_ij / E_i)
**   h_i(t) = min(1, h_i(t-1) + sum over j distressed at t-1 of W_ij h_j(t-1))
** A company is distressed in the round after its h first became > 0 (the
** shocked ones in round 0), then inactive: each propagates once, while
** every company keeps accumulating. Ends when none is distressed.
**
** Bardoscia et al. (2015), linear (differential) DebtRank:
**   h_i(t+1) = min(1, h_i(t) + sum over j of A_ij / E_i (h_j(t) - h_j(t-1)))
** with h(-1) = 0, iterated until no h changes (in double precision). The
** limit is the least fixed point of h = min(1, h(0) + Lambda h).
**
** Loss buffers: E_i > 0 as given. E_i <= 0 (no buffer left) takes the
** limit E -> 0+ of the formulas: W_ij = 1 on every claim (Battiston); any
** increase of a debtor's h wipes i out, h_i = 1 (linear). A company without
** equity (NULL) has no known buffer: it is never stressed by its debtors,
** but its own shock propagates.
*/
#ifndef AIBUBBLE_DEBTRANK_H
#define AIBUBBLE_DEBTRANK_H

#include "claim_matrix.h"
#include "network.h"
#include "stop.h"

typedef enum { DEBTRANK_BATTISTON, DEBTRANK_LINEAR } DebtRankMethod;

#define DEBTRANK_MAX_ROUNDS 100000
/* An h this close to 1 is 1: rounding can leave a limit of exactly 1 a few
** ulps short (h = 1/2 + (3 h) / 6 stalls at 1 - 3 ulp in doubles), and
** h = 1 is a default. */
#define DEBTRANK_WHOLE_SLACK 1e-12

typedef struct DebtRank {
  int n;
  int converged;             /* 0 when stopped by max_rounds */
  double *stress;            /* [n] h at the end */
  int *distress_round;       /* [n] first round with h > 0; -1 never */
  int *default_round;        /* [n] first round with h = 1; -1 never */
  /* Work space. */
  double *initial;           /* [n] h(0) */
  double *next;              /* [n] the round's new values; kept at 0 between rounds */
  unsigned char *state;      /* [n] Battiston: undistressed, distressed, inactive */
  unsigned char *touched;    /* [n] kept at 0 between rounds */
  int *active, *next_active, *touched_list;   /* [n] each */
  void *block;
} DebtRank;

/* Allocates a DebtRank for n companies; NULL when out of memory. */
DebtRank *debtrank_new(int n);
void debtrank_free(DebtRank *d);

/* Runs the method from the shock h(0) (shock[i] in [0, 1]) for at most
** max_rounds rounds; the result is left in d. Returns 0, or what stop
** answered when it stopped the run (NULL: never stops). */
int debtrank_run(DebtRank *d, const Network *net, const ClaimMatrix *a,
                 DebtRankMethod method, const double *shock, int max_rounds,
                 StopCheck *stop);

#endif
