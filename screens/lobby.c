/* lobby.c: where participants wait between activities. */
#include <stdio.h>
#include <stdlib.h>

#include "screen.h"

struct lobby {
	int confirm_quit;
	int help;		/* ?: the keys, over the screen */
};

static const char *const help_keys[] = {
	"(nothing to press)  questions appear here by themselves",
	"q                   leave the session", NULL };

static void *
lobby_init(void)
{
	return calloc(1, sizeof(struct lobby));
}

static void
lobby_free(void *st)
{
	free(st);
}

static void
lobby_apply(void *st, const struct snapshot *s)
{
	(void)st, (void)s;
}

static int
lobby_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct lobby *l = st;

	(void)s, (void)in;
	if (l->confirm_quit) {
		l->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (l->help) {
		l->help = 0;
		return SCR_REDRAW;
	}
	if (key == 'q' || key == 'Q' || key == SK_INTR) {
		l->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (key == '?' || key == SK_F1) {
		l->help = 1;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

static void
lobby_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct lobby *l = st;
	char line[512];
	int y = ui->rows / 2 - 4;

	screen_header(ui, s);
	if (y < 3)
		y = 3;
	if (ui->me[0] != '\0') {
		snprintf(line, sizeof line, "You are in: %s", ui->me);
		ui_center(ui, y++, line, UI_TITLE);
	}
	y++;
	if (s->current < 0) {
		ui_center(ui, y++, "Welcome. The session will start soon.",
		    UI_NORMAL);
		ui_center(ui, y++, "Keep this window open: questions appear "
		    "here by themselves.", UI_DIM);
	} else if (!(s->flags & SNAP_RUNNABLE)) {
		snprintf(line, sizeof line, "Now in the room: %s",
		    s->items[s->current].title);
		ui_center(ui, y++, line, UI_NORMAL);
		ui_center(ui, y++, "(nothing to answer here for this part)",
		    UI_DIM);
	} else {
		snprintf(line, sizeof line, "Next: %s",
		    s->items[s->current].title);
		ui_center(ui, y++, line, UI_NORMAL);
		ui_center(ui, y++, "Waiting for the facilitator to open it.",
		    UI_DIM);
	}
	y++;
	snprintf(line, sizeof line, "%u %s here", s->connected,
	    s->connected == 1 ? "person" : "people");
	ui_center(ui, y, line, UI_DIM);
	if (l->help)
		screen_help(ui, "Keys (any key closes this)", help_keys);
	screen_footer(ui, l->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : "? help  q leave");
}

const struct screen screen_lobby = {
	.name = "lobby",
	.init = lobby_init,
	.free = lobby_free,
	.apply = lobby_apply,
	.key = lobby_key,
	.draw = lobby_draw,
};
