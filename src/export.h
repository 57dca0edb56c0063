/* export.h: internals shared by the export-*.c files (not for other layers). */
#ifndef CONVENE_EXPORT_H
#define CONVENE_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "store.h"

/*
 * Every export query reads the same bound parameters, so one binding
 * helper serves every writer:
 *   ?1  the session ids as a JSON array (export_session_ids)
 *   ?2  --site NAME, or NULL for every site
 *   ?3  --min-group N: per-site figures of fewer people are suppressed
 */
#define IN_SESSIONS "IN (SELECT value FROM json_each(?1))"
/* Does a sites.id column pass --site? */
#define SITE_OK(col) "(?2 IS NULL OR " col " IN (SELECT id FROM sites " \
    "WHERE name = ?2))"
/* Where a session's rows came from (see export_begin). */
#define SOURCE_OF(col) "(SELECT source FROM temp.export_source WHERE " \
    "session = " col ")"

#define EXPORT_MIN_GROUP 5

/*
 * One export run.  `o` comes first so a writer, which is handed the
 * struct export_opts of convene.h, can reach the rest: every caller
 * passes the `o` of a struct export_job (export_job() converts back).
 */
struct export_job {
	struct export_opts o;
	const char *collaborative;	/* --collaborative: its sessions */
	const char *site;		/* --site: only that site's rows */
	int	min_group;		/* suppression threshold */
	int	progress;		/* stderr is a terminal: show progress */
	int64_t	started_ms;		/* for progress: only long exports */
};

static inline const struct export_job *
export_job(const struct export_opts *o)
{
	return (const struct export_job *)(const void *)o;
}

/* export.c */
int	export_select(struct store *, const struct export_job *, char **,
	    char *, size_t);
int	export_begin(struct store *, const char *, char *, size_t);
sqlite3_stmt *export_query(struct store *, const struct export_job *,
	    const char *, const char *);
void	export_progress(const struct export_job *, const char *, int, int);
void	export_progress_done(const struct export_job *);

/* export-merge.c */
int	export_merge(char **, int, struct store **, char *, size_t);

/* export-md.c */
extern const struct export_writer export_md;
void	md_text(FILE *, const char *);
void	export_commit_question(const char *, char *, size_t);

/* export-html.c */
extern const struct export_writer export_html;

/* export-svg.c: the escaping writer and the inline SVG charts. */
void	html_text(FILE *, const char *);
void	html_cut(FILE *, const char *, int);
struct svg_bar {
	const char *label;
	double	value;		/* bar length, in the chart's own unit */
	char	note[40];	/* printed after the bar: "7 (58%)" */
};
void	svg_bars(FILE *, const struct svg_bar *, int, int);
void	svg_diverging(FILE *, const char *const *, const int *, int, int);
/* One line per site across sessions: y[x] is drawn where n[x] > 0 (a
 * suppressed or missing point is a gap); x labels short, tips full. */
struct svg_series {
	const char *label;
	const double *y;
	const int *n;
};
/* Under a line chart: at[x] of of[x] lines at `cut` or above. */
struct svg_share {
	const char *label;
	const int *at, *of;
	double cut;
};
void	svg_lines(FILE *, const char *const *, const char *const *, int,
	    const struct svg_series *, int, double, double,
	    const struct svg_share *, int);
/* Bars over a scale's whole range (lo..hi); n 0: suppressed, no bar. */
struct svg_range {
	const char *label;
	double	value;
	int	n;
};
void	svg_ranges(FILE *, const struct svg_range *, int, double, double,
	    int, int);
void	svg_meter(FILE *, double, double, double, int);

/* export-scores.c: subscale scores per site, per activity and across
 * the learning sessions of a collaborative (html and md). */
struct scores;
int	scores_load(struct store *, const struct export_job *, const char *,
	    struct scores **);
void	scores_free(struct scores *);
void	scores_html_across(FILE *, const struct scores *,
	    const struct export_job *);
void	scores_md_across(FILE *, const struct scores *,
	    const struct export_job *);
void	scores_html_sites(FILE *, const struct scores *,
	    const struct export_job *, int64_t);

/*
 * Queries shared by the md and html writers.  ?4 is a session id, ?5 an
 * activity's row id; ?1 to ?3 as above.
 */
#define REPORT_SESSIONS "SELECT id, title, collaborative, started, "	\
    "ended, " SOURCE_OF("id") " FROM sessions WHERE id " IN_SESSIONS	\
    " ORDER BY id"
#define REPORT_SITES "SELECT coalesce(si.name, '(no site)'), count(*) "	\
    "FROM participants p LEFT JOIN sites si ON si.id = p.site WHERE "	\
    "p.session = ?4 AND " SITE_OK("p.site") " GROUP BY 1 ORDER BY 1"
