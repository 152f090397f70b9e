/*
** breaking.c: the breaking-point search of breaking.h.
**
** The interval cascade runs two states side by side for the pcts in
** [lo, hi]: a low state (cuts x_low, defaults d_low) and a high state
** (x_high, d_high). Round t, from round t-1:
**   loss_high = losses from x_high, d_high     loss_low from x_low, d_low
**   L_min = L0 - m dRev_high - dFin_high + x_low Out     (worst liquidity)
**   L_max = L0 - m dRev_low - dFin_low + x_high Out      (best liquidity)
**   Eq_min = E - m dRev_high - dA_high,  Eq_max = E - m dRev_low - dA_low
**   d_high = d_high or L_min < 0 or Eq_min < 0
**   d_low  = d_low  or L_max < 0 or Eq_max < 0
**   x_high = 1 if d_high, else max(s_hi, min(1, beta loss_high / I))
**   x_low  = 1 if d_low,  else max(s_lo, min(1, beta loss_low / I))
** By induction on t, for every pct in the interval the cascade's state lies
** between the two: d_high = 0 means no default anywhere in the interval,
** d_low = 1 a default everywhere. An interval narrower than SCAN_WIDTH
** steps is scanned point by point with the cascade itself, so every answer
** is the exact cascade's.
** But the cascade stops once no cut moves by CASCADE_TOLERANCE, and the two
** states may run more rounds than it: a company whose liquidity or equity
** is exactly 0 at some pct (it survives there) could go below 0 in a bound
** after rounds the cascade never ran. So the bounds decide only with room
** to spare: the high state marks a company "may default" when a margin is
** below BOUND_SLACK times the size of its figures, the low state "defaults"
** only below minus that; anything closer is left to the exact cascades.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <string.h>
#include "breaking.h"
#include "carve.h"

typedef struct Bounds {
  int n;
  double *cut_low, *cut_high, *next_low, *next_high;
  unsigned char *default_low, *default_high, *next_default_low, *next_default_high;
  /* A round computes only the companies a change of the last one reached,
  ** as the cascade does (a long chain changes one company a round). */
  unsigned char *moved;         /* [n] what changed this round (MOVED_ bits) */
  Reach reach;
} Bounds;

/* An interval this narrow is scanned point by point: cheaper than bounds. */
#define SCAN_WIDTH 8
/* The intervals of the search form a binary tree over the grid: node 1 is
** [0, BREAKING_GRID_STEPS], node i's children 2i and 2i+1 split it at its
** middle. A node of depth 11 (ids 2048 to 4095) is at most 10000 / 2^11 + 1
** steps wide, so it is scanned: every id stays below 4096. */
#define TREE_NODES 4096
_Static_assert(BREAKING_GRID_STEPS / (TREE_NODES / 2) + 1 < SCAN_WIDTH,
               "the search tree's leaves are scanned before its ids pass TREE_NODES");
/* Margins the bounds leave to the exact cascades, relative to the size of a
** company's figures: far above what rounds past the cascade's stopping
** tolerance can move them. */
#define BOUND_SLACK 1e-6

struct BreakingSearch {
  const Network *net;
  unsigned char *spender, *failed;   /* [n], copies */
  double *spender_cut;               /* [n] for the exact cascade */
  double *cash_slack, *equity_slack; /* [n] BOUND_SLACK times the figures' size */
  CascadeParams params;
  Cascade *cascade;
  Bounds bounds;
  size_t bitset_bytes;               /* one bit a company */
  int unbounded;                     /* cascade_first_unbounded(net) */
  /* Memoized answers, as bitsets: for a tree node, "may default somewhere
  ** in it" then "defaults everywhere in it"; for a grid step, "defaults". */
  unsigned char *node[TREE_NODES];
  unsigned char *point[BREAKING_GRID_STEPS + 1];
  void *block;
};
typedef BreakingSearch Search;

/* What company j lost, from each of the two states. */
typedef struct BoundLosses {
  double revenue_low, financing_low, revenue_high, financing_high;
} BoundLosses;

