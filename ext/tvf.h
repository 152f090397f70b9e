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

/* A table made cell by cell, as SQLite reads it, from a source (see
** result_table_cells): the kind of source says how. */
typedef struct CellSource {
  /* Sets the (NULL) cell of row and column. */
  void (*make_cell)(void *source, int row, int column, Cell *cell);
  /* The first row, and its column, whose REAL is NaN or infinite: returns
  ** 1 and sets them, or 0 when every one is finite. */
  int (*find_nonfinite)(void *source, int *row, int *column);
  void (*free_source)(void *source);
} CellSource;

typedef struct ResultTable {
  int n_rows, n_columns;
  Cell *cells;               /* n_rows * n_columns, row by row; NULL when made */
  Network *net;              /* keeps the borrowed names alive */
  const CellSource *kind;    /* a table made cell by cell: how, and from what */
  void *source;
} ResultTable;

typedef struct TvfSpec {
  const char *name;          /* the SQL name */
  const char *declaration;   /* CREATE TABLE x(visible columns..., args HIDDEN) */
  int n_columns;             /* visible columns */
  int n_args;                /* hidden argument columns, after the visible ones */
  int n_required;            /* leading arguments that must be given */
  const char *arg_names[TVF_MAX_ARGS];
  const char *usage;         /* e.g. "cascade_shock(pct [, spenders [, options]])" */
  /* Fills out (with result_table_init or result_table_cells) from
  ** args[n_args], where a missing argument is NULL; on error sets *errmsg. */
  int (*compute)(Connection *conn, sqlite3_value **args, ResultTable *out, char **errmsg);
  /* 1 when row j is the network's company j, named in column 0: an
  ** equality on that column finds its row by the hash of names. */
  int company_rows;
} TvfSpec;

int tvf_register(sqlite3 *db, const TvfSpec *spec, Connection *conn);

/* Allocates rows x columns NULL cells and takes a reference on net. */
int result_table_init(ResultTable *table, int n_rows, int n_columns, Network *net);
/* A table whose cells are made from source as they are read, so that none
** is stored; it owns source (from then on) and a reference on net. */
void result_table_cells(ResultTable *table, int n_rows, int n_columns, Network *net,
                        const CellSource *kind, void *source);
/* For a source's find_nonfinite: whether row (of n_columns) has a NaN or
** infinite REAL, and then in which column, made cell by cell. */
int source_row_nonfinite(const CellSource *kind, void *source, int row, int n_columns,
                         int *column);
/* The cell to fill, in a table made by result_table_init. */
Cell *result_cell(ResultTable *table, int row, int column);
void cell_real(Cell *cell, double value);
void cell_integer(Cell *cell, sqlite3_int64 value);
void cell_text(Cell *cell, const char *text);   /* NULL text: SQL NULL */

#endif
