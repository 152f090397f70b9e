/*
** exposure_shares.h: which revenue inflows carry exposure, for exposure.c
** and exposure_large.c.
**
** R_j, the attribution base, is the larger of j's stated revenue and the
** sum of its revenue inflows: as a double for the shares f / R_j
** (attribution_base, with the network's sum rounded once), and as hi + lo
** where a near-closed cycle's slack depends on it (exact_base,
** exact_excess). An
** inflow from the core (its payer or its end customer is in the core)
** counts 1; any other revenue inflow whose share f / R_j is not 0 passes
** on its payer's exposure.
*/
#ifndef AIBUBBLE_EXPOSURE_SHARES_H
#define AIBUBBLE_EXPOSURE_SHARES_H

#include "network.h"
#include "twice.h"

/* The sum of j's revenue inflows as hi + lo, before the network rounded
** it to revenue_inflow. */
static inline Wide exact_inflow(const Network *net, int j) {
  return wide_sum(net->in_amount, net->in_start[j], net->in_financing_start[j]);
}

/* Whether j's stated revenue is above the exact sum of its revenue
** inflows: stated - hi is exact where the two are within a factor 2 of
** each other (Sterbenz), and decides alone where they are not. */
static inline int stated_above(const Network *net, int j, const Wide *inflow) {
  return net->revenue_stated[j] && net->revenue[j] - inflow->hi > inflow->lo;
}

/* R_j exactly as the model defines it, the larger of the stated revenue
** and the exact sum of the revenue inflows (that sum where the revenue is
** NULL), as a Wide whose hi + lo is within pair_error of it. */
static inline Wide exact_base(const Network *net, int j) {
  Wide sum = exact_inflow(net, j);
  if (stated_above(net, j, &sum)) {
    sum.hi = net->revenue[j];
    sum.lo = 0;
  }
  return sum;
}

/* What R_j exceeds the exact sum of j's revenue inflows by: 0 unless the
** stated revenue is larger; *uncertainty bounds how far that may be off.
** hi + lo is within pair_error of the sum, so a stated revenue that close
** to it may be on either side (an excess of up to twice that); one clearly
** above is off by that bound and its rounding; a NULL revenue, or one
** clearly below, leaves no excess at all. */
static inline double exact_excess(const Network *net, int j, double *uncertainty) {
  Wide sum = exact_inflow(net, j);
  double bound = pair_error(&sum), excess = net->revenue[j] - sum.hi - sum.lo;
  *uncertainty = 0;
  if (!net->revenue_stated[j] || excess < -bound) return 0;
  if (excess < 0) excess = 0;
  *uncertainty = 2 * bound + TWICE_ROUNDING * excess;
  return excess;
}

/* R_j for the attribution: at least the sum of the revenue inflows. */
static inline double attribution_base(const Network *net, int j) {
  double stated = net->revenue[j], inflow = net->revenue_inflow[j];
  return stated > inflow ? stated : inflow;
}

static inline int from_core(const Network *net, const unsigned char *core, int flow) {
  int behalf = net->in_behalf[flow];
  return core[net->in_payer[flow]] || (behalf != NO_COMPANY && core[behalf]);
}

/* Whether inflow f of company j (attribution base `base` > 0) passes on its
** payer's exposure: a revenue inflow, not from the core, whose share f / R_j
** is not 0. Only these tie j to its payer: a payer of a share 0 may be
** solved after j. */
static inline int passes_exposure(const Network *net, const unsigned char *core, int f,
                                  double base) {
  return !net->in_financing[f] && !from_core(net, core, f) && net->in_amount[f] / base > 0;
}

#endif
