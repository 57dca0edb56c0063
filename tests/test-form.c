/* test-form.c: form files, the shipped forms, scoring, and a form run. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>
#include <locale.h>

#include "convene.h"
#include "act-form.h"
#include "screen.h"

static char err[8192];

static int
parse(struct form *f, const char *text)
{
	return form_parse(text, strlen(text), "t.form", f, err, sizeof err);
}

/* One error, at `line`, containing `what`. */
static void
expect_error(const char *text, int line, const char *what)
{
	struct form f;
	char want[64];

	assert_int_not_equal(parse(&f, text), 0);
	snprintf(want, sizeof want, "t.form:%d: ", line);
	if (strstr(err, want) == NULL || strstr(err, what) == NULL) {
		print_error("wanted line %d \"%s\", got: %s\n", line, what, err);
		fail();
	}
	form_free(&f);
}

#define TOP "title = T\nscale = 1..5\n"

static void
test_parse_good(void **state)
{
	struct form f;

	(void)state;
	assert_int_equal(parse(&f, TOP "labels = No | Yes\n"
	    "[rating]\nid = a\ntext = One\nsubscale = s1\n"
	    "[rating]\nid = b\ntext = Two\nsubscale = s2\nreverse = yes\n"
	    "scale = 0..10\n"
	    "[choice]\nid = c\ntext = Pick\noptions = x | y | z\n"
	    "[text]\ntext = Say\n"
	    "[commitment]\nid = tue\ntext = By Tuesday\n"), 0);
	assert_int_equal(f.n_items, 5);
	assert_int_equal(f.items[0].n_points, 5);
	assert_string_equal(f.items[0].labels[0], "1 No");
	assert_string_equal(f.items[0].labels[2], "3");
	assert_string_equal(f.items[0].labels[4], "5 Yes");
	assert_int_equal(f.items[1].n_points, 11);
	assert_int_equal(f.items[1].reverse, 1);
	assert_string_equal(f.items[1].values[10], "10");
	assert_int_equal(f.items[2].n_points, 3);
	assert_string_equal(f.items[3].id, "text-4");
	assert_int_equal(f.n_subscales, 2);
	assert_int_equal(form_slots(&f, err, sizeof err), 0);
	/* A commitment is three questions. */
	assert_int_equal(f.n_slots, 7);
	assert_string_equal(f.slots[5].id, "tue.who");
	/* Ratings with the same points share one scale. */
	assert_int_equal(f.n_scales, 3);
	form_free(&f);
}

