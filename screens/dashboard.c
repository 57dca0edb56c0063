/* dashboard.c: the facilitator's view: agenda, activity, people. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

/* `pick` is what up/down pick from the activity's panel (its kind says
 * what: a text answer, a table, a group). */
struct dash {
	int help;
	int confirm_quit;
	struct dash_pick pick;
};

static void *
dash_init(void)
{
	return calloc(1, sizeof(struct dash));
}

static void
dash_free(void *st)
{
	free(st);
}

/* How many lines up/down pick from: the kind's panel says. */
static int
selectable(const struct snapshot *s)
{
	const struct kind_view *v = view_of(s->kind);

	return v->dash_count != NULL ? v->dash_count(s) : 0;
}

static void
dash_apply(void *st, const struct snapshot *s)
{
	struct dash *d = st;
	int n = selectable(s);

	if (d->pick.sel >= n)
		d->pick.sel = n > 0 ? n - 1 : 0;
}

static int
ctl(struct intent *in, const char *cmd, const char *arg)
{
	in->argc = arg ? 2 : 1;
	snprintf(in->argv[0], sizeof in->argv[0], "%s", cmd);
	if (arg != NULL)
		snprintf(in->argv[1], sizeof in->argv[1], "%s", arg);
	return SCR_CTL | SCR_REDRAW;
}

/* Someone back from another terminal asking for their seat (the host
 * lists such requests first, marked connected = 2). */
static const struct snap_person *
first_claim(const struct snapshot *s)
{
	return s->n_people > 0 && s->people[0].connected == 2 ?
	    &s->people[0] : NULL;
}

