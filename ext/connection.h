/*
** connection.h: the state aibubble keeps for one database connection.
**
** Every function and table-valued function of a connection shares one
** Connection: a small cache of compiled networks, keyed by the names of the
** input tables and valid for one "data stamp" (the data versions of every
** attached database and the connection's own change count). No state is
** global, so connections on several threads never share anything.
*/
#ifndef AIBUBBLE_CONNECTION_H
#define AIBUBBLE_CONNECTION_H

#include "sqlite3ext.h"
#include "network.h"

#define CACHE_SLOTS 4
/* Input tables may be views that call aibubble's functions on other tables;
** past this depth of calls within calls, a view reads itself. */
#define MAX_NESTED_CALLS 4

/* Names of the input tables as the user gave them; NULL means the default.
** The contagion models read no flows: without_flows skips the table. */
typedef struct TableNames {
  const char *companies, *flows, *claims;
  int without_flows;
} TableNames;

typedef struct CacheSlot {
  char *key;
  Network *net;
  unsigned last_used;
} CacheSlot;

typedef struct OptionsMemo OptionsMemo;   /* args.c's last options parsed */

typedef struct Connection {
  sqlite3 *db;
  int refcount;
  char *stamp;               /* the data stamp the cached networks belong to */
  unsigned clock;
  int depth;                 /* calls under way: a view among the tables may call us */
  sqlite3_context *call;     /* the scalar call under way at depth 1, else NULL */
  OptionsMemo *options_memo;
  CacheSlot slot[CACHE_SLOTS];
} Connection;

Connection *connection_new(sqlite3 *db);
Connection *connection_retain(Connection *conn);
void connection_release(void *conn);   /* the shape of an xDestroy */

/* The network of the given tables, from the cache or freshly loaded; the
** caller releases it. On an error, *errmsg names fn and the problem. */
int connection_network(Connection *conn, const char *fn, const TableNames *names,
                       Network **net, char **errmsg);

/* Every SQL function and table-valued function enters before it reads
** anything and leaves when done: a view among the input tables that calls
** one of them on itself would recurse until the stack ran out. Past
** MAX_NESTED_CALLS calls within calls, connection_enter refuses:
** SQLITE_ERROR (or SQLITE_NOMEM) with *errmsg, and no need to leave.
** call is a scalar function's context (NULL for a table-valued function):
** its statement may keep what it read of in-memory databases
** (memdb_stamp.c). */
int connection_enter(Connection *conn, const char *fn, sqlite3_context *call, char **errmsg);
void connection_leave(Connection *conn);

/* "fn: message", formatted; NULL when out of memory. */
char *error_message(const char *fn, const char *format, ...);
/* Cuts message (in place, between UTF-8 characters) to db's
** SQLITE_LIMIT_LENGTH, past which SQLite would drop it for a bare code. */
void message_fit(sqlite3 *db, char *message);

#endif
