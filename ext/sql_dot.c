/*
** sql_dot.c: the SQL function aibubble_dot, a picture of a cascade.
**
**   aibubble_dot(pct [, spenders [, options]])
**
** Runs cascade_shock(pct, spenders, options) and returns the network as a
** Graphviz DOT graph (text) to render with dot, e.g.
**
**   sqlite3 bubble.db ".load ./dist/aibubble" "SELECT aibubble_dot(30)" | dot -Tpng -o net.png
**
** One node per company: its name, with "round N" below when it defaults;
** filled by status (failed purple, default red, stressed amber, ok green);
** its width growing with its revenue (square root, so area grows with
** it). One edge per flow, payer to payee: width growing with the amount
** (square root), dashed for financing (investment, loan), red when the
** payer (or the end customer it pays for) cut it in the scenario, grey
** otherwise. The graph's label gives the scenario and the counts by status
** with their colours. Names are escaped for DOT quoted strings, so any
** name is safe. Figures that could overflow a double are an error.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include "scenario.h"
#include "sql_functions.h"

#define FN "aibubble_dot"
#define NODE_MIN_WIDTH 0.8   /* inches, a company without revenue */
#define NODE_MAX_WIDTH 2.0   /* inches, the largest revenue */
#define EDGE_MIN_WIDTH 0.4   /* points */
#define EDGE_MAX_WIDTH 6.0   /* points, the largest flow */

static const char *const status_colour[N_STATUS] = { "#8e44ad", "#e74c3c", "#f5b041", "#82c272" };
static const char *const colour_word[N_STATUS] = { "purple", "red", "amber", "green" };

/* Graphviz's scanner takes a quoted string of at most 16384 bytes: longer
** text is written in pieces, "..." + "...", which DOT joins. */
#define DOT_PIECE 8000

/* Where a quoted string goes: a label reads "\\" as a backslash; a tooltip
** first expands \N, \G and the like, so that it needs "\\\\". */
typedef enum { DOT_LABEL, DOT_TOOLTIP } DotField;

/* Appends text as the inside of a DOT quoted string: '"' and '\' escaped
** for the field, line breaks as \n, other control characters dropped, and
** cut into pieces of about DOT_PIECE bytes (between UTF-8 characters). */
static void append_escaped(sqlite3_str *out, const char *text, DotField field) {
  int piece = 0;
  for (; *text; text++) {
    unsigned char ch = (unsigned char)*text;
    if (piece >= DOT_PIECE && (ch & 0xC0) != 0x80) {
      sqlite3_str_appendall(out, "\" + \"");
      piece = 0;
    }
    if (ch == '"') {
      sqlite3_str_appendall(out, "\\\"");
      piece += 2;
    } else if (ch == '\\') {
      sqlite3_str_appendall(out, field == DOT_TOOLTIP ? "\\\\\\\\" : "\\\\");
      piece += 4;
    } else if (ch == '\n') {
      sqlite3_str_appendall(out, "\\n");
      piece += 2;
    } else if (ch >= 0x20) {
      sqlite3_str_appendchar(out, 1, (char)ch);
      piece++;
    }
  }
}

static double largest(const double *values, int n) {
  double max = 0;
  int i;
  for (i = 0; i < n; i++) {
    if (values[i] > max) max = values[i];
  }
  return max;
}

static void append_header(sqlite3_str *out, const Cascade *c, const Scenario *s, double pct) {
  int count[N_STATUS] = { 0 }, j, k;
  for (j = 0; j < s->net->n_companies; j++) count[cascade_status(c, &s->params, j)]++;
  sqlite3_str_appendf(out, "digraph aibubble {\n  graph [label=\"cascade at a %.15g%% cut:",
                      pct);
  for (k = 0; k < N_STATUS; k++) {
    sqlite3_str_appendf(out, "%s %d %s (%s)", k ? "," : "", count[k], cascade_status_name(k),
                        colour_word[k]);
  }
  sqlite3_str_appendf(out, "%s\", labelloc=t, fontname=\"Helvetica\", fontsize=18,"
                      " rankdir=LR, nodesep=0.25, ranksep=1.2];\n",
                      c->converged ? "" : " (not converged)");
  sqlite3_str_appendall(out, "  node [shape=circle, style=filled, fixedsize=shape,"
                             " fontname=\"Helvetica\", fontsize=12, color=\"#444444\"];\n"
                             "  edge [arrowsize=0.5];\n");
}

/* label and an amount for a tooltip: six significant digits, so that small
** amounts show (0.04, not 0.0), and whole units from a million up, so that
** amounts in dollars show no exponent; -0 as 0. */
static void append_amount(sqlite3_str *out, const char *label, double amount) {
  amount += 0.0;
  sqlite3_str_appendf(out, fabs(amount) < 1e6 ? "%s%.6g" : "%s%.0f", label, amount);
}

