/*
** sql_contagion.h: what the SQL glue of debtrank, clearing and furfine
** shares.
**
** The three models read the claims table, so it must exist (the cascade
** accepts its absence as "no claims"; these functions do not). The claim
** matrix is memoized with the network, so the calls of one query share it.
** A per-company argument (debtrank's shock, clearing's shock, debtrank's
** weights) is a JSON object of names and numbers, or a selection of
** companies (a name, a kind or a JSON array of names) that each get 1.
*/
#ifndef AIBUBBLE_SQL_CONTAGION_H
#define AIBUBBLE_SQL_CONTAGION_H

#include "args.h"
#include "claim_matrix.h"
#include "interrupt.h"

/* For one SQL call: it must stay where it was opened. */
typedef struct ContagionInput {
  Options options;
  Network *net;
  const ClaimMatrix *claims;   /* owned by net */
  Interrupt interrupt;         /* interrupt.stop for the models */
} ContagionInput;

/* Parses the options (only those in allowed) and loads the network and its
** claim matrix. On error *errmsg names fn; nothing is left to close. */
int contagion_open(Connection *conn, const char *fn, sqlite3_value *options,
                   unsigned allowed, ContagionInput *in, char **errmsg);
void contagion_close(ContagionInput *in);

/* Fills values[n_companies] from text: a JSON object {"name": number},
** numbers in [low, high] (high >= 1e300: no bound), unnamed companies 0;
** else a selection of companies, each 1; NULL text: all 0. what names the
** argument in messages ("shock", "weights"). */
int company_numbers(sqlite3 *db, const char *fn, const char *what, const char *text,
                    double low, double high, const Network *net, double *values,
                    char **errmsg);


#endif
