/* test-breakout.c: breakout groups (site, mixed, choose), the shared note
 * under concurrent edits, commitments and their rules, move and recall,
 * resume, the snapshot section, and the participant screen's keys. */
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
#include "act-breakout.h"
#include "breakout-view.h"
#include "screen.h"

/* ---- grouping, without a session ---------------------------------- */

static int
max_minus_min(const int *v, int n)
{
	int lo = v[0], hi = v[0];

	for (int i = 1; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	return hi - lo;
}

static void
test_group_count(void **state)
{
	(void)state;
	assert_int_equal(breakout_group_count(0, 6), 1);
	assert_int_equal(breakout_group_count(1, 6), 1);
	assert_int_equal(breakout_group_count(8, 6), 1);
	assert_int_equal(breakout_group_count(9, 6), 2);
	assert_int_equal(breakout_group_count(13, 6), 2);
	assert_int_equal(breakout_group_count(40, 6), 7);
	assert_int_equal(breakout_group_count(12, 4), 3);
	assert_int_equal(breakout_group_count(10000, 2), SNAP_MAX_GROUPS);
}

/* Uneven sites: 3, 13 and 1 people; the 13 split into two groups. */
static void
test_site_uneven(void **state)
{
	int site[17], grp[17], site_of[SNAP_MAX_GROUPS], size[4] = { 0 }, ng;

	(void)state;
	for (int i = 0; i < 17; i++)	/* interleaved, as people arrive */
		site[i] = i == 16 ? 16 : i % 4 == 0 && i < 12 ? 0 : 1;
	ng = breakout_assign_site(site, 17, 6, grp, site_of);
	assert_int_equal(ng, 4);	/* site 0, site 1 twice, site 16 */
	for (int i = 0; i < 17; i++) {
		assert_true(grp[i] >= 0 && grp[i] < ng);
		assert_int_equal(site_of[grp[i]], site[i]);
		size[grp[i]]++;
	}
	assert_int_equal(size[0], 3);
	assert_int_equal(size[1] + size[2], 13);
	assert_true(abs(size[1] - size[2]) <= 1);
	assert_int_equal(size[3], 1);	/* a lone person keeps their site */
}

/* One huge site (40) and two small ones; no site mixes with another. */
static void
test_site_huge(void **state)
{
	int site[43], grp[43], site_of[SNAP_MAX_GROUPS], size[SNAP_MAX_GROUPS] =
	    { 0 }, ng;

	(void)state;
	for (int i = 0; i < 43; i++)
		site[i] = i < 40 ? 0 : i == 40 ? 40 : 41;
	site[42] = 40;
	ng = breakout_assign_site(site, 43, 6, grp, site_of);
	assert_int_equal(ng, 9);	/* 7 of site 0, then 40, then 41 */
	for (int i = 0; i < 43; i++) {
		assert_int_equal(site_of[grp[i]], site[i]);
		size[grp[i]]++;
	}
	assert_int_equal(max_minus_min(size, 7), 1);	/* 6 and 5 */
	for (int g = 0; g < 7; g++)
		assert_int_equal(site_of[g], 0);
	assert_int_equal(size[7], 2);
	assert_int_equal(size[8], 1);
	/* Size 100: one group of 40. */
	ng = breakout_assign_site(site, 43, 100, grp, site_of);
	assert_int_equal(ng, 3);
}

static void
test_site_one(void **state)
{
	int site[1] = { -1 }, grp[1], site_of[SNAP_MAX_GROUPS];

	(void)state;
	assert_int_equal(breakout_assign_site(site, 1, 6, grp, site_of), 1);
	assert_int_equal(grp[0], 0);
	assert_int_equal(breakout_assign_site(site, 0, 6, grp, site_of), 0);
}

/* Mixed: uneven sites (8, 4, 2, 1) over 3 groups: sizes 5/5/5 and each
 * site's people spread within one of even. */
static void
test_mixed_uneven(void **state)
{
	int site[15], grp[15], size[3] = { 0 }, per[4][3];
	int base[4] = { 0, 8, 12, 14 };

	(void)state;
	memset(per, 0, sizeof per);
	for (int i = 0; i < 15; i++)
		site[(i * 7) % 15] = i < 8 ? 0 : i < 12 ? 8 : i < 14 ? 12 : 14;
	breakout_assign_mixed(site, 15, 3, grp);
	for (int i = 0; i < 15; i++) {
		int k = site[i] == 0 ? 0 : site[i] == 8 ? 1 : site[i] == 12 ?
		    2 : 3;

		assert_true(grp[i] >= 0 && grp[i] < 3);
		size[grp[i]]++;
		per[k][grp[i]]++;
	}
	(void)base;
	assert_int_equal(max_minus_min(size, 3), 0);
	for (int k = 0; k < 4; k++)
		assert_true(max_minus_min(per[k], 3) <= 1);
}

/* Mixed with one huge site: 20 of one site, 2 others, 4 groups. */
static void
test_mixed_huge(void **state)
{
	int site[22], grp[22], size[4] = { 0 }, huge[4] = { 0 };

	(void)state;
	for (int i = 0; i < 22; i++)
		site[i] = i == 5 ? 5 : i == 17 ? 17 : 0;
	breakout_assign_mixed(site, 22, 4, grp);
	for (int i = 0; i < 22; i++) {
		size[grp[i]]++;
		huge[grp[i]] += site[i] == 0;
	}
	assert_true(max_minus_min(size, 4) <= 1);
	assert_int_equal(max_minus_min(huge, 4), 0);	/* 5 each */
	assert_int_not_equal(grp[5], grp[17]);	/* the two others apart */
}

static void
test_mixed_one(void **state)
{
	int site[1] = { 0 }, grp[1] = { -1 };

	(void)state;
	breakout_assign_mixed(site, 1, breakout_group_count(1, 6), grp);
	assert_int_equal(grp[0], 0);
}

static void
test_pick_late(void **state)
{
	int size[3] = { 3, 2, 2 }, same[3] = { 0, 1, 0 }, ok[3] = { 1, 1, 1 };

	(void)state;
	assert_int_equal(breakout_pick_late(size, same, ok, 3), 2);
	ok[2] = 0;
	assert_int_equal(breakout_pick_late(size, same, ok, 3), 1);
	ok[0] = ok[1] = 0;
	assert_int_equal(breakout_pick_late(size, same, ok, 3), -1);
}

static void
test_mode_parse(void **state)
{
	enum breakout_mode m;
	int k;

	(void)state;
	assert_int_equal(breakout_mode_parse(NULL, &m, &k), 0);
	assert_int_equal(m, BREAKOUT_SITE);
	assert_int_equal(breakout_mode_parse("mixed", &m, &k), 0);
	assert_int_equal(m, BREAKOUT_MIXED);
	assert_int_equal(k, 0);
	assert_int_equal(breakout_mode_parse("choose", &m, &k), 0);
	assert_int_equal(m, BREAKOUT_CHOOSE);
	assert_int_equal(breakout_mode_parse("4", &m, &k), 0);
	assert_int_equal(m, BREAKOUT_MIXED);
	assert_int_equal(k, 4);
	assert_int_equal(breakout_mode_parse("0", &m, &k), -1);
	assert_int_equal(breakout_mode_parse("41", &m, &k), -1);
	assert_int_equal(breakout_mode_parse("sites", &m, &k), -1);
	assert_int_equal(breakout_mode_parse("", &m, &k), -1);
}

/* ---- commitment rules --------------------------------------------- */

static void
test_commit_check(void **state)
{
	char t[VALUE_MAX_LEN + 1], why[256];

	(void)state;
	snprintf(t, sizeof t, "  Grab bag in resus  ");
	assert_int_equal(commit_check(COMMIT_CHANGE, t, why,
	    sizeof why), 0);
	assert_string_equal(t, "Grab bag in resus");
	snprintf(t, sizeof t, "ok");
	assert_int_equal(commit_check(COMMIT_CHANGE, t, why,
	    sizeof why), -1);
	assert_non_null(strstr(why, "too short"));
	snprintf(t, sizeof t, "Jo");
	assert_int_equal(commit_check(COMMIT_OWNER, t, why,
	    sizeof why), 0);
	/* Characters, not bytes: two wide characters are a name. */
	snprintf(t, sizeof t, "\xe7\x8e\x8b\xe8\x8a\xb3");
	assert_int_equal(commit_check(COMMIT_OWNER, t, why,
	    sizeof why), 0);
	memset(t, 'x', COMMIT_OWNER_CHARS + 1);
	t[COMMIT_OWNER_CHARS + 1] = '\0';
	assert_int_equal(commit_check(COMMIT_OWNER, t, why,
	    sizeof why), -1);
	assert_non_null(strstr(why, "too long"));
	/* The change and the measure: 1,000 characters of any script. */
	for (int i = 0; i < TEXT_CHARS_MAX; i++)
		memcpy(t + 4 * i, "\xf0\x9f\x98\x80", 4);
	t[4 * TEXT_CHARS_MAX] = '\0';
	assert_int_equal(commit_check(COMMIT_MEASURE, t, why,
	    sizeof why), 0);
	assert_int_equal(strlen(t), 4 * TEXT_CHARS_MAX);
	memcpy(t + 4 * TEXT_CHARS_MAX, "x", 2);
	assert_int_equal(commit_check(COMMIT_CHANGE, t, why,
	    sizeof why), -1);
	assert_non_null(strstr(why, "too long: 1001 characters, at most "
	    "1000"));
	snprintf(t, sizeof t, "soon");
	assert_int_equal(commit_check(COMMIT_DUE, t, why,
	    sizeof why), -1);
	assert_non_null(strstr(why, "next Tuesday"));
	snprintf(t, sizeof t, " next Tuesday ");
	assert_int_equal(commit_check(COMMIT_DUE, t, why,
	    sizeof why), 0);
	snprintf(t, sizeof t, "   ");	/* empty clears */
	assert_int_equal(commit_check(COMMIT_DUE, t, why,
	    sizeof why), 0);
	assert_string_equal(t, "");
	assert_int_equal(commit_check(7, t, why, sizeof why), -1);
	assert_int_equal(commit_field("measure", 7), COMMIT_MEASURE);
	assert_int_equal(commit_field("measures", 8), -1);
}

/* ---- plan checks -------------------------------------------------- */

static int
check_plan(const char *body, char *err, size_t n)
{
	struct plan p;
	char text[1024];
	int rc;

	snprintf(text, sizeof text, "title = T\n[breakout]\nprompt = P\n%s",
	    body);
	err[0] = '\0';
	memset(&p, 0, sizeof p);
	rc = plan_parse(text, strlen(text), "b.plan", &p, err, n);
	if (rc == 0)
		assert_int_equal(p.acts[0].runnable, 1);
	plan_free(&p);
	return rc;
}

static void
test_check(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(check_plan("groups = site\n", err, sizeof err), 0);
	assert_int_equal(check_plan("groups = mixed\nsize = 4\n", err,
	    sizeof err), 0);
	assert_int_equal(check_plan("groups = 3\nnames = a | b | c\n", err,
	    sizeof err), 0);
	assert_int_equal(check_plan("groups = choose\nnames = Screening | "
	    "Cultures\n", err, sizeof err), 0);
	assert_int_not_equal(check_plan("groups = choose\n", err, sizeof err),
	    0);
	assert_non_null(strstr(err, "names"));
	assert_int_not_equal(check_plan("groups = 2\nnames = a | b | c\n",
	    err, sizeof err), 0);
	assert_int_not_equal(check_plan("groups = site\nnames = a | b\n", err,
	    sizeof err), 0);
	assert_int_not_equal(check_plan("groups = lots\n", err, sizeof err),
	    0);
	/* At the groups = line, saying what it got. */
	assert_non_null(strstr(err, "b.plan:4:"));
	assert_non_null(strstr(err, "not \"lots\""));
	assert_int_not_equal(check_plan("groups = choose\nnames = a | | c\n",
	    err, sizeof err), 0);
}

/* ---- a session with breakouts -------------------------------------- */

static const char plan_text[] =
    "title = Breakout test\n"
    "[breakout]\n"			/* 1: by site */
    "id = site\n"
    "prompt = What will you test by next Tuesday?\n"
    "groups = site\n"
    "size = 3\n"
    "[breakout]\n"			/* 2: mixed, 2 groups */
    "id = mixed\n"
    "prompt = Mix\n"
    "groups = 2\n"
    "minutes = 10\n"
    "auto_close = no\n"
    "[breakout]\n"			/* 3: choose */
    "id = pick\n"
    "prompt = Pick a topic\n"
    "groups = choose\n"
    "names = Screening | Cultures | Antibiotics\n";

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
	snprintf(f->dir, sizeof f->dir, "%s/test-breakout-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/convene.db", f->dir);
	if (store_open(f->db, &f->st, f->err, sizeof f->err) != 0 ||
	    plan_parse(plan_text, strlen(plan_text), "b.plan", &f->plan,
	    f->err, sizeof f->err) != 0 || (f->s = session_new(&f->plan,
	    f->st, 0, f->err, sizeof f->err)) == NULL) {
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

#define ok(f, ...) do {							\
	int rc_ = cmd((f), __VA_ARGS__, NULL);				\
	if (rc_ != 0)							\
		fail_msg("command failed (%d): %s", rc_, (f)->out);	\
} while (0)

static struct participant *
arrive(struct fix *f, const char *name, const char *site)
{
	struct participant *p = session_join(f->s, name, site, NULL, f->err,
	    sizeof f->err);

	if (p == NULL)
		fail_msg("join %s: %s", name, f->err);
	session_connected(f->s, p);
	return p;
}

static int
say(struct fix *f, struct participant *p, const char *v)
{
	f->out[0] = '\0';
	return session_answer(f->s, p, f->plan.acts[f->s->current].id, v,
	    f->out, sizeof f->out);
}

#define said(f, p, v) do {						\
	if (say((f), (p), (v)) != 0)					\
		fail_msg("%s refused: %s", (v), (f)->out);		\
} while (0)

