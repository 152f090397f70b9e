/*
** threads.c: aibubble on many connections and threads at once.
**
**   make thread-test     (and make tsan-test: the same under ThreadSanitizer)
**   dist/threads/threads sql/schema.sql samples/sample.sql DBFILE [SECONDS]
**
** One database file in WAL mode holds the sample network. SQLite runs in
** serialized mode; the extension (compiled in, -DSQLITE_CORE) is
** registered on every connection with sqlite3_aibubble_init. At once:
**   - writer threads, each on its own connection, commit changes to the
**     input tables (cash, flow amounts, a flow deleted and put back) and
**     count each commit in a table meta;
**   - reader threads, each on its own connection, and two threads sharing
**     one connection, run one statement that reads the whole input (as SQL
**     to rebuild it) together with cascade_shock, exposure and
**     breaking_point: one statement, so one snapshot of the data.
** Each reader then rebuilds that snapshot in a fresh in-memory database on
** a fresh connection and runs the same query single-threaded: the answers
** must be identical, double for double. A reader's connection keeps its
** network cache from one query to the next, so this also checks that the
** cache never serves a network of another data version. Writers choose
** new values as multiples of 1/4, which quote() writes exactly.
** Exits 1 on any difference or error; prints how many snapshots were
** checked and how many distinct data versions the readers saw.
*/
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include "read_file.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>

int sqlite3_aibubble_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#define N_WRITERS 2
#define N_READERS 3
#define N_SHARED 2            /* threads sharing one reading connection */
#define MAX_VERSIONS 100000

static const char *schema_sql, *sample_sql, *db_path;
static double seconds = 5;
static struct timespec start_time;
static pthread_mutex_t report_mutex = PTHREAD_MUTEX_INITIALIZER;
static int n_errors, n_checks, n_reused;
static unsigned char version_seen[MAX_VERSIONS];

/* The rows of the input tables, as SQL that rebuilds them. */
#define DUMP_SQL \
  "(SELECT group_concat(format('INSERT INTO companies(rowid, name, kind, revenue," \
  " operating_cf, capex, cash, debt, debt_service, equity, margin)" \
  " VALUES(%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s);', rowid, quote(name), quote(kind)," \
  " quote(revenue), quote(operating_cf), quote(capex), quote(cash), quote(debt)," \
  " quote(debt_service), quote(equity), quote(margin)), '') FROM companies)" \
  " || (SELECT group_concat(format('INSERT INTO flows(rowid, payer, payee, kind, amount," \
  " on_behalf_of) VALUES(%d,%s,%s,%s,%s,%s);', rowid, quote(payer), quote(payee)," \
  " quote(kind), quote(amount), quote(on_behalf_of)), '') FROM flows)" \
  " || (SELECT group_concat(format('INSERT INTO claims(rowid, creditor, debtor, kind," \
  " amount) VALUES(%d,%s,%s,%s,%s);', rowid, quote(creditor), quote(debtor), quote(kind)," \
  " quote(amount)), '') FROM claims)"

/* The answers compared: every column of cascade_shock for every company,
** its exposure and its breaking point under the default scenario. */
#define ANSWER_COLUMNS \
  "c.*, exposure(c.company), breaking_point(c.company, 'Microsoft')"
static const char *const reader_sql =
  "SELECT " ANSWER_COLUMNS ", (SELECT v FROM meta), " DUMP_SQL
  " FROM cascade_shock(30) AS c";
static const char *const reference_sql =
  "SELECT " ANSWER_COLUMNS " FROM cascade_shock(30) AS c";

static double elapsed(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start_time.tv_sec) + (now.tv_nsec - start_time.tv_nsec) / 1e9;
}

static void report(const char *who, const char *what, const char *detail) {
  pthread_mutex_lock(&report_mutex);
  if (n_errors++ < 10) fprintf(stderr, "threads: %s: %s%s%s\n", who, what, detail ? ": " : "", detail ? detail : "");
  pthread_mutex_unlock(&report_mutex);
}

static sqlite3 *open_connection(const char *path) {
  sqlite3 *db;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      NULL) != SQLITE_OK ||
      sqlite3_aibubble_init(db, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "threads: cannot open %s: %s\n", path, sqlite3_errmsg(db));
    exit(2);
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

/* ---- writers ------------------------------------------------------------ */

static unsigned next_random(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 8) & 0xffffff;
}

