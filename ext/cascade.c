/*
** cascade.c: the liquidity cascade of the README's "The model", round by round.
**
** Round t reads only the state of round t-1 (cuts x, defaults d):
**   y(flow i->j on behalf of b) = max(x_i, x_b)
**   dRev_j = sum of y f over revenue inflows, dFin_j over financing inflows
**   Saved_j = x_j Out_j,   dA_j = (1 - rho) sum over claims j->k of c d_k
**   L_j  = L0_j - m_j dRev_j - dFin_j + Saved_j
**   Eq_j = E_j - m_j dRev_j - dA_j
**   d_j  = d_j or L_j < 0 or Eq_j < 0
**   x_j  = 1 if d_j, else max(s_j, min(1, beta (dRev_j + dFin_j) / I_j))
** and stops when no d changed and no x moved by CASCADE_TOLERANCE or more.
** Every map above is monotone in (x, d), so x and d only grow: the loop ends.
** A company whose inputs did not change in a round (the cuts of its payers
** and of their end customers, the defaults of its debtors, its own cut)
** would compute the same figures again: each round computes only the
** companies that a change of the last round reached (or all of them, when
** the changes reach so far that finding them would cost more).
** cascade_run_lanes runs up to CASCADE_LANES cascades together: one pass
** over the flows sums every lane's losses (the lanes' cuts of a company
** share a cache line), then each lane settles the companies as
** cascade_run does, with the same operations in the same order.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "carve.h"
#include "cascade.h"
#include "margin.h"

static void lay_out(void *owner, Carving *carving, size_t n) {
  Cascade *c = owner;
  c->cut = carve(carving, n, sizeof(double));
  c->revenue_lost = carve(carving, n, sizeof(double));
  c->financing_lost = carve(carving, n, sizeof(double));
  c->credit_loss = carve(carving, n, sizeof(double));
  c->saved = carve(carving, n, sizeof(double));
  c->cash_after = carve(carving, n, sizeof(double));
  c->equity_after = carve(carving, n, sizeof(double));
  c->next_cut = carve(carving, n, sizeof(double));
  c->contribution = carve(carving, n, sizeof(double));
  c->default_round = carve(carving, n, sizeof(int));
  c->cause = carve(carving, n, sizeof(int));
  c->touched = carve(carving, n, sizeof(int));
  c->reach.list = carve(carving, n, sizeof(int));
  c->reach.next = carve(carving, n, sizeof(int));
  c->defaulted = carve(carving, n, 1);
  c->next_defaulted = carve(carving, n, 1);
  c->moved = carve(carving, n, 1);
  c->reach.marked = carve(carving, n, 1);
}

Cascade *cascade_new(int n) {
  Cascade *c = sqlite3_malloc64(sizeof(Cascade));
  if (c == NULL) return NULL;
  memset(c, 0, sizeof(*c));
  c->refcount = 1;
  c->n = n;
  if (carve_all(c, lay_out, n > 0 ? (size_t)n : 1, &c->block) != SQLITE_OK) {
    sqlite3_free(c);
    return NULL;
  }
  return c;
}

/* The bytes of the block that lay_out carves for n companies. */
static size_t block_bytes(int n) {
  Cascade scratch;
  Carving carving = CARVING_INIT;
  lay_out(&scratch, &carving, n > 0 ? (size_t)n : 1);
  return carving.size;
}

size_t cascade_size(int n) {
  return sizeof(Cascade) + block_bytes(n);
}

void cascade_renew(Cascade *c) {
  memset(c->block, 0, block_bytes(c->n));
  c->rounds = c->converged = c->rows_finite = c->defaults_moved = 0;
  c->reach.n_list = c->reach.n_next = 0;
  c->density = 0;
}

Cascade *cascade_retain(Cascade *c) {
  c->refcount++;
  return c;
}

void cascade_free(Cascade *c) {
  if (c == NULL || --c->refcount > 0) return;
  sqlite3_free(c->block);
  sqlite3_free(c);
}

