/* export-svg.c: HTML escaping and the inline SVG charts of the HTML report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/*
 * Text from users and plans goes into the page only through html_text(),
 * in element content and in double-quoted attributes alike: the five
 * characters that can open markup or end an attribute are replaced by
 * entities, and control characters (other than line breaks) are dropped,
 * so a note holding <script> shows as text and runs nothing.
 */
void
html_text(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				break;
			putc(c, f);
		}
	}
}

/* html_text() of at most `chars` characters (UTF-8), with "…" if cut.
 * SVG text does not wrap, so chart labels must stay short. */
void
html_cut(FILE *f, const char *s, int chars)
{
	char buf[512];
	size_t i = 0;
	int n = 0;

	if (s == NULL)
		return;
	for (; s[i] != '\0' && i < sizeof buf - 4; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == chars)
			break;
		buf[i] = s[i];
	}
	buf[i] = '\0';
	html_text(f, buf);
	if (s[i] != '\0')
		fputs("…", f);
}

#define ROW 22		/* height of one bar's row */
#define LABEL_FRAC 0.38	/* share of the width given to the labels */

/*
 * Horizontal bars, longest value the full width of the bar area, each
 * with its label on the left (full text as a tooltip) and its note on
 * the right.  `width` is the chart's width in CSS pixels.
 */
void
svg_bars(FILE *f, const struct svg_bar *b, int n, int width)
{
	int lw = (int)(width * LABEL_FRAC), nw = 86;
	int area = width - lw - nw, h = n * ROW + 4;
	double max = 0;

	for (int i = 0; i < n; i++)
		if (b[i].value > max)
			max = b[i].value;
	fprintf(f, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
	    width, h, width, h);
	for (int i = 0; i < n; i++) {
		int y = i * ROW + 2;
		double len = max > 0 ? area * b[i].value / max : 0;

		fputs("<g><title>", f);
		html_text(f, b[i].label);
		fprintf(f, ": ");
		html_text(f, b[i].note);
		fprintf(f, "</title><text x=\"%d\" y=\"%d\" class=\"lbl\" "
		    "text-anchor=\"end\">", lw - 6, y + 15);
		html_cut(f, b[i].label, width < 400 ? 16 : 30);
		fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
		    "height=\"%d\" class=\"bar\"/><text x=\"%.1f\" y=\"%d\" "
		    "class=\"num\">", lw, y + 3, len < 1 && b[i].value > 0 ? 1 :
		    len, ROW - 6, lw + len + 4, y + 15);
		html_text(f, b[i].note);
		fputs("</text></g>\n", f);
	}
	fputs("</svg>\n", f);
}

/* Disagree to agree: browns, a grey middle, teals. */
static const char *
shade(int i, int k)
{
	static const char *neg[] = { "#8c510a", "#bf812d", "#dfc27d" };
	static const char *pos[] = { "#80cdc1", "#35978f", "#01665e" };
	int mid2 = k - 1;	/* twice the middle index */

	if (2 * i == mid2)
		return "#c8c8c8";
	if (2 * i < mid2) {
		int d = (mid2 - 2 * i + 1) / 2;	/* 1 nearest the middle */
		return neg[3 - (d > 3 ? 3 : d)];
	}
	{
		int d = (2 * i - mid2 + 1) / 2;
		return pos[(d > 3 ? 3 : d) - 1];
	}
}

/*
 * One diverging stacked bar for a Likert item: the disagreeing shares
 * to the left of a centre line, the agreeing to the right, a middle
 * option split across it.  Shares are of everyone who answered.  A
 * legend with every label follows when the chart is wide.
 */
