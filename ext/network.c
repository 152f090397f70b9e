/*
** network.c: builds the compact, immutable Network from raw rows.
**
** The builder grows plain arrays as the loader appends rows and keeps a hash
** of names for the loader's look-ups. network_build() then lays every array
** of the Network in one allocation: flows grouped by payee and claims grouped
** by creditor (a counting sort, so rows keep their table order in a group),
** per-company sums of inflows and outflows, and the name hash.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "carve.h"
#include "network.h"
#include "margin.h"
#include "twice.h"
#include "recent.h"

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* Company indices, and the hash's size (twice the companies), stay within
** an int. */
#define MAX_COMPANIES 0x3fffffff

void builder_init(NetworkBuilder *b) {
  memset(b, 0, sizeof(*b));
}

void builder_free(NetworkBuilder *b) {
  sqlite3_free(b->name_offset);
  sqlite3_free(b->kind_offset);
  sqlite3_free(b->revenue);
  sqlite3_free(b->revenue_null);
  sqlite3_free(b->operating_cf);
  sqlite3_free(b->capex);
  sqlite3_free(b->cash);
  sqlite3_free(b->debt);
  sqlite3_free(b->debt_service);
  sqlite3_free(b->equity);
  sqlite3_free(b->margin);
  sqlite3_free(b->has_equity);
  sqlite3_free(b->strings);
  sqlite3_free(b->hash);
  sqlite3_free(b->flow_payer);
  sqlite3_free(b->flow_payee);
  sqlite3_free(b->flow_behalf);
  sqlite3_free(b->flow_amount);
  sqlite3_free(b->flow_financing);
  sqlite3_free(b->claim_creditor);
  sqlite3_free(b->claim_debtor);
  sqlite3_free(b->claim_amount);
  builder_init(b);
}

/* Resizes *array to count elements of size bytes; SQLITE_NOMEM leaves it as it was. */
static int resize(void *array, size_t count, size_t size) {
  void **p = (void **)array;
  void *grown = sqlite3_realloc64(*p, (sqlite3_uint64)count * size);
  if (grown == NULL) return SQLITE_NOMEM;
  *p = grown;
  return SQLITE_OK;
}

/* Mixes one 8-byte word of a name into h. */
static uint64_t mix_word(uint64_t h, uint64_t word) {
  h = (h ^ word) * 0xff51afd7ed558ccdULL;
  return h ^ (h >> 32);
}

/* A hash of name, 8 bytes at a time (a loader hashes two or three names
** a flow); *length gets its length. The last steps (a multiply between
** shifts, as in MurmurHash3's finalizer) spread every byte over the low
** bits, which pick the slot. */
static unsigned hash_name(const char *name, size_t *length) {
  size_t n = strlen(name), at;
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, word;
  for (at = 0; at + 8 <= n; at += 8) {
    memcpy(&word, name + at, 8);
    h = mix_word(h, word);
  }
  if (at < n) {
    word = 0;
    memcpy(&word, name + at, n - at);
    h = mix_word(h, word);
  }
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  *length = n;
  return (unsigned)h;
}

/* Puts the company of slot `from` into the first free slot for its code. */
static void hash_insert(BuilderSlot *hash, int hash_size, const BuilderSlot *from) {
  unsigned mask = (unsigned)hash_size - 1, slot = from->code & mask;
  while (hash[slot].company != NO_COMPANY) slot = (slot + 1) & mask;
  hash[slot] = *from;
}

/* Whether slot s holds name, of length bytes and hash code. */
static int slot_holds(const NetworkBuilder *b, const BuilderSlot *s, const char *name,
                      size_t length, unsigned code) {
  size_t head = length < BUILDER_NAME_HEAD ? length : BUILDER_NAME_HEAD;
  if (s->code != code || s->length != length || memcmp(s->head, name, head) != 0) return 0;
  return length <= BUILDER_NAME_HEAD ||
         memcmp(b->strings + b->name_offset[s->company] + BUILDER_NAME_HEAD,
                name + BUILDER_NAME_HEAD, length - BUILDER_NAME_HEAD) == 0;
}

