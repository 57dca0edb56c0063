/* poll.c: a participant answering a poll of any type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

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

/* The option a digit key names: scales name their values (0..9), other
 * polls count options from 1. */
static int
digit_option(const struct snapshot *s, int key)
{
	int o = s->poll_type == POLL_SCALE ? key - '0' - s->scale_min :
	    key - '1';

	return o >= 0 && o < s->n_options ? o : -1;
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
			if (n >= s->max_picks)
				return SCR_REDRAW;	/* drawn as a hint */
		}
		p->picked[o] = !p->picked[o];
		return SCR_REDRAW;
	case POLL_RANK:
		if (p->picked[o])
			return SCR_REDRAW;
		p->picked[o] = 1;
		p->order[p->n_order++] = o;
		if (p->n_order < s->n_options)
			return SCR_REDRAW;
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
	if (n == 0)
		return SCR_REDRAW;
	list(opts, n, v, sizeof v);
	return send(p, in, v);
}

static int
poll_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct poll *p = st;
	int open = s->state == ACT_OPEN, o;

	if (p->confirm_quit) {
		p->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (key == 'q' || key == 'Q') {
		p->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (key == 'v' && (s->flags & SNAP_RESULTS)) {
		p->view_results = !p->view_results;
		return SCR_REDRAW;
	}
	if (!open)
		return SCR_NONE;
	if (p->view_results)
		p->view_results = 0;	/* any answer key: back to answering */
	if (s->poll_type == POLL_TEXT) {
		if (key == SK_ENTER || key == 'a' || key == 'e') {
			snprintf(in->prompt, sizeof in->prompt, "Your answer "
			    "(Enter sends, Esc cancels):");
			return SCR_INPUT;
		}
		return SCR_NONE;
	}
	if (key >= '0' && key <= '9' && (o = digit_option(s, key)) >= 0)
		return pick(p, s, o, in);
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
	case ' ':
		if (s->poll_type == POLL_MULTI)
			return pick(p, s, p->cursor, in);
		/* FALLTHROUGH */
	case SK_ENTER:
		if (s->poll_type == POLL_MULTI)
			return submit_multi(p, s, in);
		return pick(p, s, p->cursor, in);
	case SK_BACKSPACE:
		if (s->poll_type == POLL_RANK && p->n_order > 0)
			p->picked[p->order[--p->n_order]] = 0;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

static const char *
help(const struct snapshot *s)
{
	if (s->state != ACT_OPEN)
		return "q leave";
	if (s->flags & SNAP_RESULTS)
		return "v results/answer  1-9 or arrows + Enter  q leave";
	switch (s->poll_type) {
	case POLL_MULTI:
		return "digits or Space: pick  Enter: send  q leave";
	case POLL_RANK:
		return "pick best first (digit or Enter)  Backspace: undo  "
		    "q leave";
	case POLL_TEXT:
		return "Enter: write your answer  q leave";
	case POLL_SCALE:
		return "digit or arrows + Enter: answer  q leave";
	}
	return "1-9 or arrows + Enter: answer   q leave";
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
	int n = 0;

	for (int i = 0; i < s->n_options; i++)
		n += p->picked[i];
	if (ui->notice[0] != '\0')
		ui_text(ui, y, 2, w, ui->notice, UI_WARN);
	else if (s->state == ACT_CLOSED)
		ui_text(ui, y, 2, w, s->mine_value[0] ? "Closed. Your answer "
		    "was saved." : "This question has closed.", UI_DIM);
	else if (p->sent[0] != '\0')
		ui_text(ui, y, 2, w, "Sending...", UI_DIM);
	else if (s->poll_type == POLL_MULTI && n >= s->max_picks &&
	    strcmp(s->mine_value, "") == 0) {
		snprintf(buf, sizeof buf, "You can pick up to %d; press Enter "
		    "to send.", s->max_picks);
		ui_text(ui, y, 2, w, buf, UI_DIM);
	} else if (s->mine_value[0] != '\0') {
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
	y++;
	if (s->poll_type == POLL_TEXT && !show)
		ui_text(ui, y++, 2, w, s->mine_value[0] ? "Press Enter to "
		    "change your answer." : "Press Enter to write your answer.",
		    UI_NORMAL);
	else if (show)
		y = results_draw(ui, s, y, 2, w, ui->rows - 3, s->mine);
	else
		draw_options(p, s, ui, y, w);
	if (!show && s->poll_type != POLL_TEXT)
		y += s->n_options;
	draw_status(p, s, ui, ui->rows - 3 > y + 1 ? y + 1 : ui->rows - 3, w);
	screen_footer(ui, p->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : help(s));
}

const struct screen screen_poll = {
	.name = "poll",
	.init = poll_init,
	.free = poll_free,
	.apply = poll_apply,
	.key = poll_key,
	.draw = poll_draw,
};
