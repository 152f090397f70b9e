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

/* "table", or "schema"."table" when the name's first part names an attached
** database ("aux.flows"), quoted for SQL; NULL when out of memory. */
char *table_reference(sqlite3 *db, const char *name);

#endif