void builder_name_key(const NetworkBuilder *b, const char *name, NameKey *key) {
  key->name = name;
  key->code = hash_name(name, &key->length);
  if (b->hash_size > 0) PREFETCH(&b->hash[key->code & ((unsigned)b->hash_size - 1)]);
}

int builder_find_key(const NetworkBuilder *b, const NameKey *key) {
  unsigned mask = (unsigned)b->hash_size - 1, slot;
  if (b->hash_size == 0) return NO_COMPANY;
  for (slot = key->code & mask; b->hash[slot].company != NO_COMPANY; slot = (slot + 1) & mask) {
    if (slot_holds(b, &b->hash[slot], key->name, key->length, key->code)) {
      return b->hash[slot].company;
    }
  }
  return NO_COMPANY;
}

static int builder_find(const NetworkBuilder *b, const char *name) {
  NameKey key;
  builder_name_key(b, name, &key);
  return builder_find_key(b, &key);
}

/* Rebuilds the builder's hash at twice the size. */
static int grow_hash(NetworkBuilder *b) {
  int size = b->hash_size ? b->hash_size * 2 : 64;
  BuilderSlot *hash = sqlite3_malloc64((sqlite3_uint64)size * sizeof(BuilderSlot));
  int i;
  if (hash == NULL) return SQLITE_NOMEM;
  for (i = 0; i < size; i++) hash[i].company = NO_COMPANY;
  for (i = 0; i < b->hash_size; i++) {
    if (b->hash[i].company != NO_COMPANY) hash_insert(hash, size, &b->hash[i]);
  }
  sqlite3_free(b->hash);
  b->hash = hash;
  b->hash_size = size;
  return SQLITE_OK;
}

static int store_string(NetworkBuilder *b, const char *text, size_t *offset) {
  size_t length = strlen(text) + 1;
  if (b->strings_used + length > b->strings_cap) {
    size_t cap = b->strings_cap ? b->strings_cap * 2 : 4096;
    while (cap < b->strings_used + length) cap *= 2;
    if (resize(&b->strings, cap, 1)) return SQLITE_NOMEM;
    b->strings_cap = cap;
  }
  memcpy(b->strings + b->strings_used, text, length);
  *offset = b->strings_used;
  b->strings_used += length;
  return SQLITE_OK;
}

/* Puts company i, named name, into the builder's hash. */
static void add_to_hash(NetworkBuilder *b, int i, const char *name) {
  BuilderSlot slot;
  size_t length;
  memset(&slot, 0, sizeof(slot));
  slot.code = hash_name(name, &length);
  slot.company = i;
  slot.length = (unsigned)length;
  memcpy(slot.head, name, length < BUILDER_NAME_HEAD ? length : BUILDER_NAME_HEAD);
  hash_insert(b->hash, b->hash_size, &slot);
}

static int grow_companies(NetworkBuilder *b) {
  size_t cap = b->cap_companies ? (size_t)b->cap_companies * 2 : 64;
  if (cap > MAX_COMPANIES) return SQLITE_NOMEM;
  if (resize(&b->name_offset, cap, sizeof(size_t)) ||
      resize(&b->kind_offset, cap, sizeof(size_t)) ||
      resize(&b->revenue, cap, sizeof(double)) ||
      resize(&b->revenue_null, cap, 1) ||
      resize(&b->operating_cf, cap, sizeof(double)) ||
      resize(&b->capex, cap, sizeof(double)) ||
      resize(&b->cash, cap, sizeof(double)) ||
      resize(&b->debt, cap, sizeof(double)) ||
      resize(&b->debt_service, cap, sizeof(double)) ||
      resize(&b->equity, cap, sizeof(double)) ||
      resize(&b->margin, cap, sizeof(double)) ||
      resize(&b->has_equity, cap, 1)) {
    return SQLITE_NOMEM;
  }
  b->cap_companies = (int)cap;
  return SQLITE_OK;
}

