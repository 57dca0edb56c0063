/* export-html.c: the learning-session report as one self-contained HTML page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/*
 * One file that opens in any browser, offline, and prints well: inline
 * CSS (with print rules), inline SVG charts (export-svg.c), no scripts,
 * no fonts or images fetched.  Everything that came from a plan or a
 * participant passes through html_text().  Per-site charts follow the
 * live views: a site where fewer than --min-group answered is named
 * under the charts as not shown, and its figures are never read.
 */

#define MAX_OPTIONS 64

static const char css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif;color:#1d2a33;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem;overflow-wrap:anywhere}"
    "h1{font-size:1.7rem;margin:0 0 .2rem}h2{font-size:1.25rem;"
    "border-bottom:2px solid #d5dde3;padding-bottom:.2rem;margin-top:2rem}"
    "h3{font-size:1rem;margin:1rem 0 .3rem}"
    ".meta{color:#5a6b78}.q{font-style:italic;color:#33444f}"
    "table{border-collapse:collapse;margin:.4rem 0 1rem}"
    "th,td{border:1px solid #d5dde3;padding:.25rem .5rem;text-align:left;"
    "vertical-align:top}th{background:#eef3f6}td.n{text-align:right}"
    "section{break-inside:avoid-page;margin-bottom:1.5rem}"
    ".multiples{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}"
    ".multiples figure{margin:0}.multiples figcaption{font-weight:600;"
    "font-size:.9rem}"
    ".note{color:#5a6b78;font-size:.9rem}.theme{font-weight:600}"
    "svg.chart{display:block;max-width:100%;height:auto}"
    "svg .bar{fill:#2b7a99}svg .lbl{font-size:12px;fill:#1d2a33}"
    "svg .num{font-size:12px;fill:#33444f}svg .in{font-size:11px;"
    "fill:#fff}svg .axis{stroke:#1d2a33;stroke-width:1}"
    "svg .grid{stroke:#d5dde3;stroke-width:1}svg .cut{stroke:#5a6b78;"
    "stroke-width:1;stroke-dasharray:4 3}svg .track{fill:#e6ecef}"
    "svg.meter{display:inline-block;vertical-align:middle}"
    "table.items td:first-child{max-width:34rem}"
    "h4{font-size:.95rem;margin:.8rem 0 .2rem;font-weight:600}"
    ".comments{margin:.2rem 0 .8rem}"
    "@media print{body{margin:0;max-width:none;font-size:11pt}"
    "h2{break-after:avoid}section,table,figure{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}"
    "svg .bar{fill:#555}svg .track{fill:#e8e8e8}th{background:#eee}}";

struct page {
	struct store *st;
	const struct export_job *j;
	const char *ids;
	FILE *f;
	int failed;
	int forms;		/* the database stores its forms' items */
	struct scores *sc;
};

static sqlite3_stmt *
q(struct page *p, const char *sql, int64_t session, int64_t activity)
{
	sqlite3_stmt *s = export_query(p->st, p->j, p->ids, sql);

	if (s == NULL) {
		p->failed = 1;
		return NULL;
	}
	export_bind_ids(s, session, activity);
	return s;
}