static const struct snapshot *
snap(struct fix *f, const struct participant *p, int view)
{
	session_refresh(f->s);
	session_snapshot(f->s, p, view, f->snap);
	return f->snap;
}

static int
sql_int(struct fix *f, const char *q)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(store_db(f->st), q, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(store_db(f->st)));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int
group_no(struct fix *f, const struct participant *p)
{
	return snap(f, p, VIEW_PARTICIPANT)->my_table;
}

/* Site groups from who is here; the big site split; late arrivals go to
 * their site's smallest group or a new group for a new site. */
static void
test_session_site(void **state)
{
	struct fix *f = *state;
	struct participant *p[8];
	const struct snapshot *s;
	static const char *sites[8] = { "North", "South", "North", "North",
	    "North", "South", "North", "North" };
	char name[16];

	for (int i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "P%d", i);
		p[i] = arrive(f, name, sites[i]);
	}
	p[7]->connected = 0;	/* joined but away: not grouped */
	ok(f, "next");
	ok(f, "open");
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->kind, ACT_BREAKOUT);
	assert_int_equal(s->n_groups, 3);	/* North 1, North 2, South */
	assert_string_equal(s->groups[0].name, "North 1");
	assert_string_equal(s->groups[1].name, "North 2");
	assert_string_equal(s->groups[2].name, "South");
	assert_int_equal(s->groups[0].size + s->groups[1].size, 5);
	assert_int_equal(s->groups[2].size, 2);
	assert_int_equal(s->groups[2].n_members, 2);
	assert_int_equal(s->n_tables, 3);
	assert_int_equal(group_no(f, p[1]), 3);
	assert_int_equal(group_no(f, p[5]), 3);
	assert_int_equal(sql_int(f, "select count(*) from members"), 7);
	assert_int_equal(sql_int(f, "select count(*) from groups"), 3);
	/* P7 comes back: the smaller North group. */
	session_connected(f->s, p[7]);
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->groups[0].size, 3);
	assert_int_equal(s->groups[1].size, 3);
	/* Someone from a new site: a new group named after it. */
	p[0] = arrive(f, "Wen", "Riverside");
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->n_groups, 4);
	assert_string_equal(s->groups[3].name, "Riverside");
	assert_int_equal(group_no(f, p[0]), 4);
	/* A member sees their group and every group's name, but only their
	 * own group's commitment and members. */
	s = snap(f, p[1], VIEW_PARTICIPANT);
	assert_int_equal(s->n_tables, 1);
	assert_int_equal(s->tables[0].number, 3);
	assert_non_null(strstr(s->tables[0].people, "P1"));
	assert_int_equal(s->groups[0].n_members, 0);
}