int builder_add_company(NetworkBuilder *b, const CompanyRow *row) {
  int i = b->n_companies;
  if (builder_find(b, row->name) != NO_COMPANY) return SQLITE_CONSTRAINT;
  if (i == b->cap_companies && grow_companies(b)) return SQLITE_NOMEM;
  if ((i + 1) * 2 > b->hash_size && grow_hash(b)) return SQLITE_NOMEM;
  if (store_string(b, row->name, &b->name_offset[i])) return SQLITE_NOMEM;
  if (store_string(b, row->kind, &b->kind_offset[i])) return SQLITE_NOMEM;
  b->revenue[i] = row->revenue;
  b->revenue_null[i] = (unsigned char)row->revenue_null;
  b->operating_cf[i] = row->operating_cf;
  b->capex[i] = row->capex;
  b->cash[i] = row->cash;
  b->debt[i] = row->debt;
  b->debt_service[i] = row->debt_service;
  b->equity[i] = row->equity;
  b->has_equity[i] = (unsigned char)row->has_equity;
  b->margin[i] = row->margin;
  add_to_hash(b, i, row->name);
  b->n_companies = i + 1;
  return SQLITE_OK;
}

int builder_add_flow(NetworkBuilder *b, int payer, int payee, int behalf,
                     double amount, int financing) {
  int i = b->n_flows;
  if (i == b->cap_flows) {
    size_t cap = b->cap_flows ? (size_t)b->cap_flows * 2 : 256;
    if (cap > 0x7fffffff) return SQLITE_NOMEM;
    if (resize(&b->flow_payer, cap, sizeof(int)) ||
        resize(&b->flow_payee, cap, sizeof(int)) ||
        resize(&b->flow_behalf, cap, sizeof(int)) ||
        resize(&b->flow_amount, cap, sizeof(double)) ||
        resize(&b->flow_financing, cap, 1)) {
      return SQLITE_NOMEM;
    }
    b->cap_flows = (int)cap;
  }
  b->flow_payer[i] = payer;
  b->flow_payee[i] = payee;
  b->flow_behalf[i] = behalf;
  b->flow_amount[i] = amount;
  b->flow_financing[i] = (unsigned char)financing;
  b->n_flows = i + 1;
  return SQLITE_OK;
}

int builder_add_claim(NetworkBuilder *b, int creditor, int debtor, double amount) {
  int i = b->n_claims;
  if (i == b->cap_claims) {
    size_t cap = b->cap_claims ? (size_t)b->cap_claims * 2 : 256;
    if (cap > 0x7fffffff) return SQLITE_NOMEM;
    if (resize(&b->claim_creditor, cap, sizeof(int)) ||
        resize(&b->claim_debtor, cap, sizeof(int)) ||
        resize(&b->claim_amount, cap, sizeof(double))) {
      return SQLITE_NOMEM;
    }
    b->cap_claims = (int)cap;
  }
  b->claim_creditor[i] = creditor;
  b->claim_debtor[i] = debtor;
  b->claim_amount[i] = amount;
  b->n_claims = i + 1;
  return SQLITE_OK;
}

/* Hands out the arrays of a Network (see carve.h). */
static void lay_out(Network *net, Carving *carving) {
  size_t n = (size_t)net->n_companies, f = (size_t)net->n_flows;
  size_t c = (size_t)net->n_claims;
#define CARVE(field, count) net->field = carve(carving, (count), sizeof(*net->field))
  CARVE(name, n); CARVE(kind, n);
  CARVE(revenue, n); CARVE(revenue_inflow, n); CARVE(financing_inflow, n);
  CARVE(outflow, n); CARVE(operating_cf, n); CARVE(capex, n); CARVE(cash, n);
  CARVE(debt, n); CARVE(debt_service, n); CARVE(equity, n); CARVE(margin, n);
  CARVE(liquidity_before, n);
  CARVE(in_amount, f); CARVE(claim_amount, c);
  CARVE(in_start, n + 1); CARVE(in_financing_start, n); CARVE(in_payer, f);
  CARVE(in_behalf, f);
  CARVE(claim_start, n + 1); CARVE(claim_debtor, c);
  CARVE(out_start, n + 1); CARVE(out_payee, f);
  CARVE(behalf_start, n + 1); CARVE(behalf_payee, (size_t)net->n_behalf);
  CARVE(debtor_start, n + 1); CARVE(debtor_creditor, c);
  CARVE(hash, (size_t)net->hash_size);
  CARVE(has_equity, n); CARVE(revenue_stated, n); CARVE(in_financing, f);
#undef CARVE
}

