/* act-cafe.c: the world café: rotations that mix sites, the tablecloth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-cafe.h"
#include "kind-plan.h"
#include "kind-rehearse.h"
#include "kind-wire.h"
#include "rotate.h"

/*
 * A café's runtime state.  `who[i]` is the participant at column i of the
 * schedule; people are added, never removed (someone who leaves is marked
 * absent at the next re-plan), so column numbers stay stable.  `round`
 * counts from 1 while the café runs.  The tablecloth lines of the whole
 * café are cached in `notes` after each commit, so cutting a snapshot per
 * viewer costs no query.
 */
struct cafe {
	int tables;
	int rounds;
	int round;
	struct rotate_schedule sched;
	struct participant **who;
	int n;
	struct notes notes;
	char why[ROT_WHY_LEN];	/* the last plan's report, for the log */
};

static int
get_int(const struct plan_activity *a, const char *key, int def)
{
	const char *v = plan_kv_get(a, key);

	return v != NULL ? atoi(v) : def;
}

/* The question of round `r` (from 1). */
static void
round_question(const struct plan_activity *a, int r, char *out, size_t cap)
{
	const char *qs = plan_kv_get(a, "questions"), *p = qs;

	if (qs == NULL) {
		util_strlcpy(out, a->question, cap);
		return;
	}
	for (int i = 1; i < r && p != NULL; i++)
		if ((p = strchr(p, '|')) != NULL)
			p++;
	if (p == NULL)
		p = qs;
	while (*p == ' ')
		p++;
	snprintf(out, cap, "%.*s", (int)strcspn(p, "|"), p);
	for (char *e = out + strlen(out); e > out && e[-1] == ' ';)
		*--e = '\0';
}

static struct cafe *
cafe_of(const struct session *s, int idx)
{
	return s->runs[idx].data;
}

static int
index_of(const struct cafe *c, const struct participant *p)
{
	for (int i = 0; i < c->n; i++)
		if (c->who[i] == p)
			return i;
	return -1;
}

static int
add_person(struct cafe *c, struct participant *p)
{
	struct participant **w = realloc(c->who, (size_t)(c->n + 1) *
	    sizeof *w);

	if (w == NULL)
		return -1;
	c->who = w;
	c->who[c->n] = p;
	return c->n++;
}

/* Sites as small integers for the engine. */
static int
site_number(struct cafe *c, int i, const char *site)
{
	if (site[0] == '\0')
		return -1;
	for (int k = 0; k < i; k++)
		if (strcmp(c->who[k]->site, site) == 0)
			return k;
	return i;
}

/* Write the seats of rounds `from` (from 0) on to the store. */
static int
save_seats(struct session *s, int idx, struct cafe *c, int from)
{
	int64_t aid = s->runs[idx].store_id;

	if (store_seats_clear(s->store, aid, from + 1) != 0)
		return -1;
	for (int r = from; r < c->rounds; r++)
		for (int i = 0; i < c->n; i++) {
			int t = c->sched.table[r * c->n + i];

			if (t < 0)
				continue;
			if (store_seat_put(s->store, aid, r + 1, t + 1,
			    c->who[i]->id, c->sched.host[r * c->tables + t] ==
			    i) != 0)
				return -1;
		}
	return 0;
}

/*
 * Plan (frozen == 0) or re-plan the rotation.  With frozen > 0, rounds
 * before it stay as they were; people no longer connected are left out of
 * later rounds; person `late` (or -1) joins the smallest table of round
 * `frozen` (from 1), which is the one running now.
 */
