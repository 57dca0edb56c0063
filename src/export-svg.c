/* export-svg.c: HTML escaping and the inline SVG charts of the HTML report. */
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
