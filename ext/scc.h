/*
** scc.h: the strongly connected sets of a graph, each handed over after
** every set it reaches (Tarjan's algorithm, with an explicit stack, so that
** a chain of a million companies needs no deep recursion).
**
** clearing solves the payments of defaulters and exposure the attribution
** of revenue this way: a set depends only on the sets it reaches, which
** come first. Knows no SQL.
*/
#ifndef AIBUBBLE_SCC_H
#define AIBUBBLE_SCC_H

typedef struct SccGraph {
  int n;                     /* nodes 0 .. n-1 */
  /* The edges out of v are e in [start[v], start[v + 1]), to target[e]. */
  const int *start, *target;
  /* Whether a walk starts at v (NULL: every node)... */
  int (*root)(void *context, int v);
  /* ...and whether edge e out of v counts (NULL: every edge). */
  int (*keep)(void *context, int v, int e);
  /* A completed set members[0 .. k): SQLITE_OK to go on; anything else
  ** stops the walk, which returns it. */
  int (*solve)(void *context, const int *members, int k);
  void *context;
} SccGraph;

/* Hands every set reachable from the roots to solve: SQLITE_OK,
** SQLITE_NOMEM, or what solve returned. */
int scc_walk(const SccGraph *graph);

/* The work space of walks over a graph of n nodes, for many walks that each
** visit few of them: a walk costs what it visits, not n. NULL when out of
** memory. */
typedef struct SccWalker SccWalker;
SccWalker *scc_walker_new(int n);
void scc_walker_free(SccWalker *w);
/* scc_walk from roots[0 .. k) only (each still subject to graph->root),
** with w made for graph->n nodes. */
int scc_walk_roots(SccWalker *w, const SccGraph *graph, const int *roots, int k);

#endif
