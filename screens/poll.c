/* poll.c: a participant answering a poll of any type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poll-view.h"

/*
 * `cursor` is the highlighted option.  `picked` holds a multiple choice
 * being made, or a ranking being built (`order`, best first).  `sent` is
 * the answer last sent and not yet seen back in a snapshot as the
 * viewer's own (so "Sending..." shows until the host has committed it).
 * Everything resets when the activity changes.
 */
struct poll {
	char activity[ID_MAX_LEN + 1];
	int cursor;
	int picked[SNAP_MAX_OPTIONS];
	int order[SNAP_MAX_OPTIONS];
	int n_order;
	char sent[VALUE_MAX_LEN + 1];
	int view_results;	/* v: results instead of the options */
	int revealed;		/* SNAP_REVEALED as last seen */
	int confirm_quit;
	int help;		/* ?: the keys, over the screen */
	struct number num;	/* digits typed that start a longer label */
	char hint[128];		/* why the last key did nothing, or "" */
	/* The value each option's digit names: its label on a scale,
	 * else its number from 1. */
	char values[SNAP_MAX_OPTIONS][8];
	const char *vp[SNAP_MAX_OPTIONS];
};

static void *
poll_init(void)
{
	return calloc(1, sizeof(struct poll));
}

static void
poll_free(void *st)
{
	free(st);
}

/* Load a list like "1,3" into picked[] and order[]. */
static void
load_list(struct poll *p, const char *v)
{
	memset(p->picked, 0, sizeof p->picked);
	p->n_order = 0;
	while (*v != '\0') {
		int o = atoi(v) - 1;

		if (o >= 0 && o < SNAP_MAX_OPTIONS && !p->picked[o]) {
			p->picked[o] = 1;
			p->order[p->n_order++] = o;
		}
		while (*v != '\0' && *v != ',')
			v++;
		if (*v == ',')
			v++;
	}
}

static void
poll_apply(void *st, const struct snapshot *s)
{
	struct poll *p = st;

	if (strcmp(p->activity, s->activity) != 0) {
		memset(p, 0, sizeof *p);
		snprintf(p->activity, sizeof p->activity, "%s", s->activity);
		p->cursor = s->mine >= 0 ? s->mine : 0;
		if (s->poll_type == POLL_MULTI || s->poll_type == POLL_RANK)
			load_list(p, s->mine_value);
	}
	/* The facilitator's reveal brings the results to every screen. */
	if ((s->flags & SNAP_REVEALED) && !p->revealed)
		p->view_results = 1;
	p->revealed = (s->flags & SNAP_REVEALED) != 0;
	if (p->sent[0] != '\0' && strcmp(s->mine_value, p->sent) == 0)
		p->sent[0] = '\0';
	if (p->cursor >= s->n_options)
		p->cursor = s->n_options > 0 ? s->n_options - 1 : 0;
	if (s->state != ACT_OPEN)
		number_reset(&p->num);
}

/* The value each option's digits name (a snapshot may change them). */
static void
fill_values(struct poll *p, const struct snapshot *s)
{
	for (int i = 0; i < s->n_options && i < SNAP_MAX_OPTIONS; i++) {
		snprintf(p->values[i], sizeof p->values[i], "%d",
		    s->poll_type == POLL_SCALE ? s->scale_min + i : i + 1);
		p->vp[i] = p->values[i];
	}
}

static int
send(struct poll *p, struct intent *in, const char *value)
{
	snprintf(in->answer, sizeof in->answer, "%s", value);
	snprintf(p->sent, sizeof p->sent, "%s", value);
	return SCR_ANSWER | SCR_REDRAW;
}

static void
list(const int *opts, int n, char *out, size_t cap)
{
	size_t o = 0;

	out[0] = '\0';
	for (int i = 0; i < n && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%s%d", i ? "," : "",
		    opts[i] + 1);
}

static int
pick(struct poll *p, const struct snapshot *s, int o, struct intent *in)
{
	char v[64];
	int opts[SNAP_MAX_OPTIONS], n = 0;

	p->cursor = o;
	switch (s->poll_type) {
	case POLL_MULTI:
		if (!p->picked[o]) {
			for (int i = 0; i < s->n_options; i++)
				n += p->picked[i];
			if (n >= s->max_picks) {
				snprintf(p->hint, sizeof p->hint, "You can "
				    "pick up to %d: untick one first.",
				    s->max_picks);
				return SCR_REDRAW;
			}
		}
		p->picked[o] = !p->picked[o];
		return SCR_REDRAW;
	case POLL_RANK:
		if (p->picked[o])
			return SCR_REDRAW;
		p->picked[o] = 1;
		p->order[p->n_order++] = o;
		if (p->n_order < s->n_options) {
			/* On to the next option still to place. */
			for (int k = 1; k <= s->n_options; k++)
				if (!p->picked[(o + k) % s->n_options]) {
					p->cursor = (o + k) % s->n_options;
					break;
				}
			return SCR_REDRAW;
		}
		list(p->order, p->n_order, v, sizeof v);
		return send(p, in, v);
	default:
		snprintf(v, sizeof v, "%d", o + 1);
		(void)opts;
		return send(p, in, v);
	}
}

