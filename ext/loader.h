/*
** loader.h: reads the input tables into a Network.
*/
#ifndef AIBUBBLE_LOADER_H
#define AIBUBBLE_LOADER_H

#include "connection.h"

/* Reads companies, flows and claims (or the tables named in names) with
** plain SELECTs. Returns SQLITE_OK and a new network, or an error code and
** *errmsg naming fn, the table, the column and the bad value. */
int network_load(sqlite3 *db, const char *fn, const TableNames *names,
                 Network **net, char **errmsg);

/* "table", or "schema"."table" when the name starts with the name of an
** attached database and a dot ("aux.flows"; the longest such name, so
** "a.b.flows" is flows in "a.b" when both "a" and "a.b" are attached),
** quoted for SQL; NULL when out of memory. */
char *table_reference(sqlite3 *db, const char *name);

/* Prepares "SELECT columns FROM table" (columns a NULL-terminated list, or
** NULL for *), each column quoted as an identifier only: a missing one is
** an error, never read as a string. SQLite's result code; SQLITE_NOMEM. */
int select_columns(sqlite3 *db, const char *table, const char *const *columns,
                   sqlite3_stmt **stmt);

/* After select_columns failed: the column of columns that SQLite's error
** says the table lacks, or NULL when the error is another (then SQLite's
** error message says what it is: for a view that reads a missing column,
** the view's own error). */
const char *missing_column(sqlite3 *db, const char *table, const char *const *columns);

#endif