/* Two members of a group add and change lines in the same turn (one
 * transaction): every line survives, each with its author, and nobody
 * can change another's line.  Two members set different parts of the
 * commitment at once: both parts are kept. */
static void
test_concurrent_lines(void **state)
{
	struct fix *f = *state;
	struct participant *a, *b, *c;
	const struct snapshot *s;
	uint32_t a1, b1;
	char v[64];
	int ga;

	a = arrive(f, "Amal", "North");
	b = arrive(f, "Bo", "North");
	c = arrive(f, "Cara", "South");
	ok(f, "next");
	ok(f, "open");
	ga = group_no(f, a);
	assert_int_equal(ga, group_no(f, b));
	assert_int_not_equal(ga, group_no(f, c));
	assert_int_equal(store_begin(f->st), 0);
	said(f, a, "+Grab bag in resus");
	said(f, b, "+Cultures before antibiotics");
	said(f, a, "+\xe6\x8a\x97\xe7\x94\x9f\xe7\xb4\xa0 \xe2\x80\x94 "
	    "antibiotics on the ward");
	said(f, b, "!owner Bo");
	said(f, a, "!change Grab bag in resus, nights first");
	assert_int_equal(store_commit(f->st), 0);
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_int_equal(s->n_notes, 3);
	assert_string_equal(s->notes[0].author, "Amal");
	assert_string_equal(s->notes[1].author, "Bo");
	assert_string_equal(s->notes[2].text, "\xe6\x8a\x97\xe7\x94\x9f\xe7"
	    "\xb4\xa0 \xe2\x80\x94 antibiotics on the ward");
	assert_true(s->notes[0].flags & NOTE_MINE);
	assert_false(s->notes[1].flags & NOTE_MINE);
	a1 = s->notes[0].id;
	b1 = s->notes[1].id;
	/* Both change their own first line in one turn. */
	assert_int_equal(store_begin(f->st), 0);
	snprintf(v, sizeof v, "=%u Grab bag in resus and majors", a1);
	said(f, a, v);
	snprintf(v, sizeof v, "=%u Cultures first, always", b1);
	said(f, b, v);
	snprintf(v, sizeof v, "=%u mine now", b1);
	assert_int_equal(say(f, a, v), -1);	/* not Amal's line */
	assert_non_null(strstr(f->out, "own lines"));
	said(f, b, "+One more from Bo");
	assert_int_equal(store_commit(f->st), 0);
	s = snap(f, b, VIEW_PARTICIPANT);
	assert_int_equal(s->n_notes, 4);
	assert_string_equal(s->notes[0].text, "Grab bag in resus and majors");
	assert_string_equal(s->notes[1].text, "Cultures first, always");
	assert_string_equal(s->groups[ga - 1].commit[COMMIT_OWNER],
	    "Bo");
	assert_string_equal(s->groups[ga - 1].commit[
	    COMMIT_CHANGE], "Grab bag in resus, nights first");
	/* Cara's group sees none of it, nor their commitment. */
	s = snap(f, c, VIEW_PARTICIPANT);
	assert_int_equal(s->n_notes, 0);
	assert_string_equal(s->groups[ga - 1].commit[COMMIT_OWNER],
	    "");
	/* The facilitator sees every line; status counts writers. */
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->n_notes, 4);
	assert_int_equal(s->groups[ga - 1].n_lines, 4);
	assert_string_not_equal(s->groups[ga - 1].last, "");
	assert_int_equal(s->answered, 2);
	/* Stored as typed. */
	assert_int_equal(sql_int(f, "select count(*) from notes where grp is "
	    "not null and tbl is null"), 4);
	assert_int_equal(sql_int(f, "select count(*) from groups where owner "
	    "= 'Bo' and change like 'Grab bag%'"), 1);
	/* Rules hold on the answer path. */
	assert_int_equal(say(f, a, "!due soon"), -1);
	assert_non_null(strstr(f->out, "by when"));
	said(f, a, "!due next Tuesday");
	said(f, a, "!measure Minutes from triage to antibiotics");
	assert_int_equal(say(f, a, "!colour blue"), -1);
	assert_int_equal(say(f, a, "+   "), -1);
	assert_int_equal(say(f, a, "@2"), -1);	/* not a choose breakout */
	assert_int_equal(say(f, a, "hello"), -1);
	assert_int_equal(sql_int(f, "select count(*) from groups where due = "
	    "'2026-12-08 next Tuesday' and measure is not null"), 1);
	/* Clearing a part. */
	said(f, a, "!measure");
	assert_int_equal(sql_int(f, "select count(*) from groups where "
	    "measure is not null"), 0);
	/* Closed: no more lines, and every commitment goes to everyone. */
	ok(f, "close");
	assert_int_equal(say(f, a, "+late"), -1);
	s = snap(f, c, VIEW_PARTICIPANT);
	assert_string_equal(s->groups[ga - 1].commit[COMMIT_OWNER],
	    "Bo");
}

