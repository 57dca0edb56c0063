/* story-chart.c: a run chart drawn as lines of text for a terminal: the
 * points, the median line, the points of each signal marked, the
 * periods under the axis, a legend and the signals in words (Perla,
 * Provost & Murray, BMJ Qual Saf 2011, read the chart this way: the
 * median as the centre line, signals named).  UTF-8 glyphs, or ASCII on
 * terminals that cannot show them (vt100, LANG=C).  Pure: no curses. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-storyboard.h"
#include "measures.h"

enum glyph { G_SPACE, G_POINT, G_SIGNAL, G_MEDIAN, G_VAXIS, G_TICK,
	G_CORNER, G_HAXIS, G_MAX };

static const char *const glyph_utf8[G_MAX] = {
	" ", "\u25cf", "\u25c6", "\u2504", "\u2502", "\u2524", "\u2514",
	"\u2500"
};
static const char *const glyph_ascii[G_MAX] = {
	" ", "o", "*", "-", "|", "+", "+", "-"
};

#define CHART_COLS_MAX 300

/* A value as a label: few digits, no trailing zeros ("72.5", "0.85"). */
void
story_number(double v, char *out, size_t n)
{
	double a = fabs(v);
	int dec = a >= 100 ? 0 : a >= 10 ? 1 : 2;
	char *e;

	if (!isfinite(v)) {
		snprintf(out, n, "?");
		return;
	}
	snprintf(out, n, "%.*f", dec, v);
	if (strchr(out, '.') != NULL) {
		for (e = out + strlen(out); e[-1] == '0'; )
			*--e = '\0';
		if (e[-1] == '.')
			e[-1] = '\0';
	}
	if (strcmp(out, "-0") == 0)
		snprintf(out, n, "0");
}

/* "2026-01" as "Jan 26", "2026-01-15" as "15 Jan"; anything else as it
 * is. */
