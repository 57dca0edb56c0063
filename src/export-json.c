/* export-json.c: the export as one JSON document, built by SQLite. */
#include <stdio.h>

#include "export.h"

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
 * Their site is given only when at least ?3 of that site answered.
 *
 * Parameters: ?1 sessions, ?2 --site or NULL, ?3 suppression threshold
 * (export.h), ?4 the generator.
 */
#define STATE_NAME(col) "CASE " col " WHEN 0 THEN 'waiting' WHEN 1 THEN " \
    "'open' WHEN 2 THEN 'closed' END"
#define BOOL(expr) "json(CASE WHEN " expr " THEN 'true' ELSE 'false' END)"

#define PARTICIPANTS							\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'id', p.id, 'name', p.name, 'site', si.name, 'role', p.role) AS j "\
    "FROM participants p LEFT JOIN sites si ON si.id = p.site "	\
    "WHERE p.session = s.id AND " SITE_OK("p.site") " ORDER BY p.id))"

#define ANSWERS								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'participant', CASE WHEN a.anonymous THEN NULL ELSE "		\
    "n.participant END, 'site', CASE WHEN NOT a.anonymous OR (SELECT "\
    "count(DISTINCT coalesce(y.participant, y.ballot)) FROM answers y "\
    "WHERE y.activity = n.activity AND y.site = n.site) >= ?3 THEN "	\
    "si.name END, 'item', n.item, "					\
    "'choice', n.choice, 'value', n.value, 'at', CASE WHEN "		\
    "a.anonymous THEN strftime('%Y-%m-%dT%H:%M:00Z', n.at) ELSE n.at "\
    "END, 'hidden', " BOOL("n.hidden") ") AS j, CASE WHEN a.anonymous "\
    "THEN 0 ELSE n.id END AS arrival "					\
    "FROM answers n LEFT JOIN sites si ON si.id = n.site "		\
    "WHERE n.activity = a.id AND " SITE_OK("n.site") " "		\
    "ORDER BY arrival, n.item, n.choice, "				\
    "n.value, si.name, n.at))"

/* Which answers to activity a.id the figures count (--site). */
#define X_OK "x.activity = a.id AND " SITE_OK("x.site")
#define ANSWERED "(SELECT count(DISTINCT coalesce(x.participant, "	\
    "x.ballot)) FROM answers x WHERE " X_OK ")"

/*
 * Per site: sites where fewer than ?3 answered appear with "suppressed":
 * true and no figures, as in the live views.
 */
#define BY_SITE								\
    "(SELECT json_group_array(json(j)) FROM (SELECT CASE WHEN "	\
    "w.answered < ?3 THEN json_object('site', si.name, 'suppressed', "	\
    "json('true')) ELSE json_object('site', si.name, 'suppressed', "	\
    "json('false'), 'answered', w.answered, 'options', (SELECT "	\
    "json_group_array(json(k)) FROM (SELECT json_object('n', o.n, "	\
    "'count', (SELECT count(*) FROM answers x WHERE x.activity = a.id "\
    "AND x.site = w.site AND x.choice = o.n)) AS k FROM options o "	\
    "WHERE o.activity = a.id ORDER BY o.n)), 'mean', CASE WHEN a.type "\
    "= 'scale' THEN (SELECT avg(CAST(x.value AS REAL)) FROM answers x "\
    "WHERE x.activity = a.id AND x.site = w.site) END) END AS j FROM "	\
    "(SELECT x.site, count(DISTINCT coalesce(x.participant, x.ballot)) "\
    "AS answered FROM answers x WHERE " X_OK " AND x.site IS NOT NULL "\
    "GROUP BY x.site) w JOIN sites si ON si.id = w.site ORDER BY "	\
    "si.name))"

/* Polls: every option with its count (0 included) and how many people
 * (or ballots) answered; a ranking adds each option's mean rank and
 * Borda points (k - rank for k options); a scale adds the mean value;
 * "by_site" gives the same per site.  With --site, a site under the
 * threshold gives "suppressed": true and no figures.  Other kinds: {}
 * until they have results of their own. */
#define RESULTS								\
    "json(CASE WHEN a.kind <> 'poll' THEN '{}' "			\
    "WHEN ?2 IS NOT NULL AND " ANSWERED " < ?3 THEN json_object("	\
    "'type', a.type, 'suppressed', json('true')) "			\
    "ELSE json_object('type', a.type, "					\
    "'options', (SELECT json_group_array(json(j)) FROM (SELECT "	\
    "json_object('n', o.n, 'label', o.label, 'count', (SELECT "	\
    "count(*) FROM answers x WHERE " X_OK " AND x.choice = "		\
    "o.n), 'mean_rank', CASE WHEN a.type = 'rank' THEN (SELECT "	\
    "avg(CAST(x.value AS REAL)) FROM answers x WHERE " X_OK " AND "	\
    "x.choice = o.n) END, 'borda', CASE WHEN a.type = 'rank' "		\
    "THEN (SELECT total((SELECT count(*) FROM options k WHERE "	\
    "k.activity = a.id) - CAST(x.value AS INTEGER)) FROM answers x "	\
    "WHERE " X_OK " AND x.choice = o.n) END) AS j "			\
    "FROM options o WHERE o.activity = a.id ORDER BY o.n)), "		\
    "'mean', CASE WHEN a.type = 'scale' THEN (SELECT "			\
    "avg(CAST(x.value AS REAL)) FROM answers x WHERE " X_OK ") END, "	\
    "'answered', " ANSWERED ", 'by_site', json((SELECT j FROM "	\
    "site_results r WHERE r.id = a.id))) END)"

