/*
** tvf.c: the shared virtual-table module behind every table-valued function.
**
** xBestIndex: the plan passes each hidden argument column's equality
** constraint to xFilter, in argument order. idxNum has bit i set when
** argument i is constrained. A plan that cannot use an argument's
** constraint (it depends on a later table of a join) is refused with
** SQLITE_CONSTRAINT so that SQLite picks an order where it can. A missing
** required argument gives a plan anyway, and xFilter reports it as an error
** that names the function, rather than "no query solution".
** xFilter computes the whole result; the cursor walks its rows.
** An equality on a visible column (WHERE status = 'default') is handed to
** xFilter too, which skips the rows whose text cannot equal it: SQLite
** still checks the constraint itself (omit is 0), so only rows that could
** never pass are skipped (a NULL cell, a TEXT cell that differs from a TEXT
** value, under the BINARY collation), and fewer rows cross the interface.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "tvf.h"

#define TVF_MAX_FILTERS 8    /* column equalities handed to xFilter */

typedef struct TvfModule {
  const TvfSpec *spec;
  Connection *conn;
} TvfModule;

typedef struct TvfTable {
  sqlite3_vtab base;
  TvfModule *module;
} TvfTable;

typedef struct TvfCursor {
  sqlite3_vtab_cursor base;
  ResultTable result;
  sqlite3_value *args[TVF_MAX_ARGS];
  int *rows;                 /* the rows that may match, in order; NULL: all */
  int n_rows;                /* rows to walk */
  int at;                    /* position in rows */
} TvfCursor;

int result_table_init(ResultTable *table, int n_rows, int n_columns, Network *net) {
  size_t count = (size_t)n_rows * (size_t)n_columns;
  memset(table, 0, sizeof(*table));
  table->cells = sqlite3_malloc64((count ? count : 1) * sizeof(Cell));
  if (table->cells == NULL) return SQLITE_NOMEM;
  memset(table->cells, 0, (count ? count : 1) * sizeof(Cell));
  table->n_rows = n_rows;
  table->n_columns = n_columns;
  table->net = network_retain(net);
  return SQLITE_OK;
}

void result_table_cells(ResultTable *table, int n_rows, int n_columns, Network *net,
                        const CellSource *kind, void *source) {
  memset(table, 0, sizeof(*table));
  table->n_rows = n_rows;
  table->n_columns = n_columns;
  table->net = network_retain(net);
  table->kind = kind;
  table->source = source;
}

static void result_table_free(ResultTable *table) {
  sqlite3_free(table->cells);
  network_release(table->net);
  if (table->kind) table->kind->free_source(table->source);
  memset(table, 0, sizeof(*table));
}

Cell *result_cell(ResultTable *table, int row, int column) {
  return &table->cells[(size_t)row * (size_t)table->n_columns + (size_t)column];
}

/* A cell of either kind of table, to read. */
static Cell cell_at(ResultTable *table, int row, int column) {
  Cell cell;
  if (table->kind == NULL) return *result_cell(table, row, column);
  memset(&cell, 0, sizeof(cell));
  table->kind->make_cell(table->source, row, column, &cell);
  return cell;
}

int source_row_nonfinite(const CellSource *kind, void *source, int row, int n_columns,
                         int *column) {
  int k;
  for (k = 0; k < n_columns; k++) {
    Cell cell;
    memset(&cell, 0, sizeof(cell));
    kind->make_cell(source, row, k, &cell);
    if (cell.type == CELL_REAL && !isfinite(cell.value.real)) {
      *column = k;
      return 1;
    }
  }
  return 0;
}

void cell_real(Cell *cell, double value) {
  cell->type = CELL_REAL;
  cell->value.real = value;
}

void cell_integer(Cell *cell, sqlite3_int64 value) {
  cell->type = CELL_INTEGER;
  cell->value.integer = value;
}

void cell_text(Cell *cell, const char *text) {
  cell->type = text ? CELL_TEXT : CELL_NULL;
  cell->value.text = text;
}