void
svg_diverging(FILE *f, const char *const *labels, const int *counts, int k,
    int width)
{
	int total = 0, legend = width >= 400, h = 30 + (legend ? 20 *
	    ((k + 2) / 3) + 6 : 0);
	double half = (width - 20) / 2.0, cx = width / 2.0, left = 0, x;

	for (int i = 0; i < k; i++)
		total += counts[i];
	for (int i = 0; i < k; i++)
		if (2 * i < k - 1)
			left += counts[i];
		else if (2 * i == k - 1)
			left += counts[i] / 2.0;
	fprintf(f, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
	    width, h, width, h);
	x = total > 0 ? cx - half * left / total : cx;
	for (int i = 0; i < k && total > 0; i++) {
		double w = half * counts[i] / total;

		fprintf(f, "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" "
		    "height=\"20\" fill=\"%s\"><title>", x, w, shade(i, k));
		html_text(f, labels[i]);
		fprintf(f, ": %d (%.0f%%)</title></rect>\n", counts[i],
		    100.0 * counts[i] / total);
		/* Dark text on the pale shades next to the middle. */
		if (w >= 26)
			fprintf(f, "<text x=\"%.1f\" y=\"18\" class=\"in\" "
			    "text-anchor=\"middle\"%s>%.0f%%</text>\n", x + w / 2,
			    abs(2 * i - (k - 1)) <= 2 ? " fill=\"#1d2a33\"" : "",
			    100.0 * counts[i] / total);
		x += w;
	}
	fprintf(f, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"28\" "
	    "class=\"axis\"/>\n", cx, cx);
	for (int i = 0; legend && i < k; i++) {
		int lx = 10 + (i % 3) * (width - 20) / 3, ly = 36 + (i / 3) * 20;

		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
		    "fill=\"%s\"/><text x=\"%d\" y=\"%d\" class=\"lbl\">", lx,
		    ly, shade(i, k), lx + 16, ly + 11);
		html_cut(f, labels[i], 28);
		fprintf(f, " (%d)</text>\n", counts[i]);
	}
	fputs("</svg>\n", f);
}

/*
 * Colours for lines, told apart by people with colour-blindness
 * (Okabe and Ito), then the same again dashed: twenty-four sites before
 * two lines look alike, and a legend names every one.
 */
static const char *const line_colour[] = { "#0072b2", "#d55e00", "#009e73",
    "#cc79a7", "#e69f00", "#56b4e9", "#1d2a33", "#8c6d31" };
static const char *const line_dash[] = { "", " stroke-dasharray=\"7 3\"",
    " stroke-dasharray=\"2 3\"" };
#define N_COLOURS (int)(sizeof line_colour / sizeof line_colour[0])

static void
line_style(FILE *f, int i)
{
	fprintf(f, "stroke=\"%s\"%s", line_colour[i % N_COLOURS],
	    line_dash[(i / N_COLOURS) % 3]);
}

/* A tick every whole number of a scale, or every 2 on a long one. */
static double
tick_step(double lo, double hi)
{
	return hi - lo > 12 ? 2 : 1;
}

#define L_LEFT 40	/* room for the y labels */
#define L_PLOT 210	/* height of the plot area */
#define L_TOP 10
#define L_SHARE 62	/* height of the share row */
#define L_KEY 20	/* one row of the legend */

/*
 * A line chart: x the sessions in order, y the scale from lo to hi.
 * Each series is one site: a polyline through each run of points it
 * has (a point it lacks, missing or suppressed, breaks the line: a gap,
 * never an interpolation), a dot on every point with its figures as a
 * tooltip, and an entry in the legend below.  Lines are nudged apart
 * sideways by a pixel or two so equal scores do not hide each other.
 * With `share`, a row of bars under the x labels gives, per session,
 * the share of sites at share->cut or above, with a dashed line at the
 * cut in the plot.
 */
