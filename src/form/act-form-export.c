/* act-form-export.c: assess and feedback in the exports: scores, ratings, comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act-form-export.h"
#include "kind-export.h"

/* CSV (export-csv.c has the parameters). */
/*
 * Subscale scores (SCORE_ROWS_ALL in export.h), over all sites first,
 * then per site, withheld for fewer than ?3 people unless the form was
 * answered once per site (SCORE_SHOWN).  A database from before forms
 * were stored (no form_items) gives the columns and no rows.
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

static const struct export_column cols_scores[] = {
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

static const struct export_table form_tables[] = {
	{ 100, "scores", sql_scores, "form_items",
	    sql_no_scores, cols_scores,
	    EXPORT_COUNT(cols_scores) },
	{ 101, "agreement", form_sql_agreement, "form_points",
	    form_sql_no_agreement, form_cols_agreement,
	    FORM_N_COLS_AGREEMENT },
	{ 102, "faculty_scores", form_sql_faculty_scores, "faculty_ratings",
	    form_sql_no_faculty_scores, form_cols_faculty_scores,
	    FORM_N_COLS_FACULTY_SCORES },
	{ 103, "faculty_ratings", form_sql_faculty_ratings, "faculty_ratings",
	    form_sql_no_faculty_ratings, form_cols_faculty_ratings,
	    FORM_N_COLS_FACULTY_RATINGS },
};

/* JSON: each activity's "scores" (export-json.c has the parameters),
 * computed first, as the document would be too deep for SQLite's
 * parser with them inside. */
/* Scores per activity (SCORE_ROWS), a site under ?3 suppressed unless
 * the form was answered once per site (SCORE_SHOWN); "by" says which. */
#define SCORE_BY "'by', CASE WHEN by_site THEN 'site' ELSE 'person' END"
#define SCORES_CTE "scores (id, j) AS (SELECT activity, "		\
    "json_group_array(json(j)) FROM (SELECT activity, CASE WHEN "	\
    SCORE_SHOWN " THEN json_object('site', site, 'subscale', subscale, "\
    "'mean', round(mean, 2), 'sd', round(sd, 2), 'n', n, " SCORE_BY ") "\
    "ELSE json_object('site', site, 'subscale', subscale, 'suppressed', "\
    "json('true'), " SCORE_BY ") END AS j FROM " SCORE_ROWS " ORDER BY "\
    "activity, site IS NULL, site, subscale) GROUP BY activity)"
#define NO_SCORES_CTE "scores (id, j) AS (SELECT NULL, NULL WHERE 0)"

static const struct export_json_field form_json[] = {
	{ 30, SCORES_CTE, "form_items", NO_SCORES_CTE, "'scores', json("
	    "coalesce((SELECT j FROM scores r WHERE r.id = a.id), '[]'))" },
	/* Only where there are such figures (act-form-export-faculty.c). */
	{ EXPORT_JSON_SPARSE + 110, form_cte_agree, "form_points",
	    "agree_j (id, j) AS (SELECT NULL, NULL WHERE 0)", "'agreement', "
	    "json((SELECT j FROM agree_j WHERE id = a.id))" },
	{ EXPORT_JSON_SPARSE + 111, form_cte_fac_scores, "faculty_ratings",
	    "fac_scores_j (id, j) AS (SELECT NULL, NULL WHERE 0)",
	    "'faculty_scores', json((SELECT j FROM fac_scores_j WHERE id = "
	    "a.id))" },
	{ EXPORT_JSON_SPARSE + 112, form_cte_fac_ratings, "faculty_ratings",
	    "fac_ratings_j (id, j) AS (SELECT NULL, NULL WHERE 0)",
	    "'faculty_ratings', json((SELECT j FROM fac_ratings_j WHERE id = "
	    "a.id))" },
};

/* A commitment's question from its what slot's text ("One change...?  What
 * change will you test?"): the part before the slot's own. */
void
form_commit_question(const char *slot_text, char *out, size_t cap)
{
	const char *cut = strstr(slot_text, "  ");

	snprintf(out, cap, "%.*s", cut != NULL ? (int)(cut - slot_text) :
	    (int)strlen(slot_text), slot_text);
}

/* A form's commitments: one row each, what, who and by when together,
 * as the breakout's table has them. */
