/*
** exposure.c: the exposure fixed point of MODEL section 1.
**
** Jacobi iteration from e = 0: each step reads the previous vector only, as
** the model states it. The map is monotone and bounded by 1, so the vector
** rises to the least fixed point. The core's direct share of each company's
** revenue is the same in every step and is computed once.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "exposure.h"

/* R_j for the attribution: at least the sum of the revenue inflows. */
static double attribution_base(const Network *net, int j) {
  double stated = net->revenue[j], inflow = net->revenue_inflow[j];
  return stated > inflow ? stated : inflow;
}

static int from_core(const Network *net, const unsigned char *core, int flow) {
  int behalf = net->in_behalf[flow];
  return core[net->in_payer[flow]] || (behalf != NO_COMPANY && core[behalf]);
}

/* The share of each company's revenue paid by the core directly. */
static void direct_shares(const Network *net, const unsigned char *core, double *direct) {
  int j, f;
  for (j = 0; j < net->n_companies; j++) {
    double base = attribution_base(net, j), sum = 0;
    direct[j] = core[j] ? 1 : 0;
    if (core[j] || base <= 0) continue;
    for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
      if (!net->in_financing[f] && from_core(net, core, f)) sum += net->in_amount[f];
    }
    direct[j] = sum / base;
  }
}

/* One Jacobi step from e into next; returns the largest change. */
static double step(const Network *net, const unsigned char *core,
                   const double *direct, const double *e, double *next) {
  double largest = 0;
  int j, f;
  for (j = 0; j < net->n_companies; j++) {
    double base = attribution_base(net, j), value = direct[j], change;
    if (!core[j] && base > 0) {
      double sum = 0;
      for (f = net->in_start[j]; f < net->in_start[j + 1]; f++) {
        if (!net->in_financing[f] && !from_core(net, core, f)) {
          sum += net->in_amount[f] * e[net->in_payer[f]];
        }
      }
      value += sum / base;
    }
    if (value > 1) value = 1;
    next[j] = value;
    change = value - e[j];
    if (change < 0) change = -change;
    if (change > largest) largest = change;
  }
  return largest;
}

/* 1 when the iteration has settled, given the largest changes of the last
** steps (change[0] the latest): no change at all, or a change below the
** tolerance whose geometric tail (at the largest ratio of the last three
** pairs of changes) is below it too. A small change alone is not enough:
** on a cycle that almost never leaks, each step moves very little but the
** fixed point is still far; one ratio alone is not either, as a large
** change elsewhere can end just before a slow one shows. */
static int settled(const double *change) {
  double ratio = 0;
  int k;
  if (change[0] == 0) return 1;
  if (change[0] >= EXPOSURE_TOLERANCE) return 0;
  for (k = 0; k < 3; k++) {
    if (change[k + 1] <= 0) return 0;
    if (change[k] / change[k + 1] > ratio) ratio = change[k] / change[k + 1];
  }
  return ratio < 1 && change[0] * ratio / (1 - ratio) < EXPOSURE_TOLERANCE;
}

int exposure_max_iterations(const Network *net) {
  double work = (double)net->n_companies + net->n_flows + 1;
  double most = EXPOSURE_WORK / work;
  if (most > EXPOSURE_MAX_ITERATIONS) most = EXPOSURE_MAX_ITERATIONS;
  return most < EXPOSURE_MIN_ITERATIONS ? EXPOSURE_MIN_ITERATIONS : (int)most;
}

int exposure_solve(const Network *net, const unsigned char *core, double *exposure) {
  int n = net->n_companies, iteration, most = exposure_max_iterations(net), rc = SQLITE_ERROR;
  double *direct, *next, change[4] = { 0, 0, 0, 0 };
  if (n == 0) return SQLITE_OK;
  direct = sqlite3_malloc64(2 * (size_t)n * sizeof(double));
  if (direct == NULL) return SQLITE_NOMEM;
  next = direct + n;
  direct_shares(net, core, direct);
  memset(exposure, 0, (size_t)n * sizeof(double));
  for (iteration = 0; iteration < most; iteration++) {
    memmove(change + 1, change, 3 * sizeof(double));
    change[0] = step(net, core, direct, exposure, next);
    memcpy(exposure, next, (size_t)n * sizeof(double));
    if (settled(change)) {
      rc = SQLITE_OK;
      break;
    }
  }
  sqlite3_free(direct);
  return rc;
}