/* Mixed groups, late arrivals to the smallest, move, recall and close at
 * zero even with auto_close = no. */
static void
test_mixed_move_recall(void **state)
{
	struct fix *f = *state;
	struct participant *p[5];
	const struct snapshot *s;
	char id[16];

	p[0] = arrive(f, "A", "North");
	p[1] = arrive(f, "B", "North");
	p[2] = arrive(f, "C", "South");
	ok(f, "goto", "2");
	assert_int_equal(cmd(f, "recall", "2", NULL), 1);	/* not open */
	ok(f, "open");
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->n_groups, 2);
	assert_string_equal(s->groups[0].name, "Group 1");
	assert_int_not_equal(group_no(f, p[0]), group_no(f, p[1]));
	p[3] = arrive(f, "D", "South");
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(s->groups[0].size, 2);
	assert_int_equal(s->groups[1].size, 2);
	/* Move A to the other group, by number then by name. */
	snprintf(id, sizeof id, "%lld", (long long)p[0]->id);
	ok(f, "move", id, group_no(f, p[0]) == 1 ? "2" : "1");
	assert_non_null(strstr(f->out, "moved"));
	s = snap(f, NULL, VIEW_FACILITATOR);
	assert_int_equal(abs(s->groups[0].size - s->groups[1].size), 2);
	ok(f, "move", id, "group 1");
	assert_int_equal(group_no(f, p[0]), 1);
	assert_int_equal(sql_int(f, "select grp from members m join "
	    "participants p on p.id = m.participant where p.name = 'A' and "
	    "m.activity = (select id from activities where key = 'mixed')"), 1);
	assert_int_equal(cmd(f, "move", id, "9", NULL), 1);
	assert_int_equal(cmd(f, "move", "9999", "1", NULL), 1);
	assert_int_equal(cmd(f, "move", id, NULL), 2);
	/* Recall: a countdown for everyone, then the breakout closes. */
	ok(f, "recall", "2");
	s = snap(f, p[2], VIEW_PARTICIPANT);
	assert_int_equal(s->recall, 1);
	assert_int_equal(s->remaining, 120);
	assert_int_equal(snap(f, NULL, VIEW_PROJECTOR)->recall, 1);
	fake_ms += 60000;
	session_tick(f->s);
	assert_int_equal(snap(f, p[2], VIEW_PARTICIPANT)->remaining, 60);
	fake_ms += 60000;
	session_tick(f->s);
	s = snap(f, p[2], VIEW_PARTICIPANT);
	assert_int_equal(s->state, ACT_CLOSED);
	assert_int_equal(s->recall, 0);
	/* Reopened: the plan's own auto_close is back (time up, stays open). */
	ok(f, "open");
	fake_ms += 10 * 60000;
	session_tick(f->s);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->state, ACT_OPEN);
	assert_int_equal(cmd(f, "recall", "x", NULL), 2);
	/* recall 0: back now. */
	ok(f, "recall", "0");
	session_tick(f->s);
	assert_int_equal(snap(f, NULL, VIEW_FACILITATOR)->state, ACT_CLOSED);
}

