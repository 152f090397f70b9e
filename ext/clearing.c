/*
** clearing.c: the fictitious default algorithm of clearing.h.
**
** Each round: r from the current p (over the rows of the claim matrix);
** the companies with e + r < pbar join the defaulters; the defaulters'
** payments are solved anew. Their system p_D = alpha e_D + beta r_D(p)
** splits along the strongly connected components of the claims among
** defaulters (scc.h); a component depends only on the components it holds
** claims on, which come first. Only what a round's new defaulters reach
** changes: the defaulters that hold claims on them, however indirectly,
** are solved again, and only the creditors of those receive anew; the
** rest stands as the last round left it.
** Payments only fall from one round to the next, so the last round's p is
** an upper bound that the sweeps start from, and defaulters stay defaulters.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "carve.h"
#include "clearing.h"
#include "scc.h"

static void lay_out(void *owner, Carving *carving, size_t n) {
  Clearing *c = owner;
  c->obligation = carve(carving, n, sizeof(double));
  c->external_assets = carve(carving, n, sizeof(double));
  c->external_liabilities = carve(carving, n, sizeof(double));
  c->payment = carve(carving, n, sizeof(double));
  c->received = carve(carving, n, sizeof(double));
  c->rhs = carve(carving, n, sizeof(double));
  c->low = carve(carving, n, sizeof(double));
  c->default_round = carve(carving, n, sizeof(int));
  c->local = carve(carving, n, sizeof(int));
  c->queue = carve(carving, n, sizeof(int));
  c->candidates = carve(carving, n, sizeof(int));
  c->affected = carve(carving, n, 1);
  c->candidate = carve(carving, n, 1);
}

Clearing *clearing_new(int n) {
  Clearing *c = sqlite3_malloc64(sizeof(Clearing));
  if (c == NULL) return NULL;
  memset(c, 0, sizeof(*c));
  c->n = n;
  if (carve_all(c, lay_out, n > 0 ? (size_t)n : 1, &c->block) != SQLITE_OK) {
    sqlite3_free(c);
    return NULL;
  }
  return c;
}

void clearing_free(Clearing *c) {
  if (c == NULL) return;
  sqlite3_free(c->dense);
  sqlite3_free(c->block);
  sqlite3_free(c);
}

static void setup(Clearing *c, const Network *net, const ClaimMatrix *a, const ClearingParams *p) {
  int i;
  for (i = 0; i < c->n; i++) {
    double owed = a->owed[i], debt = net->debt[i];
    c->obligation[i] = debt > owed ? debt : owed;
    c->external_liabilities[i] = debt > owed ? debt - owed : 0;
    c->external_assets[i] = net->cash[i] * (1 - p->shock[i]);
    c->payment[i] = c->obligation[i];
    c->default_round[i] = -1;
    c->local[i] = -1;
    c->affected[i] = c->candidate[i] = 0;
  }
  c->converged = 1;
}

/* r_i = sum_j A_ij p_j / pbar_j; pbar_j >= A_ij > 0 on every entry. */
static void compute_received(Clearing *c, const ClaimMatrix *a, int i) {
  double r = 0;
  int e;
  for (e = a->row_start[i]; e < a->row_start[i + 1]; e++) {
    int j = a->row_debtor[e];
    r += a->row_amount[e] * (c->payment[j] / c->obligation[j]);
  }
  c->received[i] = r;
}

/* Marks company i a defaulter of round when it cannot pay in full, and
** queues it; returns whether it was. */
static int find_default(Clearing *c, int i, int round, int *n_found) {
  if (c->default_round[i] >= 0 ||
      c->external_assets[i] + c->received[i] >= c->obligation[i] * (1 - CLEARING_ROUNDING)) {
    return 0;
  }
  c->default_round[i] = round;
  c->queue[(*n_found)++] = i;
  return 1;
}

static double clamp_payment(const Clearing *c, int i, double value) {
  if (value < 0) return 0;
  return value > c->obligation[i] ? c->obligation[i] : value;
}

/* r_i over i's debtors inside (inside = 1) or outside the component. */
static double inflow(const Clearing *c, const ClaimMatrix *a, int i, int inside) {
  double r = 0;
  int e;
  for (e = a->row_start[i]; e < a->row_start[i + 1]; e++) {
    int j = a->row_debtor[e];
    if ((c->local[j] >= 0) == inside) r += a->row_amount[e] * (c->payment[j] / c->obligation[j]);
  }
  return r;
}

