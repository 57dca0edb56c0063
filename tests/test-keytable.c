/* test-keytable.c: every key a real terminal can send, fed as its bytes
 * to every participant screen in every state: nothing is answered unless
 * that key is bound to answering there, and no byte of an escape sequence
 * ever reaches a screen as text. */
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
#include <term.h>
#undef lines
#undef columns

#include "keys.h"
#include "screen.h"

static const char *terminals[] = { "xterm", "xterm-256color", "screen",
    "tmux-256color", "vt100", "linux", "putty" };

/* A key sequence and what it is called, for failure messages. */
struct seq {
	char name[32];
	unsigned char bytes[32];
	size_t len;
};

#define MAX_SEQS 2048
static struct seq seqs[MAX_SEQS];
static int n_seqs;

static void
add_seq(const char *name, const char *bytes)
{
	size_t len = strlen(bytes);

	if (n_seqs == MAX_SEQS || len == 0 || len >= sizeof seqs[0].bytes)
		return;
	snprintf(seqs[n_seqs].name, sizeof seqs[n_seqs].name, "%s", name);
	memcpy(seqs[n_seqs].bytes, bytes, len);
	seqs[n_seqs++].len = len;
}

/* Every key capability of every terminal (strnames starting with 'k'),
 * PuTTY's ESC [ n ~ family and the Linux console's ESC [ [ A..E. */
static void
collect(void)
{
	char buf[64];

	for (size_t t = 0; t < sizeof terminals / sizeof *terminals; t++) {
		int err;

		if (setupterm(terminals[t], 1, &err) != OK)
			fail_msg("no terminfo for %s (install ncurses-term)",
			    terminals[t]);
		for (int i = 0; strnames[i] != NULL; i++) {
			const char *v;

			if (strnames[i][0] != 'k')
				continue;
			v = tigetstr(strnames[i]);
			if (v == NULL || v == (char *)-1)
				continue;
			snprintf(buf, sizeof buf, "%s:%s", terminals[t],
			    strnames[i]);
			add_seq(buf, v);
		}
		del_curterm(cur_term);
	}
	for (int n = 1; n <= 34; n++) {
		char b[16];

		snprintf(b, sizeof b, "\x1b[%d~", n);
		snprintf(buf, sizeof buf, "putty:ESC[%d~", n);
		add_seq(buf, b);
		/* With modifiers, as xterm sends them. */
		snprintf(b, sizeof b, "\x1b[%d;5~", n);
		snprintf(buf, sizeof buf, "xterm:ESC[%d;5~", n);
		add_seq(buf, b);
	}
	for (char c = 'A'; c <= 'E'; c++) {
		char b[8];

		snprintf(b, sizeof b, "\x1b[[%c", c);
		snprintf(buf, sizeof buf, "linux:ESC[[%c", c);
		add_seq(buf, b);
	}
}

struct got {
	int keys[64];
	int n;
};

static void
on_key(void *arg, int key)
{
	struct got *g = arg;

	if (g->n < 64)
		g->keys[g->n++] = key;
}

/* A key that may answer somewhere: digits, Enter, Space (the keypad's
 * digits and Enter decode to these). */
static int
answers(int key)
{
	return (key >= '0' && key <= '9') || key == SK_ENTER || key == ' ';
}

static void
test_sequences_decode_whole(void **state)
{
	(void)state;
	assert_true(n_seqs > 200);
	for (int i = 0; i < n_seqs; i++) {
		struct keys k;
		struct got g = { .n = 0 };

		keys_init(&k);
		keys_feed(&k, seqs[i].bytes, seqs[i].len, on_key, &g);
		if (keys_pending(&k))
			keys_timeout(&k, on_key, &g);
		/* One key at most, never a character of the sequence. */
		if (g.n > 1)
			fail_msg("%s gave %d keys", seqs[i].name, g.n);
		if (g.n == 1 && seqs[i].bytes[0] == 0x1b && g.keys[0] < SK_UP &&
		    !answers(g.keys[0]) && strchr("*+,-./", g.keys[0]) == NULL)
			fail_msg("%s reached a screen as '%c'", seqs[i].name,
			    g.keys[0]);
		/* A digit from an escape sequence is only ever the keypad's
		 * own digit key (application keypad mode, ESC O p..y). */
		if (g.n == 1 && seqs[i].bytes[0] == 0x1b && g.keys[0] >= '0' &&
		    g.keys[0] <= '9' && !(seqs[i].len == 3 &&
		    seqs[i].bytes[1] == 'O'))
			fail_msg("%s answered as digit %c", seqs[i].name,
			    g.keys[0]);
	}
}

/* The participant screens, each in each state that takes keys. */
enum { ST_POLL_SINGLE, ST_POLL_MULTI, ST_POLL_SCALE10, ST_POLL_RANK,
    ST_POLL_TEXT, ST_POLL_CLOSED, ST_FORM_RATING, ST_FORM_TEXT,
    ST_FORM_SUMMARY, ST_CAFE, ST_BREAKOUT, ST_LOBBY, ST_MAX };

static const char *state_names[ST_MAX] = { "poll single", "poll multi",
    "poll 0..10", "poll rank", "poll text", "poll closed", "form rating",
    "form text", "form summary", "cafe", "breakout", "lobby" };

