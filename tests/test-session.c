/* test-session.c: the running session over a real store: joining,
 * answers, every facilitator command, timers, reveal rules, resume. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <sqlite3.h>
#include <unistd.h>

#include "convene.h"
#include "act-poll.h"

static const char plan_text[] =
    "title = Session test\n"
    "[poll]\n"			/* 1: q1 */
    "id = q1\n"
    "question = Pick one\n"
    "type = single\n"
    "options = Red | Green | Blue\n"
    "[poll]\n"			/* 2: anon */
    "id = anon\n"
    "question = Secret\n"
    "type = single\n"
    "options = Yes | No\n"
    "anonymous = yes\n"
    "reveal = after-close\n"
    "[poll]\n"			/* 3: timed */
    "id = timed\n"
    "question = Quick\n"
    "type = single\n"
    "options = A | B\n"
    "minutes = 1\n"
    "reveal = live\n"
    "[poll]\n"			/* 4: manual */
    "id = manual\n"
    "question = Slow\n"
    "type = single\n"
    "options = A | B\n"
    "minutes = 1\n"
    "auto_close = no\n"
    "[poll]\n"			/* 5: scale */
    "id = scale\n"
    "question = How much?\n"
    "type = scale\n"
    "scale = 0..4\n"
    "[assess]\n"			/* 6: assess (not runnable yet) */
    "title = Talk\n"
    "form = oric\n"
    "[poll]\n"			/* 7: multi */
    "id = multi\n"
    "question = Which two?\n"
    "type = multi\n"
    "max = 2\n"
    "options = a | b | c | d\n"
    "[poll]\n"			/* 8: rank */
    "id = rank\n"
    "question = Order these\n"
    "type = rank\n"
    "options = x | y | z\n"
    "[poll]\n"			/* 9: text */
    "id = words\n"
    "question = In a word?\n"
    "type = text\n"
    "anonymous = yes\n"
    "reveal = live\n";

#define N_ACTS 9

/* The clock the session reads: tests move it by hand. */
static int64_t fake_ms;

static int64_t
fake_now(void)
{
	return fake_ms;
}

struct fix {
	char dir[256];
	char db[300];
	struct store *st;
	struct plan plan;
	struct session *s;
	struct snapshot *snap;
	char out[4096];
	char err[512];
};

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct fix *f = calloc(1, sizeof *f);

	if (f == NULL || (f->snap = malloc(sizeof *f->snap)) == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/test-session-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/convene.db", f->dir);
	if (store_open(f->db, &f->st, f->err, sizeof f->err) != 0 ||
	    plan_parse(plan_text, strlen(plan_text), "session.plan", &f->plan,
	    f->err, sizeof f->err) != 0) {
		fprintf(stderr, "%s\n", f->err);
		return -1;
	}
	if ((f->s = session_new(&f->plan, f->st, 0, f->err, sizeof f->err)) ==
	    NULL) {
		fprintf(stderr, "%s\n", f->err);
		return -1;
	}
	fake_ms = 1000000;
	f->s->now = fake_now;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	DIR *d;
	struct dirent *e;
	char path[600];

	session_free(f->s);
	store_close(f->st);
	plan_free(&f->plan);
	if ((d = opendir(f->dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", f->dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(f->dir);
	free(f->snap);
	free(f);
	return 0;
}

/* Run a command given as words (NULL-terminated); the reply is in f->out. */
static int
cmd(struct fix *f, const char *word, ...)
{
	char words[CTL_MAX_ARGS][256], *argv[CTL_MAX_ARGS];
	int argc = 0;
	va_list ap;

	va_start(ap, word);
	for (const char *w = word; w != NULL && argc < CTL_MAX_ARGS;
	    w = va_arg(ap, const char *)) {
		snprintf(words[argc], sizeof words[argc], "%s", w);
		argv[argc] = words[argc];
		argc++;
	}
	va_end(ap);
	return session_command(f->s, argc, argv, f->out, sizeof f->out);
}

/* Run a command that must succeed. */
#define ok(f, ...) do {							\
	int rc_ = cmd((f), __VA_ARGS__, NULL);				\
	if (rc_ != 0)							\
		fail_msg("command failed (%d): %s", rc_, (f)->out);	\
} while (0)

static struct participant *
join(struct fix *f, const char *name, const char *site)
{
	struct participant *p = session_join(f->s, name, site, NULL, f->err,
	    sizeof f->err);

	if (p == NULL)
		fail_msg("join %s: %s", name, f->err);
	return p;
}

static int
answer(struct fix *f, struct participant *p, const char *act, const char *v)
{
	f->out[0] = '\0';
	return session_answer(f->s, p, act, v, f->out, sizeof f->out);
}

static const struct snapshot *
snap(struct fix *f, const struct participant *p, int view)
{
	session_refresh(f->s);
	session_snapshot(f->s, p, view, f->snap);
	return f->snap;
}

#define assert_contains(hay, needle) do {				\
	if (strstr((hay), (needle)) == NULL)				\
		fail_msg("\"%s\" lacks \"%s\"", (hay), (needle));	\
} while (0)

static void
test_join(void **state)
{
	struct fix *f = *state;
	struct participant *a, *b, *c, *again;
	uint32_t seq = f->s->seq;

	a = join(f, "Amal", "North");
	assert_string_equal(a->name, "Amal");
	assert_string_equal(a->site, "North");
	assert_int_equal(strlen(a->token), TOKEN_LEN);
	assert_int_equal(strspn(a->token, "0123456789abcdef"), TOKEN_LEN);
	assert_true(f->s->seq > seq);

	/* Same name, told apart by a number. */
	b = join(f, "Amal", "South");
	c = join(f, "Amal", "North");
	assert_string_equal(b->name, "Amal (2)");
	assert_string_equal(c->name, "Amal (3)");
	assert_string_not_equal(a->token, b->token);

	/* Rejoining with the token needs no name and gives the same seat. */
	again = session_join(f->s, "", "", a->token, f->err, sizeof f->err);
	assert_ptr_equal(again, a);
	assert_int_equal(f->s->n_people, 3);

	/* No name, no token: refused. */
	assert_null(session_join(f->s, "", "North", NULL, f->err,
	    sizeof f->err));
	assert_contains(f->err, "please give your name");
	/* An unknown token is a newcomer. */
	again = session_join(f->s, "Bo", "", "00000000000000000000000000000000",
	    f->err, sizeof f->err);
	assert_non_null(again);
	assert_string_equal(again->name, "Bo");
	assert_int_equal(f->s->n_people, 4);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->joined, 4);
	assert_int_equal(f->snap->n_people, 4);
	assert_int_equal(store_participant_count_name(f->st, f->s->id,
	    "Amal (2)"), 1);
}