static int tvf_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                       sqlite3_vtab **vtab, char **errmsg) {
  TvfModule *module = aux;
  TvfTable *table;
  int rc;
  (void)argc;
  (void)argv;
  (void)errmsg;
  rc = sqlite3_declare_vtab(db, module->spec->declaration);
  if (rc != SQLITE_OK) return rc;
  table = sqlite3_malloc64(sizeof(TvfTable));
  if (table == NULL) return SQLITE_NOMEM;
  memset(table, 0, sizeof(*table));
  table->module = module;
  *vtab = &table->base;
  return SQLITE_OK;
}

static int tvf_disconnect(sqlite3_vtab *vtab) {
  sqlite3_free(vtab);
  return SQLITE_OK;
}

/* Hands the usable equalities on visible columns (BINARY collation) to
** xFilter after the arguments; idxStr lists their columns ("2 0i "), "i"
** marking an IN list, which xFilter gets whole (sqlite3_vtab_in), so that
** its rows come once each, in the order of the result. */
static int pass_column_equalities(const TvfSpec *spec, sqlite3_index_info *info, int n_given) {
  sqlite3_str *columns = sqlite3_str_new(NULL);
  int i, n_filters = 0;
  for (i = 0; i < info->nConstraint && n_filters < TVF_MAX_FILTERS; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    const char *collation;
    if (c->iColumn < 0 || c->iColumn >= spec->n_columns || !c->usable ||
        c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    collation = sqlite3_vtab_collation(info, i);
    if (collation && sqlite3_stricmp(collation, "BINARY") != 0) continue;
    info->aConstraintUsage[i].argvIndex = ++n_given;
    if (sqlite3_vtab_in(info, i, -1)) {
      sqlite3_vtab_in(info, i, 1);
      sqlite3_str_appendf(columns, "%di ", c->iColumn);
    } else {
      sqlite3_str_appendf(columns, "%d ", c->iColumn);
    }
    n_filters++;
  }
  if (sqlite3_str_errcode(columns) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(columns));
    return SQLITE_NOMEM;
  }
  info->idxStr = sqlite3_str_finish(columns);   /* NULL when empty */
  info->needToFreeIdxStr = 1;
  return SQLITE_OK;
}

static int tvf_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
  const TvfSpec *spec = ((TvfTable *)vtab)->module->spec;
  int usable[TVF_MAX_ARGS], unusable = 0, i, n_given = 0;
  for (i = 0; i < spec->n_args; i++) usable[i] = -1;
  for (i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    int arg = c->iColumn - spec->n_columns;
    if (arg < 0 || arg >= spec->n_args || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c->usable) unusable |= 1 << arg;
    else usable[arg] = i;
  }
  info->idxNum = 0;
  for (i = 0; i < spec->n_args; i++) {
    if (usable[i] >= 0) {
      info->aConstraintUsage[usable[i]].argvIndex = ++n_given;
      info->aConstraintUsage[usable[i]].omit = 1;
      info->idxNum |= 1 << i;
    } else if (unusable & (1 << i)) {
      return SQLITE_CONSTRAINT;
    }
  }
  if (pass_column_equalities(spec, info, n_given) != SQLITE_OK) return SQLITE_NOMEM;
  info->estimatedCost = 1000;
  info->estimatedRows = 1000;
  return SQLITE_OK;
}

static int tvf_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **cursor) {
  TvfCursor *c = sqlite3_malloc64(sizeof(TvfCursor));
  (void)vtab;
  if (c == NULL) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *cursor = &c->base;
  return SQLITE_OK;
}

static void cursor_clear(TvfCursor *c) {
  int i;
  result_table_free(&c->result);
  for (i = 0; i < TVF_MAX_ARGS; i++) {
    sqlite3_value_free(c->args[i]);
    c->args[i] = NULL;
  }
  sqlite3_free(c->rows);
  c->rows = NULL;
  c->n_rows = 0;
  c->at = 0;
}

static int tvf_close(sqlite3_vtab_cursor *cursor) {
  cursor_clear((TvfCursor *)cursor);
  sqlite3_free(cursor);
  return SQLITE_OK;
}

/* Puts an error message on the vtab, as SQLite expects it. */
static void set_vtab_error(sqlite3_vtab *vtab, char *message) {
  message_fit(((TvfTable *)vtab)->module->conn->db, message);
  sqlite3_free(vtab->zErrMsg);
  vtab->zErrMsg = message;
}

