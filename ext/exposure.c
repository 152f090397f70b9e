/*
** exposure.c: the exposure fixed point of the README's "The model".
**
** The fixed point e = d + W e (d the core's direct shares, W_ji = f / R_j
** for the other revenue inflows i->j) is solved exactly, one strongly
** connected set of companies at a time, those it depends on first (Tarjan's
** algorithm over the payers): a company on no cycle is one sum; a cycle is
** a small linear system, solved by an elimination that never subtracts
** (so a cycle that leaks almost nothing is as exact as any other), whose
** least solution is 0 when it leaks nothing at all. This is the limit of
** the model's iteration from 0, without its slow approach on such cycles.
** A small cycle is first iterated as below, to SMALL_SET_TOLERANCE, while
** that costs less than the elimination; a cycle whose slacks are not known
** well enough for the elimination (exact_excess), and a set larger than
** EXPOSURE_DENSE_MAX, go to the proved solve of exposure_large.c; one it
** cannot prove is left to that iteration, within
** the set: Jacobi from e = 0 (each step reads the previous vector only, as
** the model states it); the map is monotone and bounded by 1, so the vector
** rises to the least fixed point. The same map iterated from e = 1 falls
** towards it (1 is above every fixed point), and the iteration stops when
** the two are within 2 EXPOSURE_TOLERANCE everywhere, their middle taken:
** a proof that it is within EXPOSURE_TOLERANCE, where the size of the last
** change alone is no proof (a slow part of a cycle can creep while a fast
** part ends). A set
** that nothing outside it reaches (no direct share, no known inflow) stays
** at 0, its least fixed point, after the first step.
** Only inflows of a positive share (f / R_j > 0) tie companies into sets:
** a flow of amount 0 carries no exposure.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <string.h>
#include "carve.h"
#include "exposure.h"
#include "exposure_large.h"
#include "exposure_shares.h"
#include "scc.h"

/* How close the iteration must come to take a set that the elimination
** could solve: far below EXPOSURE_TOLERANCE, since the sets solved after
** it add their own errors to what they receive from it. */
#define SMALL_SET_TOLERANCE 1e-15
/* The relative uncertainty of a slack that the elimination takes as known:
** its answer moves by about as much, relative, as its slacks do. */
#define SLACK_PRECISION 1e-15

/* The share of each company's revenue paid by the core directly. */
static void direct_shares(const Network *net, const unsigned char *core, double *direct) {
  int j, f;
  for (j = 0; j < net->n_companies; j++) {
    double base = attribution_base(net, j), sum = 0;
    direct[j] = core[j] ? 1 : 0;
    if (core[j] || base <= 0) continue;
    if (!isfinite(base)) {
      /* Inflows beyond the largest double: every share is unknown, and so
      ** is the exposure of j and of those it pays (an error, not 0). */
      direct[j] = NAN;
      continue;
    }
    for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
      if (!net->in_financing[f] && from_core(net, core, f)) sum += net->in_amount[f];
    }
    direct[j] = sum / base;
  }
}

/* d_j + sum over the other revenue inflows of (f / R_j) e_i, at most 1:
** one Jacobi step for company j from the vector e; *pays_itself is set
** when one of those inflows is from j itself. */
static double attributed(const Network *net, const unsigned char *core, const double *direct,
                         const double *e, int j, int *pays_itself) {
  double base = attribution_base(net, j), value = direct[j];
  int f;
  if (!core[j] && base > 0) {
    double sum = 0;
    for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
      if (passes_exposure(net, core, f, base)) {
        sum += net->in_amount[f] * e[net->in_payer[f]];
        *pays_itself |= net->in_payer[f] == j;
      }
    }
    value += sum / base;
  }
  return value > 1 ? 1 : value;
}

int exposure_max_iterations(const Network *net) {
  double work = (double)net->n_companies + net->n_flows + 1;
  double most = EXPOSURE_WORK / work;
  if (most > EXPOSURE_MAX_ITERATIONS) most = EXPOSURE_MAX_ITERATIONS;
  return most < EXPOSURE_MIN_ITERATIONS ? EXPOSURE_MIN_ITERATIONS : (int)most;
}

/* ---- one strongly connected set at a time ---- */

