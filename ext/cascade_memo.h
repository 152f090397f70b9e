/*
** cascade_memo.h: cascade_shock's cascades, kept and run ahead.
**
** Each network keeps its last few cascades (recent.h, at most
** MEMO_CASCADES and MEMO_BYTES), keyed by the arguments as given and the
** pct's value, so that a repeated call (a Datasette page running a view for
** its rows, count and facets) reads the one already run. When the calls
** step evenly through pcts (pct a, then a + h, then a + 2h: a sweep), a
** miss runs the next pcts of the sweep too, in the lanes of one pass over
** the flows (cascade_run_lanes), and keeps them for the calls to come;
** after a pass that no call used, the next few misses run alone.
** The memo lives with the network, so new data never meets an old result.
*/
#ifndef AIBUBBLE_CASCADE_MEMO_H
#define AIBUBBLE_CASCADE_MEMO_H

#include "scenario.h"

#define MEMO_CASCADES 12
#define MEMO_BYTES ((size_t)64 << 20)

/* The cascade of scenario s at pct, for cascade_shock(pct, spenders,
** options) with the texts of those arguments as given (NULL when absent):
** from the memo, or run now and kept there (a failure to keep it only
** loses the memo). *out holds a reference. Returns SQLITE_OK or
** SQLITE_NOMEM. */
int memo_cascade(Scenario *s, const char *spenders, const char *options, double pct,
                 Cascade **out);

#endif