static void *writer(void *arg) {
  unsigned state = (unsigned)(size_t)arg * 7919u + 1;
  sqlite3 *db = open_connection(db_path);
  char sql[512];
  while (elapsed() < seconds) {
    unsigned r = next_random(&state);
    switch (r % 4) {
      case 0:   /* a company's cash: a multiple of 1/4 in [0, 250) */
        snprintf(sql, sizeof(sql), "UPDATE companies SET cash = %u / 4.0 WHERE rowid ="
                 " (SELECT rowid FROM companies ORDER BY rowid LIMIT 1 OFFSET %u)",
                 next_random(&state) % 1000, next_random(&state) % 18);
        break;
      case 1:   /* a flow's amount */
        snprintf(sql, sizeof(sql), "UPDATE flows SET amount = %u / 4.0 WHERE rowid ="
                 " (SELECT rowid FROM flows ORDER BY rowid LIMIT 1 OFFSET %u)",
                 next_random(&state) % 200, next_random(&state) % 20);
        break;
      case 2:   /* a flow deleted and put back at the end */
        snprintf(sql, sizeof(sql), "CREATE TEMP TABLE IF NOT EXISTS moved AS SELECT * FROM flows"
                 " WHERE 0; DELETE FROM moved; INSERT INTO moved SELECT * FROM flows"
                 " ORDER BY rowid LIMIT 1 OFFSET %u; DELETE FROM flows WHERE rowid ="
                 " (SELECT rowid FROM flows ORDER BY rowid LIMIT 1 OFFSET %u);"
                 " INSERT INTO flows SELECT * FROM moved",
                 r % 20, r % 20);
        break;
      default:  /* an operating cash flow */
        snprintf(sql, sizeof(sql), "UPDATE companies SET operating_cf = %d / 4.0 WHERE rowid ="
                 " (SELECT rowid FROM companies ORDER BY rowid LIMIT 1 OFFSET %u)",
                 (int)(next_random(&state) % 400) - 100, next_random(&state) % 18);
    }
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "UPDATE meta SET v = v + 1; COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
      report("writer", sqlite3_errmsg(db), sql);
      sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
  }
  sqlite3_close(db);
  return NULL;
}

/* ---- readers ------------------------------------------------------------ */

typedef struct Answer {
  int n_rows, n_columns;
  sqlite3_value **cells;     /* n_rows * n_columns, duplicated */
} Answer;

static void answer_free(Answer *a) {
  int i;
  for (i = 0; i < a->n_rows * a->n_columns; i++) sqlite3_value_free(a->cells[i]);
  free(a->cells);
  memset(a, 0, sizeof(*a));
}

