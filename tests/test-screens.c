/* test-screens.c: the screen tables driven without a terminal: which
 * screen shows a snapshot, what keys ask for, how apply() keeps state.
 * The last tests draw into an off-screen curses terminal to read back
 * what a screen shows. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>
#include <locale.h>

#include "cafe-view.h"
#include "poll-view.h"
#include "screen.h"

/* A screen's state and the snapshot it is shown, fresh per test. */
struct fix {
	const struct screen *scr;
	void *st;
	struct snapshot snap;
	struct intent in;
};

/* An open three-option poll, as a participant sees it. */
static void
poll_snapshot(struct snapshot *s, const char *activity)
{
	memset(s, 0, sizeof *s);
	s->view = VIEW_PARTICIPANT;
	strcpy(s->title, "Screens test");
	s->n_items = 2;
	strcpy(s->items[0].id, "q1");
	strcpy(s->items[0].title, "First");
	s->items[0].flags = SNAP_RUNNABLE;
	s->items[0].state = ACT_OPEN;
	strcpy(s->items[1].id, "q2");
	strcpy(s->items[1].title, "Second");
	s->items[1].flags = SNAP_RUNNABLE;
	s->current = 0;
	s->kind = ACT_POLL;
	s->state = ACT_OPEN;
	s->flags = SNAP_RUNNABLE;
	snprintf(s->activity, sizeof s->activity, "%s", activity);
	strcpy(s->question, "Which colour?");
	s->n_options = 3;
	strcpy(s->options[0], "Red");
	strcpy(s->options[1], "Green");
	strcpy(s->options[2], "Blue");
	s->remaining = -1;
	s->mine = -1;
	s->joined = 3;
	s->connected = 2;
}

static int
setup_with(void **state, const struct screen *scr)
{
	struct fix *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	f->scr = scr;
	if ((f->st = scr->init()) == NULL) {
		free(f);
		return -1;
	}
	poll_snapshot(&f->snap, "q1");
	scr->apply(f->st, &f->snap);
	*state = f;
	return 0;
}

static int
setup_poll(void **state)
{
	return setup_with(state, &screen_poll);
}

static int
setup_dash(void **state)
{
	return setup_with(state, &screen_dashboard);
}

static int
setup_projector(void **state)
{
	return setup_with(state, &screen_projector);
}

static int
setup_lobby(void **state)
{
	return setup_with(state, &screen_lobby);
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	f->scr->free(f->st);
	free(f);
	return 0;
}

static int
key(struct fix *f, int k)
{
	memset(&f->in, 0, sizeof f->in);
	return f->scr->key(f->st, &f->snap, k, &f->in);
}

static void
test_screen_for(void **state)
{
	struct snapshot *s = malloc(sizeof *s);

	(void)state;
	assert_non_null(s);
	poll_snapshot(s, "q1");
	/* The facilitator always has the dashboard. */
	assert_ptr_equal(screen_for(s, VIEW_FACILITATOR), &screen_dashboard);
	/* The projector always has its own big screen. */
	assert_ptr_equal(screen_for(s, VIEW_PROJECTOR), &screen_projector);
	/* An open runnable poll. */
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_poll);
	/* Closed, it stays up to show the outcome. */
	s->state = ACT_CLOSED;
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_poll);
	/* Not yet open: wait in the lobby. */
	s->state = ACT_WAITING;
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_lobby);
	assert_ptr_equal(screen_for(s, VIEW_PROJECTOR), &screen_projector);
	assert_ptr_equal(screen_for(s, VIEW_FACILITATOR), &screen_dashboard);
	/* Before the first activity. */
	s->state = ACT_OPEN;
	s->current = -1;
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_lobby);
	assert_ptr_equal(screen_for(s, VIEW_FACILITATOR), &screen_dashboard);
	/* A kind this build cannot run never gets a fake screen. */
	s->current = 0;
	s->flags = 0;
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_lobby);
	s->flags = SNAP_RUNNABLE;
	s->kind = ACT_CAFE;
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_cafe);
	s->kind = ACT_ASSESS;
	s->flags = 0;
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_lobby);
	free(s);
}

