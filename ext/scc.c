/*
** scc.c: Tarjan's algorithm for scc.h, iterative.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "carve.h"
#include "scc.h"

struct SccWalker {
  const SccGraph *graph;
  int *index, *low, *stack, *call_node, *call_edge;
  int *visited;              /* the nodes visited, in order: counter of them */
  unsigned char *on_stack;
  int counter, top;
  void *block;
};
typedef SccWalker Walk;

static void lay_out(void *owner, Carving *carving, size_t n) {
  Walk *w = owner;
  w->index = carve(carving, n, sizeof(int));
  w->low = carve(carving, n, sizeof(int));
  w->stack = carve(carving, n, sizeof(int));
  w->call_node = carve(carving, n, sizeof(int));
  w->call_edge = carve(carving, n, sizeof(int));
  w->visited = carve(carving, n, sizeof(int));
  w->on_stack = carve(carving, n, 1);
}

static void visit(Walk *w, int v) {
  w->visited[w->counter] = v;
  w->index[v] = w->low[v] = w->counter++;
  w->stack[w->top++] = v;
  w->on_stack[v] = 1;
}

/* Pops the set rooted at v off the stack and hands it over. */
static int pop_set(Walk *w, int v) {
  int start = w->top - 1, r;
  while (w->stack[start] != v) start--;
  for (r = start; r < w->top; r++) w->on_stack[w->stack[r]] = 0;
  r = w->graph->solve(w->graph->context, w->stack + start, w->top - start);
  w->top = start;
  return r;
}

static int kept(const SccGraph *g, int v, int e) {
  return g->keep == NULL || g->keep(g->context, v, e);
}

/* The walk from root, with an explicit call stack. */
static int strong_connect(Walk *w, int root) {
  const SccGraph *g = w->graph;
  int depth = 1, rc = SQLITE_OK;
  visit(w, root);
  w->call_node[0] = root;
  w->call_edge[0] = g->start[root];
  while (depth > 0 && rc == SQLITE_OK) {
    int v = w->call_node[depth - 1], e = w->call_edge[depth - 1];
    if (e < g->start[v + 1]) {
      int next = g->target[e];
      w->call_edge[depth - 1]++;
      if (!kept(g, v, e)) continue;
      if (w->index[next] < 0) {
        visit(w, next);
        w->call_node[depth] = next;
        w->call_edge[depth++] = g->start[next];
      } else if (w->on_stack[next] && w->index[next] < w->low[v]) {
        w->low[v] = w->index[next];
      }
    } else {
      depth--;
      if (depth > 0 && w->low[v] < w->low[w->call_node[depth - 1]]) {
        w->low[w->call_node[depth - 1]] = w->low[v];
      }
      if (w->low[v] == w->index[v]) rc = pop_set(w, v);
    }
  }
  return rc;
}

SccWalker *scc_walker_new(int n) {
  Walk *w = sqlite3_malloc64(sizeof(Walk));
  int v;
  if (w == NULL) return NULL;
  memset(w, 0, sizeof(*w));
  if (carve_all(w, lay_out, n > 0 ? (size_t)n : 1, &w->block) != SQLITE_OK) {
    sqlite3_free(w);
    return NULL;
  }
  for (v = 0; v < n; v++) w->index[v] = -1;
  return w;
}

void scc_walker_free(SccWalker *w) {
  if (w == NULL) return;
  sqlite3_free(w->block);
  sqlite3_free(w);
}

static int walk_from(Walk *w, const SccGraph *graph, int v) {
  if (w->index[v] >= 0 || (graph->root != NULL && !graph->root(graph->context, v))) {
    return SQLITE_OK;
  }
  return strong_connect(w, v);
}

/* Makes the work space as new again, at the cost of what was visited. */
static void forget(Walk *w) {
  int k;
  for (k = 0; k < w->counter; k++) w->index[w->visited[k]] = -1;
  for (k = 0; k < w->top; k++) w->on_stack[w->stack[k]] = 0;   /* a walk stopped midway */
  w->counter = w->top = 0;
}

int scc_walk_roots(SccWalker *w, const SccGraph *graph, const int *roots, int k) {
  int r, rc = SQLITE_OK;
  w->graph = graph;
  for (r = 0; r < k && rc == SQLITE_OK; r++) rc = walk_from(w, graph, roots[r]);
  forget(w);
  return rc;
}

int scc_walk(const SccGraph *graph) {
  Walk *w = scc_walker_new(graph->n);
  int v, rc = SQLITE_OK;
  if (w == NULL) return SQLITE_NOMEM;
  w->graph = graph;
  for (v = 0; v < graph->n && rc == SQLITE_OK; v++) rc = walk_from(w, graph, v);
  scc_walker_free(w);
  return rc;
}
