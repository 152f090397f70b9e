/*
** claim_matrix.c: sums the claims per (creditor, debtor) pair and groups
** them both ways, in O(companies + claims).
**
** Rows keep the debtors in the order of their first claim; columns list the
** creditors in increasing company index.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "claim_matrix.h"

/* Carves the arrays out of the block that follows the struct. */
static void carve(ClaimMatrix *a, size_t n, size_t m) {
  a->row_amount = (double *)(a + 1);
  a->col_amount = a->row_amount + m;
  a->owed = a->col_amount + m;
  a->row_start = (int *)(a->owed + n);
  a->row_debtor = a->row_start + n + 1;
  a->col_start = a->row_debtor + m;
  a->col_creditor = a->col_start + n + 1;
}

/* Moves the non-zero entries of row i to its front; clears the slots. */
static int compact_row(ClaimMatrix *a, int *slot, int start, int end) {
  int keep = start, k;
  for (k = start; k < end; k++) {
    slot[a->row_debtor[k]] = -1;
    if (a->row_amount[k] > 0) {
      a->row_debtor[keep] = a->row_debtor[k];
      a->row_amount[keep] = a->row_amount[k];
      keep++;
    }
  }
  return keep;
}

/* Rows: each creditor's claims summed per debtor. col_start serves as the
** scratch slot[j] (the position of debtor j in the current row, or -1). */
static void gather_rows(ClaimMatrix *a, const Network *net) {
  int *slot = a->col_start;
  int i, j, f, at = 0;
  for (j = 0; j < a->n; j++) slot[j] = -1;
  for (i = 0; i < a->n; i++) {
    a->row_start[i] = at;
    for (f = net->claim_start[i]; f < net->claim_start[i + 1]; f++) {
      j = net->claim_debtor[f];
      if (slot[j] < 0) {
        slot[j] = at;
        a->row_debtor[at] = j;
        a->row_amount[at++] = 0;
      }
      a->row_amount[slot[j]] += net->claim_amount[f];
    }
    at = compact_row(a, slot, a->row_start[i], at);
  }
  a->row_start[a->n] = at;
  a->n_pairs = at;
}

/* Columns: the rows regrouped by debtor (a counting sort), and owed. */
static void group_columns(ClaimMatrix *a) {
  int i, j, k;
  memset(a->col_start, 0, (size_t)(a->n + 1) * sizeof(int));
  for (k = 0; k < a->n_pairs; k++) a->col_start[a->row_debtor[k] + 1]++;
  for (j = 0; j < a->n; j++) a->col_start[j + 1] += a->col_start[j];
  for (j = 0; j < a->n; j++) a->owed[j] = 0;
  for (i = 0; i < a->n; i++) {
    for (k = a->row_start[i]; k < a->row_start[i + 1]; k++) {
      int at = a->col_start[a->row_debtor[k]]++;
      a->col_creditor[at] = i;
      a->col_amount[at] = a->row_amount[k];
      a->owed[a->row_debtor[k]] += a->row_amount[k];
    }
  }
  for (j = a->n; j > 0; j--) a->col_start[j] = a->col_start[j - 1];
  a->col_start[0] = 0;
}

ClaimMatrix *claim_matrix_new(const Network *net) {
  size_t n = (size_t)net->n_companies, m = (size_t)net->n_claims;
  size_t size = sizeof(ClaimMatrix) + (2 * m + n) * sizeof(double)
              + (2 * (n + 1) + 2 * m) * sizeof(int);
  ClaimMatrix *a = sqlite3_malloc64(size);
  if (a == NULL) return NULL;
  memset(a, 0, sizeof(*a));
  a->n = net->n_companies;
  carve(a, n, m);
  gather_rows(a, net);
  group_columns(a);
  return a;
}