static void
test_join_long_name(void **state)
{
	struct fix *f = *state;
	char name[NAME_MAX_LEN + 1];
	struct participant *a, *b;

	/* 62 bytes of 2-byte characters: the number must not split one. */
	for (int i = 0; i < NAME_MAX_LEN - 2; i += 2)
		memcpy(name + i, "\xc3\xa9", 2);
	name[NAME_MAX_LEN - 2] = '\0';
	a = join(f, name, "");
	b = join(f, name, "");
	assert_string_equal(a->name, name);
	assert_true(strlen(b->name) <= NAME_MAX_LEN);
	assert_true(util_utf8_valid(b->name, strlen(b->name)));
	assert_string_equal(b->name + strlen(b->name) - 4, " (2)");
}

static void
test_answer_rules(void **state)
{
	struct fix *f = *state;
	struct participant *p = join(f, "Amal", "North");

	/* In the lobby nothing is on screen. */
	assert_int_equal(answer(f, p, "q1", "1"), -1);
	assert_contains(f->out, "no longer on screen");
	ok(f, "next");
	assert_int_equal(answer(f, p, "q1", "1"), -1);
	assert_contains(f->out, "not open yet");
	ok(f, "open");
	/* An answer to another activity (a late one) is refused. */
	assert_int_equal(answer(f, p, "anon", "1"), -1);
	assert_contains(f->out, "no longer on screen");
	assert_int_equal(answer(f, p, "", "1"), -1);
	/* Options count from 1 to 3 here. */
	assert_int_equal(answer(f, p, "q1", "0"), -1);
	assert_contains(f->out, "from 1 to 3");
	assert_int_equal(answer(f, p, "q1", "4"), -1);
	assert_int_equal(answer(f, p, "q1", "x"), -1);
	assert_int_equal(answer(f, p, "q1", ""), -1);
	assert_int_equal(answer(f, p, "q1", "2x"), -1);
	assert_int_equal(answer(f, p, "q1", "-1"), -1);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->answered, 0);

	assert_int_equal(answer(f, p, "q1", "2"), 0);
	assert_int_equal(snap(f, p, VIEW_PARTICIPANT)->mine, 1);
	assert_string_equal(f->snap->mine_value, "2");
	/* Nobody else's answer shows as theirs. */
	assert_int_equal(snap(f, NULL, VIEW_PROJECTOR)->mine, -1);
	assert_string_equal(f->snap->mine_value, "");
	ok(f, "close");
	assert_int_equal(answer(f, p, "q1", "3"), -1);
	assert_contains(f->out, "has closed");
	/* The closed answer stands. */
	assert_int_equal(snap(f, p, VIEW_PARTICIPANT)->mine, 1);
	assert_int_equal(f->snap->answered, 1);
}

static void
test_answer_change(void **state)
{
	struct fix *f = *state;
	struct participant *a = join(f, "Amal", "North");
	struct participant *b = join(f, "Bo", "South");
	const struct snapshot *s;
	uint32_t seq;

	ok(f, "goto", "1");
	ok(f, "open");
	seq = f->s->seq;
	assert_int_equal(answer(f, a, "q1", "1"), 0);
	assert_true(f->s->seq > seq);
	assert_int_equal(answer(f, a, "q1", "3"), 0);
	assert_int_equal(answer(f, b, "q1", "3"), 0);
	assert_int_equal(answer(f, a, "q1", "3"), 0);	/* the same again */
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->answered, 2);
	assert_int_equal(s->n_options, 3);
	assert_int_equal(s->counts[0], 0);
	assert_int_equal(s->counts[1], 0);
	assert_int_equal(s->counts[2], 2);
	assert_string_equal(s->options[2], "Blue");
	/* The facilitator sees who answered an attributed poll. */
	assert_int_equal(s->n_people, 2);
	assert_int_equal(s->people[0].answered, 1);
	assert_int_equal(s->people[1].answered, 1);
	assert_int_equal(snap(f, a, VIEW_PARTICIPANT)->mine, 2);
	assert_int_equal(snap(f, b, VIEW_PARTICIPANT)->mine, 2);
	assert_int_equal(answer(f, b, "q1", "1"), 0);
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->counts[0], 1);
	assert_int_equal(s->counts[2], 1);
	assert_int_equal(s->answered, 2);
}