static void copy_companies(Network *net, const NetworkBuilder *b) {
  int i;
  size_t n = (size_t)b->n_companies;
  if (n == 0) return;   /* the builder's arrays are NULL: memcpy may not see them */
  for (i = 0; i < b->n_companies; i++) {
    net->name[i] = net->strings + b->name_offset[i];
    net->kind[i] = net->strings + b->kind_offset[i];
  }
  memcpy(net->operating_cf, b->operating_cf, n * sizeof(double));
  memcpy(net->capex, b->capex, n * sizeof(double));
  memcpy(net->cash, b->cash, n * sizeof(double));
  memcpy(net->debt, b->debt, n * sizeof(double));
  memcpy(net->debt_service, b->debt_service, n * sizeof(double));
  memcpy(net->equity, b->equity, n * sizeof(double));
  memcpy(net->margin, b->margin, n * sizeof(double));
  memcpy(net->has_equity, b->has_equity, n);
  for (i = 0; i < b->hash_size; i++) {
    net->hash[i].company = b->hash[i].company;
    net->hash[i].code = b->hash[i].code;
  }
}

/* Puts flow i of the builder at position at of the network. */
static void place_flow(Network *net, const NetworkBuilder *b, int i, int at) {
  net->in_payer[at] = b->flow_payer[i];
  net->in_behalf[at] = b->flow_behalf[i];
  net->in_amount[at] = b->flow_amount[i];
  net->in_financing[at] = b->flow_financing[i];
}

/* The amounts of flows [from, to), summed in twice the precision and
** rounded once: within a unit in the last place of the exact sum, where a
** plain sum of many small amounts beside a large one may be off by all
** of them. A sum past the largest double is infinite. */
static double inflow_sum(const Network *net, int from, int to) {
  Wide sum = wide_sum(net->in_amount, from, to);
  return isfinite(sum.hi) ? sum.hi + sum.lo : sum.hi;
}

void network_add_liquidity_terms(const Network *net, int j, Margin *m) {
  int f;
  margin_add(m, net->cash[j]);
  margin_add(m, net->operating_cf[j]);
  margin_add(m, -net->capex[j]);
  margin_add(m, -net->debt_service[j]);
  for (f = net->in_financing_start[j]; f < net->in_start[j + 1]; f++) margin_add(m, net->in_amount[f]);
}

double network_liquidity_size(const Network *net, int j) {
  return fabs(net->cash[j]) + fabs(net->operating_cf[j]) + fabs(net->capex[j])
       + fabs(net->debt_service[j]) + net->financing_inflow[j];
}

/* L0 = C + O - K - D + Fin (margin.h: exact near 0, and 0 where the
** figures may cancel), its size, and the most terms a margin of the
** network sums (the figures, inflows, outflows and claims of a company). */
static void settle_liquidity(Network *net) {
  int j, most = 0;
  for (j = 0; j < net->n_companies; j++) {
    double plain = net->cash[j] + net->operating_cf[j] - net->capex[j] - net->debt_service[j]
                 + net->financing_inflow[j];
    int terms = (net->in_start[j + 1] - net->in_start[j]) + (net->out_start[j + 1] - net->out_start[j])
              + (net->claim_start[j + 1] - net->claim_start[j]);
    if (margin_near_zero(plain, LIQUIDITY_TERMS + terms, network_liquidity_size(net, j))) {
      Margin exact = MARGIN_INIT;
      network_add_liquidity_terms(net, j, &exact);
      plain = margin_value(&exact, plain);
    }
    net->liquidity_before[j] = plain;
    if (terms > most) most = terms;
  }
  net->margin_terms = LIQUIDITY_TERMS + most + 4;
}