/* The cut amounts of flows [from, to), from the low and the high state:
** both read in one pass (their cuts are fetched together), each summed in
** the order of the flows. */
static void sum_cut_flows(const Network *net, const Bounds *b, int from, int to,
                          double *low, double *high) {
  int f;
  *low = *high = 0;
  for (f = from; f < to; f++) {
    int payer = net->in_payer[f], behalf = net->in_behalf[f];
    double y_low = b->cut_low[payer], y_high = b->cut_high[payer];
    if (behalf != NO_COMPANY) {
      if (b->cut_low[behalf] > y_low) y_low = b->cut_low[behalf];
      if (b->cut_high[behalf] > y_high) y_high = b->cut_high[behalf];
    }
    *low += y_low * net->in_amount[f];
    *high += y_high * net->in_amount[f];
  }
}

static void bound_losses(const Network *net, const Bounds *b, int j, BoundLosses *lost) {
  int financing = net->in_financing_start[j];
  sum_cut_flows(net, b, net->in_start[j], financing, &lost->revenue_low, &lost->revenue_high);
  sum_cut_flows(net, b, financing, net->in_start[j + 1], &lost->financing_low,
                &lost->financing_high);
}

/* One round of the interval cascade for company j, whose margins within
** cash_slack and equity_slack of 0 are left undecided. */
static void bounds_round(Bounds *b, const Network *net, const CascadeParams *p,
                         const unsigned char *spender, double s_low, double s_high, int j,
                         double cash_slack, double equity_slack) {
  double before = net->liquidity_before[j], margin = net->margin[j], cash_min, cash_max, cut;
  BoundLosses lost;
  bound_losses(net, b, j, &lost);
  cash_min = before - margin * lost.revenue_high - lost.financing_high
           + b->cut_low[j] * net->outflow[j];
  cash_max = before - margin * lost.revenue_low - lost.financing_low
           + b->cut_high[j] * net->outflow[j];
  b->next_default_high[j] = b->default_high[j] || cash_min < cash_slack ||
      (net->has_equity[j] && net->equity[j] - margin * lost.revenue_high
                             - cascade_credit_loss(net, p, b->default_high, j) < equity_slack);
  b->next_default_low[j] = b->default_low[j] || cash_max < -cash_slack ||
      (net->has_equity[j] && net->equity[j] - margin * lost.revenue_low
                             - cascade_credit_loss(net, p, b->default_low, j) < -equity_slack);
  cut = cascade_passed_on(net, p, j, lost.revenue_high, lost.financing_high);
  if (spender[j] && s_high > cut) cut = s_high;
  b->next_high[j] = b->next_default_high[j] ? 1 : cut;
  cut = cascade_passed_on(net, p, j, lost.revenue_low, lost.financing_low);
  if (spender[j] && s_low > cut) cut = s_low;
  b->next_low[j] = b->next_default_low[j] ? 1 : cut;
}

/* Moves company j, computed this round, to its new state, leaving what
** moved in moved[j]; returns how far its cuts moved, and in *changed
** whether a default did. */
static double take(Bounds *b, int j, int *changed) {
  double move_low = fabs(b->next_low[j] - b->cut_low[j]);
  double move_high = fabs(b->next_high[j] - b->cut_high[j]);
  int default_moved = b->next_default_low[j] != b->default_low[j] ||
                      b->next_default_high[j] != b->default_high[j];
  b->cut_low[j] = b->next_low[j];
  b->cut_high[j] = b->next_high[j];
  b->default_low[j] = b->next_default_low[j];
  b->default_high[j] = b->next_default_high[j];
  b->moved[j] = (unsigned char)((move_low != 0 || move_high != 0 ? MOVED_CUT : 0) |
                                (default_moved ? MOVED_DEFAULT : 0));
  *changed |= default_moved;
  return move_low > move_high ? move_low : move_high;
}

