/*
** exposure_large.c: the proved solve of exposure_large.h.
**
** Within the set, e = b + W e, W_jr = f / R_j over the inflows from other
** members, b_j = the core's direct share plus what j receives from
** companies solved before. The model's Jacobi iteration moves by the share
** of revenue that comes from outside the set (the leak) a step: when most
** revenue is paid within one large set, tens of thousands of steps. Here:
**   1. Gauss-Seidel sweeps, forwards then backwards, with the slowest mode
**      of the error extrapolated away once the changes shrink by a steady
**      ratio (Aitken, on the vector of changes), give x close to e and y
**      close to (I - W)^-1 1;
**   2. the residuals r = b - (I - W) x and g = (I - W) y are summed from the
**      amounts themselves, R_j x_j against the inflows f x_i, in twice the
**      precision of a double (products split by fma, sums by TwoSum: Ogita,
**      Rump and Oishi's Dot2), with a bound on what is left of their error;
**   3. y > 0 and g > 0 prove that I - W is a nonsingular M-matrix (so e is
**      the only fixed point), and (I - W)^-1 1 <= y / min g, hence
**      |e - x| <= max |r| max y / min g. While that is above
**      EXPOSURE_TOLERANCE, x is refined: (I - W) d = r solved as in 1,
**      x += d (iterative refinement), and likewise y when g is not > 0.
**      x is kept as the sum of two vectors, x_hi + x_lo, refinements going
**      to x_lo: a double near 0.5 is only within 5.6e-17 of the answer, and
**      on a set that leaks little (I - W)^-1 would make that residual look
**      like an error of 1e-12; the answer is rounded once, at the end.
** Nothing here is taken on trust from the iteration: a set whose proof
** does not come within the work allowed is handed back.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <string.h>
#include "carve.h"
#include "exposure.h"
#include "exposure_large.h"
#include "exposure_shares.h"
#include "twice.h"

#define SOLVE_TOLERANCE 1e-6     /* relative, of an approximate solve */
#define REFINEMENTS 8            /* refinements of x, and of y, at most */
#define ROUNDING TWICE_ROUNDING

typedef struct Large {
  const LargeSet *set;
  int entries;             /* inflows from members, in all */
  int *start, *column;     /* [k + 1], [entries]: each row's inflows from members */
  double *weight;          /* [entries] f / R_j */
  double *b, *ones;        /* [k] the right-hand sides */
  Wide *revenue;           /* [k] each member's R_j, exactly (exact_base) */
  double *x_hi, *x_lo, *y, *g, *r, *d;   /* [k] */
  double *change, *last_change;  /* [k] a sweep pair's changes, the last pair's */
  double sweep_visits;     /* visits of a pair of sweeps */
  double work;             /* visits left */
  void *block;
} Large;

/* ---- the approximate solve ---- */

/* The inflows of member row that come from members, and their weights
** when weight is not NULL; returns how many. */
static int inside_inflows(const LargeSet *set, int row, int *column, double *weight) {
  const Network *net = set->net;
  int j = set->members[row], count = 0, f;
  double base = attribution_base(net, j);
  for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
    int payer = net->in_payer[f];
    if (!passes_exposure(net, set->core, f, base) || set->local[payer] < 0) continue;
    if (weight) {
      column[count] = set->local[payer];
      weight[count] = net->in_amount[f] / base;
    }
    count++;
  }
  return count;
}

/* b_j: the core's direct share and what j receives from outside the set. */
static double known_part(const LargeSet *set, int row) {
  const Network *net = set->net;
  int j = set->members[row], f;
  double base = attribution_base(net, j), known = 0;
  for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
    int payer = net->in_payer[f];
    if (passes_exposure(net, set->core, f, base) && set->local[payer] < 0) {
      known += net->in_amount[f] * set->exposure[payer];
    }
  }
  return set->direct[j] + known / base;
}