/* Groups the flows by payee, revenue before financing (a counting sort that
** keeps table order within each part), sums each company's outflows in
** table order and its inflows with inflow_sum. */
static void group_flows(Network *net, const NetworkBuilder *b) {
  int i, n = b->n_companies, *start = net->in_start, *financing = net->in_financing_start;
  memset(start, 0, (size_t)(n + 1) * sizeof(int));
  memset(financing, 0, (size_t)n * sizeof(int));
  memset(net->outflow, 0, (size_t)n * sizeof(double));
  for (i = 0; i < b->n_flows; i++) {
    int payee = b->flow_payee[i];
    start[payee + 1]++;
    financing[payee] += b->flow_financing[i];
    net->outflow[b->flow_payer[i]] += b->flow_amount[i];
  }
  for (i = 0; i < n; i++) start[i + 1] += start[i];
  for (i = 0; i < n; i++) financing[i] = start[i + 1] - financing[i];
  /* Both cursors advance: start[j] to the financing part, financing[j] to the end. */
  for (i = 0; i < b->n_flows; i++) {
    int payee = b->flow_payee[i];
    place_flow(net, b, i, b->flow_financing[i] ? financing[payee]++ : start[payee]++);
  }
  for (i = n - 1; i >= 0; i--) {
    int financing_part = start[i];
    start[i + 1] = financing[i];
    financing[i] = financing_part;
  }
  start[0] = 0;
  for (i = 0; i < n; i++) {
    net->revenue_inflow[i] = inflow_sum(net, start[i], financing[i]);
    net->financing_inflow[i] = inflow_sum(net, financing[i], start[i + 1]);
    net->revenue[i] = b->revenue_null[i] ? net->revenue_inflow[i] : b->revenue[i];
    net->revenue_stated[i] = !b->revenue_null[i];
  }
}

static void group_claims(Network *net, const NetworkBuilder *b) {
  int i, n = b->n_companies;
  memset(net->claim_start, 0, (size_t)(n + 1) * sizeof(int));
  for (i = 0; i < b->n_claims; i++) net->claim_start[b->claim_creditor[i] + 1]++;
  for (i = 0; i < n; i++) net->claim_start[i + 1] += net->claim_start[i];
  for (i = 0; i < b->n_claims; i++) {
    int at = net->claim_start[b->claim_creditor[i]]++;
    net->claim_debtor[at] = b->claim_debtor[i];
    net->claim_amount[at] = b->claim_amount[i];
  }
  for (i = n; i > 0; i--) net->claim_start[i] = net->claim_start[i - 1];
  net->claim_start[0] = 0;
}

/* Groups the items [0, count) by key[i] into start[n + 1] and value[],
** keeping their order in a group (a counting sort); skips key NO_COMPANY. */
static void group_by(int n, int count, const int *key, const int *item_value,
                     int *start, int *value) {
  int i;
  memset(start, 0, (size_t)(n + 1) * sizeof(int));
  for (i = 0; i < count; i++) {
    if (key[i] != NO_COMPANY) start[key[i] + 1]++;
  }
  for (i = 0; i < n; i++) start[i + 1] += start[i];
  for (i = 0; i < count; i++) {
    if (key[i] != NO_COMPANY) value[start[key[i]]++] = item_value[i];
  }
  for (i = n; i > 0; i--) start[i] = start[i - 1];
  start[0] = 0;
}

/* The reverse links: payees by payer and by end customer, creditors by debtor. */
static void link_reverse(Network *net, const NetworkBuilder *b) {
  int n = b->n_companies;
  group_by(n, b->n_flows, b->flow_payer, b->flow_payee, net->out_start, net->out_payee);
  group_by(n, b->n_flows, b->flow_behalf, b->flow_payee, net->behalf_start, net->behalf_payee);
  group_by(n, b->n_claims, b->claim_debtor, b->claim_creditor, net->debtor_start,
           net->debtor_creditor);
}