/* Runs the interval cascade for pcts lo/100 .. hi/100 to its fixed point;
** 0, or what the stop check answered when it stopped the run. Round 1
** computes every company, each later round those a change reached. */
static int bounds_run(Search *s, int lo, int hi) {
  Bounds *b = &s->bounds;
  const CascadeParams *p = &s->params;
  double s_low = (lo / 100.0) / 100.0, s_high = (hi / 100.0) / 100.0;
  int j, k, round, stop;
  b->reach.n_list = b->reach.n_next = 0;
  for (j = 0; j < b->n; j++) {
    b->default_low[j] = b->default_high[j] = p->failed[j];
    b->cut_low[j] = p->failed[j] ? 1 : s->spender[j] ? s_low : 0;
    b->cut_high[j] = p->failed[j] ? 1 : s->spender[j] ? s_high : 0;
    b->reach.list[b->reach.n_list++] = j;
    b->reach.marked[j] = b->moved[j] = 0;
  }
  for (round = 1; round <= p->max_rounds; round++) {
    double move = 0, work = 0;
    long long reached = 0;
    int changed = 0;
    for (k = 0; k < b->reach.n_list; k++) {
      j = b->reach.list[k];
      bounds_round(b, s->net, p, s->spender, s_low, s_high, j, s->cash_slack[j],
                   s->equity_slack[j]);
      work += s->net->in_start[j + 1] - s->net->in_start[j] + 1;
    }
    for (k = 0; k < b->reach.n_list; k++) {
      double moved;
      j = b->reach.list[k];
      moved = take(b, j, &changed);
      if (moved > move) move = moved;
      reached += reach_size(s->net, j, b->moved[j]);
    }
    reach_next(&b->reach, s->net, b->moved, reached);
    if (!changed && move < CASCADE_TOLERANCE) break;
    stop = stop_after(p->stop, 2.0 * (work + b->reach.n_list));
    if (stop != 0) return stop;
  }
  return 0;
}

static void set_bits(unsigned char *bits, const unsigned char *flags, int n) {
  int j;
  for (j = 0; j < n; j++) {
    if (flags[j]) bits[j >> 3] |= (unsigned char)(1u << (j & 7));
  }
}

static int bit(const unsigned char *bits, int j) {
  return (bits[j >> 3] >> (j & 7)) & 1;
}

/* The defaulters at one grid step, from the exact cascade, into *bits;
** SQLITE_NOMEM, or the stop check's answer when it stopped the cascade. */
static int point_defaults(Search *s, int step, const unsigned char **bits) {
  int j, rc;
  if ((*bits = s->point[step]) != NULL) return SQLITE_OK;
  if ((s->point[step] = sqlite3_malloc64(s->bitset_bytes)) == NULL) return SQLITE_NOMEM;
  memset(s->point[step], 0, s->bitset_bytes);
  for (j = 0; j < s->net->n_companies; j++) {
    s->spender_cut[j] = s->spender[j] ? (step / 100.0) / 100.0 : 0;
  }
  if ((rc = cascade_run(s->cascade, s->net, &s->params)) != 0) {
    sqlite3_free(s->point[step]);
    s->point[step] = NULL;
    return rc;
  }
  set_bits(s->point[step], s->cascade->defaulted, s->net->n_companies);
  *bits = s->point[step];
  return SQLITE_OK;
}

/* The bounds of a tree node, into *bits: "may default" then "defaults
** everywhere"; SQLITE_NOMEM, or the stop check's answer. */
static int node_bounds(Search *s, int id, int lo, int hi, const unsigned char **bits) {
  int rc;
  if ((*bits = s->node[id]) != NULL) return SQLITE_OK;
  if ((s->node[id] = sqlite3_malloc64(2 * s->bitset_bytes)) == NULL) return SQLITE_NOMEM;
  memset(s->node[id], 0, 2 * s->bitset_bytes);
  if ((rc = bounds_run(s, lo, hi)) != 0) {
    sqlite3_free(s->node[id]);
    s->node[id] = NULL;
    return rc;
  }
  set_bits(s->node[id], s->bounds.default_high, s->net->n_companies);
  set_bits(s->node[id] + s->bitset_bytes, s->bounds.default_low, s->net->n_companies);
  *bits = s->node[id];
  return SQLITE_OK;
}

/* The first step in node id = [lo, hi] where company j defaults, into *step
** (left as it is when none). */
static int search(Search *s, int j, int id, int lo, int hi, int *step) {
  const unsigned char *bits;
  int k, mid, rc;
  if (hi - lo < SCAN_WIDTH) {
    for (k = lo; k <= hi; k++) {
      if ((rc = point_defaults(s, k, &bits)) != SQLITE_OK) return rc;
      if (bit(bits, j)) {
        *step = k;
        return SQLITE_OK;
      }
    }
    return SQLITE_OK;
  }
  if ((rc = node_bounds(s, id, lo, hi, &bits)) != SQLITE_OK) return rc;
  if (!bit(bits, j)) return SQLITE_OK;
  if (bit(bits + s->bitset_bytes, j)) {
    *step = lo;
    return SQLITE_OK;
  }
  mid = lo + (hi - lo) / 2;
  rc = search(s, j, 2 * id, lo, mid, step);
  if (rc != SQLITE_OK || *step != BREAKING_NEVER) return rc;
  return search(s, j, 2 * id + 1, mid + 1, hi, step);
}

