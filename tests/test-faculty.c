/* test-faculty.c: rwg(j) against hand-computed values, and faculty rating sites on a rater = faculty form. */
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
#include <sqlite3.h>

#include "convene.h"
#include "act-form.h"
#include "protocol.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/*
 * The formula on its own (James, Demaree & Wolf 1984):
 * rwg(j) = J(1 - r) / (J(1 - r) + r), r = s2 / e2.
 */
static void
test_rwg_formula(void **state)
{
	(void)state;
	/* e2 = (A^2 - 1) / 12: 2 for ORIC's five points, 8.25 for ten. */
	NEAR(form_rwg_null(5), 2.0);
	NEAR(form_rwg_null(10), 99.0 / 12);
	NEAR(form_rwg_null(2), 0.25);
	NEAR(form_rwg_null(1), 0);
	/* Zero variance: perfect agreement, whatever J. */
	NEAR(form_rwg(1, 0), 1);
	NEAR(form_rwg(12, 0), 1);
	/* 12 items, s2/e2 = 0.5: 12 * 0.5 / (12 * 0.5 + 0.5) = 6 / 6.5. */
	NEAR(form_rwg(12, 0.5), 6 / 6.5);
	/* 1 item, s2/e2 = 0.25: 0.75 / 1 = 0.75 (rwg for one item). */
	NEAR(form_rwg(1, 0.25), 0.75);
	/* 5 items, s2/e2 = 0.8: 5 * 0.2 / (1 + 0.8) = 0.5555... */
	NEAR(form_rwg(5, 0.8), 1.0 / 1.8);
	/* s2 >= e2: no agreement, 0 (not the formula's value). */
	NEAR(form_rwg(2, 1.0), 0);
	NEAR(form_rwg(3, 1.5), 0);
	/* No item with a variance: not defined. */
	assert_true(form_rwg(0, 0.3) == FORM_RWG_NONE);
	assert_true(form_rwg(2, NAN) == FORM_RWG_NONE);
	/* Low agreement below 0.7 (Shea et al. 2014), never when undefined. */
	assert_true(form_rwg_low(0));
	assert_true(form_rwg_low(0.69));
	assert_false(form_rwg_low(0.7));
	assert_false(form_rwg_low(1));
	assert_false(form_rwg_low(FORM_RWG_NONE));
}

/*
 * rwg(j) from scoring, per site and subscale, by hand:
 *   site X, three people: a1 = 1, 3, 5 (mean 3, s2 = (4 + 0 + 4) / 2 =
 *   4); a2 = 2, 2, 2 (s2 = 0); so A: s2 = (4 + 0) / 2 = 2 = e2 (five
 *   points): rwg = 0, low.  b1 = 4, 4, 4: zero variance, rwg = 1.
 *   site Y, two people: a1 = 4, 5 (s2 = 0.5), a2 = 4, 4 (s2 = 0):
 *   s2 = 0.25, r = 0.125, J = 2: 1.75 / 1.875 = 0.9333...; b1 answered
 *   by one of them only: no item with a variance, not defined.
 *   site Z, one person (n = 1): not defined.
 *   All sites (row 0): not a site, not defined.
 */
static void
test_rwg_scoring(void **state)
{
	struct form f;
	struct form_response r[6];
	struct form_site_score out[5];
	char err[1024];
	static const char text[] = "title = T\nscale = 1..5\n"
	    "[rating]\nid = a1\ntext = x\nsubscale = A\n"
	    "[rating]\nid = a2\ntext = x\nsubscale = A\nreverse = yes\n"
	    "[rating]\nid = b1\ntext = x\nsubscale = B\n";
	const char *x[3][3] = { { "1", "2", "4" }, { "3", "2", "4" },
	    { "5", "2", "4" } };
	int rows;

	(void)state;
	assert_int_equal(form_parse(text, strlen(text), "t.form", &f, err,
	    sizeof err), 0);
	memset(r, 0, sizeof r);
	for (int p = 0; p < 3; p++) {
		strcpy(r[p].site, "X");
		for (int i = 0; i < 3; i++)
			r[p].values[i] = x[p][i];
	}
	strcpy(r[3].site, "Y");
	r[3].values[0] = "4", r[3].values[1] = "4", r[3].values[2] = "3";
	strcpy(r[4].site, "Y");
	r[4].values[0] = "5", r[4].values[1] = "4";
	strcpy(r[5].site, "Z");
	r[5].values[0] = "2", r[5].values[1] = "5", r[5].values[2] = "1";
	rows = form_score(&f, r, 6, out, 5);
	assert_int_equal(rows, 4);
	assert_true(out[0].rwg[0] == FORM_RWG_NONE);
	assert_string_equal(out[1].site, "X");
	NEAR(out[1].rwg[0], 0);
	assert_int_equal(out[1].rwg_items[0], 2);
	assert_true(form_rwg_low(out[1].rwg[0]));
	NEAR(out[1].rwg[1], 1);
	assert_false(form_rwg_low(out[1].rwg[1]));
	assert_string_equal(out[2].site, "Y");
	NEAR(out[2].rwg[0], 1.75 / 1.875);
	assert_true(out[2].rwg[1] == FORM_RWG_NONE);
	assert_int_equal(out[2].rwg_items[1], 0);
	assert_string_equal(out[3].site, "Z");
	assert_true(out[3].rwg[0] == FORM_RWG_NONE);
	assert_true(out[3].rwg[1] == FORM_RWG_NONE);
	form_free(&f);
}