/*
 * SQLite's parser has a fixed stack: nested this deep inside the
 * document, the results would overflow it.  They are computed first,
 * per activity of the chosen sessions, in common table expressions.
 */
/* Scores per activity (SCORE_ROWS), a site under ?3 suppressed unless
 * the form was answered once per site (SCORE_SHOWN); "by" says which. */
#define SCORE_BY "'by', CASE WHEN by_site THEN 'site' ELSE 'person' END"
#define SCORES_CTE "scores (id, j) AS (SELECT activity, "		\
    "json_group_array(json(j)) FROM (SELECT activity, CASE WHEN "	\
    SCORE_SHOWN " THEN json_object('site', site, 'subscale', subscale, "\
    "'mean', round(mean, 2), 'sd', round(sd, 2), 'n', n, " SCORE_BY ") "\
    "ELSE json_object('site', site, 'subscale', subscale, 'suppressed', "\
    "json('true'), " SCORE_BY ") END AS j FROM " SCORE_ROWS " ORDER BY "\
    "activity, site IS NULL, site, subscale) GROUP BY activity), "
#define NO_SCORES_CTE "scores (id, j) AS (SELECT NULL, NULL WHERE 0), "

#define CTES(scores) "WITH " scores "site_results (id, j) AS (SELECT a.id, " BY_SITE	\
    " FROM activities a WHERE a.session " IN_SESSIONS "), "		\
    "poll_results (id, j) AS (SELECT a.id, " RESULTS " FROM "		\
    "activities a WHERE a.session " IN_SESSIONS ") "

/* Café seats: who sat at which table in which round, hosts marked. */
#define SEATS								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'round', t.round, 'table', t.tbl, 'participant', t.participant, "\
    "'host', json(CASE WHEN t.host THEN 'true' ELSE 'false' END)) AS j "\
    "FROM seats t JOIN participants p ON p.id = t.participant "	\
    "WHERE t.activity = a.id AND " SITE_OK("p.site") " "		\
    "ORDER BY t.round, t.tbl, "						\
    "t.host DESC, t.participant))"

/* Shared notes, one line each, with author and time. */
#define NOTES								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'table', n.tbl, 'group', n.grp, 'round', n.round, 'participant', "\
    "n.participant, 'text', n.text, 'theme', json(CASE WHEN n.theme "	\
    "THEN 'true' ELSE 'false' END), 'at', n.at) AS j FROM notes n "	\
    "LEFT JOIN participants p ON p.id = n.participant WHERE "		\
    "n.activity = a.id AND (?2 IS NULL OR " SITE_OK("p.site") ") "	\
    "ORDER BY n.round, n.tbl, n.grp, n.id))"

/* Breakout groups' commitments (with --site: groups with a member from
 * that site, or named after it). */
#define COMMITMENTS							\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'group', g.name, 'number', g.grp, 'change', g.change, 'owner', "	\
    "g.owner, 'due', g.due, 'measure', g.measure, 'updated', "		\
    "g.updated) AS j FROM groups g WHERE g.activity = a.id AND (?2 IS "\
    "NULL OR g.name = ?2 OR EXISTS (SELECT 1 FROM members m JOIN "	\
    "participants p ON p.id = m.participant WHERE m.activity = "	\
    "g.activity AND m.grp = g.grp AND " SITE_OK("p.site") ")) ORDER BY "\
    "g.grp))"

#define ACTIVITIES							\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'id', a.key, 'index', a.idx + 1, 'kind', a.kind, "		\
    "'title', a.title, 'anonymous', " BOOL("a.anonymous") ", "		\
    "'question', a.question, 'type', a.type, "				\
    "'state', " STATE_NAME("a.state") ", 'opened', a.opened, "	\
    "'closed', a.closed, 'answers', " ANSWERS ", "			\
    "'results', json((SELECT j FROM poll_results r WHERE r.id = "	\
    "a.id)), 'scores', json(coalesce((SELECT j FROM scores r WHERE "	\
    "r.id = a.id), '[]')), "			\
    "'seats', " SEATS ", 'notes', " NOTES ", "				\
    "'commitments', " COMMITMENTS ") AS j FROM activities a "		\
    "WHERE a.session = s.id ORDER BY a.idx))"

#define DOCUMENT "SELECT json_object('format', 1, " \
    "'generator', ?4, 'min_group', ?3, 'site', ?2, 'sessions', (SELECT " \
    "json_group_array(json(j)) FROM " \
    "(SELECT json_object('id', s.id, 'title', s.title, 'collaborative', " \
    "s.collaborative, 'started', s.started, 'ended', s.ended, " \
    "'source', " SOURCE_OF("s.id") ", " \
    "'participants', " PARTICIPANTS ", 'activities', " ACTIVITIES ") AS j " \
    "FROM sessions s WHERE s.id IN (SELECT value FROM json_each(?1)) " \
    "ORDER BY s.id)))"

static const char sql_document[] = CTES(SCORES_CTE) DOCUMENT;
/* The same for a database from before forms were stored. */
static const char sql_document_v2[] = CTES(NO_SCORES_CTE) DOCUMENT;

static int
write_json(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, export_has_scores(st) ?
	    sql_document : sql_document_v2);
	const char *doc;
	int rc = EXIT_OK;

	if (s == NULL) {
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	sqlite3_bind_text(s, 1, ids, -1, SQLITE_STATIC);
	if (export_job(o)->site != NULL)
		sqlite3_bind_text(s, 2, export_job(o)->site, -1,
		    SQLITE_STATIC);
	sqlite3_bind_int(s, 3, export_job(o)->min_group);
	sqlite3_bind_text(s, 4, "convene " CONVENE_VERSION, -1, SQLITE_STATIC);
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