static void
test_cmd_agenda(void **state)
{
	struct fix *f = *state;

	assert_int_equal(f->plan.n_acts, N_ACTS);
	assert_int_equal(cmd(f, "prev", NULL), 1);
	assert_contains(f->out, "already at the start");
	ok(f, "next");
	assert_string_equal(f->out, "activity 1 of 9: Pick one (waiting)");
	assert_int_equal(f->s->current, 0);
	assert_int_equal(cmd(f, "prev", NULL), 1);
	assert_contains(f->out, "already at the start");
	assert_int_equal(f->s->current, 0);

	ok(f, "goto", "6");
	assert_contains(f->out, "activity 6 of 9: Talk (waiting)");
	ok(f, "goto", "9");
	assert_int_equal(cmd(f, "next", NULL), 1);
	assert_contains(f->out, "there is no activity 10 (the plan has 9)");
	assert_int_equal(f->s->current, 8);
	ok(f, "prev");
	ok(f, "prev");
	ok(f, "prev");
	ok(f, "prev");
	assert_int_equal(f->s->current, 4);

	assert_int_equal(cmd(f, "goto", "0", NULL), 1);
	assert_contains(f->out, "there is no activity 0");
	assert_int_equal(cmd(f, "goto", "10", NULL), 1);
	assert_int_equal(cmd(f, "goto", "-3", NULL), 1);
	assert_int_equal(cmd(f, "goto", "abc", NULL), 2);
	assert_contains(f->out, "usage: goto N");
	assert_int_equal(cmd(f, "goto", "2x", NULL), 2);
	assert_int_equal(cmd(f, "goto", "", NULL), 2);
	assert_int_equal(cmd(f, "goto", NULL), 2);
	assert_int_equal(cmd(f, "goto", "1", "2", NULL), 2);
	assert_int_equal(f->s->current, 4);

	/* Moving on closes an open activity: its answers are final. */
	ok(f, "goto", "1");
	ok(f, "open");
	ok(f, "next");
	assert_int_equal(f->s->current, 1);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->items[0].state,
	    ACT_CLOSED);
	assert_int_equal(f->snap->items[1].state, ACT_WAITING);
	assert_int_equal(f->snap->current, 1);

	/* Every move is saved for --resume. */
	{
		int cur = -5, st8 = -5, rev = -5;

		assert_int_equal(store_session_load(f->st, f->s->id, &cur, &st8,
		    &rev), 0);
		assert_int_equal(cur, 1);
		assert_int_equal(st8, ACT_WAITING);
	}
}

static void
test_cmd_open_close(void **state)
{
	struct fix *f = *state;

	assert_int_equal(cmd(f, "open", NULL), 1);
	assert_contains(f->out, "no activity yet");
	assert_int_equal(cmd(f, "close", NULL), 1);
	assert_contains(f->out, "no activity yet");

	/* A form opens like a poll. */
	ok(f, "goto", "6");
	ok(f, "open");
	assert_int_equal(f->s->runs[5].state, ACT_OPEN);
	/* Every poll type runs. */
	for (int i = 5; i <= 9; i += i == 5 ? 2 : 1) {
		char n[4];

		snprintf(n, sizeof n, "%d", i);
		ok(f, "goto", n);
		ok(f, "open");
		assert_int_equal(f->s->runs[i - 1].state, ACT_OPEN);
	}

	ok(f, "goto", "1");
	assert_int_equal(cmd(f, "close", NULL), 1);
	assert_string_equal(f->out, "not open");
	ok(f, "open");
	assert_string_equal(f->out, "opened q1");
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->state, ACT_OPEN);
	assert_int_equal(f->snap->items[0].state, ACT_OPEN);
	assert_int_equal(cmd(f, "open", NULL), 0);
	assert_string_equal(f->out, "already open");
	ok(f, "close");
	assert_string_equal(f->out, "closed q1");
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->state, ACT_CLOSED);
	assert_int_equal(cmd(f, "close", NULL), 1);
	assert_string_equal(f->out, "not open");
}

static void
test_cmd_reveal_hide(void **state)
{
	struct fix *f = *state;

	assert_int_equal(cmd(f, "reveal", NULL), 1);
	assert_contains(f->out, "no activity yet");
	assert_int_equal(cmd(f, "hide", NULL), 1);
	ok(f, "goto", "1");
	ok(f, "reveal");
	assert_string_equal(f->out, "results shown to everyone");
	assert_true(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_REVEALED);
	assert_true(f->snap->flags & SNAP_RESULTS);
	ok(f, "hide");
	assert_string_equal(f->out, "results hidden from participants");
	assert_false(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_REVEALED);
	assert_false(f->snap->flags & SNAP_RESULTS);
}

static void
test_cmd_timer(void **state)
{
	struct fix *f = *state;

	assert_int_equal(cmd(f, "timer", "2", NULL), 1);
	assert_contains(f->out, "no activity yet");
	ok(f, "goto", "1");
	assert_int_equal(cmd(f, "timer", NULL), 2);
	assert_string_equal(f->out, "usage: timer MINUTES");
	assert_int_equal(cmd(f, "extend", NULL), 2);
	assert_string_equal(f->out, "usage: extend MINUTES");
	assert_int_equal(cmd(f, "timer", "1", "2", NULL), 2);
	assert_int_equal(cmd(f, "timer", "abc", NULL), 2);
	assert_contains(f->out, "timer: minutes must be a whole number from 0 "
	    "to 600");
	assert_int_equal(cmd(f, "timer", "", NULL), 2);
	assert_int_equal(cmd(f, "timer", "-1", NULL), 2);
	assert_int_equal(cmd(f, "timer", "601", NULL), 2);
	assert_int_equal(cmd(f, "extend", "1.5", NULL), 2);
	assert_contains(f->out, "extend: minutes must be");
	assert_int_equal(cmd(f, "timer", "5", NULL), 1);
	assert_contains(f->out, "open the activity before setting its timer");

	ok(f, "open");
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->remaining, -1);
	ok(f, "timer", "5");
	assert_string_equal(f->out, "timer: 300 s left");
	assert_int_equal(snap(f, NULL, VIEW_PARTICIPANT)->remaining, 300);
	fake_ms += 10000;
	ok(f, "extend", "1");
	assert_string_equal(f->out, "timer: 350 s left");
	ok(f, "timer", "0");
	assert_string_equal(f->out, "timer cleared");
	assert_int_equal(snap(f, NULL, VIEW_PARTICIPANT)->remaining, -1);
	/* extend without a timer starts one. */
	ok(f, "extend", "2");
	assert_string_equal(f->out, "timer: 120 s left");
	ok(f, "status");
	assert_contains(f->out, "\"timer\":120");
	ok(f, "close");
	assert_int_equal(snap(f, NULL, VIEW_PARTICIPANT)->remaining, -1);
}

