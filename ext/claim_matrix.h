/*
** claim_matrix.h: the claims as the matrix A of the contagion models.
**
** A_ij is the claim of company i (creditor) on company j (debtor): what j
** owes i, the sum of claims.amount over every row with that pair. Pairs
** whose sum is 0 are left out. The matrix is kept twice, grouped by
** creditor (the rows: what i holds) and grouped by debtor (the columns: who
** loses when j fails), with each company's totals. A self-claim (i = j) is
** an entry like any other. Knows no SQL.
**
** A ClaimMatrix is a single sqlite3_malloc'd block, so it can be memoized
** with its network (network_memo_put) and freed with sqlite3_free.
*/
#ifndef AIBUBBLE_CLAIM_MATRIX_H
#define AIBUBBLE_CLAIM_MATRIX_H

#include "network.h"

typedef struct ClaimMatrix {
  int n;                      /* companies */
  int n_pairs;                /* non-zero entries */
  /* Row i: entries [row_start[i], row_start[i+1]) of row_debtor/row_amount. */
  int *row_start;             /* [n + 1] */
  int *row_debtor;            /* [n_pairs] j */
  double *row_amount;         /* [n_pairs] A_ij */
  /* Column j: entries [col_start[j], col_start[j+1]) of col_creditor/col_amount. */
  int *col_start;             /* [n + 1] */
  int *col_creditor;          /* [n_pairs] i */
  double *col_amount;         /* [n_pairs] A_ij */
  double *owed;               /* [n] sum over i of A_ij: what j owes in the network */
} ClaimMatrix;

/* The matrix of net's claims; NULL when out of memory. */
ClaimMatrix *claim_matrix_new(const Network *net);

#endif
