/* screen.c: which screen shows a snapshot, and parts screens share. */
#include <stdio.h>
#include <string.h>

#include "screen.h"

/* Participants and the projector see the activity once it opens; the
 * facilitator always has the dashboard. */
const struct screen *
screen_for(const struct snapshot *s, int view)
{
	if (view == VIEW_FACILITATOR)
		return &screen_dashboard;
	if (s->current < 0 || !(s->flags & SNAP_RUNNABLE) ||
	    s->state == ACT_WAITING)
		return &screen_lobby;
	if (s->kind == ACT_POLL)
		return &screen_poll;
	return &screen_lobby;
}

void
screen_timer(char *out, size_t n, int32_t secs)
{
	if (secs < 0)
		out[0] = '\0';
	else
		snprintf(out, n, "%d:%02d", secs / 60, secs % 60);
}

/* Title bar: session title left, countdown right; the banner below it. */
void
screen_header(struct ui *ui, const struct snapshot *s)
{
	char t[16], right[64];

	ui_fill(ui, 0, UI_STATUS);
	ui_text(ui, 0, 1, ui->cols - 12, s->title, UI_STATUS);
	screen_timer(t, sizeof t, s->current >= 0 && s->state == ACT_OPEN ?
	    s->remaining : -1);
	if (t[0] != '\0') {
		snprintf(right, sizeof right, "%s %s", s->remaining <= 60 ?
		    "!" : "", t);
		ui_text(ui, 0, ui->cols - 1 - (int)strlen(right), 
		    (int)strlen(right), right, s->remaining <= 60 ? UI_WARN :
		    UI_STATUS);
	}
	if (s->banner[0] != '\0') {
		ui_fill(ui, 1, UI_WARN);
		ui_text(ui, 1, 1, ui->cols - 2, s->banner, UI_WARN);
	}
}

/* Bottom line: connection trouble wins over the screen's key help. */
void
screen_footer(struct ui *ui, const char *help)
{
	int y = ui->rows - 1;

	ui_fill(ui, y, UI_STATUS);
	if (ui->conn != NULL && ui->conn[0] != '\0')
		ui_text(ui, y, 1, ui->cols - 2, ui->conn, UI_WARN);
	else
		ui_text(ui, y, 1, ui->cols - 2, help, UI_STATUS);
}

/*
 * Result bars for the current poll from row `y`, in a box `x`..`x+w`,
 * at most `h` rows.  `mark` is the option to flag as the viewer's own
 * (-1 none).  Returns the next free row.
 */
int
screen_results(struct ui *ui, const struct snapshot *s, int y, int x, int w,
    int mark)
{
	uint32_t total = 0, top = 0;
	int label_w = 0;

	for (int i = 0; i < s->n_options; i++) {
		int lw = text_width(s->options[i], ui->utf8);

		total += s->counts[i];
		if (s->counts[i] > top)
			top = s->counts[i];
		if (lw > label_w)
			label_w = lw;
	}
	if (label_w > w / 3)
		label_w = w / 3;
	for (int i = 0; i < s->n_options && y < ui->rows - 2; i++, y++) {
		char num[48];
		int bar_w = w - label_w - 16;
		double frac = top ? (double)s->counts[i] / top : 0;

		snprintf(num, sizeof num, "%c%d", i == mark ? '>' : ' ', i + 1);
		ui_text(ui, y, x, 3, num, i == mark ? UI_SELECT : UI_DIM);
		ui_text(ui, y, x + 4, label_w, s->options[i], UI_NORMAL);
		if (bar_w > 0)
			ui_bar(ui, y, x + 5 + label_w, bar_w, frac, UI_BAR);
		snprintf(num, sizeof num, "%4u %3u%%", s->counts[i],
		    total ? (unsigned)(s->counts[i] * 100 + total / 2) /
		    total : 0);
		ui_text(ui, y, x + w - 10, 10, num, UI_NORMAL);
	}
	return y;
}