static void
test_cmd_say(void **state)
{
	struct fix *f = *state;
	uint32_t seq = f->s->seq;
	const char *b;

	ok(f, "say", "Coffee", "at", "10:30");
	assert_string_equal(f->out, "message shown to everyone");
	assert_string_equal(f->s->banner, "Coffee at 10:30");
	assert_true(f->s->seq > seq);
	assert_string_equal(snap(f, NULL, VIEW_PARTICIPANT)->banner,
	    "Coffee at 10:30");

	/* Nothing that could drive a terminal reaches the banner. */
	ok(f, "say", "\x1b[2Jboom\x07", "\xc2\x9b" "31m\tred\r\n", "caf\xe9");
	b = f->s->banner;
	for (const char *p = b; *p != '\0'; p++) {
		assert_true((unsigned char)*p >= 0x20);
		assert_true((unsigned char)*p != 0x7f);
	}
	assert_null(strstr(b, "\xc2\x9b"));
	assert_string_equal(b, "[2Jboom 31m red caf?");

	ok(f, "say");
	assert_string_equal(f->out, "message cleared");
	assert_string_equal(f->s->banner, "");
}

static void
test_cmd_status(void **state)
{
	struct fix *f = *state;
	struct participant *p = join(f, "Amal", "North");

	ok(f, "status");
	assert_int_equal(f->out[0], '{');
	assert_contains(f->out, "\"session\":1");
	assert_contains(f->out, "\"activity\":null");
	assert_contains(f->out, "\"answers\":0");
	assert_contains(f->out, "\"joined\":1");
	assert_contains(f->out, "\"revealed\":false");
	ok(f, "next");
	ok(f, "open");
	assert_int_equal(answer(f, p, "q1", "2"), 0);
	session_refresh(f->s);
	ok(f, "status");
	assert_contains(f->out, "\"index\":1");
	assert_contains(f->out, "\"id\":\"q1\"");
	assert_contains(f->out, "\"kind\":\"poll\"");
	assert_contains(f->out, "\"state\":\"open\"");
	assert_contains(f->out, "\"answers\":1");
	assert_contains(f->out, "\"ended\":false");
}

static void
test_cmd_end_and_unknown(void **state)
{
	struct fix *f = *state;

	assert_int_equal(cmd(f, "dance", NULL), 2);
	assert_contains(f->out, "unknown command \"dance\"");
	assert_int_equal(session_command(f->s, 0, NULL, f->out, sizeof f->out),
	    2);
	assert_int_equal(cmd(f, "NEXT", NULL), 2);

	ok(f, "goto", "1");
	ok(f, "open");
	assert_int_equal(store_session_find(f->st, &f->plan), f->s->id);
	ok(f, "end");
	assert_string_equal(f->out, "session 1 ended");
	assert_int_equal(f->s->ended, 1);
	/* Ending closes what was open, and the store knows it ended. */
	assert_int_equal(f->s->runs[0].state, ACT_CLOSED);
	assert_int_equal(store_session_find(f->st, &f->plan), 0);
	ok(f, "status");
	assert_contains(f->out, "\"ended\":true");
	assert_contains(f->out, "\"state\":\"closed\"");
}

static void
test_timer_auto_close(void **state)
{
	struct fix *f = *state;

	assert_int_equal(session_tick(f->s), 0);	/* lobby */
	ok(f, "goto", "3");
	assert_int_equal(session_tick(f->s), 0);	/* waiting */
	ok(f, "open");
	assert_int_equal(snap(f, NULL, VIEW_PARTICIPANT)->remaining, 60);
	fake_ms += 30000;
	assert_int_equal(session_tick(f->s), 1);
	assert_int_equal(f->s->runs[2].state, ACT_OPEN);
	assert_int_equal(snap(f, NULL, VIEW_PARTICIPANT)->remaining, 30);
	fake_ms += 29500;		/* half a second left shows as 1 */
	assert_int_equal(snap(f, NULL, VIEW_PARTICIPANT)->remaining, 1);
	assert_int_equal(session_tick(f->s), 1);
	assert_int_equal(f->s->runs[2].state, ACT_OPEN);
	fake_ms += 500;			/* the deadline itself */
	assert_int_equal(session_tick(f->s), 1);
	assert_int_equal(f->s->runs[2].state, ACT_CLOSED);
	assert_int_equal(snap(f, NULL, VIEW_PARTICIPANT)->state, ACT_CLOSED);
	assert_int_equal(f->snap->remaining, -1);
	/* Closed: the clock no longer matters. */
	fake_ms += 60000;
	assert_int_equal(session_tick(f->s), 0);

	/* An open poll without a timer never closes by itself. */
	ok(f, "goto", "1");
	ok(f, "open");
	fake_ms += 3600000;
	assert_int_equal(session_tick(f->s), 0);
	assert_int_equal(f->s->runs[0].state, ACT_OPEN);
}

static void
test_timer_no_auto_close(void **state)
{
	struct fix *f = *state;

	ok(f, "goto", "4");
	ok(f, "open");
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->remaining, 60);
	fake_ms += 60000;
	/* Time is up: the timer stops, the poll stays open. */
	assert_int_equal(session_tick(f->s), 1);
	assert_int_equal(f->s->runs[3].state, ACT_OPEN);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->remaining, -1);
	assert_int_equal(f->snap->state, ACT_OPEN);
	assert_false(f->snap->flags & SNAP_WARNED);
	ok(f, "status");
	assert_contains(f->out, "\"timer\":null");
	fake_ms += 600000;
	assert_int_equal(session_tick(f->s), 0);
	assert_int_equal(f->s->runs[3].state, ACT_OPEN);
	ok(f, "close");
	assert_int_equal(f->s->runs[3].state, ACT_CLOSED);
}

static void
test_timer_warning(void **state)
{
	struct fix *f = *state;

	ok(f, "goto", "1");
	ok(f, "open");
	ok(f, "timer", "5");
	assert_int_equal(session_tick(f->s), 1);
	assert_false(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_WARNED);
	fake_ms += 239000;		/* 61 s left */
	session_tick(f->s);
	assert_false(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_WARNED);
	fake_ms += 1000;		/* the last minute */
	session_tick(f->s);
	assert_true(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_WARNED);
	assert_int_equal(f->snap->remaining, 60);
	/* More time takes the warning back until the last minute again. */
	ok(f, "extend", "1");
	assert_false(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_WARNED);
	session_tick(f->s);
	assert_false(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_WARNED);
	fake_ms += 60000;
	session_tick(f->s);
	assert_true(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_WARNED);
	ok(f, "close");
	assert_false(snap(f, NULL, VIEW_PARTICIPANT)->flags & SNAP_WARNED);
}