static void append_nodes(sqlite3_str *out, const Cascade *c, const Scenario *s) {
  const Network *net = s->net;
  double max_revenue = largest(net->revenue, net->n_companies);
  int j;
  for (j = 0; j < net->n_companies; j++) {
    int status = cascade_status(c, &s->params, j);
    double share = max_revenue > 0 ? net->revenue[j] / max_revenue : 0;
    sqlite3_str_appendf(out, "  n%d [label=\"", j);
    append_escaped(out, net->name[j], DOT_LABEL);
    if (status == STATUS_DEFAULT) sqlite3_str_appendf(out, "\\nround %d", c->default_round[j]);
    sqlite3_str_appendf(out, "\", width=%.3f, fillcolor=\"%s\", tooltip=\"",
                        NODE_MIN_WIDTH + (NODE_MAX_WIDTH - NODE_MIN_WIDTH) * sqrt(share),
                        status_colour[status]);
    append_escaped(out, net->name[j], DOT_TOOLTIP);
    sqlite3_str_appendf(out, ": %s", cascade_status_name(status));
    append_amount(out, ", revenue ", net->revenue[j]);
    append_amount(out, ", revenue lost ", c->revenue_lost[j]);
    append_amount(out, ", cash after ", c->cash_after[j]);
    sqlite3_str_appendall(out, "\"];\n");
  }
}

static void append_edges(sqlite3_str *out, const Cascade *c, const Network *net) {
  double max_amount = largest(net->in_amount, net->n_flows);
  int payee, k;
  for (payee = 0; payee < net->n_companies; payee++) {
    for (k = net->in_start[payee]; k < net->in_start[payee + 1]; k++) {
      int payer = net->in_payer[k], behalf = net->in_behalf[k];
      double cut = c->cut[payer];
      double share = max_amount > 0 ? net->in_amount[k] / max_amount : 0;
      if (behalf != NO_COMPANY && c->cut[behalf] > cut) cut = c->cut[behalf];
      sqlite3_str_appendf(out, "  n%d -> n%d [penwidth=%.2f, color=\"%s\"%s];\n",
                          payer, payee,
                          EDGE_MIN_WIDTH + (EDGE_MAX_WIDTH - EDGE_MIN_WIDTH) * sqrt(share),
                          cut > 0 ? "#e74c3ccc" : "#99999999",
                          net->in_financing[k] ? ", style=dashed" : "");
    }
  }
}

/* The DOT text of the cascade of s at pct into *dot: SQLITE_OK,
** SQLITE_NOMEM, or the code the cascade was stopped with. */
static int render(sqlite3 *db, Scenario *s, double pct, char **dot) {
  Cascade *c = cascade_new(s->net->n_companies);
  sqlite3_str *out;
  int rc;
  *dot = NULL;
  if (c == NULL) return SQLITE_NOMEM;
  scenario_set_pct(s, pct);
  if ((rc = cascade_run(c, s->net, &s->params)) != 0) {
    cascade_free(c);
    return rc;
  }
  out = sqlite3_str_new(db);
  append_header(out, c, s, pct);
  append_nodes(out, c, s);
  append_edges(out, c, s->net);
  sqlite3_str_appendall(out, "}\n");
  cascade_free(c);
  rc = sqlite3_str_errcode(out);
  *dot = sqlite3_str_finish(out);
  if (rc != SQLITE_OK) {   /* SQLITE_NOMEM, or SQLITE_TOOBIG past SQLite's length limit */
    sqlite3_free(*dot);
    *dot = NULL;
    return rc;
  }
  return *dot ? SQLITE_OK : SQLITE_NOMEM;
}

/* The error of render's rc: its own message for a graph too long. */
static char *render_error(sqlite3 *db, int rc) {
  if (rc != SQLITE_TOOBIG) return NULL;
  return error_message(FN, "the graph is longer than SQLite's length limit (%d bytes)",
                       sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1));
}

static void dot_function(sqlite3_context *ctx, Connection *conn, int argc,
                         sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  char *errmsg = NULL, *dot;
  Scenario s;
  double pct;
  int k, rc = scenario_pct(FN, argv[0], &pct, &errmsg);
  if (rc == SQLITE_OK) {
    rc = scenario_open(conn, FN, argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL,
                       &s, &errmsg);
  }
  if (rc == SQLITE_OK && (k = cascade_first_unbounded(s.net)) != NO_COMPANY) {
    errmsg = scenario_unbounded_message(FN, s.net, k);
    rc = SQLITE_ERROR;
    scenario_close(&s);
  }
  if (rc != SQLITE_OK) {
    result_error(ctx, rc, errmsg);
    return;
  }
  rc = render(db, &s, pct, &dot);
  scenario_close(&s);
  if (rc != SQLITE_OK) {
    result_error(ctx, rc, render_error(db, rc));
    return;
  }
  sqlite3_result_text(ctx, dot, -1, sqlite3_free);
}

int register_dot(sqlite3 *db, Connection *conn) {
  return register_reader(db, FN, 3, conn, dot_function);
}
