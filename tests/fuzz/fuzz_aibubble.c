/*
** fuzz_aibubble.c: libFuzzer target for every public SQL name of aibubble.
**
**   make fuzz                     (FUZZ_SECONDS=60 by default)
**   dist/fuzz/fuzz_aibubble tests/fuzz/corpus          (by hand)
**   dist/fuzz/fuzz_aibubble crash-file                 (replay one input)
**
** Built with -DSQLITE_CORE against the system libsqlite3, the extension's
** sources compiled in, under -fsanitize=fuzzer,address,undefined.
** Each input is read as a little program: a few bytes choose the shape of
** the input tables (constraint-free, so any value gets in), then rows of
** companies, flows and claims (names from a pool of odd names, numbers from
** a pool of NULL, NaN, inf, huge, tiny, negative, text and blob values, or
** 8 raw bytes), then a sequence of operations: a call of a public function
** with arguments from pools of numbers, names and (malformed) JSON or raw
** input text, a data change, BEGIN, COMMIT or ROLLBACK.
** The public names are found at start-up as the difference of
** pragma_function_list and pragma_module_list before and after
** registration, so functions added later are fuzzed without a change here.
** Besides crashes, leaks and undefined behaviour, the target aborts when a
** function returns a NaN or an infinite REAL: the extension promises never
** to return one.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

int sqlite3_aibubble_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#define MAX_NAMES 64
#define MAX_ARGS 6
#define MAX_TEXT 200

typedef struct Input {
  const uint8_t *data;
  size_t size;
} Input;

typedef struct PublicName {
  char name[64];
  int n_args;        /* scalar: its argument count; module: hidden columns */
  int is_module;
} PublicName;

static PublicName names[MAX_NAMES];
static int n_names;

static unsigned take(Input *in) {
  if (in->size == 0) return 0;
  in->size--;
  return *in->data++;
}

/* Up to max bytes of input, length-prefixed, as a NUL-terminated string. */
static void take_text(Input *in, char *out, size_t max) {
  size_t n = take(in) % max, i;
  for (i = 0; i < n && in->size > 0; i++) out[i] = (char)take(in);
  out[i] = 0;
}

static const char *const odd_names[] = {
  "A", "B", "C", "D", "E", "F", "", "a'b", "x\"y", "Robert'); DROP TABLE companies;--",
  "hyperscaler", "lab", "neocloud", "\xff\xfe", "main.companies", "na\xc3\xafve",
  " A", "A ", "a", "%s%n%d", "[\"A\"]", "{}", "NULL", "0",
};
#define N_ODD_NAMES (sizeof(odd_names) / sizeof(odd_names[0]))

static const char *const json_pool[] = {
  "{}", "{\"recovery\":0.5}", "{\"recovery\":2}", "{\"recovery\":-0.0}",
  "{\"passthrough\":1e300}", "{\"passthrough\":1e999}", "{\"passthrough\":0}",
  "{\"max_rounds\":1}", "{\"max_rounds\":1.5}", "{\"max_rounds\":1000000}",
  "{\"max_rounds\":\"3\"}", "{\"fail\":\"A\"}", "{\"fail\":[\"A\",\"B\"]}",
  "{\"fail\":[1]}", "{\"fail\":[]}", "{\"fail\":\"hyperscaler\"}", "{\"fail\":null}",
  "{\"companies\":\"aux.companies\"}", "{\"flows\":\"aux.flows\"}",
  "{\"claims\":\"aux.claims\"}", "{\"flows\":\"we\\\"ird.t;x\"}",
  "{\"claims\":\"nope\"}", "{\"companies\":\"badv\"}", "{\"companies\":\"\"}",
  "{\"companies\":\"main.\"}", "{\"companies\":\".\"}", "{\"flows\":1}",
  "{\"recovery\":0.4,\"recovery\":0.5}", "{\"unknown\":1}", "{", "[]", "[\"A\"]",
  "[\"A\",\"A\"]", "[", "null", "[\"nobody\"]", "[null]", "[[\"A\"]]", "\"A\"",
  "{\"companies\":\"companies\",\"flows\":\"flows\",\"claims\":\"claims\"}",
  "{\"flows\":\"temp.flows\"}", "{\"companies\":\"sqlite_master\"}",
  "{\"flows\":\"pragma_function_list\"}", "{\"claims\":\"flows\"}",
};
#define N_JSON (sizeof(json_pool) / sizeof(json_pool[0]))