/* Share of a flow that is cut, from the state of the last round. */
static double flow_cut(const Cascade *c, const Network *net, int flow) {
  double payer_cut = c->cut[net->in_payer[flow]];
  int behalf = net->in_behalf[flow];
  if (behalf != NO_COMPANY && c->cut[behalf] > payer_cut) return c->cut[behalf];
  return payer_cut;
}

/* The counterparty a flow's cut is owed to: its end customer when that one
** cut more than the payer, else the payer. */
static int flow_culprit(const Cascade *c, const Network *net, int flow) {
  int payer = net->in_payer[flow], behalf = net->in_behalf[flow];
  if (behalf != NO_COMPANY && c->cut[behalf] > c->cut[payer]) return behalf;
  return payer;
}

static void add_contribution(Cascade *c, int *n_touched, int company, double amount) {
  if (amount <= 0) return;
  if (c->contribution[company] == 0) c->touched[(*n_touched)++] = company;
  c->contribution[company] += amount;
}

/* The counterparty whose cut or default cost company j most in this round,
** from the state of the last round; ties go to the smaller name. */
static int main_cause(Cascade *c, const Network *net, const CascadeParams *p, int j) {
  int n_touched = 0, best = CAUSE_NONE, f, k;
  for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
    double lost = flow_cut(c, net, f) * net->in_amount[f];
    if (!net->in_financing[f]) lost *= net->margin[j];
    add_contribution(c, &n_touched, flow_culprit(c, net, f), lost);
  }
  for (f = net->claim_start[j]; f < net->claim_start[j + 1]; f++) {
    int debtor = net->claim_debtor[f];
    if (c->defaulted[debtor]) {
      add_contribution(c, &n_touched, debtor, (1 - p->recovery) * net->claim_amount[f]);
    }
  }
  for (k = 0; k < n_touched; k++) {
    int who = c->touched[k];
    if (best == CAUSE_NONE || c->contribution[who] > c->contribution[best] ||
        (c->contribution[who] == c->contribution[best] &&
         strcmp(net->name[who], net->name[best]) < 0)) {
      best = who;
    }
  }
  for (k = 0; k < n_touched; k++) c->contribution[c->touched[k]] = 0;
  return best;
}

static int baseline_default(const Cascade *c, const Network *net, int j) {
  return net->liquidity_before[j] + c->saved[j] < 0 ||
         (net->has_equity[j] && net->equity[j] < 0);
}

double cascade_credit_loss(const Network *net, const CascadeParams *p,
                           const unsigned char *defaulted, int j) {
  double loss = 0;
  int f;
  for (f = net->claim_start[j]; f < net->claim_start[j + 1]; f++) {
    if (defaulted[net->claim_debtor[f]]) loss += net->claim_amount[f];
  }
  return loss * (1 - p->recovery);
}

double cascade_passed_on(const Network *net, const CascadeParams *p, int j,
                         double revenue_lost, double financing_lost) {
  double income = net->revenue[j] + net->financing_inflow[j];
  double lost = revenue_lost + financing_lost, share;
  if (!isfinite(income) || !isfinite(lost)) {
    /* Sums past the largest double: the same share, of halves. */
    income = net->revenue[j] / 2 + net->financing_inflow[j] / 2;
    lost = revenue_lost / 2 + financing_lost / 2;
  }
  if (income <= 0) return p->passthrough > 0 && lost > 0 ? 1 : 0;
  share = p->passthrough * lost / income;
  return share < 1 ? share : 1;
}

/* Adds -scale y f for each flow f in [from, to), y its cut this round:
** y f as the two exact parts of its product. */
static void add_cut_amounts(Margin *m, const Cascade *c, const Network *net, int from, int to,
                            double scale) {
  int f;
  for (f = from; f < to; f++) {
    double y = flow_cut(c, net, f), amount = net->in_amount[f], product = y * amount;
    margin_add_product(m, -scale, product);
    margin_add_product(m, -scale, fma(y, amount, -product));
  }
}

