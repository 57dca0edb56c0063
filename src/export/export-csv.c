/* export-csv.c: the export as RFC 4180 CSV tables, safe to open anywhere. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"

/*
 * Every query reads ?1 (the sessions), ?2 (--site or NULL) and ?3 (the
 * suppression threshold); see export.h.
 */

/* What an activity's numeric state means (enum act_state). */
#define STATE_NAME(col) "CASE " col " WHEN 0 THEN 'waiting' WHEN 1 THEN " \
    "'open' WHEN 2 THEN 'closed' END"

/*
 * The tables: these, which every kind's activities have, and those of
 * each kind (kind-export.h), in the order of their `order`.  They carry
 * the fields of the JSON export (DESIGN.md "Export contract"),
 * flattened; SQL NULL becomes an empty cell.
 */
static const char sql_sessions[] = "SELECT id, title, collaborative, "
    "started, ended, " SOURCE_OF("id") " FROM sessions WHERE id "
    IN_SESSIONS " ORDER BY id";

static const char sql_participants[] = "SELECT p.session, p.id, p.name, "
    "si.name, p.role FROM participants p LEFT JOIN sites si ON si.id = "
    "p.site WHERE p.session " IN_SESSIONS " AND " SITE_OK("p.site")
    " ORDER BY p.session, p.id";

static const char sql_activities[] = "SELECT session, key, idx + 1, kind, "
    "type, title, question, CASE WHEN anonymous THEN 'true' ELSE 'false' "
    "END, " STATE_NAME("state") ", opened, closed FROM activities WHERE "
    "session " IN_SESSIONS " ORDER BY session, idx";

/*
 * Answers to an anonymous activity have no participant, their time only
 * to the minute, and are listed by what was answered rather than by row
 * id, so neither order nor time says who answered.  Their site is given
 * only when at least ?3 people of that site answered the activity: a
 * site of one would name its person.  The masking repeats what the
 * store already does, so an export stays safe even if a row was written
 * some other way.
 */
#define ANON_SITE(a, n, name) "CASE WHEN NOT " a ".anonymous OR (SELECT " \
    "count(DISTINCT coalesce(y.participant, y.ballot)) FROM answers y " \
    "WHERE y.activity = " n ".activity AND y.site = " n ".site) >= ?3 " \
    "THEN " name " END"

static const char sql_answers[] = "SELECT a.session, a.key, CASE WHEN "
    "a.anonymous THEN NULL ELSE n.participant END, "
    ANON_SITE("a", "n", "si.name") ", n.item, "
    "n.choice, n.value, CASE WHEN a.anonymous THEN "
    "strftime('%Y-%m-%dT%H:%M:00Z', n.at) ELSE n.at END, CASE WHEN "
    "n.hidden THEN 'true' ELSE 'false' END FROM answers n "
    "JOIN activities a ON a.id = n.activity LEFT JOIN sites si ON si.id = "
    "n.site WHERE a.session " IN_SESSIONS " AND " SITE_OK("n.site")
    " ORDER BY a.session, a.idx, "
    "CASE WHEN a.anonymous THEN 0 ELSE n.id END, n.item, n.choice, "
    "n.value, si.name, n.at";

static const char sql_notes[] = "SELECT a.session, a.key, n.id, n.round, "
    "n.tbl, n.grp, n.participant, p.name, n.text, CASE WHEN n.theme THEN "
    "'true' ELSE 'false' END, n.at FROM notes n JOIN activities a ON a.id "
    "= n.activity LEFT JOIN participants p ON p.id = n.participant WHERE "
    "a.session " IN_SESSIONS " AND (?2 IS NULL OR " SITE_OK("p.site") ") "
    "ORDER BY a.session, a.idx, n.round, n.tbl, n.grp, n.id";

static const struct export_column cols_sessions[] = {
	{ "id", "session number, unique in this database" },
	{ "title", "the plan's title" },
	{ "collaborative", "the collaborative the session belongs to" },
	{ "started", "when the session started (ISO-8601, UTC)" },
	{ "ended", "when it ended (ISO-8601, UTC); empty if it did not end" },
	{ "source", "the database file it came from; with --merge, every "
	    "file that held it, separated by \"; \"" },
};

static const struct export_column cols_participants[] = {
	{ "session", "session id (sessions.id)" },
	{ "id", "participant number, unique in this database" },
	{ "name", "the name the participant gave" },
	{ "site", "their site (hospital, team or organisation)" },
	{ "role", "their role, if recorded" },
};

static const struct export_column cols_activities[] = {
	{ "session", "session id (sessions.id)" },
	{ "id", "the activity's id in the plan, unique within a session" },
	{ "index", "its place in the agenda, counting from 1" },
	{ "kind", "poll, cafe, assess, breakout or feedback" },
	{ "type", "poll type: single, multi, scale, text or rank" },
	{ "title", "short agenda label" },
	{ "question", "the question or prompt" },
	{ "anonymous", "true if answers were collected without names" },
	{ "state", "waiting, open or closed when exported" },
	{ "opened", "when it first opened (ISO-8601, UTC)" },
	{ "closed", "when it last closed (ISO-8601, UTC)" },
};