static void
test_poll_types(void **state)
{
	struct fix *f = *state;
	struct participant *a = join(f, "Amal", "North");
	struct participant *b = join(f, "Bo", "South");
	const struct snapshot *s;

	/* Scale 0..4: digits name options from 1; values are the points. */
	ok(f, "goto", "5");
	ok(f, "open");
	assert_int_equal(answer(f, a, "scale", "3"), 0);
	assert_int_equal(answer(f, b, "scale", "5"), 0);
	assert_int_equal(answer(f, b, "scale", "6"), -1);
	assert_contains(f->out, "from 1 to 5");
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_int_equal(s->poll_type, POLL_SCALE);
	assert_int_equal(s->scale_min, 0);
	assert_int_equal(s->mine, 2);
	assert_string_equal(s->mine_value, "3");
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->counts[2], 1);
	assert_int_equal(s->counts[4], 1);
	assert_int_equal(s->mean100, 300);	/* (2 + 4) / 2 */

	/* Multiple choice, at most two, in any order. */
	ok(f, "goto", "7");
	ok(f, "open");
	assert_int_equal(answer(f, a, "multi", "3,1"), 0);
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_string_equal(s->mine_value, "1,3");
	assert_int_equal(s->mine, -1);
	assert_int_equal(s->max_picks, 2);
	assert_int_equal(answer(f, b, "multi", "1,2,3"), -1);
	assert_contains(f->out, "pick from 1 to 2 different options");
	assert_int_equal(answer(f, b, "multi", "2,2"), -1);
	assert_int_equal(answer(f, b, "multi", ""), -1);
	assert_int_equal(answer(f, b, "multi", "5"), -1);
	assert_int_equal(answer(f, b, "multi", "3"), 0);
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->answered, 2);
	assert_int_equal(s->counts[0], 1);
	assert_int_equal(s->counts[1], 0);
	assert_int_equal(s->counts[2], 2);
	/* Changing a multiple choice replaces all of it. */
	assert_int_equal(answer(f, a, "multi", "2"), 0);
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->counts[0], 0);
	assert_int_equal(s->counts[1], 1);
	assert_int_equal(s->counts[2], 1);

	/* Ranking: all options, best first; Borda points and mean ranks. */
	ok(f, "goto", "8");
	ok(f, "open");
	assert_int_equal(answer(f, a, "rank", "1,2"), -1);
	assert_contains(f->out, "rank all 3 options");
	assert_int_equal(answer(f, a, "rank", "3,1,2"), 0);
	assert_string_equal(snap(f, a, VIEW_PARTICIPANT)->mine_value, "3,1,2");
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->counts[2], 2);	/* z: first of 3 */
	assert_int_equal(s->counts[0], 1);
	assert_int_equal(s->counts[1], 0);
	assert_int_equal(s->stat[2], 100);	/* mean rank x 100 */
	assert_int_equal(s->stat[0], 200);
	assert_int_equal(s->stat[1], 300);
	assert_int_equal(s->answered, 1);
}

static void
test_text_and_moderation(void **state)
{
	struct fix *f = *state;
	struct participant *a = join(f, "Amal", "North");
	struct participant *b = join(f, "Bo", "South");
	char big[4 * TEXT_CHARS_MAX + 2], id[16];
	const struct snapshot *s;

	ok(f, "goto", "9");
	ok(f, "open");
	assert_int_equal(answer(f, a, "words", " \t "), -1);
	assert_contains(f->out, "type a few words first");
	/* Stored as sanitised text, never cut: 1,000 characters of a
	 * four-byte script are stored whole, 1,001 refused with a reason. */
	assert_int_equal(answer(f, a, "words", "  Staffing\x1b[31m  at night "),
	    0);
	assert_string_equal(snap(f, a, VIEW_PARTICIPANT)->mine_value,
	    "Staffing[31m at night");
	for (int i = 0; i < TEXT_CHARS_MAX; i++)
		memcpy(big + 4 * i, "\xf0\x9f\x98\x80", 4);	/* 😀 */
	big[4 * TEXT_CHARS_MAX] = '\0';
	assert_int_equal(answer(f, b, "words", big), 0);
	assert_string_equal(snap(f, b, VIEW_PARTICIPANT)->mine_value, big);
	memcpy(big + 4 * TEXT_CHARS_MAX, "!", 2);
	assert_int_equal(answer(f, b, "words", big), -1);
	assert_contains(f->out, "too long: 1001 characters, at most 1000");
	assert_int_equal(strlen(snap(f, b, VIEW_PARTICIPANT)->mine_value),
	    4 * TEXT_CHARS_MAX);
	assert_int_equal(answer(f, b, "words", "staffing, always staffing"),
	    0);

	/* reveal = live: the room sees the answers and the words. */
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_true(s->flags & SNAP_RESULTS);
	assert_int_equal(s->n_texts, 2);
	assert_string_equal(s->texts[0].text, "staffing, always staffing");
	assert_true(s->n_words >= 1);
	assert_string_equal(s->words[0].word, "staffing");
	assert_int_equal(s->words[0].count, 3);
	assert_int_equal(s->answered, 2);

	/* The facilitator hides one: gone from shared screens only. */
	s = snap(f, NULL, VIEW_FACILITATOR);
	snprintf(id, sizeof id, "%u", s->texts[0].id);
	ok(f, "moderate", id);
	assert_contains(f->out, "hidden from shared screens");
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_int_equal(s->n_texts, 1);
	assert_string_equal(s->texts[0].text, "Staffing[31m at night");
	assert_int_equal(s->words[0].count, 1);
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->n_texts, 2);
	assert_int_equal(s->texts[0].hidden, 1);
	/* Toggled back, or set explicitly. */
	ok(f, "moderate", id);
	assert_contains(f->out, "shown again");
	assert_int_equal(snap(f, a, VIEW_PARTICIPANT)->n_texts, 2);
	ok(f, "moderate", id, "hide");
	assert_int_equal(snap(f, a, VIEW_PARTICIPANT)->n_texts, 1);
	ok(f, "moderate", id, "hide");
	assert_int_equal(snap(f, a, VIEW_PARTICIPANT)->n_texts, 1);
	ok(f, "moderate", id, "show");
	assert_int_equal(snap(f, a, VIEW_PARTICIPANT)->n_texts, 2);

	assert_int_equal(cmd(f, "moderate", "99999", NULL), 1);
	assert_contains(f->out, "no answer 99999 in this activity");
	assert_int_equal(cmd(f, "moderate", NULL), 2);
	assert_contains(f->out, "usage: moderate ANSWER-ID [hide|show]");
	assert_int_equal(cmd(f, "moderate", "abc", NULL), 2);
	assert_int_equal(cmd(f, "moderate", "0", NULL), 2);
	assert_int_equal(cmd(f, "moderate", id, "maybe", NULL), 2);
	/* An answer of another activity is not this one's to hide. */
	ok(f, "goto", "1");
	assert_int_equal(cmd(f, "moderate", id, NULL), 1);
}

