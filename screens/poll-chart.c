/* poll-chart.c: a poll's results drawn for any poll type, in any terminal:
 * bars, the grid by site, the word cloud. */
#include <stdio.h>
#include <string.h>

#include "poll-view.h"

/* One line of the answer in words: "mean 3.4 of 5", "17 answered". */
void
results_summary(const struct snapshot *s, char *out, size_t n)
{
	int hi = s->scale_min + s->n_options - 1;

	if (s->poll_type == POLL_SCALE && s->answered > 0)
		snprintf(out, n, "%u answered, mean %.2f on %d..%d",
		    s->answered, s->mean100 / 100.0, s->scale_min, hi);
	else if (s->poll_type == POLL_RANK)
		snprintf(out, n, "%u ranked; bars are Borda points, "
		    "(n.nn) the mean rank", s->answered);
	else
		snprintf(out, n, "%u answered", s->answered);
}

/* Bars, one row per option (`tall` rows on the projector). */
static int
bars(struct ui *ui, const struct snapshot *s, int y, int x, int w, int max_y,
    int mark, int tall)
{
	uint32_t top = 0, base = s->poll_type == POLL_RANK ? 0 :
	    s->answered;
	int label_w = 0;

	for (int i = 0; i < s->n_options; i++) {
		int lw = text_width(s->options[i], ui->utf8);

		if (s->counts[i] > top)
			top = s->counts[i];
		if (lw > label_w)
			label_w = lw;
	}
	if (label_w > w / 3)
		label_w = w / 3;
	for (int i = 0; i < s->n_options && y + tall <= max_y; i++) {
		char num[64];
		int bar_w = w - label_w - 16;
		double frac = top ? (double)s->counts[i] / top : 0;

		snprintf(num, sizeof num, "%c%d", i == mark ? '>' : ' ',
		    s->poll_type == POLL_SCALE ? s->scale_min + i : i + 1);
		ui_text(ui, y, x, 3, num, i == mark ? UI_SELECT : UI_DIM);
		ui_text(ui, y, x + 4, label_w, s->options[i], UI_NORMAL);
		for (int r = 0; r < tall && bar_w > 0; r++)
			ui_bar(ui, y + r, x + 5 + label_w, bar_w, frac, UI_BAR);
		if (s->poll_type == POLL_RANK)
			snprintf(num, sizeof num, "%4u (%.2f)", s->counts[i],
			    s->stat[i] / 100.0);
		else
			snprintf(num, sizeof num, "%4u %3u%%", s->counts[i],
			    base ? (unsigned)((s->counts[i] * 100 + base / 2) /
			    base) : 0);
		ui_text(ui, y, x + w - 11, 11, num, UI_NORMAL);
		y += tall;
	}
	return y;
}

/* Sites down, options across, each cell the share of that site's people
 * who chose the option. */
static int
site_grid(struct ui *ui, const struct snapshot *s, int y, int x, int w,
    int max_y)
{
	int name_w = w - 6 - 5 * s->n_options;
	char cell[32];

	if (name_w > 24)
		name_w = 24;
	if (name_w < 8)
		return y;	/* too narrow: the bars above say enough */
	ui_text(ui, y, x, name_w, "by site (n)", UI_TITLE);
	for (int k = 0; k < s->n_options; k++) {
		snprintf(cell, sizeof cell, "%4d", k + 1);
		ui_text(ui, y, x + name_w + 6 + 5 * k, 5, cell, UI_DIM);
	}
	y++;
	for (int i = 0; i < s->n_sites && y < max_y; i++, y++) {
		const struct snap_site *st = &s->sites[i];
		int any = 0;

		for (int k = 0; k < s->n_options; k++)
			any |= st->counts[k] != 0;
		ui_text(ui, y, x, name_w, st->name, UI_NORMAL);
		snprintf(cell, sizeof cell, "%4u", st->n);
		ui_text(ui, y, x + name_w + 1, 5, cell, UI_DIM);
		for (int k = 0; k < s->n_options; k++) {
			if (!any)
				snprintf(cell, sizeof cell, "   -");
			else
				snprintf(cell, sizeof cell, "%3u%%", st->n ?
				    (st->counts[k] * 100 + st->n / 2) / st->n :
				    0);
			ui_text(ui, y, x + name_w + 6 + 5 * k, 5, cell,
			    UI_NORMAL);
		}
	}
	return y;
}

/* A terminal word cloud: the most frequent words, bar length by count. */
static int
words(struct ui *ui, const struct snapshot *s, int y, int x, int w, int max_y)
{
	uint32_t top = s->n_words ? s->words[0].count : 0;
	int col_w = w >= 60 ? w / 2 : w, cols = w >= 60 ? 2 : 1;
	int rows = (max_y - y), shown = 0;

	if (s->n_words == 0) {
		ui_text(ui, y++, x, w, "No words yet.", UI_DIM);
		return y;
	}
	for (int i = 0; i < s->n_words && shown < rows * cols; i++, shown++) {
		int cx = x + (shown / rows) * col_w, cy = y + shown % rows;
		char num[16];

		ui_text(ui, cy, cx, 14, s->words[i].word, i < 3 ? UI_TITLE :
		    UI_NORMAL);
		ui_bar(ui, cy, cx + 15, col_w - 22, (double)s->words[i].count /
		    top, UI_BAR);
		snprintf(num, sizeof num, "%4u", s->words[i].count);
		ui_text(ui, cy, cx + col_w - 6, 5, num, UI_DIM);
	}
	return y + (shown < rows ? shown : rows);
}

/*
 * Draw the results of the current poll from row `y` in columns x..x+w,
 * stopping before row `max_y`.  `mark` flags the viewer's own option;
 * `tall` > 1 gives projector-sized bars.  Returns the next free row.
 */
int
results_draw(struct ui *ui, const struct snapshot *s, int y, int x, int w,
    int max_y, int mark)
{
	int tall = s->view == VIEW_PROJECTOR && max_y - y >= 3 *
	    s->n_options ? 2 : 1;
	char line[128];

	if (s->poll_type == POLL_TEXT)
		return words(ui, s, y, x, w, max_y);
	y = bars(ui, s, y, x, w, max_y, mark, tall);
	if (y < max_y) {
		results_summary(s, line, sizeof line);
		ui_text(ui, y++, x, w, line, UI_DIM);
	}
	if ((s->flags & SNAP_BY_SITE) && s->n_sites > 0 && y + 2 < max_y)
		y = site_grid(ui, s, y + 1, x, w, max_y);
	return y;
}
