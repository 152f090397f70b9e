/*
** oom.c: out-of-memory test of every public SQL name of aibubble.
**
**   make oom-test
**   dist/oom/oom sql/schema.sql samples/sample.sql [-v]
**
** Installs a counting allocator with sqlite3_config(SQLITE_CONFIG_MALLOC)
** before sqlite3_initialize, registers the extension (compiled in with
** -DSQLITE_CORE) with sqlite3_aibubble_init, loads the sample network and,
** for each case below and every N = 1, 2, ..., fails the N-th allocation
** made while the case runs: once failing only that one ("transient") and
** once failing every allocation from the N-th on ("persistent"), each on a
** cold cache (fresh connection) and a warm one (the case ran once before).
** Every run must end in SQLITE_NOMEM or in the same answer as a run with
** no failure, must not crash, and must leave no allocation outstanding once
** the connection is closed. The loop for a case ends at the first N that
** the case no longer reaches.
** Each failed allocation is classified by its call stack: made by SQLite
** for its own work (no extension frame on the stack), by SQLite on the
** extension's behalf (an extension frame calls an API such as
** sqlite3_prepare_v2), or by the extension itself (the extension calls
** sqlite3_malloc64, sqlite3_mprintf, ...). The summary counts the distinct
** call sites of the last two: the return address in the extension and the
** API it called. The cases are the calls below for every name the sample
** knows, plus a generic call of any public name registered later.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

int sqlite3_aibubble_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

/* Every function of this driver lives in its own section, so that a return
** address elsewhere in the executable is the extension's. */
#define DRIVER __attribute__((section("oom_driver")))
extern const char __start_oom_driver[], __stop_oom_driver[];
#include "read_file.h"

#define MAX_FRAMES 64
#define MAX_SITES 4096
#define MAX_STACKS 65536
#define MAX_CASES 64

typedef struct Case {
  const char *label;
  const char *sql;     /* NULL: the registration itself */
  const char *setup;   /* run first, with no failure; may be NULL */
} Case;

typedef struct Site {
  const void *caller;  /* return address in the extension */
  char api[48];        /* the SQLite API it called */
} Site;

static sqlite3_mem_methods system_methods;
static long long n_allocations, n_outstanding;
static long long fail_at;          /* 0: never */
static int persistent, failed_once, failed_by_sqlite_itself;
static void *fail_stack[MAX_FRAMES];
static int fail_depth;
static const char *executable_base;
static const char *executable_path;

static Site sites[MAX_SITES];
static unsigned long long stacks[MAX_STACKS];
static int n_stacks;
static int n_sites, n_direct_sites;
static long long n_runs, n_runs_sqlite_own, n_runs_on_behalf, n_runs_direct;
static int verbose, n_failures;

/* ---- the allocator ---------------------------------------------------- */

static DRIVER int should_fail(void) {
  n_allocations++;
  if (fail_at == 0) return 0;
  if (n_allocations == fail_at) {
    failed_once = 1;
    fail_depth = backtrace(fail_stack, MAX_FRAMES);
    return 1;
  }
  return persistent && n_allocations > fail_at;
}

static DRIVER void *counting_malloc(int size) {
  void *p;
  if (should_fail()) return NULL;
  p = system_methods.xMalloc(size);
  if (p) n_outstanding++;
  return p;
}

static DRIVER void counting_free(void *p) {
  if (p) n_outstanding--;
  system_methods.xFree(p);
}

static DRIVER void *counting_realloc(void *p, int size) {
  if (should_fail()) return NULL;
  return system_methods.xRealloc(p, size);
}

static DRIVER int counting_size(void *p) { return system_methods.xSize(p); }
static DRIVER int counting_roundup(int n) { return system_methods.xRoundup(n); }
static DRIVER int counting_init(void *p) { return system_methods.xInit(p); }
static DRIVER void counting_shutdown(void *p) { system_methods.xShutdown(p); }

