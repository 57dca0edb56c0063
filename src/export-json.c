/* export-json.c: the export as one JSON document, built by SQLite. */
#include <stdio.h>

#include "store.h"

/*
 * The whole document is one query: every object and array comes from
 * SQLite's json_object() and json_group_array(), so quoting and escaping
 * are SQLite's, never ours.  The shape is DESIGN.md "Export contract"
 * (format 1); fields may be added, never renamed or removed.
 *
 * Arrays keep their order because each json_group_array() reads an
 * ordered subquery (SQLite does not flatten a subquery with ORDER BY
 * into an aggregate).  Values that are already JSON pass through json()
 * where they are used, since the JSON subtype does not survive a
 * subquery column.
 *
 * Anonymous activities: every answer's participant is null, its time is
 * cut to the minute, and answers are listed by what they say rather than
 * by row id, so nothing orders or times them back to a person.  The
 * ballot column is only ever counted (for "answered"), never output.
 * (ORDER BY in a subquery cannot name an outer column, hence `arrival`.)
 */
#define STATE_NAME(col) "CASE " col " WHEN 0 THEN 'waiting' WHEN 1 THEN " \
    "'open' WHEN 2 THEN 'closed' END"
#define BOOL(expr) "json(CASE WHEN " expr " THEN 'true' ELSE 'false' END)"

#define PARTICIPANTS							\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'id', p.id, 'name', p.name, 'site', si.name, 'role', p.role) AS j "\
    "FROM participants p LEFT JOIN sites si ON si.id = p.site "	\
    "WHERE p.session = s.id ORDER BY p.id))"

#define ANSWERS								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'participant', CASE WHEN a.anonymous THEN NULL ELSE "		\
    "n.participant END, 'site', si.name, 'item', n.item, "		\
    "'choice', n.choice, 'value', n.value, 'at', CASE WHEN "		\
    "a.anonymous THEN strftime('%Y-%m-%dT%H:%M:00Z', n.at) ELSE n.at "\
    "END) AS j, CASE WHEN a.anonymous THEN 0 ELSE n.id END AS arrival "\
    "FROM answers n LEFT JOIN sites si ON si.id = n.site "		\
    "WHERE n.activity = a.id ORDER BY arrival, n.item, n.choice, "	\
    "n.value, si.name, n.at))"

/* Polls: every option with its count (0 included) and how many people
 * (or ballots) answered; a ranking adds each option's mean rank and
 * Borda points (k - rank for k options); a scale adds the mean value.
 * Other kinds: {} until they have results of their own. */
#define RESULTS								\
    "json(CASE WHEN a.kind = 'poll' THEN json_object('type', a.type, "\
    "'options', (SELECT json_group_array(json(j)) FROM (SELECT "	\
    "json_object('n', o.n, 'label', o.label, 'count', (SELECT "	\
    "count(*) FROM answers x WHERE x.activity = a.id AND x.choice = "	\
    "o.n), 'mean_rank', CASE WHEN a.type = 'rank' THEN (SELECT "	\
    "avg(CAST(x.value AS REAL)) FROM answers x WHERE x.activity = "	\
    "a.id AND x.choice = o.n) END, 'borda', CASE WHEN a.type = 'rank' "\
    "THEN (SELECT total((SELECT count(*) FROM options k WHERE "	\
    "k.activity = a.id) - CAST(x.value AS INTEGER)) FROM answers x "	\
    "WHERE x.activity = a.id AND x.choice = o.n) END) AS j "		\
    "FROM options o WHERE o.activity = a.id ORDER BY o.n)), "		\
    "'mean', CASE WHEN a.type = 'scale' THEN (SELECT "			\
    "avg(CAST(x.value AS REAL)) FROM answers x WHERE x.activity = "	\
    "a.id) END, "							\
    "'answered', (SELECT count(DISTINCT coalesce(x.participant, "	\
    "x.ballot)) FROM answers x WHERE x.activity = a.id)) ELSE '{}' END)"

/* Café seats: who sat at which table in which round, hosts marked. */
#define SEATS								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'round', t.round, 'table', t.tbl, 'participant', t.participant, "\
    "'host', json(CASE WHEN t.host THEN 'true' ELSE 'false' END)) AS j "\
    "FROM seats t WHERE t.activity = a.id ORDER BY t.round, t.tbl, "	\
    "t.host DESC, t.participant))"

/* Shared notes, one line each, with author and time. */
#define NOTES								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'table', n.tbl, 'group', n.grp, 'round', n.round, 'participant', "\
    "n.participant, 'text', n.text, 'theme', json(CASE WHEN n.theme "	\
    "THEN 'true' ELSE 'false' END), 'at', n.at) AS j FROM notes n "	\
    "WHERE n.activity = a.id ORDER BY n.round, n.tbl, n.grp, n.id))"

#define ACTIVITIES							\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'id', a.key, 'index', a.idx + 1, 'kind', a.kind, "		\
    "'title', a.title, 'anonymous', " BOOL("a.anonymous") ", "		\
    "'question', a.question, 'type', a.type, "				\
    "'state', " STATE_NAME("a.state") ", 'opened', a.opened, "	\
    "'closed', a.closed, 'answers', " ANSWERS ", "			\
    "'results', " RESULTS ", 'scores', json('[]'), "			\
    "'seats', " SEATS ", 'notes', " NOTES ", "				\
    "'commitments', json('[]')) AS j FROM activities a "		\
    "WHERE a.session = s.id ORDER BY a.idx))"

static const char sql_document[] = "SELECT json_object('format', 1, "
    "'generator', ?2, 'sessions', (SELECT json_group_array(json(j)) FROM "
    "(SELECT json_object('id', s.id, 'title', s.title, 'collaborative', "
    "s.collaborative, 'started', s.started, 'ended', s.ended, "
    "'participants', " PARTICIPANTS ", 'activities', " ACTIVITIES ") AS j "
    "FROM sessions s WHERE s.id IN (SELECT value FROM json_each(?1)) "
    "ORDER BY s.id)))";

static int
write_json(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, sql_document);
	const char *doc;
	int rc = EXIT_OK;

	(void)o;
	if (s == NULL) {
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	sqlite3_bind_text(s, 1, ids, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, "convene " CONVENE_VERSION, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    (doc = (const char *)sqlite3_column_text(s, 0)) != NULL) {
		fputs(doc, f);
		putc('\n', f);
	} else {
		store_fail(st, "export");
		snprintf(err, errlen, "%s", store_error(st));
		rc = EXIT_UNREACHABLE;
	}
	sqlite3_reset(s);
	return rc;
}

const struct export_writer export_json = {
	.name = "json",
	.write = write_json,
	.multi = 0,
};
