/*
** args.c: checks and parses the arguments of the SQL functions.
**
** JSON is parsed with SQLite's own json_each and json_type on the caller's
** connection, so the extension carries no JSON parser of its own.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"

typedef enum { KIND_NUMBER, KIND_INTEGER, KIND_TABLE, KIND_NAMES, KIND_TEXT, KIND_WEIGHTS } OptionKind;

typedef struct OptionSpec {
  const char *name;
  OptionKind kind;
  double low, high;
} OptionSpec;

static const OptionSpec option_specs[OPT_COUNT] = {
  [OPT_COMPANIES]   = { "companies", KIND_TABLE, 0, 0 },
  [OPT_FLOWS]       = { "flows", KIND_TABLE, 0, 0 },
  [OPT_CLAIMS]      = { "claims", KIND_TABLE, 0, 0 },
  [OPT_RECOVERY]    = { "recovery", KIND_NUMBER, 0, 1 },
  [OPT_PASSTHROUGH] = { "passthrough", KIND_NUMBER, 0, DBL_MAX },
  [OPT_FAIL]        = { "fail", KIND_NAMES, 0, 0 },
  [OPT_MAX_ROUNDS]  = { "max_rounds", KIND_INTEGER, 1, 1000000 },
  [OPT_METHOD]      = { "method", KIND_TEXT, 0, 0 },
  [OPT_WEIGHTS]     = { "weights", KIND_WEIGHTS, 0, 0 },
  [OPT_ALPHA]       = { "alpha", KIND_NUMBER, 0, 1 },
  [OPT_BETA]        = { "beta", KIND_NUMBER, 0, 1 },
};

/* The C library writes and reads numbers exactly, in the thread's locale;
** its decimal point becomes "." in the message. */
char *number_text(double x) {
  char text[64], *point;
  const char *local_point = localeconv()->decimal_point;
  size_t width = strlen(local_point);
  if (!isfinite(x)) return sqlite3_mprintf("%.15g", x);
  snprintf(text, sizeof(text), "%.15g", x);
  if (strtod(text, NULL) != x) snprintf(text, sizeof(text), "%.17g", x);
  if (width > 0 && strcmp(local_point, ".") != 0 && (point = strstr(text, local_point)) != NULL) {
    *point = '.';
    memmove(point + 1, point + width, strlen(point + width) + 1);
  }
  return sqlite3_mprintf("%s", text);
}

char *json_shown(sqlite3_stmt *row, int type_column, const char *shown) {
  int atom = type_column + 1;
  if (sqlite3_column_type(row, atom) == SQLITE_FLOAT) {
    return number_text(sqlite3_column_double(row, atom) + 0.0);   /* -0 as 0 */
  }
  return sqlite3_mprintf("%s", shown);
}

/* The value quoted for a message: 'text', a number, NULL or a blob. */
static char *quote_value(sqlite3_value *value) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: return sqlite3_mprintf("NULL");
    case SQLITE_INTEGER: return sqlite3_mprintf("%lld", sqlite3_value_int64(value));
    case SQLITE_FLOAT: return number_text(sqlite3_value_double(value));
    case SQLITE_TEXT: return sqlite3_mprintf("'%q'", (const char *)sqlite3_value_text(value));
    default: return sqlite3_mprintf("a blob");
  }
}

/* The blanks SQLite allows around a number in text. */
#define NUMBER_BLANKS " \t\n\v\f\r"

/* Skips the decimal digits at text; how many there were in *count. */
static const char *skip_digits(const char *text, int *count) {
  const char *start = text;
  while (*text >= '0' && *text <= '9') text++;
  *count = (int)(text - start);
  return text;
}