/* Choose: nobody has a group until they pick; they may switch. */
static void
test_choose(void **state)
{
	struct fix *f = *state;
	struct participant *a, *b;
	const struct snapshot *s;

	a = arrive(f, "Amal", "North");
	b = arrive(f, "Bo", "South");
	ok(f, "goto", "3");
	ok(f, "open");
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_int_equal(s->group_mode, BREAKOUT_CHOOSE);
	assert_int_equal(s->n_groups, 3);
	assert_string_equal(s->groups[1].name, "Cultures");
	assert_int_equal(s->my_table, 0);
	assert_int_equal(say(f, a, "+too soon"), -1);
	assert_non_null(strstr(f->out, "pick a group"));
	said(f, a, "@2");
	said(f, b, "@antibiotics");
	assert_int_equal(group_no(f, a), 2);
	assert_int_equal(group_no(f, b), 3);
	said(f, b, "@2");
	assert_int_equal(group_no(f, b), 2);
	assert_int_equal(say(f, a, "@4"), -1);
	said(f, a, "+Screening tool on the ward");
	s = snap(f, b, VIEW_PARTICIPANT);
	assert_int_equal(s->n_notes, 1);
	assert_int_equal(s->groups[1].size, 2);
	/* A late arrival picks too. */
	assert_int_equal(group_no(f, arrive(f, "Cara", "East")), 0);
}

