/* export-csv.c: the export as RFC 4180 CSV tables, safe to open anywhere. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "export.h"

/*
 * Every query reads ?1 (the sessions), ?2 (--site or NULL) and ?3 (the
 * suppression threshold); see export.h.
 */

/* What an activity's numeric state means (enum act_state). */
#define STATE_NAME(col) "CASE " col " WHEN 0 THEN 'waiting' WHEN 1 THEN " \
    "'open' WHEN 2 THEN 'closed' END"

struct csv_column {
	const char *name;
	const char *about;	/* its line in data-dictionary.csv */
};

/*
 * One exported table.  `sql` returns exactly the columns of `cols`, in
 * order; SQL NULL becomes an empty cell.  The tables carry the fields of
 * the JSON export (DESIGN.md "Export contract"), flattened, and may only
 * grow: a column is never renamed or removed.
 */
struct csv_table {
	const char *name;
	const char *sql;
	const struct csv_column *cols;
	size_t n_cols;
};

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

/*
 * The answers of the exported polls, counted once: per activity and
 * choice, per activity (people or ballots who answered), and the same
 * per site.  Counting with GROUP BY here, rather than a subquery per
 * option row, keeps an export of 100,000 answers to a second or two.
 */
#define POLL_COUNTS							\
    "acts AS (SELECT id, session, idx, key FROM activities WHERE "	\
    "kind = 'poll' AND session " IN_SESSIONS "), "			\
    "ans AS (SELECT x.activity, x.site, x.choice, coalesce("		\
    "x.participant, x.ballot) AS who FROM answers x WHERE x.activity "\
    "IN (SELECT id FROM acts) AND " SITE_OK("x.site") "), "		\
    "cnt AS (SELECT activity, choice, count(*) AS c FROM ans GROUP BY "\
    "activity, choice), "						\
    "who AS (SELECT activity, count(DISTINCT who) AS answered FROM ans "\
    "GROUP BY activity), "						\
    "scnt AS (SELECT activity, site, choice, count(*) AS c FROM ans "	\
    "WHERE site IS NOT NULL GROUP BY activity, site, choice), "		\
    "swho AS (SELECT activity, site, count(DISTINCT who) AS answered "	\
    "FROM ans WHERE site IS NOT NULL GROUP BY activity, site)"

/* Every option of every poll, with 0 where nobody chose it.  `answered`
 * counts people (or ballots), so multi-choice percents may sum past 100.
 * With --site the figures are that site's, withheld under ?3 people. */
static const char sql_results[] = "WITH " POLL_COUNTS ", r AS (SELECT "
    "a.session, a.idx, a.key, o.n, o.label, coalesce(cnt.c, 0) AS c, "
    "coalesce(who.answered, 0) AS answered FROM acts a JOIN options o ON "
    "o.activity = a.id LEFT JOIN cnt ON cnt.activity = a.id AND "
    "cnt.choice = o.n LEFT JOIN who ON who.activity = a.id), q AS "
    "(SELECT *, ?2 IS NOT NULL AND answered < ?3 AS hush FROM r) SELECT "
    "session, key, n, label, CASE WHEN NOT hush THEN c END, CASE WHEN "
    "answered > 0 AND NOT hush THEN printf('%.1f', 100.0 * c / answered) "
    "END, CASE WHEN hush THEN 'true' ELSE 'false' END FROM q ORDER BY "
    "session, idx, n";

/* The same per site: a site where fewer than ?3 answered is listed once
 * per option as suppressed, with no figures. */
static const char sql_site_results[] = "WITH " POLL_COUNTS " SELECT "
    "a.session, a.key, si.name, o.n, o.label, CASE WHEN w.answered >= ?3 "
    "THEN coalesce(c.c, 0) END, CASE WHEN w.answered >= ?3 THEN "
    "printf('%.1f', 100.0 * coalesce(c.c, 0) / w.answered) END, CASE WHEN "
    "w.answered >= ?3 THEN w.answered END, CASE WHEN w.answered < ?3 THEN "
    "'true' ELSE 'false' END FROM swho w JOIN acts a ON a.id = w.activity "
    "JOIN sites si ON si.id = w.site JOIN options o ON o.activity = a.id "
    "LEFT JOIN scnt c ON c.activity = a.id AND c.site = w.site AND "
    "c.choice = o.n ORDER BY a.session, a.idx, si.name, o.n";

static const char sql_seats[] = "SELECT a.session, a.key, t.round, "
    "t.tbl, t.participant, t.host FROM seats t JOIN activities a ON a.id = "
    "t.activity JOIN participants p ON p.id = t.participant WHERE "
    "a.session " IN_SESSIONS " AND " SITE_OK("p.site") " ORDER BY "
    "a.session, a.idx, "
    "t.round, t.tbl, t.host DESC, t.participant";