typedef struct Exact {
  const Network *net;
  const unsigned char *core;
  const double *direct;
  double *exposure;
  int *local;                /* [n] position in the set being solved, or -1 */
  double *dense;             /* side^2 + 2 side, side = min(n, DENSE_MAX); made when needed */
  double *w, *slack, *rhs;   /* in dense: [side^2], [side], [side] */
  double *low, *high;        /* [n] an iterated set's values from 0 and from 1 */
  double *next_low, *next_high;   /* [n] their next step */
  int most;                  /* steps allowed a set too large to solve */
  int unsettled;             /* the largest set that did not settle, or 0 */
  StopCheck *stop;
  void *block;
} Exact;

/* Whether company j's exposure depends on the payer of inflow f. */
static int depends(const Exact *x, int j, int f) {
  double base = attribution_base(x->net, j);
  return !x->core[j] && base > 0 && passes_exposure(x->net, x->core, f, base);
}

static void exact_lay_out(void *owner, Carving *carving, size_t n) {
  Exact *x = owner;
  x->low = carve(carving, n, sizeof(double));
  x->high = carve(carving, n, sizeof(double));
  x->next_low = carve(carving, n, sizeof(double));
  x->next_high = carve(carving, n, sizeof(double));
  x->local = carve(carving, n, sizeof(int));
}

/* Solves (I - W) e = b for k unknowns, W >= 0 with row sums <= 1: w holds
** W's off-diagonal entries (row by row), slack each row's 1 - sum of W.
** Gaussian elimination by rows that takes each pivot as its row's slack
** plus its remaining off-diagonal entries and carries the slacks along
** (Grassmann, Taksar and Heyman's way, by rows): every step adds numbers
** of one sign. The solution replaces b. 0 when singular (no slack left). */
static int eliminate_rows(double *w, double *slack, double *b, int k) {
  int c, r, s;
  for (c = 0; c < k; c++) {
    double pivot = slack[c];
    for (s = c + 1; s < k; s++) pivot += w[(size_t)c * k + s];
    if (!(pivot > 0)) return 0;
    w[(size_t)c * k + c] = pivot;
    for (r = c + 1; r < k; r++) {
      double m = w[(size_t)r * k + c] / pivot;
      if (m == 0) continue;
      for (s = c + 1; s < k; s++) {
        if (s != r) w[(size_t)r * k + s] += m * w[(size_t)c * k + s];
      }
      slack[r] += m * slack[c];
      b[r] += m * b[c];
    }
  }
  for (r = k - 1; r >= 0; r--) {
    double sum = b[r];
    for (s = r + 1; s < k; s++) sum += w[(size_t)r * k + s] * b[s];
    b[r] = sum / w[(size_t)r * k + r];
  }
  return 1;
}

/* Row r of the system for member j: W's entries within the set, its slack
** (summed from what leaves the set, when most of it stays, so that a
** near-closed cycle keeps its small slack exact: the inflows from outside
** the set, and what R_j exceeds the exact sum of the inflows by) and b =
** d_j + the known part. Returns 1 when that small slack is not known to
** SLACK_PRECISION (an excess too close to what the sums can tell), else 0. */
static int fill_row(Exact *x, int j, int r, int k) {
  const Network *net = x->net;
  double base = attribution_base(net, j), inside = 0, outside = 0, known = 0, excess, uncertainty;
  int f;
  memset(x->w + (size_t)r * k, 0, (size_t)k * sizeof(double));
  x->rhs[r] = x->direct[j];
  if (x->core[j] || base <= 0) {
    x->slack[r] = 1;
    return 0;
  }
  for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
    int i = net->in_payer[f];
    if (net->in_financing[f]) continue;
    if (depends(x, j, f) && x->local[i] >= 0) {
      inside += net->in_amount[f];
      if (i != j) x->w[(size_t)r * k + x->local[i]] += net->in_amount[f] / base;
    } else {
      outside += net->in_amount[f];
      if (depends(x, j, f)) known += net->in_amount[f] * x->exposure[i];
    }
  }
  x->rhs[r] += known / base;
  if (inside <= base / 2) {
    x->slack[r] = (base - inside) / base;
    return 0;
  }
  excess = exact_excess(net, j, &uncertainty);
  x->slack[r] = (excess + outside) / base;
  return !(uncertainty <= SLACK_PRECISION * (excess + outside));
}

/* Visits of a step of the iteration: every member and its inflows. */
static double set_visits(const Exact *x, const int *members, int k) {
  double visits = k;
  int r;
  for (r = 0; r < k; r++) {
    visits += x->net->in_start[members[r] + 1] - x->net->in_start[members[r]];
  }
  return visits;
}

/* Every member of a set unknown (NaN): SQLITE_OK. */
static int unknown_set(Exact *x, const int *members, int k) {
  int r;
  for (r = 0; r < k; r++) x->exposure[members[r]] = NAN;
  return SQLITE_OK;
}

