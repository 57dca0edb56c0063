/* form-dash.c: the dashboard's view of a form being filled in. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form-view.h"

/* "3.9+-0.6 n8": mean, spread and n of one subscale at one site.  The
 * host sends hundredths; printf rounds them (3.97 is 4.0, not 3.0). */
static void
mean_cell(char *out, size_t n, const struct snap_score *sc, int k)
{
	if (sc->n[k] == 0)
		snprintf(out, n, "    -     ");
	else
		snprintf(out, n, "%.1f+-%.1f n%u", sc->mean100[k] / 100.0,
		    sc->sd100[k] / 100.0, sc->n[k]);
}

/*
 * On a `rater = faculty` form: the team's own mean, the faculty's (F, and
 * when wide how many rated: x2) and the gap, team minus faculty, so a
 * team that rates itself higher than faculty do shows a plus:
 * "3.5 F2.8 +0.7" (13 columns), "3.5 F2.8x2 +0.7" when wide.
 */
static void
rater_cell(char *out, size_t n, const struct snap_score *sc, int k, int wide)
{
	char self[16], fac[24], gap[16] = "";

	if (sc->n[k] > 0)
		snprintf(self, sizeof self, "%.1f", sc->mean100[k] / 100.0);
	else
		snprintf(self, sizeof self, "-");
	if (sc->fac_n[k] > 0 && sc->fac100[k] != INT32_MIN)
		snprintf(fac, sizeof fac, wide ? "F%.1fx%u" : "F%.1f",
		    sc->fac100[k] / 100.0, sc->fac_n[k]);
	else
		snprintf(fac, sizeof fac, "F-");
	if (sc->n[k] > 0 && sc->fac_n[k] > 0 && sc->fac100[k] != INT32_MIN)
		snprintf(gap, sizeof gap, " %+.1f",
		    (sc->mean100[k] - sc->fac100[k]) / 100.0);
	snprintf(out, n, "%s %s%s", self, fac, gap);
}

/* Low agreement within the site (rwg(j) under 0.7, Shea et al. 2014). */
static int
low_agreement(const struct snapshot *s, const struct snap_score *sc, int k)
{
	return s->form_extra && sc->rwg100[k] >= 0 && sc->rwg100[k] < 70;
}

static int
any_rwg(const struct snapshot *s)
{
	for (int i = 1; s->form_extra && i < s->n_scores; i++)
		for (int k = 0; k < s->n_subscales; k++)
			if (s->scores[i].rwg100[k] >= 0)
				return 1;
	return 0;
}