/* The word counts: ASCII folded, stop words out, ties in byte order, and
 * a table that grows past thousands of distinct words. */
static void
test_poll_words(void **state)
{
	enum { N = 3000 };
	struct snap_word out[SNAP_MAX_WORDS];
	char **texts = calloc(N + 3, sizeof *texts);
	int k;

	(void)state;
	assert_non_null(texts);
	for (int i = 0; i < N; i++) {
		char t[64];

		snprintf(t, sizeof t, "the w%04d and Handover", i);
		assert_non_null(texts[i] = strdup(t));
	}
	assert_non_null(texts[N] = strdup("Día día DÍA, 王 王"));
	assert_non_null(texts[N + 1] = strdup("--- '' ...  a"));
	assert_non_null(texts[N + 2] = strdup("w0007 w0007 zebra-crossing'"));
	k = poll_words((const char *const *)texts, N + 3, out, SNAP_MAX_WORDS);
	assert_int_equal(k, SNAP_MAX_WORDS);
	assert_string_equal(out[0].word, "handover");
	assert_int_equal(out[0].count, N);
	assert_string_equal(out[1].word, "w0007");
	assert_int_equal(out[1].count, 3);
	/* Only ASCII letters fold: "DÍA" is "dÍa", not "día". */
	assert_string_equal(out[2].word, "día");
	assert_int_equal(out[2].count, 2);
	assert_string_equal(out[3].word, "王");
	assert_int_equal(out[3].count, 2);
	assert_string_equal(out[4].word, "dÍa");
	assert_int_equal(out[4].count, 1);
	for (int i = 0; i < k; i++) {
		assert_string_not_equal(out[i].word, "the");
		assert_string_not_equal(out[i].word, "and");
		if (i > 0)
			assert_true(out[i].count <= out[i - 1].count);
	}
	for (int i = 0; i < N + 3; i++)
		free(texts[i]);
	free(texts);
	assert_int_equal(poll_words(NULL, 0, out, SNAP_MAX_WORDS), 0);
}

/* A turn whose commit fails: the session goes back to what is stored,
 * the agenda and the answers of those who answered in that turn. */
static void
test_unsaved_goes_back(void **state)
{
	struct fix *f = *state;
	struct participant *a = join(f, "Amal", "North");
	struct participant *b = join(f, "Bo", "South");
	const struct snapshot *s;

	/* A good turn: q1 open, Amal answered. */
	assert_int_equal(store_begin(f->st), 0);
	ok(f, "next");
	ok(f, "open");
	assert_int_equal(answer(f, a, "q1", "2"), 0);
	assert_int_equal(store_commit(f->st), 0);
	session_saved(f->s);

	/* A lost one: Bo answers, Amal changes hers, the facilitator
	 * moves on and opens the next poll; then the commit fails. */
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(answer(f, b, "q1", "1"), 0);
	assert_int_equal(answer(f, a, "q1", "3"), 0);
	ok(f, "next");
	ok(f, "open");
	assert_string_equal(f->s->plan->acts[f->s->current].id, "anon");
	store_rollback(f->st);
	assert_int_equal(session_unsaved(f->s), 0);

	assert_string_equal(f->s->plan->acts[f->s->current].id, "q1");
	assert_int_equal(f->s->runs[f->s->current].state, ACT_OPEN);
	assert_int_equal(f->s->runs[f->s->current + 1].state, ACT_WAITING);
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_int_equal(s->mine, 1);		/* "2", not "3" */
	assert_int_equal(s->answered, 1);
	s = snap(f, b, VIEW_PARTICIPANT);
	assert_int_equal(s->mine, -1);		/* never stored */
	assert_int_equal(f->s->n_touched, 0);

	/* And on from there, as if the lost turn never was. */
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(answer(f, b, "q1", "1"), 0);
	ok(f, "next");
	assert_int_equal(store_commit(f->st), 0);
	session_saved(f->s);
	assert_string_equal(f->s->plan->acts[f->s->current].id, "anon");
	assert_int_equal(store_answer_count(f->st,
	    f->s->runs[0].store_id), 2);
}