/* L = L0 - m dRev - dFin + Saved, from its terms (margin.h). */
static double exact_cash(const Cascade *c, const Network *net, int j, double plain) {
  Margin m = MARGIN_INIT;
  network_add_liquidity_terms(net, j, &m);
  add_cut_amounts(&m, c, net, net->in_start[j], net->in_financing_start[j], net->margin[j]);
  add_cut_amounts(&m, c, net, net->in_financing_start[j], net->in_start[j + 1], 1);
  margin_add_product(&m, c->cut[j], net->outflow[j]);
  return margin_value(&m, plain);
}

/* Eq = E - m dRev - dA, from its terms (margin.h). */
static double exact_equity(const Cascade *c, const Network *net, const CascadeParams *p, int j,
                           double plain) {
  Margin m = MARGIN_INIT;
  int f;
  margin_add(&m, net->equity[j]);
  add_cut_amounts(&m, c, net, net->in_start[j], net->in_financing_start[j], net->margin[j]);
  for (f = net->claim_start[j]; f < net->claim_start[j + 1]; f++) {
    if (c->defaulted[net->claim_debtor[f]]) {
      margin_add_product(&m, -(1 - p->recovery), net->claim_amount[f]);
    }
  }
  return margin_value(&m, plain);
}

/* L and Eq of company j this round, into cash_after and equity_after: the
** plain sums, summed again exactly when they land within their own
** rounding of 0 (margin.h). L0 is rounded once already (0 where its
** figures may cancel), so the plain sum of L starts from it. */
static void settle_margins(Cascade *c, const Network *net, const CascadeParams *p, int j) {
  double loss = net->margin[j] * c->revenue_lost[j];
  double cash = net->liquidity_before[j] - loss - c->financing_lost[j] + c->saved[j];
  double equity = net->equity[j] - loss - c->credit_loss[j];
  if (margin_near_zero(cash, net->margin_terms,
                       fabs(net->liquidity_before[j]) + loss + c->financing_lost[j] + c->saved[j])) {
    cash = exact_cash(c, net, j, cash);
  }
  if (net->has_equity[j] &&
      margin_near_zero(equity, net->margin_terms, fabs(net->equity[j]) + loss + c->credit_loss[j])) {
    equity = exact_equity(c, net, p, j, equity);
  }
  c->cash_after[j] = cash;
  c->equity_after[j] = equity;
}

/* Completes round `round` for company j, given the revenue and financing
** it lost, into next_cut / next_defaulted. */
static void settle_company(Cascade *c, const Network *net, const CascadeParams *p, int j,
                           int round, double revenue_lost, double financing_lost) {
  /* A company computed since the last change of its debtors' defaults
  ** keeps its sum: a change marks the debtor's creditors due at once. */
  double credit_loss = c->defaults_moved ? cascade_credit_loss(net, p, c->defaulted, j)
                                         : c->credit_loss[j];
  double cut;
  c->revenue_lost[j] = revenue_lost;
  c->financing_lost[j] = financing_lost;
  c->credit_loss[j] = credit_loss;
  c->saved[j] = c->cut[j] * net->outflow[j];
  settle_margins(c, net, p, j);
  c->next_defaulted[j] = c->defaulted[j] || c->cash_after[j] < 0 ||
                         (net->has_equity[j] && c->equity_after[j] < 0);
  if (c->next_defaulted[j] && !c->defaulted[j]) {
    c->default_round[j] = round;
    c->cause[j] = baseline_default(c, net, j) ? CAUSE_BASELINE : main_cause(c, net, p, j);
  }
  if (c->next_defaulted[j]) {
    cut = 1;
  } else {
    cut = cascade_passed_on(net, p, j, revenue_lost, financing_lost);
    if (p->spender_cut[j] > cut) cut = p->spender_cut[j];
  }
  c->next_cut[j] = cut;
}

/* Computes round `round` for company j into next_cut / next_defaulted. */
static void company_round(Cascade *c, const Network *net, const CascadeParams *p,
                          int j, int round) {
  double revenue_lost = 0, financing_lost = 0;
  int f, financing = net->in_financing_start[j];
  for (f = net->in_start[j]; f < financing; f++) {
    revenue_lost += flow_cut(c, net, f) * net->in_amount[f];
  }
  for (; f < net->in_start[j + 1]; f++) {
    financing_lost += flow_cut(c, net, f) * net->in_amount[f];
  }
  settle_company(c, net, p, j, round, revenue_lost, financing_lost);
}

