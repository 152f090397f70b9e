/*
** exposure_shares.h: which revenue inflows carry exposure, for exposure.c
** and exposure_large.c.
**
** R_j, the attribution base, is the larger of j's stated revenue and the
** sum of its revenue inflows. An inflow from the core (its payer or its
** end customer is in the core) counts 1; any other revenue inflow whose
** share f / R_j is not 0 passes on its payer's exposure.
*/
#ifndef AIBUBBLE_EXPOSURE_SHARES_H
#define AIBUBBLE_EXPOSURE_SHARES_H

#include "network.h"

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