static void
test_bysite(void **state)
{
	struct fix *f = *state;
	struct participant *p;
	const struct snapshot *s;
	char name[16];

	ok(f, "goto", "1");
	ok(f, "open");
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "North %d", i);
		p = join(f, name, "North");
		assert_int_equal(answer(f, p, "q1", i < 4 ? "1" : "2"), 0);
	}
	p = join(f, "Solo", "South");
	assert_int_equal(answer(f, p, "q1", "3"), 0);

	assert_int_equal(cmd(f, "bysite", "maybe", NULL), 2);
	assert_contains(f->out, "usage: bysite [on|off]");
	assert_int_equal(cmd(f, "bysite", "on", "off", NULL), 2);
	ok(f, "bysite", "on");
	assert_contains(f->out, "sites under 5 answers fold");

	/* The facilitator sees every site. */
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_true(s->flags & SNAP_BY_SITE);
	assert_int_equal(s->n_sites, 2);
	assert_string_equal(s->sites[0].name, "North");
	assert_int_equal(s->sites[0].n, 5);
	assert_int_equal(s->sites[0].counts[0], 4);
	assert_int_equal(s->sites[0].counts[1], 1);
	assert_string_equal(s->sites[1].name, "South");
	assert_int_equal(s->sites[1].counts[2], 1);

	/* Shared screens never show a site of fewer than five. */
	ok(f, "reveal");
	s = snap(f, NULL, VIEW_PROJECTOR);
	assert_int_equal(s->n_sites, 2);
	assert_string_equal(s->sites[0].name, "North");
	assert_int_equal(s->sites[0].counts[0], 4);
	assert_string_equal(s->sites[1].name, "other sites");
	assert_int_equal(s->sites[1].n, 1);
	for (int k = 0; k < SNAP_MAX_OPTIONS; k++)
		assert_int_equal(s->sites[1].counts[k], 0);
	for (int i = 0; i < s->n_sites; i++)
		assert_string_not_equal(s->sites[i].name, "South");

	ok(f, "bysite", "off");
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_false(s->flags & SNAP_BY_SITE);
	assert_int_equal(s->n_sites, 0);
	ok(f, "bysite");			/* toggles */
	assert_true(snap(f, NULL, VIEW_FACILITATOR)->flags & SNAP_BY_SITE);
}

static void
test_resume_poll_types(void **state)
{
	struct fix *f = *state;
	struct participant *a = join(f, "Amal", "North");
	char tok[TOKEN_LEN + 1];

	ok(f, "goto", "7");
	ok(f, "open");
	assert_int_equal(answer(f, a, "multi", "4,2"), 0);
	ok(f, "next");
	ok(f, "open");
	assert_int_equal(answer(f, a, "rank", "2,3,1"), 0);
	ok(f, "next");
	ok(f, "open");
	assert_int_equal(answer(f, a, "words", "beds"), 0);
	memcpy(tok, a->token, sizeof tok);

	session_free(f->s);
	f->s = session_new(&f->plan, f->st, 1, f->err, sizeof f->err);
	assert_non_null(f->s);
	f->s->now = fake_now;
	a = session_join(f->s, "", "", tok, f->err, sizeof f->err);
	assert_non_null(a);
	/* The anonymous text comes back through the ballot. */
	assert_string_equal(snap(f, a, VIEW_PARTICIPANT)->mine_value, "beds");
	ok(f, "goto", "8");
	assert_string_equal(snap(f, a, VIEW_PARTICIPANT)->mine_value, "2,3,1");
	ok(f, "goto", "7");
	assert_string_equal(snap(f, a, VIEW_PARTICIPANT)->mine_value, "2,4");
	ok(f, "goto", "1");
	assert_string_equal(snap(f, a, VIEW_PARTICIPANT)->mine_value, "");
	assert_int_equal(f->snap->mine, -1);
}

static void
test_reveal_after_close(void **state)
{
	struct fix *f = *state;
	struct participant *p = join(f, "Amal", "North");
	const struct snapshot *s;

	ok(f, "goto", "2");
	ok(f, "open");
	assert_int_equal(answer(f, p, "anon", "1"), 0);
	s = snap(f, p, VIEW_PARTICIPANT);
	assert_false(s->flags & SNAP_RESULTS);
	assert_false(s->flags & SNAP_REVEALED);
	assert_true(s->flags & SNAP_ANONYMOUS);
	assert_int_equal(s->counts[0], 0);
	assert_int_equal(s->mine, 0);
	s = snap(f, NULL, VIEW_PROJECTOR);
	assert_false(s->flags & SNAP_RESULTS);
	assert_int_equal(s->counts[0], 0);
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_true(s->flags & SNAP_RESULTS);
	assert_int_equal(s->counts[0], 1);

	ok(f, "close");
	s = snap(f, p, VIEW_PARTICIPANT);
	assert_true(s->flags & SNAP_REVEALED);
	assert_true(s->flags & SNAP_RESULTS);
	assert_int_equal(s->counts[0], 1);
	assert_int_equal(s->counts[1], 0);
}

static void
test_reveal_manual_and_live(void **state)
{
	struct fix *f = *state;
	struct participant *p = join(f, "Amal", "North");
	const struct snapshot *s;

	/* Manual: hidden, even after closing, until revealed. */
	ok(f, "goto", "1");
	ok(f, "open");
	assert_int_equal(answer(f, p, "q1", "3"), 0);
	assert_int_equal(snap(f, p, VIEW_PARTICIPANT)->counts[2], 0);
	assert_false(f->snap->flags & SNAP_RESULTS);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->counts[2], 1);
	ok(f, "close");
	assert_false(snap(f, p, VIEW_PARTICIPANT)->flags & SNAP_RESULTS);
	ok(f, "reveal");
	s = snap(f, p, VIEW_PARTICIPANT);
	assert_true(s->flags & SNAP_RESULTS);
	assert_int_equal(s->counts[2], 1);
	assert_true(snap(f, NULL, VIEW_PROJECTOR)->flags & SNAP_RESULTS);

	/* Live: shown as soon as it opens, not before. */
	ok(f, "goto", "3");
	assert_false(snap(f, p, VIEW_PARTICIPANT)->flags & SNAP_RESULTS);
	ok(f, "open");
	assert_int_equal(answer(f, p, "timed", "2"), 0);
	s = snap(f, p, VIEW_PARTICIPANT);
	assert_true(s->flags & SNAP_RESULTS);
	assert_int_equal(s->counts[1], 1);
}