static void
test_half_steps(void **state)
{
	struct form f;

	(void)state;
	assert_int_equal(parse(&f, "title = P\nscale = 0.5..5\nstep = 0.5\n"
	    "[rating]\ntext = Where?\n"), 0);
	assert_int_equal(f.items[0].n_points, 10);
	assert_string_equal(f.items[0].values[0], "0.5");
	assert_string_equal(f.items[0].values[9], "5");
	form_free(&f);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("scale = 1..5\n[rating]\ntext = x\n", 1, "needs a title");
	expect_error("title = T\n", 1, "has no items");
	expect_error("title = T\nbogus = 1\n[text]\ntext = x\n", 2,
	    "unknown key \"bogus\" before the first item");
	expect_error(TOP "[slider]\ntext = x\n", 3, "unknown item [slider]");
	expect_error(TOP "[rating]\ntext = x\ncolour = red\n", 5,
	    "unknown key \"colour\" in [rating]");
	expect_error(TOP "[text]\nsubscale = s\ntext = x\n", 4,
	    "unknown key \"subscale\" in [text]");
	expect_error(TOP "[rating]\nid = a b\ntext = x\n", 4, "id may hold");
	expect_error(TOP "[rating]\nid = _by\ntext = x\n", 4,
	    "id may not start with _");
	expect_error(TOP "[rating]\nid = a\n", 3, "[rating] a needs text");
	expect_error(TOP "[rating]\nid = a\ntext = x\n[rating]\nid = a\ntext = y\n",
	    7, "duplicate id \"a\" (first used on line 4)");
	expect_error("title = T\n[rating]\ntext = x\n", 2,
	    "needs a scale like 1..5");
	/* A form-wide scale or labels: at its own line. */
	expect_error("title = T\nscale = 5..1\n[rating]\ntext = x\n", 2,
	    "is reversed");
	expect_error("title = T\nscale = 1..5\nstep = 0.3\n[rating]\ntext = x\n",
	    2, "must have 2 to 11 points");
	expect_error("title = T\nscale = 1..20\n[rating]\ntext = x\n", 2,
	    "must have 2 to 11 points");
	expect_error(TOP "labels = a | b | c\n[rating]\ntext = x\n", 3,
	    "3 labels for 5 points");
	expect_error(TOP "[rating]\ntext = x\nreverse = maybe\n", 5,
	    "reverse must be yes or no, not \"maybe\"");
	expect_error(TOP "[rating]\ntext = x\nscale = 1-5\n", 5,
	    "scale must look like 1..5, not \"1-5\"");
	expect_error(TOP "[choice]\ntext = x\noptions = only\n", 5,
	    "a choice needs 2 to 9 options");
	expect_error(TOP "[choice]\ntext = x\n", 3, "needs options");
	expect_error(TOP "[text]\ntext =\n", 4, "text needs a value");
	expect_error(TOP "[text]\ntext = \xff\n", 4, "not valid UTF-8");
}

/* Every shipped form parses, and ORIC is exactly the published one. */
static void
test_shipped_forms(void **state)
{
	static const char *names[] = { "oric", "progress", "benefit",
	    "ls-evaluation" };
	struct form f;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (form_load(names[i], "sessions/x.plan", &f, err, sizeof err)
		    != 0)
			print_error("%s\n", err);
		assert_int_equal(err[0], '\0');
		assert_int_equal(form_slots(&f, err, sizeof err), 0);
		form_free(&f);
	}
	assert_int_equal(form_load("oric", "sessions/x.plan", &f, err,
	    sizeof err), 0);
	assert_int_equal(f.n_items, 12);
	assert_int_equal(f.n_subscales, 2);
	for (int i = 0; i < 12; i++) {
		static const char cs[] = "ECECECEECECE";

		assert_int_equal(strncmp(f.items[i].text, "People who work "
		    "here ", 16), 0);
		assert_string_equal(f.items[i].subscale, cs[i] == 'C' ?
		    "commitment" : "efficacy");
		assert_int_equal(f.items[i].n_points, 5);
	}
	assert_string_equal(f.items[0].labels[0], "1 Disagree");
	assert_string_equal(f.items[0].labels[4], "5 Agree");
	assert_non_null(strstr(f.items[11].text, "manage the politics"));
	assert_non_null(strstr(f.source, "Implementation Science 2014;9:7"));
	form_free(&f);
	assert_int_not_equal(form_load("no-such-form", "sessions/x.plan", &f,
	    err, sizeof err), 0);
	assert_non_null(strstr(err, "no form \"no-such-form\""));
	form_free(&f);
}

/*
 * Scoring against numbers worked out by hand.  Subscale A: items a1, a2
 * (a2 reverse-scored on 1..5, so v counts as 6 - v); subscale B: b1.
 *   p1 (X): a1=4 a2=2 b1=5  -> A = (4 + 4) / 2 = 4.0, B = 5
 *   p2 (X): a1=2 a2=-  b1=3 -> A = 2 (a2 missing), B = 3
 *   p3 (Y): a1=5 a2=5 b1=-  -> A = (5 + 1) / 2 = 3.0, B none
 * Site X: A mean 3.0, sd sqrt(((4-3)^2 + (2-3)^2) / 1) = 1.414, n 2;
 *         B mean 4.0, sd 1.414, n 2.  Site Y: A 3.0, sd 0, n 1; B n 0.
 * All: A mean (4 + 2 + 3) / 3 = 3.0, sd 1.0, n 3.
 */
