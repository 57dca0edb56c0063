/* dashboard.c: the facilitator's view: agenda, activity, people. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "screen.h"

/* `sel` picks a free-text answer to moderate (index into texts[]). */
struct dash {
	int help;
	int full;	/* showing the picked text answer whole */
	int confirm_quit;
	int sel;
	int member;	/* breakout: the picked member of group `sel` */
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

/* What up/down pick from: text answers, café tables, or harvest lines. */
static int
selectable(const struct snapshot *s)
{
	if (s->kind == ACT_CAFE)
		return s->state == ACT_CLOSED ? s->n_notes : s->n_tables;
	if (s->kind == ACT_BREAKOUT)
		return s->n_groups;
	return s->n_texts;
}

static void
dash_apply(void *st, const struct snapshot *s)
{
	struct dash *d = st;
	int n = selectable(s);

	if (d->sel >= n)
		d->sel = n > 0 ? n - 1 : 0;
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

/* Breakout: Tab picks a member of the selected group, v moves them, b
 * calls everyone back with a countdown. */
static int
breakout_keys(struct dash *d, const struct snapshot *s, int key,
    struct intent *in)
{
	const struct snap_group *g = d->sel < s->n_groups ? &s->groups[d->sel] :
	    NULL;

	switch (key) {
	case SK_UP:
	case SK_DOWN:
		d->member = 0;
		return SCR_NONE;	/* the group moves as usual */
	case SK_TAB:
		if (g != NULL && g->n_members > 0)
			d->member = (d->member + 1) % g->n_members;
		return SCR_REDRAW;
	case 'v':
		if (g == NULL || d->member >= g->n_members)
			return SCR_NONE;
		in->argc = 2;
		snprintf(in->argv[0], sizeof in->argv[0], "move");
		snprintf(in->argv[1], sizeof in->argv[1], "%u",
		    g->member_id[d->member]);
		snprintf(in->prompt, sizeof in->prompt, "Move %s to which group "
		    "(number or name)?", g->member[d->member]);
		return SCR_INPUT;
	case 'b':
		in->argc = 1;
		snprintf(in->argv[0], sizeof in->argv[0], "recall");
		snprintf(in->prompt, sizeof in->prompt, "Call everyone back in "
		    "how many minutes?");
		return SCR_INPUT;
	}
	return SCR_NONE;
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
	const struct snap_person *c;

	if (d->confirm_quit) {
		d->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (d->help || d->full) {
		d->help = d->full = 0;
		return SCR_REDRAW;
	}
	if (s->kind == ACT_BREAKOUT) {
		int r = breakout_keys(d, s, key, in);

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
		if (d->sel > 0)
			d->sel--;
		return SCR_REDRAW;
	case SK_DOWN:
		if (d->sel + 1 < selectable(s))
			d->sel++;
		return SCR_REDRAW;
	case '*':
		if (s->kind == ACT_CAFE && s->state == ACT_CLOSED &&
		    d->sel < s->n_notes) {
			char id[16];

			snprintf(id, sizeof id, "%u", s->notes[d->sel].id);
			return ctl(in, "theme", id);
		}
		return SCR_NONE;
	case SK_ENTER:
		if (s->kind == ACT_POLL && s->n_texts > 0) {
			d->full = 1;
			return SCR_REDRAW;
		}
		return SCR_NONE;
	case 'x':
		if (s->n_texts > 0) {
			char id[16];

			snprintf(id, sizeof id, "%u", s->texts[d->sel].id);
			return ctl(in, "moderate", id);
		}
		return SCR_NONE;
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

static int draw_texts(struct ui *, const struct snapshot *,
    const struct dash *, int, int, int);

/* The room as a grid of tables (who sits where, who has arrived); the
 * selected table's tablecloth below, live.  After the last round, the
 * harvest: every line, * marks a theme. */
static void
draw_cafe(struct ui *ui, const struct snapshot *s, const struct dash *d,
    int y, int x, int w)
{
	char line[512], t[16];
	int max_y = ui->rows - 3, half;

	if (s->round == 0) {
		ui_text(ui, y, x, w, "Press o to seat everyone here at tables "
		    "(sites mixed).", UI_DIM);
		return;
	}
	if (s->state == ACT_CLOSED) {
		ui_text(ui, y++, x, w, "Harvest (up/down, * marks a theme)",
		    UI_TITLE);
		notes_draw(ui, s, y, x, w, max_y, 0, d->sel > max_y - y - 3 ?
		    d->sel - (max_y - y - 3) : 0, d->sel);
		return;
	}
	screen_timer(t, sizeof t, s->remaining);
	snprintf(line, sizeof line, "Round %u of %u%s%s   (n: next round)",
	    s->round, s->rounds, t[0] ? ", left " : "", t);
	ui_text(ui, y++, x, w, line, UI_GOOD);
	{
		/* How many tables the room gave (the plan's number is only
		 * what it asks for: a table needs 2; the open's reply says). */
		unsigned seated = 0;

		for (int i = 0; i < s->n_tables; i++)
			seated += s->tables[i].seated;
		snprintf(line, sizeof line, "%u people: %u table%s of %u%s",
		    seated, s->n_tables, s->n_tables == 1 ? "" : "s",
		    s->n_tables ? seated / s->n_tables : 0, s->n_tables &&
		    seated % s->n_tables ? "+" : "");
		ui_text(ui, y++, x, w, line, UI_DIM);
	}
	half = y + (max_y - y) / 2;
	for (int i = 0; i < s->n_tables && y < half; i++) {
		const struct snap_table *tb = &s->tables[i];

		snprintf(line, sizeof line, "T%-2u %u/%u %s%s%s", tb->number,
		    tb->arrived, tb->seated, tb->host, tb->host[0] ? "*: " :
		    "", tb->people);
		ui_text(ui, y++, x, w, line, i == d->sel ? UI_SELECT :
		    tb->arrived < tb->seated ? UI_DIM : UI_NORMAL);
	}
	if (d->sel < s->n_tables) {
		int tn = s->tables[d->sel].number;

		snprintf(line, sizeof line, "Table %d tablecloth (%d lines):",
		    tn, notes_count(s, tn));
		ui_text(ui, ++y, x, w, line, UI_TITLE);
		notes_draw(ui, s, y + 1, x, w, max_y, tn, 0, -1);
	}
}

/* Every group: members here/in it, note length, last edit, how much of
 * the commitment is filled; the selected group's members (Tab picks one
 * to move), commitment and note below, live. */
static void
draw_breakout(struct ui *ui, const struct snapshot *s, const struct dash *d,
    int y, int x, int w)
{
	static const char *const label[COMMIT_FIELDS] = { "Change", "Owner",
	    "By when", "Measure" };
	const struct snap_group *g;
	char line[512], t[16];
	int max_y = ui->rows - 3, half, used = 0;

	screen_timer(t, sizeof t, s->remaining >= 0 ? s->remaining : 0);
	if (s->recall && s->state == ACT_OPEN)
		snprintf(line, sizeof line, "Back in the room in %s", t);
	else
		snprintf(line, sizeof line, "%u groups%s%s   (b: call back)",
		    s->n_groups, s->remaining >= 0 && s->state == ACT_OPEN ?
		    ", left " : "", s->remaining >= 0 && s->state == ACT_OPEN ?
		    t : "");
	ui_text(ui, y++, x, w, line, s->recall ? UI_WARN : UI_GOOD);
	ui_text(ui, y++, x, w, " # here lines  last plan group", UI_DIM);
	half = y + (max_y - y) / 2 - 1;
	for (int i = 0; i < s->n_groups && y < half; i++) {
		const struct snap_group *sg = &s->groups[i];
		int filled = 0, here = 0;

		for (int k = 0; k < COMMIT_FIELDS; k++)
			filled += sg->commit[k][0] != '\0';
		for (int k = 0; k < s->n_tables; k++)
			if (s->tables[k].number == i + 1)
				here = s->tables[k].arrived;
		snprintf(t, sizeof t, "%d/%u", here, sg->size);
		snprintf(line, sizeof line, "%2d %4s %5u %5s %d/4  %s", i + 1,
		    t, sg->n_lines, sg->last[0] ? sg->last : "--:--", filled,
		    sg->name);
		ui_text(ui, y++, x, w, line, i == d->sel ? UI_SELECT :
		    UI_NORMAL);
	}
	if (d->sel >= s->n_groups)
		return;
	g = &s->groups[d->sel];
	line[0] = '\0';
	for (int k = 0; k < g->n_members && used + 3 < (int)sizeof line; k++)
		used += snprintf(line + used, sizeof line - (size_t)used, "%s%s%s",
		    k ? " " : "", k == d->member ? ">" : "", g->member[k]);
	ui_text(ui, ++y, x, w, g->n_members ? line : "(nobody yet)", UI_TITLE);
	y++;
	for (int k = 0; k < COMMIT_FIELDS && y < max_y; k++) {
		snprintf(line, sizeof line, "%s: %s", label[k], g->commit[k][0] ?
		    g->commit[k] : "-");
		ui_text(ui, y++, x, w, line, g->commit[k][0] ? UI_NORMAL :
		    UI_DIM);
	}
	notes_draw(ui, s, y, x, w, max_y, d->sel + 1, notes_count(s,
	    d->sel + 1) > max_y - y ? notes_count(s, d->sel + 1) - (max_y -
	    y) : 0, -1);
}

static void
draw_activity(struct ui *ui, const struct snapshot *s, const struct dash *d,
    int top, int x, int w)
{
	char lines[5][256], line[256], t[16];
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
	if (s->kind == ACT_CAFE) {
		draw_cafe(ui, s, d, y, x, w);
		return;
	}
	if (s->kind == ACT_BREAKOUT) {
		draw_breakout(ui, s, d, y, x, w);
		return;
	}
	if (s->kind == ACT_ASSESS || s->kind == ACT_FEEDBACK) {
		dash_form_draw(ui, s, y, x, w);
		return;
	}
	if (s->poll_type == POLL_TEXT)
		y = draw_texts(ui, s, d, y, x, w);
	else
		y = results_draw(ui, s, y, x, w, ui->rows - 5, -1);
	y++;
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

/* Free-text answers as they arrive, newest first; x hides the selected
 * one from shared screens (moderation). */
static int
draw_texts(struct ui *ui, const struct snapshot *s, const struct dash *d,
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

/* The picked text answer, whole, over the activity column. */
static void
draw_full(struct ui *ui, const struct snapshot *s, const struct dash *d,
    int top, int x, int w)
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

static void
draw_help(struct ui *ui)
{
	static const char *help[] = {
		"n / right   next activity (closes an open one)",
		"p / left    previous activity",
		"o           open the activity: participants can answer",
		"c           close it: answers are final",
		"r / h       reveal results to the room / hide them",
		"+ / t       one more minute on the timer / stop the timer",
		"s           results overall / by site",
		"m           a message on every screen (say)",
		"up/down, x  pick a text answer (>), hide it from the room",
		"Enter       read the picked text answer whole",
		"up/down, *  café: read a table live; harvest: mark a theme",
		"Tab, v, b   breakout: pick a member, move them; call all back",
		"q           quit (asks first; resume with --resume)",
		"",
		"g / G       give a returning person their seat / a new one",
		"From any shell: convene ctl next|open|close|reveal|status",
		"any key closes this help",
	};
	int y = 3;

	for (size_t i = 0; i < sizeof help / sizeof help[0]; i++) {
		ui_fill(ui, y, UI_NORMAL);
		ui_text(ui, y++, 4, ui->cols - 8, help[i], i + 1 ==
		    sizeof help / sizeof help[0] ? UI_DIM : UI_NORMAL);
	}
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
	if (d->full)
		draw_full(ui, s, d, top, left + 2, mid - 2);
	if (d->help)
		draw_help(ui);
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