static void
test_screen_tables(void **state)
{
	const struct screen *all[] = { &screen_lobby, &screen_poll,
	    &screen_dashboard, &screen_projector };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		assert_non_null(all[i]->name);
		assert_non_null(all[i]->init);
		assert_non_null(all[i]->free);
		assert_non_null(all[i]->apply);
		assert_non_null(all[i]->key);
		assert_non_null(all[i]->draw);
	}
	assert_string_equal(screen_poll.name, "poll");
	assert_string_equal(screen_lobby.name, "lobby");
	assert_string_equal(screen_dashboard.name, "dashboard");
	assert_string_equal(screen_projector.name, "projector");
}

static void
test_timer_text(void **state)
{
	char t[16];

	(void)state;
	screen_timer(t, sizeof t, -1);
	assert_string_equal(t, "");
	screen_timer(t, sizeof t, 0);
	assert_string_equal(t, "0:00");
	screen_timer(t, sizeof t, 65);
	assert_string_equal(t, "1:05");
	screen_timer(t, sizeof t, 36000);
	assert_string_equal(t, "600:00");
}

static void
test_poll_digits(void **state)
{
	struct fix *f = *state;

	assert_int_equal(key(f, '2'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");
	assert_int_equal(key(f, '3'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "3");
	assert_int_equal(key(f, '1'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1");
	/* Only options that exist; the others say the range. */
	assert_int_equal(key(f, '4'), SCR_REDRAW);
	assert_string_equal(f->in.answer, "");
	assert_int_equal(key(f, '9'), SCR_REDRAW);
	assert_int_equal(key(f, '0'), SCR_REDRAW);
	assert_int_equal(key(f, 'x'), SCR_NONE);
	assert_int_equal(key(f, SK_PGDN), SCR_NONE);
	/* Nine options: 9 works. */
	f->snap.n_options = 9;
	assert_int_equal(key(f, '9'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "9");
}

static void
test_poll_only_when_open(void **state)
{
	struct fix *f = *state;

	f->snap.state = ACT_CLOSED;
	assert_int_equal(key(f, '1'), SCR_NONE);
	assert_int_equal(key(f, SK_ENTER), SCR_NONE);
	assert_int_equal(key(f, SK_DOWN), SCR_NONE);
	assert_string_equal(f->in.answer, "");
	/* Leaving still works on a closed poll. */
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'n'), SCR_REDRAW);
	f->snap.state = ACT_WAITING;
	assert_int_equal(key(f, '1'), SCR_NONE);
	f->snap.state = ACT_OPEN;
	assert_int_equal(key(f, '1'), SCR_ANSWER | SCR_REDRAW);
}

static void
test_poll_arrows(void **state)
{
	struct fix *f = *state;

	/* The cursor starts on the first option. */
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1");
	assert_int_equal(key(f, SK_DOWN), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");
	/* It stops at the last option... */
	for (int i = 0; i < 5; i++)
		assert_int_equal(key(f, SK_DOWN), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "3");
	/* ...and at the first. */
	assert_int_equal(key(f, SK_UP), SCR_REDRAW);
	assert_int_equal(key(f, ' '), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");
	for (int i = 0; i < 5; i++)
		assert_int_equal(key(f, 'k'), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1");
	assert_int_equal(key(f, 'j'), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");
	/* A digit moves the cursor there too. */
	assert_int_equal(key(f, '3'), SCR_ANSWER | SCR_REDRAW);
	assert_int_equal(key(f, SK_UP), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");
}

static void
test_poll_quit(void **state)
{
	struct fix *f = *state;

	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'y'), SCR_QUIT);

	/* Any other key stays, and is not taken as an answer. */
	assert_int_equal(key(f, 'Q'), SCR_REDRAW);
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_string_equal(f->in.answer, "");
	assert_int_equal(key(f, '1'), SCR_ANSWER | SCR_REDRAW);
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'n'), SCR_REDRAW);
	assert_int_equal(key(f, 'y'), SCR_NONE);
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'Y'), SCR_QUIT);
}

static void
test_poll_apply(void **state)
{
	struct fix *f = *state;

	/* Move to the last option, then a new activity arrives. */
	key(f, SK_DOWN);
	key(f, SK_DOWN);
	poll_snapshot(&f->snap, "q2");
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1");

	/* A new activity already answered (after a reconnect): the cursor
	 * starts on the own answer. */
	poll_snapshot(&f->snap, "q3");
	f->snap.mine = 1;
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");

	/* The same activity again keeps the cursor where it is. */
	key(f, SK_DOWN);
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "3");

	/* Fewer options than the cursor: it is pulled back in range. */
	key(f, SK_DOWN);
	f->snap.n_options = 2;
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");
}

static void
test_poll_multi(void **state)
{
	struct fix *f = *state;

	f->snap.poll_type = POLL_MULTI;
	f->snap.max_picks = 2;
	/* Digits pick and unpick; nothing is sent until Enter. */
	assert_int_equal(key(f, SK_ENTER), SCR_REDRAW);	/* none picked */
	assert_string_equal(f->in.answer, "");
	assert_int_equal(key(f, '3'), SCR_REDRAW);
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_int_equal(key(f, '2'), SCR_REDRAW);	/* over the max */
	assert_string_equal(f->in.answer, "");
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1,3");
	assert_int_equal(key(f, '1'), SCR_REDRAW);	/* unpick */
	assert_int_equal(key(f, SK_DOWN), SCR_REDRAW);	/* cursor to 2 */
	assert_int_equal(key(f, ' '), SCR_REDRAW);	/* Space picks */
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2,3");
	assert_int_equal(key(f, '4'), SCR_REDRAW);	/* "Pick 1-3" */
	assert_string_equal(f->in.answer, "");

	/* Coming back to an answered one starts from that answer. */
	poll_snapshot(&f->snap, "m2");
	f->snap.poll_type = POLL_MULTI;
	f->snap.max_picks = 3;
	strcpy(f->snap.mine_value, "2,3");
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1,2,3");
}

static void
test_poll_rank(void **state)
{
	struct fix *f = *state;

	f->snap.poll_type = POLL_RANK;
	assert_int_equal(key(f, '2'), SCR_REDRAW);
	assert_int_equal(key(f, '2'), SCR_REDRAW);	/* already placed */
	assert_int_equal(key(f, SK_BACKSPACE), SCR_REDRAW);	/* undo */
	assert_int_equal(key(f, '3'), SCR_REDRAW);
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_string_equal(f->in.answer, "");
	/* The last one placed sends the whole ranking. */
	assert_int_equal(key(f, '2'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "3,1,2");
	assert_int_equal(key(f, '9'), SCR_REDRAW);	/* "Pick 1-3" */
	assert_string_equal(f->in.answer, "");

	/* Enter places the highlighted option and moves on to the next
	 * one still to place, so Enter three times ranks all three. */
	poll_snapshot(&f->snap, "r2");
	f->snap.poll_type = POLL_RANK;
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, SK_ENTER), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1,2,3");
}

static void
test_poll_text_and_scale(void **state)
{
	struct fix *f = *state;

	/* Free text: keys ask the client for a line; it sends it. */
	f->snap.poll_type = POLL_TEXT;
	f->snap.n_options = 0;
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, SK_ENTER), SCR_INPUT);
	assert_string_not_equal(f->in.prompt, "");
	assert_int_equal(f->in.argc, 0);
	/* Any printable key opens the field with that key in it. */
	assert_int_equal(key(f, 'P'), SCR_INPUT);
	assert_int_equal(f->in.seed, 'P');
	assert_int_equal(key(f, '1'), SCR_INPUT);
	assert_int_equal(f->in.seed, '1');
	assert_int_equal(key(f, 'q'), SCR_INPUT);	/* q is a letter here */
	assert_int_equal(key(f, SK_UP), SCR_NONE);
	assert_int_equal(key(f, SK_ESC), SCR_REDRAW);	/* asks to leave */
	assert_int_equal(key(f, 'n'), SCR_REDRAW);	/* stays */
	f->snap.state = ACT_CLOSED;
	assert_int_equal(key(f, SK_ENTER), SCR_NONE);

	/* A 0..4 scale: digits name the points. */
	poll_snapshot(&f->snap, "s1");
	f->snap.poll_type = POLL_SCALE;
	f->snap.scale_min = 0;
	f->snap.n_options = 5;
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, '0'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1");
	assert_int_equal(key(f, '4'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "5");
	assert_int_equal(key(f, '5'), SCR_REDRAW);	/* "Pick 0-4" */
	assert_string_equal(f->in.answer, "");
	/* A 1..5 scale has no 0. */
	f->snap.scale_min = 1;
	assert_int_equal(key(f, '0'), SCR_REDRAW);
	assert_string_equal(f->in.answer, "");
	assert_int_equal(key(f, '5'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "5");

	/* A 0..10 scale: 1 waits for a second digit; 1 0 is ten, not
	 * zero; 1 Enter is one; 2..9 and 0 answer at once. */
	poll_snapshot(&f->snap, "s2");
	f->snap.poll_type = POLL_SCALE;
	f->snap.scale_min = 0;
	f->snap.n_options = 11;
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_string_equal(f->in.answer, "");
	assert_int_equal(key(f, '0'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "11");	/* option 11: label 10 */
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_int_equal(key(f, SK_ENTER), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "2");		/* label 1 */
	assert_int_equal(key(f, '9'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "10");	/* label 9 */
	assert_int_equal(key(f, '0'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1");		/* label 0 */
	/* 1 then 5 names no point: nothing is sent. */
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_int_equal(key(f, '5'), SCR_REDRAW);
	assert_string_equal(f->in.answer, "");
	/* An arrow drops a half-typed number. */
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_int_equal(key(f, SK_DOWN), SCR_REDRAW);
	assert_int_equal(key(f, '0'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "1");

	/* Eleven options of a single choice: 1 1 is the eleventh. */
	poll_snapshot(&f->snap, "c11");
	f->snap.n_options = 11;
	f->scr->apply(f->st, &f->snap);
	assert_int_equal(key(f, '1'), SCR_REDRAW);
	assert_int_equal(key(f, '1'), SCR_ANSWER | SCR_REDRAW);
	assert_string_equal(f->in.answer, "11");
	assert_int_equal(key(f, '0'), SCR_REDRAW);	/* no option 0 */
}

static void
test_projector_keys(void **state)
{
	struct fix *f = *state;

	f->snap.view = VIEW_PROJECTOR;
	assert_int_equal(key(f, '1'), SCR_NONE);
	assert_int_equal(key(f, SK_ENTER), SCR_NONE);
	assert_string_equal(f->in.answer, "");
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'n'), SCR_REDRAW);
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'y'), SCR_QUIT);
}

static void
test_lobby_keys(void **state)
{
	struct fix *f = *state;

	assert_int_equal(key(f, '1'), SCR_NONE);
	assert_int_equal(key(f, SK_ENTER), SCR_NONE);
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'x'), SCR_REDRAW);
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'y'), SCR_QUIT);
}

