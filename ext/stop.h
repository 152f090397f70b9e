/*
** stop.h: how a long computation learns that it should stop.
**
** A model counts the work it does (flows, claims and companies visited)
** and, every STOP_WORK of it, asks its caller whether to go on. The SQL
** glue answers for the connection (interrupt.h), so a call that would run
** for seconds stops soon after SQLite is interrupted. Knows no SQL.
*/
#ifndef AIBUBBLE_STOP_H
#define AIBUBBLE_STOP_H

/* Work between two questions: some milliseconds. */
#define STOP_WORK 4e6

typedef struct StopCheck {
  int (*check)(void *context);   /* 0 to go on, else the error code to stop with */
  void *context;
  double work;                   /* done since the last question */
} StopCheck;

/* Counts work done; past STOP_WORK since the last question, asks check and
** returns its answer (0: go on). A NULL stop never stops. */
static inline int stop_after(StopCheck *stop, double work) {
  if (stop == NULL || (stop->work += work) < STOP_WORK) return 0;
  stop->work = 0;
  return stop->check(stop->context);
}

#endif