/* --resume: groups, members and commitments come back from the store. */
static void
test_resume(void **state)
{
	struct fix *f = *state;
	struct participant *a, *b;
	const struct snapshot *s;
	struct session *again;
	char token[TOKEN_LEN + 1];

	a = arrive(f, "Amal", "North");
	b = arrive(f, "Bo", "South");
	ok(f, "next");
	ok(f, "open");
	said(f, a, "+A line");
	said(f, a, "!owner Amal");
	memcpy(token, a->token, sizeof token);
	(void)b;
	again = session_new(&f->plan, f->st, 1, f->err, sizeof f->err);
	assert_non_null(again);
	session_free(f->s);
	f->s = again;
	f->s->now = fake_now;
	a = session_join(f->s, "", "", token, f->err, sizeof f->err);
	assert_non_null(a);
	session_connected(f->s, a);
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_int_equal(s->state, ACT_OPEN);
	assert_int_equal(s->n_groups, 2);
	assert_int_equal(s->my_table, 1);
	assert_int_equal(s->n_notes, 1);
	assert_string_equal(s->groups[0].commit[COMMIT_OWNER], "Amal");
	said(f, a, "+After the restart");
	assert_int_equal(snap(f, a, VIEW_PARTICIPANT)->n_notes, 2);
}

