/*
** exposure_large.h: a proved solve of a large cycle's exposures, for
** exposure.c.
**
** A strongly connected set of companies too large to solve by elimination
** is solved by a fast iteration, and its answer is accepted only with a
** proof, from residuals computed in twice the precision of a double, that
** every exposure is within EXPOSURE_TOLERANCE of the exact one. Knows no
** SQL.
*/
#ifndef AIBUBBLE_EXPOSURE_LARGE_H
#define AIBUBBLE_EXPOSURE_LARGE_H

#include "network.h"
#include "stop.h"

typedef struct LargeSet {
  const Network *net;
  const unsigned char *core;   /* [n] the core set */
  const double *direct;        /* [n] the share of each revenue paid by the core */
  double *exposure;            /* [n] known for the companies the set depends on */
  const int *local;            /* [n] position in members, or -1 outside the set */
  const int *members;          /* [k] the set, each company of it not in the core */
  int k;
  double work;                 /* visits allowed (a member or an inflow each) */
  StopCheck *stop;
} LargeSet;

/* Sets the exposures of the set's members and returns SQLITE_OK when they
** are proved within EXPOSURE_TOLERANCE of the exact fixed point (which the
** proof shows to be the only one). SQLITE_ERROR, leaving them as they
** were, when the set is not reached from outside (its least fixed point is
** 0, which the model's iteration finds at once), a value it depends on is
** unknown, or no proof came within the work allowed; else SQLITE_NOMEM,
** or what the stop check answered. */
int exposure_large_solve(const LargeSet *set);

#endif