static int
submit_multi(struct poll *p, const struct snapshot *s, struct intent *in)
{
	int opts[SNAP_MAX_OPTIONS], n = 0;
	char v[64];

	for (int i = 0; i < s->n_options; i++)
		if (p->picked[i])
			opts[n++] = i;
	if (n == 0) {
		snprintf(p->hint, sizeof p->hint, "Tick at least one first "
		    "(Space or its number), then Enter sends.");
		return SCR_REDRAW;
	}
	list(opts, n, v, sizeof v);
	return send(p, in, v);
}

/* A digit (or Enter ending a number) on an option list. */
static int
number(struct poll *p, const struct snapshot *s, int key, struct intent *in)
{
	char range[24];
	int o, r = number_key(&p->num, p->vp, s->n_options, key, &o);

	switch (r) {
	case NUMBER_CHOSEN:
		if (s->poll_type == POLL_MULTI) {
			p->cursor = o;
			return pick(p, s, o, in);
		}
		return pick(p, s, o, in);
	case NUMBER_WAIT:
		if (o >= 0)
			p->cursor = o;
		snprintf(p->hint, sizeof p->hint, "%s... type the next digit, "
		    "or Enter for %s.", p->num.typed, p->num.typed);
		return SCR_REDRAW;
	case NUMBER_BAD:
		number_range(p->vp, s->n_options, range, sizeof range);
		snprintf(p->hint, sizeof p->hint, "Pick %s.", range);
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

/* A text poll: any printable key starts the answer with that key. */
static int
text_key(struct poll *p, const struct snapshot *s, int key, struct intent *in)
{
	if (key == SK_ESC || key == SK_INTR) {
		p->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (key == SK_TAB && (s->flags & SNAP_RESULTS)) {
		p->view_results = !p->view_results;
		return SCR_REDRAW;
	}
	if (key == SK_F1) {
		p->help = 1;
		return SCR_REDRAW;
	}
	if (s->state != ACT_OPEN)
		return key == 'q' || key == 'Q' ? (p->confirm_quit = 1,
		    SCR_REDRAW) : SCR_NONE;
	if (key != SK_ENTER && (key < 0x20 || key >= SK_UP))
		return SCR_NONE;
	p->view_results = 0;
	snprintf(in->prompt, sizeof in->prompt, "Your answer (Enter sends, "
	    "Esc keeps it for later):");
	/* Typing goes on from the answer already given: nothing is lost,
	 * and it can be edited. */
	snprintf(in->answer, sizeof in->answer, "%s", s->mine_value);
	in->seed = key == SK_ENTER ? 0 : key;
	in->limit = s->text_max;	/* the plan's max =, 0 for the default */
	return SCR_INPUT;
}

static int
poll_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct poll *p = st;
	int open = s->state == ACT_OPEN, r;

	p->hint[0] = '\0';
	fill_values(p, s);
	if (p->help) {
		p->help = 0;
		return SCR_REDRAW;
	}
	if (p->confirm_quit) {
		p->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (s->poll_type == POLL_TEXT)
		return text_key(p, s, key, in);
	if (key == 'q' || key == 'Q' || key == SK_INTR) {
		p->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (key == '?' || key == SK_F1) {
		p->help = 1;
		return SCR_REDRAW;
	}
	if ((key == 'v' || key == SK_TAB) && (s->flags & SNAP_RESULTS)) {
		p->view_results = !p->view_results;
		return SCR_REDRAW;
	}
	if (!open)
		return SCR_NONE;
	if (p->view_results)
		p->view_results = 0;	/* any answer key: back to answering */
	if ((key >= '0' && key <= '9') || (key == SK_ENTER &&
	    p->num.typed[0] != '\0'))
		return number(p, s, key, in);
	number_reset(&p->num);
	switch (key) {
	case SK_UP:
	case 'k':
		if (p->cursor > 0)
			p->cursor--;
		return SCR_REDRAW;
	case SK_DOWN:
	case 'j':
		if (p->cursor + 1 < s->n_options)
			p->cursor++;
		return SCR_REDRAW;
	case SK_HOME:
		p->cursor = 0;
		return SCR_REDRAW;
	case SK_END:
		p->cursor = s->n_options > 0 ? s->n_options - 1 : 0;
		return SCR_REDRAW;
	case ' ':
		if (s->poll_type == POLL_MULTI)
			return pick(p, s, p->cursor, in);
		/* FALLTHROUGH */
	case SK_ENTER:
		if (s->poll_type == POLL_MULTI)
			return submit_multi(p, s, in);
		return pick(p, s, p->cursor, in);
	case SK_BACKSPACE:
		if (s->poll_type == POLL_RANK && p->n_order > 0) {
			p->picked[p->order[--p->n_order]] = 0;
			p->cursor = p->order[p->n_order];
		}
		return SCR_REDRAW;
	}
	r = SCR_NONE;
	return r;
}

/* The key bar: `? help` first, so it is the one key never cut off. */
static const char *
help(const struct poll *p, const struct snapshot *s)
{
	static char bar[160];
	char range[24];

	fill_values((struct poll *)p, s);
	if (s->poll_type == POLL_TEXT)
		return s->state != ACT_OPEN ? "F1 help  q leave" :
		    (s->flags & SNAP_RESULTS) ? "F1 help  type your answer  "
		    "Tab results  Esc leave" : "F1 help  type your answer  "
		    "Esc leave";
	if (s->state != ACT_OPEN)
		return (s->flags & SNAP_RESULTS) ? "? help  v results  q leave" :
		    "? help  q leave";
	number_range(p->vp, s->n_options, range, sizeof range);
	switch (s->poll_type) {
	case POLL_MULTI:
		snprintf(bar, sizeof bar, "? help  %s or Space: tick  Enter: "
		    "send  q leave", range);
		break;
	case POLL_RANK:
		snprintf(bar, sizeof bar, "? help  %s or Enter: place next  "
		    "Backspace: undo  q leave", range);
		break;
	default:
		snprintf(bar, sizeof bar, "? help  %s%s or arrows + Enter: "
		    "answer  %sq leave", range, number_waits(p->vp,
		    s->n_options) ? " (10 = 1 then 0)" : "",
		    (s->flags & SNAP_RESULTS) ? "v results  " : "");
	}
	return bar;
}

static void
draw_help(const struct poll *p, const struct snapshot *s, struct ui *ui)
{
	static const char *text[] = {
		"any key   start typing your answer (it opens the field)",
		"Enter     send the answer; Esc keeps a draft for later",
		"Tab       results, when the facilitator shows them",
		"Esc       leave the session", NULL };
	static const char *single[] = {
		"digit     answer with that number (10: 1 then 0)",
		"Up/Down   move;  Enter answers with the highlighted one",
		"v or Tab  results, when the facilitator shows them",
		"q         leave the session", NULL };
	static const char *multi[] = {
		"digit     tick or untick that option",
		"Space     tick or untick the highlighted option",
		"Enter     send what is ticked",
		"Up/Down   move;  q leave the session", NULL };
	static const char *rank[] = {
		"digit     place that option next (best first)",
		"Enter     place the highlighted option next",
		"Backspace take back the last one placed",
		"Up/Down   move;  q leave the session", NULL };

	(void)p;
	screen_help(ui, "Keys (any key closes this)", s->poll_type == POLL_TEXT ?
	    text : s->poll_type == POLL_MULTI ? multi : s->poll_type ==
	    POLL_RANK ? rank : single);
}

static void
draw_options(struct poll *p, const struct snapshot *s, struct ui *ui, int y,
    int w)
{
	const char *tick = ui->utf8 ? "\xe2\x9c\x93" : "*";
	char buf[512], mark[16];

	for (int i = 0; i < s->n_options && y < ui->rows - 4; i++) {
		int sel = i == p->cursor && s->state == ACT_OPEN;
		int num = s->poll_type == POLL_SCALE ? s->scale_min + i : i + 1;

		mark[0] = '\0';
		if (s->poll_type == POLL_MULTI)
			snprintf(mark, sizeof mark, "[%s]", p->picked[i] ? "x" :
			    " ");
		else if (s->poll_type == POLL_RANK) {
			for (int k = 0; k < p->n_order; k++)
				if (p->order[k] == i)
					snprintf(mark, sizeof mark, "#%d", k + 1);
		} else if (i == s->mine)
			snprintf(mark, sizeof mark, "%s", tick);
		/* Pad by display width: a tick is 3 bytes but 1 column. */
		snprintf(buf, sizeof buf, "%*s%s %2d  %s", 3 - text_width(mark,
		    ui->utf8), "", mark, num,
		    s->poll_type == POLL_SCALE && strchr(s->options[i], ' ') ?
		    strchr(s->options[i], ' ') + 1 : s->poll_type ==
		    POLL_SCALE ? "" : s->options[i]);
		ui_text(ui, y++, 2, w, buf, sel ? UI_SELECT : UI_NORMAL);
	}
}

static void
draw_status(struct poll *p, const struct snapshot *s, struct ui *ui, int y,
    int w)
{
	char buf[VALUE_MAX_LEN + 64];
	int n = 0, done = s->mine_value[0] != '\0';

	for (int i = 0; i < s->n_options; i++)
		n += p->picked[i];
	if (ui->notice[0] != '\0')
		ui_text(ui, y, 2, w, ui->notice, UI_WARN);
	else if (p->hint[0] != '\0')
		ui_text(ui, y, 2, w, p->hint, UI_WARN);
	else if (s->state == ACT_CLOSED && s->poll_type == POLL_RANK &&
	    p->n_order > 0 && !done)
		ui_text(ui, y, 2, w, "Closed before your ranking was complete: "
		    "it was not counted.", UI_WARN);
	else if (s->state == ACT_CLOSED)
		ui_text(ui, y, 2, w, done ? "Closed. Your answer was saved." :
		    "This question has closed.", UI_DIM);
	else if (p->sent[0] != '\0')
		ui_text(ui, y, 2, w, "Sending...", UI_DIM);
	else if (s->poll_type == POLL_RANK && p->n_order < s->n_options &&
	    (p->n_order > 0 || !done)) {
		snprintf(buf, sizeof buf, "%d of %d placed: %d more to place. "
		    "Nothing is counted until all are placed.", p->n_order,
		    s->n_options, s->n_options - p->n_order);
		ui_text(ui, y, 2, w, buf, (s->flags & SNAP_WARNED) &&
		    p->n_order > 0 ? UI_WARN : UI_DIM);
	} else if (s->poll_type == POLL_MULTI && n >= s->max_picks &&
	    strcmp(s->mine_value, "") == 0) {
		snprintf(buf, sizeof buf, "You can pick up to %d; press Enter "
		    "to send.", s->max_picks);
		ui_text(ui, y, 2, w, buf, UI_DIM);
	} else if (done) {
		snprintf(buf, sizeof buf, "%s Received%s%s. You can change it "
		    "until the poll closes.", ui->utf8 ? "\xe2\x9c\x93" : "OK",
		    s->mine >= 0 ? ": " : s->poll_type == POLL_TEXT ? ": " : "",
		    s->mine >= 0 ? s->options[s->mine] : s->poll_type ==
		    POLL_TEXT ? s->mine_value : "");
		ui_text(ui, y, 2, w, buf, UI_GOOD);
	}
}

static void
poll_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct poll *p = st;
	char lines[6][256];
	int y = s->banner[0] ? 3 : 2, n, w = ui->cols - 4;
	/* While open, the answer comes first: results (live or revealed)
	 * are one key away; once closed they take the screen. */
	int show = (s->flags & SNAP_RESULTS) && (s->state == ACT_CLOSED ||
	    p->view_results);

	screen_header(ui, s);
	n = text_wrap(s->question, w, ui->utf8, lines, 4);
	for (int i = 0; i < n; i++)
		ui_text(ui, y++, 2, w, lines[i], UI_TITLE);
	if (s->flags & SNAP_ANONYMOUS)
		ui_text(ui, y++, 2, w, "Anonymous: your name is not stored with "
		    "this answer.", UI_DIM);
	y++;
	if (s->poll_type == POLL_TEXT && !show) {
		n = text_wrap(s->mine_value[0] ? "Press Enter or type to "
		    "change your answer." : "Start typing your answer "
		    "(Enter sends it).", w, ui->utf8, lines, 2);
		for (int i = 0; i < n; i++)
			ui_text(ui, y++, 2, w, lines[i], UI_NORMAL);
	} else if (show)
		y = results_draw(ui, s, y, 2, w, ui->rows - 3, s->mine);
	else
		draw_options(p, s, ui, y, w);
	if (!show && s->poll_type != POLL_TEXT)
		y += s->n_options;
	n = screen_footer(ui, p->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : help(p, s));
	draw_status(p, s, ui, ui->rows - 2 - n > y + 1 ? y + 1 : ui->rows - 2 -
	    n, w);
	if (p->help)
		draw_help(p, s, ui);
}

const struct screen screen_poll = {
	.name = "poll",
	.init = poll_init,
	.free = poll_free,
	.apply = poll_apply,
	.key = poll_key,
	.draw = poll_draw,
};

const struct kind_view poll_view = {
	.screen = &screen_poll,
	.dash_count = poll_dash_count,
	.dash_key = poll_dash_key,
	.dash_draw = poll_dash_draw,
	.dash_whole = poll_dash_whole,
	.dash_help = poll_dash_help,
	.proj_draw = poll_proj_draw,
};
