/* act-poll-export.c: a poll's sections of the exports: results by option and site. */
#include <stdio.h>
#include <string.h>

#include "act-poll-export.h"
#include "kind-export.h"

/* CSV: every option's count, over all sites and per site (export-csv.c
 * has the parameters). */
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

static const struct export_column cols_results[] = {
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

static const struct export_column cols_site_results[] = {
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

static const struct export_table poll_tables[] = {
	{ 50, "results", sql_results, NULL, NULL, cols_results,
	    EXPORT_COUNT(cols_results) },
	{ 80, "site_results", sql_site_results, NULL, NULL, cols_site_results,
	    EXPORT_COUNT(cols_site_results) },
};

/* JSON: each activity's "results" (export-json.c has the parameters). */
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

/* SQLite's parser has a fixed stack: nested inside the document, the
 * results would overflow it, so they are computed first, per activity of
 * the chosen sessions. */
#define POLL_CTE "site_results (id, j) AS (SELECT a.id, " BY_SITE	\
    " FROM activities a WHERE a.session " IN_SESSIONS "), "		\
    "poll_results (id, j) AS (SELECT a.id, " RESULTS " FROM "		\
    "activities a WHERE a.session " IN_SESSIONS ")"

static const struct export_json_field poll_json[] = {
	{ 20, POLL_CTE, NULL, NULL, "'results', json((SELECT j FROM "
	    "poll_results r WHERE r.id = a.id))" },
};

static void
poll_md(struct export_report *m, void *state, int64_t aid, enum act_kind kind,
    const char *type)
{
	sqlite3_stmt *s = export_report_query(m, REPORT_ANSWERED, 0, aid);
	int answered = 0, hush = 0, rank = strcmp(type, "rank") == 0;

	(void)state;
	(void)kind;
	if (s == NULL)
		return;
	if (sqlite3_step(s) == SQLITE_ROW) {
		answered = sqlite3_column_int(s, 0);
		hush = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (hush) {
		fprintf(m->f, "Results suppressed: fewer than %d answered.\n\n",
		    m->j->min_group);
		return;
	}
	fprintf(m->f, "Answered: %d\n\n", answered);
	if (strcmp(type, "text") == 0) {
		if ((s = export_report_query(m, REPORT_TEXTS, 0, aid)) == NULL)
			return;
		while (sqlite3_step(s) == SQLITE_ROW) {
			fputs("- ", m->f);
			md_text(m->f, COL_TEXT(s, 1));
			putc('\n', m->f);
		}
		sqlite3_finalize(s);
		putc('\n', m->f);
		return;
	}
	if ((s = export_report_query(m, REPORT_OPTIONS, 0, aid)) == NULL)
		return;
	fputs(rank ? "| Option | Mean rank |\n|---|---:|\n" :
	    "| Option | Count | % |\n|---|---:|---:|\n", m->f);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int c = sqlite3_column_int(s, 1);

		fputs("| ", m->f);
		md_text(m->f, COL_TEXT(s, 0));
		if (rank && sqlite3_column_type(s, 2) != SQLITE_NULL)
			fprintf(m->f, " | %.2f |\n",
			    sqlite3_column_double(s, 2));
		else if (rank)
			fputs(" | |\n", m->f);
		else
			fprintf(m->f, " | %d | %.0f |\n", c, answered > 0 ?
			    100.0 * c / answered : 0.0);
	}
	sqlite3_finalize(s);
	putc('\n', m->f);
}

const struct kind_export poll_export = {
	.tables = poll_tables,
	.n_tables = EXPORT_COUNT(poll_tables),
	.json = poll_json,
	.n_json = EXPORT_COUNT(poll_json),
	.md = poll_md,
	.html = poll_export_html,
};