int breaking_unbounded(const BreakingSearch *s) {
  return s->unbounded;
}

int breaking_step(BreakingSearch *s, int company, StopCheck *stop, int *step) {
  int rc;
  *step = BREAKING_NEVER;
  s->params.stop = stop;
  rc = search(s, company, 1, 0, BREAKING_GRID_STEPS, step);
  s->params.stop = NULL;
  return rc;
}

static void lay_out(BreakingSearch *s, Carving *carving, size_t n) {
  s->bounds.cut_low = carve(carving, n, sizeof(double));
  s->bounds.cut_high = carve(carving, n, sizeof(double));
  s->bounds.next_low = carve(carving, n, sizeof(double));
  s->bounds.next_high = carve(carving, n, sizeof(double));
  s->spender_cut = carve(carving, n, sizeof(double));
  s->cash_slack = carve(carving, n, sizeof(double));
  s->equity_slack = carve(carving, n, sizeof(double));
  s->bounds.default_low = carve(carving, n, 1);
  s->bounds.default_high = carve(carving, n, 1);
  s->bounds.next_default_low = carve(carving, n, 1);
  s->bounds.next_default_high = carve(carving, n, 1);
  s->bounds.moved = carve(carving, n, 1);
  s->bounds.reach.marked = carve(carving, n, 1);
  s->bounds.reach.list = carve(carving, n, sizeof(int));
  s->bounds.reach.next = carve(carving, n, sizeof(int));
  s->spender = carve(carving, n, 1);
  s->failed = carve(carving, n, 1);
}

/* The slack of each company's margins: BOUND_SLACK times the sizes of its
** liquidity's and its equity's figures. */
static void set_slack(BreakingSearch *s) {
  int j;
  for (j = 0; j < s->net->n_companies; j++) {
    /* The cascade's margins near 0 (margin.h) move by at most their own
    ** rounding of these sizes: far below the slack. */
    cascade_figure_sizes(s->net, j, &s->cash_slack[j], &s->equity_slack[j]);
    s->cash_slack[j] *= BOUND_SLACK;
    s->equity_slack[j] *= BOUND_SLACK;
  }
}

BreakingSearch *breaking_new(const Network *net, const unsigned char *spender,
                             const CascadeParams *params) {
  size_t n = (size_t)(net->n_companies > 0 ? net->n_companies : 1);
  BreakingSearch *s = sqlite3_malloc64(sizeof(BreakingSearch));
  Carving carving = CARVING_INIT;
  if (s == NULL) return NULL;
  memset(s, 0, sizeof(*s));
  lay_out(s, &carving, n);
  if (carving_alloc(&carving) == SQLITE_OK) s->block = carving.block;
  s->cascade = cascade_new(net->n_companies);
  if (s->block == NULL || s->cascade == NULL) {
    breaking_free(s);
    return NULL;
  }
  lay_out(s, &carving, n);
  s->bounds.n = net->n_companies;
  memcpy(s->spender, spender, (size_t)net->n_companies);
  memcpy(s->failed, params->failed, (size_t)net->n_companies);
  s->net = net;
  s->params = *params;
  s->params.spender_cut = s->spender_cut;
  s->params.failed = s->failed;
  s->params.on_round = NULL;
  s->params.stop = NULL;
  s->bitset_bytes = n / 8 + 1;
  s->unbounded = cascade_first_unbounded(net);
  set_slack(s);
  return s;
}

void breaking_free(void *p) {
  BreakingSearch *s = p;
  int i;
  if (s == NULL) return;
  for (i = 0; i < TREE_NODES; i++) sqlite3_free(s->node[i]);
  for (i = 0; i <= BREAKING_GRID_STEPS; i++) sqlite3_free(s->point[i]);
  cascade_free(s->cascade);
  sqlite3_free(s->block);
  sqlite3_free(s);
}
