/* export-measures-html.c: the report's run charts, small multiples by site. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "measures.h"

/*
 * After the sessions, one section per collaborative and measure: a run
 * chart for each site, side by side on one y scale so sites compare at
 * a glance (small multiples).  Each chart has its axes and their labels
 * (periods along x, the measure up y), the series as a line with a dot
 * per point, the median as a dashed line with its value, and the points
 * of a shift or trend drawn larger in another colour; the signals follow
 * in words.  Everything inline, as the rest of the report: presentation
 * attributes rather than new CSS, so a report without measures keeps
 * its bytes.
 */

#define W 300		/* one chart's width */
#define H 200		/* and height */
#define PL 46		/* plot area: left, right, top, bottom edges */
#define PR (W - 12)
#define PT 12
#define PB (H - 44)
#define LINE "#2b7a99"
#define SIGNAL "#c2410c"

#define SERIES "SELECT e.id, e.collaborative, e.measure, e.site, e.median, " \
    "(SELECT min(min(m.value), min(f.median)) FROM main.measures m JOIN " \
    "temp.export_series f ON m.collaborative = f.collaborative AND " \
    "m.site = f.site AND m.measure = f.measure WHERE f.collaborative = " \
    "e.collaborative AND f.measure = e.measure), (SELECT max(max(m.value), " \
    "max(f.median)) FROM main.measures m JOIN temp.export_series f ON " \
    "m.collaborative = f.collaborative AND m.site = f.site AND m.measure = " \
    "f.measure WHERE f.collaborative = e.collaborative AND f.measure = " \
    "e.measure) FROM temp.export_series e ORDER BY e.id"
#define SIGNALS "SELECT rule, from_period, to_period, text FROM " \
    "temp.export_signals WHERE series = ?4 ORDER BY n"

/* Whether point i (of period p) lies in a shift or trend. */
static int
in_signal(sqlite3_stmt *sig, const char *p)
{
	int yes = 0;

	sqlite3_reset(sig);
	while (sqlite3_step(sig) == SQLITE_ROW)
		if (strcmp(COL_TEXT(sig, 0), "runs") != 0 &&
		    strcmp(p, COL_TEXT(sig, 1)) >= 0 &&
		    strcmp(p, COL_TEXT(sig, 2)) <= 0)
			yes = 1;
	return yes;
}

/* A scale's end rounded outwards to a step that reads well. */
static void
nice(double *lo, double *hi)
{
	double span = *hi - *lo, step;

	if (span <= 0) {
		span = fabs(*hi) > 0 ? fabs(*hi) / 10 : 1;
		*lo -= span;
		*hi += span;
		span = *hi - *lo;
	}
	step = pow(10, floor(log10(span / 4)));
	if (span / step > 20)
		step *= 5;
	else if (span / step > 8)
		step *= 2;
	*lo = floor(*lo / step) * step;
	*hi = ceil(*hi / step) * step;
}

static void
chart(struct export_report *r, const struct measure_series *s,
    sqlite3_stmt *sig, double lo, double hi)
{
	FILE *f = r->f;
	double span = hi - lo;
	char a[32], b[32];
	int n = s->n;

#define X(i) (n > 1 ? PL + 8 + (double)(PR - PL - 16) * (i) / (n - 1) : \
    (PL + PR) / 2.0)
#define Y(v) (PT + (double)(PB - PT) * (hi - (v)) / span)
	fprintf(f, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
	    "<title>", W, H, W, H);
	html_text(f, s->measure);
	fputs(", ", f);
	html_text(f, s->site);
	fputs(": run chart</title>\n", f);
	/* Axes, their ends and labels. */
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\" "
	    "stroke=\"#1d2a33\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "class=\"axis\" stroke=\"#1d2a33\"/>\n", PL, PT, PL, PB, PL, PB, PR,
	    PB);
	fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"num\" font-size=\"11\" "
	    "text-anchor=\"end\">%g</text><text x=\"%d\" y=\"%.1f\" class=\"num\" "
	    "font-size=\"11\" text-anchor=\"end\">%g</text>\n", PL - 4,
	    Y(hi) + 4, hi, PL - 4, Y(lo) + 4, lo);
	fprintf(f, "<text x=\"12\" y=\"%d\" class=\"lbl\" font-size=\"11\" "
	    "text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">",
	    (PT + PB) / 2, (PT + PB) / 2);
	html_cut(f, s->measure, 26);
	fputs("</text>\n", f);
	runchart_period_words(s->pts[0].period, a, sizeof a);
	runchart_period_words(s->pts[n - 1].period, b, sizeof b);
	fprintf(f, "<text x=\"%.1f\" y=\"%d\" class=\"lbl\" font-size=\"11\" "
	    "text-anchor=\"%s\">%s</text>", X(0), PB + 15, n > 1 ? "start" :
	    "middle", a);
	if (n > 1)
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" class=\"lbl\" "
		    "font-size=\"11\" text-anchor=\"end\">%s</text>",
		    X(n - 1), PB + 15, b);
	fprintf(f, "\n<text x=\"%d\" y=\"%d\" class=\"lbl\" font-size=\"11\" "
	    "text-anchor=\"middle\">period (%d point%s)</text>\n", (PL + PR) / 2,
	    PB + 34, n, n == 1 ? "" : "s");
	/* The median. */
	fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	    "class=\"cut\" stroke=\"#5a6b78\" stroke-dasharray=\"4 3\"/>"
	    "<text x=\"%d\" y=\"%.1f\" class=\"num\" font-size=\"11\" "
	    "text-anchor=\"end\">median %g</text>\n", PL, Y(s->median), PR,
	    Y(s->median), PR, Y(s->median) - 4, s->median);
	/* The series, then its points. */
	if (n > 1) {
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"1.5\" points=\"", LINE);
		for (int i = 0; i < n; i++)
			fprintf(f, "%s%.1f,%.1f", i ? " " : "", X(i),
			    Y(s->pts[i].value));
		fputs("\"/>\n", f);
	}
	for (int i = 0; i < n; i++) {
		const struct measure_point *p = &s->pts[i];
		int hot = in_signal(sig, p->period);

		runchart_period_words(p->period, a, sizeof a);
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\""
		    "%s><title>%s: %g", X(i), Y(p->value), hot ? "4.5" : "3",
		    hot ? SIGNAL : LINE, hot ? " class=\"signal\"" : "", a,
		    p->value);
		if (p->has_ratio)
			fprintf(f, " (%g/%g)", p->numerator, p->denominator);
		if (p->baseline)
			fputs(", baseline", f);
		if (hot)
			fputs(", part of a signal", f);
		if (p->note[0] != '\0') {
			fputs(": ", f);
			html_text(f, p->note);
		}
		fputs("</title></circle>\n", f);
	}
	fputs("</svg>\n", f);