/* One character per rating question: how high the site scored it. */
static void
heat_row(struct ui *ui, const struct snapshot *s, const struct snap_score *sc,
    char *out, size_t cap)
{
	static const char *blocks[] = { "\xe2\x96\x81", "\xe2\x96\x82",
	    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88" };
	static const char ascii[] = "._-:=+*#";
	size_t o = 0;

	for (int k = 0; k < s->n_slots && o + 4 < cap; k++) {
		const struct snap_slot *sl = &s->slots[k];
		const struct snap_scale *scale;
		double lo, hi, v;
		int level;

		if (sl->kind != SLOT_RATING)
			continue;
		scale = &s->scales[sl->scale];
		if (sc->item10[k] < 0 || scale->n < 2) {
			out[o++] = ' ';
			continue;
		}
		lo = atof(scale->values[0]);
		hi = atof(scale->values[scale->n - 1]);
		v = sc->item10[k] / 10.0;
		level = hi > lo ? (int)((v - lo) / (hi - lo) * 7.99) : 0;
		level = level < 0 ? 0 : level > 7 ? 7 : level;
		if (ui->utf8) {
			memcpy(out + o, blocks[level], 3);
			o += 3;
		} else
			out[o++] = ascii[level];
	}
	out[o] = '\0';
}

/*
 * A form as it is filled in: per site, how many have started and
 * submitted, each subscale's mean +- SD (n) and its change since the
 * collaborative's previous session, then a heat row per site (one
 * character per rating question, low to high).  Sites under the
 * threshold are marked "small": their figures stay on this screen and
 * never reach a shared one.
 */
void
form_dash_draw(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int y, int x, int w)
{
	char line[512], cell[64];
	int max_y = ui->rows - 3;
	/* Wide: "mean+-sd change" per subscale; narrow: "mean(sd)". */
	int rater = s->form_rater && s->form_extra;
	int wide = w >= 20 + 19 * s->n_subscales;
	/* Own, faculty's and the gap need 13 columns even when narrow. */
	int sub_w = wide ? 19 : rater ? 14 : 9;
	int site_w = wide ? 12 : 9;

	(void)d;
	snprintf(line, sizeof line, "%u questions   %s", s->n_slots,
	    s->form_by ? "one answer per site" : "one answer per person");
	ui_text(ui, y++, x, w, line, UI_DIM);
	snprintf(line, sizeof line, "%-*.*s %5s", site_w, site_w, "site",
	    "done");
	for (int k = 0; k < s->n_subscales && (int)strlen(line) + sub_w <= w;
	    k++) {
		size_t l = strlen(line);

		snprintf(line + l, sizeof line - l, " %-*.*s", sub_w - 1,
		    sub_w - 1, s->subscales[k]);
	}
	ui_text(ui, y++, x, w, line, UI_TITLE);
	for (int i = 0; i < s->n_scores && y < max_y; i++) {
		const struct snap_score *sc = &s->scores[i];

		snprintf(line, sizeof line, "%-*.*s%c%2u/%-2u", site_w, site_w,
		    sc->site, sc->suppressed ? '*' : ' ', sc->complete,
		    sc->started);
		for (int k = 0; k < s->n_subscales &&
		    (int)strlen(line) + sub_w <= w; k++) {
			size_t l = strlen(line);

			if (rater)
				rater_cell(cell, sizeof cell, sc, k, wide);
			else if (sc->n[k] == 0)
				snprintf(cell, sizeof cell, "-");
			else if (!wide)
				snprintf(cell, sizeof cell, "%.1f(%.1f)",
				    sc->mean100[k] / 100.0, sc->sd100[k] / 100.0);
			else
				mean_cell(cell, sizeof cell, sc, k);
			if (low_agreement(s, sc, k)) {
				size_t c = strlen(cell);

				snprintf(cell + c, sizeof cell - c, "!");
			}
			if (wide && sc->prev100[k] != INT32_MIN && sc->n[k] > 0 &&
			    !rater) {
				int d = sc->mean100[k] - sc->prev100[k];
				size_t c = strlen(cell);

				snprintf(cell + c, sizeof cell - c, " %+.1f",
				    d / 100.0);
			}
			snprintf(line + l, sizeof line - l, " %-*s", sub_w - 1,
			    cell);
		}
		ui_text(ui, y++, x, w, line, i == 0 ? UI_TITLE : sc->suppressed ?
		    UI_DIM : UI_NORMAL);
	}
	if (y < max_y && rater)
		ui_text(ui, y++, x, w, wide ? "own score, F faculty's (x how "
		    "many rated), gap: own minus faculty" : "own, F faculty's, "
		    "gap: own - F", UI_DIM);
	if (y < max_y && any_rwg(s))
		ui_text(ui, y++, x, w, wide ? "! low agreement within the site: "
		    "rwg(j) under 0.7 (heat rows)" : "! rwg(j) under 0.7: low "
		    "agreement", UI_DIM);
	if (y < max_y && !wide)
		ui_text(ui, y++, x, w, "* under 5: not shown on shared screens; "
		    "wider terminal shows change since last session", UI_DIM);
	if (y + 2 >= max_y)
		return;
	y++;
	ui_text(ui, y++, x, w, "heat by question (low to high):", UI_DIM);
	for (int i = 1; i < s->n_scores && y < max_y; i++) {
		char heat[4 * SNAP_MAX_SLOTS + 1];

		heat_row(ui, s, &s->scores[i], heat, sizeof heat);
		snprintf(line, sizeof line, "%-9.9s %s", s->scores[i].site,
		    heat);
		/* Agreement per subscale beside the heat: ".85 .62!". */
		for (int k = 0; any_rwg(s) && k < s->n_subscales; k++) {
			size_t l = strlen(line);
			int r = s->scores[i].rwg100[k];

			if (r < 0)
				snprintf(line + l, sizeof line - l, "%s -",
				    k ? "" : "  rwg");
			else
				snprintf(line + l, sizeof line - l, "%s %s%02d%s",
				    k ? "" : "  rwg", r >= 100 ? "1." : ".",
				    r >= 100 ? 0 : r, r < 70 ? "!" : "");
		}
		ui_text(ui, y++, x, w, line, UI_NORMAL);
	}
}

