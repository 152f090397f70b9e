/*
** loader.c: reads companies, flows and claims into a Network.
**
** Each table (or view) is read with a SELECT of the model's columns alone,
** by name: any table or view with the model's columns will do, whatever
** else it holds and however the connection names result columns.
** A name from the options may carry a schema ("aux.flows"); names are
** quoted, so they cannot inject SQL. Every value is checked as it is read:
** a bad one stops the load with an error that names the function, the
** column, the row and the value. Nothing is ever written.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "loader.h"

/* The most columns a table is read for (companies: 10). */
#define MAX_WANTED 10

typedef struct Table {
  sqlite3 *db;
  const char *fn;            /* the SQL function, for messages */
  const char *name;          /* the table's name as given */
  sqlite3_stmt *stmt;         /* reads the wanted columns, in their order */
  /* The company each reference column named last, with a copy of the name
  ** ('' when too long to keep): rows often come grouped by payer. */
  int recent[MAX_WANTED];
  char recent_name[MAX_WANTED][32];
  char **errmsg;
  /* The row being read, described only when a message needs it: a
  ** format with two %q (the second may be unused) and its arguments. */
  const char *row_format, *row_a, *row_b;
} Table;

static const char *const company_columns[] = {
  "name", "kind", "revenue", "operating_cf", "capex", "cash", "debt",
  "debt_service", "equity", "margin", NULL
};
enum { C_NAME, C_KIND, C_REVENUE, C_OPERATING_CF, C_CAPEX, C_CASH, C_DEBT,
       C_DEBT_SERVICE, C_EQUITY, C_MARGIN };
static const char *const flow_columns[] = {
  "payer", "payee", "kind", "amount", "on_behalf_of", NULL
};
enum { F_PAYER, F_PAYEE, F_KIND, F_AMOUNT, F_BEHALF };
static const char *const claim_columns[] = { "creditor", "debtor", "amount", NULL };
enum { K_CREDITOR, K_DEBTOR, K_AMOUNT };
_Static_assert(sizeof(company_columns) / sizeof(company_columns[0]) - 1 <= MAX_WANTED,
               "a Table keeps a recent company for each wanted column");

char *table_reference(sqlite3 *db, const char *name) {
  const char *schema, *longest = NULL;
  size_t length = 0, name_length = strlen(name);
  int i;
  for (i = 0; (schema = sqlite3_db_name(db, i)) != NULL; i++) {
    size_t n = strlen(schema);
    if (n < name_length && name[n] == '.' && n > length &&
        sqlite3_strnicmp(schema, name, (int)n) == 0) {
      longest = schema;
      length = n;
    }
  }
  if (longest) return sqlite3_mprintf("\"%w\".\"%w\"", longest, name + length + 1);
  return sqlite3_mprintf("\"%w\"", name);
}

/* Appends name quoted as an identifier only: in backquotes, not double
** quotes, which SQLite reads as a string when no column has the name. */
static void append_identifier(sqlite3_str *sql, const char *name) {
  sqlite3_str_appendchar(sql, 1, '`');
  for (; *name; name++) {
    sqlite3_str_appendchar(sql, *name == '`' ? 2 : 1, *name);
  }
  sqlite3_str_appendchar(sql, 1, '`');
}

int select_columns(sqlite3 *db, const char *table, const char *const *columns,
                   sqlite3_stmt **stmt) {
  sqlite3_str *sql = sqlite3_str_new(NULL);   /* not held to SQLITE_LIMIT_LENGTH */
  char *reference = table_reference(db, table), *text;
  int k, rc;
  *stmt = NULL;
  sqlite3_str_appendall(sql, "SELECT ");
  for (k = 0; columns && columns[k]; k++) {
    if (k) sqlite3_str_appendall(sql, ", ");
    append_identifier(sql, columns[k]);
  }
  if (columns == NULL) sqlite3_str_appendall(sql, "*");
  if (reference) sqlite3_str_appendf(sql, " FROM %s", reference);
  sqlite3_free(reference);
  rc = sqlite3_str_errcode(sql);
  text = sqlite3_str_finish(sql);
  if (reference == NULL || rc != SQLITE_OK || text == NULL) {
    sqlite3_free(text);
    return SQLITE_NOMEM;
  }
  rc = sqlite3_prepare_v2(db, text, -1, stmt, NULL);
  sqlite3_free(text);
  return rc;
}

