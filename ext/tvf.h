/*
** tvf.h: table-valued functions as eponymous virtual tables.
**
** Each aibubble table-valued function (cascade_shock, ...) computes its
** whole answer at once into a ResultTable; this module turns it into an
** eponymous virtual table whose hidden columns are the function's
** arguments, in the manner of generate_series. A spec names the function,
** declares its columns and supplies the compute callback.
*/
#ifndef AIBUBBLE_TVF_H
#define AIBUBBLE_TVF_H

#include "connection.h"

#define TVF_MAX_ARGS 4

typedef enum { CELL_NULL, CELL_INTEGER, CELL_REAL, CELL_TEXT } CellType;

typedef struct Cell {
  CellType type;
  union {
    sqlite3_int64 integer;
    double real;
    const char *text;        /* borrowed: from the network or static */
  } value;
} Cell;

/* A table made row by row calls this to fill the (NULL) cells of a row. */
typedef void (*MakeRow)(void *source, int row, Cell *cells);

typedef struct ResultTable {
  int n_rows, n_columns;
  Cell *cells;               /* n_rows * n_columns, row by row; or, for a
                             ** table made row by row, the row last made */
  Network *net;              /* keeps the borrowed names alive */
  MakeRow make_row;          /* NULL: every row is in cells */
  void *source;              /* make_row's, freed by free_source */
  void (*free_source)(void *source);
  int made;                  /* the row in cells, or -1 */
} ResultTable;

typedef struct TvfSpec {
  const char *name;          /* the SQL name */
  const char *declaration;   /* CREATE TABLE x(visible columns..., args HIDDEN) */
  int n_columns;             /* visible columns */
  int n_args;                /* hidden argument columns, after the visible ones */
  int n_required;            /* leading arguments that must be given */
  const char *arg_names[TVF_MAX_ARGS];
  const char *usage;         /* e.g. "cascade_shock(pct [, spenders [, options]])" */
  /* Fills out (allocated with result_table_init) from args[n_args], where a
  ** missing argument is NULL; on error sets *errmsg. */
  int (*compute)(Connection *conn, sqlite3_value **args, ResultTable *out, char **errmsg);
} TvfSpec;

int tvf_register(sqlite3 *db, const TvfSpec *spec, Connection *conn);

/* Allocates rows x columns NULL cells and takes a reference on net. */
int result_table_init(ResultTable *table, int n_rows, int n_columns, Network *net);
/* A table whose rows make_row makes from source when they are read, so that
** none is stored; the table owns source (even on failure) and a reference
** on net. */
int result_table_rows(ResultTable *table, int n_rows, int n_columns, Network *net,
                      MakeRow make_row, void *source, void (*free_source)(void *));
void result_table_free(ResultTable *table);
Cell *result_cell(ResultTable *table, int row, int column);
void cell_real(Cell *cell, double value);
void cell_integer(Cell *cell, sqlite3_int64 value);
void cell_text(Cell *cell, const char *text);   /* NULL text: SQL NULL */

#endif