#define REPORT_ACTIVITIES "SELECT id, idx + 1, kind, coalesce(type, ''), "\
    "title, coalesce(question, ''), anonymous FROM activities WHERE "	\
    "session = ?4 ORDER BY idx"
/* People (or ballots) who answered ?5, and whether that is too few to
 * show (only when --site narrows the figures to one site). */
#define REPORT_ANSWERED "SELECT count(DISTINCT coalesce(participant, "	\
    "ballot)), ?2 IS NOT NULL AND count(DISTINCT coalesce(participant, "\
    "ballot)) < ?3 FROM answers WHERE activity = ?5 AND " SITE_OK("site")
/* Each option: label, count, mean rank (rank polls). */
#define REPORT_OPTIONS "SELECT o.label, (SELECT count(*) FROM answers x "\
    "WHERE x.activity = o.activity AND x.choice = o.n AND "		\
    SITE_OK("x.site") "), (SELECT avg(CAST(x.value AS REAL)) FROM "	\
    "answers x WHERE x.activity = o.activity AND x.choice = o.n AND "	\
    SITE_OK("x.site") ") FROM options o WHERE o.activity = ?5 ORDER BY "\
    "o.n"
/* Free text that was not hidden, by what it says (never by arrival):
 * a form's ratings (numbers) and its bookkeeping items ("_submitted")
 * are not comments. */
#define NOT_BOOKKEEPING "coalesce(item, '') NOT LIKE '\\_%' ESCAPE '\\'"
#define TEXTS_WHERE "FROM answers WHERE activity = ?5 AND NOT hidden "\
    "AND choice IS NULL AND trim(value) <> '' AND NOT (item IS NOT NULL "\
    "AND value GLOB '[0-9]*') AND " NOT_BOOKKEEPING " AND "		\
    SITE_OK("site") " ORDER BY item, value"
#define REPORT_TEXTS "SELECT coalesce(item, ''), value " TEXTS_WHERE
/* The same with REPORT_TEXTS_FORM's columns, for a database without
 * form_items: the item id stands for its question. */
#define REPORT_TEXTS_ITEMS "SELECT coalesce(item, ''), value, "	\
    "coalesce(item, '') " TEXTS_WHERE
#define REPORT_THEMES "SELECT n.text FROM notes n LEFT JOIN participants "\
    "p ON p.id = n.participant WHERE n.activity = ?5 AND n.theme AND "	\
    "(?2 IS NULL OR " SITE_OK("p.site") ") ORDER BY n.id"
/* Café lines by table, breakout lines by group. */
#define REPORT_LINES "SELECT coalesce(n.tbl, n.grp, 0), n.tbl IS NOT "	\
    "NULL, coalesce(n.round, 0), n.text, (SELECT g.name FROM groups g "	\
    "WHERE g.activity = n.activity AND g.grp = n.grp) FROM notes n "	\
    "LEFT JOIN participants p ON p.id = n.participant WHERE n.activity "\
    "= ?5 AND (?2 IS NULL OR " SITE_OK("p.site") ") ORDER BY "		\
    "n.tbl IS NULL, coalesce(n.tbl, n.grp), n.round, n.id"
#define REPORT_COMMITMENTS "SELECT g.name, coalesce(g.change, ''), "	\
    "coalesce(g.owner, ''), coalesce(g.due, ''), coalesce(g.measure, "	\
    "'') FROM groups g WHERE g.activity = ?5 AND (?2 IS NULL OR g.name "\
    "= ?2 OR EXISTS (SELECT 1 FROM members m JOIN participants p ON "	\
    "p.id = m.participant WHERE m.activity = g.activity AND m.grp = "	\
    "g.grp AND " SITE_OK("p.site") ")) ORDER BY g.grp"
/*
 * The answers a form's figures count, by the rule of the live views
 * (src/act-form.c, load_row(), which reads the rows oldest first and
 * lets a later one replace an earlier): a response is one person's
 * answers, or, for a form answered once per site (`by = site` or `team`
 * in the plan), one site's: each item's value is the latest row (the
 * highest id, since the store replaces a changed answer with a new row)
 * given by anyone of that site.  The plan's `by` is stored with the
 * form's questions: a form_items row with item FORM_BY_ITEM and text
 * "site" marks the activity (src/store-session.c, save_form()).
 *
 * A query using these starts with FORM_BY_SITE_CTE(acts), where `acts`
 * is a condition on a column named activity choosing the activities
 * read: the table by_site_acts lists those answered by site, found once
 * for the whole query.  Of the answers row `x`, FORM_BY_SITE says its
 * form was answered by site, FORM_COUNTS that it counts (a person's own
 * row always does), FORM_WHO names its response ("p" and a participant
 * id, "b" and a ballot, or "s" and a site id).
 */