/* One step of the iteration for the members, from the values `from` (what
** they depend on outside the set is known), into `to`; whether a value is
** unknown (NaN). */
static int iteration_step(Exact *x, const int *members, int k, const double *from, double *to) {
  int r, unknown = 0;
  for (r = 0; r < k; r++) x->exposure[members[r]] = from[r];
  for (r = 0; r < k; r++) {
    int pays_itself = 0;
    to[r] = attributed(x->net, x->core, x->direct, x->exposure, members[r], &pays_itself);
    unknown |= isnan(to[r]);
  }
  return unknown;
}

/* The model's Jacobi iteration from 0 within the set, beside the same from
** 1, until the two are within 2 tolerance; their middle is then within
** tolerance of the fixed point between them. A member
** unknown makes the whole set unknown. SQLITE_OK; SQLITE_ERROR past most
** steps, or once neither moves (rounding keeps them apart: a slow cycle's
** iterations stop a few units of rounding over 1 - its rate from the fixed
** point); or the stop check's answer. */
static int iterate_set(Exact *x, const int *members, int k, int most, double tolerance) {
  double visits = 2 * set_visits(x, members, k), gap = 1, *swap;
  int step, r, stop, reached = 0, moved = 1;
  for (r = 0; r < k; r++) {
    x->low[r] = 0;
    x->high[r] = 1;
  }
  for (step = 0; step < most && moved && gap > 2 * tolerance; step++) {
    if ((stop = stop_after(x->stop, visits)) != 0) return stop;
    /* One member unknown: every member depends on it, so all are. */
    if (iteration_step(x, members, k, x->low, x->next_low) ||
        iteration_step(x, members, k, x->high, x->next_high)) {
      return unknown_set(x, members, k);
    }
    gap = 0;
    moved = 0;
    for (r = 0; r < k; r++) {
      if (x->next_high[r] - x->next_low[r] > gap) gap = x->next_high[r] - x->next_low[r];
      moved |= x->next_low[r] != x->low[r] || x->next_high[r] != x->high[r];
      reached |= x->next_low[r] != 0;
    }
    if (!reached) gap = 0;   /* nothing reaches the set: 0 is its least fixed point */
    swap = x->low, x->low = x->next_low, x->next_low = swap;
    swap = x->high, x->high = x->next_high, x->next_high = swap;
  }
  for (r = 0; r < k; r++) {
    x->exposure[members[r]] = reached ? x->low[r] + (x->high[r] - x->low[r]) / 2 : 0;
  }
  return gap <= 2 * tolerance ? SQLITE_OK : SQLITE_ERROR;
}

/* A set whose iteration did not settle: its exposures are unknown (NaN),
** and so are those of every company it pays, directly or not; the rest of
** the network is solved as usual. */
static int give_up(Exact *x, const int *members, int k) {
  if (k > x->unsettled) x->unsettled = k;
  return unknown_set(x, members, k);
}

/* Iterates the set up to the steps allowed; gives up on it past them. */
static int iterate_or_give_up(Exact *x, const int *members, int k) {
  int rc = iterate_set(x, members, k, x->most, EXPOSURE_TOLERANCE);
  return rc == SQLITE_ERROR ? give_up(x, members, k) : rc;
}

/* The steps of iteration that cost what solving the set exactly would
** (k^3 / 3 for the elimination), at two visits a member and an inflow a
** step (from 0 and from 1). */
static int steps_worth(const Exact *x, const int *members, int k) {
  double steps = (double)k * k * k / 3 / (2 * set_visits(x, members, k));
  return steps < EXPOSURE_MIN_STEPS ? EXPOSURE_MIN_STEPS : steps > x->most ? x->most : (int)steps;
}

static int solve_large(Exact *x, const int *members, int k);