/* Runs sql, keeping the first n_columns of every row; *extra gets a copy of
** the text of column n_columns + 1 of the first row (the dump) and *version
** column n_columns when asked. */
static int run_answer(sqlite3 *db, const char *sql, Answer *a, char **dump, int *version) {
  sqlite3_stmt *stmt;
  int rc, i;
  memset(a, 0, sizeof(*a));
  rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK) return rc;
  a->n_columns = sqlite3_column_count(stmt) - (dump ? 2 : 0);
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    a->cells = realloc(a->cells, (size_t)(a->n_rows + 1) * (size_t)a->n_columns * sizeof(sqlite3_value *));
    for (i = 0; i < a->n_columns; i++) {
      a->cells[a->n_rows * a->n_columns + i] = sqlite3_value_dup(sqlite3_column_value(stmt, i));
    }
    if (dump && a->n_rows == 0) {
      *version = sqlite3_column_int(stmt, a->n_columns);
      *dump = strdup((const char *)sqlite3_column_text(stmt, a->n_columns + 1));
    }
    a->n_rows++;
  }
  sqlite3_finalize(stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int same_value(sqlite3_value *x, sqlite3_value *y) {
  int type = sqlite3_value_type(x);
  double dx, dy;
  if (type != sqlite3_value_type(y)) return 0;
  switch (type) {
    case SQLITE_NULL: return 1;
    case SQLITE_INTEGER: return sqlite3_value_int64(x) == sqlite3_value_int64(y);
    case SQLITE_FLOAT:
      dx = sqlite3_value_double(x);
      dy = sqlite3_value_double(y);
      return memcmp(&dx, &dy, sizeof(double)) == 0;
    default: return strcmp((const char *)sqlite3_value_text(x), (const char *)sqlite3_value_text(y)) == 0;
  }
}

/* The answer of a fresh, single-threaded computation on the dumped data. */
static int reference(const char *dump, Answer *a) {
  sqlite3 *db = open_connection(":memory:");
  int rc = sqlite3_exec(db, schema_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, dump, NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = run_answer(db, reference_sql, a, NULL, NULL);
  if (rc != SQLITE_OK) report("reference", sqlite3_errmsg(db), NULL);
  sqlite3_close(db);
  return rc;
}

static void check_once(sqlite3 *db, const char *who, int *last_version) {
  Answer got, expected;
  char *dump = NULL, detail[128];
  int version = -1, i;
  if (run_answer(db, reader_sql, &got, &dump, &version) != SQLITE_OK || dump == NULL) {
    report(who, sqlite3_errmsg(db), NULL);
    answer_free(&got);
    free(dump);
    return;
  }
  if (reference(dump, &expected) == SQLITE_OK) {
    int same = got.n_rows == expected.n_rows && got.n_columns == expected.n_columns;
    for (i = 0; same && i < got.n_rows * got.n_columns; i++) {
      same = same_value(got.cells[i], expected.cells[i]);
    }
    if (!same) {
      snprintf(detail, sizeof(detail), "data version %d, row %d column %d", version,
               i / (got.n_columns ? got.n_columns : 1), i % (got.n_columns ? got.n_columns : 1));
      report(who, "answer differs from a fresh computation", detail);
    }
  }
  pthread_mutex_lock(&report_mutex);
  n_checks++;
  if (version == *last_version) n_reused++;
  if (version >= 0 && version < MAX_VERSIONS) version_seen[version] = 1;
  pthread_mutex_unlock(&report_mutex);
  *last_version = version;
  answer_free(&got);
  answer_free(&expected);
  free(dump);
}

typedef struct Reader {
  sqlite3 *db;               /* shared, or NULL: the reader opens its own */
  char name[32];
} Reader;

static void *reader(void *arg) {
  Reader *r = arg;
  sqlite3 *db = r->db ? r->db : open_connection(db_path);
  int last_version = -1;
  while (elapsed() < seconds) check_once(db, r->name, &last_version);
  if (r->db == NULL) sqlite3_close(db);
  return NULL;
}

/* ---- main --------------------------------------------------------------- */

static void create_database(void) {
  char *wal = malloc(strlen(db_path) + 5), *shm = malloc(strlen(db_path) + 5);
  sqlite3 *db;
  sprintf(wal, "%s-wal", db_path);
  sprintf(shm, "%s-shm", db_path);
  remove(db_path);
  remove(wal);
  remove(shm);
  free(wal);
  free(shm);
  db = open_connection(db_path);
  if (sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec(db, sample_sql, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec(db, "CREATE TABLE meta(v INTEGER); INSERT INTO meta VALUES (0)",
                   NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "threads: cannot create %s: %s\n", db_path, sqlite3_errmsg(db));
    exit(2);
  }
  sqlite3_close(db);
}

int main(int argc, char **argv) {
  pthread_t threads[N_WRITERS + N_READERS + N_SHARED];
  Reader readers[N_READERS + N_SHARED];
  sqlite3 *shared;
  int i, n = 0, n_versions = 0;
  if (argc < 4) {
    fprintf(stderr, "usage: %s schema.sql sample.sql DBFILE [SECONDS]\n", argv[0]);
    return 2;
  }
  schema_sql = read_file("threads", argv[1]);
  sample_sql = read_file("threads", argv[2]);
  db_path = argv[3];
  if (argc > 4) seconds = atof(argv[4]);
  if (sqlite3_config(SQLITE_CONFIG_SERIALIZED) != SQLITE_OK || sqlite3_initialize() != SQLITE_OK ||
      sqlite3_threadsafe() == 0) {
    fprintf(stderr, "threads: this SQLite cannot run in serialized mode\n");
    return 2;
  }
  create_database();
  clock_gettime(CLOCK_MONOTONIC, &start_time);
  shared = open_connection(db_path);
  for (i = 0; i < N_WRITERS; i++) pthread_create(&threads[n++], NULL, writer, (void *)(size_t)i);
  for (i = 0; i < N_READERS + N_SHARED; i++) {
    readers[i].db = i < N_READERS ? NULL : shared;
    snprintf(readers[i].name, sizeof(readers[i].name), "%s %d",
             i < N_READERS ? "reader" : "shared reader", i);
    pthread_create(&threads[n++], NULL, reader, &readers[i]);
  }
  for (i = 0; i < n; i++) pthread_join(threads[i], NULL);
  sqlite3_close(shared);
  for (i = 0; i < MAX_VERSIONS; i++) n_versions += version_seen[i];
  printf("threads: %d snapshots checked against a fresh computation (%d on a data version"
         " the reader had just seen), %d distinct data versions, %d errors\n",
         n_checks, n_reused, n_versions, n_errors);
  free((char *)schema_sql);
  free((char *)sample_sql);
  if (n_errors || n_checks == 0 || n_versions < 2) {
    printf("threads: FAILED\n");
    return 1;
  }
  printf("threads: every answer matched\n");
  return 0;
}
