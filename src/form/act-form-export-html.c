/* act-form-export-html.c: assess and feedback in the HTML report. */
#include <stdio.h>
#include <string.h>

#include "act-form-export.h"

/* A form's free text, listed under the question it answers. */
static int
form_comments(struct export_report *p, const struct form_report *fr,
    int64_t aid)
{
	sqlite3_stmt *s = export_report_query(p, fr->items ?
	    REPORT_TEXTS_FORM : REPORT_TEXTS_ITEMS, 0, aid);
	char last[256] = "";
	int n = 0;

	if (s == NULL)
		return 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fputs("<h3>Comments</h3>\n", p->f);
		if (n == 1 || strcmp(last, COL_TEXT(s, 0)) != 0) {
			if (n > 1)
				fputs("</ul>\n", p->f);
			html_cell(p->f, "h4", COL_TEXT(s, 2));
			fputs("\n<ul class=\"comments\">\n", p->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		html_cell(p->f, "li", COL_TEXT(s, 1));
		putc('\n', p->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		fputs("</ul>\n", p->f);
	return n;
}

/* A form's commitments: one row each, what, who and by when together,
 * as the breakout's table has them. */
static int
form_commitments(struct export_report *p, int64_t aid)
{
	sqlite3_stmt *s = export_report_query(p, REPORT_FORM_COMMITMENTS, 0, aid);
	char last[256] = "", question[256];
	int n = 0;

	if (s == NULL)
		return 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0 || strcmp(last, COL_TEXT(s, 0)) != 0) {
			if (n > 1)
				fputs("</table>\n", p->f);
			form_commit_question(COL_TEXT(s, 1), question,
			    sizeof question);
			fputs("<h3>", p->f);
			html_text(p->f, question);
			fputs("</h3><table><tr><th>What</th><th>Who</th><th>By "
			    "when</th></tr>\n", p->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		fputs("<tr>", p->f);
		for (int i = 2; i < 5; i++)
			html_cell(p->f, "td", COL_TEXT(s, i));
		fputs("</tr>\n", p->f);
	}
	if (n > 0)
		fputs("</table>\n", p->f);
	sqlite3_finalize(s);
	return n;
}

/*
 * Assessments and evaluations: for an assessment, each site's subscale
 * scores; then every rated item by its question, with its mean as a bar
 * over the item's scale; then the comments under their questions.
 */
void
form_export_html(struct export_report *p, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	const struct form_report *fr = state;
	sqlite3_stmt *s = export_report_query(p, fr->items ?
	    REPORT_RATINGS_FORM : REPORT_RATINGS, 0, aid);
	int n = 0, hidden = 0;

	(void)type;
	if (s == NULL)
		return;
	if (kind == ACT_ASSESS && fr->sc != NULL)
		scores_html_sites(p->f, fr->sc, p->j, aid);
	if (kind == ACT_ASSESS)
		fac_html_activity(p->f, fr->fac, aid);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int k = sqlite3_column_int(s, 1);
		double mean = sqlite3_column_double(s, 2);
		int known = sqlite3_column_type(s, 5) != SQLITE_NULL;
		double lo = known ? sqlite3_column_double(s, 4) : 0;
		double hi = known ? sqlite3_column_double(s, 5) : 10;

		if (p->j->site != NULL && k < p->j->min_group &&
		    !sqlite3_column_int(s, 6)) {
			hidden++;
			continue;
		}
		if (n++ == 0)
			fputs("<h3>Mean rating per item</h3>\n<table class=\""
			    "items\"><tr><th>Question</th><th>Mean</th><th></th>"
			    "<th>n</th></tr>\n", p->f);
		fputs("<tr>", p->f);
		html_cell(p->f, "td", COL_TEXT(s, 3));
		fprintf(p->f, "<td class=\"n\">%.2f</td><td>", mean);
		svg_meter(p->f, mean, lo, hi < mean ? mean : hi, 160);
		if (known)
			fprintf(p->f, " <span class=\"note\">%g to %g</span>",
			    lo, hi);
		fprintf(p->f, "</td><td class=\"n\">%d</td></tr>\n", k);
	}
	sqlite3_finalize(s);
	if (n > 0)
		fputs("</table>\n", p->f);
	if (hidden > 0)
		fprintf(p->f, "<p class=\"note\">%d item%s not shown: fewer "
		    "than %d answered.</p>\n", hidden, hidden > 1 ? "s" : "",
		    p->j->min_group);
	n += form_comments(p, fr, aid);
	if (fr->items)
		n += form_commitments(p, aid);
	if (n == 0 && hidden == 0)
		fputs("<p class=\"note\">No answers.</p>\n", p->f);
}