/* The component's matrix I - beta Pi^T, an M-matrix, kept as what needs
** no subtraction: g[r k + s] = beta A_ij / pbar_j >= 0 for the off-
** diagonal entries (i = members[r], j = members[s], r != s; the entry is
** -g) and the column slacks v[s] = 1 - beta sum_{i in S} A_ij / pbar_j =
** (x_j + sum_{i not in S} A_ij + (1 - beta) sum_{i in S} A_ij) / pbar_j. */
static void fill_dense(Clearing *c, const ClaimMatrix *a, double beta, const int *members,
                       int k, double *g, double *v) {
  int r, e;
  memset(g, 0, (size_t)k * (size_t)k * sizeof(double));
  for (r = 0; r < k; r++) {
    int i = members[r];
    for (e = a->row_start[i]; e < a->row_start[i + 1]; e++) {
      int j = a->row_debtor[e], s = c->local[j];
      if (s >= 0 && s != r) g[(size_t)r * k + s] = beta * a->row_amount[e] / c->obligation[j];
    }
  }
  for (r = 0; r < k; r++) {
    int j = members[r];
    double outside = c->external_liabilities[j], inside = 0;
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      if (c->local[a->col_creditor[e]] >= 0) inside += a->col_amount[e];
      else outside += a->col_amount[e];
    }
    v[r] = (outside + (1 - beta) * inside) / c->obligation[j];
  }
}

/* Solves (I - beta Pi^T) x = b in place of b by Gaussian elimination in
** the manner of Grassmann, Taksar and Heyman: each pivot is its column's
** slack plus the magnitudes below it, so no step subtracts and the result
** is accurate to rounding in every component however ill-conditioned the
** matrix (a cycle that leaks almost nothing). 0 when singular. */
static int eliminate(double *g, double *v, double *pivot, double *b, int k) {
  int col, r, s;
  for (col = 0; col < k; col++) {
    double p = v[col];
    for (r = col + 1; r < k; r++) p += g[(size_t)r * k + col];
    if (!(p > 0)) return 0;
    pivot[col] = p;
    for (r = col + 1; r < k; r++) {
      double f = g[(size_t)r * k + col] / p;
      if (f == 0) continue;
      for (s = col + 1; s < k; s++) {
        if (s != r) g[(size_t)r * k + s] += f * g[(size_t)col * k + s];
      }
      b[r] += f * b[col];
    }
    for (s = col + 1; s < k; s++) v[s] += g[(size_t)col * k + s] / p * v[col];
  }
  for (r = k - 1; r >= 0; r--) {
    double sum = b[r];
    for (s = r + 1; s < k; s++) sum += g[(size_t)r * k + s] * b[s];
    b[r] = sum / pivot[r];
  }
  return 1;
}

/* Solves the component exactly: 1 solved, 0 singular, or SQLITE_NOMEM or
** the stop check's answer as a negative number. The right-hand side is in
** c->rhs[0..k), which stays as it is for the sweeps when it is singular
** (the elimination works on a copy). */
static int solve_dense(Clearing *c, const ClaimMatrix *a, const ClearingParams *p,
                       const int *members, int k) {
  double *v, *pivot, *x;
  int r, stop, solvable;
  if (k > c->dense_side) {
    size_t side = (size_t)(k > CLEARING_DENSE_MAX ? k : CLEARING_DENSE_MAX);
    if (side > (size_t)c->n) side = (size_t)c->n;
    sqlite3_free(c->dense);
    c->dense_side = 0;
    c->dense = sqlite3_malloc64((side * side + 3 * side) * sizeof(double));
    if (c->dense == NULL) return -SQLITE_NOMEM;
    c->dense_side = (int)side;
  }
  v = c->dense + (size_t)k * (size_t)k;
  pivot = v + k;
  x = pivot + k;
  fill_dense(c, a, p->beta, members, k, c->dense, v);
  memcpy(x, c->rhs, (size_t)k * sizeof(double));
  solvable = eliminate(c->dense, v, pivot, x, k);
  if ((stop = stop_after(p->stop, (double)k * k * k / 3)) != 0) return -stop;
  if (!solvable) return 0;
  for (r = 0; r < k; r++) c->payment[members[r]] = clamp_payment(c, members[r], x[r]);
  return 1;
}

/* What a sweep's change of p_i is measured against: p_i itself, but no
** less than CLEARING_FLOOR of the obligation (a payment falling to 0
** would otherwise be followed down to the smallest double). */
static double sweep_scale(const Clearing *c, int i, double p) {
  double least = CLEARING_FLOOR * c->obligation[i];
  return p > least ? p : least;
}