static DRIVER void install_allocator(void) {
  sqlite3_mem_methods counting;
  void *warm_up[2];
  backtrace(warm_up, 2);   /* loads the unwinder before any failure */
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &system_methods);
  counting = system_methods;
  counting.xMalloc = counting_malloc;
  counting.xFree = counting_free;
  counting.xRealloc = counting_realloc;
  counting.xSize = counting_size;
  counting.xRoundup = counting_roundup;
  counting.xInit = counting_init;
  counting.xShutdown = counting_shutdown;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &counting) != SQLITE_OK ||
      sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK ||
      sqlite3_initialize() != SQLITE_OK) {
    fprintf(stderr, "oom: cannot install the allocator\n");
    exit(2);
  }
}

/* ---- classifying the failed allocation --------------------------------- */

static DRIVER int in_extension(const void *address) {
  Dl_info info;
  const char *a = address;
  if (a >= __start_oom_driver && a < __stop_oom_driver) return 0;
  return dladdr(address, &info) && info.dli_fbase == executable_base &&
         !(info.dli_sname && strcmp(info.dli_sname, "_start") == 0);
}

static DRIVER void remember_site(const void *caller, const char *api, int direct) {
  int i;
  for (i = 0; i < n_sites; i++) {
    if (sites[i].caller == caller && strcmp(sites[i].api, api) == 0) return;
  }
  if (n_sites == MAX_SITES) return;
  sites[n_sites].caller = caller;
  snprintf(sites[n_sites].api, sizeof(sites[n_sites].api), "%s", api);
  n_sites++;
  n_direct_sites += direct;
}

/* An API that allocates for the caller, as opposed to for SQLite's work. */
static DRIVER int allocates_for_caller(const char *api) {
  static const char *const apis[] = {
    "sqlite3_malloc", "sqlite3_malloc64", "sqlite3_realloc", "sqlite3_realloc64",
    "sqlite3_mprintf", "sqlite3_vmprintf", "sqlite3_str_", "sqlite3_value_dup",
    "sqlite3Malloc", "sqlite3Realloc", NULL
  };
  int i;
  for (i = 0; apis[i]; i++) {
    if (strncmp(api, apis[i], strlen(apis[i])) == 0) return 1;
  }
  return 0;
}

/* Counts the distinct sequences of extension frames on failing stacks. */
static DRIVER void remember_stack(void) {
  unsigned long long hash = 14695981039346656037ull;
  int i;
  for (i = 1; i < fail_depth; i++) {
    if (in_extension(fail_stack[i])) hash = (hash ^ (unsigned long long)(size_t)fail_stack[i]) * 1099511628211ull;
  }
  for (i = 0; i < n_stacks; i++) {
    if (stacks[i] == hash) return;
  }
  if (n_stacks < MAX_STACKS) stacks[n_stacks++] = hash;
}

static DRIVER void classify_failure(void) {
  Dl_info info;
  int i;
  failed_by_sqlite_itself = 0;
  for (i = 1; i < fail_depth; i++) {
    if (in_extension(fail_stack[i])) {
      const char *api = "?";
      int direct;
      if (dladdr(fail_stack[i - 1], &info) && info.dli_sname) api = info.dli_sname;
      direct = allocates_for_caller(api);
      remember_site(fail_stack[i], api, direct);
      if (direct) n_runs_direct++;
      else n_runs_on_behalf++;
      remember_stack();
      return;
    }
  }
  failed_by_sqlite_itself = 1;
  n_runs_sqlite_own++;
}

/* ---- running one case --------------------------------------------------- */

static char *schema_sql, *sample_sql;

/* A connection with the sample, the extension (except for the case of the
** registration itself) and the case's setup. */
static DRIVER sqlite3 *open_sample(const Case *c) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
      sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec(db, sample_sql, NULL, NULL, NULL) != SQLITE_OK ||
      (c->sql && sqlite3_aibubble_init(db, NULL, NULL) != SQLITE_OK) ||
      (c->setup && sqlite3_exec(db, c->setup, NULL, NULL, NULL) != SQLITE_OK)) {
    fprintf(stderr, "oom: cannot open the sample: %s\n", sqlite3_errmsg(db));
    exit(2);
  }
  return db;
}