/* Moves company j to the state it computed this round; returns how far its
** cut moved, and in *default_changed whether it defaulted now. */
static double take_next(Cascade *c, int j, int *default_changed) {
  double move = c->next_cut[j] - c->cut[j];
  *default_changed = c->next_defaulted[j] != c->defaulted[j];
  c->cut[j] = c->next_cut[j];
  c->defaulted[j] = c->next_defaulted[j];
  return move < 0 ? -move : move;
}

/* Round 0's state. */
static void start_state(Cascade *c, const CascadeParams *p) {
  int j;
  c->rows_finite = 0;
  c->defaults_moved = 1;
  for (j = 0; j < c->n; j++) {
    c->defaulted[j] = p->failed[j];
    c->cut[j] = p->failed[j] ? 1 : p->spender_cut[j];
    c->default_round[j] = p->failed[j] ? 0 : -1;
    c->cause[j] = CAUSE_NONE;
    c->contribution[j] = 0;
    c->moved[j] = 0;
    c->reach.marked[j] = 0;
  }
  c->reach.n_list = c->reach.n_next = 0;
}

/* Computes round `round` for the companies due (all of them when
** all_due); returns the work: the companies, flows and claims read. */
static double compute_due(Cascade *c, const Network *net, const CascadeParams *p, int round,
                          int all_due) {
  double work;
  int j, k;
  if (all_due) {
    for (j = 0; j < c->n; j++) company_round(c, net, p, j, round);
    return (double)c->n + net->n_flows + net->n_claims;
  }
  work = c->reach.n_list;
  for (k = 0; k < c->reach.n_list; k++) {
    j = c->reach.list[k];
    company_round(c, net, p, j, round);
    work += net->in_start[j + 1] - net->in_start[j] + net->claim_start[j + 1] - net->claim_start[j];
  }
  return work;
}

/* Moves company j, computed this round, to its new state; leaves what
** changed in moved[j] (MOVED_ bits) and lists j in reach.list when
** something did; returns how many marks the change asks for. */
static long long take_one(Cascade *c, const Network *net, int j, int *n_moved,
                          double *largest_move, int *defaults_changed) {
  int default_changed;
  double move = take_next(c, j, &default_changed);
  if (move > *largest_move) *largest_move = move;
  *defaults_changed |= default_changed;
  c->moved[j] = (unsigned char)((move != 0 ? MOVED_CUT : 0) | (default_changed ? MOVED_DEFAULT : 0));
  if (!c->moved[j]) return 0;
  c->reach.list[(*n_moved)++] = j;
  return reach_size(net, j, c->moved[j]);
}

/* Moves the companies computed this round to their new state, leaving in
** reach.list those that changed and in moved[] what changed (for
** reach_next); returns how many marks the changes ask for, with the
** largest move of a cut and whether a default changed. */
static long long take_due(Cascade *c, const Network *net, int all_due, double *largest_move,
                          int *defaults_changed) {
  long long reach = 0;
  int j, k, n_moved = 0;
  *largest_move = 0;
  *defaults_changed = 0;
  if (all_due) {
    for (j = 0; j < c->n; j++) {
      reach += take_one(c, net, j, &n_moved, largest_move, defaults_changed);
    }
  } else {   /* the list is rewritten in place: n_moved never passes k */
    for (k = 0; k < c->reach.n_list; k++) {
      reach += take_one(c, net, c->reach.list[k], &n_moved, largest_move, defaults_changed);
    }
  }
  c->reach.n_list = n_moved;
  return reach;
}