/* The sweeps a component may take: CLEARING_MAX_SWEEPS, fewer for a large
** one (CLEARING_SWEEP_WORK), but at least CLEARING_MIN_SWEEPS. */
static int sweep_limit(double visits) {
  double most = CLEARING_SWEEP_WORK / visits;
  if (most > CLEARING_MAX_SWEEPS) return CLEARING_MAX_SWEEPS;
  return most < CLEARING_MIN_SWEEPS ? CLEARING_MIN_SWEEPS : (int)most;
}

/* A sweep's visits: the members and the claims they hold. */
static double sweep_visits(const ClaimMatrix *a, const int *members, int k) {
  double visits = k;
  int r;
  for (r = 0; r < k; r++) visits += a->row_start[members[r] + 1] - a->row_start[members[r]];
  return visits;
}

/* 1 when some of what the component's members pay leaves it: beta < 1, or
** a member owes someone outside (x_j > 0 or a creditor not a member). Its
** claims tie every member to every other, so its map then has one fixed
** point. */
static int component_leaks(const Clearing *c, const ClaimMatrix *a, double beta,
                           const int *members, int k) {
  int r, e;
  if (beta < 1) return 1;
  for (r = 0; r < k; r++) {
    int j = members[r];
    if (c->external_liabilities[j] > 0) return 1;
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      if (c->local[a->col_creditor[e]] < 0) return 1;
    }
  }
  return 0;
}

/* Gauss-Seidel sweeps from above, to the greatest fixed point of a
** component that leaks nothing: 1 converged, 0 stopped by the limit (its
** sweeps in *swept), or minus the stop check's answer. The members come in
** the order the walk found them, creditors before their debtors, so the
** sweep runs backwards: debtors first. */
static int sweep_from_above(Clearing *c, const ClaimMatrix *a, const ClearingParams *p,
                            const int *members, int k, int *swept) {
  double visits = sweep_visits(a, members, k);
  int sweep, r, stop, most = sweep_limit(visits);
  for (sweep = 0; sweep < most; sweep++) {
    int moved = 0;
    if ((stop = stop_after(p->stop, visits)) != 0) return -stop;
    for (r = k - 1; r >= 0; r--) {
      int i = members[r];
      double v = clamp_payment(c, i, c->rhs[r] + p->beta * inflow(c, a, i, 1));
      if (v < c->payment[i]) {
        if (c->payment[i] - v > CLEARING_TOLERANCE * sweep_scale(c, i, v)) moved = 1;
        c->payment[i] = v;
      }
    }
    if (!moved) return 1;
  }
  *swept = most;
  return 0;
}

/* r_i from i's debtors inside the component, paying the upper bounds
** (c->payment) and the lower ones (c->low), in one pass over i's claims. */
static void inflow_inside(const Clearing *c, const ClaimMatrix *a, int i, double *high,
                          double *low) {
  double h = 0, l = 0;
  int e;
  for (e = a->row_start[i]; e < a->row_start[i + 1]; e++) {
    int j = a->row_debtor[e];
    if (c->local[j] >= 0) {
      h += a->row_amount[e] * (c->payment[j] / c->obligation[j]);
      l += a->row_amount[e] * (c->low[j] / c->obligation[j]);
    }
  }
  *high = h;
  *low = l;
}

/* One sweep of both bounds, debtors first; 1 when they are within
** 2 CLEARING_AIM everywhere, and *moved set when either moved. The map is
** monotone, so each stays on its side of the fixed point. */
static int sweep_both(Clearing *c, const ClaimMatrix *a, double beta, const int *members,
                      int k, int *moved) {
  int r, closed = 1;
  *moved = 0;
  for (r = k - 1; r >= 0; r--) {
    int i = members[r];
    double high, low;
    inflow_inside(c, a, i, &high, &low);
    high = clamp_payment(c, i, c->rhs[r] + beta * high);
    low = clamp_payment(c, i, c->rhs[r] + beta * low);
    if (high < c->payment[i]) c->payment[i] = high, *moved = 1;
    if (low > c->low[i]) c->low[i] = low, *moved = 1;
    if (c->payment[i] - c->low[i] > 2 * CLEARING_AIM * sweep_scale(c, i, c->payment[i])) closed = 0;
  }
  return closed;
}

/* Sets p to the middle of the bounds if they are within 2 gap (relative,
** as sweep_scale) everywhere: 1, else 0. Where rounding put the lower
** above the upper, p is the lower. */
static int take_middle(Clearing *c, const int *members, int k, double gap) {
  int r;
  for (r = 0; r < k; r++) {
    int i = members[r];
    if (c->payment[i] - c->low[i] > 2 * gap * sweep_scale(c, i, c->payment[i])) return 0;
  }
  for (r = 0; r < k; r++) {
    int i = members[r];
    double low = c->low[i], high = c->payment[i];
    c->payment[i] = low < high ? low + (high - low) / 2 : low;
  }
  return 1;
}

