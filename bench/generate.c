/*
** generate.c: a synthetic AI supply chain for `make bench`, written as SQL.
**
**   generate FLOWS [SEED] | sqlite3 net.db      (net.db made from sql/schema.sql)
**
** Writes the INSERTs of FLOWS flows among FLOWS / 10 companies, and FLOWS / 10
** claims, in one transaction. The same FLOWS and SEED (default 1) give the
** same database, byte for byte: the only randomness is a splitmix64 stream
** seeded with SEED. Money is in USD billions per year, as in the samples.
**
** How it works. Companies are in tiers (the table `tiers` below), and money
** mostly flows up the supply chain, from a lower level to a higher one:
** investors and lenders (-1) finance labs, neoclouds and datacenters; labs
** (0) pay hyperscalers and clouds for compute; hyperscalers (1) pay
** neoclouds, clouds, datacenters and chips; neoclouds and clouds (2) pay
** datacenters and chips; datacenters (3), chips (4) and memory (5) pay
** their suppliers; "other" components makers (6) pay no one. A flow's payer
** tier is drawn by its share of payments, its payee tier from the payer's
** row of weights. BACK_EDGE_SHARE of the flows go the other way, to a random
** lower tier (a chip maker investing in a lab, or renting back a neocloud's
** capacity): the network has cycles, but few. Within a tier, company k of
** size s is drawn as s * u^3 for both payers and payees, so a few companies
** pay and earn most (heavy-tailed degrees). Amounts are lognormal; a
** quarter of the hyperscalers' payments to (neo)clouds are on behalf of a
** lab.
**
** Balance sheets are set from the flows afterwards, so that each is
** consistent with what the company pays and earns: revenue R is its
** revenue inflows over q, the network's share of its revenue, in
** [0.3, 0.9], or its outflows over a cost share in [0.3, 0.8] when that is
** more; operating cash flow (5-30% of R), capex (2-10%), debt service
** (1-6%), debt and equity are shares of R, the margin is in [0.4, 1]; cash
** is set so that L0 = C + O - K - D + Fin is at least b R, b uniform in
** [0.03, 0.33]. So no company defaults at a 0% cut (L0 > 0, E > 0), and
** 2-3% do at a 30% hyperscaler cut (seed 1: 19 of 1k companies, 228 of
** 10k, 2682 of 100k, 25705 of 1M).
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BACK_EDGE_SHARE 0.02
#define ON_BEHALF_SHARE 0.25
#define ROWS_PER_INSERT 500

enum { INVESTOR, LENDER, LAB, HYPERSCALER, NEOCLOUD, CLOUD, DATACENTER, CHIPS,
       MEMORY, OTHER, N_TIERS };

typedef struct Tier {
  const char *kind;
  int level;                 /* flows go from lower to higher levels */
  double companies;          /* share of the companies */
  double pays;               /* share of the flows paid */
  const char *revenue_kind;  /* kind of the revenue flows it receives */
  double to[N_TIERS];        /* weights of the payee tiers of its flows */
} Tier;

