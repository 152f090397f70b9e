/*
** reach.h: the companies that one round's changes reach, which alone the
** next round computes, for the cascade (cascade.c) and breaking_point's
** bounds (breaking.c). A company whose cut moved reaches itself, the
** payees of its flows and those of flows on its behalf; one whose default
** changed reaches the creditors of its claims.
*/
#ifndef AIBUBBLE_REACH_H
#define AIBUBBLE_REACH_H
#include "network.h"

/* What changed of a company in a round. */
#define MOVED_CUT 1
#define MOVED_DEFAULT 2

typedef struct Reach {
  unsigned char *marked;   /* [n] marked due next round */
  int *list;               /* [n] the companies due this round */
  int *next;               /* [n] those marked so far for next round */
  int n_list, n_next;
} Reach;

/* How many marks a change (MOVED_ bits) of company j asks for. */
long long reach_size(const Network *net, int j, unsigned moved);
/* Marks due next round the companies a change of company j reaches. */
void reach_mark(Reach *r, const Network *net, int j, unsigned moved);
/* The companies marked become those due this round; no mark is left. */
void reach_advance(Reach *r);
/* Next round's companies, made this round's: those that the changes of
** the companies in r->list reach (moved[]: what changed of each, which
** this clears; reached: the sum of their reach_size). Marks cost a random
** write each, so past (flows + claims) / 4 + companies of them, where
** computing everyone is cheaper than finding them, none is made and every
** company is listed: then it returns 1, else 0. */
int reach_next(Reach *r, const Network *net, unsigned char *moved, long long reached);

#endif