static void
expect_ctl(struct fix *f, int k, const char *cmd, const char *arg)
{
	assert_int_equal(key(f, k), SCR_CTL | SCR_REDRAW);
	assert_int_equal(f->in.argc, arg ? 2 : 1);
	assert_string_equal(f->in.argv[0], cmd);
	if (arg != NULL)
		assert_string_equal(f->in.argv[1], arg);
	assert_string_equal(f->in.answer, "");
}

static void
test_dash_keys(void **state)
{
	struct fix *f = *state;

	f->snap.view = VIEW_FACILITATOR;
	expect_ctl(f, 'n', "next", NULL);
	expect_ctl(f, SK_RIGHT, "next", NULL);
	expect_ctl(f, 'p', "prev", NULL);
	expect_ctl(f, SK_LEFT, "prev", NULL);
	expect_ctl(f, 'o', "open", NULL);
	expect_ctl(f, 'c', "close", NULL);
	expect_ctl(f, 'r', "reveal", NULL);
	expect_ctl(f, 'h', "hide", NULL);
	expect_ctl(f, '+', "extend", "1");
	expect_ctl(f, 't', "timer", "0");
	expect_ctl(f, 's', "bysite", NULL);
	/* A message: the client asks for the text, then sends "say TEXT". */
	assert_int_equal(key(f, 'm'), SCR_INPUT);
	assert_int_equal(f->in.argc, 1);
	assert_string_equal(f->in.argv[0], "say");
	assert_string_not_equal(f->in.prompt, "");
	/* Moderation picks among the text answers. */
	assert_int_equal(key(f, 'x'), SCR_NONE);	/* none yet */
	f->snap.n_texts = 3;
	f->snap.texts[0].id = 30;
	f->snap.texts[1].id = 20;
	f->snap.texts[2].id = 10;
	expect_ctl(f, 'x', "moderate", "30");
	assert_int_equal(key(f, SK_DOWN), SCR_REDRAW);
	assert_int_equal(key(f, SK_DOWN), SCR_REDRAW);
	assert_int_equal(key(f, SK_DOWN), SCR_REDRAW);	/* stays on last */
	expect_ctl(f, 'x', "moderate", "10");
	assert_int_equal(key(f, SK_UP), SCR_REDRAW);
	expect_ctl(f, 'x', "moderate", "20");
	/* Fewer texts: the pick is pulled back in range. */
	f->snap.n_texts = 1;
	f->scr->apply(f->st, &f->snap);
	expect_ctl(f, 'x', "moderate", "30");
	assert_int_equal(key(f, 'z'), SCR_NONE);
	assert_int_equal(key(f, '1'), SCR_NONE);
	assert_int_equal(f->in.argc, 0);
}