static const char sql_notes[] = "SELECT a.session, a.key, n.id, n.round, "
    "n.tbl, n.grp, n.participant, p.name, n.text, CASE WHEN n.theme THEN "
    "'true' ELSE 'false' END, n.at FROM notes n JOIN activities a ON a.id "
    "= n.activity LEFT JOIN participants p ON p.id = n.participant WHERE "
    "a.session " IN_SESSIONS " AND (?2 IS NULL OR " SITE_OK("p.site") ") "
    "ORDER BY a.session, a.idx, n.round, n.tbl, n.grp, n.id";

/* What each breakout group committed to test.  With --site: the groups
 * with a member from that site, or named after it. */
#define GROUP_OK(g) "(?2 IS NULL OR " g ".name = ?2 OR EXISTS (SELECT 1 " \
    "FROM members m JOIN participants p ON p.id = m.participant WHERE " \
    "m.activity = " g ".activity AND m.grp = " g ".grp AND " \
    SITE_OK("p.site") "))"

static const char sql_commitments[] = "SELECT a.session, a.key, g.grp, "
    "g.name, g.change, g.owner, g.due, g.measure, g.updated FROM groups g "
    "JOIN activities a ON a.id = g.activity WHERE a.session " IN_SESSIONS
    " AND " GROUP_OK("g") " ORDER BY a.session, a.idx, g.grp";

/*
 * Subscale scores (SCORE_ROWS_ALL in export.h), over all sites first,
 * then per site, withheld for fewer than ?3 people unless the form was
 * answered once per site (SCORE_SHOWN).  A database from before forms were stored (no
 * form_items) gives the columns and no rows.
 */
static const char sql_scores[] = "SELECT session, key, site, subscale, "
    "CASE WHEN " SCORE_SHOWN " THEN printf('%.2f', mean) END, CASE WHEN "
    SCORE_SHOWN " THEN printf('%.2f', sd) END, CASE WHEN " SCORE_SHOWN
    " THEN n END, CASE WHEN " SCORE_SHOWN " THEN 'false' ELSE 'true' END, "
    "CASE WHEN by_site THEN 'site' ELSE 'person' END, CASE WHEN every THEN "
    "'true' ELSE 'false' END FROM " SCORE_ROWS_ALL " ORDER BY session, idx, "
    "every DESC, site IS NULL, site, subscale";
static const char sql_no_scores[] = "SELECT NULL, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL WHERE 0";

static const struct csv_column cols_sessions[] = {
	{ "id", "session number, unique in this database" },
	{ "title", "the plan's title" },
	{ "collaborative", "the collaborative the session belongs to" },
	{ "started", "when the session started (ISO-8601, UTC)" },
	{ "ended", "when it ended (ISO-8601, UTC); empty if it did not end" },
	{ "source", "the database file it came from; with --merge, every "
	    "file that held it, separated by \"; \"" },
};

static const struct csv_column cols_participants[] = {
	{ "session", "session id (sessions.id)" },
	{ "id", "participant number, unique in this database" },
	{ "name", "the name the participant gave" },
	{ "site", "their site (hospital, team or organisation)" },
	{ "role", "their role, if recorded" },
};

static const struct csv_column cols_activities[] = {
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

static const struct csv_column cols_answers[] = {
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

static const struct csv_column cols_results[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "activity id (activities.id); polls with options" },
	{ "option", "option number, counting from 1 (answers.choice)" },
	{ "label", "the option's text" },
	{ "count", "how many chose it (0 included)" },
	{ "percent", "count as a percent of those who answered, one decimal; "
	    "empty when nobody answered" },
	{ "suppressed", "true when --site chose a site where fewer than "
	    "--min-group answered: count and percent are withheld" },
};

static const struct csv_column cols_site_results[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "activity id (activities.id); polls with options" },
	{ "site", "the site" },
	{ "option", "option number, counting from 1 (answers.choice)" },
	{ "label", "the option's text" },
	{ "count", "how many of the site chose it; empty when suppressed" },
	{ "percent", "count as a percent of the site's answerers, one "
	    "decimal; empty when suppressed" },
	{ "answered", "how many of the site answered; empty when suppressed" },
	{ "suppressed", "true when fewer than --min-group (default 5) of the "
	    "site answered: no figures are given" },
};

static const struct csv_column cols_commitments[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "breakout activity id (activities.id)" },
	{ "group", "group number, counting from 1 (notes.group)" },
	{ "name", "the group's name (often its site)" },
	{ "change", "the change the group will test" },
	{ "owner", "who will test it" },
	{ "due", "by when" },
	{ "measure", "how they will know it is an improvement" },
	{ "updated", "when the commitment was last changed (ISO-8601, UTC)" },
};