static int
dash_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct dash *d = st;
	const struct kind_view *v = view_of(s->kind);
	const struct snap_person *c;

	if (d->confirm_quit) {
		d->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (d->help || d->pick.full) {
		d->help = d->pick.full = 0;
		return SCR_REDRAW;
	}
	if (v->dash_key != NULL) {
		int r = v->dash_key(&d->pick, s, key, in);

		if (r != SCR_NONE)
			return r;
	}
	if ((key == 'g' || key == 'G') && (c = first_claim(s)) != NULL) {
		char id[16];

		snprintf(id, sizeof id, "%u", c->id);
		in->argc = 3;
		snprintf(in->argv[0], sizeof in->argv[0], "reclaim");
		snprintf(in->argv[1], sizeof in->argv[1], "%s", id);
		snprintf(in->argv[2], sizeof in->argv[2], key == 'g' ? "yes" :
		    "no");
		return SCR_CTL | SCR_REDRAW;
	}
	switch (key) {
	case 'n':
	case SK_RIGHT:
		return ctl(in, "next", NULL);
	case 'p':
	case SK_LEFT:
		return ctl(in, "prev", NULL);
	case 'o':
		return ctl(in, "open", NULL);
	case 'c':
		return ctl(in, "close", NULL);
	case 'r':
		return ctl(in, "reveal", NULL);
	case 'h':
		return ctl(in, "hide", NULL);
	case '+':
		return ctl(in, "extend", "1");
	case 't':
		return ctl(in, "timer", "0");
	case 's':
		return ctl(in, "bysite", NULL);
	case 'm':
		in->argc = 1;
		snprintf(in->argv[0], sizeof in->argv[0], "say");
		snprintf(in->prompt, sizeof in->prompt, "Message to everyone "
		    "(empty clears):");
		return SCR_INPUT;
	case SK_UP:
		if (d->pick.sel > 0)
			d->pick.sel--;
		return SCR_REDRAW;
	case SK_DOWN:
		if (d->pick.sel + 1 < selectable(s))
			d->pick.sel++;
		return SCR_REDRAW;
	case '?':
		d->help = 1;
		return SCR_REDRAW;
	case 'q':
		d->confirm_quit = 1;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

static void
draw_agenda(struct ui *ui, const struct snapshot *s, int top, int w)
{
	int y = top;

	ui_text(ui, y++, 1, w - 1, "Agenda", UI_TITLE);
	for (int i = 0; i < s->n_items && y < ui->rows - 3; i++, y++) {
		const struct snap_item *it = &s->items[i];
		char line[256];
		const char *mark = !(it->flags & SNAP_RUNNABLE) ? "~" :
		    it->state == ACT_OPEN ? "*" : it->state == ACT_CLOSED ?
		    "-" : " ";

		snprintf(line, sizeof line, "%s%2d %s%s", mark, i + 1, it->title,
		    it->flags & SNAP_RUNNABLE ? "" : " (coming)");
		ui_text(ui, y, 1, w - 1, line, i == s->current ? UI_SELECT :
		    it->flags & SNAP_RUNNABLE ? UI_NORMAL : UI_DIM);
	}
}

static void
draw_people(struct ui *ui, const struct snapshot *s, int top, int x, int w)
{
	char line[256];
	int y = top;

	snprintf(line, sizeof line, "People %u/%u", s->connected, s->joined);
	ui_text(ui, y++, x, w, line, UI_TITLE);
	for (int i = 0; i < s->n_people && y < ui->rows - 3; i++, y++) {
		const struct snap_person *p = &s->people[i];

		if (p->connected == 2) {
			snprintf(line, sizeof line, "? %s: seat? (g/G)", p->name);
			ui_text(ui, y, x, w, line, UI_WARN);
			continue;
		}
		snprintf(line, sizeof line, "%s %s%s%s%s", p->answered ?
		    (ui->utf8 ? "\xe2\x9c\x93" : "+") : p->connected ? " " : "x",
		    p->name, p->site[0] ? " (" : "", p->site, p->site[0] ?
		    ")" : "");
		ui_text(ui, y, x, w, line, p->connected ? UI_NORMAL : UI_DIM);
	}
	if (s->joined > s->n_people && y < ui->rows - 3) {
		snprintf(line, sizeof line, "... and %u more",
		    s->joined - s->n_people);
		ui_text(ui, y, x, w, line, UI_DIM);
	}
}

static void
draw_activity(struct ui *ui, const struct snapshot *s, const struct dash *d,
    int top, int x, int w)
{
	const struct kind_view *v = view_of(s->kind);
	char lines[5][256], line[256];
	int y = top, n;

	if (s->current < 0) {
		ui_text(ui, y++, x, w, "Lobby", UI_TITLE);
		/* Wrapped: at 80 columns the middle column is 34 wide. */
		n = text_wrap("People are joining. Press n to start the first "
		    "activity.", w, ui->utf8, lines, 5);
		for (int i = 0; i < n; i++)
			ui_text(ui, y++, x, w, lines[i], UI_DIM);
		return;
	}
	snprintf(line, sizeof line, "%d/%u %s: %s", s->current + 1, s->n_items,
	    act_kind_name(s->kind), !(s->flags & SNAP_RUNNABLE) ? "coming" :
	    act_state_name(s->state));
	ui_text(ui, y++, x, w, line, s->state == ACT_OPEN ? UI_GOOD : UI_TITLE);
	n = text_wrap(s->question, w, ui->utf8, lines, 3);
	for (int i = 0; i < n; i++)
		ui_text(ui, y++, x, w, lines[i], UI_NORMAL);
	y++;
	if (!(s->flags & SNAP_RUNNABLE)) {
		ui_text(ui, y, x, w, "This kind of activity is coming in a later "
		    "version; run it in the room and press n.", UI_DIM);
		return;
	}
	if (v->dash_draw != NULL)
		v->dash_draw(ui, s, &d->pick, y, x, w);
}

/* Lines of the help from row `y`; the last one dim with `dim_last`. */
static int
help_lines(struct ui *ui, int y, const char *const *lines, int dim_last)
{
	for (int i = 0; lines[i] != NULL; i++) {
		ui_fill(ui, y, UI_NORMAL);
		ui_text(ui, y++, 4, ui->cols - 8, lines[i], dim_last &&
		    lines[i + 1] == NULL ? UI_DIM : UI_NORMAL);
	}
	return y;
}

/* The dashboard's keys, then those of the current activity's kind (all
 * kinds' would not fit 24 rows), then the rest. */
static void
draw_help(struct ui *ui, const struct snapshot *s)
{
	static const char *const head[] = {
		"n / right   next activity (closes an open one)",
		"p / left    previous activity",
		"o           open the activity: participants can answer",
		"c           close it: answers are final",
		"r / h       reveal results to the room / hide them",
		"+ / t       one more minute on the timer / stop the timer",
		"s           results overall / by site",
		"m           a message on every screen (say)",
		NULL
	};
	static const char *const tail[] = {
		"q           quit (asks first; resume with --resume)",
		"",
		"g / G       give a returning person their seat / a new one",
		"From any shell: convene ctl next|open|close|reveal|status",
		"any key closes this help",
		NULL
	};
	int y = 3;

	y = help_lines(ui, y, head, 0);
	if (s->current >= 0 && view_of(s->kind)->dash_help != NULL)
		y = help_lines(ui, y, view_of(s->kind)->dash_help, 0);
	help_lines(ui, y, tail, 1);
}

static void
dash_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct dash *d = st;
	int top = s->banner[0] ? 3 : 2;
	int left = ui->cols >= 100 ? 30 : 22;
	int right = ui->cols >= 100 ? 30 : 20;
	int mid = ui->cols - left - right - 2;
	char status[512];

	screen_header(ui, s);
	if (mid < 20) {		/* too narrow for three columns */
		left = 0;
		right = 0;
		mid = ui->cols - 2;
	}
	if (left > 0) {
		draw_agenda(ui, s, top, left);
		ui_vline(ui, top, left, ui->rows - top - 2);
		draw_people(ui, s, top, ui->cols - right + 1, right - 2);
		ui_vline(ui, top, ui->cols - right - 1, ui->rows - top - 2);
	}
	draw_activity(ui, s, d, top, left + 2, mid - 2);
	if (d->pick.full && view_of(s->kind)->dash_whole != NULL)
		view_of(s->kind)->dash_whole(ui, s, &d->pick, top, left + 2,
		    mid - 2);
	if (d->help)
		draw_help(ui, s);
	ui_fill(ui, ui->rows - 2, UI_DIM);
	if (first_claim(s) != NULL) {
		const struct snap_person *c = first_claim(s);

		snprintf(status, sizeof status, "%s%s%s%s asks for their seat "
		    "back: g give it back, G new seat", c->name, c->site[0] ?
		    " (" : "", c->site, c->site[0] ? ")" : "");
		ui_fill(ui, ui->rows - 2, UI_WARN);
		ui_text(ui, ui->rows - 2, 1, ui->cols - 2, status, UI_WARN);
	} else {
		/* A reply to a key first: a long join line would hide it. */
		if (ui->notice[0] != '\0')
			snprintf(status, sizeof status, "%s   Join: %s",
			    ui->notice, s->join_hint);
		else
			snprintf(status, sizeof status, "Join: %s",
			    s->join_hint);
		ui_text(ui, ui->rows - 2, 1, ui->cols - 2, status, UI_DIM);
	}
	screen_footer(ui, d->confirm_quit ? "Quit the host? Participants "
	    "wait until you resume. y = quit, any other key = stay" :
	    "n next  p prev  o open  c close  r reveal  s sites  m say  "
	    "? help  q quit");
}

const struct screen screen_dashboard = {
	.name = "dashboard",
	.init = dash_init,
	.free = dash_free,
	.apply = dash_apply,
	.key = dash_key,
	.draw = dash_draw,
};