static void
make(struct snapshot *s, int st)
{
	memset(s, 0, sizeof *s);
	s->view = VIEW_PARTICIPANT;
	s->n_items = 1;
	strcpy(s->items[0].id, "a1");
	s->items[0].flags = SNAP_RUNNABLE;
	s->current = 0;
	s->state = st == ST_POLL_CLOSED ? ACT_CLOSED : ACT_OPEN;
	s->flags = SNAP_RUNNABLE;
	strcpy(s->activity, "a1");
	strcpy(s->question, "Q?");
	s->remaining = -1;
	s->mine = -1;
	s->kind = ACT_POLL;
	s->n_options = 4;
	for (int i = 0; i < 4; i++)
		snprintf(s->options[i], sizeof s->options[i], "opt %d", i + 1);
	switch (st) {
	case ST_POLL_MULTI:
		s->poll_type = POLL_MULTI;
		s->max_picks = 2;
		break;
	case ST_POLL_SCALE10:
		s->poll_type = POLL_SCALE;
		s->n_options = 11;
		break;
	case ST_POLL_RANK:
		s->poll_type = POLL_RANK;
		break;
	case ST_POLL_TEXT:
		s->poll_type = POLL_TEXT;
		s->n_options = 0;
		break;
	case ST_FORM_RATING:
	case ST_FORM_TEXT:
	case ST_FORM_SUMMARY:
		s->kind = ACT_FEEDBACK;
		s->n_scales = 1;
		s->scales[0].n = 5;
		for (int i = 0; i < 5; i++) {
			snprintf(s->scales[0].values[i], 8, "%d", i + 1);
			snprintf(s->scales[0].labels[i], 16, "%d", i + 1);
		}
		s->n_slots = st == ST_FORM_SUMMARY ? 0 : 1;
		strcpy(s->slots[0].id, "i1");
		s->slots[0].kind = st == ST_FORM_TEXT ? SLOT_TEXT : SLOT_RATING;
		break;
	case ST_CAFE:
		s->kind = ACT_CAFE;
		s->round = 1, s->rounds = 2, s->my_table = 1;
		break;
	case ST_BREAKOUT:
		s->kind = ACT_BREAKOUT;
		s->my_table = 1, s->n_groups = 1;
		strcpy(s->groups[0].name, "G1");
		break;
	case ST_LOBBY:
		s->current = -1;
		break;
	}
}

/* May `key` store an answer on this screen?  Digits, Enter and Space
 * where something is chosen; nothing on the lobby, café or breakout
 * (their keys open a field first). */
static int
bound(int st, int key)
{
	switch (st) {
	case ST_POLL_SINGLE:
	case ST_POLL_SCALE10:
	case ST_POLL_RANK:
	case ST_POLL_MULTI:
	case ST_FORM_RATING:
		return answers(key);
	case ST_FORM_SUMMARY:
		return key == SK_ENTER;
	}
	return 0;
}

static void
test_no_answer_from_unbound_keys(void **state)
{
	struct snapshot *s = malloc(sizeof *s);
	long tried = 0;

	(void)state;
	assert_non_null(s);
	for (int st = 0; st < ST_MAX; st++) {
		make(s, st);
		for (int i = 0; i < n_seqs; i++) {
			const struct screen *scr = screen_for(s,
			    VIEW_PARTICIPANT);
			void *ss = scr->init();
			struct keys k;
			struct got g = { .n = 0 };

			assert_non_null(ss);
			scr->apply(ss, s);
			keys_init(&k);
			keys_feed(&k, seqs[i].bytes, seqs[i].len, on_key, &g);
			if (keys_pending(&k))
				keys_timeout(&k, on_key, &g);
			for (int j = 0; j < g.n; j++) {
				struct intent in;
				int r;

				memset(&in, 0, sizeof in);
				r = scr->key(ss, s, g.keys[j], &in);
				tried++;
				if ((r & SCR_ANSWER) && !bound(st, g.keys[j]))
					fail_msg("%s: %s stored \"%s\"",
					    state_names[st], seqs[i].name,
					    in.answer);
				/* A field may open from text keys, never
				 * from a function or cursor key. */
				if ((r & SCR_INPUT) && g.keys[j] >= SK_UP &&
				    g.keys[j] != SK_ENTER)
					fail_msg("%s: %s opened the text field",
					    state_names[st], seqs[i].name);
			}
			scr->free(ss);
		}
	}
	assert_true(tried > 1000);
	free(s);
}

/* Bytes fed one at a time decode the same as all at once. */
static void
test_split_anywhere(void **state)
{
	(void)state;
	for (int i = 0; i < n_seqs; i++) {
		struct keys a, b;
		struct got ga = { .n = 0 }, gb = { .n = 0 };

		keys_init(&a);
		keys_init(&b);
		keys_feed(&a, seqs[i].bytes, seqs[i].len, on_key, &ga);
		for (size_t j = 0; j < seqs[i].len; j++)
			keys_feed(&b, seqs[i].bytes + j, 1, on_key, &gb);
		assert_int_equal(ga.n, gb.n);
		for (int j = 0; j < ga.n; j++)
			assert_int_equal(ga.keys[j], gb.keys[j]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequences_decode_whole),
		cmocka_unit_test(test_no_answer_from_unbound_keys),
		cmocka_unit_test(test_split_anywhere),
	};

	collect();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
