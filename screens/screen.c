/* screen.c: which screen shows a snapshot, and parts screens share. */
#include <stdio.h>
#include <string.h>

#include "view.h"

/* Participants and the projector see the activity once it opens; the
 * facilitator always has the dashboard.  A kind without a participant's
 * screen leaves them in the lobby. */
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
	if (view_of(s->kind)->screen != NULL)
		return view_of(s->kind)->screen;
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

/*
 * The key bar: connection trouble wins over the screen's keys.  Keys are
 * separated by two spaces; when they do not fit one line they wrap at a
 * key onto the line above, never cut mid-word.  Returns the rows used.
 */
int
screen_footer(struct ui *ui, const char *help)
{
	char lines[2][256];
	int n;

	if (ui->conn != NULL && ui->conn[0] != '\0')
		help = ui->conn;
	n = text_wrap(help, ui->cols - 2, ui->utf8, lines, 2);
	if (n <= 0)
		n = 1, lines[0][0] = '\0';
	for (int i = 0; i < n; i++) {
		int y = ui->rows - n + i;

		ui_fill(ui, y, UI_STATUS);
		ui_text(ui, y, 1, ui->cols - 2, lines[i], help == ui->conn ?
		    UI_WARN : UI_STATUS);
	}
	return n;
}

/* The keys of the current screen, in a box over it (`?` or F1 opens it,
 * any key closes it).  `keys` holds "KEY  what it does" lines. */
void
screen_help(struct ui *ui, const char *title, const char *const *keys)
{
	int n = 0, w = 0, x, y;

	for (n = 0; keys[n] != NULL; n++)
		if (text_width(keys[n], ui->utf8) > w)
			w = text_width(keys[n], ui->utf8);
	if (text_width(title, ui->utf8) > w)
		w = text_width(title, ui->utf8);
	w += 4;
	if (w > ui->cols - 2)
		w = ui->cols - 2;
	x = (ui->cols - w) / 2;
	y = (ui->rows - n - 4) / 2;
	if (y < 1)
		y = 1;
	for (int r = 0; r < n + 4 && y + r < ui->rows - 1; r++) {
		char blank[256];

		snprintf(blank, sizeof blank, "%*s", w < 255 ? w : 255, "");
		ui_text(ui, y + r, x, w, blank, UI_SELECT);
	}
	ui_text(ui, y + 1, x + 2, w - 4, title, UI_SELECT);
	for (int i = 0; i < n && y + 3 + i < ui->rows - 1; i++)
		ui_text(ui, y + 3 + i, x + 2, w - 4, keys[i], UI_SELECT);
}

/* A message (a refusal, a notice) wrapped onto up to two lines whose last
 * is `bottom`, never cut mid-word.  Returns the first row used. */
int
screen_notice(struct ui *ui, int bottom, const char *text, enum ui_role r)
{
	char lines[2][256];
	int n = text_wrap(text, ui->cols - 4, ui->utf8, lines, 2);

	for (int i = 0; i < n; i++)
		ui_text(ui, bottom - n + 1 + i, 2, ui->cols - 4, lines[i], r);
	return bottom - n + 1;
}