static void
cell(FILE *f, const char *tag, const char *text)
{
	fprintf(f, "<%s>", tag);
	html_text(f, text);
	fprintf(f, "</%.*s>", (int)strcspn(tag, " "), tag);
}

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
by_site(struct page *p, int64_t aid, int is_likert)
{
	sqlite3_stmt *s = q(p, REPORT_SITE_OPTIONS, 0, aid);
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
comments(struct page *p, int64_t aid, const char *title)
{
	sqlite3_stmt *s = q(p, REPORT_TEXTS, 0, aid);
	int n = 0;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fprintf(p->f, "<h3>%s</h3><table><tr><th>Comment"
			    "</th></tr>\n", title);
		fputs("<tr>", p->f);
		cell(p->f, "td", COL_TEXT(s, 1));
		fputs("</tr>\n", p->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		fputs("</table>\n", p->f);
}

/* A form's free text, listed under the question it answers. */
static int
form_comments(struct page *p, int64_t aid)
{
	sqlite3_stmt *s = q(p, p->forms ? REPORT_TEXTS_FORM :
	    REPORT_TEXTS_ITEMS, 0, aid);
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
			cell(p->f, "h4", COL_TEXT(s, 2));
			fputs("\n<ul class=\"comments\">\n", p->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		cell(p->f, "li", COL_TEXT(s, 1));
		putc('\n', p->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		fputs("</ul>\n", p->f);
	return n;
}

static void
poll(struct page *p, int64_t aid, const char *type)
{
	sqlite3_stmt *s = q(p, REPORT_ANSWERED, 0, aid);
	char *labels[MAX_OPTIONS];
	int counts[MAX_OPTIONS], n = 0, answered = 0, hush = 0, lk;
	double ranks[MAX_OPTIONS];
	int rank = strcmp(type, "rank") == 0;

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
	if ((s = q(p, REPORT_OPTIONS, 0, aid)) == NULL)
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

/* Café harvest (themes, then lines per table) or breakout lines. */
static void
harvest(struct page *p, int64_t aid, int cafe)
{
	sqlite3_stmt *s;
	int last = -1, n = 0;

	if (cafe && (s = q(p, REPORT_THEMES, 0, aid)) != NULL) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (n++ == 0)
				fputs("<h3>Themes</h3><ul>\n", p->f);
			cell(p->f, "li class=\"theme\"", COL_TEXT(s, 0));
			putc('\n', p->f);
		}
		if (n > 0)
			fputs("</ul>\n", p->f);
		sqlite3_finalize(s);
	}
	if ((s = q(p, REPORT_LINES, 0, aid)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int place = sqlite3_column_int(s, 0);

		if (place != last) {
			if (last != -1)
				fputs("</table>\n", p->f);
			fputs("<h3>", p->f);
			if (sqlite3_column_int(s, 1))
				fprintf(p->f, "Table %d", place);
			else if (sqlite3_column_type(s, 4) != SQLITE_NULL)
				html_text(p->f, COL_TEXT(s, 4));
			else
				fprintf(p->f, "Group %d", place);
			fputs("</h3><table><tr><th>Round</th><th>Line</th>"
			    "</tr>\n", p->f);
			last = place;
		}
		fprintf(p->f, "<tr><td class=\"n\">%d</td>",
		    sqlite3_column_int(s, 2));
		cell(p->f, "td", COL_TEXT(s, 3));
		fputs("</tr>\n", p->f);
	}
	if (last != -1)
		fputs("</table>\n", p->f);
	sqlite3_finalize(s);
}

static void
commitments(struct page *p, int64_t aid)
{
	sqlite3_stmt *s = q(p, REPORT_COMMITMENTS, 0, aid);
	int n = 0;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fputs("<h3>Commitments</h3><table><tr><th>Group</th>"
			    "<th>Change to test</th><th>Who</th><th>By when"
			    "</th><th>Measure</th></tr>\n", p->f);
		fputs("<tr>", p->f);
		for (int i = 0; i < 5; i++)
			cell(p->f, "td", COL_TEXT(s, i));
		fputs("</tr>\n", p->f);
	}
	if (n > 0)
		fputs("</table>\n", p->f);
	sqlite3_finalize(s);
}

/* A form's commitments: one row each, what, who and by when together,
 * as the breakout's table has them. */
static int
form_commitments(struct page *p, int64_t aid)
{
	sqlite3_stmt *s = q(p, REPORT_FORM_COMMITMENTS, 0, aid);
	char last[256] = "", question[256];
	int n = 0;

	if (s == NULL)
		return 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0 || strcmp(last, COL_TEXT(s, 0)) != 0) {
			if (n > 1)
				fputs("</table>\n", p->f);
			export_commit_question(COL_TEXT(s, 1), question,
			    sizeof question);
			fputs("<h3>", p->f);
			html_text(p->f, question);
			fputs("</h3><table><tr><th>What</th><th>Who</th><th>By "
			    "when</th></tr>\n", p->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		fputs("<tr>", p->f);
		for (int i = 2; i < 5; i++)
			cell(p->f, "td", COL_TEXT(s, i));
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
static void
evaluation(struct page *p, int64_t aid, int assess)
{
	sqlite3_stmt *s = q(p, p->forms ? REPORT_RATINGS_FORM :
	    REPORT_RATINGS, 0, aid);
	int n = 0, hidden = 0;

	if (s == NULL)
		return;
	if (assess && p->sc != NULL)
		scores_html_sites(p->f, p->sc, p->j, aid);
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
		cell(p->f, "td", COL_TEXT(s, 3));
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
	n += form_comments(p, aid);
	if (p->forms)
		n += form_commitments(p, aid);
	if (n == 0 && hidden == 0)
		fputs("<p class=\"note\">No answers.</p>\n", p->f);
}

static void
session(struct page *p, sqlite3_stmt *ss)
{
	int64_t sid = sqlite3_column_int64(ss, 0);
	sqlite3_stmt *s;
	int total = 0;

	fputs("<header><h1>", p->f);
	html_text(p->f, COL_TEXT(ss, 1));
	fputs("</h1><p class=\"meta\">", p->f);
	if (sqlite3_column_type(ss, 2) != SQLITE_NULL) {
		html_text(p->f, COL_TEXT(ss, 2));
		fputs(" · ", p->f);
	}
	html_text(p->f, COL_TEXT(ss, 3));
	if (sqlite3_column_type(ss, 4) != SQLITE_NULL) {
		fputs(" to ", p->f);
		html_text(p->f, COL_TEXT(ss, 4));
	}
	if (p->j->site != NULL) {
		fputs(" · site: ", p->f);
		html_text(p->f, p->j->site);
	}
	fputs("</p></header>\n<section><h2>Participants</h2><table><tr><th>"
	    "Site</th><th>People</th></tr>\n", p->f);
	if ((s = q(p, REPORT_SITES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		fputs("<tr>", p->f);
		cell(p->f, "td", COL_TEXT(s, 0));
		fprintf(p->f, "<td class=\"n\">%d</td></tr>\n",
		    sqlite3_column_int(s, 1));
		total += sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	fprintf(p->f, "<tr><th>Total</th><th class=\"n\">%d</th></tr>"
	    "</table></section>\n", total);
	if ((s = q(p, REPORT_ACTIVITIES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW && !p->failed) {
		int64_t aid = sqlite3_column_int64(s, 0);
		const char *kind = COL_TEXT(s, 2);

		fprintf(p->f, "<section><h2>%d. ", sqlite3_column_int(s, 1));
		html_text(p->f, COL_TEXT(s, 4));
		fputs("</h2>\n<p class=\"meta\">", p->f);
		html_text(p->f, kind);
		if (*COL_TEXT(s, 3)) {
			fputs(", ", p->f);
			html_text(p->f, COL_TEXT(s, 3));
		}
		fprintf(p->f, "%s</p>\n", sqlite3_column_int(s, 6) ?
		    ", anonymous" : "");
		if (*COL_TEXT(s, 5) && strcmp(COL_TEXT(s, 5), COL_TEXT(s, 4)))
			cell(p->f, "p class=\"q\"", COL_TEXT(s, 5));
		if (strcmp(kind, "poll") == 0)
			poll(p, aid, COL_TEXT(s, 3));
		else if (strcmp(kind, "cafe") == 0)
			harvest(p, aid, 1);
		else if (strcmp(kind, "breakout") == 0) {
			harvest(p, aid, 0);
			commitments(p, aid);
		} else
			evaluation(p, aid, strcmp(kind, "assess") == 0);
		fputs("</section>\n", p->f);
	}
	sqlite3_finalize(s);
}

static int
write_html(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	struct page p = { st, export_job(o), ids, f, 0, 0, NULL };
	sqlite3_stmt *s;
	int n = 0;

	p.forms = export_has_scores(st);
	if (scores_load(st, p.j, ids, &p.sc) != 0)
		p.failed = 1;
	s = q(&p, REPORT_SESSIONS, 0, 0);

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>Learning session "
	    "report</title>\n<style>%s</style>\n</head>\n<body>\n", css);
	if (!p.failed)
		scores_html_across(f, p.sc, p.j);
	if (s != NULL) {
		while (sqlite3_step(s) == SQLITE_ROW && !p.failed) {
			n++;
			export_progress(p.j, "sessions", n, n);
			fputs("<article>\n", f);
			session(&p, s);
			fputs("</article>\n", f);
		}
		sqlite3_finalize(s);
	}
	if (n == 0)
		fputs("<p>No sessions.</p>\n", f);
	fprintf(f, "<footer class=\"note\">Exported by convene %s. Sites "
	    "where fewer than %d people answered are not shown by site."
	    "</footer>\n</body>\n</html>\n", CONVENE_VERSION,
	    p.j->min_group);
	scores_free(p.sc);
	if (p.failed) {
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	return EXIT_OK;
}

const struct export_writer export_html = {
	.name = "html",
	.write = write_html,
	.multi = 0,
};