static void
test_dash_help(void **state)
{
	struct fix *f = *state;

	assert_int_equal(key(f, '?'), SCR_REDRAW);
	/* With help up, a key only closes it. */
	assert_int_equal(key(f, 'n'), SCR_REDRAW);
	assert_int_equal(f->in.argc, 0);
	expect_ctl(f, 'n', "next", NULL);
	assert_int_equal(key(f, '?'), SCR_REDRAW);
	assert_int_equal(key(f, '?'), SCR_REDRAW);
	expect_ctl(f, 'o', "open", NULL);
}

static void
test_dash_quit(void **state)
{
	struct fix *f = *state;

	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'n'), SCR_REDRAW);	/* stays */
	assert_int_equal(f->in.argc, 0);		/* and no "next" */
	expect_ctl(f, 'c', "close", NULL);
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'y'), SCR_QUIT);
	assert_int_equal(key(f, 'q'), SCR_REDRAW);
	assert_int_equal(key(f, 'Y'), SCR_QUIT);
}

/*
 * Drawing: an off-screen terminal (output to /dev/null) whose contents
 * are read back.  This checks what a participant is told, and that
 * every screen draws at any size without touching memory it should not.
 */
struct term {
	SCREEN *scr;
	FILE *out, *in;
};

static int
setup_term(void **state)
{
	struct term *t = calloc(1, sizeof *t);

	if (t == NULL)
		return -1;
	setlocale(LC_ALL, "C.UTF-8");
	t->out = fopen("/dev/null", "w");
	t->in = fopen("/dev/null", "r");
	if (t->out == NULL || t->in == NULL ||
	    (t->scr = newterm("xterm", t->out, t->in)) == NULL) {
		fprintf(stderr, "no off-screen terminal\n");
		return -1;
	}
	set_term(t->scr);
	*state = t;
	return 0;
}