/* Binds a number-ish value chosen by the input: special doubles, text,
** blobs, or 8 raw bytes taken as a double. */
static void bind_number(sqlite3_stmt *stmt, int i, Input *in) {
  unsigned char raw[8];
  double d;
  size_t k;
  switch (take(in) % 22) {
    case 0: sqlite3_bind_null(stmt, i); break;
    case 1: sqlite3_bind_int(stmt, i, 0); break;
    case 2: sqlite3_bind_int(stmt, i, (int)take(in)); break;
    case 3: sqlite3_bind_double(stmt, i, take(in) * 0.37); break;
    case 4: sqlite3_bind_int(stmt, i, -(int)take(in)); break;
    case 5: sqlite3_bind_double(stmt, i, 1e308); break;
    case 6: sqlite3_bind_double(stmt, i, -1e308); break;
    case 7: sqlite3_bind_double(stmt, i, 4.9e-324); break;
    case 8: sqlite3_bind_text(stmt, i, "NaN", -1, SQLITE_STATIC); break;
    case 9: sqlite3_bind_text(stmt, i, "inf", -1, SQLITE_STATIC); break;
    case 10: sqlite3_bind_double(stmt, i, INFINITY); break;
    case 11: sqlite3_bind_double(stmt, i, -INFINITY); break;
    case 12: sqlite3_bind_text(stmt, i, " 12 ", -1, SQLITE_STATIC); break;
    case 13: sqlite3_bind_text(stmt, i, "abc", -1, SQLITE_STATIC); break;
    case 14: sqlite3_bind_blob(stmt, i, "\0\1", 2, SQLITE_STATIC); break;
    case 15:
      for (k = 0; k < 8; k++) raw[k] = (unsigned char)take(in);
      memcpy(&d, raw, 8);
      sqlite3_bind_double(stmt, i, d);   /* NaN binds as NULL */
      break;
    case 16: sqlite3_bind_int64(stmt, i, INT64_MAX); break;
    case 17: sqlite3_bind_text(stmt, i, "1e999", -1, SQLITE_STATIC); break;
    case 18: sqlite3_bind_double(stmt, i, 0.5); break;
    case 19: sqlite3_bind_int(stmt, i, 1); break;
    case 20: sqlite3_bind_double(stmt, i, 1e15 * take(in)); break;
    default: sqlite3_bind_double(stmt, i, 100); break;
  }
}

/* Binds a name: from the pool, NULL, or raw input text. */
static void bind_name(sqlite3_stmt *stmt, int i, Input *in) {
  char text[MAX_TEXT];
  unsigned choice = take(in);
  if (choice < 200) {
    sqlite3_bind_text(stmt, i, odd_names[choice % N_ODD_NAMES], -1, SQLITE_STATIC);
  } else if (choice < 230) {
    take_text(in, text, sizeof(text));
    sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(stmt, i);
  }
}

/* Binds a function argument: a number, a name, pooled JSON or raw text. */
static void bind_argument(sqlite3_stmt *stmt, int i, Input *in) {
  char text[MAX_TEXT];
  switch (take(in) % 5) {
    case 0: bind_number(stmt, i, in); break;
    case 1: bind_name(stmt, i, in); break;
    case 2:
      sqlite3_bind_text(stmt, i, json_pool[take(in) % N_JSON], -1, SQLITE_STATIC);
      break;
    case 3:
      take_text(in, text, sizeof(text));
      sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT);
      break;
    default: sqlite3_bind_null(stmt, i); break;
  }
}