void
svg_lines(FILE *f, const char *const *xlab, const char *const *xtip, int nx,
    const struct svg_series *s, int ns, double lo, double hi,
    const struct svg_share *share, int width)
{
	int per_row = width >= 500 ? 4 : 2, key_rows = (ns + per_row - 1) /
	    per_row;
	int x_axis = L_TOP + L_PLOT, share_top = x_axis + 38;
	int key_top = share_top + (share != NULL ? L_SHARE : 0) + 6;
	int h = key_top + key_rows * L_KEY + 4;
	double x0 = L_LEFT + 36, x1 = width - 36, step = tick_step(lo, hi);
	double span = hi > lo ? hi - lo : 1;

#define LX(i) (nx > 1 ? x0 + (x1 - x0) * (i) / (nx - 1) : (x0 + x1) / 2)
#define LY(v) (L_TOP + L_PLOT * (hi - (v)) / span)
	fprintf(f, "<svg class=\"chart lines\" xmlns=\"http://www.w3.org/2000/"
	    "svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
	    ">\n", width, h, width, h);
	/* Grid: the scale's ends and every whole step between. */
	for (int g = -1; ; g++) {
		double t = g < 0 ? lo : ceil(lo / step - 1e-9) * step + g * step;

		if (t > hi + 1e-9)
			break;
		if (g >= 0 && fabs(t - lo) < 1e-9)
			continue;
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"num\" "
		    "text-anchor=\"end\">%g</text>\n", L_LEFT, LY(t), width - 10,
		    LY(t), L_LEFT - 6, LY(t) + 4, t);
	}
	if (share != NULL && share->cut > lo && share->cut < hi)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "class=\"cut\"/>\n", L_LEFT, LY(share->cut), width - 10,
		    LY(share->cut));
	for (int i = 0; i < nx; i++) {
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" class=\"lbl\" text-anchor"
		    "=\"middle\"><title>", LX(i), x_axis + 18);
		html_text(f, xtip[i]);
		fputs("</title>", f);
		html_cut(f, xlab[i], nx > 6 ? 8 : 16);
		fputs("</text>\n", f);
	}
	for (int k = 0; k < ns; k++) {
		double dx = ns > 1 ? 4.0 * ((double)k / (ns - 1) - 0.5) : 0;

		fputs("<g class=\"line\"><title>", f);
		html_text(f, s[k].label);
		fputs("</title>\n", f);
		for (int i = 0; i < nx; i++) {
			int run = 0;

			while (i + run < nx && s[k].n[i + run] > 0)
				run++;
			if (run >= 2) {
				fputs("<polyline fill=\"none\" stroke-width=\"2\" "
				    , f);
				line_style(f, k);
				fputs(" points=\"", f);
				for (int j = i; j < i + run; j++)
					fprintf(f, "%s%.1f,%.1f", j > i ? " " : "",
					    LX(j) + dx, LY(s[k].y[j]));
				fputs("\"/>\n", f);
			}
			i += run;
		}
		for (int i = 0; i < nx; i++) {
			if (s[k].n[i] <= 0)
				continue;
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
			    "fill=\"%s\"><title>", LX(i) + dx, LY(s[k].y[i]),
			    line_colour[k % N_COLOURS]);
			html_text(f, s[k].label);
			fputs(", ", f);
			html_text(f, xtip[i]);
			fprintf(f, ": %.2f (n=%d)</title></circle>\n", s[k].y[i],
			    s[k].n[i]);
		}
		for (int i = 0; s[k].fy != NULL && i < nx; i++) {
			double cx = LX(i) + dx, cy;

			if (s[k].fn[i] <= 0)
				continue;
			cy = LY(s[k].fy[i]);
			fprintf(f, "<path d=\"M%.1f %.1fl5 5l-5 5l-5 -5z\" fill=\""
			    "white\" stroke-width=\"2\" stroke=\"%s\" class=\""
			    "faculty\"><title>", cx, cy - 5,
			    line_colour[k % N_COLOURS]);
			html_text(f, s[k].label);
			fputs(", faculty, ", f);
			html_text(f, xtip[i]);
			fprintf(f, ": %.2f (%d rated)</title></path>\n",
			    s[k].fy[i], s[k].fn[i]);
		}
		fputs("</g>\n", f);
	}
	if (share != NULL) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"lbl\">", 4,
		    share_top + 2);
		html_text(f, share->label);
		fputs("</text>\n", f);
		for (int i = 0; i < nx; i++) {
			double bh = share->of[i] > 0 ? 30.0 * share->at[i] /
			    share->of[i] : 0;
			int base = share_top + 40;

			fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"24\" "
			    "height=\"30\" class=\"track\"/>", LX(i) - 12,
			    base - 30);
			if (share->of[i] > 0)
				fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"24\""
				    " height=\"%.1f\" class=\"bar\"/><text x=\"%.1f\""
				    " y=\"%d\" class=\"num\" text-anchor=\"middle\">"
				    "%d of %d (%.0f%%)</text>\n", LX(i) - 12, base -
				    bh, bh, LX(i), base + 15, share->at[i],
				    share->of[i], 100.0 * share->at[i] /
				    share->of[i]);
			else
				fprintf(f, "<text x=\"%.1f\" y=\"%d\" class=\"num\" "
				    "text-anchor=\"middle\">none shown</text>\n",
				    LX(i), base + 15);
		}
	}
	for (int k = 0; k < ns; k++) {
		int kx = 10 + (k % per_row) * (width - 20) / per_row;
		int ky = key_top + (k / per_row) * L_KEY;

		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke-width=\"2\" ", kx, ky + 8, kx + 22, ky + 8);
		line_style(f, k);
		fprintf(f, "/><circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"/>"
		    "<text x=\"%d\" y=\"%d\" class=\"lbl\">", kx + 11, ky + 8,
		    line_colour[k % N_COLOURS], kx + 28, ky + 12);
		html_cut(f, s[k].label, per_row == 4 ? 18 : 22);
		fputs("</text>\n", f);
	}
	fputs("</svg>\n", f);