static void lay_out(void *owner, Carving *carving, size_t k) {
  Large *large = owner;
  size_t entries = (size_t)large->entries;
  large->start = carve(carving, k + 1, sizeof(int));
  large->column = carve(carving, entries, sizeof(int));
  large->weight = carve(carving, entries, sizeof(double));
  large->b = carve(carving, k, sizeof(double));
  large->revenue = carve(carving, k, sizeof(Wide));
  large->ones = carve(carving, k, sizeof(double));
  large->x_hi = carve(carving, k, sizeof(double));
  large->x_lo = carve(carving, k, sizeof(double));
  large->y = carve(carving, k, sizeof(double));
  large->g = carve(carving, k, sizeof(double));
  large->r = carve(carving, k, sizeof(double));
  large->d = carve(carving, k, sizeof(double));
  large->change = carve(carving, k, sizeof(double));
  large->last_change = carve(carving, k, sizeof(double));
}

/* Makes the rows of W and b; SQLITE_NOMEM, or SQLITE_ERROR when b says that
** nothing reaches the set or that a value it depends on is unknown. */
static int large_open(Large *large, const LargeSet *set) {
  int k = set->k, row, reached = 0, entries = 0;
  memset(large, 0, sizeof(*large));
  large->set = set;
  large->work = set->work;
  for (row = 0; row < k; row++) large->entries += inside_inflows(set, row, NULL, NULL);
  if (carve_all(large, lay_out, (size_t)k, &large->block) != SQLITE_OK) return SQLITE_NOMEM;
  for (row = 0, entries = 0; row < k; row++) {
    large->start[row] = entries;
    entries += inside_inflows(set, row, large->column + entries, large->weight + entries);
    large->b[row] = known_part(set, row);
    large->revenue[row] = exact_base(set->net, set->members[row]);
    large->ones[row] = 1;
    if (isnan(large->b[row])) return SQLITE_ERROR;
    reached |= large->b[row] != 0;
  }
  large->start[k] = entries;
  large->sweep_visits = 2.0 * ((double)k + entries);
  return reached ? SQLITE_OK : SQLITE_ERROR;
}

static void large_close(Large *large) {
  sqlite3_free(large->block);
}

/* Row `row` of a Gauss-Seidel sweep for (I - W) u = rhs; adds its move to change. */
static void sweep_row(Large *large, const double *rhs, double *u, int row) {
  double sum = rhs[row];
  int e;
  for (e = large->start[row]; e < large->start[row + 1]; e++) {
    sum += large->weight[e] * u[large->column[e]];
  }
  large->change[row] += sum - u[row];
  u[row] = sum;
}

/* A sweep forwards and one backwards; change holds what they moved. */
static void sweep_pair(Large *large, const double *rhs, double *u) {
  int k = large->set->k, row;
  memset(large->change, 0, (size_t)k * sizeof(double));
  for (row = 0; row < k; row++) sweep_row(large, rhs, u, row);
  for (row = k - 1; row >= 0; row--) sweep_row(large, rhs, u, row);
}

static double largest(const double *v, int k) {
  double most = 0;
  int i;
  for (i = 0; i < k; i++) most = fabs(v[i]) > most ? fabs(v[i]) : most;
  return most;
}

/* How this pair's changes compare with the last pair's: the ratio of the
** slowest mode when the error is down to it. */
static double change_ratio(const Large *large) {
  double across = 0, last = 0;
  int i;
  for (i = 0; i < large->set->k; i++) {
    across += large->change[i] * large->last_change[i];
    last += large->last_change[i] * large->last_change[i];
  }
  return last > 0 ? across / last : -1;
}