static int
teardown_term(void **state)
{
	struct term *t = *state;

	endwin();
	delscreen(t->scr);
	fclose(t->out);
	fclose(t->in);
	free(t);
	return 0;
}

/* Draw `scr` at rows x cols; returns the screen text, one line per row. */
static void
draw(const struct screen *scr, void *st, const struct snapshot *s,
    struct ui *ui, int rows, int cols)
{
	resizeterm(rows, cols);
	ui->rows = LINES;
	ui->cols = COLS;
	erase();
	scr->draw(st, s, ui);
}

static int
shows(const char *text)
{
	char line[512];

	for (int y = 0; y < LINES; y++) {
		line[0] = '\0';
		mvinnstr(y, 0, line, COLS < 511 ? COLS : 511);
		if (strstr(line, text) != NULL)
			return 1;
	}
	return 0;
}

static void
test_draw_poll_feedback(void **state)
{
	struct snapshot *s = malloc(sizeof *s);
	struct ui ui;
	struct intent in;
	void *st = screen_poll.init();

	(void)state;
	assert_non_null(s);
	memset(&ui, 0, sizeof ui);
	ui.utf8 = 0;
	ui.conn = "";
	poll_snapshot(s, "q1");
	screen_poll.apply(st, s);
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_true(shows("Which colour?"));
	assert_true(shows("Green"));
	assert_false(shows("Sending"));

	/* Sent, not yet seen back from the host. */
	assert_int_equal(screen_poll.key(st, s, '2', &in), SCR_ANSWER |
	    SCR_REDRAW);
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_true(shows("Sending..."));
	/* A snapshot from before the answer was stored changes nothing. */
	screen_poll.apply(st, s);
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_true(shows("Sending..."));
	/* Someone else's stale view of the answer does not clear it. */
	strcpy(s->mine_value, "3");
	s->mine = 2;
	screen_poll.apply(st, s);
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_true(shows("Sending..."));
	/* The host has it: `mine` matches and `sent` clears. */
	s->mine = 1;
	strcpy(s->mine_value, "2");
	screen_poll.apply(st, s);
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_false(shows("Sending"));
	assert_true(shows("Received: Green"));

	/* A refusal is shown instead. */
	snprintf(ui.notice, sizeof ui.notice, "this question has closed");
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_true(shows("this question has closed"));
	ui.notice[0] = '\0';

	/* Closed. */
	s->state = ACT_CLOSED;
	screen_poll.apply(st, s);
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_true(shows("Your answer was saved"));

	/* The quit question replaces the key help. */
	screen_poll.key(st, s, 'q', &in);
	draw(&screen_poll, st, s, &ui, 24, 80);
	assert_true(shows("Leave the session?"));
	screen_poll.free(st);
	free(s);
}