/* Solves the set members[0..k) exactly, when it is small enough and its
** slacks are known well enough; else as a large set. */
static int solve_dense(Exact *x, const int *members, int k) {
  int r, carried = 0, unknown = 0, uncertain = 0;
  if (x->dense == NULL) {
    size_t side = x->net->n_companies < EXPOSURE_DENSE_MAX ? (size_t)x->net->n_companies
                                                             : EXPOSURE_DENSE_MAX;
    if ((x->dense = sqlite3_malloc64((side * side + 2 * side) * sizeof(double))) == NULL) {
      return SQLITE_NOMEM;
    }
    x->w = x->dense;
    x->slack = x->w + side * side;
    x->rhs = x->slack + side;
  }
  for (r = 0; r < k; r++) x->local[members[r]] = r;
  for (r = 0; r < k; r++) {
    uncertain |= fill_row(x, members[r], r, k);
    carried |= x->rhs[r] != 0;
    unknown |= isnan(x->rhs[r]);
  }
  for (r = 0; r < k; r++) x->local[members[r]] = -1;
  if (unknown) return unknown_set(x, members, k);   /* every member depends on it */
  if (uncertain) return solve_large(x, members, k);
  if (!eliminate_rows(x->w, x->slack, x->rhs, k)) {
    if (carried) return iterate_or_give_up(x, members, k);   /* against rounding */
    for (r = 0; r < k; r++) x->rhs[r] = 0;   /* a closed cycle: nothing reaches it */
  }
  for (r = 0; r < k; r++) {
    double e = x->rhs[r];
    x->exposure[members[r]] = e > 1 ? 1 : e < 0 ? 0 : e;
  }
  return SQLITE_OK;
}

/* A company on no cycle: one sum, unless it pays itself. */
static int solve_alone(Exact *x, int j) {
  int pays_itself = 0;
  double value = attributed(x->net, x->core, x->direct, x->exposure, j, &pays_itself);
  if (pays_itself) return solve_dense(x, &j, 1);
  x->exposure[j] = value;
  return SQLITE_OK;
}

/* A set too large to solve exactly: the proved solve of exposure_large.h,
** with a quarter of the iteration's work, else the iteration (which finds
** at once a set that nothing reaches, or one that depends on an unknown). */
static int solve_large(Exact *x, const int *members, int k) {
  LargeSet set = { x->net, x->core, x->direct, x->exposure, x->local, members, k,
                   x->most * set_visits(x, members, k) / 2, x->stop };
  int r, rc;
  for (r = 0; r < k; r++) x->local[members[r]] = r;
  rc = exposure_large_solve(&set);
  for (r = 0; r < k; r++) x->local[members[r]] = -1;
  return rc == SQLITE_ERROR ? iterate_or_give_up(x, members, k) : rc;
}

/* Solves the set members[0..k): a lone company exactly; a cycle by the
** iteration while that costs less than the exact solve, then exactly; a
** set too large for that by the proved solve, else the iteration. */
static int solve_set(Exact *x, const int *members, int k) {
  int rc;
  if (k == 1) return solve_alone(x, members[0]);
  if (k > EXPOSURE_DENSE_MAX) return solve_large(x, members, k);
  rc = iterate_set(x, members, k, steps_worth(x, members, k), SMALL_SET_TOLERANCE);
  return rc == SQLITE_ERROR ? solve_dense(x, members, k) : rc;
}

static int depends_on_payer(void *x, int j, int f) {
  return depends(x, j, f);
}

static int solve_set_of(void *x, const int *members, int k) {
  return solve_set(x, members, k);
}

/* Every set, those it depends on first: SQLITE_OK, SQLITE_NOMEM or the
** stop's answer; *unsettled as exposure_solve says. */
static int solve_sets(const Network *net, const unsigned char *core, const double *direct,
                      StopCheck *stop, double *exposure, int *unsettled) {
  Exact x;
  SccGraph graph;
  int j, rc;
  memset(&x, 0, sizeof(x));
  if (carve_all(&x, exact_lay_out, (size_t)net->n_companies, &x.block) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  x.net = net;
  x.core = core;
  x.direct = direct;
  x.exposure = exposure;
  x.most = exposure_max_iterations(net);
  x.stop = stop;
  for (j = 0; j < net->n_companies; j++) x.local[j] = -1;
  graph = (SccGraph){ .n = net->n_companies, .start = net->in_start,
                      .target = net->in_payer, .keep = depends_on_payer,
                      .solve = solve_set_of, .context = &x };
  rc = scc_walk(&graph);
  *unsettled = x.unsettled;
  sqlite3_free(x.dense);
  sqlite3_free(x.block);
  return rc;
}

int exposure_solve(const Network *net, const unsigned char *core, StopCheck *stop,
                   double *exposure, int *unsettled) {
  double *direct;
  int rc;
  *unsettled = 0;
  if (net->n_companies == 0) return SQLITE_OK;
  direct = sqlite3_malloc64((size_t)net->n_companies * sizeof(double));
  if (direct == NULL) return SQLITE_NOMEM;
  direct_shares(net, core, direct);
  rc = solve_sets(net, core, direct, stop, exposure, unsettled);
  sqlite3_free(direct);
  return rc;
}
