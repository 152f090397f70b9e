/*
** scc.c: Tarjan's algorithm for scc.h, iterative.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <string.h>
#include "carve.h"
#include "scc.h"

typedef struct Walk {
  const SccGraph *graph;
  int *index, *low, *stack, *call_node, *call_edge;
  unsigned char *on_stack;
  int counter, top;
  void *block;
} Walk;

static void lay_out(void *owner, Carving *carving, size_t n) {
  Walk *w = owner;
  w->index = carve(carving, n, sizeof(int));
  w->low = carve(carving, n, sizeof(int));
  w->stack = carve(carving, n, sizeof(int));
  w->call_node = carve(carving, n, sizeof(int));
  w->call_edge = carve(carving, n, sizeof(int));
  w->on_stack = carve(carving, n, 1);
}

static void visit(Walk *w, int v) {
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

int scc_walk(const SccGraph *graph) {
  Walk w;
  int v, rc = SQLITE_OK;
  memset(&w, 0, sizeof(w));
  w.graph = graph;
  if (carve_all(&w, lay_out, graph->n > 0 ? (size_t)graph->n : 1, &w.block) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  for (v = 0; v < graph->n; v++) w.index[v] = -1;
  for (v = 0; v < graph->n && rc == SQLITE_OK; v++) {
    if (w.index[v] < 0 && (graph->root == NULL || graph->root(graph->context, v))) {
      rc = strong_connect(&w, v);
    }
  }
  sqlite3_free(w.block);
  return rc;
}
