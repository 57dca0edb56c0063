/* projector.c: the room's big screen: read-only, large, with how to join. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

struct projector {
	int confirm_quit;
};

static void *
proj_init(void)
{
	return calloc(1, sizeof(struct projector));
}

static void
proj_free(void *st)
{
	free(st);
}

static void
proj_apply(void *st, const struct snapshot *s)
{
	(void)st, (void)s;
}

static int
proj_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct projector *p = st;

	(void)s, (void)in;
	if (p->confirm_quit) {
		p->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (key == 'q') {
		p->confirm_quit = 1;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

static void
proj_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct projector *p = st;
	char line[256];
	int y = s->banner[0] ? 3 : 2;
	int waiting = s->current < 0 || !(s->flags & SNAP_RUNNABLE) ||
	    s->state == ACT_WAITING;

	screen_header(ui, s);
	if (waiting) {
		y = ui->rows / 2 - 4;
		ui_big(ui, y, s->current < 0 ? "Welcome" : s->items[
		    s->current].title, UI_TITLE);
		ui_center(ui, y + 3, "Join from your laptop's terminal:",
		    UI_NORMAL);
		ui_center(ui, y + 5, s->join_hint, UI_TITLE);
		snprintf(line, sizeof line, "%u %s here", s->connected,
		    s->connected == 1 ? "person" : "people");
		ui_center(ui, y + 8, line, UI_DIM);
	} else if (view_of(s->kind)->proj_draw != NULL) {
		view_of(s->kind)->proj_draw(ui, s, y);
	}
	/* Latecomers can join at any moment: the line stays at the bottom
	 * (the views above stop short of it). */
	if (!waiting)
		ui_center(ui, ui->rows - 3, s->join_hint, UI_DIM);
	screen_footer(ui, p->confirm_quit ? "Close the projector view? y = "
	    "close" : "projector view (read-only)   q close");
}

const struct screen screen_projector = {
	.name = "projector",
	.init = proj_init,
	.free = proj_free,
	.apply = proj_apply,
	.key = proj_key,
	.draw = proj_draw,
};