static void
test_scoring(void **state)
{
	struct form f;
	struct form_response r[3];
	struct form_site_score out[4];
	int rows;

	(void)state;
	assert_int_equal(parse(&f, TOP
	    "[rating]\nid = a1\ntext = x\nsubscale = A\n"
	    "[rating]\nid = a2\ntext = x\nsubscale = A\nreverse = yes\n"
	    "[rating]\nid = b1\ntext = x\nsubscale = B\n"
	    "[text]\nid = t\ntext = x\n"), 0);
	memset(r, 0, sizeof r);
	strcpy(r[0].site, "X");
	r[0].values[0] = "4", r[0].values[1] = "2", r[0].values[2] = "5";
	r[0].values[3] = "words are not scored";
	r[0].submitted = 1;
	strcpy(r[1].site, "X");
	r[1].values[0] = "2", r[1].values[2] = "3";
	strcpy(r[2].site, "Y");
	r[2].values[0] = "5", r[2].values[1] = "5";
	r[2].submitted = 1;
	rows = form_score(&f, r, 3, out, 4);
	assert_int_equal(rows, 3);
	assert_string_equal(out[0].site, "All sites");
	assert_int_equal(out[0].started, 3);
	assert_int_equal(out[0].complete, 2);
	/* r[0] answered all four, r[2] only two of four: partial. */
	assert_int_equal(out[0].partial, 1);
	assert_int_equal(out[1].partial, 0);
	assert_int_equal(out[2].partial, 1);
	assert_int_equal(out[0].n[0], 3);
	assert_true(fabs(out[0].mean[0] - 3.0) < 1e-9);
	assert_true(fabs(out[0].sd[0] - 1.0) < 1e-9);
	assert_string_equal(out[1].site, "X");
	assert_true(fabs(out[1].mean[0] - 3.0) < 1e-9);
	assert_true(fabs(out[1].sd[0] - sqrt(2)) < 1e-9);
	assert_int_equal(out[1].n[0], 2);
	assert_int_equal(out[1].missing[0], 1);
	assert_true(fabs(out[1].mean[1] - 4.0) < 1e-9);
	assert_string_equal(out[2].site, "Y");
	assert_true(fabs(out[2].mean[0] - 3.0) < 1e-9);
	assert_true(fabs(out[2].sd[0]) < 1e-9);
	assert_int_equal(out[2].n[1], 0);
	assert_int_equal(out[2].missing[1], 1);
	/* Item means use the scored (reversed) value: a2 at X is 6 - 2. */
	assert_true(fabs(out[1].item_mean[1] - 4.0) < 1e-9);
	assert_int_equal(out[1].item_n[1], 1);
	/* Submitted with every question skipped: finished, but no score;
	 * opened and left empty: not even started. */
	memset(&r[1], 0, sizeof r[1]);
	strcpy(r[1].site, "X");
	r[1].submitted = 1;
	memset(&r[2], 0, sizeof r[2]);
	strcpy(r[2].site, "Y");
	rows = form_score(&f, r, 3, out, 4);
	assert_int_equal(out[0].started, 2);
	assert_int_equal(out[0].complete, 2);
	assert_int_equal(out[0].partial, 1);	/* every question skipped */
	assert_int_equal(out[1].complete, 2);
	assert_int_equal(out[1].n[0], 1);	/* r[0] alone: (4 + 6 - 2) / 2 */
	assert_true(fabs(out[1].mean[0] - 4.0) < 1e-9);
	assert_int_equal(out[2].started, 0);
	form_free(&f);
}

/* A form run through a session: answers item by item, resume at the
 * first unanswered item, suppression, and change since last session. */
struct fix {
	char dir[64];
	char db[96];
	char plan_path[96];
	struct plan plan;
	struct store *st;
	struct session *s;
};

static const char plan_text[] =
    "title = LS\ncollaborative = C\n[assess]\nid = ready\nform = mini\n";
