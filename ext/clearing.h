/*
** clearing.h: the greatest clearing vector of Eisenberg and Noe (2001),
** with the default costs of Rogers and Veraart (2013). Knows no SQL.
**
** Company i owes L_ij = A_ji to each creditor j in the network and
** x_i = max(0, debt_i - sum_j L_ij) to creditors outside it, all paid pro
** rata: pbar_i = sum_j L_ij + x_i = max(debt_i, sum_j A_ji) and
** Pi_ij = L_ij / pbar_i. Its external assets are e_i = cash_i (1 - shock_i).
** With what it receives, r_i = sum_j Pi_ji p_j = sum_j A_ij p_j / pbar_j,
** the greatest clearing vector p solves
**   p_i = pbar_i                          if e_i + r_i >= pbar_i
**   p_i = alpha e_i + beta r_i            otherwise (a default)
** (alpha = beta = 1: Eisenberg-Noe, p_i = min(pbar_i, e_i + r_i)).
**
** How: the fictitious default algorithm (Eisenberg-Noe section 3; Rogers-
** Veraart's greatest clearing vector algorithm). Round k finds the companies
** that cannot pay in full when the defaulters of rounds < k pay what they
** can; the payments of all defaulters are then solved together, one
** strongly connected component of the defaulters' claims at a time in
** dependency order: exactly (Gaussian elimination that never subtracts,
** accurate to rounding even when a cycle leaks almost nothing) up to
** CLEARING_DENSE_MAX companies, by Gauss-Seidel sweeps beyond. Each sweep
** takes a debtor before the creditors it pays, as far as the cycles allow,
** so a chain settles in one sweep. A component that leaks (beta < 1, or a
** member owes someone outside it) has one fixed point, and is swept from
** above and from below side by side until the two are within
** 2 CLEARING_AIM of the upper one (or of CLEARING_FLOOR pbar, for payments
** near 0) or stop moving; their middle is taken if they are within
** 2 CLEARING_GAP: a proof that it is within CLEARING_GAP, where a small
** last change proves nothing. One of up to CLEARING_DENSE_LARGE
** companies whose sweeps do not close within what an exact solve costs is
** solved exactly. A larger one whose bounds stop apart (rounding holds them
** about 1e-16 over the share each member leaks apart) takes their middle
** if they are within 2 CLEARING_LOOSE_GAP. A component that leaks nothing is swept from above only
** (to its greatest fixed point) until no payment moves by
** CLEARING_TOLERANCE. A component that needs more sweeps than
** CLEARING_MAX_SWEEPS (for a large one, than CLEARING_SWEEP_WORK allows)
** is reported unconverged. Rounds end when a round finds no new default.
** What i receives is a sum of rounded products, so i pays in full when
** e_i + r_i falls short of pbar_i by no more than CLEARING_ROUNDING pbar_i
** (A pays B exactly what B pays it back is no default).
*/
#ifndef AIBUBBLE_CLEARING_H
#define AIBUBBLE_CLEARING_H

#include "claim_matrix.h"
#include "network.h"
#include "stop.h"

#define CLEARING_DENSE_MAX 512     /* largest component solved exactly at once */
#define CLEARING_DENSE_LARGE 2048  /* largest solved exactly when its sweeps do not close */
#define CLEARING_VISIT_COST 16     /* a sweep's visit of both bounds, in elimination steps */
#define CLEARING_MAX_SWEEPS 100000 /* per component solved by sweeps, at most... */
#define CLEARING_MIN_SWEEPS 1000   /* ...and at least, within: */
#define CLEARING_SWEEP_WORK 1e9    /* sweeps times (members + their claims) */
#define CLEARING_AIM 1e-14         /* relative half-gap the bracketed sweeps aim for... */
#define CLEARING_GAP 1e-12         /* ...and the most they may end with... */
#define CLEARING_LOOSE_GAP 1e-9    /* ...or, past CLEARING_DENSE_LARGE, when rounding stops them */
#define CLEARING_TOLERANCE 1e-15   /* relative change that ends the sweeps from above only */
#define CLEARING_FLOOR 1e-9        /* share of pbar below which changes count absolutely */
#define CLEARING_ROUNDING 1e-12    /* share of pbar a payer may fall short by: rounding */

typedef struct ClearingParams {
  const double *shock;       /* [n] share of external assets lost, in [0, 1] */
  double alpha;              /* share of external assets a defaulter recovers */
  double beta;               /* share of interbank assets a defaulter recovers */
  StopCheck *stop;           /* asked between rounds and sweeps; NULL: never stops */
} ClearingParams;

typedef struct Clearing {
  int n;
  int converged;             /* 0 when a component's sweeps did not settle; the first: */
  int unsettled_size;        /* its members */
  int unsettled_sweeps;      /* the sweeps it ran */
  double *obligation;        /* [n] pbar */
  double *external_assets;   /* [n] e */
  double *external_liabilities; /* [n] x */
  double *payment;           /* [n] p */
  double *received;          /* [n] r */
  int *default_round;        /* [n] round of the first default; -1 never */
  /* Work space for the components (Tarjan's algorithm) and their solve. */
  int *local;                /* [n] position in the component being solved, or -1 */
  int *queue;                /* [n] the new defaulters, then those solved again */
  int *candidates;           /* [n] the companies whose receipts were made again */
  unsigned char *affected;   /* [n] solved again this round */
  unsigned char *candidate;  /* [n] in candidates */
  double *rhs;
  double *low;               /* [n] the sweeps' lower bound of p */
  double *dense;             /* dense_side^2 + 3 dense_side, for the exact solves */
  int dense_side;
  void *block;
} Clearing;

/* Allocates a Clearing for n companies; NULL when out of memory. */
Clearing *clearing_new(int n);
void clearing_free(Clearing *c);

/* Clears the network; SQLITE_OK, SQLITE_NOMEM, or what params->stop
** answered when it stopped the run. */
int clearing_run(Clearing *c, const Network *net, const ClaimMatrix *a,
                 const ClearingParams *params);

/* Company i's equity after clearing, e_i + r_i - pbar_i; 0 where that is
** below 0 by rounding only, for a company that pays in full. */
double clearing_equity(const Clearing *c, int i);

#endif
