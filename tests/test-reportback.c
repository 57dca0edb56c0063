/* test-reportback.c: report back: which earlier session (the first of a
 * collaborative, a gap in the ids, several collaboratives in one file,
 * from =), each site's commitments from a breakout and from a form's
 * commitment item, reports (the latest counts, another site's refused),
 * the facilitator's tally and show, and the snapshot sections. */
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
#include <dirent.h>
#include <locale.h>
#include <sqlite3.h>
#include <unistd.h>

#include "convene.h"
#include "act-reportback.h"
#include "reportback-view.h"

struct fix {
	char dir[256];
	char db[300];
	struct store *st;
	struct plan plans[8];
	int n_plans;
	struct snapshot *snap;
	char out[4096];
	char err[2048];
};

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct fix *f = calloc(1, sizeof *f);

	if (f == NULL || (f->snap = malloc(sizeof *f->snap)) == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/test-reportback-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/convene.db", f->dir);
	if (store_open(f->db, &f->st, f->err, sizeof f->err) != 0) {
		fprintf(stderr, "%s\n", f->err);
		return -1;
	}
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

	store_close(f->st);
	for (int i = 0; i < f->n_plans; i++)
		plan_free(&f->plans[i]);
	if ((d = opendir(f->dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
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

static struct plan *
plan_of(struct fix *f, const char *text)
{
	struct plan *p = &f->plans[f->n_plans++];

	if (plan_parse(text, strlen(text), "t.plan", p, f->err,
	    sizeof f->err) != 0)
		fail_msg("plan: %s", f->err);
	return p;
}

/* A session of `collab` (NULL: a plan without one). */
static int64_t
session_of(struct fix *f, const char *collab)
{
	char text[512];
	int64_t id;

	snprintf(text, sizeof text, "title = LS\n%s%s%s[poll]\nquestion = "
	    "Ready?\ntype = single\noptions = Yes | No\n", collab ?
	    "collaborative = " : "", collab ? collab : "", collab ? "\n" : "");
	id = store_session_create(f->st, plan_of(f, text));
	assert_true(id > 0);
	return id;
}

/* First of a collaborative, a gap (another collaborative's sessions in
 * between), several collaboratives in one file, a plan without one, and
 * from = an id, a missing one, this one. */
static void
test_prev(void **state)
{
	struct fix *f = *state;
	int64_t a1 = session_of(f, "Sepsis"), b1 = session_of(f, "Falls");
	int64_t none = session_of(f, NULL), b2 = session_of(f, "Falls");
	int64_t a2 = session_of(f, "Sepsis"), a3 = session_of(f, "Sepsis");
	int64_t none2 = session_of(f, NULL);

	assert_int_equal(reportback_prev(f->st, a1, 0, f->out, sizeof f->out),
	    0);
	assert_int_equal(reportback_prev(f->st, b1, 0, f->out, sizeof f->out),
	    0);
	/* Sessions 2, 3 and 4 lie between: not consecutive ids. */
	assert_int_equal(reportback_prev(f->st, a2, 0, f->out, sizeof f->out),
	    a1);
	assert_int_equal(reportback_prev(f->st, a3, 0, f->out, sizeof f->out),
	    a2);
	assert_int_equal(reportback_prev(f->st, b2, 0, f->out, sizeof f->out),
	    b1);
	/* Without a collaborative there is no series to follow. */
	assert_int_equal(reportback_prev(f->st, none, 0, f->out,
	    sizeof f->out), 0);
	assert_int_equal(reportback_prev(f->st, none2, 0, f->out,
	    sizeof f->out), 0);
	/* from = chooses any session of the file, even another series'. */
	assert_int_equal(reportback_prev(f->st, a3, a1, f->out, sizeof f->out),
	    a1);
	assert_int_equal(reportback_prev(f->st, none2, b2, f->out,
	    sizeof f->out), b2);
	assert_int_equal(reportback_prev(f->st, a3, 99, f->out, sizeof f->out),
	    -1);
	assert_non_null(strstr(f->out, "there is no session 99"));
	assert_int_equal(reportback_prev(f->st, a3, a3, f->out, sizeof f->out),
	    -1);
	assert_non_null(strstr(f->out, "is this session"));
}

static void
test_words(void **state)
{
	(void)state;
	assert_int_equal(reportback_status_parse("tested"), FOLLOW_TESTED);
	assert_int_equal(reportback_status_parse("Partly"), FOLLOW_PARTLY);
	assert_int_equal(reportback_status_parse("not yet"), FOLLOW_NOT_YET);
	assert_int_equal(reportback_status_parse("not-yet"), FOLLOW_NOT_YET);
	assert_int_equal(reportback_status_parse("4"), FOLLOW_DROPPED);
	assert_int_equal(reportback_status_parse(""), FOLLOW_NONE);
	assert_int_equal(reportback_status_parse("5"), -1);
	assert_int_equal(reportback_status_parse("maybe"), -1);
	assert_int_equal(reportback_status_parse("testedtestedtestedtested"),
	    -1);
	assert_string_equal(reportback_status_name(FOLLOW_NOT_YET), "not yet");
	assert_int_equal(reportback_part_parse("learned", 7), RB_LEARNED);
	assert_int_equal(reportback_part_parse("nex", 3), -1);
}

static const char ls1[] =
    "title = Sepsis LS1\n"
    "collaborative = Sepsis\n"
    "[breakout]\n"
    "id = plans\n"
    "prompt = What will you test?\n"
    "groups = site\n"
    "[feedback]\n"
    "id = eval\n"
    "form = ls-evaluation\n";

static const char ls2[] =
    "title = Sepsis LS2\n"
    "collaborative = Sepsis\n"
    "[reportback]\n"
    "id = back\n";

static struct participant *
arrive(struct fix *f, struct session *s, const char *name, const char *site)
{
	struct participant *p = session_join(s, name, site, NULL, f->err,
	    sizeof f->err);

	if (p == NULL)
		fail_msg("join %s: %s", name, f->err);
	session_connected(s, p);
	return p;
}

static int
cmd(struct fix *f, struct session *s, const char *a, const char *b)
{
	char w0[64], w1[128], *argv[2] = { w0, w1 };

	snprintf(w0, sizeof w0, "%s", a);
	snprintf(w1, sizeof w1, "%s", b != NULL ? b : "");
	return session_command(s, b != NULL ? 2 : 1, argv, f->out,
	    sizeof f->out);
}

static int
say(struct fix *f, struct session *s, struct participant *p, const char *v)
{
	int rc;

	f->out[0] = '\0';
	if (store_begin(f->st) != 0)
		fail_msg("begin");
	rc = session_answer(s, p, s->plan->acts[s->current].id, v, f->out,
	    sizeof f->out);
	if (store_commit(f->st) != 0)
		fail_msg("commit");
	session_saved(s);
	return rc;
}

#define said(f, s, p, v) do {						\
	if (say((f), (s), (p), (v)) != 0)				\
		fail_msg("%s refused: %s", (v), (f)->out);		\
} while (0)

static const struct snapshot *
snap(struct fix *f, struct session *s, const struct participant *p,
    int view)
{
	session_refresh(s);
	session_snapshot(s, p, view, f->snap);
	return f->snap;
}

static const char *
sql_text(struct fix *f, const char *q, char *buf, size_t cap)
{
	sqlite3_stmt *s;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(store_db(f->st), q, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(store_db(f->st)));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(buf, cap, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return buf;
}

/* Session 1: two site groups commit in a breakout, a person of a third
 * site commits in the evaluation form. */
static void
first_session(struct fix *f)
{
	struct session *s = session_new(plan_of(f, ls1), f->st, 0, f->err,
	    sizeof f->err);
	struct participant *amal, *cara, *fen;

	assert_non_null(s);
	amal = arrive(f, s, "Amal", "St Mary's");
	cara = arrive(f, s, "Cara", "North");
	fen = arrive(f, s, "Fen", "West");
	assert_int_equal(cmd(f, s, "next", NULL), 0);
	assert_int_equal(cmd(f, s, "open", NULL), 0);
	said(f, s, amal, "!change Sepsis grab bag in resus");
	said(f, s, amal, "!owner Ward sister");
	said(f, s, cara, "!change Huddle at 08:00 handover");
	/* Fen's group committed to nothing: not brought back. */
	(void)fen;
	assert_int_equal(cmd(f, s, "close", NULL), 0);
	assert_int_equal(cmd(f, s, "next", NULL), 0);
	assert_int_equal(cmd(f, s, "open", NULL), 0);
	said(f, s, fen, "tuesday.what=Pharmacy at the bedside");
	said(f, s, fen, "tuesday.who=Fen");
	assert_int_equal(cmd(f, s, "end", NULL), 0);
	session_free(s);
}

static void
test_flow(void **state)
{
	struct fix *f = *state;
	struct session *s;
	struct participant *amal, *bo, *cara, *eve, *fen;
	const struct snapshot *sn;
	char buf[512];

	first_session(f);
	s = session_new(plan_of(f, ls2), f->st, 0, f->err, sizeof f->err);
	assert_non_null(s);
	amal = arrive(f, s, "Amal", "St Mary's");
	bo = arrive(f, s, "Bo", "St Mary's");
	cara = arrive(f, s, "Cara", "North");
	eve = arrive(f, s, "Eve", "Eastside");
	fen = arrive(f, s, "Fen", "West");
	assert_int_equal(cmd(f, s, "next", NULL), 0);
	assert_int_equal(cmd(f, s, "open", NULL), 0);

	/* Each site sees its own, and only its own. */
	sn = snap(f, s, amal, VIEW_PARTICIPANT);
	assert_int_equal(sn->rb_from, 1);
	assert_string_equal(sn->rb_from_title, "Sepsis LS1");
	assert_string_equal(sn->rb_site, "St Mary's");
	assert_int_equal(sn->n_followups, 1);
	assert_string_equal(sn->followups[0].commit[COMMIT_CHANGE],
	    "Sepsis grab bag in resus");
	assert_string_equal(sn->followups[0].commit[COMMIT_OWNER],
	    "Ward sister");
	assert_string_equal(sn->followups[0].label, "St Mary's");
	sn = snap(f, s, cara, VIEW_PARTICIPANT);
	assert_int_equal(sn->n_followups, 1);
	assert_string_equal(sn->followups[0].commit[COMMIT_CHANGE],
	    "Huddle at 08:00 handover");
	/* A form's commitment, by the person who made it. */
	sn = snap(f, s, fen, VIEW_PARTICIPANT);
	assert_int_equal(sn->n_followups, 1);
	assert_string_equal(sn->followups[0].commit[COMMIT_CHANGE],
	    "Pharmacy at the bedside");
	assert_string_equal(sn->followups[0].commit[COMMIT_OWNER], "Fen");
	assert_string_equal(sn->followups[0].label, "Fen");
	/* A site with nothing to report on. */
	sn = snap(f, s, eve, VIEW_PARTICIPANT);
	assert_int_equal(sn->n_followups, 0);
	assert_int_equal(sn->rb_from, 1);

	/* Reports: by anyone of the site, the latest of each part. */
	sn = snap(f, s, amal, VIEW_PARTICIPANT);
	snprintf(buf, sizeof buf, "=%u status tested", sn->followups[0].id);
	said(f, s, amal, buf);
	snprintf(buf, sizeof buf, "=%u learned Bags run out at night",
	    sn->followups[0].id);
	said(f, s, bo, buf);
	snprintf(buf, sizeof buf, "=%u status 2", sn->followups[0].id);
	said(f, s, bo, buf);
	sn = snap(f, s, amal, VIEW_PARTICIPANT);
	assert_int_equal(sn->followups[0].status, FOLLOW_PARTLY);
	assert_string_equal(sn->followups[0].learned, "Bags run out at night");
	assert_string_equal(sn->followups[0].by, "Bo");
	assert_string_equal(sql_text(f, "SELECT count(*) || '|' || status || "
	    "'|' || learned FROM followups", buf, sizeof buf),
	    "1|partly|Bags run out at night");
	/* An empty text clears a part (stored as NULL). */
	snprintf(buf, sizeof buf, "=%u next Restock", sn->followups[0].id);
	said(f, s, bo, buf);
	snprintf(buf, sizeof buf, "=%u next", sn->followups[0].id);
	said(f, s, bo, buf);
	assert_string_equal(sql_text(f, "SELECT coalesce(next, 'cleared') "
	    "FROM followups", buf, sizeof buf), "cleared");

	/* Another site's commitment, bad words, a number out of range. */
	sn = snap(f, s, cara, VIEW_PARTICIPANT);
	snprintf(buf, sizeof buf, "=%u status tested", sn->followups[0].id);
	assert_int_not_equal(say(f, s, amal, buf), 0);
	assert_non_null(strstr(f->out, "not one of your site's"));
	assert_int_not_equal(say(f, s, eve, buf), 0);
	snprintf(buf, sizeof buf, "=%u status maybe", sn->followups[0].id);
	assert_int_not_equal(say(f, s, cara, buf), 0);
	assert_non_null(strstr(f->out, "tested, partly, not yet or dropped"));
	snprintf(buf, sizeof buf, "=%u colour red", sn->followups[0].id);
	assert_int_not_equal(say(f, s, cara, buf), 0);
	assert_int_not_equal(say(f, s, cara, "=999 status tested"), 0);
	assert_int_not_equal(say(f, s, cara, "status tested"), 0);
	snprintf(buf, sizeof buf, "=%u status dropped", sn->followups[0].id);
	said(f, s, cara, buf);

	/* The facilitator's tally: every site, in name order. */
	sn = snap(f, s, NULL, VIEW_FACILITATOR);
	assert_int_equal(sn->n_rbsites, 4);
	assert_string_equal(sn->rbsites[0].name, "Eastside");
	assert_int_equal(sn->rbsites[0].n, 0);
	assert_string_equal(sn->rbsites[1].name, "North");
	assert_int_equal(sn->rbsites[1].count[FOLLOW_DROPPED], 1);
	assert_string_equal(sn->rbsites[2].name, "St Mary's");
	assert_int_equal(sn->rbsites[2].count[FOLLOW_PARTLY], 1);
	assert_string_equal(sn->rbsites[3].name, "West");
	assert_int_equal(sn->rbsites[3].count[FOLLOW_NONE], 1);
	assert_int_equal(sn->n_followups, 0);
	assert_int_equal(s->runs[0].res.answered, 2);

	/* show: a site's report to the room, then the tally again. */
	assert_int_equal(cmd(f, s, "show", "st mary's"), 0);
	sn = snap(f, s, NULL, VIEW_PROJECTOR);
	assert_string_equal(sn->rb_site, "St Mary's");
	assert_int_equal(sn->n_followups, 1);
	assert_int_equal(cmd(f, s, "show", "Nowhere"), 1);
	assert_non_null(strstr(f->out, "no site Nowhere"));
	assert_int_equal(cmd(f, s, "show", NULL), 0);
	sn = snap(f, s, NULL, VIEW_PROJECTOR);
	assert_string_equal(sn->rb_site, "");
	assert_int_equal(sn->n_followups, 0);

	/* The exports know which session it reported on. */
	assert_int_equal(reportback_from(f->st, s->runs[0].store_id), 1);
	session_free(s);
}

/* The first session of a collaborative: it opens, and says so. */
static void
test_first(void **state)
{
	struct fix *f = *state;
	struct session *s = session_new(plan_of(f, ls2), f->st, 0, f->err,
	    sizeof f->err);
	struct participant *amal;
	const struct snapshot *sn;
	char line[512];

	assert_non_null(s);
	amal = arrive(f, s, "Amal", "St Mary's");
	assert_int_equal(cmd(f, s, "next", NULL), 0);
	assert_int_equal(cmd(f, s, "open", NULL), 0);
	sn = snap(f, s, amal, VIEW_PARTICIPANT);
	assert_int_equal(sn->rb_from, 0);
	assert_int_equal(sn->n_followups, 0);
	reportback_empty_line(sn, line, sizeof line);
	assert_non_null(strstr(line, "first learning session"));
	assert_int_equal(reportback_from(f->st, s->runs[0].store_id), 0);
	session_free(s);
}

/* from = a session not in the file: the activity does not open, and
 * says why. */
static void
test_from_missing(void **state)
{
	struct fix *f = *state;
	struct session *s = session_new(plan_of(f, "title = X\n[reportback]\n"
	    "from = 42\n"), f->st, 0, f->err, sizeof f->err);

	assert_non_null(s);
	arrive(f, s, "Amal", "St Mary's");
	assert_int_equal(cmd(f, s, "next", NULL), 0);
	assert_int_not_equal(cmd(f, s, "open", NULL), 0);
	assert_non_null(strstr(f->out, "no session 42"));
	session_free(s);
}

/* The sections on the wire and back, with a bad tally refused. */
static void
test_wire(void **state)
{
	struct fix *f = *state;
	struct session *s;
	struct snapshot *back = malloc(sizeof *back);
	struct wbuf w;
	struct frame fr;
	size_t used;
	const char *err = NULL;

	assert_non_null(back);
	first_session(f);
	s = session_new(plan_of(f, ls2), f->st, 0, f->err, sizeof f->err);
	arrive(f, s, "Amal", "St Mary's");
	assert_int_equal(cmd(f, s, "next", NULL), 0);
	assert_int_equal(cmd(f, s, "open", NULL), 0);
	assert_int_equal(cmd(f, s, "show", "St Mary's"), 0);
	snap(f, s, NULL, VIEW_FACILITATOR);
	memset(&w, 0, sizeof w);
	assert_int_equal(snapshot_encode(&w, f->snap), 0);
	assert_int_equal(frame_decode(w.data, w.len, &fr, &used, &err), 1);
	assert_int_equal(snapshot_decode(&fr, back, &err), 0);
	assert_int_equal(back->rb_from, 1);
	assert_string_equal(back->rb_site, "St Mary's");
	assert_int_equal(back->n_rbsites, f->snap->n_rbsites);
	assert_string_equal(back->rbsites[0].name, "North");
	assert_int_equal(back->n_followups, 1);
	assert_string_equal(back->followups[0].commit[COMMIT_CHANGE],
	    "Sepsis grab bag in resus");
	free(w.data);
	free(back);
	session_free(s);
}

/* The screens without a host: a participant's keys make the messages
 * the kind takes; every view draws at 80x24 and much smaller, with wide
 * characters, and says something when there is nothing to report. */
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
rb_snapshot(struct snapshot *s)
{
	memset(s, 0, sizeof *s);
	s->view = VIEW_PARTICIPANT;
	strcpy(s->title, "LS2");
	s->n_items = 1;
	strcpy(s->items[0].id, "back");
	s->items[0].kind = ACT_REPORTBACK;
	s->items[0].flags = SNAP_RUNNABLE;
	s->current = 0;
	s->kind = ACT_REPORTBACK;
	s->state = ACT_OPEN;
	s->remaining = -1;
	strcpy(s->activity, "back");
	strcpy(s->question, "What became of it?");
	s->rb_from = 1;
	strcpy(s->rb_from_title, "Sepsis LS1");
	strcpy(s->rb_site, "St Mary's 聖瑪麗");
	s->n_followups = 2;
	for (int i = 0; i < 2; i++) {
		memset(&s->followups[i], 0, sizeof s->followups[i]);
		s->followups[i].id = (uint16_t)(i + 3);
		strcpy(s->followups[i].label, "St Mary's");
		snprintf(s->followups[i].commit[COMMIT_CHANGE],
		    sizeof s->followups[i].commit[0], "Change %d 抗生素 in "
		    "resus, which is a long line to wrap on a narrow screen",
		    i + 1);
	}
	s->followups[1].status = FOLLOW_TESTED;
	strcpy(s->followups[1].learned, "Night shift needs it too");
	strcpy(s->followups[1].by, "Bo");
	s->n_rbsites = 2;
	strcpy(s->rbsites[0].name, "North");
	strcpy(s->rbsites[1].name, "St Mary's 聖瑪麗");
	s->rbsites[1].n = 2;
	s->rbsites[1].count[FOLLOW_NONE] = 1;
	s->rbsites[1].count[FOLLOW_TESTED] = 1;
}

static void
test_screens(void **state)
{
	static const int sizes[][2] = { { 24, 80 }, { 10, 30 }, { 5, 12 },
	    { 50, 200 } };
	struct snapshot *s = malloc(sizeof *s);
	const struct kind_view *v = view_of(ACT_REPORTBACK);
	struct dash_pick d = { 1, 0, 0 };
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;
	struct intent it;
	struct ui ui;
	void *st;

	(void)state;
	assert_non_null(s);
	assert_non_null(out);
	assert_non_null(in);
	setlocale(LC_ALL, "C.UTF-8");
	assert_non_null(scr = newterm("xterm", out, in));
	set_term(scr);
	rb_snapshot(s);
	st = v->screen->init();
	v->screen->apply(st, s);
	memset(&ui, 0, sizeof ui);
	ui.utf8 = 1;
	ui.conn = "";

	/* Keys: a status, then the second commitment's next step. */
	memset(&it, 0, sizeof it);
	assert_int_equal(v->screen->key(st, s, '3', &it), SCR_ANSWER |
	    SCR_REDRAW);
	assert_string_equal(it.answer, "=3 status 3");
	assert_int_equal(v->screen->key(st, s, SK_DOWN, &it), SCR_REDRAW);
	memset(&it, 0, sizeof it);
	assert_int_equal(v->screen->key(st, s, 'n', &it), SCR_INPUT);
	assert_string_equal(it.prefix, "=4 next ");
	memset(&it, 0, sizeof it);
	assert_int_equal(v->screen->key(st, s, 'l', &it), SCR_INPUT);
	assert_string_equal(it.prefix, "=4 learned ");
	assert_string_equal(it.answer, "Night shift needs it too");
	s->state = ACT_CLOSED;
	assert_int_equal(v->screen->key(st, s, '1', &it), SCR_NONE);
	s->state = ACT_OPEN;

	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		resizeterm(sizes[k][0], sizes[k][1]);
		ui.rows = LINES;
		ui.cols = COLS;
		erase();
		v->screen->draw(st, s, &ui);
		if (k == 0) {
			assert_true(shows("on session 1: Sepsis LS1"));
			assert_true(shows("Status: tested (Bo)"));
			assert_true(shows("Learned: Night shift needs it too"));
		}
		erase();
		s->view = VIEW_FACILITATOR;
		v->dash_draw(&ui, s, &d, 2, 1, COLS - 2);
		if (k == 0)
			assert_true(shows("Session 1: 2 commitments, 1 tested"));
		erase();
		v->proj_draw(&ui, s, 1);
		if (k == 3)
			assert_true(shows("Night shift needs it too"));
		s->view = VIEW_PARTICIPANT;
	}
	/* The dashboard's Enter shows the picked site to the room. */
	memset(&it, 0, sizeof it);
	assert_int_equal(v->dash_key(&d, s, SK_ENTER, &it), SCR_CTL |
	    SCR_REDRAW);
	assert_int_equal(it.argc, 2);
	assert_string_equal(it.argv[0], "show");
	assert_string_equal(it.argv[1], "St Mary's 聖瑪麗");

	/* Nothing to report: a line, never an empty screen. */
	s->n_followups = 0;
	v->screen->apply(st, s);
	resizeterm(24, 80);
	ui.rows = LINES;
	ui.cols = COLS;
	erase();
	v->screen->draw(st, s, &ui);
	assert_true(shows("made no commitments in session 1"));
	s->rb_from = 0;
	erase();
	v->screen->draw(st, s, &ui);
	assert_true(shows("first learning"));
	assert_int_equal(v->screen->key(st, s, '1', &it), SCR_NONE);

	v->screen->free(st);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prev, setup, teardown),
		cmocka_unit_test(test_words),
		cmocka_unit_test_setup_teardown(test_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_from_missing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_wire, setup, teardown),
		cmocka_unit_test(test_screens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