/* Appends text to a growing answer (plain malloc: not counted). */
static DRIVER void append(char **answer, size_t *length, const char *text) {
  size_t n = strlen(text);
  *answer = realloc(*answer, *length + n + 1);
  if (*answer == NULL) exit(2);
  memcpy(*answer + *length, text, n + 1);
  *length += n;
}

/* Runs sql; returns the result code and sets *answer to the rows (or the
** error message) as text. */
static DRIVER int run_sql(sqlite3 *db, const char *sql, char **answer) {
  sqlite3_stmt *stmt = NULL;
  size_t length = 0;
  char cell[64];
  int rc, i;
  *answer = NULL;
  append(answer, &length, "");
  rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    for (i = 0; i < sqlite3_column_count(stmt); i++) {
      const unsigned char *text;
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_NULL: append(answer, &length, "NULL|"); break;
        case SQLITE_INTEGER:
        case SQLITE_FLOAT:
          snprintf(cell, sizeof(cell), "%.17g|", sqlite3_column_double(stmt, i));
          append(answer, &length, cell);
          break;
        default:
          text = sqlite3_column_text(stmt, i);
          if (text == NULL) {
            rc = sqlite3_errcode(db);
            goto done;
          }
          append(answer, &length, (const char *)text);
          append(answer, &length, "|");
      }
    }
    append(answer, &length, "\n");
    rc = SQLITE_OK;
  }
done:
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (stmt && sqlite3_finalize(stmt) != SQLITE_OK && rc == SQLITE_OK) rc = sqlite3_errcode(db);
  if (rc != SQLITE_OK) {
    length = 0;
    append(answer, &length, "error: ");
    append(answer, &length, sqlite3_errmsg(db));
  }
  return rc;
}

/* Runs the registration on a connection that has the sample loaded. */
static DRIVER int run_registration(sqlite3 *db, char **answer) {
  char *errmsg = NULL;
  int rc = sqlite3_aibubble_init(db, &errmsg, NULL);
  sqlite3_free(errmsg);
  *answer = NULL;
  if (rc == SQLITE_OK) return run_sql(db, "SELECT aibubble_version()", answer);
  *answer = strdup("error");
  return rc;
}

static DRIVER int run_case(sqlite3 *db, const Case *c, char **answer) {
  return c->sql ? run_sql(db, c->sql, answer) : run_registration(db, answer);
}

static DRIVER void failure(const Case *c, const char *mode, long long n, const char *what) {
  fprintf(stderr, "oom: %s, %s, N=%lld: %s\n", c->label, mode, n, what);
  if (verbose && failed_once) {
    fprintf(stderr, "  the failed allocation (addr2line -f -e %s ADDRESS):\n", executable_path);
    backtrace_symbols_fd(fail_stack, fail_depth, 2);
  }
  n_failures++;
}