static const struct export_column cols_answers[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "activity id (activities.id)" },
	{ "participant", "participant id (participants.id); empty when the "
	    "activity is anonymous" },
	{ "site", "the site of whoever answered; for an anonymous activity, "
	    "empty where fewer than --min-group people of that site answered "
	    "it" },
	{ "item", "the form item answered; empty for a single question; "
	    "_submitted marks a submitted form" },
	{ "choice", "the option chosen, counting from 1 (results.option); "
	    "empty for free text" },
	{ "value", "the answer as text (the option's label for a choice); "
	    "empty where someone cleared a question of a form answered once "
	    "per site" },
	{ "at", "when it was last changed (ISO-8601, UTC); to the minute "
	    "for anonymous activities" },
	{ "hidden", "true if the facilitator hid it from shared screens" },
};

static const struct export_column cols_notes[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "activity id (activities.id)" },
	{ "id", "line number, unique in this database" },
	{ "round", "café round, counting from 1; empty outside a café" },
	{ "table", "café table, counting from 1; empty outside a café" },
	{ "group", "breakout group, counting from 1; empty outside one" },
	{ "participant", "who wrote the line (participants.id)" },
	{ "author", "their name" },
	{ "text", "the line as written" },
	{ "theme", "true if the facilitator marked it as a theme" },
	{ "at", "when it was written or last changed (ISO-8601, UTC)" },
};

#define TABLE(o, n, c) { o, #n, sql_##n, NULL, NULL, c, EXPORT_COUNT(c) }

static const struct export_table shared[] = {
	TABLE(10, sessions, cols_sessions),
	TABLE(20, participants, cols_participants),
	TABLE(30, activities, cols_activities),
	TABLE(40, answers, cols_answers),
	TABLE(70, notes, cols_notes),
};

#define MAX_TABLES 32
#define DICTIONARY "data-dictionary"

/*
 * Every table, shared and the kinds' (and the measures' when the export
 * has some), in order; returns how many.  With a store, a kind's table
 * that needs a table of its own and has no stand-in for a database
 * without it (sql_old NULL) is left out unless that table has rows: a
 * kind added later leaves the export of a database without its data as
 * it was.
 */
static size_t
all_tables(struct store *st, const struct export_table **t, int measures)
{
	size_t n = 0;

	for (size_t i = 0; i < EXPORT_COUNT(shared); i++)
		t[n++] = &shared[i];
	for (size_t i = 0; measures && i < 2; i++)
		t[n++] = export_measures_table((int)i);
	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_export *x = export_kind(k);

		for (size_t i = 0; x != NULL && i < x->n_tables &&
		    n < MAX_TABLES; i++)
			if (st == NULL || x->tables[i].needs == NULL ||
			    x->tables[i].sql_old != NULL ||
			    export_has_rows(st, x->tables[i].needs))
				t[n++] = &x->tables[i];
	}
	/* Insertion sort, stable: a handful of tables. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && t[k - 1]->order > t[k]->order;
		    k--) {
			const struct export_table *swap = t[k];

			t[k] = t[k - 1];
			t[k - 1] = swap;
		}
	return n;
}

/* "-1", "3.5": numbers a spreadsheet reads as numbers, not formulas. */
static int
plain_number(const char *s)
{
	int digits = 0;

	if (*s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.' && digits > 0)
		for (s++, digits = 0; *s >= '0' && *s <= '9'; s++)
			digits++;
	return *s == '\0' && digits > 0;
}

/*
 * One cell.  Quoted when it holds a comma, quote or line break, with
 * quotes doubled (RFC 4180).  A cell a spreadsheet would run as a formula
 * (=, +, -, @, tab or CR first) gets a leading apostrophe so it shows as
 * text; plain negative numbers are left alone so scales stay numeric.
 * Bytes are otherwise copied as they are: the store holds UTF-8.
 */
void
csv_cell(FILE *f, const char *s)
{
	int quote, guard;

	if (s == NULL)
		return;
	guard = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL &&
	    !plain_number(s);
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		putc('"', f);
	if (guard)
		putc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	if (quote)
		putc('"', f);
}

static void
header(FILE *f, const struct export_column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			putc(',', f);
		csv_cell(f, cols[i].name);
	}
	fputs("\r\n", f);
}