/* A session with a rater = faculty form answered by site. */
struct fix {
	char dir[64], db[96], plan_path[96];
	struct plan plan;
	struct store *st;
	struct session *s;
};

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
setup(void **state)
{
	struct fix *fx = calloc(1, sizeof *fx);
	char path[128], e[1024];

	strcpy(fx->dir, "/tmp/test-faculty-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof fx->db, "%s/c.db", fx->dir);
	snprintf(fx->plan_path, sizeof fx->plan_path, "%s/ls.plan", fx->dir);
	snprintf(path, sizeof path, "%s/forms", fx->dir);
	assert_int_equal(util_mkdir_p(path, 0700), 0);
	snprintf(path, sizeof path, "%s/forms/prog.form", fx->dir);
	write_file(path, "title = Progress\nscale = 1..5\n"
	    "[rating]\nid = p\ntext = Where?\nsubscale = progress\n"
	    "[text]\nid = why\ntext = Why?\n");
	write_file(fx->plan_path, "title = LS\ncollaborative = C\n[assess]\n"
	    "id = prog\nform = prog\nby = site\nrater = faculty\n");
	assert_int_equal(plan_load(fx->plan_path, &fx->plan, e, sizeof e), 0);
	assert_int_equal(store_open(fx->db, &fx->st, e, sizeof e), 0);
	fx->s = session_new(&fx->plan, fx->st, 0, e, sizeof e);
	assert_non_null(fx->s);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *fx = *state;
	char cmd[160];

	session_free(fx->s);
	store_close(fx->st);
	plan_free(&fx->plan);
	snprintf(cmd, sizeof cmd, "rm -rf %s", fx->dir);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

static struct participant *
join(struct session *s, const char *name, const char *site)
{
	char why[128];
	struct participant *p;

	store_begin(s->store);
	p = session_join(s, name, site, NULL, why, sizeof why);
	store_commit(s->store);
	assert_non_null(p);
	p->connected = 1;
	return p;
}

static void
say(struct session *s, struct participant *p, const char *v, int ok)
{
	char why[256];

	store_begin(s->store);
	assert_int_equal(session_answer(s, p, "prog", v, why, sizeof why),
	    ok ? 0 : -1);
	store_commit(s->store);
	s->tallies_stale = 1;
	session_refresh(s);
}

static int
count(struct store *st, const char *sql)
{
	sqlite3_stmt *q;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL),
	    SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

static const struct snap_score *
row(const struct snapshot *s, const char *site)
{
	for (int i = 1; i < s->n_scores; i++)
		if (strcmp(s->scores[i].site, site) == 0)
			return &s->scores[i];
	fail_msg("no row for %s", site);
	return NULL;
}

static void
roundtrip(const struct snapshot *s, struct snapshot *back)
{
	struct wbuf w = { 0 };
	struct frame f;
	size_t used = 0;
	const char *err = NULL;

	assert_int_equal(snapshot_encode(&w, s), 0);
	assert_int_equal(frame_decode(w.data, w.len, &f, &used, &err), 1);
	assert_int_equal(snapshot_decode(&f, back, &err), 0);
	wbuf_free(&w);
}

static void
test_faculty_rate(void **state)
{
	struct fix *fx = *state;
	struct session *s = fx->s;
	struct snapshot *snap = calloc(2, sizeof *snap), *back = snap + 1;
	struct participant *a, *b, *f1, *f2;
	char out[512], *next[] = { "next" }, *open[] = { "open" };

	a = join(s, "Ann", "Site X");
	b = join(s, "Bo", "Site Y");
	f1 = join(s, "Prof", "");
	f2 = join(s, "Dr Two", "Elsewhere");
	store_begin(fx->st);
	assert_int_equal(session_set_role(s, f1, "Faculty"), 0);
	assert_int_equal(session_set_role(s, f2, ROLE_FACULTY), 0);
	store_commit(fx->st);
	assert_true(participant_faculty(f1));
	assert_string_equal(f1->role, "faculty");
	assert_false(participant_faculty(a));
	assert_int_equal(session_command(s, 1, next, out, sizeof out), 0);
	assert_int_equal(session_command(s, 1, open, out, sizeof out), 0);

	/* The teams rate themselves, as before. */
	say(s, a, "p=4", 1);
	say(s, a, "submit", 1);
	say(s, b, "p=2", 1);
	/* Faculty pick a site first; only sites of the room. */
	say(s, f1, "p=2", 0);
	say(s, f1, "@rate=Nowhere", 0);
	say(s, f1, "@rate=Elsewhere", 0);	/* only faculty are there */
	say(s, f1, "@rate=Site X", 1);
	session_snapshot(s, f1, VIEW_PARTICIPANT, snap);
	assert_int_equal(snap->rate_mode, 1);
	assert_int_equal(snap->n_rate, 2);
	assert_string_equal(snap->rate[0].site, "Site X");
	assert_string_equal(snap->rate[1].site, "Site Y");
	assert_int_equal(snap->rate_cur, 0);
	assert_int_equal(snap->form_by, 0);
	assert_string_equal(snap->slots[0].mine, "");	/* not Ann's 4 */
	say(s, f1, "p=9", 0);				/* off the scale */
	say(s, f1, "p=2", 1);
	say(s, f1, "why=\x1b[2Jslow start", 1);
	session_snapshot(s, f1, VIEW_PARTICIPANT, snap);
	assert_string_equal(snap->slots[0].mine, "2");
	assert_string_equal(snap->slots[1].mine, "[2Jslow start");
	assert_int_equal(snap->rate[0].state, RATE_STARTED);
	say(s, f1, "submit", 1);
	session_snapshot(s, f1, VIEW_PARTICIPANT, snap);
	assert_int_equal(snap->rate_cur, RATE_PICK);
	assert_int_equal(snap->rate[0].state, RATE_DONE);
	assert_int_equal(snap->rate[1].state, RATE_NONE);
	roundtrip(snap, back);
	assert_int_equal(back->rate_mode, 1);
	assert_int_equal(back->n_rate, 2);
	assert_int_equal(back->rate_cur, RATE_PICK);
	assert_string_equal(back->rate[1].site, "Site Y");
	assert_int_equal(back->rate[0].state, RATE_DONE);
	/* Site Y by both, Site X by the second too. */
	say(s, f1, "@rate=Site Y", 1);
	say(s, f1, "p=3", 1);
	say(s, f2, "@rate=Site Y", 1);
	say(s, f2, "p=4", 1);
	say(s, f2, "@rate=Site X", 1);
	say(s, f2, "p=3", 1);
	say(s, f2, "p=", 1);				/* cleared */
	say(s, f2, "p=1", 1);
	/* A member's view is the self-rating, without the sites. */
	session_snapshot(s, a, VIEW_PARTICIPANT, snap);
	assert_int_equal(snap->rate_mode, 0);
	assert_int_equal(snap->form_rater, 1);
	assert_string_equal(snap->slots[0].mine, "4");

	/* The facilitator: own score, faculty's, side by side. */
	session_snapshot(s, NULL, VIEW_FACILITATOR, snap);
	assert_int_equal(snap->form_extra, 1);
	assert_int_equal(snap->form_rater, 1);
	assert_int_equal(row(snap, "Site X")->mean100[0], 400);
	assert_int_equal(row(snap, "Site X")->fac100[0], 150); /* 2, 1 */
	assert_int_equal(row(snap, "Site X")->fac_n[0], 2);
	assert_int_equal(row(snap, "Site Y")->mean100[0], 200);
	assert_int_equal(row(snap, "Site Y")->fac100[0], 350); /* 3, 4 */
	assert_int_equal(snap->scores[0].fac100[0], 250);	/* all four */
	/* Finished is counted against the sites here, not faculty's. */
	assert_int_equal(snap->scores[0].members, 2);
	/* Answered by site: one response a site, so no rwg(j). */
	assert_int_equal(row(snap, "Site X")->rwg100[0], -1);
	roundtrip(snap, back);
	assert_int_equal(back->form_extra, 1);
	assert_int_equal(back->scores[1].fac100[0], snap->scores[1].fac100[0]);
	assert_int_equal(back->scores[2].fac_n[0], snap->scores[2].fac_n[0]);
	/* The projector sees neither. */
	session_snapshot(s, NULL, VIEW_PROJECTOR, snap);
	assert_int_equal(snap->form_extra, 0);

	/* Stored apart from the answers, with the rater's role. */
	assert_int_equal(count(fx->st, "SELECT count(*) FROM faculty_ratings "
	    "WHERE item = 'p'"), 4);
	assert_int_equal(count(fx->st, "SELECT count(*) FROM faculty_ratings "
	    "WHERE item = '_submitted'"), 1);
	assert_int_equal(count(fx->st, "SELECT count(*) FROM answers WHERE "
	    "participant IN (SELECT id FROM participants WHERE role = "
	    "'faculty')"), 0);
	assert_int_equal(count(fx->st, "SELECT count(*) FROM participants "
	    "WHERE role = 'faculty'"), 2);
	assert_int_equal(count(fx->st, "SELECT points FROM form_points WHERE "
	    "item = 'p'"), 5);
	free(snap);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rwg_formula),
		cmocka_unit_test(test_rwg_scoring),
		cmocka_unit_test_setup_teardown(test_faculty_rate, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