/* One run failing the n-th allocation; returns 0 once n is past the last
** allocation of the case. */
static DRIVER int run_once(const Case *c, const char *expected, int expected_rc,
                           long long n, int warm) {
  char mode[32], *answer, *warm_answer;
  long long outstanding_before = n_outstanding;
  sqlite3 *db = open_sample(c);
  int rc;
  snprintf(mode, sizeof(mode), "%s %s", warm ? "warm" : "cold",
           persistent ? "persistent" : "transient");
  if (warm) {
    run_case(db, c, &warm_answer);
    free(warm_answer);
  }
  n_allocations = 0;
  failed_once = 0;
  fail_at = n;
  rc = run_case(db, c, &answer);
  fail_at = 0;
  n_runs++;
  if (failed_once) classify_failure();
  /* SQLite may lose an error's message when its own copy of it fails. */
  if (rc != SQLITE_NOMEM && (rc != expected_rc || strcmp(answer, expected) != 0) &&
      !(rc == expected_rc && rc != SQLITE_OK && failed_by_sqlite_itself)) {
    char what[512];
    snprintf(what, sizeof(what), "rc %d (%.200s), expected rc %d or SQLITE_NOMEM",
             rc, answer, expected_rc);
    failure(c, mode, n, what);
  }
  if (rc == SQLITE_NOMEM && !failed_once) failure(c, mode, n, "SQLITE_NOMEM with no failure");
  free(answer);
  if (sqlite3_close(db) != SQLITE_OK) failure(c, mode, n, "sqlite3_close failed");
  if (n_outstanding != outstanding_before) {
    char what[64];
    snprintf(what, sizeof(what), "%lld allocations leaked", n_outstanding - outstanding_before);
    failure(c, mode, n, what);
  }
  return failed_once;
}

static DRIVER void test_case(const Case *c) {
  sqlite3 *db = open_sample(c);
  char *expected;
  int expected_rc = run_case(db, c, &expected), warm;
  long long n, most = 0;
  sqlite3_close(db);
  for (warm = 0; warm < 2; warm++) {
    if (warm && c->sql == NULL) continue;
    for (persistent = 0; persistent < 2; persistent++) {
      for (n = 1; run_once(c, expected, expected_rc, n, warm); n++) {}
      if (n - 1 > most) most = n - 1;
    }
  }
  persistent = 0;
  if (verbose) printf("  %-40s %5lld allocations, rc %d\n", c->label, most, expected_rc);
  free(expected);
}

/* ---- the cases -------------------------------------------------------- */

