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
	int wide = w >= 20 + 19 * s->n_subscales, sub_w = wide ? 19 : 9;
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

			if (sc->n[k] == 0)
				snprintf(cell, sizeof cell, "-");
			else if (!wide)
				snprintf(cell, sizeof cell, "%.1f(%.1f)",
				    sc->mean100[k] / 100.0, sc->sd100[k] / 100.0);
			else
				mean_cell(cell, sizeof cell, sc, k);
			if (wide && sc->prev100[k] != INT32_MIN && sc->n[k] > 0) {
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
		ui_text(ui, y++, x, w, line, UI_NORMAL);
	}
}

