/*
** args.h: the arguments the SQL functions share, checked.
**
** A percentage or number given as INTEGER, REAL or numeric TEXT (Datasette
** passes '30'); a set of companies given as a name, a kind or a JSON array
** of names; the JSON options object. Every check fails with a message that
** names the function and quotes the bad value.
*/
#ifndef AIBUBBLE_ARGS_H
#define AIBUBBLE_ARGS_H

#include "connection.h"

enum OptionId {
  OPT_COMPANIES, OPT_FLOWS, OPT_CLAIMS,     /* input table names */
  OPT_RECOVERY, OPT_PASSTHROUGH, OPT_FAIL, OPT_MAX_ROUNDS,
  OPT_METHOD, OPT_WEIGHTS, OPT_ALPHA, OPT_BETA,   /* debtrank, clearing */
  OPT_COUNT
};
#define OPTION_BIT(id) (1u << (id))
#define OPTIONS_TABLES (OPTION_BIT(OPT_COMPANIES) | OPTION_BIT(OPT_FLOWS) | OPTION_BIT(OPT_CLAIMS))
/* The contagion models read companies and claims only. */
#define OPTIONS_CLAIM_TABLES (OPTION_BIT(OPT_COMPANIES) | OPTION_BIT(OPT_CLAIMS))
#define OPTIONS_CASCADE (OPTIONS_TABLES | OPTION_BIT(OPT_RECOVERY) | \
  OPTION_BIT(OPT_PASSTHROUGH) | OPTION_BIT(OPT_FAIL) | OPTION_BIT(OPT_MAX_ROUNDS))

typedef struct Options {
  unsigned given;               /* OPTION_BIT of each option present */
  double number[OPT_COUNT];     /* numeric options */
  char *text[OPT_COUNT];        /* text options; fail as a name or JSON array */
} Options;

/* The decimal number a TEXT value or a TEXT column of a row holds (with
** the blanks SQLite allows around it: space, tab, line breaks), read as
** CAST(text AS REAL) reads it, so '30.1' gives the same double as 30.1, in
** any C locale; 0 with *ok = 0 for anything else: hex, inf, nan, a NUL
** inside, text of which SQLite would read only a prefix ('1e').
** SQLITE_NOMEM or SQLITE_OK. */
int text_value_number(sqlite3_value *value, double *out, int *ok);
int text_column_number(sqlite3_stmt *stmt, int column, double *out, int *ok);

/* x as a message shows it: 15 significant digits, or 17 when 15 would
** read back as another number (100.00000000000001, not 100). */
char *number_text(double x);

/* For json_each rows: a JSON element as a message shows it (a string
** quoted as SQL quotes it, '0.5'; null as null; anything else as JSON),
** given the row's type and atom columns. */
#define JSON_SHOWN "CASE type WHEN 'text' THEN quote(atom) WHEN 'null' THEN 'null'" \
                   " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE value END"
/* A json_each row's element (type in column type_column, atom in the next)
** as a message shows it: a number whose atom is a REAL (a JSON real, or an
** integer past 64 bits) as number_text does; anything else as shown
** (JSON_SHOWN). */
char *json_shown(sqlite3_stmt *row, int type_column, const char *shown);
/* The number of a json_each row (type in column type_column, atom in the
** next): a JSON number, or a string that holds one, as a Datasette
** parameter passed through json_object does (-0 as 0); *ok = 0 if neither, and
** JSON_NUMBER_MISREAD for a JSON real when this thread's C locale makes
** SQLite misread it (Debian's SQLite reads JSON numbers with strtod, which
** a locale with a decimal comma stops at the point: 0.5 arrives as 0).
** SQLITE_NOMEM or SQLITE_OK. */
#define JSON_NUMBER_MISREAD (-1)
#define JSON_MISREAD_ADVICE "a JSON number, which SQLite misreads in this program's C locale " \
                            "(its decimal point is not '.'): give it as a string"
int json_row_number(sqlite3_stmt *row, int type_column, double *out, int *ok);

/* A number in [low, high] from an INTEGER, REAL or numeric TEXT value. */
int arg_number(const char *fn, const char *what, sqlite3_value *value,
               double low, double high, double *out, char **errmsg);

/* Parses a JSON object of options (NULL value: none), accepting only the
** options in allowed. Free with options_free. The connection keeps the
** last options parsed without error: a function called on every row with
** the same options parses them once (a parse runs two statements of
** SQLite's JSON functions, some 28 us). */
int options_parse(Connection *conn, const char *fn, sqlite3_value *value,
                  unsigned allowed, Options *options, char **errmsg);
void options_free(Options *options);
void options_memo_free(OptionsMemo *memo);
double option_number(const Options *options, int id, double fallback);
void options_tables(const Options *options, TableNames *names);

/* Marks in member[] (n_companies bytes) the companies a selection names:
** NULL text selects every company of default_kind (none when that is NULL);
** else a JSON array of names, a company's name, or a kind. */
int select_companies(sqlite3 *db, const char *fn, const char *what, const char *text,
                     const char *default_kind, const Network *net,
                     unsigned char *member, char **errmsg);

/* 1 when text is a JSON value of json_type type; 0 when of another; -1
** when it is not JSON (or nested deeper than SQLite's JSON reads).
** *rc is set to SQLITE_NOMEM when SQLite runs out of memory, or to SQLite's
** error, with *errmsg, when it cannot ask (fn names the caller), or to
** SQLITE_ERROR, with *errmsg, when text escapes a NUL byte (\u0000): SQLite's
** JSON functions would cut that string short. */
int json_is_type(sqlite3 *db, const char *fn, const char *text, const char *type, int *rc,
                 char **errmsg);
/* Prepares sql, a read of json_each(?1), with text bound; a failure other
** than out of memory sets *errmsg from SQLite's message. */
int json_each_prepare(sqlite3 *db, const char *fn, const char *sql, const char *text,
                      sqlite3_stmt **stmt, char **errmsg);
/* Ends a loop of sqlite3_step over such a statement (step: its last
** result; rc: the loop's own): finalizes it, and returns rc, or the step's
** error with *errmsg set as above. */
int json_each_finish(sqlite3 *db, const char *fn, sqlite3_stmt *stmt, int rc, int step,
                     char **errmsg);

/* The text of a value for a selection: NULL for SQL NULL; numbers as text. */
const char *arg_text(sqlite3_value *value);
/* SQLITE_ERROR with *errmsg when a TEXT (or BLOB) argument has a NUL byte inside
** (C would read only the part before it: 'OpenAI\0x' as OpenAI), naming
** the argument by its position from 1; else SQLITE_OK. */
int args_without_nul(const char *fn, int argc, sqlite3_value **argv, char **errmsg);

#endif