static const char mini_form[] =
    "title = Mini\nscale = 1..5\n"
    "[rating]\nid = a\ntext = A\nsubscale = s\n"
    "[rating]\nid = b\ntext = B\nsubscale = s\n"
    "[text]\nid = c\ntext = C\n";

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
start(struct fix *fx, int resume)
{
	char e[1024];

	assert_int_equal(plan_load(fx->plan_path, &fx->plan, e, sizeof e), 0);
	assert_int_equal(store_open(fx->db, &fx->st, e, sizeof e), 0);
	fx->s = session_new(&fx->plan, fx->st, resume, e, sizeof e);
	assert_non_null(fx->s);
}

static void
stop(struct fix *fx)
{
	session_free(fx->s);
	store_close(fx->st);
	plan_free(&fx->plan);
}

static int
setup(void **state)
{
	struct fix *fx = calloc(1, sizeof *fx);
	char path[128];

	strcpy(fx->dir, "/tmp/test-form-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof fx->db, "%s/c.db", fx->dir);
	snprintf(fx->plan_path, sizeof fx->plan_path, "%s/ls.plan", fx->dir);
	snprintf(path, sizeof path, "%s/forms", fx->dir);
	assert_int_equal(util_mkdir_p(path, 0700), 0);
	snprintf(path, sizeof path, "%s/forms/mini.form", fx->dir);
	write_file(path, mini_form);
	write_file(fx->plan_path, plan_text);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *fx = *state;
	char cmd[160];

	snprintf(cmd, sizeof cmd, "rm -rf %s", fx->dir);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

static int
cmd(struct session *s, const char *c)
{
	char out[512], *argv[] = { (char *)c };

	return session_command(s, 1, argv, out, sizeof out);
}

static void
say(struct session *s, struct participant *p, const char *v, int ok)
{
	char why[256];

	store_begin(s->store);
	assert_int_equal(session_answer(s, p, "ready", v, why, sizeof why),
	    ok ? 0 : -1);
	store_commit(s->store);
	s->tallies_stale = 1;
	session_refresh(s);
}

static void
test_form_run(void **state)
{
	struct fix *fx = *state;
	struct participant *p[6];
	struct snapshot *snap = malloc(sizeof *snap);
	char why[128], name[16], tok[TOKEN_LEN + 1];

	/* Session 1: six people at site X answer a = 2, b = 2. */
	start(fx, 0);
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "P%d", i);
		store_begin(fx->st);
		p[i] = session_join(fx->s, name, "X", NULL, why, sizeof why);
		store_commit(fx->st);
		assert_non_null(p[i]);
		p[i]->connected = 1;
	}
	assert_int_equal(cmd(fx->s, "next"), 0);
	assert_int_equal(cmd(fx->s, "open"), 0);
	for (int i = 0; i < 6; i++) {
		say(fx->s, p[i], "a=2", 1);
		say(fx->s, p[i], "b=2", 1);
	}
	say(fx->s, p[0], "a=9", 0);		/* not on the scale */
	say(fx->s, p[0], "zz=1", 0);		/* no such item */
	say(fx->s, p[0], "c=\x1b[2Jhello", 1);	/* sanitised text */
	say(fx->s, p[0], "submit", 1);
	session_snapshot(fx->s, NULL, VIEW_FACILITATOR, snap);
	assert_int_equal(snap->n_scores, 2);
	assert_int_equal(snap->scores[1].started, 6);
	assert_int_equal(snap->scores[1].complete, 1);
	assert_int_equal(snap->scores[1].mean100[0], 200);
	assert_int_equal(snap->scores[1].prev100[0], INT32_MIN);
	session_snapshot(fx->s, p[0], VIEW_PARTICIPANT, snap);
	assert_string_equal(snap->slots[0].mine, "2");
	assert_string_equal(snap->slots[2].mine, "[2Jhello");
	assert_int_equal(snap->submitted, 1);
	assert_int_equal(cmd(fx->s, "end"), 0);
	stop(fx);

	/* Session 2 of the same collaborative: site X now at 4, site Y has
	 * only two people (suppressed on shared screens). */
	start(fx, 0);
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "Q%d", i);
		store_begin(fx->st);
		p[i] = session_join(fx->s, name, i < 4 ? "X" : "Y", NULL, why,
		    sizeof why);
		store_commit(fx->st);
		p[i]->connected = 1;
	}
	assert_int_equal(cmd(fx->s, "next"), 0);
	assert_int_equal(cmd(fx->s, "open"), 0);
	for (int i = 0; i < 6; i++) {
		say(fx->s, p[i], "a=4", 1);
		say(fx->s, p[i], "b=4", 1);
	}
	session_snapshot(fx->s, NULL, VIEW_FACILITATOR, snap);
	for (int i = 1; i < snap->n_scores; i++) {
		if (strcmp(snap->scores[i].site, "X") == 0) {
			assert_int_equal(snap->scores[i].mean100[0], 400);
			assert_int_equal(snap->scores[i].prev100[0], 200);
			assert_int_equal(snap->scores[i].suppressed, 1);
		} else {
			assert_string_equal(snap->scores[i].site, "Y");
			assert_int_equal(snap->scores[i].suppressed, 1);
			/* The facilitator still sees the figure. */
			assert_int_equal(snap->scores[i].mean100[0], 400);
		}
	}
	session_snapshot(fx->s, NULL, VIEW_PROJECTOR, snap);
	for (int i = 1; i < snap->n_scores; i++) {
		assert_int_equal(snap->scores[i].suppressed, 1);
		assert_int_equal(snap->scores[i].n[0], 0);
		assert_int_equal(snap->scores[i].mean100[0], 0);
	}
	/* Resume: a person who answered a only gets b and c offered. */
	store_begin(fx->st);
	p[0] = session_join(fx->s, "Late", "X", NULL, why, sizeof why);
	store_commit(fx->st);
	memcpy(tok, p[0]->token, sizeof tok);
	say(fx->s, p[0], "a=5", 1);
	stop(fx);
	start(fx, 1);
	store_begin(fx->st);
	p[0] = session_join(fx->s, "Late", "X", tok, why, sizeof why);
	store_commit(fx->st);
	fx->s->tallies_stale = 1;
	session_refresh(fx->s);
	session_snapshot(fx->s, p[0], VIEW_PARTICIPANT, snap);
	assert_string_equal(snap->slots[0].mine, "5");
	assert_string_equal(snap->slots[1].mine, "");
	stop(fx);
	free(snap);
}