static int
plan(struct session *s, int idx, struct cafe *c, int frozen, int late,
    char *why, size_t n)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct rotate_person *people = calloc((size_t)c->n, sizeof *people);
	struct rotate_schedule past, next;
	struct rotate_problem prob;
	struct rotate_report rep;
	struct rotate_info info;
	const char **site_names = calloc((size_t)c->n + 1, sizeof *site_names);
	const char *hosts = plan_kv_get(a, "hosts"), *mix = plan_kv_get(a,
	    "mix");
	int rc = -1;

	memset(&past, 0, sizeof past);
	memset(&next, 0, sizeof next);
	if (people == NULL || site_names == NULL) {
		snprintf(why, n, "out of memory");
		free(people);
		free(site_names);
		return -1;
	}
	for (int i = 0; i < c->n; i++) {
		site_names[i] = c->who[i]->site;
		people[i].site = site_number(c, i, c->who[i]->site);
		people[i].absent = frozen > 0 && c->who[i]->connected == 0;
		people[i].late = i == late;
	}
	memset(&prob, 0, sizeof prob);
	prob.npeople = c->n;
	prob.people = people;
	prob.tables = c->tables;
	prob.rounds = c->rounds;
	prob.hosts = hosts != NULL && strcmp(hosts, "stay") == 0 ?
	    ROT_HOSTS_STAY : ROT_HOSTS_MOVE;
	prob.mix = mix == NULL || strcmp(mix, "site") == 0 ? ROT_MIX_SITE :
	    ROT_MIX_NONE;
	prob.seed = (uint64_t)s->id * 1000003u + (uint64_t)idx;
	/* 500 ms to open: the planner may overrun its cap by a few ms. */
	prob.time_ms = 450;
	prob.site_names = site_names;
	prob.nsite_names = c->n;
	if (frozen > 0) {
		/* The old schedule, widened to everyone now in who[]. */
		if (rotate_schedule_init(&past, c->n, c->tables, c->rounds) != 0)
			goto out;
		for (int r = 0; r < c->rounds; r++) {
			for (int i = 0; i < c->n; i++)
				past.table[r * c->n + i] = i < c->sched.npeople ?
				    c->sched.table[r * c->sched.npeople + i] : -1;
			for (int t = 0; t < c->tables; t++)
				past.host[r * c->tables + t] =
				    c->sched.host[r * c->tables + t];
		}
		prob.frozen = frozen;
		prob.past = &past;
	}
	if (rotate_plan_info(&prob, &next, &info, why, n) != 0)
		goto out;
	if (late >= 0)
		rotate_seat_late(&prob, &next, frozen - 1, late);
	rotate_report_compute(&prob, &next, &rep);
	rotate_report_explain(&prob, &rep, &info, c->why, sizeof c->why);
	rotate_schedule_free(&c->sched);
	c->sched = next;
	memset(&next, 0, sizeof next);
	rc = save_seats(s, idx, c, frozen > 0 ? frozen - 1 : 0);
	if (rc != 0)
		snprintf(why, n, "cannot save seats: %s", store_error(s->store));
out:
	rotate_schedule_free(&past);
	rotate_schedule_free(&next);
	free(people);
	free(site_names);
	return rc;
}

static int
open_cafe(struct session *s, int idx, char *why, size_t n)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct cafe *c = cafe_of(s, idx);

	if (c != NULL && c->round > 0)
		return 0;	/* reopened: carry on with the same tables */
	if (c == NULL && (c = calloc(1, sizeof *c)) == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	s->runs[idx].data = c;
	c->n = 0;
	for (size_t i = 0; i < s->n_people; i++)
		if (s->people[i]->connected > 0 && add_person(c,
		    s->people[i]) < 0) {
			snprintf(why, n, "out of memory");
			return -1;
		}
	if (c->n < 2) {
		snprintf(why, n, "a café needs at least 2 people here (%d now)",
		    c->n);
		return -1;
	}
	c->rounds = get_int(a, "rounds", 3);
	c->tables = get_int(a, "tables", (c->n + 3) / 4);
	if (c->tables > c->n / 2)
		c->tables = c->n / 2 > 0 ? c->n / 2 : 1;
	if (plan(s, idx, c, 0, -1, why, n) != 0)
		return -1;
	/* Fewer tables than planned is no mistake, but say why (the reply
	 * to open, on the facilitator's status line). */
	why[0] = '\0';
	if (get_int(a, "tables", 0) > c->tables)
		snprintf(why, n, "%d people: %d table%s of %d%s; the plan asks "
		    "for %d tables (a table needs 2 people)", c->n, c->tables,
		    c->tables == 1 ? "" : "s", c->n / c->tables, c->n %
		    c->tables ? "+" : "", get_int(a, "tables", 0));
	c->round = 1;
	store_activity_round(s->store, s->runs[idx].store_id, 1);
	s->tallies_stale = 1;
	return 0;
}

/* `next` while the café runs: the next round, re-planned around who is
 * still here; after the last round, 0 (the café closes to its harvest). */