/* Solves (I - W) u = rhs roughly (SOLVE_TOLERANCE, relative, as the
** changes estimate it: no proof), from u = 0. SQLITE_OK; SQLITE_ERROR once
** the work allowed is spent or a value overflows; or the stop's answer. */
static int approximate_solve(Large *large, const double *rhs, double *u) {
  int k = large->set->k, rc, steady = 0;
  double ratio, last_ratio = -1, *swap;
  memset(u, 0, (size_t)k * sizeof(double));
  memset(large->last_change, 0, (size_t)k * sizeof(double));
  for (;;) {
    double size, estimate;
    if ((large->work -= large->sweep_visits) < 0) return SQLITE_ERROR;
    if ((rc = stop_after(large->set->stop, large->sweep_visits)) != 0) return rc;
    sweep_pair(large, rhs, u);
    size = largest(large->change, k);
    if (!isfinite(size) || !isfinite(largest(u, k))) return SQLITE_ERROR;
    ratio = change_ratio(large);
    estimate = ratio > 0 && ratio < 1 ? size * ratio / (1 - ratio) : size;
    if (estimate <= SOLVE_TOLERANCE * largest(u, k)) return SQLITE_OK;
    steady = ratio > 0 && ratio < 1 && fabs(ratio - last_ratio) <= 1e-3 * (1 - ratio);
    if (steady) {
      int i;
      for (i = 0; i < k; i++) u[i] += large->change[i] * ratio / (1 - ratio);
      memset(large->change, 0, (size_t)k * sizeof(double));
      ratio = -1;
    }
    last_ratio = ratio;
    swap = large->last_change, large->last_change = large->change, large->change = swap;
  }
}

/* ---- residuals in twice the precision ---- */

/* A vector of the set's values, as a sum of two (lo may be NULL). */
typedef struct Values {
  const double *hi, *lo;
} Values;

/* Adds to sum amount times member's value. */
static void add_member(Wide *sum, double amount, Values u, int member) {
  wide_add_product(sum, amount, u.hi[member]);
  if (u.lo) wide_add_product(sum, amount, u.lo[member]);
}

/* Adds to sum what inflow f of company j brings: f times a member's value,
** and with `affine` f times the core's 1 or a known company's exposure. */
static void add_inflow(Wide *sum, const LargeSet *set, int f, double base, Values u, int affine) {
  const Network *net = set->net;
  int payer = net->in_payer[f];
  double amount = net->in_amount[f];
  if (from_core(net, set->core, f)) {
    if (affine) wide_add_term(sum, amount);
  } else if (passes_exposure(net, set->core, f, base)) {
    if (set->local[payer] >= 0) add_member(sum, amount, u, set->local[payer]);
    else if (affine) wide_add_product(sum, amount, set->exposure[payer]);
  }
}

/* A row's balance, how far it may be from the exact one, and R_j to
** divide it by, as a double, with how far that may be from the exact R_j. */
typedef struct Balance {
  double value, error, base, base_error;
} Balance;

/* R_j u_j subtracted from the sum of what its inflows bring, in twice the
** precision, with R_j as the model defines it (large->revenue: its error
** bound, which u_j multiplies, is the inflow sum's). */
static Balance row_balance(const Large *large, int row, Values u, int affine) {
  const LargeSet *set = large->set;
  const Network *net = set->net;
  const Wide *revenue = &large->revenue[row];
  int j = set->members[row], f;
  double base = attribution_base(net, j), own = fabs(u.hi[row]) + (u.lo ? fabs(u.lo[row]) : 0);
  Wide sum;   /* base only picks the inflows that pass */
  Balance balance;
  memset(&sum, 0, sizeof(sum));
  for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
    if (!net->in_financing[f]) add_inflow(&sum, set, f, base, u, affine);
  }
  add_member(&sum, -revenue->hi, u, row);
  add_member(&sum, -revenue->lo, u, row);
  balance.value = sum.hi + sum.lo;
  balance.error = wide_error(&sum) + pair_error(revenue) * own * 1.01;
  balance.base = revenue->hi + revenue->lo;
  balance.base_error = wide_error(revenue);
  return balance;
}