/* Whether "SELECT * FROM table" prepares; if not, SQLite's error says why. */
static int readable(sqlite3 *db, const char *table) {
  sqlite3_stmt *stmt = NULL;
  int rc = select_columns(db, table, NULL, &stmt);
  sqlite3_finalize(stmt);
  return rc == SQLITE_OK;
}

const char *missing_column(sqlite3 *db, const char *table, const char *const *columns) {
  static const char prefix[] = "no such column: ";
  const char *message = sqlite3_errmsg(db), *missing = NULL;
  int k;
  if (strncmp(message, prefix, sizeof(prefix) - 1) != 0) return NULL;
  for (k = 0; columns[k] && missing == NULL; k++) {
    if (sqlite3_stricmp(message + sizeof(prefix) - 1, columns[k]) == 0) missing = columns[k];
  }
  /* A view that reads a missing column has the column: it cannot be read. */
  return missing != NULL && readable(db, table) ? missing : NULL;
}

/* Whether a failed prepare says that table t itself does not exist (not a
** table that a view named t reads). */
static int table_missing(Table *t) {
  char *expected = sqlite3_mprintf("no such table: %s", t->name);
  int missing = expected != NULL && strcmp(sqlite3_errmsg(t->db), expected) == 0;
  sqlite3_free(expected);
  return missing;
}

/* Prepares the read of the wanted columns of a table, in their order
** (other columns, such as long sources, are never read). A missing table is
** an error, except the default claims table, which may be absent (no
** claims): *absent is set. */
static int open_table(Table *t, const char *const *wanted, int may_be_absent, int *absent) {
  const char *missing;
  int rc = select_columns(t->db, t->name, wanted, &t->stmt);
  *absent = 0;
  if (rc == SQLITE_OK || rc == SQLITE_NOMEM) return rc;
  if (may_be_absent && table_missing(t)) {
    *absent = 1;
    return SQLITE_OK;
  }
  if ((missing = missing_column(t->db, t->name, wanted)) != NULL) {
    *t->errmsg = error_message(t->fn, "table %s has no column %s", t->name, missing);
  } else {
    *t->errmsg = error_message(t->fn, "cannot read table %s: %s", t->name, sqlite3_errmsg(t->db));
  }
  return rc;
}