static int
advance_cafe(struct session *s, int idx, char *out, size_t n)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct cafe *c = cafe_of(s, idx);

	if (c == NULL || c->round >= c->rounds)
		return 0;
	/* Rounds played so far stay; the next one is planned around who
	 * is still here. */
	if (plan(s, idx, c, c->round, -1, out, n) != 0)
		return -1;
	c->round++;
	store_activity_round(s->store, s->runs[idx].store_id, c->round);
	s->runs[idx].deadline_ms = a->minutes > 0 ? s->now() +
	    (int64_t)a->minutes * 60000 : 0;
	s->runs[idx].warned = 0;
	s->tallies_stale = 1;
	s->seq++;
	snprintf(out, n, "round %d of %d", c->round, c->rounds);
	return 1;
}

/* Someone (re)connected during the café: seat them at the smallest table
 * of this round if they have no seat now. */
static void
joined_cafe(struct session *s, int idx, struct participant *p)
{
	struct cafe *c = cafe_of(s, idx);
	char why[256];
	int i;

	if (c == NULL || c->round == 0 || s->runs[idx].state != ACT_OPEN)
		return;
	if ((i = index_of(c, p)) >= 0 &&
	    c->sched.table[(c->round - 1) * c->n + i] >= 0)
		return;
	if (i < 0 && (i = add_person(c, p)) < 0)
		return;
	plan(s, idx, c, c->round, i, why, sizeof why);
	s->seq++;
}

/* A tablecloth line: "+TEXT" adds one, "=ID TEXT" changes one's own. */
static int
intent_cafe(struct session *s, int idx, struct participant *p,
    const char *value, char *why, size_t n)
{
	struct cafe *c = cafe_of(s, idx);
	int i = c ? index_of(c, p) : -1, t, rc;

	if (c == NULL || c->round == 0 || i < 0 ||
	    (t = c->sched.table[(c->round - 1) * c->n + i]) < 0) {
		snprintf(why, n, "you have no table this round");
		return -1;
	}
	rc = notes_intent(s->store, s->runs[idx].store_id, c->round, t + 1, 0,
	    p->id, value, why, n);
	if (rc == 0)
		snprintf(why, n, "unknown tablecloth message");
	if (rc <= 0)
		return -1;
	s->tallies_stale = 1;
	s->seq++;
	return 0;
}

static void
refresh_cafe(struct session *s, int idx)
{
	struct cafe *c = cafe_of(s, idx);

	if (c != NULL)
		notes_load(s->store, s->runs[idx].store_id, &c->notes);
}

static void
add_table(const struct cafe *c, int t, struct snapshot *snap)
{
	struct snap_table *st = &snap->tables[snap->n_tables++];
	int r = c->round - 1, host = c->sched.host[r * c->tables + t];
	size_t used = 0;

	memset(st, 0, sizeof *st);
	st->number = (uint16_t)(t + 1);
	if (host >= 0)
		util_strlcpy(st->host, c->who[host]->name, sizeof st->host);
	for (int i = 0; i < c->n; i++) {
		if (c->sched.table[r * c->n + i] != t)
			continue;
		st->seated++;
		st->arrived += c->who[i]->connected > 0;
		if (i == host || used + 3 >= sizeof st->people)
			continue;
		used += (size_t)snprintf(st->people + used, sizeof st->people -
		    used, "%s%s%s", used ? ", " : "", c->who[i]->connected ?
		    "" : "(away) ", c->who[i]->name);
		if (used >= sizeof st->people)
			used = sizeof st->people - 1;
	}
}

/*
 * What one viewer sees.  A participant: their table, its host, this
 * round's lines at their table (and, for a host, the last round's lines
 * there, to brief newcomers).  The facilitator and the projector: every
 * table.  After the last round (closed): the harvest, every line.
 */