/* Whether the length bytes of text hold one decimal number and nothing
** else but blanks around it: [+-] digits [. digits] [e [+-] digits], with
** digits on at least one side of the point. Not hex, inf or nan, no NUL
** inside, and nothing SQLite would read only a prefix of ("1e", "5x"). */
static int decimal_text(const char *text, int length) {
  const char *stop = text + length;
  int before, after = 0, exponent;
  text += strspn(text, NUMBER_BLANKS);
  if (*text == '+' || *text == '-') text++;
  text = skip_digits(text, &before);
  if (*text == '.') text = skip_digits(text + 1, &after);
  if (before + after == 0) return 0;
  if (*text == 'e' || *text == 'E') {
    text++;
    if (*text == '+' || *text == '-') text++;
    text = skip_digits(text, &exponent);
    if (exponent == 0) return 0;
  }
  text += strspn(text, NUMBER_BLANKS);
  return text == stop;   /* nothing after it, not even past a NUL */
}

/* The number text holds (length bytes; NULL: out of memory), given as
** value, SQLite's reading of it, when it is decimal_text. */
static int decimal_number(const char *text, int length, double value, double *out, int *ok) {
  *out = 0;
  *ok = 0;
  if (text == NULL) return SQLITE_NOMEM;
  if (!decimal_text(text, length)) return SQLITE_OK;
  /* The whole text is a number, so SQLite read all of it, as CAST(text AS
  ** REAL) does: the same double to the last bit, whatever the C locale. */
  *out = value;
  *ok = 1;
  return SQLITE_OK;
}

int text_value_number(sqlite3_value *value, double *out, int *ok) {
  const char *text = (const char *)sqlite3_value_text(value);
  return decimal_number(text, sqlite3_value_bytes(value), sqlite3_value_double(value), out, ok);
}

int text_column_number(sqlite3_stmt *stmt, int column, double *out, int *ok) {
  const char *text = (const char *)sqlite3_column_text(stmt, column);
  return decimal_number(text, sqlite3_column_bytes(stmt, column),
                        sqlite3_column_double(stmt, column), out, ok);
}

static char *range_text(double low, double high) {
  if (high >= 1e300) return sqlite3_mprintf("a number >= %.15g", low);
  return sqlite3_mprintf("between %.15g and %.15g", low, high);
}