#undef X
#undef Y
}

/* One site's figure: its chart and its signals in words. */
static void
figure(struct export_report *r, sqlite3_stmt *e, sqlite3_stmt *sig,
    struct measure_series *s, double lo, double hi)
{
	char err[256];
	int any = 0;

	if (measures_load(r->st, COL_TEXT(e, 1), COL_TEXT(e, 3),
	    COL_TEXT(e, 2), s, err, sizeof err) != 0 || s->n == 0) {
		r->failed = s->n != 0;
		return;
	}
	fputs("<figure><figcaption>", r->f);
	html_text(r->f, s->site);
	fputs("</figcaption>\n", r->f);
	chart(r, s, sig, lo, hi);
	sqlite3_reset(sig);
	while (sqlite3_step(sig) == SQLITE_ROW) {
		fputs(any++ ? "" : "<ul class=\"note\">", r->f);
		html_cell(r->f, "li", COL_TEXT(sig, 3));
	}
	fputs(any ? "</ul>\n" : "<p class=\"note\">No signal.</p>\n", r->f);
	fputs("</figure>\n", r->f);
}

void
export_measures_html(struct export_report *r)
{
	sqlite3_stmt *e = export_report_query(r, SERIES, 0, 0);
	sqlite3_stmt *sig = export_report_query(r, SIGNALS, 0, 0);
	struct measure_series *s = malloc(sizeof *s);
	char prev[2 * (MEASURE_NAME_MAX + 1) + 2] = "", key[sizeof prev];
	int open = 0;

	if (e == NULL || sig == NULL || s == NULL) {
		r->failed = 1;
		goto out;
	}
	fputs("<article>\n<header><h1>Measures</h1><p class=\"meta\">Run "
	    "charts of the sites' measures: the median of the baseline "
	    "points (of all points where none is marked) as a dashed line; "
	    "larger points belong to a shift (6 or more points on one side "
	    "of the median) or a trend (5 or more going one way); too few or "
	    "too many runs are named below a chart (Perla, Provost &amp; "
	    "Murray, BMJ Qual Saf 2011).</p></header>\n", r->f);
	while (sqlite3_step(e) == SQLITE_ROW && !r->failed) {
		double lo = sqlite3_column_double(e, 5);
		double hi = sqlite3_column_double(e, 6);

		snprintf(key, sizeof key, "%s\n%s", COL_TEXT(e, 1),
		    COL_TEXT(e, 2));
		if (strcmp(key, prev) != 0) {
			fputs(open ? "</div></section>\n" : "", r->f);
			fputs("<section><h2>", r->f);
			html_text(r->f, COL_TEXT(e, 2));
			fputs("</h2>\n<p class=\"meta\">", r->f);
			html_text(r->f, COL_TEXT(e, 1));
			fputs("</p>\n<div class=\"multiples\">\n", r->f);
			memcpy(prev, key, sizeof prev);
			open = 1;
		}
		/* One scale for every site of the measure. */
		nice(&lo, &hi);
		sqlite3_reset(sig);
		sqlite3_bind_int64(sig, 4, sqlite3_column_int64(e, 0));
		figure(r, e, sig, s, lo, hi);
	}
	fputs(open ? "</div></section>\n" : "", r->f);
	fputs("</article>\n", r->f);
out:
	free(s);
	sqlite3_finalize(e);
	sqlite3_finalize(sig);
}