static const struct csv_column cols_scores[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "assess or feedback activity id (activities.id)" },
	{ "site", "the site; empty for people without one, and in the "
	    "all_sites row" },
	{ "subscale", "the form's subscale (convene-plan(5), SCORING)" },
	{ "mean", "mean of the responses' subscale scores (each the mean of "
	    "the items answered, reverse items turned), two decimals" },
	{ "sd", "their sample standard deviation (0 for one response)" },
	{ "n", "how many responses have a score: people, or 1 when the "
	    "form was answered once per site (see by)" },
	{ "suppressed", "true when n is under --min-group: no figures (never "
	    "for a form answered once per site)" },
	{ "by", "person: each person's answers scored on their own; site: "
	    "the form was answered once per site (by = site in the plan), "
	    "the site's answers taken together, the latest to each question "
	    "counting, as one response" },
	{ "all_sites", "true for the row over every site together (site "
	    "empty), first for each activity and subscale; false for a site's "
	    "own row" },
};

static const struct csv_column cols_seats[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "café activity id (activities.id)" },
	{ "round", "café round, counting from 1" },
	{ "table", "table number, counting from 1" },
	{ "participant", "participant id (participants.id)" },
	{ "host", "1 if this person hosted the table that round, else 0" },
};

static const struct csv_column cols_notes[] = {
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

#define TABLE(n, c) { #n, sql_##n, c, sizeof c / sizeof c[0] }

static const struct csv_table tables[] = {
	TABLE(sessions, cols_sessions),
	TABLE(participants, cols_participants),
	TABLE(activities, cols_activities),
	TABLE(answers, cols_answers),
	TABLE(results, cols_results),
	TABLE(seats, cols_seats),
	TABLE(notes, cols_notes),
	TABLE(site_results, cols_site_results),
	TABLE(commitments, cols_commitments),
	TABLE(scores, cols_scores),
};

#define N_TABLES (sizeof tables / sizeof tables[0])
#define DICTIONARY "data-dictionary"

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
header(FILE *f, const struct csv_column *cols, size_t n)
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
    const struct csv_table *t, const char *ids, FILE *f, char *err,
    size_t errlen)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, t->sql == sql_scores && !export_has_scores(st) ?
	    sql_no_scores : t->sql);
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
write_dictionary(FILE *f)
{
	static const struct csv_column cols[] = {
		{ "table", NULL }, { "column", NULL }, { "description", NULL },
	};

	header(f, cols, 3);
	for (size_t t = 0; t < N_TABLES; t++)
		for (size_t i = 0; i < tables[t].n_cols; i++) {
			csv_cell(f, tables[t].name);
			putc(',', f);
			csv_cell(f, tables[t].cols[i].name);
			putc(',', f);
			csv_cell(f, tables[t].cols[i].about);
			fputs("\r\n", f);
		}
}

/* Write table `t` (NULL: the dictionary) to one stream. */
static int
write_one(struct store *st, const struct export_job *j,
    const struct csv_table *t, const char *ids, FILE *f, char *err,
    size_t errlen)
{
	if (t != NULL)
		return write_table(st, j, t, ids, f, err, errlen);
	write_dictionary(f);
	return EXIT_OK;
}

/* Every table, and the dictionary, as DIR/NAME.csv. */
static int
write_dir(struct store *st, const struct export_job *j, const char *dir,
    const char *ids, char *err, size_t errlen)
{
	char path[4096];

	if (util_mkdir_p(dir, 0777) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return EXIT_BADINPUT;
	}
	for (size_t i = 0; i <= N_TABLES; i++) {
		const struct csv_table *t = i < N_TABLES ? &tables[i] : NULL;
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
		    (int)N_TABLES + 1);
		rc = write_one(st, j, t, ids, f, err, errlen);
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
	char names[256];
	size_t used = 0;

	if (f == NULL)
		return write_dir(st, j, o->out, ids, err, errlen);
	if (strcmp(name, DICTIONARY) == 0)
		return write_one(st, j, NULL, ids, f, err, errlen);
	for (size_t i = 0; i < N_TABLES; i++)
		if (strcmp(tables[i].name, name) == 0)
			return write_one(st, j, &tables[i], ids, f, err,
			    errlen);
	for (size_t i = 0; i < N_TABLES && used < sizeof names; i++)
		used += (size_t)snprintf(names + used, sizeof names - used,
		    "%s, ", tables[i].name);
	snprintf(err, errlen, "unknown table \"%s\" (expected %s"
	    DICTIONARY ")", name, names);
	return EXIT_USAGE;
}

const struct export_writer export_csv = {
	.name = "csv",
	.write = write_csv,
	.multi = 1,
};