/* A turn whose commit fails, in a breakout: lines and commitment parts
 * of that turn are undone in memory too, and a breakout opened in it is
 * not open any more; then everything goes on. */
static void
test_unsaved(void **state)
{
	struct fix *f = *state;
	struct participant *a = arrive(f, "Amal", "North");
	struct participant *b = arrive(f, "Bo", "South");
	const struct snapshot *s;

	assert_int_equal(store_begin(f->st), 0);
	ok(f, "next");
	ok(f, "open");
	said(f, a, "+Kept");
	assert_int_equal(store_commit(f->st), 0);
	session_saved(f->s);

	assert_int_equal(store_begin(f->st), 0);
	said(f, a, "+Lost");
	said(f, b, "!owner Bo");
	store_rollback(f->st);
	assert_int_equal(session_unsaved(f->s), 0);
	s = snap(f, a, VIEW_PARTICIPANT);
	assert_int_equal(s->state, ACT_OPEN);
	assert_int_equal(s->n_notes, 1);
	assert_string_equal(s->notes[0].text, "Kept");
	s = snap(f, NULL, VIEW_FACILITATOR);
	for (int g = 0; g < s->n_groups; g++)
		assert_string_equal(s->groups[g].commit[COMMIT_OWNER], "");

	/* The facilitator moves on and the mixed breakout opens: lost. */
	assert_int_equal(store_begin(f->st), 0);
	ok(f, "next");
	ok(f, "open");
	assert_string_equal(f->plan.acts[f->s->current].id, "mixed");
	store_rollback(f->st);
	assert_int_equal(session_unsaved(f->s), 0);
	assert_string_equal(f->plan.acts[f->s->current].id, "site");
	assert_null(f->s->runs[1].data);
	assert_int_equal(f->s->runs[1].state, ACT_WAITING);
	s = snap(f, b, VIEW_PARTICIPANT);
	assert_int_equal(s->state, ACT_OPEN);
	assert_int_equal(s->n_groups, 2);

	/* And again, stored this time. */
	assert_int_equal(store_begin(f->st), 0);
	said(f, a, "+Again");
	ok(f, "next");
	ok(f, "open");
	assert_int_equal(store_commit(f->st), 0);
	session_saved(f->s);
	assert_string_equal(f->plan.acts[f->s->current].id, "mixed");
	assert_non_null(f->s->runs[1].data);
	assert_int_equal(sql_int(f, "select count(*) from groups"), 4);
}

/* The breakout section survives the wire. */
static void
test_snapshot_wire(void **state)
{
	struct fix *f = *state;
	struct participant *a;
	struct snapshot *back = malloc(sizeof *back);
	struct wbuf w;
	struct frame fr;
	const char *err = NULL;
	size_t used = 0;

	a = arrive(f, "Amal", "North");
	arrive(f, "Bo", "North");
	ok(f, "next");
	ok(f, "open");
	said(f, a, "+Line one");
	said(f, a, "!due Friday");
	ok(f, "recall", "3");
	snap(f, NULL, VIEW_FACILITATOR);
	memset(&w, 0, sizeof w);
	assert_non_null(back);
	assert_int_equal(snapshot_fit(&w, f->snap), 0);
	assert_int_equal(frame_decode(w.data, w.len, &fr, &used, &err), 1);
	assert_int_equal(used, w.len);
	assert_int_equal(snapshot_decode(&fr, back, &err), 0);
	assert_int_equal(back->recall, 1);
	assert_int_equal(back->n_groups, 1);
	assert_string_equal(back->groups[0].name, "North");
	/* Stored as its day and the words (today is fixed in main()). */
	assert_string_equal(back->groups[0].commit[COMMIT_DUE],
	    "2026-12-11 Friday");
	assert_int_equal(back->groups[0].n_members, 2);
	assert_string_equal(back->groups[0].member[1], "Bo");
	assert_int_equal(back->groups[0].member_id[0], (uint32_t)a->id);
	assert_int_equal(back->groups[0].n_lines, 1);
	assert_int_equal(back->n_notes, 1);
	assert_int_equal(back->remaining, 180);
	wbuf_free(&w);
	free(back);
}