static int
form_commitments(struct export_report *m, int64_t aid)
{
	sqlite3_stmt *s = export_report_query(m, REPORT_FORM_COMMITMENTS, 0, aid);
	char last[256] = "", question[256];
	int n = 0;

	if (s == NULL)
		return 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0 || strcmp(last, COL_TEXT(s, 0)) != 0) {
			form_commit_question(COL_TEXT(s, 1), question,
			    sizeof question);
			fputs(n > 1 ? "\n**" : "**", m->f);
			md_text(m->f, question);
			fputs("**\n\n| What | Who | By when |\n|---|---|---|\n",
			    m->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		for (int i = 2; i < 5; i++) {
			fputs("| ", m->f);
			md_text(m->f, COL_TEXT(s, i));
			fputs(" ", m->f);
		}
		fputs("|\n", m->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		putc('\n', m->f);
	return n;
}

/* Forms: the mean of each rated item, by its question; then the
 * comments, under the question they answer; then the commitments. */
static void
form_md(struct export_report *m, void *state, int64_t aid, enum act_kind kind,
    const char *type)
{
	const struct form_report *fr = state;
	sqlite3_stmt *s = export_report_query(m, fr->items ?
	    REPORT_RATINGS_FORM : REPORT_RATINGS, 0, aid);
	char last[256] = "";
	int n = 0, rated;

	(void)kind;
	(void)type;
	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int k = sqlite3_column_int(s, 1);

		if (n++ == 0)
			fputs("| Question | n | Mean |\n|---|---:|---:|\n", m->f);
		fputs("| ", m->f);
		md_text(m->f, COL_TEXT(s, 3));
		/* A site's own answer (by = site) is shown whatever n. */
		if (m->j->site != NULL && k < m->j->min_group &&
		    !sqlite3_column_int(s, 6))
			fprintf(m->f, " | suppressed | |\n");
		else
			fprintf(m->f, " | %d | %.2f |\n", k,
			    sqlite3_column_double(s, 2));
	}
	sqlite3_finalize(s);
	if (n > 0)
		putc('\n', m->f);
	if ((s = export_report_query(m, fr->items ?
	    REPORT_TEXTS_FORM : REPORT_TEXTS_ITEMS, 0, aid)) == NULL)
		return;
	rated = n;
	n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fputs("**Comments**\n\n", m->f);
		if (n == 1 || strcmp(last, COL_TEXT(s, 0)) != 0) {
			fputs(n > 1 ? "\n*" : "*", m->f);
			md_text(m->f, COL_TEXT(s, 2));
			fputs("*\n\n", m->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		fputs("- ", m->f);
		md_text(m->f, COL_TEXT(s, 1));
		putc('\n', m->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		putc('\n', m->f);
	if (fr->items)
		n += form_commitments(m, aid);
	if (n == 0 && rated == 0)
		fputs("No answers yet.\n\n", m->f);
}

static int
form_report_load(struct export_report *r, void **state)
{
	struct form_report *fr = calloc(1, sizeof *fr);

	*state = fr;
	if (fr == NULL)
		return -1;
	fr->items = export_has_table(r->st, "form_items");
	if (scores_load(r->st, r->j, r->ids, &fr->sc) != 0)
		return -1;
	return fac_load(r->st, r->j, r->ids, &fr->fac);
}

static void
form_report_release(void *state)
{
	struct form_report *fr = state;

	if (fr == NULL)
		return;
	scores_free(fr->sc);
	fac_free(fr->fac);
	free(fr);
}

static void
form_report_md_front(struct export_report *r, void *state)
{
	scores_md_across(r->f, ((struct form_report *)state)->sc, r->j);
}

static void
form_report_html_front(struct export_report *r, void *state)
{
	scores_html_across(r->f, ((struct form_report *)state)->sc,
	    ((struct form_report *)state)->fac, r->j);
}

const struct kind_export form_export = {
	.tables = form_tables,
	.n_tables = EXPORT_COUNT(form_tables),
	.json = form_json,
	.n_json = EXPORT_COUNT(form_json),
	.load = form_report_load,
	.release = form_report_release,
	.md_front = form_report_md_front,
	.html_front = form_report_html_front,
	.md = form_md,
	.html = form_export_html,
};
