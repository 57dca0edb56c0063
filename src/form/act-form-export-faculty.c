/* act-form-export-faculty.c: within-site agreement rwg(j), and faculty's ratings beside the sites' own, in the CSV and JSON exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act-form-export.h"
#include "kind-export.h"

/*
 * rwg(j) per activity, site and subscale, by the rule of form-score.c
 * (James, Demaree & Wolf 1984; "low agreement" under 0.7 as Shea et al.
 * 2014 for ORIC): over the items of the subscale answered by two or more
 * people of the site, s2 each item's sample variance, e2 = (A^2 - 1) / 12
 * for its A points; r the mean of s2 / e2, J the number of those items;
 * rwg = 0 when r >= 1, else J (1 - r) / (J (1 - r) + r).  Forms answered
 * once per site have one response a site and no rows; neither does a
 * site whose items no two people answered (n = 1).  A's points come from
 * form_points (schema 8); an activity stored before it takes hi - lo + 1
 * when the scale's ends are whole numbers.  Columns: session, idx, key,
 * activity, site (name), subscale, n (people with an answer), j, rwg.
 */
#define AGREE_ROWS "(WITH " FORM_BY_SITE_CTE(FORM_ACTS) ", av AS (SELECT "\
    "a.session, a.idx, a.key, x.activity, x.site, x.participant AS who, "\
    "i.subscale, x.item, CAST(x.value AS REAL) AS v, coalesce((SELECT "	\
    "fp.points FROM form_points fp WHERE fp.activity = x.activity AND "	\
    "fp.item = x.item), CASE WHEN i.hi > i.lo AND i.lo = CAST(i.lo AS "	\
    "INTEGER) AND i.hi = CAST(i.hi AS INTEGER) THEN CAST(i.hi - i.lo + 1 "\
    "AS INTEGER) END) AS pts FROM answers x JOIN activities a ON a.id = "\
    "x.activity JOIN form_items i ON i.activity = x.activity AND i.item = "\
    "x.item WHERE a.kind IN ('assess', 'feedback') AND a.session "	\
    IN_SESSIONS " AND NOT " FORM_BY_SITE("x") " AND x.participant IS NOT "\
    "NULL AND i.kind = 'rating' AND i.subscale IS NOT NULL AND trim("	\
    "x.value) <> '' AND " SITE_OK("x.site") "), ai AS (SELECT activity, "\
    "site, subscale, max(0, (sum(v * v) - sum(v) * sum(v) / count(*)) / "\
    "(count(*) - 1)) AS var, max(pts) AS pts FROM av GROUP BY activity, "\
    "site, subscale, item HAVING count(*) >= 2 AND max(pts) >= 2), ag AS "\
    "(SELECT activity, site, subscale, count(*) AS j, avg(CASE WHEN var < "\
    "1e-12 THEN 0 ELSE var END / ((pts * pts - 1) / 12.0)) AS r FROM ai "\
    "GROUP BY activity, site, subscale), an AS (SELECT session, idx, key, "\
    "activity, site, subscale, count(DISTINCT who) AS n FROM av GROUP BY "\
    "activity, site, subscale) SELECT an.session, an.idx, an.key, "	\
    "an.activity, (SELECT name FROM sites WHERE id = an.site) AS site, "	\
    "an.subscale, an.n, ag.j, CASE WHEN ag.r >= 1 THEN 0.0 ELSE ag.j * (1 "\
    "- ag.r) / (ag.j * (1 - ag.r) + ag.r) END AS rwg FROM an JOIN ag ON "	\
    "ag.activity = an.activity AND ag.site IS an.site AND ag.subscale = "	\
    "an.subscale)"
/* A site's agreement may be shown where its scores may: n >= ?3. */
#define AGREE_SHOWN "(n >= ?3)"

/*
 * Faculty's scores of each site they rated (table faculty_ratings): a
 * rater's subscale score is the mean of the items they answered for that
 * site (reverse items turned), the site's the mean over its raters, with
 * the sample sd and n, the number of raters.  Beside it the site's own
 * score (SCORE_ROWS: its people's, or its one answer for a form answered
 * by site), shown where the scores show it (SCORE_SHOWN).  Columns:
 * session, idx, key, activity, site, subscale, mean, sd, n, self_mean,
 * self_n (NULL where not shown).
 */