#define FORM_BY_SITE_CTE(acts) "by_site_acts AS (SELECT activity FROM "\
    "form_items WHERE item = '" FORM_BY_ITEM "' AND text = 'site' AND "	\
    acts ")"
#define FORM_BY_SITE(x) "(" x ".activity IN by_site_acts)"
#define FORM_COUNTS(x) "(" x ".activity NOT IN by_site_acts OR " x ".id "\
    "IN (SELECT max(id) FROM answers WHERE activity IN by_site_acts "	\
    "GROUP BY activity, site, item))"
#define FORM_WHO(x) "CASE WHEN " FORM_BY_SITE(x) " THEN 's' || coalesce("\
    x ".site, '') WHEN " x ".participant IS NOT NULL THEN 'p' || " x	\
    ".participant ELSE 'b' || " x ".ballot END"

/* Form items rated with numbers: item, n, mean, the question's text,
 * the scale's lo and hi (NULL when not known), and whether the form was
 * answered once per site (n then counts sites, and is never too small
 * to show).  REPORT_RATINGS reads a database from before forms were
 * stored (no form_items): the item id stands for its text.
 * REPORT_RATINGS_FORM takes an item's kind from its form, in the form's
 * order; an item the form does not list falls back to "a number is a
 * rating". */
#define REPORT_RATINGS "SELECT item, count(*), avg(CAST(value AS REAL)), "\
    "item, NULL, NULL, 0 FROM answers WHERE activity = ?5 AND item IS NOT "\
    "NULL AND value GLOB '[0-9]*' AND " NOT_BOOKKEEPING " AND "		\
    SITE_OK("site") " GROUP BY item ORDER BY min(id)"
#define FORM_ITEM_OF(x) "LEFT JOIN form_items i ON i.activity = "	\
    x ".activity AND i.item = " x ".item"
#define IS_RATING(x) "(i.kind = 'rating' OR (coalesce(i.kind, 'choice') "\
    "= 'choice' AND " x ".value GLOB '[0-9]*'))"
#define REPORT_RATINGS_FORM "WITH " FORM_BY_SITE_CTE("activity = ?5")	\
    " SELECT x.item, count(*), avg(CAST(x.value AS REAL)), coalesce("	\
    "max(i.text), x.item), max(i.lo), max(i.hi), max(" FORM_BY_SITE("x")\
    ") FROM answers x " FORM_ITEM_OF("x") " WHERE x.activity = ?5 AND "	\
    FORM_COUNTS("x") " AND x.item IS NOT NULL AND trim(x.value) <> '' "	\
    "AND " IS_RATING("x") " AND coalesce(x.item, '') NOT LIKE '\\_%' "	\
    "ESCAPE '\\' AND " SITE_OK("x.site") " GROUP BY x.item ORDER BY "	\
    "coalesce(max(i.idx), 1e9), min(x.id)"
/* A form's free text under its question: item, value, question text.
 * For a form answered once per site, the site's latest answer only. */
#define REPORT_TEXTS_FORM "WITH " FORM_BY_SITE_CTE("activity = ?5")	\
    " SELECT x.item, x.value, coalesce(i.text, x.item) FROM answers x "	\
    FORM_ITEM_OF("x") " WHERE x.activity = ?5 AND " FORM_COUNTS("x")	\
    " AND NOT x.hidden AND x.choice IS NULL AND trim(x.value) <> '' AND "\
    "x.item IS NOT NULL AND NOT " IS_RATING("x") " AND x.item NOT LIKE "\
    "'\\_%' ESCAPE '\\' AND coalesce(i.kind, '') <> 'commitment' AND "	\
    SITE_OK("x.site") " ORDER BY coalesce(i.idx, 1e9), x.item, x.value"
/* A form's commitments, one row per respondent and commitment item (its
 * what, who and when answers are slots ITEM.what, .who, .when): the
 * item, the question (its what slot's text), what, who, when; by what
 * they say, never by arrival. */
#define REPORT_FORM_COMMITMENTS "WITH " FORM_BY_SITE_CTE("activity = ?5")	\
    ", c AS (SELECT substr(x.item, 1, length(x.item) - CASE WHEN x.item "	\
    "LIKE '%.who' THEN 4 ELSE 5 END) AS base, " FORM_WHO("x") " AS who, "\
    "x.item AS item, x.value AS value FROM answers x " FORM_ITEM_OF("x")	\
    " WHERE x.activity = ?5 AND " FORM_COUNTS("x") " AND NOT x.hidden "	\
    "AND i.kind = 'commitment' AND trim(x.value) <> '' AND "		\
    SITE_OK("x.site") ") SELECT base, coalesce((SELECT text FROM "	\
    "form_items WHERE activity = ?5 AND item = base || '.what'), base), "\
    "coalesce(max(CASE WHEN item = base || '.what' THEN value END), ''), "\
    "coalesce(max(CASE WHEN item = base || '.who' THEN value END), ''), "\
    "coalesce(max(CASE WHEN item = base || '.when' THEN value END), '') "\
    "FROM c GROUP BY base, who ORDER BY (SELECT idx FROM form_items "	\
    "WHERE activity = ?5 AND item = base || '.what'), 3, 4, 5"