/* The bounds' start: from below, what comes from outside the component
** (alpha e + beta r outside); from above, the last round's p (payments only
** fall from round to round) raised by what it may be off, 2
** CLEARING_LOOSE_GAP, and at most pbar. */
static void start_bounds(Clearing *c, const int *members, int k) {
  int r;
  for (r = 0; r < k; r++) {
    int i = members[r];
    double p = c->payment[i];
    c->low[i] = clamp_payment(c, i, c->rhs[r]);
    c->payment[i] = clamp_payment(c, i, p + 2 * CLEARING_LOOSE_GAP * sweep_scale(c, i, p));
  }
}

/* Gauss-Seidel sweeps of a component that leaks, from both bounds
** (start_bounds), until they are within 2 CLEARING_AIM, most sweeps have
** run, or neither moves (rounding holds them about 1e-16 over the share each
** member leaks apart); a sweep costs visits (both bounds). Then 1 with p
** their middle if they are within 2 accept; else 0 with the sweeps run in
** *swept; or minus the stop check's answer. */
static int sweep_bracket(Clearing *c, const ClaimMatrix *a, const ClearingParams *p,
                         const int *members, int k, double visits, int most, double accept,
                         int *swept) {
  int sweep, stop, moved = 1, closed = 0;
  start_bounds(c, members, k);
  for (sweep = 0; sweep < most && moved && !closed; sweep++) {
    if ((stop = stop_after(p->stop, visits)) != 0) return -stop;
    closed = sweep_both(c, a, p->beta, members, k, &moved);
  }
  *swept = sweep;
  return take_middle(c, members, k, accept);
}

/* Solves a component that leaks and is too large to solve exactly at once.
** Up to CLEARING_DENSE_LARGE members: bracketed sweeps while they cost less
** than an exact solve (a visit of both bounds costs about
** CLEARING_VISIT_COST steps of the elimination), then the exact solve.
** Beyond: bracketed sweeps, whose bounds may end within CLEARING_LOOSE_GAP
** when rounding keeps them apart. As sweep_bracket. */
static int solve_leaking(Clearing *c, const ClaimMatrix *a, const ClearingParams *p,
                         const int *members, int k, int *swept) {
  double visits = 2 * sweep_visits(a, members, k);
  double affordable = (double)k * k * k / 3 / CLEARING_VISIT_COST / visits;
  int most = sweep_limit(visits), solved;
  if (k > CLEARING_DENSE_LARGE) {
    return sweep_bracket(c, a, p, members, k, visits, most, CLEARING_LOOSE_GAP, swept);
  }
  if (affordable < most) most = affordable < 1 ? 1 : (int)affordable;
  solved = sweep_bracket(c, a, p, members, k, visits, most, CLEARING_GAP, swept);
  return solved == 0 ? solve_dense(c, a, p, members, k) : solved;
}

/* Solves the payments of one component, whose debtors outside it are
** settled: p_i = alpha e_i + beta (r_i outside + r_i inside). */
static int solve_component(Clearing *c, const ClaimMatrix *a, const ClearingParams *p,
                           const int *members, int k) {
  int r, solved = 0, swept = 0, rc = SQLITE_OK;
  for (r = 0; r < k; r++) c->local[members[r]] = r;
  for (r = 0; r < k; r++) {
    int i = members[r];
    c->rhs[r] = p->alpha * c->external_assets[i] + p->beta * inflow(c, a, i, 0);
  }
  if (k <= CLEARING_DENSE_MAX) solved = solve_dense(c, a, p, members, k);
  if (solved == 0) {
    solved = component_leaks(c, a, p->beta, members, k) && k > CLEARING_DENSE_MAX
                 ? solve_leaking(c, a, p, members, k, &swept)
                 : sweep_from_above(c, a, p, members, k, &swept);
  }
  if (solved < 0) {
    rc = -solved;
  } else if (!solved && c->converged) {
    c->converged = 0;
    c->unsettled_size = k;
    c->unsettled_sweeps = swept;
  }
  for (r = 0; r < k; r++) c->local[members[r]] = -1;
  return rc;
}

/* The claims among the defaulters whose payments are solved again. */
typedef struct Defaulters {
  Clearing *c;
  const ClaimMatrix *a;
  const ClearingParams *p;
} Defaulters;

static int is_affected(void *context, int i) {
  return ((Defaulters *)context)->c->affected[i];
}

