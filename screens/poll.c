/* poll.c: a participant answering a poll, or the projector showing it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

/*
 * `cursor` is the highlighted option; `sent` the option last sent and
 * not yet seen back in a snapshot as `mine` (so "sending..." shows until
 * the host has committed it).  Both reset when the activity changes.
 */
struct poll {
	char activity[ID_MAX_LEN + 1];
	int cursor;
	int sent;
	int confirm_quit;
};

static void *
poll_init(void)
{
	struct poll *p = calloc(1, sizeof *p);

	if (p != NULL)
		p->sent = -1;
	return p;
}

static void
poll_free(void *st)
{
	free(st);
}

static void
poll_apply(void *st, const struct snapshot *s)
{
	struct poll *p = st;

	if (strcmp(p->activity, s->activity) != 0) {
		snprintf(p->activity, sizeof p->activity, "%s", s->activity);
		p->cursor = s->mine >= 0 ? s->mine : 0;
		p->sent = -1;
	}
	if (s->mine >= 0 && s->mine == p->sent)
		p->sent = -1;
	if (p->cursor >= s->n_options)
		p->cursor = s->n_options > 0 ? s->n_options - 1 : 0;
}

static int
choose(struct poll *p, const struct snapshot *s, int o, struct intent *in)
{
	if (s->view != VIEW_PARTICIPANT || s->state != ACT_OPEN ||
	    o < 0 || o >= s->n_options)
		return SCR_NONE;
	p->cursor = o;
	p->sent = o;
	snprintf(in->answer, sizeof in->answer, "%d", o + 1);
	return SCR_ANSWER | SCR_REDRAW;
}

static int
poll_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct poll *p = st;

	if (p->confirm_quit) {
		p->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (key >= '1' && key <= '9')
		return choose(p, s, key - '1', in);
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
	case SK_ENTER:
	case ' ':
		return choose(p, s, p->cursor, in);
	case 'q':
	case 'Q':
		p->confirm_quit = 1;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

static void
poll_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct poll *p = st;
	char lines[6][256], buf[512];
	int y = s->banner[0] ? 3 : 2, n, w = ui->cols - 4;
	int results = (s->flags & SNAP_RESULTS) != 0;

	screen_header(ui, s);
	n = text_wrap(s->question, w, ui->utf8, lines, 4);
	for (int i = 0; i < n; i++)
		ui_text(ui, y++, 2, w, lines[i], UI_TITLE);
	y++;
	if (results && (s->view != VIEW_PARTICIPANT || s->state == ACT_CLOSED
	    || (s->flags & SNAP_REVEALED))) {
		y = screen_results(ui, s, y, 2, w, s->view == VIEW_PARTICIPANT ?
		    s->mine : -1);
	} else {
		for (int i = 0; i < s->n_options && y < ui->rows - 4; i++) {
			int sel = i == p->cursor && s->view == VIEW_PARTICIPANT;

			snprintf(buf, sizeof buf, "%s %d  %s", i == s->mine ?
			    (ui->utf8 ? "\xe2\x9c\x93" : "*") : " ", i + 1,
			    s->options[i]);
			ui_text(ui, y++, 2, w, buf, sel ? UI_SELECT : UI_NORMAL);
		}
	}
	y++;
	if (s->view == VIEW_PARTICIPANT) {
		if (ui->notice[0] != '\0')
			ui_text(ui, y, 2, w, ui->notice, UI_WARN);
		else if (s->state == ACT_CLOSED)
			ui_text(ui, y, 2, w, s->mine >= 0 ? "Closed. Your answer "
			    "was saved." : "This question has closed.", UI_DIM);
		else if (p->sent >= 0)
			ui_text(ui, y, 2, w, "Sending...", UI_DIM);
		else if (s->mine >= 0) {
			snprintf(buf, sizeof buf, "%s Received: %s. You can "
			    "change it until the poll closes.", ui->utf8 ?
			    "\xe2\x9c\x93" : "OK", s->options[s->mine]);
			ui_text(ui, y, 2, w, buf, UI_GOOD);
		}
	} else {
		snprintf(buf, sizeof buf, "%u answered of %u here",
		    s->answered, s->connected);
		ui_text(ui, y, 2, w, buf, UI_DIM);
	}
	screen_footer(ui, p->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : s->view != VIEW_PARTICIPANT ? "q quit" :
	    s->state == ACT_OPEN ? "1-9 or arrows + Enter: answer   q leave" :
	    "q leave");
}

const struct screen screen_poll = {
	.name = "poll",
	.init = poll_init,
	.free = poll_free,
	.apply = poll_apply,
	.key = poll_key,
	.draw = poll_draw,
};