static void
test_draw_dashboard(void **state)
{
	struct snapshot *s = malloc(sizeof *s);
	struct ui ui;
	struct intent in;
	void *st = screen_dashboard.init();

	(void)state;
	assert_non_null(s);
	memset(&ui, 0, sizeof ui);
	ui.conn = "";
	poll_snapshot(s, "q1");
	s->view = VIEW_FACILITATOR;
	s->flags |= SNAP_RESULTS;
	s->counts[1] = 2;
	s->answered = 2;
	s->n_people = 2;
	strcpy(s->people[0].name, "Amal");
	strcpy(s->people[0].site, "North");
	s->people[0].connected = 1;
	s->people[0].answered = 1;
	strcpy(s->people[1].name, "Bo");
	strcpy(s->join_hint, "convene join");
	draw(&screen_dashboard, st, s, &ui, 24, 80);
	assert_true(shows("Agenda"));
	assert_true(shows("First"));
	assert_true(shows("Amal (North)"));
	assert_true(shows("2 of 2 answered"));
	assert_true(shows("Join: convene join"));
	screen_dashboard.key(st, s, '?', &in);
	draw(&screen_dashboard, st, s, &ui, 24, 80);
	assert_true(shows("next activity"));
	screen_dashboard.key(st, s, 'x', &in);
	screen_dashboard.key(st, s, 'q', &in);
	draw(&screen_dashboard, st, s, &ui, 24, 80);
	assert_true(shows("Quit the host?"));
	screen_dashboard.free(st);
	free(s);
}