int cascade_run(Cascade *c, const Network *net, const CascadeParams *p) {
  double full_pass = (double)c->n + net->n_flows + net->n_claims, computed = 0;
  int round, stop, all_due = 1;
  start_state(c, p);
  c->converged = 0;
  c->density = 1;
  for (round = 1; round <= p->max_rounds; round++) {
    int defaults_changed;
    /* Visits: the companies computed, their flows and claims, taken
    ** again, and the marks. */
    double largest_move, work = compute_due(c, net, p, round, all_due);
    long long reach = take_due(c, net, all_due, &largest_move, &defaults_changed);
    computed += work;
    c->density = full_pass > 0 ? computed / (full_pass * round) : 1;
    all_due = reach_next(&c->reach, net, c->moved, reach);
    work = 2 * work + (all_due ? 0 : (double)reach);
    c->rounds = round;
    c->defaults_moved = defaults_changed;
    if (!defaults_changed && largest_move < CASCADE_TOLERANCE) c->converged = 1;
    if (p->on_round && (stop = p->on_round(p->on_round_context, c, round)) != 0) return stop;
    if (c->converged) break;
    if ((stop = stop_after(p->stop, work)) != 0) return stop;
  }
  return 0;
}

/* Adds flow f's cut amount, in every lane, to sum[]; cuts holds the
** lanes' cuts company by company. The same operations as flow_cut. */
static inline void add_lanes(const Network *net, const double *cuts, int f, double *sum) {
  const double *payer = cuts + (size_t)net->in_payer[f] * CASCADE_LANES;
  double amount = net->in_amount[f];
  int behalf = net->in_behalf[f], l;
  if (behalf == NO_COMPANY) {
    for (l = 0; l < CASCADE_LANES; l++) sum[l] += payer[l] * amount;
  } else {
    const double *end_customer = cuts + (size_t)behalf * CASCADE_LANES;
    for (l = 0; l < CASCADE_LANES; l++) {
      sum[l] += (end_customer[l] > payer[l] ? end_customer[l] : payer[l]) * amount;
    }
  }
}

/* The cut amounts of flows [from, to) in every lane, summed into sum[]. */
static void lanes_sum(const Network *net, const double *cuts, int from, int to, double *sum) {
  double acc[CASCADE_LANES] = { 0 };
  int f, l;
  for (f = from; f < to; f++) add_lanes(net, cuts, f, acc);
  for (l = 0; l < CASCADE_LANES; l++) sum[l] = acc[l];
}

/* Revenue and financing that company j lost, in every lane. */
static void lanes_lost(const Network *net, const double *cuts, int j,
                       double *revenue_lost, double *financing_lost) {
  int financing = net->in_financing_start[j];
  lanes_sum(net, cuts, net->in_start[j], financing, revenue_lost);
  lanes_sum(net, cuts, financing, net->in_start[j + 1], financing_lost);
}

/* Ends round `round` of a lane: every company takes its new state; returns
** whether the lane converged. */
static int end_lane_round(Cascade *c, int round) {
  double largest_move = 0;
  int j, defaults_changed = 0;
  for (j = 0; j < c->n; j++) {
    int default_changed;
    double move = take_next(c, j, &default_changed);
    if (move > largest_move) largest_move = move;
    defaults_changed |= default_changed;
  }
  c->rounds = round;
  c->defaults_moved = defaults_changed;
  c->converged = !defaults_changed && largest_move < CASCADE_TOLERANCE;
  return c->converged;
}

/* Companies a lane pass takes at a time: their losses in every lane are
** summed first, then each lane settles them, so that each lane's arrays
** are read and written in runs rather than all lanes' at once. */
#define LANE_BLOCK 256
/* A company's cuts in every lane fill one cache line. */
#define LANE_ALIGN 64

/* Round `round` of every running lane for the companies in [from, to). */
static void lanes_block(Cascade *const *c, const CascadeParams *p, int lanes,
                        const int *running, const Network *net, const double *cuts,
                        int from, int to, int round) {
  double revenue_lost[LANE_BLOCK][CASCADE_LANES], financing_lost[LANE_BLOCK][CASCADE_LANES];
  int j, l;
  for (j = from; j < to; j++) {
    lanes_lost(net, cuts, j, revenue_lost[j - from], financing_lost[j - from]);
  }
  for (l = 0; l < lanes; l++) {
    if (!running[l]) continue;
    for (j = from; j < to; j++) {
      settle_company(c[l], net, &p[l], j, round, revenue_lost[j - from][l],
                     financing_lost[j - from][l]);
    }
  }
}

