/*
** network.h: the compiled network, the models' only input.
**
** A Network holds the companies, flows and claims of one set of input tables
** as compact arrays: flows grouped by payee (compressed sparse rows), claims
** grouped by creditor, a hash of names. It knows no SQL: loader.c fills a
** NetworkBuilder from the tables and network_build() turns it into a Network.
** Money is in the analyst's unit (the samples use USD billions per year).
** A Network is immutable once built and reference counted, so a cached
** network can be shared by the cursors that still read from it.
*/
#ifndef AIBUBBLE_NETWORK_H
#define AIBUBBLE_NETWORK_H

#include <stddef.h>

#define NO_COMPANY (-1)
#define LIQUIDITY_TERMS 5   /* C, O, K, D and Fin */

/* A slot of the open-addressing hash of names: the company and its name's
** hash code, compared before the name itself. */
typedef struct NameSlot {
  int company;              /* NO_COMPANY: empty */
  unsigned code;
} NameSlot;

/* A slot of the builder's hash of names, which the loader probes two or
** three times a flow: the slot keeps the name's length and first bytes, so
** that a look-up reads one cache line (and the name itself only when it is
** longer than BUILDER_NAME_HEAD). */
#define BUILDER_NAME_HEAD 20
typedef struct BuilderSlot {
  unsigned code;
  int company;              /* NO_COMPANY: empty */
  unsigned length;          /* bytes before the terminator */
  char head[BUILDER_NAME_HEAD];
} BuilderSlot;

typedef struct Network {
  int refcount;
  int n_companies;
  const char **name;        /* [n_companies], unique */
  const char **kind;        /* [n_companies], never NULL ('' when NULL) */
  double *revenue;          /* R: as stated, or the sum of revenue inflows when NULL */
  unsigned char *revenue_stated;   /* 1 where R was stated, 0 where NULL */
  double *revenue_inflow;   /* sum of revenue inflows, in twice the precision, rounded once */
  double *financing_inflow; /* Fin: sum of financing inflows */
  double *outflow;          /* Out: sum of all outflows */
  double *operating_cf;     /* O */
  double *capex;            /* K */
  double *cash;             /* C */
  double *debt;             /* outstanding debt */
  double *debt_service;     /* D */
  double *equity;           /* E, meaningful only where has_equity */
  unsigned char *has_equity;
  double *margin;           /* m, 1 when NULL */
  double *liquidity_before; /* L0 = C + O - K - D + Fin: after a normal year (margin.h:
                            ** exact near 0, and 0 where the figures may cancel) */
  int margin_terms;         /* the most terms a margin sums: LIQUIDITY_TERMS, a company's
                            ** inflows, outflows and claims, and 4 more */

  /* Flows grouped by payee: inflows of j are [in_start[j], in_start[j+1]),
  ** revenue first, then financing from in_financing_start[j]; each part in
  ** table order. */
  int n_flows;
  int *in_start;            /* [n_companies + 1] */
  int *in_financing_start;  /* [n_companies] */
  int *in_payer;            /* [n_flows] */
  int *in_behalf;           /* [n_flows] end customer or NO_COMPANY */
  double *in_amount;        /* [n_flows] f */
  unsigned char *in_financing; /* [n_flows] 1 for kinds investment, loan */

  /* Who is paid by whom, for finding the companies a change reaches:
  ** the payees of i's flows are out_payee[out_start[i] .. out_start[i+1]),
  ** the payees of flows on behalf of b are behalf_payee[behalf_start[b] ..],
  ** the creditors of k are debtor_creditor[debtor_start[k] ..]. */
  int *out_start, *out_payee;          /* [n_companies + 1], [n_flows] */
  int *behalf_start, *behalf_payee;    /* [n_companies + 1], [n_behalf] */
  int n_behalf;                        /* flows with an end customer */
  int *debtor_start, *debtor_creditor; /* [n_companies + 1], [n_claims] */

  /* Claims grouped by creditor: claims of i are [claim_start[i], claim_start[i+1]). */
  int n_claims;
  int *claim_start;         /* [n_companies + 1] */
  int *claim_debtor;        /* [n_claims] */
  double *claim_amount;     /* [n_claims] c */

  int hash_size;            /* power of two */
  NameSlot *hash;           /* [hash_size] */
  char *strings;            /* storage of name and kind */
  void *block;              /* storage of every array above */
  struct Memo *memo;        /* results derived from this network, by key */
} Network;