#define FAC_ROWS "(WITH fr AS (SELECT a.session, a.idx, a.key, r.activity, "\
    "r.participant AS who, r.site, i.subscale, CASE WHEN i.reverse THEN "	\
    "i.lo + i.hi - CAST(r.value AS REAL) ELSE CAST(r.value AS REAL) END "	\
    "AS v FROM faculty_ratings r JOIN activities a ON a.id = r.activity "	\
    "JOIN form_items i ON i.activity = r.activity AND i.item = r.item "	\
    "WHERE a.session " IN_SESSIONS " AND i.kind = 'rating' AND "		\
    "i.subscale IS NOT NULL AND trim(r.value) <> '' AND " SITE_OK("r.site")\
    "), fp AS (SELECT session, idx, key, activity, who, site, subscale, "	\
    "avg(v) AS s FROM fr GROUP BY activity, who, site, subscale), fs AS "	\
    "(SELECT session, idx, key, activity, site, subscale, avg(s) AS mean, "\
    "CASE WHEN count(*) > 1 THEN sqrt(max(0, (sum(s * s) - count(*) * "	\
    "avg(s) * avg(s)) / (count(*) - 1))) ELSE 0 END AS sd, count(*) AS n "	\
    "FROM fp GROUP BY activity, site, subscale) SELECT fs.session, "	\
    "fs.idx, fs.key, fs.activity, si.name AS site, fs.subscale, fs.mean, "	\
    "fs.sd, fs.n, CASE WHEN sr.by_site OR sr.n >= ?3 THEN sr.mean END AS "	\
    "self_mean, CASE WHEN sr.by_site OR sr.n >= ?3 THEN sr.n END AS "	\
    "self_n FROM fs JOIN sites si ON si.id = fs.site LEFT JOIN "		\
    SCORE_ROWS " sr ON sr.activity = fs.activity AND sr.site = si.name "	\
    "AND sr.subscale = fs.subscale)"

const char form_sql_agreement[] = "SELECT session, key, site, subscale, "
    "CASE WHEN " AGREE_SHOWN " THEN printf('%.2f', rwg) END, CASE WHEN "
    AGREE_SHOWN " THEN j END, CASE WHEN " AGREE_SHOWN " THEN n END, CASE "
    "WHEN " AGREE_SHOWN " THEN CASE WHEN rwg < 0.7 THEN 'true' ELSE 'false' "
    "END END, CASE WHEN " AGREE_SHOWN " THEN 'false' ELSE 'true' END FROM "
    AGREE_ROWS " ORDER BY session, idx, site IS NULL, site, subscale";
const char form_sql_no_agreement[] = "SELECT NULL, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL WHERE 0";

const struct export_column form_cols_agreement[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "assess or feedback activity id (activities.id)" },
	{ "site", "the site; empty for people without one" },
	{ "subscale", "the form's subscale, as in scores" },
	{ "rwg", "within-site agreement rwg(j) (James, Demaree & Wolf 1984) "
	    "over the subscale's items answered by two or more of the site, "
	    "against the uniform null (A^2 - 1) / 12 of each item's A points; "
	    "0 when the answers vary as much as random ones or more; two "
	    "decimals" },
	{ "items", "J: how many of the subscale's items entered rwg(j)" },
	{ "n", "how many of the site answered the subscale" },
	{ "low_agreement", "true when rwg(j) is under 0.7, the cut Shea et "
	    "al. 2014 used for ORIC: the site's mean may not stand for the "
	    "site" },
	{ "suppressed", "true when n is under --min-group: no figures" },
};
_Static_assert(EXPORT_COUNT(form_cols_agreement) == FORM_N_COLS_AGREEMENT,
    "act-form-export.h counts the columns");

const char form_sql_faculty_scores[] = "SELECT session, key, site, "
    "subscale, printf('%.2f', mean), printf('%.2f', sd), n, CASE WHEN "
    "self_mean IS NOT NULL THEN printf('%.2f', self_mean) END, self_n, CASE "
    "WHEN self_mean IS NOT NULL THEN printf('%.2f', self_mean - mean) END "
    "FROM " FAC_ROWS " ORDER BY session, idx, site, subscale";
const char form_sql_no_faculty_scores[] = "SELECT NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL WHERE 0";