/*
 * The projector's "finished" line compares like with like: for a form
 * answered once per site, sites that submitted of the sites here; for
 * one answered by person, people of the people here.  Drawn on an
 * off-screen terminal and read back.
 */
/* A person's own answers show in their next snapshot at once, before the
 * tallies are re-read (the host re-reads them only so often); the scores
 * follow at the re-read.  A refused answer changes nothing. */
static void
test_own_answers_at_once(void **state)
{
	struct fix *fx = *state;
	struct participant *p;
	struct snapshot *snap = malloc(sizeof *snap);
	char why[128];

	assert_non_null(snap);
	start(fx, 0);
	store_begin(fx->st);
	p = session_join(fx->s, "Amal", "X", NULL, why, sizeof why);
	assert_non_null(p);
	p->connected = 1;
	assert_int_equal(cmd(fx->s, "next"), 0);
	assert_int_equal(cmd(fx->s, "open"), 0);
	store_commit(fx->st);
	session_refresh(fx->s);

	store_begin(fx->st);
	assert_int_equal(session_answer(fx->s, p, "ready", "a=4", why,
	    sizeof why), 0);
	assert_int_equal(session_answer(fx->s, p, "ready", "b=3", why,
	    sizeof why), 0);
	assert_int_equal(session_answer(fx->s, p, "ready", "b=", why,
	    sizeof why), 0);
	assert_int_equal(session_answer(fx->s, p, "ready", "a=7", why,
	    sizeof why), -1);
	store_commit(fx->st);
	assert_true(fx->s->tallies_stale);
	session_snapshot(fx->s, p, VIEW_PARTICIPANT, snap);
	assert_string_equal(snap->slots[0].mine, "4");
	assert_string_equal(snap->slots[1].mine, "");
	assert_int_equal(snap->submitted, 0);
	store_begin(fx->st);
	assert_int_equal(session_answer(fx->s, p, "ready", "submit", why,
	    sizeof why), 0);
	store_commit(fx->st);
	session_snapshot(fx->s, p, VIEW_PARTICIPANT, snap);
	assert_int_equal(snap->submitted, 1);
	/* The re-read agrees, and brings the scores. */
	session_refresh(fx->s);
	session_snapshot(fx->s, p, VIEW_PARTICIPANT, snap);
	assert_string_equal(snap->slots[0].mine, "4");
	assert_string_equal(snap->slots[1].mine, "");
	assert_int_equal(snap->submitted, 1);
	session_snapshot(fx->s, NULL, VIEW_FACILITATOR, snap);
	assert_int_equal(snap->scores[1].complete, 1);
	assert_int_equal(snap->scores[1].mean100[0], 400);
	free(snap);
	stop(fx);
}

