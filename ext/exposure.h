/*
** exposure.h: upstream attribution (the README's "The model"), on a Network.
**
** The exposure e_j of company j is the share of its revenue that comes,
** directly or through intermediaries, from the core set K:
**   e_j = 1 for j in K, else sum over revenue inflows i->j of (f / R_j) z,
**   z = 1 when i or the flow's end customer is in K, else e_i,
** with R_j = max(R_j, sum of j's revenue inflows) and e_j = 0 when R_j = 0.
** Knows no SQL.
*/
#ifndef AIBUBBLE_EXPOSURE_H
#define AIBUBBLE_EXPOSURE_H

#include "network.h"
#include "stop.h"

#define EXPOSURE_TOLERANCE 1e-12
#define EXPOSURE_MIN_ITERATIONS 1000
#define EXPOSURE_MAX_ITERATIONS 1000000
#define EXPOSURE_WORK 1e9        /* iterations times (companies + flows), at most */
#define EXPOSURE_DENSE_MAX 512   /* largest cycle solved exactly */
#define EXPOSURE_MIN_STEPS 16    /* steps a cycle is iterated before it is solved exactly */

/* Fills exposure[n] with the least fixed point, one strongly connected set
** of companies at a time: exactly; or, for a set of more than
** EXPOSURE_DENSE_MAX companies, by the proved solve of exposure_large.h,
** else by the model's iteration from 0 within the set until the same
** iteration from 1, which falls towards the fixed point as the first
** rises, is within 2 EXPOSURE_TOLERANCE of it (their middle is taken). A
** set that needs more than exposure_max_iterations(net) steps, or whose two
** iterations stop moving apart (rounding), is given up: its
** exposures and those of the companies it pays are NaN, *unsettled the
** size of the largest such set (else 0). NaN too where the inflows of a
** company overflow a double. Returns SQLITE_OK, SQLITE_NOMEM, or what stop
** answered when it stopped the iteration (NULL: never stops). */
int exposure_solve(const Network *net, const unsigned char *core, StopCheck *stop,
                   double *exposure, int *unsettled);
int exposure_max_iterations(const Network *net);

#endif