/*
 * Subscale scores of assess and feedback activities, by the rule of
 * convene-plan(5) (src/form-score.c), over the responses FORM_COUNTS
 * and FORM_WHO make: a reverse item counts lo + hi - value; a
 * response's subscale score is the mean of the items it answered; a
 * site's is the mean of its responses', with the sample sd (0 for one)
 * and n, the number of responses with a score: people, or for a form
 * answered once per site, 1 (the site's own).  One row per activity,
 * site and subscale: (session, idx, key, activity, site, subscale,
 * mean, sd, n, by_site).  Needs the form_items table (schema 3);
 * export_has_scores() says if it exists.  SCORE_SHOWN says whether a
 * row's figures may be shown under --min-group: a site's own answer
 * always may, as in the live views.
 */
#define FORM_ACTS "activity IN (SELECT id FROM activities WHERE kind IN "\
    "('assess', 'feedback') AND session " IN_SESSIONS ")"
#define SCORE_CTE "WITH " FORM_BY_SITE_CTE(FORM_ACTS) ", r AS (SELECT "	\
    "a.session, a.idx, a.key, x.activity, " FORM_WHO("x") " AS who, "	\
    FORM_BY_SITE("x") " AS by_site, x.site, i.subscale, CASE "		\
    "WHEN i.reverse THEN i.lo + i.hi - CAST(x.value AS REAL) ELSE CAST("	\
    "x.value AS REAL) END AS v FROM answers x JOIN activities a ON a.id "\
    "= x.activity JOIN form_items i ON i.activity = x.activity AND "	\
    "i.item = x.item WHERE a.kind IN ('assess', 'feedback') AND "		\
    "a.session " IN_SESSIONS " AND " FORM_COUNTS("x") " AND "		\
    "i.kind = 'rating' AND i.subscale IS NOT NULL AND trim(x.value) <> "\
    "'' AND " SITE_OK("x.site") "), p AS (SELECT session, idx, key, "	\
    "activity, who, max(by_site) AS by_site, max(site) AS site, "	\
    "subscale, avg(v) AS s FROM r GROUP BY activity, who, subscale) "
#define SCORE_AGG "avg(s) AS mean, CASE WHEN count(*) > 1 THEN sqrt(max("	\
    "0, (sum(s * s) - count(*) * avg(s) * avg(s)) / (count(*) - 1))) "	\
    "ELSE 0 END AS sd, count(*) AS n, max(by_site) AS by_site"
#define SCORE_SITE_SELECT "SELECT session, idx, key, activity, (SELECT "	\
    "name FROM sites WHERE id = p.site) AS site, subscale, " SCORE_AGG	\
    ", 0 AS every FROM p GROUP BY activity, p.site, subscale"
#define SCORE_ROWS "(" SCORE_CTE SCORE_SITE_SELECT ")"
/* The same, and a row per activity and subscale over every site (every
 * = 1), as the dashboard's "All sites" row. */
#define SCORE_ROWS_ALL "(" SCORE_CTE SCORE_SITE_SELECT " UNION ALL SELECT "	\
    "session, idx, key, activity, NULL, subscale, " SCORE_AGG ", 1 FROM "	\
    "p GROUP BY activity, subscale)"
#define SCORE_SHOWN "(by_site OR n >= ?3)"
int	export_has_scores(struct store *);

/* Run `s` with ?4 and ?5 bound (0: leave unbound). */
int	export_bind_ids(sqlite3_stmt *, int64_t, int64_t);
#define COL_TEXT(s, i) ((const char *)sqlite3_column_text(s, i) ?	\
    (const char *)sqlite3_column_text(s, i) : "")
/* Per site and option: site, answered, label, count (count NULL for a
 * site under ?3, whose figures must not reach the page). */
#define REPORT_SITE_OPTIONS "WITH w AS (SELECT x.site, count(DISTINCT "	\
    "coalesce(x.participant, x.ballot)) AS answered FROM answers x "	\
    "WHERE x.activity = ?5 AND x.site IS NOT NULL AND "		\
    SITE_OK("x.site") " GROUP BY x.site) SELECT si.name, w.answered, "	\
    "o.label, CASE WHEN w.answered >= ?3 THEN (SELECT count(*) FROM "	\
    "answers x WHERE x.activity = ?5 AND x.site = w.site AND x.choice "	\
    "= o.n) END FROM w JOIN sites si ON si.id = w.site JOIN options o "	\
    "ON o.activity = ?5 ORDER BY si.name, o.n"
#endif