static int count_behalf(const NetworkBuilder *b) {
  int i, count = 0;
  for (i = 0; i < b->n_flows; i++) count += b->flow_behalf[i] != NO_COMPANY;
  return count;
}

Network *network_build(NetworkBuilder *b) {
  Network *net = sqlite3_malloc64(sizeof(Network));
  Carving carving = CARVING_INIT;
  if (net == NULL) {
    builder_free(b);
    return NULL;
  }
  memset(net, 0, sizeof(*net));
  net->refcount = 1;
  net->n_companies = b->n_companies;
  net->n_flows = b->n_flows;
  net->n_claims = b->n_claims;
  net->hash_size = b->hash_size;
  net->n_behalf = count_behalf(b);
  lay_out(net, &carving);
  if (carving_alloc(&carving) != SQLITE_OK) {
    sqlite3_free(net);
    builder_free(b);
    return NULL;
  }
  net->block = carving.block;
  lay_out(net, &carving);
  net->strings = b->strings;
  b->strings = NULL;
  copy_companies(net, b);
  group_flows(net, b);
  group_claims(net, b);
  link_reverse(net, b);
  settle_liquidity(net);
  builder_free(b);
  return net;
}

Network *network_retain(Network *net) {
  if (net) net->refcount++;
  return net;
}

void network_release(Network *net) {
  if (net == NULL || --net->refcount > 0) return;
  while (net->memo) {
    Memo *next = net->memo->next;
    sqlite3_free(net->memo->key);
    net->memo->free_data(net->memo->data);
    sqlite3_free(net->memo);
    net->memo = next;
  }
  sqlite3_free(net->strings);
  sqlite3_free(net->block);
  sqlite3_free(net);
}

int network_find(const Network *net, const char *name) {
  size_t length;
  unsigned code = hash_name(name, &length), mask = (unsigned)net->hash_size - 1, slot;
  if (net->hash_size == 0) return NO_COMPANY;
  for (slot = code & mask; net->hash[slot].company != NO_COMPANY; slot = (slot + 1) & mask) {
    if (net->hash[slot].code == code && strcmp(net->name[net->hash[slot].company], name) == 0) {
      return net->hash[slot].company;
    }
  }
  return NO_COMPANY;
}

char *network_memo_key(const char *what, int n, const char *const *texts) {
  sqlite3_str *key = sqlite3_str_new(NULL);
  int i;
  sqlite3_str_appendall(key, what);
  for (i = 0; i < n; i++) {
    if (texts[i] == NULL) sqlite3_str_appendall(key, "|-");
    else sqlite3_str_appendf(key, "|%d:%s", (int)strlen(texts[i]), texts[i]);
  }
  if (sqlite3_str_errcode(key) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(key));
    return NULL;
  }
  return sqlite3_str_finish(key);
}

void *network_memo_get(const Network *net, const char *key) {
  const Memo *memo;
  for (memo = net->memo; memo; memo = memo->next) {
    if (strcmp(memo->key, key) == 0) return memo->data;
  }
  return NULL;
}

int network_memo_put(Network *net, const char *key, void *data, void (*free_data)(void *)) {
  Memo *memo = sqlite3_malloc64(sizeof(Memo));
  char *copy = sqlite3_mprintf("%s", key);
  if (free_data == NULL) free_data = sqlite3_free;
  if (memo == NULL || copy == NULL) {
    sqlite3_free(memo);
    sqlite3_free(copy);
    free_data(data);
    return SQLITE_NOMEM;
  }
  memo->key = copy;
  memo->data = data;
  memo->free_data = free_data;
  memo->next = net->memo;
  net->memo = memo;
  return SQLITE_OK;
}

Recent *network_results(Network *net) {
  static const char key[] = "results";
  Recent *results = network_memo_get(net, key);
  if (results) return results;
  if ((results = recent_new(NETWORK_RESULTS, SIZE_MAX)) == NULL) return NULL;
  return network_memo_put(net, key, results, recent_free) == SQLITE_OK ? results : NULL;
}