static int
projector_shows(struct session *s, const char *text)
{
	struct snapshot *snap = malloc(sizeof *snap);
	struct ui ui;
	void *st = screen_projector.init();
	char line[512];
	int found = 0;

	assert_non_null(snap);
	memset(&ui, 0, sizeof ui);
	ui.conn = "";
	session_snapshot(s, NULL, VIEW_PROJECTOR, snap);
	resizeterm(24, 80);
	ui.rows = LINES;
	ui.cols = COLS;
	erase();
	screen_projector.draw(st, snap, &ui);
	for (int y = 0; y < LINES && !found; y++) {
		line[0] = '\0';
		mvinnstr(y, 0, line, COLS < 511 ? COLS : 511);
		found = strstr(line, text) != NULL;
	}
	if (!found)
		print_message("projector: no \"%s\"\n", text);
	screen_projector.free(st);
	free(snap);
	return found;
}

static void
test_projector_finished(void **state)
{
	struct fix *fx = *state;
	struct participant *p[5];
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;
	char why[128], name[16];

	assert_true(out != NULL && in != NULL);
	setlocale(LC_ALL, "C.UTF-8");
	assert_non_null(scr = newterm("xterm", out, in));
	set_term(scr);
	write_file(fx->plan_path, "title = LS\n[assess]\nid = ready\n"
	    "form = mini\nby = site\n[assess]\nid = each\nform = mini\n");
	start(fx, 0);
	/* Five people here from three sites: X X X Y Z. */
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "P%d", i);
		store_begin(fx->st);
		p[i] = session_join(fx->s, name, i < 3 ? "X" : i == 3 ? "Y" :
		    "Z", NULL, why, sizeof why);
		store_commit(fx->st);
		assert_non_null(p[i]);
		session_connected(fx->s, p[i]);
	}
	assert_int_equal(cmd(fx->s, "next"), 0);
	assert_int_equal(cmd(fx->s, "open"), 0);
	session_refresh(fx->s);
	assert_true(projector_shows(fx->s, "0 of 3 sites have finished"));
	say(fx->s, p[0], "a=2", 1);
	say(fx->s, p[1], "submit", 1);
	assert_true(projector_shows(fx->s, "1 of 3 sites has finished"));
	/* A second person of the same site adds nothing. */
	say(fx->s, p[2], "submit", 1);
	assert_true(projector_shows(fx->s, "1 of 3 sites has finished"));
	/* A site that finished and left still counts among the sites. */
	say(fx->s, p[3], "b=4", 1);
	say(fx->s, p[3], "submit", 1);
	p[3]->connected = 0;	/* gone, as far as the form can tell */
	assert_true(projector_shows(fx->s, "2 of 3 sites have finished"));
	p[4]->connected = 0;
	assert_true(projector_shows(fx->s, "2 of 2 sites have finished"));
	p[3]->connected = p[4]->connected = 1;

	/* By person: people. */
	assert_int_equal(cmd(fx->s, "next"), 0);
	assert_int_equal(cmd(fx->s, "open"), 0);
	store_begin(fx->st);
	assert_int_equal(session_answer(fx->s, p[0], "each", "a=3", why,
	    sizeof why), 0);
	assert_int_equal(session_answer(fx->s, p[0], "each", "submit", why,
	    sizeof why), 0);
	store_commit(fx->st);
	fx->s->tallies_stale = 1;
	session_refresh(fx->s);
	assert_true(projector_shows(fx->s, "1 of 5 here have finished"));
	stop(fx);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* Every mistake of a form in one run, in the order of the lines. */