/* Every screen, every view, tiny to huge, hostile text: no crash. */
static void
test_draw_any_size(void **state)
{
	static const int sizes[][2] = { { 24, 80 }, { 1, 1 }, { 2, 10 },
	    { 5, 20 }, { 10, 40 }, { 24, 50 }, { 30, 100 }, { 60, 250 } };
	const struct screen *all[] = { &screen_lobby, &screen_poll,
	    &screen_dashboard, &screen_projector };
	struct snapshot *s = malloc(sizeof *s);
	struct ui ui;

	(void)state;
	assert_non_null(s);
	for (int variant = 0; variant < 4 * (POLL_RANK + 1); variant++) {
		poll_snapshot(s, "q1");
		s->poll_type = (uint8_t)(variant / 4);
		s->max_picks = 2;
		if (variant & 1) {
			/* Long, wide, hostile text everywhere. */
			memset(s->title, 'T', SNAP_TITLE_LEN);
			for (size_t i = 0; i + 3 <= SNAP_QUESTION_LEN; i += 3)
				memcpy(s->question + i, "\xe6\x97\xa5", 3);
			for (int o = 0; o < SNAP_MAX_OPTIONS; o++) {
				memset(s->options[o], 'o', SNAP_OPTION_LEN);
				s->options[o][0] = '\x1b';
				s->counts[o] = 4000000000u / (o + 1);
			}
			s->n_options = SNAP_MAX_OPTIONS;
			s->mine = SNAP_MAX_OPTIONS - 1;
			memset(s->banner, 'b', TEXT_MAX_LEN);
			s->remaining = 59;
			s->answered = 4000000000u;
			s->connected = 3;
			s->joined = SNAP_MAX_PEOPLE + 50;
			s->n_people = SNAP_MAX_PEOPLE;
			for (int p = 0; p < SNAP_MAX_PEOPLE; p++) {
				memset(s->people[p].name, 'n', NAME_MAX_LEN);
				memset(s->people[p].site, 's', SITE_MAX_LEN);
				s->people[p].connected = p % 2;
			}
			s->n_items = SNAP_MAX_ITEMS;
			for (int i = 0; i < SNAP_MAX_ITEMS; i++)
				memset(s->items[i].title, 'i', SNAP_TITLE_LEN);
			s->current = SNAP_MAX_ITEMS - 1;
			s->n_sites = SNAP_MAX_SITES;
			s->flags |= SNAP_BY_SITE | SNAP_WARNED;
			for (int i = 0; i < SNAP_MAX_SITES; i++) {
				memset(s->sites[i].name, 's', SITE_MAX_LEN);
				s->sites[i].n = 4000000000u;
				for (int o = 0; o < SNAP_MAX_OPTIONS; o++)
					s->sites[i].counts[o] = 7u * (o + 1);
			}
			s->n_texts = SNAP_MAX_TEXTS;
			for (int i = 0; i < SNAP_MAX_TEXTS; i++) {
				memset(s->texts[i].text, 't', TEXT_ANSWER_MAX);
				s->texts[i].text[3] = '\x1b';
				s->texts[i].hidden = i % 2;
			}
			s->n_words = SNAP_MAX_WORDS;
			for (int i = 0; i < SNAP_MAX_WORDS; i++) {
				memset(s->words[i].word, 'w', 31);
				s->words[i].count = 4000000000u;
			}
			s->scale_min = -100;
			s->mean100 = -2147483647;
			for (int o = 0; o < SNAP_MAX_OPTIONS; o++)
				s->stat[o] = 2147483647;
			memset(s->mine_value, '9', VALUE_MAX_LEN);
		}
		if (variant & 2) {
			s->state = ACT_CLOSED;
			s->flags = SNAP_RUNNABLE | SNAP_RESULTS | SNAP_REVEALED;
		}
		for (int v = 0; v < VIEW_CTL; v++) {
			s->view = (uint8_t)v;
			for (size_t k = 0; k < 4; k++) {
				void *st = all[k]->init();

				all[k]->apply(st, s);
				for (size_t z = 0; z < sizeof sizes /
				    sizeof sizes[0]; z++) {
					for (int utf8 = 0; utf8 < 2; utf8++) {
						memset(&ui, 0, sizeof ui);
						ui.utf8 = utf8;
						ui.conn = z % 2 ? "reconnecting..."
						    : "";
						strcpy(ui.me, "Amal (North)");
						draw(all[k], st, s, &ui,
						    sizes[z][0], sizes[z][1]);
					}
				}
				all[k]->free(st);
			}
		}
	}
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_screen_for),
		cmocka_unit_test(test_screen_tables),
		cmocka_unit_test(test_timer_text),
		cmocka_unit_test_setup_teardown(test_poll_digits, setup_poll,
		    teardown),
		cmocka_unit_test_setup_teardown(test_poll_only_when_open,
		    setup_poll, teardown),
		cmocka_unit_test_setup_teardown(test_poll_arrows, setup_poll,
		    teardown),
		cmocka_unit_test_setup_teardown(test_poll_quit, setup_poll,
		    teardown),
		cmocka_unit_test_setup_teardown(test_poll_apply, setup_poll,
		    teardown),
		cmocka_unit_test_setup_teardown(test_poll_multi, setup_poll,
		    teardown),
		cmocka_unit_test_setup_teardown(test_poll_rank, setup_poll,
		    teardown),
		cmocka_unit_test_setup_teardown(test_poll_text_and_scale,
		    setup_poll, teardown),
		cmocka_unit_test_setup_teardown(test_projector_keys,
		    setup_projector, teardown),
		cmocka_unit_test_setup_teardown(test_lobby_keys, setup_lobby,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dash_keys, setup_dash,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dash_help, setup_dash,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dash_quit, setup_dash,
		    teardown),
		cmocka_unit_test_setup_teardown(test_draw_poll_feedback,
		    setup_term, teardown_term),
		cmocka_unit_test_setup_teardown(test_draw_dashboard,
		    setup_term, teardown_term),
		cmocka_unit_test_setup_teardown(test_draw_any_size,
		    setup_term, teardown_term),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
