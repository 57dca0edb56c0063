/* act-form-export.h: the queries of assess and feedback exports, and their scores. */
#ifndef CONVENE_ACT_FORM_EXPORT_H
#define CONVENE_ACT_FORM_EXPORT_H

#include "export.h"
#include "act-form.h"
#include "kind-export.h"

/*
 * The answers a form's figures count, by the rule of the live views
 * (src/form/act-form.c, load_row(), which reads the rows oldest first and
 * lets a later one replace an earlier): a response is one person's
 * answers, or, for a form answered once per site (`by = site` or `team`
 * in the plan), one site's: each item's value is the latest row (the
 * highest id, since the store replaces a changed answer with a new row)
 * given by anyone of that site.  The plan's `by` is stored with the
 * form's questions: a form_items row with item FORM_BY_ITEM and text
 * "site" marks the activity (src/form/act-form-store.c, save_form()).
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
 * item, the question (its what slot's text), what, who, when, then who
 * made it (a participant id, NULL for a form answered once per site) and
 * their site id; by what they say, never by arrival.  The reports show
 * these; a report-back brings them back to their sites
 * (src/reportback/act-reportback-rows.c). */
#define REPORT_FORM_COMMITMENTS "WITH " FORM_BY_SITE_CTE("activity = ?5")	\
    ", c AS (SELECT substr(x.item, 1, length(x.item) - CASE WHEN x.item "	\
    "LIKE '%.who' THEN 4 ELSE 5 END) AS base, " FORM_WHO("x") " AS who, "\
    "CASE WHEN " FORM_BY_SITE("x") " THEN NULL ELSE x.participant END "	\
    "AS person, x.site AS site, "						\
    "x.item AS item, x.value AS value FROM answers x " FORM_ITEM_OF("x")	\
    " WHERE x.activity = ?5 AND " FORM_COUNTS("x") " AND NOT x.hidden "	\
    "AND i.kind = 'commitment' AND trim(x.value) <> '' AND "		\
    SITE_OK("x.site") ") SELECT base, coalesce((SELECT text FROM "	\
    "form_items WHERE activity = ?5 AND item = base || '.what'), base), "\
    "coalesce(max(CASE WHEN item = base || '.what' THEN value END), ''), "\
    "coalesce(max(CASE WHEN item = base || '.who' THEN value END), ''), "\
    "coalesce(max(CASE WHEN item = base || '.when' THEN value END), ''), "\
    "max(person), max(site) FROM c GROUP BY base, who ORDER BY (SELECT idx FROM form_items "	\
    "WHERE activity = ?5 AND item = base || '.what'), 3, 4, 5"

/*
 * Subscale scores of assess and feedback activities, by the rule of
 * convene-plan(5) (src/form/form-score.c), over the responses FORM_COUNTS
 * and FORM_WHO make: a reverse item counts lo + hi - value; a
 * response's subscale score is the mean of the items it answered; a
 * site's is the mean of its responses', with the sample sd (0 for one)
 * and n, the number of responses with a score: people, or for a form
 * answered once per site, 1 (the site's own).  One row per activity,
 * site and subscale: (session, idx, key, activity, site, subscale,
 * mean, sd, n, by_site).  Needs the form_items table (schema 3);
 * export_has_table() says if it exists.  SCORE_SHOWN says whether a
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

/* act-form-export-scores.c: subscale scores per site, per activity and
 * across the learning sessions of a collaborative (html and md). */
struct scores;
struct fac_scores;
int	scores_load(struct store *, const struct export_job *, const char *,
	    struct scores **);
void	scores_free(struct scores *);
void	scores_html_across(FILE *, const struct scores *,
	    const struct fac_scores *, const struct export_job *);
void	scores_md_across(FILE *, const struct scores *,
	    const struct export_job *);
void	scores_html_sites(FILE *, const struct scores *,
	    const struct export_job *, int64_t);

/* act-form-export.c: what a form's report parts read, for the whole
 * report (the kind's state). */
struct form_report {
	struct scores *sc;
	struct fac_scores *fac;	/* faculty's scores of sites, or none */
	int	items;		/* the database stores its forms' items */
};
void	form_commit_question(const char *, char *, size_t);

/* act-form-export-faculty.c: rwg(j) (table agreement) and faculty's
 * ratings (faculty_scores, faculty_ratings) in CSV; their JSON fields'
 * common table expressions. */
#define FORM_N_COLS_AGREEMENT 9
#define FORM_N_COLS_FACULTY_SCORES 10
#define FORM_N_COLS_FACULTY_RATINGS 7
extern const char form_sql_agreement[], form_sql_no_agreement[];
extern const struct export_column form_cols_agreement[];
extern const char form_sql_faculty_scores[], form_sql_no_faculty_scores[];
extern const struct export_column form_cols_faculty_scores[];
extern const char form_sql_faculty_ratings[], form_sql_no_faculty_ratings[];
extern const struct export_column form_cols_faculty_ratings[];
extern const char form_cte_agree[], form_cte_fac_scores[],
    form_cte_fac_ratings[];

int	fac_load(struct store *, const struct export_job *, const char *,
	    struct fac_scores **);
void	fac_free(struct fac_scores *);
int	fac_find(const struct fac_scores *, const char *, const char *,
	    const char *, int64_t, const char *, double *);
void	fac_html_activity(FILE *, const struct fac_scores *, int64_t);

/* act-form-export-html.c */
void	form_export_html(struct export_report *, void *, int64_t,
	    enum act_kind, const char *);

#endif