static void exec(sqlite3 *db, const char *sql) {
  sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static const char *const tables_sql =
  "CREATE TABLE companies(name, kind, revenue, operating_cf, capex, cash, debt,"
  " debt_service, equity, margin, source);"
  "CREATE TABLE flows(payer, payee, kind, amount, on_behalf_of, source);"
  "CREATE TABLE claims(creditor, debtor, kind, amount, source);";

static void insert_company(sqlite3 *db, Input *in) {
  sqlite3_stmt *stmt;
  int i;
  if (sqlite3_prepare_v2(db, "INSERT INTO companies VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,NULL)",
                         -1, &stmt, NULL) != SQLITE_OK) return;
  bind_name(stmt, 1, in);
  sqlite3_bind_text(stmt, 2, odd_names[10 + take(in) % 4], -1, SQLITE_STATIC);
  if (take(in) % 8 == 0) bind_name(stmt, 2, in);
  for (i = 3; i <= 10; i++) {
    if (take(in) % 3 == 0) bind_number(stmt, i, in);
    else sqlite3_bind_double(stmt, i, take(in) * 0.5);
  }
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
}

static void insert_flow(sqlite3 *db, Input *in) {
  static const char *const kinds[] = { "compute", "investment", "loan", "LOAN", NULL };
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "INSERT INTO flows VALUES(?1,?2,?3,?4,?5,NULL)",
                         -1, &stmt, NULL) != SQLITE_OK) return;
  bind_name(stmt, 1, in);
  bind_name(stmt, 2, in);
  sqlite3_bind_text(stmt, 3, kinds[take(in) % 5], -1, SQLITE_STATIC);
  if (take(in) % 3 == 0) bind_number(stmt, 4, in);
  else sqlite3_bind_double(stmt, 4, take(in) * 0.25);
  if (take(in) % 3 == 0) bind_name(stmt, 5, in);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
}

static void insert_claim(sqlite3 *db, Input *in) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "INSERT INTO claims VALUES(?1,?2,'loan',?3,NULL)",
                         -1, &stmt, NULL) != SQLITE_OK) return;
  bind_name(stmt, 1, in);
  bind_name(stmt, 2, in);
  if (take(in) % 3 == 0) bind_number(stmt, 3, in);
  else sqlite3_bind_double(stmt, 3, take(in) * 0.25);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
}

/* The input tables, their copies in aux and under odd names, and a view
** that fails when read. */
static void build_network(sqlite3 *db, Input *in) {
  unsigned shape = take(in), n, i;
  exec(db, tables_sql);
  n = take(in) % 9;
  for (i = 0; i < n; i++) insert_company(db, in);
  n = take(in) % 17;
  for (i = 0; i < n; i++) insert_flow(db, in);
  n = take(in) % 9;
  for (i = 0; i < n; i++) insert_claim(db, in);
  if (shape & 1) exec(db, "DROP TABLE claims");
  if (shape & 2) {
    exec(db, "ATTACH ':memory:' AS aux;"
             "CREATE TABLE aux.companies AS SELECT * FROM main.companies;"
             "CREATE TABLE aux.flows AS SELECT * FROM main.flows;"
             "CREATE TABLE aux.claims(creditor, debtor, amount);");
  }
  if (shape & 4) exec(db, "CREATE TABLE \"we\"\"ird.t;x\" AS SELECT * FROM flows");
  if (shape & 8) {
    exec(db, "CREATE VIEW badv AS SELECT * FROM companies"
             " WHERE abs(-9223372036854775807 - 1) > 0");
  }
  if (shape & 16) exec(db, "CREATE TEMP TABLE flows AS SELECT * FROM main.flows LIMIT 2");
}

/* Aborts on a NaN or infinite REAL in a result. */
static void check_row(sqlite3_stmt *stmt, const char *sql) {
  int i;
  for (i = 0; i < sqlite3_column_count(stmt); i++) {
    if (sqlite3_column_type(stmt, i) == SQLITE_FLOAT &&
        !isfinite(sqlite3_column_double(stmt, i))) {
      fprintf(stderr, "non-finite result %g in column %d of %s\n",
              sqlite3_column_double(stmt, i), i, sql);
      abort();
    }
  }
}