static int step_error(Table *t, int rc) {
  if (rc == SQLITE_NOMEM) return rc;
  *t->errmsg = error_message(t->fn, "cannot read table %s: %s", t->name, sqlite3_errmsg(t->db));
  return rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

/* Sets *errmsg to "fn: table.column of <the row> " followed by problem. */
static int value_error(Table *t, const char *column, const char *problem) {
  char *who;
  if (problem == NULL) return SQLITE_NOMEM;
  who = sqlite3_mprintf(t->row_format, t->row_a, t->row_b);
  if (who) *t->errmsg = error_message(t->fn, "%s.%s of %s %s", t->name, column, who, problem);
  sqlite3_free(who);
  sqlite3_free((char *)problem);
  return *t->errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Whether text, column k's, has a NUL byte inside: C would read only the
** part before it, so such a name is refused, never cut short. */
static int has_nul_inside(const Table *t, int k, const char *text, size_t length) {
  return text != NULL && length != (size_t)sqlite3_column_bytes(t->stmt, k);
}

/* Reads a numeric column: *is_null is set for NULL (value 0). */
static int read_number(Table *t, int k, const char *column, double *value, int *is_null) {
  sqlite3_stmt *s = t->stmt;
  int ok = 1;
  *value = 0;
  *is_null = 0;
  switch (sqlite3_column_type(s, k)) {
    case SQLITE_NULL: *is_null = 1; return SQLITE_OK;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: *value = sqlite3_column_double(s, k); break;
    case SQLITE_TEXT: {
      const char *text;
      if (text_column_number(s, k, value, &ok) != SQLITE_OK) {
        return SQLITE_NOMEM;
      }
      if (ok) break;
      if ((text = (const char *)sqlite3_column_text(s, k)) == NULL) return SQLITE_NOMEM;
      return value_error(t, column, sqlite3_mprintf(
          has_nul_inside(t, k, text, strlen(text)) ? "has a NUL byte inside: '%q'"
                                                   : "is not a number: '%q'", text));
    }
    default:
      return value_error(t, column, sqlite3_mprintf("is a blob, not a number"));
  }
  if (!isfinite(*value)) {
    return value_error(t, column, sqlite3_mprintf("must be finite, got %.15g", *value));
  }
  *value += 0.0;   /* -0 is 0: no result shows a -0 */
  return SQLITE_OK;
}

/* The text of column k's number for a message: an integer as stored
** (9007199254740993 is no double), a text as stored and quoted, a real as
** number_text. */
static char *shown_as_stored(sqlite3_stmt *s, int k, double value) {
  switch (sqlite3_column_type(s, k)) {
    case SQLITE_INTEGER: return sqlite3_mprintf("%lld", sqlite3_column_int64(s, k));
    case SQLITE_TEXT: return sqlite3_mprintf("'%q'", (const char *)sqlite3_column_text(s, k));
    default: return number_text(value);
  }
}

/* A number that must lie in [low, high] (high = INFINITY for no bound);
** NULL gives null_value. */
static int read_bounded(Table *t, int k, const char *column,
                        double low, double high, double null_value, double *value) {
  int is_null, rc = read_number(t, k, column, value, &is_null);
  if (rc != SQLITE_OK) return rc;
  if (is_null) {
    *value = null_value;
  } else if (*value < low || *value > high) {
    char *got = shown_as_stored(t->stmt, k, *value);
    char *problem = got == NULL ? NULL : isinf(high)
        ? sqlite3_mprintf("must be >= %g, got %s", low, got)
        : sqlite3_mprintf("must be between %g and %g, got %s", low, high, got);
    sqlite3_free(got);
    return value_error(t, column, problem);
  }
  return SQLITE_OK;
}

/* The text of a column; NULL (and no error) for SQL NULL. */
static const char *read_text(Table *t, int k) {
  return (const char *)sqlite3_column_text(t->stmt, k);
}

/* The error for column k's text with a NUL inside; SQLITE_ERROR, or
** SQLITE_NOMEM when the message cannot be made. */
static int nul_error(Table *t, const char *column, const char *text) {
  *t->errmsg = error_message(t->fn, "%s.%s '%q' has a NUL byte inside", t->name, column, text);
  return *t->errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

static int is_financing(const char *kind) {
  return kind && (sqlite3_stricmp(kind, "investment") == 0 || sqlite3_stricmp(kind, "loan") == 0);
}

/* Whether the current flow's kind makes it financing; a kind with a NUL
** inside is an error (C would read "loan\0x" as "loan"). */
static int read_flow_kind(Table *t, int *financing) {
  const char *kind = read_text(t, F_KIND);
  if (kind == NULL && sqlite3_errcode(t->db) == SQLITE_NOMEM) return SQLITE_NOMEM;
  if (has_nul_inside(t, F_KIND, kind, kind ? strlen(kind) : 0)) return nul_error(t, "kind", kind);
  *financing = is_financing(kind);
  return SQLITE_OK;
}

static int read_company(Table *t, NetworkBuilder *b) {
  CompanyRow row;
  int is_null = 1, rc;
  memset(&row, 0, sizeof(row));
  row.name = read_text(t, C_NAME);
  if (row.name == NULL || row.name[0] == 0) {
    if (sqlite3_errcode(t->db) == SQLITE_NOMEM) return SQLITE_NOMEM;
    *t->errmsg = error_message(t->fn, "%s has a company with %s name", t->name,
                               row.name ? "an empty" : "a NULL");
    return SQLITE_ERROR;
  }
  if (has_nul_inside(t, C_NAME, row.name, strlen(row.name))) return nul_error(t, "name", row.name);
  t->row_format = "'%q'";
  t->row_a = row.name;
  rc = read_bounded(t, C_REVENUE, "revenue", 0, INFINITY, 0, &row.revenue);
  if (rc == SQLITE_OK) row.revenue_null = sqlite3_column_type(t->stmt, C_REVENUE) == SQLITE_NULL;
  if (rc == SQLITE_OK) rc = read_number(t, C_OPERATING_CF, "operating_cf", &row.operating_cf, &is_null);
  if (rc == SQLITE_OK) rc = read_bounded(t, C_CAPEX, "capex", 0, INFINITY, 0, &row.capex);
  if (rc == SQLITE_OK) rc = read_bounded(t, C_CASH, "cash", 0, INFINITY, 0, &row.cash);
  if (rc == SQLITE_OK) rc = read_bounded(t, C_DEBT, "debt", 0, INFINITY, 0, &row.debt);
  if (rc == SQLITE_OK) rc = read_bounded(t, C_DEBT_SERVICE, "debt_service", 0, INFINITY, 0, &row.debt_service);
  if (rc == SQLITE_OK) rc = read_number(t, C_EQUITY, "equity", &row.equity, &is_null);
  row.has_equity = !is_null;
  if (rc == SQLITE_OK) rc = read_bounded(t, C_MARGIN, "margin", 0, 1, 1, &row.margin);
  if (rc != SQLITE_OK) return rc;
  row.kind = read_text(t, C_KIND);
  if (has_nul_inside(t, C_KIND, row.kind, row.kind ? strlen(row.kind) : 0)) {
    return nul_error(t, "kind", row.kind);
  }
  if (row.kind == NULL) row.kind = "";
  rc = builder_add_company(b, &row);
  if (rc == SQLITE_CONSTRAINT) {
    *t->errmsg = error_message(t->fn, "%s has the name '%q' twice", t->name, row.name);
    rc = *t->errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return rc;
}

/* A column that names a company. */
typedef struct Reference {
  int k;                     /* the wanted column */
  const char *column;        /* its name, for messages */
  int optional;              /* NULL or '' means none */
} Reference;

/* The company column k named last, when it is name; else NO_COMPANY. */
static int recent_company(const Table *t, int k, const char *name) {
  if (t->recent[k] != NO_COMPANY && strcmp(t->recent_name[k], name) == 0) return t->recent[k];
  return NO_COMPANY;
}

static void remember_company(Table *t, int k, const char *name, int company) {
  size_t length = strlen(name);
  if (length >= sizeof(t->recent_name[k])) length = 0;
  memcpy(t->recent_name[k], name, length);
  t->recent_name[k][length] = 0;
  t->recent[k] = company;
}

/* Finds the company a reference column names, from the name's key, and
** remembers it; or fails naming the column and the name. */
static int find_reference(Table *t, const NetworkBuilder *b, const Reference *ref,
                          const NameKey *key, int *company) {
  *company = builder_find_key(b, key);
  if (*company == NO_COMPANY) {
    *t->errmsg = error_message(t->fn, "%s.%s '%q' is not in companies", t->name,
                               ref->column, key->name);
    return *t->errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  remember_company(t, ref->k, key->name, *company);
  return SQLITE_OK;
}

/* Starts the look-up of a name of column k: the column's last company if
** the name is its, else NO_COMPANY and the name's key (its hash slot is
** fetched meanwhile). An empty or NULL name gives NO_COMPANY and no key. */
static int start_reference(const Table *t, const NetworkBuilder *b, int k, const char *name,
                           NameKey *key) {
  int company;
  key->name = NULL;
  if (name == NULL || name[0] == 0) return NO_COMPANY;
  company = recent_company(t, k, name);
  if (company == NO_COMPANY) builder_name_key(b, name, key);
  return company;
}

/* Whether name is missing from a reference column; sets the error unless
** the column is optional. */
static int missing_name(Table *t, const Reference *ref, const char *name) {
  if (name != NULL && name[0] != 0) return 0;
  if (!ref->optional) {
    *t->errmsg = error_message(t->fn, "%s has a row with %s %s", t->name,
                               name ? "an empty" : "a NULL", ref->column);
  }
  return 1;
}

/* Reads the companies that the row's n (at most 3) reference columns name
** (NO_COMPANY for an optional one left empty), and their names (valid
** until the next row). The look-ups start together, so that their memory
** is fetched in parallel; errors come in column order. */
static int read_references(Table *t, const NetworkBuilder *b, const Reference *refs, int n,
                           int *company, const char **name) {
  NameKey key[3];
  int i;
  for (i = 0; i < n; i++) {
    name[i] = read_text(t, refs[i].k);
    if (name[i] == NULL && sqlite3_errcode(t->db) == SQLITE_NOMEM) return SQLITE_NOMEM;
    company[i] = start_reference(t, b, refs[i].k, name[i], &key[i]);
  }
  for (i = 0; i < n; i++) {
    int rc;
    if (has_nul_inside(t, refs[i].k, name[i], name[i] ? strlen(name[i]) : 0)) {
      return nul_error(t, refs[i].column, name[i]);
    }
    if (missing_name(t, &refs[i], name[i])) {
      if (refs[i].optional) continue;
      return SQLITE_ERROR;
    }
    if (company[i] != NO_COMPANY) continue;
    if ((rc = find_reference(t, b, &refs[i], &key[i], &company[i])) != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* An edge table (flows or claims): its reference columns, its amount
** column, and how a row enters the builder. */
typedef struct EdgeTable {
  const char *const *wanted;
  const Reference *refs;
  int n_refs;                /* at most 3 */
  int amount;                /* the wanted column of the amount */
  const char *row_format;    /* the row in messages, from its first two names */
  int is_flow;               /* flows have a kind and an end customer */
} EdgeTable;

static const Reference flow_refs[] = {
  { F_PAYER, "payer", 0 }, { F_PAYEE, "payee", 0 }, { F_BEHALF, "on_behalf_of", 1 }
};
static const EdgeTable flows_table = {
  flow_columns, flow_refs, 3, F_AMOUNT, "the flow from '%q' to '%q'", 1
};
static const Reference claim_refs[] = {
  { K_CREDITOR, "creditor", 0 }, { K_DEBTOR, "debtor", 0 }
};
static const EdgeTable claims_table = {
  claim_columns, claim_refs, 2, K_AMOUNT, "the claim of '%q' on '%q'", 0
};

/* One edge row, its companies found. */
typedef struct EdgeRow {
  int company[3];            /* NO_COMPANY for an optional one left empty */
  double amount;
  int financing;
} EdgeRow;

static int add_edge(NetworkBuilder *b, const EdgeTable *e, const EdgeRow *row) {
  if (e->is_flow) {
    return builder_add_flow(b, row->company[0], row->company[1], row->company[2],
                            row->amount, row->financing);
  }
  return builder_add_claim(b, row->company[0], row->company[1], row->amount);
}

/* Reads the current row of an edge table at once, checking every value. */
static int read_edge(Table *t, NetworkBuilder *b, const EdgeTable *e) {
  const char *name[3];
  EdgeRow row;
  int rc = read_references(t, b, e->refs, e->n_refs, row.company, name);
  if (rc != SQLITE_OK) return rc;
  t->row_format = e->row_format;
  t->row_a = name[0];
  t->row_b = name[1];
  rc = read_bounded(t, e->amount, "amount", 0, INFINITY, 0, &row.amount);
  row.financing = 0;
  if (rc == SQLITE_OK && e->is_flow) rc = read_flow_kind(t, &row.financing);
  if (rc != SQLITE_OK) return rc;
  return add_edge(b, e, &row);
}

/* Edge rows are read one row ahead. A row whose values are plain (every
** name given, an amount that is a finite number >= 0) is copied, its names'
** hash slots are fetched, and it is finished (its names found, the row
** added) only after SQLite has read the next row: once the network outgrows
** the caches, a look-up waits on memory, and this way it waits while
** SQLite works. Any other row is read at once, after the row ahead, so
** rows enter the builder and errors come in table order, as if each row
** were read alone. */
typedef struct AheadRow {
  EdgeRow row;
  NameKey key[3];            /* of the names still to find */
  char *text;                /* the names, copied, each terminated */
  size_t capacity;
} AheadRow;

typedef struct ReadAhead {
  AheadRow slot[2];
  int waiting;               /* slot[waiting] holds a row to finish */
  int has_waiting;
} ReadAhead;

/* The current row's names, amount and kind, as SQLite gives them. */
typedef struct RawEdge {
  const char *name[3];       /* valid until the next row */
  size_t length[3];          /* bytes before the terminator; 0 for NULL */
  double amount;
  int financing;             /* a flow of kind investment or loan */
} RawEdge;

/* Whether text is a value's whole text (no NUL inside), its length in
** *length (0 for NULL); NULL text is whole only for a NULL value (else
** memory ran out). */
static int whole_text(sqlite3_value *value, const char *text, size_t *length) {
  *length = 0;
  if (text == NULL) return sqlite3_value_type(value) == SQLITE_NULL;
  *length = strlen(text);
  return *length == (size_t)sqlite3_value_bytes(value);
}

/* Reads the current row's names and amount into raw; whether the row is
** plain and can be read ahead (else it is read at once, which gives its
** message, or SQLITE_NOMEM). */
static int plain_row(Table *t, const EdgeTable *e, RawEdge *raw) {
  int k, amount_type;
  for (k = 0; k < e->n_refs; k++) {
    /* One call that takes SQLite's mutex (column_text and column_bytes
    ** would take it twice), on the thread that steps the statement. */
    sqlite3_value *value = sqlite3_column_value(t->stmt, e->refs[k].k);
    raw->name[k] = (const char *)sqlite3_value_text(value);
    if (!whole_text(value, raw->name[k], &raw->length[k])) return 0;   /* no memory, or a NUL inside */
    if (!e->refs[k].optional && raw->length[k] == 0) return 0;
  }
  raw->financing = 0;
  if (e->is_flow) {
    sqlite3_value *value = sqlite3_column_value(t->stmt, F_KIND);
    const char *kind = (const char *)sqlite3_value_text(value);
    size_t length;
    if (!whole_text(value, kind, &length)) return 0;
    raw->financing = is_financing(kind);
  }
  amount_type = sqlite3_column_type(t->stmt, e->amount);
  if (amount_type != SQLITE_INTEGER && amount_type != SQLITE_FLOAT) return 0;
  raw->amount = sqlite3_column_double(t->stmt, e->amount);
  return raw->amount >= 0 && isfinite(raw->amount);
}

/* Copies the row's names into slot a, name[k] pointing at each copy (NULL
** for none). */
static int copy_names(const EdgeTable *e, const RawEdge *raw, AheadRow *a, const char **name) {
  size_t offset[3], length[3], need = 0;
  int k;
  for (k = 0; k < e->n_refs; k++) {
    offset[k] = need;
    length[k] = raw->name[k] ? raw->length[k] + 1 : 0;
    need += length[k];
  }
  if (need > a->capacity) {
    char *grown = sqlite3_realloc64(a->text, need);
    if (grown == NULL) return SQLITE_NOMEM;
    a->text = grown;
    a->capacity = need;
  }
  for (k = 0; k < e->n_refs; k++) {
    name[k] = raw->name[k] ? memcpy(a->text + offset[k], raw->name[k], length[k]) : NULL;
  }
  return SQLITE_OK;
}

/* Copies the current (plain) row into slot a and starts its look-ups. */
static int take_row(Table *t, const NetworkBuilder *b, const EdgeTable *e, const RawEdge *raw,
                    AheadRow *a) {
  const char *name[3];
  int k, rc = copy_names(e, raw, a, name);
  if (rc != SQLITE_OK) return rc;
  for (k = 0; k < e->n_refs; k++) {
    a->row.company[k] = start_reference(t, b, e->refs[k].k, name[k], &a->key[k]);
  }
  a->row.amount = raw->amount;
  a->row.financing = raw->financing;
  return SQLITE_OK;
}

/* Finds the names of the row waiting, if any, and adds it. */
static int finish_waiting(Table *t, NetworkBuilder *b, const EdgeTable *e, ReadAhead *ahead) {
  AheadRow *a = &ahead->slot[ahead->waiting];
  int k;
  if (!ahead->has_waiting) return SQLITE_OK;
  ahead->has_waiting = 0;
  for (k = 0; k < e->n_refs; k++) {
    int rc;
    if (a->key[k].name == NULL) continue;
    rc = find_reference(t, b, &e->refs[k], &a->key[k], &a->row.company[k]);
    if (rc != SQLITE_OK) return rc;
  }
  return add_edge(b, e, &a->row);
}

/* Reads the current row of an edge table, one row ahead. */
static int read_edge_ahead(Table *t, NetworkBuilder *b, const EdgeTable *e, ReadAhead *ahead) {
  int next = 1 - ahead->waiting, rc;
  RawEdge raw;
  if (!plain_row(t, e, &raw)) {
    rc = finish_waiting(t, b, e, ahead);
    return rc == SQLITE_OK ? read_edge(t, b, e) : rc;
  }
  rc = take_row(t, b, e, &raw, &ahead->slot[next]);
  if (rc == SQLITE_OK) rc = finish_waiting(t, b, e, ahead);
  ahead->waiting = next;
  ahead->has_waiting = rc == SQLITE_OK;
  return rc;
}

/* Prepares a table's read; *absent: a missing table that may be. */
static int start_table(Table *t, const char *const *wanted, int may_be_absent, int *absent) {
  int k;
  for (k = 0; k < (int)(sizeof(t->recent) / sizeof(t->recent[0])); k++) t->recent[k] = NO_COMPANY;
  return open_table(t, wanted, may_be_absent, absent);
}

static int end_table(Table *t, int rc) {
  sqlite3_finalize(t->stmt);
  t->stmt = NULL;
  return rc;
}

static int read_companies(Table *t, NetworkBuilder *b) {
  int absent, rc = start_table(t, company_columns, 0, &absent), step;
  while (rc == SQLITE_OK && (step = sqlite3_step(t->stmt)) != SQLITE_DONE) {
    rc = step == SQLITE_ROW ? read_company(t, b) : step_error(t, step);
  }
  return end_table(t, rc);
}

static int read_edges(Table *t, NetworkBuilder *b, const EdgeTable *e, int may_be_absent) {
  ReadAhead ahead;
  int absent, rc = start_table(t, e->wanted, may_be_absent, &absent), step = SQLITE_DONE;
  memset(&ahead, 0, sizeof(ahead));
  while (rc == SQLITE_OK && !absent && (step = sqlite3_step(t->stmt)) == SQLITE_ROW) {
    rc = read_edge_ahead(t, b, e, &ahead);
  }
  /* The row left waiting comes before the end, or before the step's error. */
  if (rc == SQLITE_OK) rc = finish_waiting(t, b, e, &ahead);
  if (rc == SQLITE_OK && step != SQLITE_DONE) rc = step_error(t, step);
  sqlite3_free(ahead.slot[0].text);
  sqlite3_free(ahead.slot[1].text);
  return end_table(t, rc);
}

int network_load(sqlite3 *db, const char *fn, const TableNames *names,
                 Network **net, char **errmsg) {
  NetworkBuilder b;
  Table t;
  int rc;
  *net = NULL;
  builder_init(&b);
  memset(&t, 0, sizeof(t));
  t.db = db;
  t.fn = fn;
  t.errmsg = errmsg;
  t.name = names->companies ? names->companies : "companies";
  rc = read_companies(&t, &b);
  t.name = names->flows ? names->flows : "flows";
  if (rc == SQLITE_OK && !names->without_flows) rc = read_edges(&t, &b, &flows_table, 0);
  t.name = names->claims ? names->claims : "claims";
  if (rc == SQLITE_OK) rc = read_edges(&t, &b, &claims_table, names->claims == NULL);
  if (rc != SQLITE_OK) {
    builder_free(&b);
    return rc;
  }
  *net = network_build(&b);
  return *net ? SQLITE_OK : SQLITE_NOMEM;
}
