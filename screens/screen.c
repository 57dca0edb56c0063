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
	if (view == VIEW_PROJECTOR)
		return &screen_projector;
	if (s->current < 0 || !(s->flags & SNAP_RUNNABLE) ||
	    s->state == ACT_WAITING)
		return &screen_lobby;
	if (s->kind == ACT_POLL)
		return &screen_poll;
	if (s->kind == ACT_CAFE)
		return &screen_cafe;
	if (s->kind == ACT_ASSESS || s->kind == ACT_FEEDBACK)
		return &screen_form;
	if (s->kind == ACT_BREAKOUT)
		return &screen_breakout;
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
		int warn = (s->flags & SNAP_WARNED) != 0;

		snprintf(right, sizeof right, "%s%s", warn ? "1 minute left  " :
		    "", t);
		ui_text(ui, 0, ui->cols - 1 - (int)strlen(right),
		    (int)strlen(right), right, warn ? UI_WARN : UI_STATUS);
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