/* A result derived from one network (all exposures for one core, the
** breaking-point brackets of one scenario, ...), kept as long as it is. */
typedef struct Memo {
  char *key;
  void *data;               /* freed with the network by free_data */
  void (*free_data)(void *);
  struct Memo *next;
} Memo;

/* The raw rows, in table order, as the loader reads them. */
typedef struct NetworkBuilder {
  int n_companies, cap_companies;
  size_t *name_offset, *kind_offset;   /* into strings */
  double *revenue;                     /* NaN-free; revenue_null marks NULL */
  unsigned char *revenue_null;
  double *operating_cf, *capex, *cash, *debt, *debt_service, *equity, *margin;
  unsigned char *has_equity;
  char *strings;
  size_t strings_used, strings_cap;
  int hash_size;
  BuilderSlot *hash;

  int n_flows, cap_flows;
  int *flow_payer, *flow_payee, *flow_behalf;
  double *flow_amount;
  unsigned char *flow_financing;

  int n_claims, cap_claims;
  int *claim_creditor, *claim_debtor;
  double *claim_amount;
} NetworkBuilder;

typedef struct CompanyRow {
  const char *name, *kind;
  double revenue, operating_cf, capex, cash, debt, debt_service, equity, margin;
  int revenue_null, has_equity;
} CompanyRow;

void builder_init(NetworkBuilder *b);
void builder_free(NetworkBuilder *b);
/* Each add returns SQLITE_OK, SQLITE_NOMEM, or (add_company)
** SQLITE_CONSTRAINT for a duplicate name. */
int builder_add_company(NetworkBuilder *b, const CompanyRow *row);
/* The same look-up in two steps, so that a reader can start the look-ups of
** a row's names together (their memory is fetched in parallel): the key of
** a name (which must outlive it), then the company it names. */
typedef struct NameKey {
  const char *name;
  size_t length;
  unsigned code;
} NameKey;
void builder_name_key(const NetworkBuilder *b, const char *name, NameKey *key);
int builder_find_key(const NetworkBuilder *b, const NameKey *key);
int builder_add_flow(NetworkBuilder *b, int payer, int payee, int behalf,
                     double amount, int financing);
int builder_add_claim(NetworkBuilder *b, int creditor, int debtor, double amount);

/* Builds the network and empties the builder; NULL when out of memory. */
Network *network_build(NetworkBuilder *b);
Network *network_retain(Network *net);
void network_release(Network *net);
int network_find(const Network *net, const char *name);
/* Adds to m the terms of company j's liquidity after a normal year, each
** as it is: C, O, -K, -D and every financing inflow (margin.h). */
struct Margin;
void network_add_liquidity_terms(const Network *net, int j, struct Margin *m);
/* |C| + |O| + |K| + |D| + Fin: the size of those terms. */
double network_liquidity_size(const Network *net, int j);

/* A key made of what and the n texts (NULL allowed), each written with its
** length, so that different lists never give the same key; NULL when out
** of memory. */
char *network_memo_key(const char *what, int n, const char *const *texts);

/* The data memoized under key, or NULL. */
void *network_memo_get(const Network *net, const char *key);
/* Keeps data (taking ownership, even on failure) under a copy of key;
** free_data frees it (NULL: sqlite3_free). */
int network_memo_put(Network *net, const char *key, void *data, void (*free_data)(void *));

/* The results kept for arguments as given (the exposures of one core, the
** breaking-point search of one scenario): a memo of recent.h, at most
** NETWORK_RESULTS of them, the one used longest ago dropped first, so that
** calls with ever new arguments cannot fill the memory. Made when new (as
** a memo of net); NULL when out of memory. */
#define NETWORK_RESULTS 8
struct Recent *network_results(Network *net);

#endif