/* ---- the participant screen's keys --------------------------------- */

static void
test_screen_keys(void **state)
{
	struct snapshot *s = calloc(1, sizeof *s);
	const struct screen *sc = &screen_breakout;
	struct intent in;
	void *st = sc->init();

	(void)state;
	assert_non_null(s);
	s->current = 0;
	s->kind = ACT_BREAKOUT;
	s->state = ACT_OPEN;
	s->flags = SNAP_RUNNABLE;
	s->group_mode = BREAKOUT_CHOOSE;
	s->n_groups = 2;
	snprintf(s->groups[0].name, sizeof s->groups[0].name, "One");
	snprintf(s->groups[1].name, sizeof s->groups[1].name, "Two");
	assert_ptr_equal(screen_for(s, VIEW_PARTICIPANT), &screen_breakout);
	sc->apply(st, s);
	/* No group yet: the picker. */
	memset(&in, 0, sizeof in);
	assert_int_equal(sc->key(st, s, SK_DOWN, &in), SCR_REDRAW);
	assert_int_equal(sc->key(st, s, SK_ENTER, &in), SCR_ANSWER |
	    SCR_REDRAW);
	assert_string_equal(in.answer, "@2");
	s->my_table = 2;
	s->n_notes = 2;
	s->notes[0].id = 41;
	s->notes[0].flags = 0;
	s->notes[1].id = 1234567;
	s->notes[1].flags = NOTE_MINE;
	snprintf(s->notes[1].text, sizeof s->notes[1].text, "mine");
	sc->apply(st, s);
	memset(&in, 0, sizeof in);
	assert_int_equal(sc->key(st, s, 'a', &in), SCR_INPUT);
	assert_string_equal(in.prefix, "+");
	memset(&in, 0, sizeof in);
	assert_int_equal(sc->key(st, s, 'w', &in), SCR_INPUT);
	assert_string_equal(in.prefix, "!due ");
	memset(&in, 0, sizeof in);
	assert_int_equal(sc->key(st, s, 'm', &in), SCR_INPUT);
	assert_string_equal(in.prefix, "!measure ");
	/* e with no line picked: my newest line; Esc lets go of it. */
	memset(&in, 0, sizeof in);
	assert_int_equal(sc->key(st, s, 'e', &in), SCR_INPUT);
	assert_string_equal(in.prefix, "=1234567 ");
	assert_int_equal(sc->key(st, s, SK_ESC, &in), SCR_REDRAW);
	/* Up picks the newest line (mine): e retypes it. */
	assert_int_equal(sc->key(st, s, SK_UP, &in), SCR_REDRAW);
	memset(&in, 0, sizeof in);
	assert_int_equal(sc->key(st, s, 'e', &in), SCR_INPUT);
	assert_string_equal(in.prefix, "=1234567 ");
	/* Someone else's line: nothing to change. */
	assert_int_equal(sc->key(st, s, SK_UP, &in), SCR_REDRAW);
	assert_int_equal(sc->key(st, s, 'e', &in), SCR_NONE);
	/* g reopens the picker in choose mode. */
	assert_int_equal(sc->key(st, s, 'g', &in), SCR_REDRAW);
	memset(&in, 0, sizeof in);
	assert_int_equal(sc->key(st, s, SK_UP, &in), SCR_REDRAW);
	assert_int_equal(sc->key(st, s, SK_ENTER, &in), SCR_ANSWER |
	    SCR_REDRAW);
	assert_string_equal(in.answer, "@1");
	assert_int_equal(sc->key(st, s, 'q', &in), SCR_REDRAW);
	assert_int_equal(sc->key(st, s, 'y', &in), SCR_QUIT);
	sc->free(st);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_count),
		cmocka_unit_test(test_site_uneven),
		cmocka_unit_test(test_site_huge),
		cmocka_unit_test(test_site_one),
		cmocka_unit_test(test_mixed_uneven),
		cmocka_unit_test(test_mixed_huge),
		cmocka_unit_test(test_mixed_one),
		cmocka_unit_test(test_pick_late),
		cmocka_unit_test(test_mode_parse),
		cmocka_unit_test(test_commit_check),
		cmocka_unit_test(test_check),
		cmocka_unit_test_setup_teardown(test_session_site, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mixed_move_recall, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_choose, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsaved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_wire, setup,
		    teardown),
		cmocka_unit_test(test_screen_keys),
	};

	/* "by when" is resolved against today: Friday 4 December 2026. */
	setenv("CONVENE_TODAY", "2026-12-04", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