int arg_number(const char *fn, const char *what, sqlite3_value *value,
               double low, double high, double *out, char **errmsg) {
  int type = sqlite3_value_type(value), ok = 0;
  char *quoted, *range;
  if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
    *out = sqlite3_value_double(value);
    ok = 1;
  } else if (type == SQLITE_TEXT && text_value_number(value, out, &ok) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  if (ok && isfinite(*out) && *out >= low && *out <= high) {
    *out += 0.0;   /* -0 is 0: no result shows a -0 */
    return SQLITE_OK;
  }
  quoted = quote_value(value);
  range = range_text(low, high);
  if (quoted && range) {
    *errmsg = error_message(fn, "%s must be %s, got %s", what, range, quoted);
  }
  sqlite3_free(quoted);
  sqlite3_free(range);
  return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

const char *arg_text(sqlite3_value *value) {
  if (value == NULL || sqlite3_value_type(value) == SQLITE_NULL) return NULL;
  return (const char *)sqlite3_value_text(value);
}

int args_without_nul(const char *fn, int argc, sqlite3_value **argv, char **errmsg) {
  int i;
  for (i = 0; i < argc; i++) {
    const char *text;
    int type = argv[i] ? sqlite3_value_type(argv[i]) : SQLITE_NULL;
    if (type == SQLITE_BLOB) {   /* read as text where a name is taken: not converted here */
      const void *blob = sqlite3_value_blob(argv[i]);
      int bytes = sqlite3_value_bytes(argv[i]);
      if (bytes == 0 || memchr(blob, 0, (size_t)bytes) == NULL) continue;
      *errmsg = error_message(fn, "argument %d is a blob with a NUL byte inside", i + 1);
      return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
    }
    if (type != SQLITE_TEXT) continue;
    if ((text = (const char *)sqlite3_value_text(argv[i])) == NULL) return SQLITE_NOMEM;
    if (strlen(text) == (size_t)sqlite3_value_bytes(argv[i])) continue;
    *errmsg = error_message(fn, "argument %d has a NUL byte inside: '%q'", i + 1, text);
    return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

void options_free(Options *options) {
  int i;
  for (i = 0; i < OPT_COUNT; i++) sqlite3_free(options->text[i]);
  memset(options, 0, sizeof(*options));
}

double option_number(const Options *options, int id, double fallback) {
  return (options->given & OPTION_BIT(id)) ? options->number[id] : fallback;
}

void options_tables(const Options *options, TableNames *names) {
  names->companies = options->text[OPT_COMPANIES];
  names->flows = options->text[OPT_FLOWS];
  names->claims = options->text[OPT_CLAIMS];
  names->without_flows = 0;
}

static char *allowed_list(unsigned allowed) {
  sqlite3_str *list = sqlite3_str_new(NULL);
  char *text;
  int i;
  for (i = 0; i < OPT_COUNT; i++) {
    if (allowed & OPTION_BIT(i)) {
      sqlite3_str_appendf(list, "%s%s", sqlite3_str_length(list) ? ", " : "", option_specs[i].name);
    }
  }
  if (sqlite3_str_errcode(list) != SQLITE_OK) {   /* NULL: out of memory */
    sqlite3_free(sqlite3_str_finish(list));
    return NULL;
  }
  text = sqlite3_str_finish(list);
  return text ? text : sqlite3_mprintf("");
}

static int find_option(const char *key) {
  int i;
  for (i = 0; i < OPT_COUNT; i++) {
    if (strcmp(option_specs[i].name, key) == 0) return i;
  }
  return -1;
}

/* Whether this thread's C locale reads a decimal point, as SQLite's JSON
** functions assume when they read a number with strtod. */
static int locale_reads_point(void) {
  return strtod("0.5", NULL) == 0.5;
}

int json_row_number(sqlite3_stmt *row, int type_column, double *out, int *ok) {
  const char *type = (const char *)sqlite3_column_text(row, type_column);
  *out = 0;
  *ok = 0;
  if (type == NULL) return SQLITE_NOMEM;
  if (strcmp(type, "real") == 0 && !locale_reads_point()) {
    *ok = JSON_NUMBER_MISREAD;
  } else if (strcmp(type, "integer") == 0 || strcmp(type, "real") == 0) {
    *out = sqlite3_column_double(row, type_column + 1);
    *ok = 1;
  } else if (strcmp(type, "text") == 0 &&
             text_column_number(row, type_column + 1, out, ok) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  *out += 0.0;   /* -0 is 0 */
  return SQLITE_OK;
}

/* "option KEY must WHAT, got ..." for a json_each row (key, type, atom,
** shown), the element shown as json_shown does. */
static int option_type_error(const char *fn, const char *key, const char *what,
                             sqlite3_stmt *row, const char *value, char **errmsg) {
  char *shown = json_shown(row, 1, value);
  if (shown) *errmsg = error_message(fn, "option %s must %s, got %s", key, what, shown);
  sqlite3_free(shown);
  return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Checks one option of json_each's row (key, type, atom, shown) and keeps it. */
static int take_option(const char *fn, sqlite3_stmt *row, unsigned allowed,
                       Options *options, char **errmsg) {
  const char *key = (const char *)sqlite3_column_text(row, 0);
  const char *type = (const char *)sqlite3_column_text(row, 1);
  const char *value = (const char *)sqlite3_column_text(row, 3);
  const OptionSpec *spec;
  int id;
  if (key == NULL || type == NULL || value == NULL) return SQLITE_NOMEM;
  id = find_option(key);
  if (id < 0 || !(allowed & OPTION_BIT(id))) {
    char *list = allowed_list(allowed);
    if (list == NULL) return SQLITE_NOMEM;
    *errmsg = error_message(fn, "unknown option '%q' (options are: %s)", key, list);
    sqlite3_free(list);
    return SQLITE_ERROR;
  }
  if (options->given & OPTION_BIT(id)) {
    *errmsg = error_message(fn, "option %s is given twice", key);
    return SQLITE_ERROR;
  }
  spec = &option_specs[id];
  options->given |= OPTION_BIT(id);
  switch (spec->kind) {
    case KIND_NUMBER:
    case KIND_INTEGER: {
      int numeric;
      double number;
      if (json_row_number(row, 1, &number, &numeric) != SQLITE_OK) return SQLITE_NOMEM;
      if (numeric == JSON_NUMBER_MISREAD) {
        *errmsg = error_message(fn, "option %s is " JSON_MISREAD_ADVICE ", as {\"%s\":\"0.5\"}",
                                key, key);
        return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
      }
      if (numeric && spec->kind == KIND_INTEGER && number != floor(number)) numeric = 0;
      if (!numeric || !isfinite(number) || number < spec->low || number > spec->high) {
        char *range = range_text(spec->low, spec->high);
        char *what = range ? sqlite3_mprintf("be %s%s", spec->kind == KIND_INTEGER
                                                         ? "a whole number " : "", range)
                           : NULL;
        int rc = what ? option_type_error(fn, key, what, row, value, errmsg) : SQLITE_NOMEM;
        sqlite3_free(range);
        sqlite3_free(what);
        return rc;
      }
      options->number[id] = number;
      return SQLITE_OK;
    }
    case KIND_TABLE:
      if (strcmp(type, "text") != 0 || sqlite3_column_bytes(row, 2) == 0) {
        return option_type_error(fn, key, "name a table", row, value, errmsg);
      }
      break;
    case KIND_NAMES:
      if (strcmp(type, "text") != 0 && strcmp(type, "array") != 0) {
        return option_type_error(fn, key, "be a name, a kind or an array of names", row, value,
                                 errmsg);
      }
      break;
    case KIND_TEXT:
      if (strcmp(type, "text") != 0) {
        return option_type_error(fn, key, "be a string", row, value, errmsg);
      }
      break;
    case KIND_WEIGHTS:
      if (strcmp(type, "text") != 0 && strcmp(type, "object") != 0) {
        return option_type_error(fn, key,
                                 "be a column of companies or an object of names and numbers",
                                 row, value, errmsg);
      }
      break;
  }
  options->text[id] = sqlite3_mprintf("%s", strcmp(type, "text") == 0
                                      ? (const char *)sqlite3_column_text(row, 2) : value);
  return options->text[id] ? SQLITE_OK : SQLITE_NOMEM;
}

/* rc, with *errmsg set from SQLite's message when the failure is not out of
** memory and has none yet (a table named json_each hides SQLite's own). */
static int json_failure(sqlite3 *db, const char *fn, int rc, char **errmsg) {
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && *errmsg == NULL) {
    *errmsg = error_message(fn, "cannot read JSON: %s", sqlite3_errmsg(db));
  }
  return rc;
}

/* Prepares sql with ?1 bound to text; *stmt is ready to step. */
static int prepare_with(sqlite3 *db, const char *sql, const char *text, sqlite3_stmt **stmt) {
  int rc = sqlite3_prepare_v2(db, sql, -1, stmt, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(*stmt, 1, text, -1, SQLITE_STATIC);
  return rc;
}

int json_each_prepare(sqlite3 *db, const char *fn, const char *sql, const char *text,
                      sqlite3_stmt **stmt, char **errmsg) {
  return json_failure(db, fn, prepare_with(db, sql, text, stmt), errmsg);
}

int json_each_finish(sqlite3 *db, const char *fn, sqlite3_stmt *stmt, int rc, int step,
                     char **errmsg) {
  if (rc == SQLITE_OK && step != SQLITE_DONE) rc = json_failure(db, fn, sqlite3_errcode(db), errmsg);
  sqlite3_finalize(stmt);
  return rc;
}

/* Whether JSON text escapes a NUL byte in a string: \u0000, or JSON5's
** \x00 and \0, which SQLite 3.42 and later read. SQLite's JSON functions
** give such a string cut short at the NUL (3.40) or holding it, which C
** reads cut short: "OpenAI\u0000x" would pass for OpenAI. */
static int json_escapes_nul(const char *text) {
  for (; *text; text++) {
    if (*text != '\\') continue;
    if (strncmp(text + 1, "u0000", 5) == 0 || strncmp(text + 1, "x00", 3) == 0 ||
        text[1] == '0') {
      return 1;
    }
    if (text[1] != 0) text++;   /* the escaped character, a backslash included */
  }
  return 0;
}

/* json_type fails on malformed JSON and reports running out of memory, where
** json_valid answers 0 for both. */
int json_is_type(sqlite3 *db, const char *fn, const char *text, const char *type, int *rc,
                 char **errmsg) {
  sqlite3_stmt *stmt = NULL;
  int is = 0, step;
  if (json_escapes_nul(text)) {
    *errmsg = error_message(fn, "JSON text escapes a NUL byte: '%q'", text);
    *rc = *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
    return 0;
  }
  *rc = prepare_with(db, "SELECT json_type(?1) = ?2", text, &stmt);
  if (*rc == SQLITE_OK) *rc = sqlite3_bind_text(stmt, 2, type, -1, SQLITE_STATIC);
  if (*rc == SQLITE_OK) {
    step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) is = sqlite3_column_int(stmt, 0);
    else if (step == SQLITE_ERROR) is = -1;   /* malformed, or nested deeper than SQLite reads */
    else *rc = step;   /* out of memory, interrupted, ... */
  }
  json_failure(db, fn, *rc, errmsg);
  sqlite3_finalize(stmt);
  return is;
}

static int parse_object(sqlite3 *db, const char *fn, const char *text, unsigned allowed,
                        Options *options, char **errmsg) {
  sqlite3_stmt *stmt = NULL;
  int rc, step = SQLITE_DONE, is_object;
  if ((is_object = json_is_type(db, fn, text, "object", &rc, errmsg)) != 1) {
    if (rc != SQLITE_OK) return rc;
    *errmsg = is_object < 0 ? error_message(fn, "options are not valid JSON: '%q'", text)
                            : error_message(fn, "options must be a JSON object, got '%q'", text);
    return *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  rc = json_each_prepare(db, fn, "SELECT key, type, atom, " JSON_SHOWN " FROM json_each(?1)",
                         text, &stmt, errmsg);
  while (rc == SQLITE_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
    rc = take_option(fn, stmt, allowed, options, errmsg);
  }
  rc = json_each_finish(db, fn, stmt, rc, step, errmsg);
  if (rc != SQLITE_OK) options_free(options);
  return rc;
}

static int options_copy(const Options *from, Options *to) {
  int i;
  memset(to, 0, sizeof(*to));
  to->given = from->given;
  memcpy(to->number, from->number, sizeof(to->number));
  for (i = 0; i < OPT_COUNT; i++) {
    if (from->text[i] && (to->text[i] = sqlite3_mprintf("%s", from->text[i])) == NULL) {
      options_free(to);
      return SQLITE_NOMEM;
    }
  }
  return SQLITE_OK;
}

struct OptionsMemo {
  char *text;
  unsigned allowed;
  Options options;
};

void options_memo_free(OptionsMemo *memo) {
  if (memo == NULL) return;
  sqlite3_free(memo->text);
  options_free(&memo->options);
  sqlite3_free(memo);
}

/* Keeps options (parsed from text) as conn's last; out of memory, keeps none. */
static void remember(Connection *conn, const char *text, unsigned allowed,
                     const Options *options) {
  OptionsMemo *memo = sqlite3_malloc64(sizeof(OptionsMemo));
  options_memo_free(conn->options_memo);
  conn->options_memo = NULL;
  if (memo == NULL) return;
  memo->allowed = allowed;
  if ((memo->text = sqlite3_mprintf("%s", text)) == NULL ||
      options_copy(options, &memo->options) != SQLITE_OK) {
    sqlite3_free(memo->text);
    sqlite3_free(memo);
    return;
  }
  conn->options_memo = memo;
}

int options_parse(Connection *conn, const char *fn, sqlite3_value *value,
                  unsigned allowed, Options *options, char **errmsg) {
  const char *text = arg_text(value);
  const OptionsMemo *memo = conn->options_memo;
  int rc;
  memset(options, 0, sizeof(*options));
  if (text == NULL) return SQLITE_OK;
  if (memo && memo->allowed == allowed && strcmp(memo->text, text) == 0) {
    return options_copy(&memo->options, options);
  }
  rc = parse_object(conn->db, fn, text, allowed, options, errmsg);
  if (rc == SQLITE_OK) remember(conn, text, allowed, options);
  return rc;
}

/* Marks the companies of a kind, matched in any case (ASCII letters, as
** flow kinds are); returns whether there was one. */
static int select_kind(const Network *net, const char *kind, unsigned char *member) {
  int i, found = 0;
  for (i = 0; i < net->n_companies; i++) {
    if (sqlite3_stricmp(net->kind[i], kind) == 0) {
      member[i] = 1;
      found = 1;
    }
  }
  return found;
}

static int select_array(sqlite3 *db, const char *fn, const char *what, const char *text,
                        const Network *net, unsigned char *member, char **errmsg) {
  sqlite3_stmt *stmt = NULL;
  int rc, step = SQLITE_DONE;
  if (json_is_type(db, fn, text, "array", &rc, errmsg) != 1) {
    if (rc != SQLITE_OK) return rc;
    *errmsg = error_message(fn, "%s is not a valid JSON array: '%q'", what, text);
    return SQLITE_ERROR;
  }
  rc = json_each_prepare(db, fn, "SELECT type, atom, " JSON_SHOWN " FROM json_each(?1)",
                         text, &stmt, errmsg);
  while (rc == SQLITE_OK && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *type = (const char *)sqlite3_column_text(stmt, 0);
    const char *name = (const char *)sqlite3_column_text(stmt, 1);
    int company;
    if (type == NULL || strcmp(type, "text") != 0) {
      char *shown = json_shown(stmt, 0, (const char *)sqlite3_column_text(stmt, 2));
      if (shown) *errmsg = error_message(fn, "%s must list company names, got %s", what, shown);
      sqlite3_free(shown);
      rc = *errmsg ? SQLITE_ERROR : SQLITE_NOMEM;
    } else if (name == NULL) {
      rc = SQLITE_NOMEM;
    } else if ((company = network_find(net, name)) == NO_COMPANY) {
      *errmsg = error_message(fn, "unknown company '%q' in %s", name, what);
      rc = SQLITE_ERROR;
    } else {
      member[company] = 1;
    }
  }
  return json_each_finish(db, fn, stmt, rc, step, errmsg);
}

int select_companies(sqlite3 *db, const char *fn, const char *what, const char *text,
                     const char *default_kind, const Network *net,
                     unsigned char *member, char **errmsg) {
  const char *start = text;
  int company;
  memset(member, 0, (size_t)net->n_companies);
  if (text == NULL) {
    if (default_kind) select_kind(net, default_kind, member);
    return SQLITE_OK;
  }
  while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r') start++;
  if (*start == '[') return select_array(db, fn, what, text, net, member, errmsg);
  if ((company = network_find(net, text)) != NO_COMPANY) {
    member[company] = 1;
    return SQLITE_OK;
  }
  if (select_kind(net, text, member)) return SQLITE_OK;
  *errmsg = error_message(fn, "%s '%q' is neither a company nor a kind", what, text);
  return SQLITE_ERROR;
}
