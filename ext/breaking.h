/*
** breaking.h: breaking points (the README's "The model"), found without a full scan.
**
** The breaking point of a company is the smallest pct on the grid
** {0, 0.01, ..., 100} at which it defaults under the cascade. Defaults are
** not monotone in pct (a spender that cuts more also saves more, and may
** then survive and spare the companies it pays), so a plain bisection could
** miss a default that happens only in a window of pcts. Instead, an
** interval cascade bounds every company's state over a whole interval of
** pcts at once: a company that cannot default anywhere in an interval is
** dropped from it, one that defaults everywhere in it has its answer at the
** interval's start, and the rest split the interval in two, leftmost first.
** The answer is the grid scan's, exactly. Knows no SQL.
*/
#ifndef AIBUBBLE_BREAKING_H
#define AIBUBBLE_BREAKING_H

#include "cascade.h"

#define BREAKING_GRID_STEPS 10000     /* pct = step / 100 */
#define BREAKING_NEVER (-1)

/* The search for one scenario on one network; it keeps every cascade it
** runs (as bitsets of defaulters), so the breaking points of many
** companies share their work. spender[], params and params->failed are
** copied; params->spender_cut is ignored; net must outlive the search. */
typedef struct BreakingSearch BreakingSearch;
BreakingSearch *breaking_new(const Network *net, const unsigned char *spender,
                             const CascadeParams *params);
void breaking_free(void *search);

/* cascade_first_unbounded of the search's network: where it is a company,
** some cascade may compute a figure that is not finite, which
** cascade_shock would refuse, so the search would not be the scan's. */
int breaking_unbounded(const BreakingSearch *search);

/* The breaking step (pct * 100) of company into *step, or BREAKING_NEVER.
** Returns SQLITE_OK, SQLITE_NOMEM, or what stop answered when it stopped
** the search (NULL: never stops); what the search learnt is kept. */
int breaking_step(BreakingSearch *search, int company, StopCheck *stop, int *step);

#endif
