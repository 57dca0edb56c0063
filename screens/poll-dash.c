/* poll-dash.c: the dashboard's view of a poll: results as they come in,
 * free-text answers to read and moderate, how many have answered. */
#include <stdio.h>
#include <string.h>

#include "poll-view.h"

const char *const poll_dash_help[] = {
	"up/down, x  pick a text answer (>), hide it from the room",
	"Enter       read the picked text answer whole",
	NULL
};

/* Up/down pick a free-text answer to moderate (index into texts[]). */
int
poll_dash_count(const struct snapshot *s)
{
	return s->n_texts;
}

static int
ctl(struct intent *in, const char *cmd, const char *arg)
{
	in->argc = 2;
	snprintf(in->argv[0], sizeof in->argv[0], "%s", cmd);
	snprintf(in->argv[1], sizeof in->argv[1], "%s", arg);
	return SCR_CTL | SCR_REDRAW;
}

/* Enter reads the picked text answer whole; x hides it from the room. */
int
poll_dash_key(struct dash_pick *d, const struct snapshot *s, int key,
    struct intent *in)
{
	char id[16];

	switch (key) {
	case SK_ENTER:
		if (s->n_texts > 0) {
			d->full = 1;
			return SCR_REDRAW;
		}
		return SCR_NONE;
	case 'x':
		if (s->n_texts > 0) {
			snprintf(id, sizeof id, "%u", s->texts[d->sel].id);
			return ctl(in, "moderate", id);
		}
		return SCR_NONE;
	}
	return SCR_NONE;
}

/* Free-text answers as they arrive, newest first; x hides the selected
 * one from shared screens (moderation). */
static int
draw_texts(struct ui *ui, const struct snapshot *s, const struct dash_pick *d,
    int y, int x, int w)
{
	int half = (ui->rows - 6 - y) / 2;
	char line[512];

	for (int i = 0; i < s->n_texts && i < half; i++, y++) {
		/* The picked one is marked, not only coloured (NO_COLOR,
		 * vt100). */
		snprintf(line, sizeof line, "%s%s%s", i == d->sel ? "> " : "  ",
		    s->texts[i].hidden ? "[hidden] " : "", s->texts[i].text);
		ui_text(ui, y, x, w, line, i == d->sel ? UI_SELECT :
		    s->texts[i].hidden ? UI_DIM : UI_NORMAL);
	}
	if (s->n_texts == 0)
		ui_text(ui, y++, x, w, "No answers yet.", UI_DIM);
	else
		ui_text(ui, y++, x, w, "Enter: read whole  x: hide", UI_DIM);
	y++;
	return results_draw(ui, s, y, x, w, ui->rows - 5, -1);
}

/* The picked text answer, whole, over the activity column from `top`. */
void
poll_dash_whole(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int top, int x, int w)
{
	char lines[16][256];
	int n, y = top;

	if (d->sel >= s->n_texts)
		return;
	for (int r = top; r < ui->rows - 2; r++)
		ui_text(ui, r, x, w, "", UI_NORMAL);
	ui_text(ui, y++, x, w, s->texts[d->sel].hidden ? "Answer (hidden from "
	    "the room):" : "Answer:", UI_TITLE);
	n = text_wrap(s->texts[d->sel].text, w, ui->utf8, lines, 16);
	for (int i = 0; i < n && y < ui->rows - 3; i++)
		ui_text(ui, y++, x, w, lines[i], UI_NORMAL);
	ui_text(ui, ++y < ui->rows - 2 ? y : ui->rows - 3, x, w, "any key "
	    "goes back", UI_DIM);
}

void
poll_dash_draw(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int y, int x, int w)
{
	char line[256], t[16];

	if (s->poll_type == POLL_TEXT)
		y = draw_texts(ui, s, d, y, x, w);
	else
		y = results_draw(ui, s, y, x, w, ui->rows - 5, -1);
	snprintf(line, sizeof line, "%u of %u answered", s->answered,
	    s->connected);
	ui_text(ui, ui->rows - 5, x, w / 2, line, UI_NORMAL);
	if (s->connected > 0)
		ui_bar(ui, ui->rows - 5, x + w / 2, w / 2 - 1,
		    (double)s->answered / s->connected, UI_BAR);
	screen_timer(t, sizeof t, s->state == ACT_OPEN ? s->remaining : -1);
	snprintf(line, sizeof line, "%s%s%s%s", s->flags & SNAP_REVEALED ?
	    "shown to the room" : "hidden from the room (r reveals)",
	    s->flags & SNAP_BY_SITE ? ", by site" : "",
	    t[0] ? "  left " : "", t);
	ui_text(ui, ui->rows - 4, x, w, line, UI_DIM);
}