static const Case known_cases[] = {
  { "registration", NULL, NULL },
  { "aibubble_version", "SELECT aibubble_version()", NULL },
  { "exposure", "SELECT exposure('CoreWeave')", NULL },
  { "exposure all", "SELECT name, exposure(name) FROM companies", NULL },
  { "exposure all, in memdb (its digest kept a statement)",
    "SELECT name, exposure(name, NULL, '{\"companies\":\"m.companies\",\"flows\":\"m.flows\"}')"
    " FROM m.companies",
    "ATTACH 'file:/aibubble_oom?vfs=memdb' AS m; CREATE TABLE m.companies AS SELECT * FROM companies;"
    " CREATE TABLE m.flows AS SELECT * FROM flows" },
  { "exposure core+options",
    "SELECT exposure('CoreWeave', '[\"OpenAI\",\"Anthropic\"]', '{\"flows\":\"flows\"}')", NULL },
  { "exposure unknown company", "SELECT exposure('Nobody')", NULL },
  { "exposure bad options", "SELECT exposure('OpenAI', NULL, '{\"bad\":1}')", NULL },
  { "exposure of a ring of 600 (the proved solve)",
    "SELECT exposure('r0', NULL, '{\"companies\":\"ring_c\",\"flows\":\"ring_f\","
    "\"claims\":\"ring_k\"}')",
    "CREATE TABLE ring_c AS SELECT * FROM companies WHERE 0;"
    " CREATE TABLE ring_f AS SELECT * FROM flows WHERE 0;"
    " CREATE TABLE ring_k AS SELECT * FROM claims WHERE 0;"
    " INSERT INTO ring_c(name, kind) VALUES ('L', 'lab');"
    " WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 599)"
    " INSERT INTO ring_c(name, kind, revenue) SELECT 'r' || n, 'other', 1000002 FROM i;"
    " WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 599)"
    " INSERT INTO ring_f(payer, payee, kind, amount)"
    " SELECT 'r' || ((n + 599) % 600), 'r' || n, 'compute', 1e6 FROM i"
    " UNION ALL SELECT 'L', 'r' || n, 'compute', 1 FROM i" },
  { "cascade_shock", "SELECT * FROM cascade_shock(30)", NULL },
  { "cascade_shock options",
    "SELECT * FROM cascade_shock(50, 'Microsoft',"
    " '{\"recovery\":0.2,\"fail\":[\"OpenAI\"],\"max_rounds\":50,\"passthrough\":0.5}')", NULL },
  { "cascade_shock bad pct", "SELECT * FROM cascade_shock('lots')", NULL },
  { "cascade_shock pushed equalities",
    "SELECT rowid, company FROM cascade_shock(50) WHERE status = 'default' AND kind = 'neocloud'",
    NULL },
  { "cascade_shock memo, evicted",
    "WITH p(v) AS (VALUES (10),(21),(33),(40),(52),(61),(75),(80),(94),(5),(17),(28),(39),(10))"
    " SELECT v, (SELECT count(*) FROM cascade_shock(p.v)) FROM p", NULL },
  { "cascade_shock sweep, run ahead",
    "WITH RECURSIVE p(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM p WHERE v < 20)"
    " SELECT v, (SELECT count(*) FROM cascade_shock(p.v) WHERE status = 'default') FROM p", NULL },
  { "cascade_shock missing table", "SELECT * FROM cascade_shock(10, NULL, '{\"flows\":\"nope\"}')", NULL },
  { "breaking_point", "SELECT breaking_point('CoreWeave')", NULL },
  { "breaking_point all", "SELECT name, breaking_point(name, 'hyperscaler') FROM companies", NULL },
  { "breaking_point unknown spender", "SELECT breaking_point('OpenAI', 'Nobody')", NULL },
  { "in a write transaction",
    "SELECT (SELECT count(*) FROM cascade_shock(20)), exposure('Nvidia')",
    "BEGIN; UPDATE companies SET cash = cash + 1 WHERE name = 'Nvidia'" },
  { "table names from options",
    "SELECT company, status FROM cascade_shock(40, NULL,"
    " '{\"companies\":\"aux.companies\",\"flows\":\"v_flows\",\"claims\":\"temp.c\"}')",
    "ATTACH ':memory:' AS aux; CREATE TABLE aux.companies AS SELECT * FROM main.companies;"
    " CREATE VIEW v_flows AS SELECT * FROM flows;"
    " CREATE TEMP TABLE c AS SELECT * FROM claims" },
  { "numbers in text",
    "SELECT company, cash_after FROM cascade_shock('30', NULL,"
    " '{\"companies\":\"companies_text\",\"recovery\":\"0.5\"}')",
    "CREATE TEMP VIEW companies_text AS SELECT name, kind, revenue, operating_cf, capex,"
    " CAST(cash AS TEXT) AS cash, debt, debt_service, equity, margin FROM companies" },
};

static Case cases[MAX_CASES];
static int n_cases;
static char generic_sql[MAX_CASES][256];
static char generic_label[MAX_CASES][96];

/* The first of a few plausible calls that succeeds on the sample (else the
** first): a generic case for a name registered after this file was written. */
static DRIVER void choose_generic_call(const char *name, int is_module, char *sql, size_t size) {
  static const char *const module_args[] = { "30", "'OpenAI'", "'hyperscaler'", "", NULL };
  static const char *const scalar_args[] = { "'CoreWeave'", "'CoreWeave', NULL", "30", "", NULL };
  const char *const *args = is_module ? module_args : scalar_args;
  int i;
  for (i = 0; args[i]; i++) {
    Case probe = { "probe", sql, NULL };
    sqlite3 *db = open_sample(&probe);
    char *answer;
    int rc;
    snprintf(sql, size, is_module ? "SELECT * FROM %s(%s)" : "SELECT %s(%s)", name, args[i]);
    rc = run_sql(db, sql, &answer);
    free(answer);
    sqlite3_close(db);
    if (rc == SQLITE_OK) return;
  }
  snprintf(sql, size, is_module ? "SELECT * FROM %s(%s)" : "SELECT %s(%s)", name, args[0]);
}