const struct export_column form_cols_faculty_scores[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "assess activity id (activities.id), rater = faculty "
	    "in the plan" },
	{ "site", "the site faculty rated" },
	{ "subscale", "the form's subscale, as in scores" },
	{ "faculty_mean", "mean over the faculty who rated the site of each "
	    "one's subscale score (the mean of the items they answered, "
	    "reverse items turned), two decimals" },
	{ "faculty_sd", "their sample standard deviation (0 for one)" },
	{ "faculty_n", "how many faculty rated the site" },
	{ "self_mean", "the site's own score, as in scores; empty where the "
	    "site did not rate itself or scores withholds it" },
	{ "self_n", "n of the site's own score, as in scores" },
	{ "gap", "self_mean minus faculty_mean: above 0 where the team rates "
	    "itself higher than faculty do" },
};
_Static_assert(EXPORT_COUNT(form_cols_faculty_scores) == FORM_N_COLS_FACULTY_SCORES,
    "act-form-export.h counts the columns");

const char form_sql_faculty_ratings[] = "SELECT a.session, a.key, "
    "r.participant, si.name, r.item, r.value, r.at FROM faculty_ratings r "
    "JOIN activities a ON a.id = r.activity JOIN sites si ON si.id = r.site "
    "WHERE a.session " IN_SESSIONS " AND " SITE_OK("r.site") " ORDER BY "
    "a.session, a.idx, r.participant, si.name, r.item";
const char form_sql_no_faculty_ratings[] = "SELECT NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL WHERE 0";

const struct export_column form_cols_faculty_ratings[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "assess activity id (activities.id)" },
	{ "participant", "the faculty member who rated (participants.id, "
	    "role faculty)" },
	{ "site", "the site they rated" },
	{ "item", "the form item answered; _submitted once they submitted "
	    "that site's rating" },
	{ "value", "their answer, the latest they gave" },
	{ "at", "when it was last changed (ISO-8601, UTC)" },
};
_Static_assert(EXPORT_COUNT(form_cols_faculty_ratings) == FORM_N_COLS_FACULTY_RATINGS,
    "act-form-export.h counts the columns");

/* JSON: fields only activities with such data have (sparse). */
#define AGREE_J "agree_j (id, j) AS (SELECT activity, json_group_array("	\
    "json(j)) FROM (SELECT activity, CASE WHEN " AGREE_SHOWN " THEN "	\
    "json_object('site', site, 'subscale', subscale, 'rwg', round(rwg, 2), "\
    "'items', j, 'n', n, 'low_agreement', json(CASE WHEN rwg < 0.7 THEN "	\
    "'true' ELSE 'false' END)) ELSE json_object('site', site, 'subscale', "\
    "subscale, 'suppressed', json('true')) END AS j FROM " AGREE_ROWS	\
    " ORDER BY activity, site IS NULL, site, subscale) GROUP BY activity)"
#define FAC_SCORES_J "fac_scores_j (id, j) AS (SELECT activity, "	\
    "json_group_array(json(j)) FROM (SELECT activity, json_object('site', "\
    "site, 'subscale', subscale, 'faculty_mean', round(mean, 2), "	\
    "'faculty_sd', round(sd, 2), 'faculty_n', n, 'self_mean', round("	\
    "self_mean, 2), 'self_n', self_n, 'gap', round(self_mean - mean, 2)) "\
    "AS j FROM " FAC_ROWS " ORDER BY activity, site, subscale) GROUP BY "	\
    "activity)"
#define FAC_RATINGS_J "fac_ratings_j (id, j) AS (SELECT activity, "	\
    "json_group_array(json(j)) FROM (SELECT r.activity, json_object("	\
    "'participant', r.participant, 'site', si.name, 'item', r.item, "	\
    "'value', r.value, 'at', r.at) AS j FROM faculty_ratings r JOIN sites "\
    "si ON si.id = r.site WHERE " SITE_OK("r.site") " ORDER BY "		\
    "r.activity, r.participant, si.name, r.item) GROUP BY activity)"

const char form_cte_agree[] = AGREE_J;
const char form_cte_fac_scores[] = FAC_SCORES_J;
const char form_cte_fac_ratings[] = FAC_RATINGS_J;

/*
 * The reports (html): faculty's scores of each site, read once with the
 * sites' own beside them (FAC_ROWS), for each assess activity's table and
 * for the faculty's points on the lines across sessions.
 */
struct frow {
	char	*collab, *form, *subscale, *site;
	int64_t	 session, activity;
	double	 mean, self;
	int	 n, self_n;	/* self_n 0: the site's own not shown */
};

struct fac_scores {
	struct frow *r;
	int	 n;
};

