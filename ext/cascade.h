/*
** cascade.h: the liquidity cascade (the README's "The model"), on a Network.
**
** A spender cuts a share s of its outflows; companies in the failed set stop
** paying at once. Round by round each company loses the revenue and financing
** that its payers (or their end customers) cut, saves the outflows it cuts
** itself, loses (1 - recovery) of its claims on defaulters, and defaults when
** its liquidity or its equity goes below 0; a survivor passes its loss on as
** a cut of its own outflows. Knows no SQL.
*/
#ifndef AIBUBBLE_CASCADE_H
#define AIBUBBLE_CASCADE_H

#include "network.h"
#include "reach.h"
#include "stop.h"

#define CAUSE_NONE (-1)      /* survivor, or failed by assumption */
#define CAUSE_BASELINE (-2)  /* would have defaulted with no loss at all */
#define CASCADE_TOLERANCE 1e-12

struct Cascade;

typedef struct CascadeParams {
  const double *spender_cut;     /* [n] s in [0, 1]; 0 for non-spenders */
  const unsigned char *failed;   /* [n] 1 for the set F0 */
  double recovery;               /* rho in [0, 1] */
  double passthrough;            /* beta >= 0 */
  int max_rounds;                /* >= 1 */
  /* Optional: called after every round with the state that round left
  ** (cut, defaulted and the round's figures); a non-zero return stops the
  ** cascade and is returned by cascade_run. */
  int (*on_round)(void *context, const struct Cascade *c, int round);
  void *on_round_context;
  StopCheck *stop;               /* asked between rounds; NULL: never stops */
} CascadeParams;

typedef struct Cascade {
  int refcount;                  /* cascade_free drops one; the last frees */
  int n;
  int rounds;                    /* rounds run */
  double density;                /* the share of a full pass its rounds computed, on
                                 ** average (1 for cascade_run_lanes, which computes all) */
  int converged;                 /* 0 when stopped by max_rounds */
  int rows_finite;               /* 1 once a reader found every figure finite (0 after a run) */
  int defaults_moved;            /* a default changed in the last round (or none ran): the
                                 ** credit losses must be summed again */
  /* State and the last round's figures, per company. */
  double *cut;                   /* x */
  unsigned char *defaulted;      /* d */
  int *default_round;            /* round d became 1; -1 for survivors */
  int *cause;                    /* company index, CAUSE_NONE or CAUSE_BASELINE */
  double *revenue_lost;          /* dRev, gross of margin */
  double *financing_lost;        /* dFin */
  double *credit_loss;           /* dA */
  double *saved;                 /* x * Out */
  double *cash_after;            /* L */
  double *equity_after;          /* Eq (meaningless where the network has no equity) */
  /* Work space. */
  double *next_cut;
  unsigned char *next_defaulted;
  double *contribution;          /* [n] scratch for causes, kept at 0 */
  int *touched;                  /* [n] scratch for causes */
  unsigned char *moved;          /* [n] what changed this round (MOVED_ bits) */
  Reach reach;                   /* the companies due (unless all are) */
  void *block;
} Cascade;

/* Allocates a Cascade for n companies, with one reference; NULL when out
** of memory. cascade_retain adds a reference, cascade_free drops one. */
Cascade *cascade_new(int n);
/* The bytes a Cascade for n companies takes. */
size_t cascade_size(int n);
/* Makes c, which no one else holds (one reference), as cascade_new made
** it, in the memory it has: no allocation, no new page to fault in. */
void cascade_renew(Cascade *c);
Cascade *cascade_retain(Cascade *c);
void cascade_free(Cascade *c);

/* Runs the cascade to its fixed point (or max_rounds) and leaves the result
** in c, which must have been made for net's company count. Returns 0, or
** what on_round or the stop check returned when it stopped the run (c is
** then unfinished). */
int cascade_run(Cascade *c, const Network *net, const CascadeParams *params);

#define CASCADE_LANES 8
/* Runs `lanes` cascades (1..CASCADE_LANES) in one pass over the flows a
** round, lane l with params p[l] (on_round is not called) into c[l], made
** for net's company count; each ends exactly as cascade_run would leave
** it. Returns SQLITE_OK, SQLITE_NOMEM, or what p[0]'s stop check returned
** when it stopped the run (the cascades are then unfinished). */
int cascade_run_lanes(Cascade *const *c, const CascadeParams *p, int lanes, const Network *net);

/* Pieces of a round that breaking_point's bounds compute as the cascade
** does: the loss on claims of company j when `defaulted` marks the
** defaulters ((1 - recovery) x its claims on them), and the cut that a
** loss of revenue and financing makes it pass on (beta x lost / income,
** at most 1; a company with no income passes on all of any loss). */
double cascade_credit_loss(const Network *net, const CascadeParams *p,
                           const unsigned char *defaulted, int j);
double cascade_passed_on(const Network *net, const CascadeParams *p, int j,
                         double revenue_lost, double financing_lost);

/* The sizes of company j's figures: the magnitudes its liquidity is made
** of (|L0|, revenue and financing inflows, outflows) and those its equity
** is made of (|E|, revenue inflows, claims); no cascade takes either
** margin further from its start than its size. */
void cascade_figure_sizes(const Network *net, int j, double *liquidity, double *solvency);

/* The first company whose figures could leave the doubles in some cascade:
** its liquidity before the shock, revenue and financing inflows, outflows,
** equity and claims, added up as if every loss came at once, overflow (with
** room for rounding). NO_COMPANY when none: then every figure of every
** cascade on net is finite, whatever the pct and the options. */
int cascade_first_unbounded(const Network *net);

/* A company's status after a run: failed (in F0), default, stressed (lost
** revenue, financing or claims) or ok; cascade_status_name gives its name. */
typedef enum { STATUS_FAILED, STATUS_DEFAULT, STATUS_STRESSED, STATUS_OK, N_STATUS } CascadeStatus;
CascadeStatus cascade_status(const Cascade *c, const CascadeParams *params, int company);
const char *cascade_status_name(CascadeStatus status);
/* The cause of a default: a company's name, "baseline", or NULL; of a
** company after a run, or from a cause as Cascade.cause holds it. */
const char *cascade_cause_name(const Cascade *c, const Network *net, int company);
const char *cascade_cause_text(const Network *net, int cause);


#endif