/* Adds a generic call for every public name that no known case mentions. */
static DRIVER void add_generic_cases(void) {
  sqlite3 *db;
  sqlite3_stmt *stmt;
  size_t i;
  for (i = 0; i < sizeof(known_cases) / sizeof(known_cases[0]); i++) cases[n_cases++] = known_cases[i];
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, "CREATE TEMP TABLE before_f AS SELECT name, narg FROM pragma_function_list;"
                   "CREATE TEMP TABLE before_m AS SELECT name FROM pragma_module_list;",
               NULL, NULL, NULL);
  sqlite3_aibubble_init(db, NULL, NULL);
  sqlite3_prepare_v2(db,
    "SELECT DISTINCT name, 0 FROM (SELECT name, narg FROM pragma_function_list"
    " EXCEPT SELECT name, narg FROM before_f)"
    " UNION ALL SELECT name, 1 FROM"
    " (SELECT name FROM pragma_module_list EXCEPT SELECT name FROM before_m)",
    -1, &stmt, NULL);
  while (sqlite3_step(stmt) == SQLITE_ROW && n_cases < MAX_CASES) {
    const char *name = (const char *)sqlite3_column_text(stmt, 0);
    int known = 0, k;
    for (i = 0; i < (size_t)n_cases; i++) {
      if (cases[i].sql && strstr(cases[i].sql, name)) known = 1;
    }
    if (known) continue;
    k = n_cases;
    choose_generic_call(name, sqlite3_column_int(stmt, 1), generic_sql[k], sizeof(generic_sql[k]));
    snprintf(generic_label[k], sizeof(generic_label[k]), "%s (generic)", name);
    cases[n_cases].label = generic_label[k];
    cases[n_cases].sql = generic_sql[k];
    n_cases++;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

int DRIVER main(int argc, char **argv) {
  Dl_info info;
  int i;
  if (argc < 3) {
    fprintf(stderr, "usage: %s schema.sql sample.sql [-v]\n", argv[0]);
    return 2;
  }
  verbose = argc > 3 && strcmp(argv[3], "-v") == 0;
  if (!dladdr((void *)main, &info)) return 2;
  executable_base = info.dli_fbase;
  executable_path = argv[0];
  install_allocator();
  schema_sql = read_file("oom", argv[1]);
  sample_sql = read_file("oom", argv[2]);
  add_generic_cases();
  for (i = 0; i < n_cases; i++) test_case(&cases[i]);
  {
    int direct = 0;
    for (i = 0; i < n_sites; i++) direct += allocates_for_caller(sites[i].api);
    printf("oom: %d cases, %lld runs: failed allocations made by SQLite for itself %lld,"
           " on the extension's behalf %lld, by the extension %lld\n",
           n_cases, n_runs, n_runs_sqlite_own, n_runs_on_behalf, n_runs_direct);
    printf("oom: %d distinct extension call sites reached (%d of them the extension's own"
           " allocations, %d SQLite APIs that allocate for it), in %d distinct call stacks\n",
           n_sites, direct, n_sites - direct, n_stacks);
  }
  if (verbose) {
    for (i = 0; i < n_sites; i++) {
      Dl_info site;
      char command[512], where[256] = "?";
      FILE *pipe;
      dladdr(sites[i].caller, &site);
      snprintf(command, sizeof(command), "addr2line -f -s -p -e %s %#lx", executable_path,
               (unsigned long)((const char *)sites[i].caller - executable_base - 1));
      if ((pipe = popen(command, "r")) != NULL) {
        if (fgets(where, sizeof(where), pipe)) where[strcspn(where, "\n")] = 0;
        pclose(pipe);
      }
      printf("  %-60s calls %s\n", where, sites[i].api);
    }
  }
  free(schema_sql);
  free(sample_sql);
  if (n_failures) {
    printf("oom: %d failures\n", n_failures);
    return 1;
  }
  printf("oom: every run ended in SQLITE_NOMEM or the right answer, with no leak\n");
  return 0;
}