/* Copies lane l's cuts into its place in cuts[], company by company. */
static void lane_cuts(const Cascade *c, int l, double *cuts) {
  int j;
  for (j = 0; j < c->n; j++) cuts[(size_t)j * CASCADE_LANES + l] = c->cut[j];
}

int cascade_run_lanes(Cascade *const *c, const CascadeParams *p, int lanes, const Network *net) {
  int n = net->n_companies, running[CASCADE_LANES], round, j, l, left = lanes, stop = 0;
  size_t bytes = (size_t)(n > 0 ? n : 1) * CASCADE_LANES * sizeof(double);
  void *block = sqlite3_malloc64(bytes + LANE_ALIGN);
  double *cuts;
  if (block == NULL) return SQLITE_NOMEM;
  cuts = (double *)((char *)block + (LANE_ALIGN - (uintptr_t)block % LANE_ALIGN) % LANE_ALIGN);
  memset(cuts, 0, bytes);
  for (l = 0; l < lanes; l++) {
    start_state(c[l], &p[l]);
    c[l]->converged = 0;
    c[l]->density = 1;
    running[l] = 1;
    lane_cuts(c[l], l, cuts);
  }
  for (round = 1; left > 0 && stop == 0; round++) {
    for (j = 0; j < n; j += LANE_BLOCK) {
      int end = j + LANE_BLOCK < n ? j + LANE_BLOCK : n;
      lanes_block(c, p, lanes, running, net, cuts, j, end, round);
    }
    for (l = 0; l < lanes; l++) {
      if (!running[l]) continue;
      if (end_lane_round(c[l], round) || round == p[l].max_rounds) {
        running[l] = 0;
        left--;
      }
      lane_cuts(c[l], l, cuts);
    }
    stop = stop_after(p[0].stop, ((double)net->n_flows + n) * lanes);
  }
  sqlite3_free(block);
  return stop ? stop : SQLITE_OK;
}

void cascade_figure_sizes(const Network *net, int j, double *liquidity, double *solvency) {
  double claims = 0;
  int f;
  for (f = net->claim_start[j]; f < net->claim_start[j + 1]; f++) claims += net->claim_amount[f];
  *liquidity = fabs(net->liquidity_before[j]) + net->revenue_inflow[j]
             + net->financing_inflow[j] + net->outflow[j];
  *solvency = (net->has_equity[j] ? fabs(net->equity[j]) : 0) + net->revenue_inflow[j] + claims;
}

int cascade_first_unbounded(const Network *net) {
  double liquidity, solvency;
  int j;
  for (j = 0; j < net->n_companies; j++) {
    cascade_figure_sizes(net, j, &liquidity, &solvency);
    /* Twice over, so that an order of summation that rounds up stays below. */
    if (!isfinite(2 * liquidity) || !isfinite(2 * solvency)) return j;
  }
  return NO_COMPANY;
}

CascadeStatus cascade_status(const Cascade *c, const CascadeParams *p, int j) {
  if (p->failed[j]) return STATUS_FAILED;
  if (c->defaulted[j]) return STATUS_DEFAULT;
  if (c->revenue_lost[j] + c->financing_lost[j] + c->credit_loss[j] > 0) return STATUS_STRESSED;
  return STATUS_OK;
}

const char *cascade_status_name(CascadeStatus status) {
  static const char *const names[N_STATUS] = { "failed", "default", "stressed", "ok" };
  return names[status];
}

const char *cascade_cause_text(const Network *net, int cause) {
  if (cause == CAUSE_BASELINE) return "baseline";
  if (cause == CAUSE_NONE) return NULL;
  return net->name[cause];
}

const char *cascade_cause_name(const Cascade *c, const Network *net, int j) {
  return cascade_cause_text(net, c->cause[j]);
}