static int
write_table(struct store *st, const struct export_job *j,
    const struct export_table *t, const char *ids, FILE *f, char *err,
    size_t errlen)
{
	const char *sql = t->needs != NULL && !export_has_table(st,
	    t->needs) ? t->sql_old : t->sql;
	sqlite3_stmt *s;
	int rc;

	if (sql == NULL) {
		/* Asked for by name from a database before its kind. */
		header(f, t->cols, t->n_cols);
		return EXIT_OK;
	}
	s = store_stmt(st, sql);
	if (s == NULL) {
		snprintf(err, errlen, "%s: %s", t->name, store_error(st));
		return EXIT_UNREACHABLE;
	}
	/* Not every table reads every parameter: binding one a statement
	 * lacks is a harmless SQLITE_RANGE. */
	sqlite3_bind_text(s, 1, ids, -1, SQLITE_STATIC);
	if (j->site != NULL)
		sqlite3_bind_text(s, 2, j->site, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, j->min_group);
	header(f, t->cols, t->n_cols);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (size_t i = 0; i < t->n_cols; i++) {
			if (i > 0)
				putc(',', f);
			csv_cell(f, (const char *)sqlite3_column_text(s,
			    (int)i));
		}
		fputs("\r\n", f);
	}
	if (rc != SQLITE_DONE) {
		store_fail(st, t->name);
		snprintf(err, errlen, "%s", store_error(st));
		sqlite3_reset(s);
		return EXIT_UNREACHABLE;
	}
	sqlite3_reset(s);
	return EXIT_OK;
}

/* data-dictionary.csv: one line per column of every table. */
static void
write_dictionary(struct store *st, FILE *f, int measures)
{
	const struct export_table *tables[MAX_TABLES];
	size_t n = all_tables(st, tables, measures);
	static const struct export_column cols[] = {
		{ "table", NULL }, { "column", NULL }, { "description", NULL },
	};

	header(f, cols, 3);
	for (size_t t = 0; t < n; t++)
		for (size_t i = 0; i < tables[t]->n_cols; i++) {
			csv_cell(f, tables[t]->name);
			putc(',', f);
			csv_cell(f, tables[t]->cols[i].name);
			putc(',', f);
			csv_cell(f, tables[t]->cols[i].about);
			fputs("\r\n", f);
		}
}

/* Write table `t` (NULL: the dictionary) to one stream. */
static int
write_one(struct store *st, const struct export_job *j,
    const struct export_table *t, const char *ids, FILE *f, int measures,
    char *err, size_t errlen)
{
	if (t != NULL)
		return write_table(st, j, t, ids, f, err, errlen);
	write_dictionary(st, f, measures);
	return EXIT_OK;
}

/* Every table, and the dictionary, as DIR/NAME.csv. */
static int
write_dir(struct store *st, const struct export_job *j, const char *dir,
    const char *ids, int measures, char *err, size_t errlen)
{
	const struct export_table *tables[MAX_TABLES];
	size_t n_tables = all_tables(st, tables, measures);
	char path[4096];

	if (util_mkdir_p(dir, 0777) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return EXIT_BADINPUT;
	}
	for (size_t i = 0; i <= n_tables; i++) {
		const struct export_table *t = i < n_tables ? tables[i] : NULL;
		FILE *f;
		int rc, n, bad;

		n = snprintf(path, sizeof path, "%s/%s.csv", dir,
		    t ? t->name : DICTIONARY);
		if (n < 0 || (size_t)n >= sizeof path) {
			snprintf(err, errlen, "%s: path too long", dir);
			return EXIT_BADINPUT;
		}
		if ((f = fopen(path, "w")) == NULL) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return EXIT_BADINPUT;
		}
		export_progress(j, t ? t->name : DICTIONARY, (int)i + 1,
		    (int)n_tables + 1);
		rc = write_one(st, j, t, ids, f, measures, err, errlen);
		bad = ferror(f);
		if ((fclose(f) != 0 || bad) && rc == EXIT_OK) {
			snprintf(err, errlen, "%s: write failed", path);
			rc = EXIT_BADINPUT;
		}
		if (rc != EXIT_OK)
			return rc;
	}
	return EXIT_OK;
}

static int
write_csv(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	const struct export_job *j = export_job(o);
	const char *name = o->table != NULL ? o->table : "answers";
	const struct export_table *tables[MAX_TABLES];
	/* measures.csv and signals.csv are there when the export has
	 * measures, and always by name (--table). */
	int measures = export_measures_load(st, j, ids, err, errlen);
	size_t n_tables = all_tables(NULL, tables, 1);
	char names[512];
	size_t used = 0;

	if (measures < 0)
		return EXIT_UNREACHABLE;
	if (f == NULL)
		return write_dir(st, j, o->out, ids, measures > 0, err,
		    errlen);
	if (strcmp(name, DICTIONARY) == 0)
		return write_one(st, j, NULL, ids, f, measures > 0, err,
		    errlen);
	for (size_t i = 0; i < n_tables; i++)
		if (strcmp(tables[i]->name, name) == 0)
			return write_one(st, j, tables[i], ids, f,
			    measures > 0, err, errlen);
	for (size_t i = 0; i < n_tables && used < sizeof names; i++)
		used += (size_t)snprintf(names + used, sizeof names - used,
		    "%s, ", tables[i]->name);
	snprintf(err, errlen, "unknown table \"%s\" (expected %s"
	    DICTIONARY ")", name, names);
	return EXIT_USAGE;
}

const struct export_writer export_csv = {
	.name = "csv",
	.write = write_csv,
	.multi = 1,
};