/* The name of visible column k, from the spec's declaration. */
static char *column_name(const TvfSpec *spec, int k) {
  const char *at = strchr(spec->declaration, '(') + 1;
  while (k-- > 0) at = strchr(at, ',') + 1;
  while (*at == ' ') at++;
  return sqlite3_mprintf("%.*s", (int)strcspn(at, " ,)"), at);
}

/* The first row and column whose REAL is not finite: 1, or 0 when none. */
static int find_nonfinite(ResultTable *result, int *row, int *column) {
  int i, k;
  if (result->kind) return result->kind->find_nonfinite(result->source, row, column);
  for (i = 0; i < result->n_rows; i++) {
    for (k = 0; k < result->n_columns; k++) {
      const Cell *cell = result_cell(result, i, k);
      if (cell->type == CELL_REAL && !isfinite(cell->value.real)) {
        *row = i;
        *column = k;
        return 1;
      }
    }
  }
  return 0;
}

/* A NaN or infinite REAL in the result (the input's numbers were too large
** or too small for a double) is an error naming the column and the row's
** first text, never a silent NULL or Inf. */
static int check_finite(const TvfSpec *spec, ResultTable *result, char **errmsg) {
  const char *label = NULL;
  char *column_text;
  int row, column, i;
  if (!find_nonfinite(result, &row, &column)) return SQLITE_OK;
  for (i = 0; i < result->n_columns && label == NULL; i++) {
    Cell cell = cell_at(result, row, i);
    if (cell.type == CELL_TEXT) label = cell.value.text;
  }
  column_text = column_name(spec, column);
  if (column_text) {
    *errmsg = sqlite3_mprintf("%s: %s of '%q' is not a finite number (the input's numbers"
                              " are too large or too small for a double)",
                              spec->name, column_text, label ? label : "?");
  }
  sqlite3_free(column_text);
  return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Whether a row may pass "column = value": not when its cell is NULL, or
** TEXT that differs from a TEXT value; any other pair SQLite compares with
** affinities, so it may pass. */
static int may_equal(Cell cell, sqlite3_value *value) {
  const char *text;
  if (cell.type == CELL_NULL) return 0;
  if (cell.type != CELL_TEXT || sqlite3_value_type(value) != SQLITE_TEXT) return 1;
  text = (const char *)sqlite3_value_text(value);
  return text == NULL || strcmp(cell.value.text, text) == 0;
}

/* Whether a row may pass "column IN list" (may_equal to one of the list's
** values); *rc gets an error of the list's walk. */
static int may_equal_one(Cell cell, sqlite3_value *list, int *rc) {
  sqlite3_value *value;
  int step;
  for (step = sqlite3_vtab_in_first(list, &value); step == SQLITE_OK && value;
       step = sqlite3_vtab_in_next(list, &value)) {
    if (may_equal(cell, value)) return 1;
  }
  if (step != SQLITE_OK && step != SQLITE_DONE) *rc = step;
  return 0;
}

/* Whether a row may pass filter k: an equality, or an IN list. */
static int may_pass(Cell cell, sqlite3_value *value, int is_list, int *rc) {
  return is_list ? may_equal_one(cell, value, rc) : may_equal(cell, value);
}

static int by_row(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Adds the row of the company a TEXT value names, if any, to rows[*n]
** (no name holds a NUL byte, so a text with one inside names none); 0 when
** the value is not TEXT (then only SQLite can compare it). */
static int add_named_row(const Network *net, sqlite3_value *value, int *rows, int *n) {
  const char *text;
  int row;
  if (sqlite3_value_type(value) != SQLITE_TEXT) return 0;
  text = (const char *)sqlite3_value_text(value);
  if (text == NULL || strlen(text) != (size_t)sqlite3_value_bytes(value)) return 1;
  if ((row = network_find(net, text)) != NO_COMPANY) rows[(*n)++] = row;
  return 1;
}

/* For a table of company rows, the rows an equality (or an IN list) on the
** company column names, found by the hash of names, in table order and
** once each: their count, or -1 when a value is not TEXT (every row must
** then be tried). */
static int named_rows(TvfCursor *c, sqlite3_value *value, int is_list, int *rc) {
  sqlite3_value *item;
  int n = 0, step, k, unique = 0;
  if (!is_list) return add_named_row(c->result.net, value, c->rows, &n) ? n : -1;
  for (step = sqlite3_vtab_in_first(value, &item); step == SQLITE_OK && item;
       step = sqlite3_vtab_in_next(value, &item)) {
    /* Full (SQLite gives a list without repeats, so never): try every row. */
    if (n == c->result.n_rows) return -1;
    if (!add_named_row(c->result.net, item, c->rows, &n)) return -1;
  }
  if (step != SQLITE_OK && step != SQLITE_DONE) *rc = step;
  qsort(c->rows, (size_t)n, sizeof(int), by_row);
  for (k = 0; k < n; k++) {
    if (unique == 0 || c->rows[unique - 1] != c->rows[k]) c->rows[unique++] = c->rows[k];
  }
  return unique;
}

/* Picks the rows that may pass the equalities on visible columns listed in
** idx_str, whose values are values[]; without any, every row. */
static int pick_rows(TvfCursor *c, int company_rows, const char *idx_str, sqlite3_value **values,
                     int n_values) {
  int row, k, column[TVF_MAX_FILTERS], is_list[TVF_MAX_FILTERS], n = 0, rc = SQLITE_OK;
  int i, n_candidates = -1;
  const char *at = idx_str;
  c->n_rows = c->result.n_rows;
  while (at && *at && n < n_values && n < TVF_MAX_FILTERS) {
    column[n] = (int)strtol(at, (char **)&at, 10);
    is_list[n++] = *at == 'i';
    while (*at == 'i' || *at == ' ') at++;
  }
  if (n == 0) return SQLITE_OK;
  c->rows = sqlite3_malloc64((size_t)(c->result.n_rows ? c->result.n_rows : 1) * sizeof(int));
  if (c->rows == NULL) return SQLITE_NOMEM;
  for (k = 0; k < n && n_candidates < 0 && rc == SQLITE_OK; k++) {
    if (company_rows && column[k] == 0) n_candidates = named_rows(c, values[k], is_list[k], &rc);
  }
  c->n_rows = 0;
  for (i = 0; i < (n_candidates < 0 ? c->result.n_rows : n_candidates) && rc == SQLITE_OK; i++) {
    row = n_candidates < 0 ? i : c->rows[i];
    for (k = 0; k < n && may_pass(cell_at(&c->result, row, column[k]), values[k], is_list[k], &rc);
         k++) {}
    if (k == n) c->rows[c->n_rows++] = row;
  }
  return rc;
}

static int tvf_filter(sqlite3_vtab_cursor *cursor, int idx_num, const char *idx_str,
                      int argc, sqlite3_value **argv) {
  TvfCursor *c = (TvfCursor *)cursor;
  TvfModule *module = ((TvfTable *)cursor->pVtab)->module;
  const TvfSpec *spec = module->spec;
  char *errmsg = NULL;
  int i, next = 0, rc, type;
  cursor_clear(c);
  for (i = 0; i < spec->n_args; i++) {
    if (!(idx_num & (1 << i))) continue;
    if (next >= argc) break;
    c->args[i] = sqlite3_value_dup(argv[next++]);
    if (c->args[i] == NULL) return SQLITE_NOMEM;
    /* A number's text now, while a failure can still be told from NULL. */
    type = sqlite3_value_type(c->args[i]);
    if ((type == SQLITE_INTEGER || type == SQLITE_FLOAT) &&
        sqlite3_value_text(c->args[i]) == NULL) return SQLITE_NOMEM;
  }
  for (i = 0; i < spec->n_required; i++) {
    if (!(idx_num & (1 << i))) {
      /* A bare name among the arguments is the function's own column. */
      set_vtab_error(cursor->pVtab,
                     sqlite3_mprintf("%s: %s is required, as in %s; among its arguments a bare"
                                     " %s is %s's own column: name an outer one with its table,"
                                     " as in p.%s", spec->name, spec->arg_names[i], spec->usage,
                                     spec->arg_names[i], spec->name, spec->arg_names[i]));
      return SQLITE_ERROR;
    }
  }
  rc = args_without_nul(spec->name, spec->n_args, c->args, &errmsg);
  if (rc == SQLITE_OK) rc = connection_enter(module->conn, spec->name, NULL, &errmsg);
  if (rc == SQLITE_OK) {
    rc = spec->compute(module->conn, c->args, &c->result, &errmsg);
    connection_leave(module->conn);
  }
  if (rc == SQLITE_OK) rc = check_finite(spec, &c->result, &errmsg);
  if (rc == SQLITE_OK) rc = pick_rows(c, spec->company_rows, idx_str, argv + next, argc - next);
  if (rc != SQLITE_OK) {
    result_table_free(&c->result);
    if (rc == SQLITE_INTERRUPT) {   /* SQLite says "interrupted", as Datasette expects */
      sqlite3_free(errmsg);
      return rc;
    }
    if (rc == SQLITE_NOMEM || (errmsg == NULL && rc == SQLITE_ERROR)) {
      sqlite3_free(errmsg);   /* no message: it could not be made */
      return SQLITE_NOMEM;
    }
    if (errmsg == NULL) {
      errmsg = sqlite3_mprintf("%s: %s", spec->name, sqlite3_errmsg(module->conn->db));
    }
    if (errmsg == NULL) return SQLITE_NOMEM;
    set_vtab_error(cursor->pVtab, errmsg);
  }
  return rc;
}

static int tvf_next(sqlite3_vtab_cursor *cursor) {
  ((TvfCursor *)cursor)->at++;
  return SQLITE_OK;
}

static int tvf_eof(sqlite3_vtab_cursor *cursor) {
  TvfCursor *c = (TvfCursor *)cursor;
  return c->at >= c->n_rows;
}

/* The result row the cursor is on. */
static int current_row(const TvfCursor *c) {
  return c->rows ? c->rows[c->at] : c->at;
}

static int tvf_column(sqlite3_vtab_cursor *cursor, sqlite3_context *ctx, int column) {
  TvfCursor *c = (TvfCursor *)cursor;
  Cell cell;
  if (column >= c->result.n_columns) {
    int arg = column - c->result.n_columns;
    if (arg < TVF_MAX_ARGS && c->args[arg]) sqlite3_result_value(ctx, c->args[arg]);
    return SQLITE_OK;
  }
  cell = cell_at(&c->result, current_row(c), column);
  switch (cell.type) {
    case CELL_INTEGER: sqlite3_result_int64(ctx, cell.value.integer); break;
    case CELL_REAL: sqlite3_result_double(ctx, cell.value.real); break;
    case CELL_TEXT: sqlite3_result_text(ctx, cell.value.text, -1, SQLITE_STATIC); break;
    case CELL_NULL: break;
  }
  return SQLITE_OK;
}

static int tvf_rowid(sqlite3_vtab_cursor *cursor, sqlite3_int64 *rowid) {
  *rowid = current_row((const TvfCursor *)cursor) + 1;
  return SQLITE_OK;
}

/* By name: newer SQLite adds members (xIntegrity in 3.44), which stay 0.
** No xCreate: eponymous only. */
static const sqlite3_module tvf_module = {
  .iVersion = 0,
  .xConnect = tvf_connect,
  .xBestIndex = tvf_best_index,
  .xDisconnect = tvf_disconnect,
  .xOpen = tvf_open,
  .xClose = tvf_close,
  .xFilter = tvf_filter,
  .xNext = tvf_next,
  .xEof = tvf_eof,
  .xColumn = tvf_column,
  .xRowid = tvf_rowid,
};

static void module_free(void *p) {
  TvfModule *module = p;
  connection_release(module->conn);
  sqlite3_free(module);
}

int tvf_register(sqlite3 *db, const TvfSpec *spec, Connection *conn) {
  TvfModule *module = sqlite3_malloc64(sizeof(TvfModule));
  if (module == NULL) return SQLITE_NOMEM;
  module->spec = spec;
  module->conn = connection_retain(conn);
  return sqlite3_create_module_v2(db, spec->name, &tvf_module, module, module_free);
}