static int64_t
sql_int(struct store *st, const char *sql, int64_t arg)
{
	sqlite3_stmt *s;
	int64_t v = -999;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
test_anonymous_storage(void **state)
{
	struct fix *f = *state;
	struct participant *a = join(f, "Amal", "North");
	struct participant *b = join(f, "Bo", "North");
	int64_t aid = f->s->runs[1].store_id;
	const struct snapshot *s;

	ok(f, "goto", "2");
	ok(f, "open");
	assert_int_equal(answer(f, a, "anon", "2"), 0);
	assert_int_equal(answer(f, b, "anon", "2"), 0);
	assert_int_equal(answer(f, a, "anon", "1"), 0);	/* replaces */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers WHERE "
	    "activity = ?", aid), 2);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers WHERE "
	    "activity = ? AND participant IS NULL AND ballot IS NOT NULL",
	    aid), 2);
	/* The ballot is not the token, nor its hash. */
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(store_db(f->st), "SELECT "
		    "ballot FROM answers WHERE activity = ?", -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_int64(st, 1, aid);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *ballot = (const char *)
			    sqlite3_column_text(st, 0);

			assert_string_not_equal(ballot, a->token);
			assert_string_not_equal(ballot, a->token_hash);
			assert_string_not_equal(ballot, b->token_hash);
		}
		sqlite3_finalize(st);
	}
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->answered, 2);
	assert_int_equal(s->counts[0], 1);
	assert_int_equal(s->counts[1], 1);
	/* Nobody is marked as having answered an anonymous poll. */
	for (unsigned i = 0; i < s->n_people; i++)
		assert_int_equal(s->people[i].answered, 0);
	/* But each still sees their own choice. */
	assert_int_equal(snap(f, a, VIEW_PARTICIPANT)->mine, 0);
	assert_int_equal(snap(f, b, VIEW_PARTICIPANT)->mine, 1);
}

static void
test_resume(void **state)
{
	struct fix *f = *state;
	struct participant *a = join(f, "Amal", "North");
	struct participant *b = join(f, "Bo", "South");
	char tok_a[TOKEN_LEN + 1], tok_b[TOKEN_LEN + 1];
	int64_t sid = f->s->id, id_a = a->id;
	struct participant *p;

	ok(f, "goto", "1");
	ok(f, "open");
	assert_int_equal(answer(f, a, "q1", "3"), 0);
	ok(f, "next");			/* closes q1 */
	ok(f, "open");
	assert_int_equal(answer(f, a, "anon", "1"), 0);
	assert_int_equal(answer(f, b, "anon", "2"), 0);
	memcpy(tok_a, a->token, sizeof tok_a);
	memcpy(tok_b, b->token, sizeof tok_b);

	/* The host dies and comes back with --resume. */
	session_free(f->s);
	f->s = session_new(&f->plan, f->st, 1, f->err, sizeof f->err);
	assert_non_null(f->s);
	f->s->now = fake_now;
	assert_int_equal(f->s->id, sid);
	assert_int_equal(f->s->current, 1);
	assert_int_equal(f->s->runs[0].state, ACT_CLOSED);
	assert_int_equal(f->s->runs[1].state, ACT_OPEN);
	assert_int_equal(f->s->n_people, 2);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->answered, 2);
	assert_int_equal(f->snap->counts[0], 1);
	assert_int_equal(f->snap->counts[1], 1);

	/* Amal reconnects with her token: same seat, her own answers. */
	p = session_join(f->s, "", "", tok_a, f->err, sizeof f->err);
	assert_non_null(p);
	assert_int_equal(p->id, id_a);
	assert_string_equal(p->name, "Amal");
	assert_string_equal(p->site, "North");
	assert_int_equal(snap(f, p, VIEW_PARTICIPANT)->mine, 0); /* anon */
	assert_string_equal(f->snap->mine_value, "1");
	assert_ptr_equal(session_join(f->s, "", "", tok_a, f->err,
	    sizeof f->err), p);
	/* Her answer to the anonymous poll is still hers to change. */
	assert_int_equal(answer(f, p, "anon", "2"), 0);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->answered, 2);
	assert_int_equal(f->snap->counts[1], 2);

	p = session_join(f->s, "Bo", "South", tok_b, f->err, sizeof f->err);
	assert_non_null(p);
	assert_string_equal(p->name, "Bo");
	assert_int_equal(snap(f, p, VIEW_PARTICIPANT)->mine, 1);
	assert_int_equal(f->s->n_people, 2);

	/* And the attributed poll from before. */
	ok(f, "goto", "1");
	p = session_join(f->s, "", "", tok_a, f->err, sizeof f->err);
	assert_int_equal(snap(f, p, VIEW_PARTICIPANT)->mine, 2);
	assert_string_equal(f->snap->mine_value, "3");
	p = session_join(f->s, "", "", tok_b, f->err, sizeof f->err);
	assert_int_equal(snap(f, p, VIEW_PARTICIPANT)->mine, -1);

	/* A newcomer called Amal is still told apart. */
	p = join(f, "Amal", "");
	assert_string_equal(p->name, "Amal (2)");
}

static void
test_resume_nothing(void **state)
{
	struct fix *f = *state;
	int64_t first = f->s->id;

	/* An ended session is not resumed: a new one starts. */
	ok(f, "end");
	session_free(f->s);
	f->s = session_new(&f->plan, f->st, 1, f->err, sizeof f->err);
	assert_non_null(f->s);
	assert_true(f->s->id > first);
	assert_int_equal(f->s->current, -1);
	assert_int_equal(f->s->n_people, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_join),
		T(test_join_long_name),
		T(test_answer_rules),
		T(test_answer_change),
		T(test_cmd_agenda),
		T(test_cmd_open_close),
		T(test_cmd_reveal_hide),
		T(test_cmd_timer),
		T(test_cmd_say),
		T(test_cmd_status),
		T(test_cmd_end_and_unknown),
		T(test_timer_auto_close),
		T(test_timer_no_auto_close),
		T(test_timer_warning),
		T(test_poll_types),
		T(test_poll_words),
		T(test_unsaved_goes_back),
		T(test_text_and_moderation),
		T(test_bysite),
		T(test_reveal_after_close),
		T(test_reveal_manual_and_live),
		T(test_anonymous_storage),
		T(test_resume),
		T(test_resume_poll_types),
		T(test_resume_nothing),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
