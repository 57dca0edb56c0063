/* act-poll-export-html.c: a poll in the HTML report: its charts, by site too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act-poll-export.h"

#define MAX_OPTIONS 64

/* "3 Agree", "1 Strongly disagree": every option of a scale labelled,
 * so the options are ordered categories (a Likert item). */
static int
likert(char **labels, int n)
{
	if (n < 3 || n > 11)
		return 0;
	for (int i = 0; i < n; i++) {
		const char *s = labels[i];

		if (*s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
		if (*s != ' ' || s[1] == '\0')
			return 0;
	}
	return 1;
}

/* A poll's bars (or diverging bar) from labels and counts. */
static void
chart(FILE *f, char **labels, const int *counts, const double *ranks,
    int n, int answered, int is_likert, int width)
{
	struct svg_bar bars[MAX_OPTIONS];

	if (is_likert) {
		svg_diverging(f, (const char *const *)labels, counts, n, width);
		return;
	}
	for (int i = 0; i < n; i++) {
		bars[i].label = labels[i];
		if (ranks != NULL) {
			/* Borda points per person: n - mean rank. */
			bars[i].value = ranks[i] > 0 ? n - ranks[i] + 1 : 0;
			snprintf(bars[i].note, sizeof bars[i].note,
			    "mean rank %.2f", ranks[i]);
		} else {
			bars[i].value = counts[i];
			snprintf(bars[i].note, sizeof bars[i].note,
			    "%d (%.0f%%)", counts[i], answered > 0 ? 100.0 *
			    counts[i] / answered : 0.0);
		}
	}
	svg_bars(f, bars, n, width);
}

/* Small multiples: the same chart per site with enough answers. */
static void
by_site(struct export_report *p, int64_t aid, int is_likert)
{
	sqlite3_stmt *s = export_report_query(p, REPORT_SITE_OPTIONS, 0, aid);
	char *labels[MAX_OPTIONS], site[256] = "", hidden[2048] = "";
	int counts[MAX_OPTIONS], n = 0, answered = 0, shown = 0, rc;
	size_t used = 0;

	if (s == NULL)
		return;
	do {
		rc = sqlite3_step(s);
		if (n > 0 && (rc != SQLITE_ROW ||
		    strcmp(site, COL_TEXT(s, 0)) != 0)) {
			if (answered >= p->j->min_group) {
				if (shown++ == 0)
					fputs("<h3>By site</h3><div "
					    "class=\"multiples\">\n", p->f);
				fputs("<figure><figcaption>", p->f);
				html_text(p->f, site);
				fprintf(p->f, " (n=%d)</figcaption>\n",
				    answered);
				chart(p->f, labels, counts, NULL, n, answered,
				    is_likert, 300);
				fputs("</figure>\n", p->f);
			} else if (used < sizeof hidden)
				used += (size_t)snprintf(hidden + used,
				    sizeof hidden - used, "%s%s", used ? ", " :
				    "", site);
			for (int i = 0; i < n; i++)
				free(labels[i]);
			n = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		if (n == 0) {
			util_strlcpy(site, COL_TEXT(s, 0), sizeof site);
			answered = sqlite3_column_int(s, 1);
		}
		if (n < MAX_OPTIONS) {
			labels[n] = strdup(COL_TEXT(s, 2));
			counts[n++] = sqlite3_column_int(s, 3);
		}
	} while (1);
	sqlite3_finalize(s);
	if (shown > 0)
		fputs("</div>\n", p->f);
	if (used > 0) {
		fprintf(p->f, "<p class=\"note\">Not shown by site (fewer than "
		    "%d answered): ", p->j->min_group);
		html_text(p->f, hidden);
		fputs("</p>\n", p->f);
	}
}

/* A poll's free text, hidden answers left out. */
static void
comments(struct export_report *p, int64_t aid, const char *title)
{
	sqlite3_stmt *s = export_report_query(p, REPORT_TEXTS, 0, aid);
	int n = 0;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fprintf(p->f, "<h3>%s</h3><table><tr><th>Comment"
			    "</th></tr>\n", title);
		fputs("<tr>", p->f);
		html_cell(p->f, "td", COL_TEXT(s, 1));
		fputs("</tr>\n", p->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		fputs("</table>\n", p->f);
}

void
poll_export_html(struct export_report *p, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	sqlite3_stmt *s = export_report_query(p, REPORT_ANSWERED, 0, aid);
	char *labels[MAX_OPTIONS];
	int counts[MAX_OPTIONS], n = 0, answered = 0, hush = 0, lk;
	double ranks[MAX_OPTIONS];
	int rank = strcmp(type, "rank") == 0;

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
		fprintf(p->f, "<p class=\"note\">Suppressed: fewer than %d "
		    "answered.</p>\n", p->j->min_group);
		return;
	}
	fprintf(p->f, "<p class=\"meta\">Answered: %d</p>\n", answered);
	if (strcmp(type, "text") == 0) {
		comments(p, aid, "Answers");
		return;
	}
	if ((s = export_report_query(p, REPORT_OPTIONS, 0, aid)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW && n < MAX_OPTIONS) {
		labels[n] = strdup(COL_TEXT(s, 0));
		counts[n] = sqlite3_column_int(s, 1);
		ranks[n++] = sqlite3_column_double(s, 2);
	}
	sqlite3_finalize(s);
	lk = strcmp(type, "scale") == 0 && likert(labels, n);
	chart(p->f, labels, counts, rank ? ranks : NULL, n, answered, lk, 640);
	for (int i = 0; i < n; i++)
		free(labels[i]);
	if (!rank && p->j->site == NULL)
		by_site(p, aid, lk);
}