#undef LX
#undef LY
}

/*
 * One site's subscale means as bars over the scale's whole range: the
 * pale track is lo to hi, the bar runs from lo to the mean.  A row with
 * n 0 was suppressed: its track carries "fewer than MIN" and no figure.
 */
void
svg_ranges(FILE *f, const struct svg_range *r, int n, double lo, double hi,
    int min_group, int width)
{
	int lw = 96, nw = 72, x0 = lw, area = width - lw - nw;
	int h = n * ROW + 18;
	double span = hi > lo ? hi - lo : 1;

	fprintf(f, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
	    width, h, width, h);
	for (int i = 0; i < n; i++) {
		int y = i * ROW + 2;
		double len = area * (r[i].value - lo) / span;

		fputs("<g><title>", f);
		html_text(f, r[i].label);
		if (r[i].n > 0)
			fprintf(f, ": %.2f (n=%d)", r[i].value, r[i].n);
		else
			fprintf(f, ": fewer than %d", min_group);
		fprintf(f, "</title><text x=\"%d\" y=\"%d\" class=\"lbl\" "
		    "text-anchor=\"end\">", lw - 6, y + 15);
		html_cut(f, r[i].label, 13);
		fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" class=\"track\"/>", x0, y + 3, area, ROW - 6);
		if (r[i].n > 0)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
			    "height=\"%d\" class=\"bar\"/><text x=\"%d\" y=\"%d\""
			    " class=\"num\">%.2f</text>", x0, y + 3, len < 0 ? 0 :
			    len, ROW - 6, x0 + area + 4, y + 15, r[i].value);
		else
			fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"num\">fewer "
			    "than %d</text>", x0 + 6, y + 15, min_group);
		fputs("</g>\n", f);
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"num\" text-anchor=\"middle\""
	    ">%g</text><text x=\"%d\" y=\"%d\" class=\"num\" text-anchor=\""
	    "middle\">%g</text>\n</svg>\n", x0, n * ROW + 14, lo, x0 + area,
	    n * ROW + 14, hi);
}

/* A one-line bar of `value` on lo..hi, for a table cell. */
void
svg_meter(FILE *f, double value, double lo, double hi, int width)
{
	double span = hi > lo ? hi - lo : 1, len = width * (value - lo) / span;

	fprintf(f, "<svg class=\"meter\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"14\" viewBox=\"0 0 %d 14\" aria-hidden=\""
	    "true\"><rect x=\"0\" y=\"2\" width=\"%d\" height=\"10\" class=\""
	    "track\"/><rect x=\"0\" y=\"2\" width=\"%.1f\" height=\"10\" class"
	    "=\"bar\"/></svg>", width, width, width, len < 0 ? 0 : len > width ?
	    width : len);
}