static void call_public(sqlite3 *db, Input *in) {
  const PublicName *p = &names[take(in) % n_names];
  char sql[256];
  sqlite3_stmt *stmt;
  int n_args = p->n_args, i, rc;
  size_t at;
  if (p->is_module) n_args = (int)(take(in) % (unsigned)(p->n_args + 1));
  at = (size_t)snprintf(sql, sizeof(sql), p->is_module ? "SELECT * FROM %s(" : "SELECT %s(", p->name);
  for (i = 1; i <= n_args; i++) {
    at += (size_t)snprintf(sql + at, sizeof(sql) - at, "%s?%d", i > 1 ? "," : "", i);
  }
  snprintf(sql + at, sizeof(sql) - at, ")");
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) return;
  for (i = 1; i <= n_args; i++) bind_argument(stmt, i, in);
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) check_row(stmt, sql);
  sqlite3_finalize(stmt);
}

static void change_data(sqlite3 *db, Input *in) {
  switch (take(in) % 5) {
    case 0: insert_company(db, in); break;
    case 1: insert_flow(db, in); break;
    case 2: insert_claim(db, in); break;
    case 3: exec(db, "DELETE FROM flows WHERE rowid = (SELECT max(rowid) FROM flows)"); break;
    default: exec(db, "UPDATE companies SET cash = cash / 2"); break;
  }
}

/* The names registration adds: scalar functions with their argument
** counts, and modules with their hidden columns. */
static void discover(void) {
  sqlite3 *db;
  sqlite3_stmt *stmt;
  sqlite3_open(":memory:", &db);
  exec(db, "CREATE TEMP TABLE before_f AS SELECT name, narg FROM pragma_function_list;"
           "CREATE TEMP TABLE before_m AS SELECT name FROM pragma_module_list;");
  sqlite3_aibubble_init(db, NULL, NULL);
  sqlite3_prepare_v2(db,
    "SELECT name, narg, 0 FROM pragma_function_list EXCEPT SELECT name, narg, 0 FROM before_f"
    " UNION ALL SELECT m.name, (SELECT count(*) FROM pragma_table_xinfo(m.name) WHERE hidden), 1"
    " FROM (SELECT name FROM pragma_module_list EXCEPT SELECT name FROM before_m) AS m",
    -1, &stmt, NULL);
  while (sqlite3_step(stmt) == SQLITE_ROW && n_names < MAX_NAMES) {
    PublicName *p = &names[n_names++];
    snprintf(p->name, sizeof(p->name), "%s", (const char *)sqlite3_column_text(stmt, 0));
    p->n_args = sqlite3_column_int(stmt, 1);
    p->is_module = sqlite3_column_int(stmt, 2);
    if (p->n_args < 0 || p->n_args > MAX_ARGS) p->n_args = MAX_ARGS;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (n_names == 0) {
    fprintf(stderr, "fuzz_aibubble: the extension registered nothing\n");
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Input in = { data, size };
  sqlite3 *db;
  int op;
  if (n_names == 0) discover();
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) abort();
  if (sqlite3_aibubble_init(db, NULL, NULL) != SQLITE_OK) abort();
  build_network(db, &in);
  for (op = 0; op < 16 && in.size > 0; op++) {
    switch (take(&in) % 8) {
      case 0: change_data(db, &in); break;
      case 1: exec(db, "BEGIN"); break;
      case 2: exec(db, "COMMIT"); break;
      case 3: exec(db, "ROLLBACK"); break;
      default: call_public(db, &in); break;
    }
  }
  if (sqlite3_close(db) != SQLITE_OK) {
    fprintf(stderr, "fuzz_aibubble: sqlite3_close failed: a statement was left open\n");
    abort();
  }
  return 0;
}