static const Tier tiers[N_TIERS] = {
  /*                                       inv lend lab hyp neo cld dc chp mem oth */
  {"investor",    -1, 0.005, 0.03, "services", {0, 0, 4, 0, 3, 0, 1, 0, 0, 0}},
  {"lender",      -1, 0.005, 0.04, "services", {0, 0, 0, 0, 3, 1, 4, 0, 0, 0}},
  {"lab",          0, 0.005, 0.08, "services", {0, 0, 0, 5, 3, 2, 0, 0, 0, 0}},
  {"hyperscaler",  1, 0.005, 0.25, "compute",  {0, 0, 0, 0, 3, 1, 3, 4, 1, 0}},
  {"neocloud",     2, 0.020, 0.12, "compute",  {0, 0, 0, 0, 0, 0, 3, 5, 1, 1}},
  {"cloud",        2, 0.040, 0.08, "compute",  {0, 0, 0, 0, 0, 0, 3, 3, 2, 2}},
  {"datacenter",   3, 0.080, 0.12, "construction", {0, 0, 0, 0, 0, 0, 0, 1, 2, 5}},
  {"chips",        4, 0.120, 0.15, "hardware", {0, 0, 0, 0, 0, 0, 0, 0, 6, 4}},
  {"memory",       5, 0.200, 0.13, "hardware", {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
  {"other",        6, 0.520, 0.00, "services", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
};

/* Claims: the creditors' and the debtors' tiers, as weights. */
static const double claim_creditor[N_TIERS] = {3, 8, 0, 3, 0, 0, 0, 4, 2, 0};
static const double claim_debtor[N_TIERS] = {0, 0, 4, 0, 6, 3, 5, 2, 0, 0};

typedef struct Flow {
  int payer, payee, behalf;  /* company indices; behalf -1 for none */
  int financing;
  double amount;
} Flow;

typedef struct World {
  int n;                     /* companies */
  int first[N_TIERS + 1];    /* tier t holds companies [first[t], first[t+1]) */
  int *tier;                 /* [n] */
  double *revenue_in, *financing_in, *outflow;   /* [n] sums over flows */
} World;

static uint64_t rng_state;

/* splitmix64 (Steele, Lea, Flood 2014): a uniform double in [0, 1). */
static double uniform(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return (double)(z >> 11) * 0x1.0p-53;
}

/* A standard normal deviate (Box-Muller). */
static double normal(void) {
  double u = 1 - uniform(), v = uniform();
  return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

/* An index drawn from weights[0..count-1] (their sum must be positive). */
static int draw(const double *weights, int count) {
  double total = 0, pick;
  int i;
  for (i = 0; i < count; i++) total += weights[i];
  pick = uniform() * total;
  for (i = 0; i < count - 1; i++) {
    if (pick < weights[i]) return i;
    pick -= weights[i];
  }
  return count - 1;
}

/* A company of tier t, the first ones far more often (size * u^3). */
static int member(const World *w, int t) {
  double u = uniform();
  int size = w->first[t + 1] - w->first[t];
  int k = (int)(size * u * u * u);
  return w->first[t] + (k < size ? k : size - 1);
}

static void *allocate(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size);
  if (p == NULL) {
    fprintf(stderr, "generate: out of memory\n");
    exit(1);
  }
  return p;
}

static void make_tiers(World *w, int n) {
  int t, at = 0;
  w->n = n;
  w->tier = allocate((size_t)n, sizeof(int));
  for (t = 0; t < N_TIERS; t++) {
    int size = (int)(n * tiers[t].companies + 0.5);
    if (size < 1) size = 1;
    if (t == N_TIERS - 1) size = n - at;
    w->first[t] = at;
    for (; size > 0; size--) w->tier[at++] = t;
  }
  w->first[N_TIERS] = n;
}

/* A payee tier below the payer's level (a back edge), or -1 if none. */
static int lower_tier(int payer_tier) {
  double weight[N_TIERS];
  int t, any = 0;
  for (t = 0; t < N_TIERS; t++) {
    weight[t] = tiers[t].level >= 0 && tiers[t].level < tiers[payer_tier].level;
    any |= weight[t] > 0;
  }
  return any ? draw(weight, N_TIERS) : -1;
}

static int is_financing_edge(int payer_tier, int payee_tier) {
  return payer_tier == INVESTOR || payer_tier == LENDER || payee_tier == LAB;
}

static void make_flow(const World *w, Flow *f) {
  double pays[N_TIERS];
  int t, payer_tier, payee_tier = -1;
  for (t = 0; t < N_TIERS; t++) pays[t] = tiers[t].pays;
  payer_tier = draw(pays, N_TIERS);
  if (uniform() < BACK_EDGE_SHARE) payee_tier = lower_tier(payer_tier);
  if (payee_tier < 0) payee_tier = draw(tiers[payer_tier].to, N_TIERS);
  f->payer = member(w, payer_tier);
  do f->payee = member(w, payee_tier); while (f->payee == f->payer);
  f->financing = is_financing_edge(payer_tier, payee_tier);
  f->behalf = -1;
  if (payer_tier == HYPERSCALER && (payee_tier == NEOCLOUD || payee_tier == CLOUD) &&
      uniform() < ON_BEHALF_SHARE) {
    f->behalf = member(w, LAB);
  }
  f->amount = 0.01 * exp(1.5 * normal()) * (f->financing ? 3 : 1);
}

static const char *flow_kind(const World *w, const Flow *f) {
  int payer_tier = w->tier[f->payer];
  if (payer_tier == LENDER) return "loan";
  if (f->financing) return "investment";
  return tiers[w->tier[f->payee]].revenue_kind;
}

/* Starts a new INSERT every ROWS_PER_INSERT rows: what precedes row `row`. */
static void row_prefix(long row, const char *insert) {
  if (row % ROWS_PER_INSERT != 0) printf(",\n");
  else printf("%s%s VALUES\n", row ? ";\n" : "", insert);
}

static void name_of(const World *w, int company, char *out, size_t size) {
  int t = w->tier[company];
  snprintf(out, size, "%s-%d", tiers[t].kind, company - w->first[t]);
}

static void write_companies(const World *w) {
  int j;
  for (j = 0; j < w->n; j++) {
    double q = 0.3 + 0.6 * uniform(), cost_share = 0.3 + 0.5 * uniform();
    double revenue = w->revenue_in[j] / q, margin = 0.4 + 0.6 * uniform();
    double operating_cf, capex, debt_service, buffer, cash, u;
    char name[64];
    if (w->outflow[j] / cost_share > revenue) revenue = w->outflow[j] / cost_share;
    if (revenue < 0.001) revenue = 0.001;
    operating_cf = revenue * (0.05 + 0.25 * uniform());
    capex = revenue * (0.02 + 0.08 * uniform());
    debt_service = revenue * (0.01 + 0.05 * uniform());
    u = uniform();
    buffer = 0.03 + 0.3 * u;
    cash = buffer * revenue - (operating_cf - capex - debt_service + w->financing_in[j]);
    if (cash < 0) cash = 0;
    name_of(w, j, name, sizeof name);
    row_prefix(j, "INSERT INTO companies(name, kind, revenue, operating_cf, capex, cash,"
                  " debt, debt_service, equity, margin)");
    printf("('%s','%s',%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.4f)", name, tiers[w->tier[j]].kind,
           revenue, operating_cf, capex, cash, revenue * (0.2 + 1.3 * uniform()),
           debt_service, revenue * (0.1 + 0.9 * uniform()), margin);
  }
  printf(";\n");
}

static void write_flows(const World *w, const Flow *flows, long n_flows) {
  long i;
  for (i = 0; i < n_flows; i++) {
    const Flow *f = &flows[i];
    char payer[64], payee[64], behalf[72] = "NULL";
    name_of(w, f->payer, payer, sizeof payer);
    name_of(w, f->payee, payee, sizeof payee);
    if (f->behalf >= 0) {
      char lab[64];
      name_of(w, f->behalf, lab, sizeof lab);
      snprintf(behalf, sizeof behalf, "'%s'", lab);
    }
    row_prefix(i, "INSERT INTO flows(payer, payee, kind, amount, on_behalf_of)");
    printf("('%s','%s','%s',%.6g,%s)", payer, payee, flow_kind(w, f), f->amount, behalf);
  }
  printf(";\n");
}

static const char *claim_kind(int creditor_tier) {
  if (creditor_tier == LENDER) return "loan";
  if (creditor_tier == CHIPS || creditor_tier == MEMORY) return "receivable";
  return "equity_stake";
}

static void write_claims(const World *w, long n_claims) {
  long i;
  for (i = 0; i < n_claims; i++) {
    int creditor_tier = draw(claim_creditor, N_TIERS);
    int creditor = member(w, creditor_tier), debtor;
    char creditor_name[64], debtor_name[64];
    do debtor = member(w, draw(claim_debtor, N_TIERS)); while (debtor == creditor);
    name_of(w, creditor, creditor_name, sizeof creditor_name);
    name_of(w, debtor, debtor_name, sizeof debtor_name);
    row_prefix(i, "INSERT INTO claims(creditor, debtor, kind, amount)");
    printf("('%s','%s','%s',%.6g)", creditor_name, debtor_name, claim_kind(creditor_tier),
           0.05 * exp(1.5 * normal()));
  }
  printf(";\n");
}

int main(int argc, char **argv) {
  long n_flows = argc > 1 ? atol(argv[1]) : 0, i;
  World w;
  Flow *flows;
  if (argc < 2 || argc > 3 || n_flows < 1000 || n_flows > 1000000000L) {
    fprintf(stderr, "usage: generate FLOWS [SEED]   (FLOWS from 1000 to 1e9)\n");
    return 2;
  }
  rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
  make_tiers(&w, (int)(n_flows / 10));
  w.revenue_in = allocate((size_t)w.n, sizeof(double));
  w.financing_in = allocate((size_t)w.n, sizeof(double));
  w.outflow = allocate((size_t)w.n, sizeof(double));
  flows = allocate((size_t)n_flows, sizeof(Flow));
  for (i = 0; i < n_flows; i++) {
    Flow *f = &flows[i];
    make_flow(&w, f);
    if (f->financing) w.financing_in[f->payee] += f->amount;
    else w.revenue_in[f->payee] += f->amount;
    w.outflow[f->payer] += f->amount;
  }
  printf("PRAGMA journal_mode = OFF;\nPRAGMA synchronous = OFF;\n"
         "PRAGMA cache_size = -1000000;\nBEGIN;\n");
  write_companies(&w);
  write_flows(&w, flows, n_flows);
  write_claims(&w, n_flows / 10);
  printf("COMMIT;\n");
  free(flows);
  free(w.tier);
  free(w.revenue_in);
  free(w.financing_in);
  free(w.outflow);
  return 0;
}