static void
snapshot_cafe(const struct session *s, int idx, int results,
    const struct participant *viewer, struct snapshot *snap)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const struct cafe *c = cafe_of(s, idx);
	int harvest = s->runs[idx].state == ACT_CLOSED, mine = -1, i;

	(void)results;
	snap->rounds = (uint8_t)get_int(a, "rounds", 3);
	if (c == NULL || c->round == 0)
		return;
	snap->round = (uint8_t)c->round;
	round_question(a, c->round, snap->question, sizeof snap->question);
	if (viewer != NULL && (i = index_of(c, viewer)) >= 0 &&
	    (mine = c->sched.table[(c->round - 1) * c->n + i]) >= 0) {
		int host = c->sched.host[(c->round - 1) * c->tables + mine];

		snap->my_table = (uint16_t)(mine + 1);
		snap->i_host = host == i;
		if (host >= 0)
			util_strlcpy(snap->my_host, c->who[host]->name,
			    sizeof snap->my_host);
	}
	if (viewer == NULL) {
		for (int t = 0; t < c->tables && t < SNAP_MAX_TABLES; t++)
			add_table(c, t, snap);
	} else if (mine >= 0)
		add_table(c, mine, snap);
	/* The harvest leads with its themes, so they are never cut off. */
	for (size_t k = 0; harvest && k < c->notes.n; k++)
		if (c->notes.v[k].theme)
			notes_snap(snap, &c->notes.v[k], c->notes.v[k].tbl, viewer,
			    0);
	for (size_t k = 0; k < c->notes.n; k++) {
		const struct note *cn = &c->notes.v[k];

		if (harvest && cn->theme)
			continue;
		if (harvest || (viewer == NULL && cn->round == c->round))
			notes_snap(snap, cn, cn->tbl, viewer, 0);
		else if (mine >= 0 && cn->tbl == mine + 1 && cn->round ==
		    c->round)
			notes_snap(snap, cn, cn->tbl, viewer, 0);
		else if (mine >= 0 && snap->i_host && cn->tbl == mine + 1 &&
		    cn->round == c->round - 1)
			notes_snap(snap, cn, cn->tbl, viewer, NOTE_PREV);
	}
}

static void
seat_row(void *arg, int round, int tbl, int64_t pid, int host)
{
	struct session *s = ((void **)arg)[0];
	struct cafe *c = ((void **)arg)[1];
	int i = -1;

	for (int k = 0; k < c->n; k++)
		if (c->who[k]->id == pid)
			i = k;
	if (i < 0)
		return;
	if (round >= 1 && round <= c->rounds && tbl >= 1 && tbl <= c->tables) {
		c->sched.table[(round - 1) * c->n + i] = tbl - 1;
		if (host)
			c->sched.host[(round - 1) * c->tables + tbl - 1] = i;
	}
	(void)s;
}

static void
seat_who(void *arg, int round, int tbl, int64_t pid, int host)
{
	struct session *s = ((void **)arg)[0];
	struct cafe *c = ((void **)arg)[1];

	(void)round, (void)host;
	if (tbl > c->tables)
		c->tables = tbl;
	for (int k = 0; k < c->n; k++)
		if (c->who[k]->id == pid)
			return;
	for (size_t k = 0; k < s->n_people; k++)
		if (s->people[k]->id == pid)
			add_person(c, s->people[k]);
}

/* After --resume: the seats and round are in the store. */
static void
resume_cafe(struct session *s, int idx)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct cafe *c;
	void *arg[2];
	int round = store_activity_get_round(s->store, s->runs[idx].store_id);

	if (round <= 0 || (c = calloc(1, sizeof *c)) == NULL)
		return;
	c->rounds = get_int(a, "rounds", 3);
	arg[0] = s;
	arg[1] = c;
	store_seats(s->store, s->runs[idx].store_id, seat_who, arg);
	if (c->n == 0 || rotate_schedule_init(&c->sched, c->n, c->tables,
	    c->rounds) != 0) {
		free(c->who);
		free(c);
		return;
	}
	for (int k = 0; k < c->n * c->rounds; k++)
		c->sched.table[k] = -1;
	for (int k = 0; k < c->tables * c->rounds; k++)
		c->sched.host[k] = -1;
	store_seats(s->store, s->runs[idx].store_id, seat_row, arg);
	c->round = round;
	s->runs[idx].data = c;
}

static void
release_cafe(struct act_run *run)
{
	struct cafe *c = run->data;

	if (c == NULL)
		return;
	rotate_schedule_free(&c->sched);
	free(c->who);
	notes_free(&c->notes);
	free(c);
	run->data = NULL;
}

const struct activity_ops act_cafe_ops = {
	.kind = ACT_CAFE,
	.refresh = refresh_cafe,
	.snapshot = snapshot_cafe,
	.open = open_cafe,
	.advance = advance_cafe,
	.intent = intent_cafe,
	.joined = joined_cafe,
	.resume = resume_cafe,
	.release = release_cafe,
	.export = &cafe_export,
	.store = &cafe_store,
	.plan = &cafe_plan,
	.rehearse = &cafe_rehearse,
	.wire = &cafe_wire,
};