static void
test_errors_at_once(void **state)
{
	struct form f;

	(void)state;
	assert_int_equal(parse(&f, TOP
	    "[rating]\nid = a\ntext = x\nreverse = maybe\n"	/* 6 */
	    "[rating]\nid = a\ntext = y\n"			/* 8 */
	    "labels = a | b | c\n"				/* 10 */
	    "[choice]\ntext = z\ncolour = red\n"), 5);	/* 11, 13 */
	assert_non_null(strstr(err, "t.form:6: reverse must be yes or no, not "
	    "\"maybe\"\nt.form:8: duplicate id \"a\" (first used on line "
	    "4)\nt.form:10: [rating] a: 3 labels for 5 points"));
	assert_non_null(strstr(err, "\nt.form:11: [choice] choice-3 needs "
	    "options = a | b | ...\nt.form:13: unknown key \"colour\""));
	form_free(&f);
}

/* A commitment's "by when" follows the breakouts' rules (due.c): a day,
 * stored with the words; "whenever" is refused. */
static void
test_commitment_due(void **state)
{
	struct fix *fx = *state;
	struct participant *p;
	struct snapshot *snap = malloc(sizeof *snap);
	char why[256], path[160];

	assert_non_null(snap);
	snprintf(path, sizeof path, "%s/forms/mini.form", fx->dir);
	write_file(path, "title = Mini\n[commitment]\nid = plan\n"
	    "text = Your change\n");
	setenv("CONVENE_TODAY", "2026-12-04", 1);
	start(fx, 0);
	store_begin(fx->st);
	p = session_join(fx->s, "Amal", "X", NULL, why, sizeof why);
	assert_non_null(p);
	p->connected = 1;
	assert_int_equal(cmd(fx->s, "next"), 0);
	assert_int_equal(cmd(fx->s, "open"), 0);
	assert_int_equal(session_answer(fx->s, p, "ready", "plan.when="
	    "whenever", why, sizeof why), -1);
	assert_non_null(strstr(why, "by when: give a date still to come "
	    "(18 December, 2026-12-18"));
	assert_int_equal(session_answer(fx->s, p, "ready", "plan.when=next "
	    "Tuesday", why, sizeof why), 0);
	assert_int_equal(session_answer(fx->s, p, "ready", "plan.what=Grab "
	    "bag in resus", why, sizeof why), 0);
	store_commit(fx->st);
	session_snapshot(fx->s, p, VIEW_PARTICIPANT, snap);
	assert_string_equal(snap->slots[0].mine, "Grab bag in resus");
	assert_string_equal(snap->slots[2].mine, "2026-12-08 next Tuesday");
	unsetenv("CONVENE_TODAY");
	free(snap);
	stop(fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_half_steps),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_errors_at_once),
		cmocka_unit_test(test_shipped_forms),
		cmocka_unit_test(test_scoring),
		cmocka_unit_test_setup_teardown(test_form_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commitment_due, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_own_answers_at_once, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_projector_finished, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