#define FAC_REPORT_SQL "SELECT coalesce(se.collaborative, ''), coalesce("	\
    "a.type, ''), f.subscale, f.session, f.site, f.mean, f.n, f.activity, "\
    "f.self_mean, coalesce(f.self_n, 0) FROM " FAC_ROWS " f JOIN "		\
    "activities a ON a.id = f.activity JOIN sessions se ON se.id = "	\
    "f.session WHERE a.kind = 'assess' ORDER BY f.session, f.idx, f.site, "\
    "f.subscale"

static char *
dup_text(const unsigned char *s)
{
	return strdup(s != NULL ? (const char *)s : "");
}

int
fac_load(struct store *st, const struct export_job *j, const char *ids,
    struct fac_scores **out)
{
	struct fac_scores *fs = calloc(1, sizeof *fs);
	sqlite3_stmt *s;
	int cap = 0, rc;

	*out = fs;
	if (fs == NULL)
		return -1;
	if (!export_has_table(st, "faculty_ratings"))
		return 0;
	if ((s = export_query(st, j, ids, FAC_REPORT_SQL)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct frow *r;

		if (fs->n == cap) {
			struct frow *grown = realloc(fs->r, (size_t)(cap = cap ?
			    2 * cap : 32) * sizeof *grown);

			if (grown == NULL)
				break;
			fs->r = grown;
		}
		r = &fs->r[fs->n++];
		r->collab = dup_text(sqlite3_column_text(s, 0));
		r->form = dup_text(sqlite3_column_text(s, 1));
		r->subscale = dup_text(sqlite3_column_text(s, 2));
		r->session = sqlite3_column_int64(s, 3);
		r->site = dup_text(sqlite3_column_text(s, 4));
		r->mean = sqlite3_column_double(s, 5);
		r->n = sqlite3_column_int(s, 6);
		r->activity = sqlite3_column_int64(s, 7);
		r->self = sqlite3_column_double(s, 8);
		r->self_n = sqlite3_column_type(s, 8) == SQLITE_NULL ? 0 :
		    sqlite3_column_int(s, 9);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(st, "faculty scores");
		return -1;
	}
	return 0;
}

void
fac_free(struct fac_scores *fs)
{
	if (fs == NULL)
		return;
	for (int i = 0; i < fs->n; i++) {
		free(fs->r[i].collab);
		free(fs->r[i].form);
		free(fs->r[i].subscale);
		free(fs->r[i].site);
	}
	free(fs->r);
	free(fs);
}

/* The faculty's mean of a site in a session (the later activity's, as
 * the lines take a form's later use); returns how many rated, 0 none. */
int
fac_find(const struct fac_scores *fs, const char *collab, const char *form,
    const char *subscale, int64_t session, const char *site, double *mean)
{
	int n = 0;

	for (int i = 0; fs != NULL && i < fs->n; i++) {
		const struct frow *r = &fs->r[i];

		if (r->session != session || strcmp(r->site, site) ||
		    strcmp(r->subscale, subscale) || strcmp(r->form, form) ||
		    strcmp(r->collab, collab))
			continue;
		*mean = r->mean;
		n = r->n;
	}
	return n;
}

/* One assess activity: each site the faculty rated, its own score, the
 * faculty's and the gap, per subscale. */
void
fac_html_activity(FILE *f, const struct fac_scores *fs, int64_t aid)
{
	int shown = 0;

	for (int i = 0; fs != NULL && i < fs->n; i++) {
		const struct frow *r = &fs->r[i];

		if (r->activity != aid)
			continue;
		if (shown++ == 0)
			fputs("<h3>Own score and faculty's, by site</h3>\n<table "
			    "class=\"faculty\"><tr><th>Site</th><th>Subscale</th>"
			    "<th>Own</th><th>Faculty</th><th>Raters</th><th>Gap"
			    "</th></tr>\n", f);
		fputs("<tr>", f);
		html_cell(f, "td", r->site);
		html_cell(f, "td", r->subscale);
		if (r->self_n > 0)
			fprintf(f, "<td class=\"n\">%.2f</td>", r->self);
		else
			fputs("<td class=\"n\">–</td>", f);
		fprintf(f, "<td class=\"n\">%.2f</td><td class=\"n\">%d</td>",
		    r->mean, r->n);
		if (r->self_n > 0)
			fprintf(f, "<td class=\"n\">%+.2f</td>", r->self -
			    r->mean);
		else
			fputs("<td class=\"n\">–</td>", f);
		fputs("</tr>\n", f);
	}
	if (shown > 0)
		fputs("</table>\n<p class=\"note\">Gap: the site's own score "
		    "minus the faculty's; above 0, the team rates itself higher "
		    "than faculty do.</p>\n", f);
}
