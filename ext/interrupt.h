/*
** interrupt.h: stops a long computation when its connection is interrupted.
**
** SQLite checks for interrupts (sqlite3_interrupt, or a progress handler
** that asks to stop, as Datasette's time limit does) only while it runs a
** statement, never inside a function call, and SQLite before 3.41 has no
** sqlite3_is_interrupted. So every STOP_WORK of work (stop.h), a long
** computation runs a small statement on its connection, a count to 200
** (about 2,000 steps of SQLite's virtual machine, enough to call a
** progress handler set for every 1,000): when the connection was
** interrupted, the statement fails with SQLITE_INTERRUPT, and the
** computation stops with that code. Short calls never reach STOP_WORK
** and never run it. A call whose probe the connection refuses (an
** authorizer) does not ask again, and runs to its end, as before.
*/
#ifndef AIBUBBLE_INTERRUPT_H
#define AIBUBBLE_INTERRUPT_H

#include "sqlite3ext.h"
#include "stop.h"

typedef struct Interrupt {
  StopCheck stop;            /* what the models are handed */
  sqlite3 *db;
  sqlite3_stmt *probe;       /* prepared at the first question */
  int given_up;              /* the probe could not run: this call asks no more */
} Interrupt;

/* Starts watching db; interrupt_end finalizes the probe. */
void interrupt_begin(Interrupt *interrupt, sqlite3 *db);
void interrupt_end(Interrupt *interrupt);

#endif