/* Claim e of i counts when its debtor is solved again too (the others'
** payments stand). */
static int on_affected(void *context, int i, int e) {
  Defaulters *d = context;
  (void)i;
  return d->c->affected[d->a->row_debtor[e]];
}

static int solve_set(void *context, const int *members, int k) {
  Defaulters *d = context;
  return solve_component(d->c, d->a, d->p, members, k);
}

/* The defaulters whose payments the new ones (queue[0 .. n_new)) change:
** themselves, and every defaulter that holds a claim on one of those,
** however indirectly; the others' debtors pay as before, and so do they.
** Queues and flags them; returns how many. */
static int affected_defaulters(Clearing *c, const ClaimMatrix *a, int n_new) {
  int k, e, n = n_new;
  for (k = 0; k < n_new; k++) c->affected[c->queue[k]] = 1;
  for (k = 0; k < n; k++) {
    int j = c->queue[k];
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      int i = a->col_creditor[e];
      if (c->default_round[i] >= 0 && !c->affected[i]) {
        c->affected[i] = 1;
        c->queue[n++] = i;
      }
    }
  }
  return n;
}

/* What the creditors of the companies queue[0 .. n) receive, again: those
** creditors become the candidates of the next round's defaults. */
static int receipts_again(Clearing *c, const ClaimMatrix *a, int n) {
  int k, e, n_candidates = 0;
  for (k = 0; k < n; k++) {
    int j = c->queue[k];
    for (e = a->col_start[j]; e < a->col_start[j + 1]; e++) {
      int i = a->col_creditor[e];
      if (!c->candidate[i]) {
        c->candidate[i] = 1;
        c->candidates[n_candidates++] = i;
      }
    }
  }
  for (k = 0; k < n_candidates; k++) compute_received(c, a, c->candidates[k]);
  return n_candidates;
}

/* Solves the payments of the affected defaulters (queue[0 .. n)), one
** strongly connected set at a time, debtors first; then what their
** creditors receive. Returns SQLITE_OK, SQLITE_NOMEM, or the stop check's
** answer; *n_candidates, the creditors to look at for new defaults. */
static int solve_round(Clearing *c, const ClaimMatrix *a, const ClearingParams *p,
                       SccWalker *walker, int n, int *n_candidates) {
  Defaulters d = { c, a, p };
  SccGraph graph = { .n = c->n, .start = a->row_start, .target = a->row_debtor,
                     .root = is_affected, .keep = on_affected, .solve = solve_set };
  double work = 0;
  int k, rc;
  graph.context = &d;
  rc = scc_walk_roots(walker, &graph, c->queue, n);
  *n_candidates = rc == SQLITE_OK ? receipts_again(c, a, n) : 0;
  for (k = 0; k < n; k++) {
    int j = c->queue[k];
    c->affected[j] = 0;
    work += 1 + (a->row_start[j + 1] - a->row_start[j]) + (a->col_start[j + 1] - a->col_start[j]);
  }
  if (rc == SQLITE_OK) rc = stop_after(p->stop, work + *n_candidates);
  return rc;
}

/* The defaults of round among the candidates, whose marks it clears, into
** queue[0 ..); returns how many. */
static int round_defaults(Clearing *c, int round, int n_candidates) {
  int k, n_found = 0;
  for (k = 0; k < n_candidates; k++) {
    int i = c->candidates[k];
    find_default(c, i, round, &n_found);
    c->candidate[i] = 0;
  }
  return n_found;
}

/* Round 1 looks at every company; each later round only at the creditors
** of the defaulters solved again (the others receive what they did), and
** solves again only the defaulters that the new ones reach: defaults that
** come one a round down a chain cost what they touch, not rounds times
** companies. */
int clearing_run(Clearing *c, const Network *net, const ClaimMatrix *a, const ClearingParams *p) {
  SccWalker *walker = scc_walker_new(c->n);
  int rc = SQLITE_OK, round, i, n_new = 0, n_candidates;
  if (walker == NULL) return SQLITE_NOMEM;
  setup(c, net, a, p);
  for (i = 0; i < c->n; i++) {
    compute_received(c, a, i);
    find_default(c, i, 1, &n_new);
  }
  for (round = 1; n_new > 0 && rc == SQLITE_OK; round++) {
    rc = solve_round(c, a, p, walker, affected_defaulters(c, a, n_new), &n_candidates);
    n_new = rc == SQLITE_OK ? round_defaults(c, round + 1, n_candidates) : 0;
  }
  scc_walker_free(walker);
  return rc;
}

double clearing_equity(const Clearing *c, int i) {
  double equity = c->external_assets[i] + c->received[i] - c->obligation[i];
  return c->default_round[i] < 0 && equity < 0 ? 0 : equity;
}