/* r = b - (I - W) x, each row as computed, and a bound on max |r|. */
static double residual_bound(Large *large) {
  const LargeSet *set = large->set;
  Values x = { large->x_hi, large->x_lo };
  double most = 0;
  int row;
  for (row = 0; row < set->k; row++) {
    Balance balance = row_balance(large, row, x, 1);
    double least_base = balance.base - balance.base_error;
    double bound = least_base > 0 ? (fabs(balance.value) + balance.error) / least_base
                                    * (1 + 4 * ROUNDING)
                                  : INFINITY;
    large->r[row] = balance.value / balance.base;
    if (!(bound <= most)) most = bound;   /* NaN too */
  }
  return most;
}

/* g = (I - W) y, each row as computed; returns a lower bound on min g
** (at most 0 when y is not positive everywhere). */
static double least_g_bound(Large *large) {
  const LargeSet *set = large->set;
  Values y = { large->y, NULL };
  double least = INFINITY;
  int row;
  for (row = 0; row < set->k; row++) {
    Balance balance = row_balance(large, row, y, 0);
    double low = (-balance.value - balance.error) / (balance.base + balance.base_error)
               * (1 - 4 * ROUNDING);
    large->g[row] = -balance.value / balance.base;
    if (!(large->y[row] > 0)) low = 0;
    if (!(low >= least)) least = low;   /* NaN too */
  }
  return least;
}

/* Adds to u the rough solution of (I - W) d = rhs. */
static int refine(Large *large, const double *rhs, double *u) {
  int i, rc = approximate_solve(large, rhs, large->d);
  if (rc != SQLITE_OK) return rc;
  for (i = 0; i < large->set->k; i++) u[i] += large->d[i];
  return SQLITE_OK;
}

/* y with g = (I - W) y > 0 proved; *bound the bound on (I - W)^-1 1, max y / min g. */
static int prove_nonsingular(Large *large, double *bound) {
  int rc = approximate_solve(large, large->ones, large->y), round, i;
  for (round = 0; rc == SQLITE_OK; round++) {
    double least = least_g_bound(large);
    if (least > 0) {
      *bound = largest(large->y, large->set->k) / least;
      return isfinite(*bound) ? SQLITE_OK : SQLITE_ERROR;
    }
    if (round == REFINEMENTS) return SQLITE_ERROR;
    for (i = 0; i < large->set->k; i++) large->r[i] = 1 - large->g[i];
    rc = refine(large, large->r, large->y);
  }
  return rc;
}

/* x refined until |e - x| <= max |r| * inverse_bound, with the rounding
** of x_hi + x_lo to one double (half a unit in its last place, at most
** 1.2e-16 for a value of at most 1), is within the tolerance. */
static int prove_close(Large *large, double inverse_bound) {
  int rc = approximate_solve(large, large->b, large->x_hi), round;
  memset(large->x_lo, 0, (size_t)large->set->k * sizeof(double));
  for (round = 0; rc == SQLITE_OK; round++) {
    double error = residual_bound(large) * inverse_bound * (1 + 4 * ROUNDING);
    if (error + 2 * ROUNDING <= EXPOSURE_TOLERANCE) return SQLITE_OK;
    if (round == REFINEMENTS) return SQLITE_ERROR;
    rc = refine(large, large->r, large->x_lo);
  }
  return rc;
}

int exposure_large_solve(const LargeSet *set) {
  Large large;
  double inverse_bound = 0;
  int rc = large_open(&large, set), row;
  if (rc == SQLITE_OK) rc = prove_nonsingular(&large, &inverse_bound);
  if (rc == SQLITE_OK) rc = prove_close(&large, inverse_bound);
  if (rc == SQLITE_OK) {
    for (row = 0; row < set->k; row++) {
      double e = large.x_hi[row] + large.x_lo[row];
      set->exposure[set->members[row]] = e > 1 ? 1 : e < 0 ? 0 : e;
    }
  }
  large_close(&large);
  return rc;
}