void
story_period_label(const char *p, char *out, size_t n)
{
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, d;
	char tail;

	if (sscanf(p, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 &&
	    m <= 12)
		snprintf(out, n, "%d %s", d, mon[m - 1]);
	else if (sscanf(p, "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 &&
	    m <= 12)
		snprintf(out, n, "%s %02d", mon[m - 1], y % 100);
	else
		snprintf(out, n, "%s", p);
}

/* Append `s` to line `l`, keeping it a string. */
static void
put(char *l, const char *s)
{
	size_t u = strlen(l);

	snprintf(l + u, CHART_LINE_MAX - u, "%s", s);
}

static int
row_of(double v, double lo, double hi, int h)
{
	int y;

	if (hi <= lo)
		return h / 2;
	y = (int)lround((v - lo) / (hi - lo) * (h - 1));
	return h - 1 - (y < 0 ? 0 : y > h - 1 ? h - 1 : y);
}

/* The words under the chart: one line a signal, or that there is none. */
static int
signal_lines(const struct measure_series *ms,
    const struct runchart_signal *sig, int nsig, int cols, int room,
    char (*lines)[CHART_LINE_MAX], int k)
{
	char t[CHART_LINE_MAX];

	if (ms->n < 1)
		return k;
	if (nsig == 0 && room > 0) {
		text_fit("No signal: no shift, trend or unusual number of "
		    "runs.", cols, 0, lines[k++], CHART_LINE_MAX);
		return k;
	}
	for (int i = 0; i < nsig && room > 0; i++, room--) {
		if (room == 1 && i + 1 < nsig) {
			snprintf(t, sizeof t, "... and %d more signal%s", nsig -
			    i, nsig - i == 1 ? "" : "s");
			text_fit(t, cols, 1, lines[k++], CHART_LINE_MAX);
			break;
		}
		snprintf(t, sizeof t, "Signal: %s", sig[i].text);
		text_fit(t, cols, 1, lines[k++], CHART_LINE_MAX);
	}
	return k;
}

int
story_chart(const struct measure_series *ms,
    const struct runchart_signal *sig, int nsig, int cols, int rows,
    int utf8, char (*lines)[CHART_LINE_MAX], int max)
{
	const char *const *g = utf8 ? glyph_utf8 : glyph_ascii;
	static unsigned char grid[64][CHART_COLS_MAX];
	char hi_s[32], lo_s[32], md_s[32], lab[64], t[CHART_LINE_MAX];
	double lo, hi;
	int sig_rows, h, w, lw, first, step, k = 0, mrow, last_x;

	if (rows > max)
		rows = max;
	if (cols > CHART_COLS_MAX)
		cols = CHART_COLS_MAX;
	if (rows < 1 || cols < 10)
		return 0;
	if (ms->n < 1) {
		snprintf(t, sizeof t, "No data for %s from %s.", ms->measure,
		    ms->site[0] ? ms->site : "this site");
		text_fit(t, cols, utf8, lines[k++], CHART_LINE_MAX);
		return k;
	}
	sig_rows = nsig > 0 ? nsig : 1;
	if (rows - 3 - sig_rows < 5)
		sig_rows = rows - 8 > 1 ? rows - 8 : 1;
	h = rows - 3 - sig_rows;
	if (h > 64)
		h = 64;
	if (h < 3) {
		/* No room for a chart: the median and the signals in words. */
		story_number(ms->median, md_s, sizeof md_s);
		snprintf(t, sizeof t, "%d points, median %s", ms->n, md_s);
		text_fit(t, cols, utf8, lines[k++], CHART_LINE_MAX);
		return signal_lines(ms, sig, nsig, cols, rows - k, lines, k);
	}
	lo = hi = ms->median;
	for (int i = 0; i < ms->n; i++) {
		lo = ms->pts[i].value < lo ? ms->pts[i].value : lo;
		hi = ms->pts[i].value > hi ? ms->pts[i].value : hi;
	}
	story_number(hi, hi_s, sizeof hi_s);
	story_number(lo, lo_s, sizeof lo_s);
	story_number(ms->median, md_s, sizeof md_s);
	lw = (int)strlen(hi_s);
	lw = (int)strlen(lo_s) > lw ? (int)strlen(lo_s) : lw;
	lw = (int)strlen(md_s) > lw ? (int)strlen(md_s) : lw;
	if (lw > 10)
		lw = 10;
	w = cols - lw - 2;
	first = ms->n > w ? ms->n - w : 0;
	step = (ms->n - first) > 0 ? w / (ms->n - first) : 1;
	if (step > 6)
		step = 6;
	if (step < 1)
		step = 1;
	/* The plot: spaces, the median's row, then the points over it. */
	mrow = row_of(ms->median, lo, hi, h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			grid[y][x] = y == mrow ? G_MEDIAN : G_SPACE;
	for (int i = first; i < ms->n; i++) {
		int x = (i - first) * step + step / 2, in = 0;

		for (int s = 0; s < nsig; s++)
			in |= i >= sig[s].from && i <= sig[s].to;
		if (x < w)
			grid[row_of(ms->pts[i].value, lo, hi, h)][x] = in ?
			    G_SIGNAL : G_POINT;
	}
	for (int y = 0; y < h; y++) {
		const char *label = y == 0 ? hi_s : y == h - 1 ? lo_s : y ==
		    mrow ? md_s : "";

		snprintf(lines[k], CHART_LINE_MAX, "%*.*s%s", lw, lw, y == mrow ?
		    md_s : label, y == mrow || y == 0 || y == h - 1 ?
		    g[G_TICK] : g[G_VAXIS]);
		for (int x = 0; x < w; x++)
			put(lines[k], g[grid[y][x]]);
		k++;
	}
	/* The axis, then the periods where they fit. */
	snprintf(lines[k], CHART_LINE_MAX, "%*s%s", lw, "", g[G_CORNER]);
	for (int x = 0; x < w; x++)
		put(lines[k], g[G_HAXIS]);
	k++;
	memset(t, ' ', (size_t)cols);
	t[cols] = '\0';
	story_period_label(ms->pts[ms->n - 1].period, lab, sizeof lab);
	last_x = lw + 1 + (ms->n - 1 - first) * step + step / 2;
	if (last_x + (int)strlen(lab) > cols)
		last_x = cols - (int)strlen(lab);
	for (int i = first, last_end = -1; i < ms->n; i++) {
		int x = lw + 1 + (i - first) * step + step / 2, len;

		story_period_label(ms->pts[i].period, lab, sizeof lab);
		len = (int)strlen(lab);
		if (i != ms->n - 1 && x + len >= last_x)
			continue;	/* keep room for the last label */
		if (i == ms->n - 1)
			x = last_x;
		if (x <= last_end || x < 0)
			continue;
		memcpy(t + x, lab, (size_t)len);
		last_end = x + len;
	}
	for (char *e = t + strlen(t); e > t && e[-1] == ' ';)
		*--e = '\0';
	snprintf(lines[k++], CHART_LINE_MAX, "%s", t);
	snprintf(t, sizeof t, "%s value  %s signal  %s%s median %s",
	    g[G_POINT], g[G_SIGNAL], g[G_MEDIAN], g[G_MEDIAN], md_s);
	if (first > 0) {
		size_t u = strlen(t);

		snprintf(t + u, sizeof t - u, "  (last %d of %d)", ms->n -
		    first, ms->n);
	}
	text_fit(t, cols, utf8, lines[k++], CHART_LINE_MAX);
	return signal_lines(ms, sig, nsig, cols, rows - k, lines, k);
}
