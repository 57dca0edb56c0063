/* session.c: the running session: joining, answers, agenda commands. */
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"

/* A fixed key: the resume hash only needs to hide the token itself. */
static const unsigned char token_key[16] = "convene-resume01";

static void
token_hash(const char *token, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)util_siphash(
	    token_key, token, strlen(token)));
}

/* An anonymous answer's key: only the holder of the token recomputes it. */
static void
ballot_of(const struct session *s, const struct participant *p, int idx,
    char out[17])
{
	unsigned char key[16];
	char msg[64];

	util_key_from_hex(p->token, key);
	snprintf(msg, sizeof msg, "ballot:%lld:%d", (long long)s->id, idx);
	snprintf(out, 17, "%016llx", (unsigned long long)util_siphash(key,
	    msg, strlen(msg)));
}

static struct participant *
add_person(struct session *s, int64_t id, const char *name, const char *site)
{
	struct participant *p;

	if (s->n_people == s->cap_people) {
		size_t cap = s->cap_people ? s->cap_people * 2 : 64;
		struct participant **n = realloc(s->people, cap * sizeof *n);

		if (n == NULL)
			return NULL;
		s->people = n;
		s->cap_people = cap;
	}
	if ((p = calloc(1, sizeof *p)) == NULL ||
	    (p->mine = calloc(s->plan->n_acts, sizeof *p->mine)) == NULL) {
		free(p);
		return NULL;
	}
	p->id = id;
	util_strlcpy(p->name, name, sizeof p->name);
	util_strlcpy(p->site, site, sizeof p->site);
	s->people[s->n_people++] = p;
	return p;
}

static void
load_person(void *arg, const struct store_participant *sp)
{
	struct participant *p = add_person(arg, sp->id, sp->name, sp->site);

	if (p != NULL)
		util_strlcpy(p->role, sp->role, sizeof p->role);
}

/*
 * Give `p` a role: ROLE_FACULTY (host --faculty-code) or a roster's word
 * ("Faculty" in any case counts as faculty).  A role once given stays:
 * someone who comes back without the faculty code is still faculty.
 */
int
session_set_role(struct session *s, struct participant *p, const char *role)
{
	char r[ROLE_MAX_LEN + 1];

	util_strlcpy(r, role, sizeof r);
	util_sanitize(r, sizeof r);
	if (strcasecmp(r, ROLE_FACULTY) == 0)
		util_strlcpy(r, ROLE_FACULTY, sizeof r);
	if (r[0] == '\0' || strcmp(p->role, r) == 0 || participant_faculty(p))
		return 0;
	if (store_participant_role(s->store, p->id, r) != 0)
		return -1;
	util_strlcpy(p->role, r, sizeof p->role);
	s->seq++;
	return 0;
}

static int64_t
clock_ms(void)
{
	return util_now_ms();
}

/*
 * Start a session for `plan`, or with `resume` pick up the latest one of
 * this plan that never ended: same activity, same participants (who get
 * their seats back when they reconnect with their token).
 */
struct session *
session_new(struct plan *plan, struct store *st, int resume, char *err,
    size_t errlen)
{
	struct session *s = calloc(1, sizeof *s);
	int state = 0, revealed = 0;

	if (s == NULL || (s->runs = calloc(plan->n_acts, sizeof *s->runs)) ==
	    NULL) {
		free(s);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->plan = plan;
	s->store = st;
	s->now = clock_ms;
	s->current = -1;
	s->min_group = 5;
	s->id = resume ? store_session_find(st, plan) : 0;
	if (s->id > 0) {
		if (store_session_load(st, s->id, &s->current, &state,
		    &revealed) != 0 || store_participants(st, s->id,
		    load_person, s) != 0)
			goto fail;
		/* Hashes of the tokens: the store keeps nothing more. */
		for (size_t i = 0; i < s->n_people; i++)
			s->people[i]->token_hash[0] = '\0';
	} else if ((s->id = store_session_create(st, plan)) < 0)
		goto fail;
	for (size_t i = 0; i < plan->n_acts; i++) {
		int st_i = 0;

		s->runs[i].store_id = store_activity_id(st, s->id, (int)i,
		    &st_i);
		if (s->runs[i].store_id < 0)
			goto fail;
		s->runs[i].state = (enum act_state)(st_i >= 0 && st_i <= 2 ?
		    st_i : 0);
	}
	if (s->current >= (int)plan->n_acts)
		s->current = -1;
	for (size_t i = 0; i < plan->n_acts; i++)
		if (activity_ops(plan->acts[i].kind)->resume != NULL)
			activity_ops(plan->acts[i].kind)->resume(s, (int)i);
	if (s->current >= 0)
		s->runs[s->current].revealed = revealed;
	s->tallies_stale = 1;
	session_refresh(s);
	return s;
fail:
	snprintf(err, errlen, "%s", store_error(st));
	session_free(s);
	return NULL;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_people; i++) {
		for (size_t k = 0; k < s->plan->n_acts; k++)
			free(s->people[i]->mine[k]);
		free(s->people[i]->mine);
		free(s->people[i]);
	}
	free(s->people);
	for (size_t i = 0; s->runs != NULL && i < s->plan->n_acts; i++)
		if (activity_ops(s->plan->acts[i].kind)->release != NULL)
			activity_ops(s->plan->acts[i].kind)->release(&s->runs[i]);
	free(s->runs);
	free(s->touched);
	free(s);
}

static struct participant *
find_by_hash(struct session *s, const char *hash)
{
	for (size_t i = 0; i < s->n_people; i++)
		if (strcmp(s->people[i]->token_hash, hash) == 0)
			return s->people[i];
	return NULL;
}

static void
collect_row(void *arg, const char *item, int choice, const char *value)
{
	struct answer *a = arg;

	if (a->n < ANSWER_MAX_ROWS) {
		struct answer_row *r = &a->rows[a->n++];

		util_strlcpy(r->item, item, sizeof r->item);
		r->choice = choice;
		util_strlcpy(r->value, value, sizeof r->value);
	}
}

static void
set_mine(struct session *s, struct participant *p, int idx, const char *v)
{
	free(p->mine[idx]);
	p->mine[idx] = v != NULL && *v != '\0' ? strdup(v) : NULL;
	(void)s;
}

/* After a resume, fetch a returning person's answers from the store. */
static void
restore_answers(struct session *s, struct participant *p)
{
	struct answer *a = malloc(sizeof *a);

	if (a == NULL)
		return;
	for (size_t i = 0; i < s->plan->n_acts; i++) {
		const struct plan_activity *pa = &s->plan->acts[i];
		char ballot[17];

		a->n = 0;
		if (pa->anonymous) {
			ballot_of(s, p, (int)i, ballot);
			store_answer_rows(s->store, s->runs[i].store_id, 0,
			    ballot, collect_row, a);
		} else
			store_answer_rows(s->store, s->runs[i].store_id, p->id,
			    NULL, collect_row, a);
		if (activity_ops(pa->kind)->restore != NULL)
			activity_ops(pa->kind)->restore(pa, a, a->canon,
			    sizeof a->canon);
		else
			a->canon[0] = '\0';
		set_mine(s, p, (int)i, a->canon);
	}
	free(a);
}

/*
 * A participant arrives.  With a token the store knows, they get their
 * seat (and answers) back; otherwise a new seat.  Name and site must
 * already be sanitised.  Two people with the same name are told apart
 * by a number, so the facilitator's list and the export stay readable.
 */
struct participant *
session_join(struct session *s, const char *name, const char *site,
    const char *token, char *err, size_t errlen)
{
	struct participant *p;
	char hash[17], unique[NAME_MAX_LEN + 1], tok[TOKEN_LEN + 1];
	int64_t id;
	int n;

	if ((p = session_by_token(s, token)) != NULL) {
		/* After --resume the host knows a seat by its token's hash
		 * only: the returning token completes it. */
		if (p->token[0] == '\0') {
			util_strlcpy(p->token, token, sizeof p->token);
			token_hash(token, p->token_hash);
			restore_answers(s, p);
		}
		return p;
	}
	if (*name == '\0') {
		snprintf(err, errlen, "please give your name");
		return NULL;
	}
	util_strlcpy(unique, name, sizeof unique);
	for (n = 2; (id = store_participant_count_name(s->store, s->id,
	    unique)) > 0 && n < 10000; n++) {
		char suffix[16];
		size_t keep;

		snprintf(suffix, sizeof suffix, " (%d)", n);
		keep = util_utf8_cut(name, sizeof unique - 1 - strlen(suffix));
		snprintf(unique, sizeof unique, "%.*s%s", (int)keep, name,
		    suffix);
	}
	util_random_hex(tok, sizeof tok);
	token_hash(tok, hash);
	if ((id = store_participant_add(s->store, s->id, unique, site, hash))
	    < 0 || (p = add_person(s, id, unique, site)) == NULL) {
		snprintf(err, errlen, "cannot record you: %s",
		    store_error(s->store));
		return NULL;
	}
	memcpy(p->token, tok, sizeof p->token);
	memcpy(p->token_hash, hash, 17);
	s->seq++;
	return p;
}

/* Take back the seat session_join() just added, whose row the store
 * could not keep (its transaction failed): its id may be given again. */
void
session_unjoin(struct session *s, struct participant *p)
{
	if (s->n_people == 0 || s->people[s->n_people - 1] != p)
		return;
	s->n_people--;
	for (size_t k = 0; k < s->plan->n_acts; k++)
		free(p->mine[k]);
	free(p->mine);
	free(p);
	s->seq++;
}

/* The seat a resume token belongs to, or NULL (also for no token). */
struct participant *
session_by_token(struct session *s, const char *token)
{
	struct store_participant sp;
	char hash[17];
	struct participant *p;

	if (token == NULL || *token == '\0')
		return NULL;
	token_hash(token, hash);
	if ((p = find_by_hash(s, hash)) != NULL)
		return p;
	if (store_participant_by_token(s->store, s->id, hash, &sp) != 1)
		return NULL;
	for (size_t i = 0; i < s->n_people; i++)
		if (s->people[i]->id == sp.id)
			return s->people[i];
	return NULL;
}

/* An empty seat with exactly this name and site (someone who left). */
struct participant *
session_seat_for(struct session *s, const char *name, const char *site)
{
	for (size_t i = 0; i < s->n_people; i++) {
		struct participant *p = s->people[i];

		if (p->connected == 0 && strcmp(p->name, name) == 0 &&
		    strcmp(p->site, site) == 0)
			return p;
	}
	return NULL;
}

/* Someone asks for seat `p` back; 0 when too many are waiting already. */
uint32_t
session_claim_add(struct session *s, struct participant *p)
{
	if (s->n_claims == (int)(sizeof s->claims / sizeof s->claims[0]))
		return 0;
	s->claims[s->n_claims].id = ++s->next_claim;
	s->claims[s->n_claims].p = p;
	s->n_claims++;
	s->seq++;
	return s->next_claim;
}

/* Withdraw a request (decided, or its client left); its seat or NULL. */
struct participant *
session_claim_take(struct session *s, uint32_t id)
{
	for (int i = 0; i < s->n_claims; i++)
		if (s->claims[i].id == id) {
			struct participant *p = s->claims[i].p;

			s->claims[i] = s->claims[--s->n_claims];
			s->seq++;
			return p;
		}
	return NULL;
}

/*
 * Give seat `p` to a new terminal.  Its token goes with it when the host
 * still knows it; after a --resume the host only has its hash, so the
 * seat gets a new token (answers made under the old one stay counted;
 * the old terminal's saved token stops working).
 */
int
session_give_seat(struct session *s, struct participant *p)
{
	if (p->token[0] != '\0')
		return 0;
	util_random_hex(p->token, sizeof p->token);
	token_hash(p->token, p->token_hash);
	if (store_participant_token(s->store, p->id, p->token_hash) != 0)
		return -1;
	restore_answers(s, p);
	return 0;
}

/* A connection that held this seat is gone. */
void
session_disconnected(struct session *s, struct participant *p)
{
	if (p->connected == 0)
		return;
	if (--p->connected == 0)
		s->n_connected--;
	s->seq++;
}

/* A connection now holds this seat; a running activity may want to seat
 * them (a late arrival at the café). */
void
session_connected(struct session *s, struct participant *p)
{
	const struct activity_ops *ops;

	if (p->connected++ == 0)
		s->n_connected++;
	s->seq++;
	if (s->current < 0 || s->runs[s->current].state != ACT_OPEN)
		return;
	ops = activity_ops(s->plan->acts[s->current].kind);
	if (ops->joined != NULL) {
		session_touch(s, NULL, DIRTY_CURRENT);	/* a seat at a table */
		ops->joined(s, s->current, p);
	}
}

/*
 * Note what this turn changes in memory: `what` (DIRTY_*), and `p`'s own
 * answers when `p` is given.
 */
void
session_touch(struct session *s, struct participant *p, int what)
{
	s->dirty |= what;
	if (p == NULL || p->touched)
		return;
	if (s->n_touched == s->cap_touched) {
		size_t cap = s->cap_touched ? 2 * s->cap_touched : 64;
		struct participant **t = realloc(s->touched, cap * sizeof *t);

		if (t == NULL) {
			s->dirty |= DIRTY_PEOPLE;
			return;
		}
		s->touched = t;
		s->cap_touched = cap;
	}
	p->touched = 1;
	s->touched[s->n_touched++] = p;
}

/* The turn's changes are committed: nothing to undo. */
void
session_saved(struct session *s)
{
	for (size_t i = 0; i < s->n_touched; i++)
		s->touched[i]->touched = 0;
	s->n_touched = 0;
	s->dirty = 0;
}

/* An activity's runtime state (café seats, breakout groups) as stored. */
static void
reload_run(struct session *s, int i)
{
	const struct activity_ops *ops = activity_ops(s->plan->acts[i].kind);

	if (ops->release != NULL)
		ops->release(&s->runs[i]);
	if (ops->resume != NULL)
		ops->resume(s, i);
}

/* The agenda as stored: where it is, each activity's state and data.
 * Timers and the banner are never stored; a timer stays unless its
 * activity's state goes back. */
static int
reload_agenda(struct session *s)
{
	int current = -1, state = 0, revealed = 0;
	int *states = calloc(s->plan->n_acts, sizeof *states);

	if (states == NULL || store_session_load(s->store, s->id, &current,
	    &state, &revealed) != 0)
		goto fail;
	for (size_t i = 0; i < s->plan->n_acts; i++)
		if (store_activity_id(s->store, s->id, (int)i, &states[i]) < 0)
			goto fail;
	for (size_t i = 0; i < s->plan->n_acts; i++) {
		struct act_run *run = &s->runs[i];
		enum act_state st = (enum act_state)(states[i] >= 0 &&
		    states[i] <= 2 ? states[i] : 0);

		if (run->state != st) {
			run->deadline_ms = 0;
			run->warned = 0;
		}
		run->state = st;
		run->revealed = 0;
		reload_run(s, (int)i);
	}
	s->current = current < (int)s->plan->n_acts ? current : -1;
	if (s->current >= 0)
		s->runs[s->current].revealed = revealed;
	free(states);
	return 0;
fail:
	free(states);
	return -1;
}

/*
 * The turn's commit failed: what it changed is not in the store, so the
 * session goes back to what is (the facilitator was told "not saved",
 * the participants "answers paused"), instead of running ahead of the
 * database.  -1 when the store cannot even be read; the session is then
 * left as it was.
 */
int
session_unsaved(struct session *s)
{
	int rc = 0;

	if (s->dirty & DIRTY_ALL)
		rc = reload_agenda(s);
	else if ((s->dirty & DIRTY_CURRENT) && s->current >= 0)
		reload_run(s, s->current);
	if (s->dirty & DIRTY_PEOPLE) {
		for (size_t i = 0; i < s->n_people; i++)
			if (s->people[i]->token[0] != '\0')
				restore_answers(s, s->people[i]);
	} else
		for (size_t i = 0; i < s->n_touched; i++)
			restore_answers(s, s->touched[i]);
	session_saved(s);
	s->tallies_stale = 1;
	session_refresh(s);	/* a form's own answers live in its tallies */
	s->seq++;
	return rc;
}

/* Store an answer to the current activity.  0 on success, else `why`. */
int
session_answer(struct session *s, struct participant *p,
    const char *activity, const char *value, char *why, size_t n)
{
	const struct plan_activity *a;
	struct answer *ans;
	char ballot[17];
	int rc;

	if (s->current < 0 || strcmp(s->plan->acts[s->current].id, activity)
	    != 0) {
		snprintf(why, n, "that question is no longer on screen");
		return -1;
	}
	a = &s->plan->acts[s->current];
	if (s->runs[s->current].state != ACT_OPEN) {
		snprintf(why, n, s->runs[s->current].state == ACT_CLOSED ?
		    "this question has closed" : "this question is not open "
		    "yet");
		return -1;
	}
	session_touch(s, p, activity_ops(a->kind)->intent != NULL ?
	    DIRTY_CURRENT : 0);
	if (activity_ops(a->kind)->intent != NULL)
		return activity_ops(a->kind)->intent(s, s->current, p, value,
		    why, n);
	if (activity_ops(a->kind)->answer == NULL) {
		snprintf(why, n, "this activity takes no answers");
		return -1;
	}
	if ((ans = malloc(sizeof *ans)) == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	if (activity_ops(a->kind)->answer(a, value, ans, why, n) != 0) {
		free(ans);
		return -1;
	}
	if (a->anonymous) {
		ballot_of(s, p, s->current, ballot);
		rc = store_answer_put(s->store, s->runs[s->current].store_id, 0,
		    ballot, p->site, ans);
	} else
		rc = store_answer_put(s->store, s->runs[s->current].store_id,
		    p->id, NULL, p->site, ans);
	if (rc != 0)
		snprintf(why, n, "answer not saved: %s", store_error(s->store));
	else
		set_mine(s, p, s->current, ans->canon);
	free(ans);
	if (rc != 0)
		return -1;
	s->tallies_stale = 1;
	s->seq++;
	return 0;
}

/* Re-read the current activity's results from the store (after commits). */
void
session_refresh(struct session *s)
{
	const struct plan_activity *a;

	if (!s->tallies_stale)
		return;
	if (s->current < 0) {
		s->tallies_stale = 0;	/* nothing running, nothing to count */
		return;
	}
	a = &s->plan->acts[s->current];
	activity_ops(a->kind)->refresh(s, s->current);
	s->tallies_stale = 0;
	/* Whoever was sent the old tallies is due the new ones. */
	if (s->cut_stale) {
		s->cut_stale = 0;
		s->seq++;
	}
}

/* Advance timers; returns 1 when something visible changed. */
int
session_tick(struct session *s)
{
	struct act_run *run;
	const struct plan_activity *a;

	if (s->current < 0)
		return 0;
	run = &s->runs[s->current];
	a = &s->plan->acts[s->current];
	if (run->deadline_ms == 0 || run->state != ACT_OPEN)
		return 0;
	if (s->now() >= run->deadline_ms) {
		char buf[64];

		/* A round of a café is over, not the café: the facilitator
		 * moves everyone on with next. */
		if (!a->auto_close || activity_ops(a->kind)->advance != NULL) {
			/* Time is up but the facilitator closes by hand. */
			run->deadline_ms = 0;
			s->seq++;
			return 1;
		}
		/* As `close` would (session-cmd.c): answers become final. */
		session_touch(s, NULL, DIRTY_ALL);
		session_set_state(s, ACT_CLOSED, buf, sizeof buf);
		return 1;
	}
	if (!run->warned && run->deadline_ms - s->now() <= 60000)
		run->warned = 1;
	s->seq++;		/* the countdown moved */
	return 1;
}

/* The viewer's own part of a snapshot: their answer to the current
 * activity (`mine` stays -1 and `value` "" when there is none). */
void
session_snapshot_mine(const struct session *s, const struct participant *p,
    int16_t *mine, char *value, size_t cap)
{
	const struct plan_activity *a;

	*mine = -1;
	value[0] = '\0';
	if (s->current < 0 || p == NULL || p->mine[s->current] == NULL)
		return;
	a = &s->plan->acts[s->current];
	util_strlcpy(value, p->mine[s->current], cap);
	if (activity_ops(a->kind)->mine != NULL)
		*mine = (int16_t)activity_ops(a->kind)->mine(a, value);
}

/*
 * Do all viewers of `view` see the same snapshot but for their own part?
 * Then the host encodes it once per change and appends each one's own
 * part.  The facilitator's list of people is theirs alone, and a kind
 * whose snapshot reads the viewer (the café's table) is cut per viewer.
 */
int
session_snapshot_shared(const struct session *s, int view)
{
	if (view == VIEW_FACILITATOR)
		return 0;
	return s->current < 0 ||
	    activity_ops(s->plan->acts[s->current].kind)->shared_snapshot;
}

/* Cut a snapshot for one viewer (`p` is NULL for non-participants). */
void
session_snapshot(struct session *s, const struct participant *p, int view,
    struct snapshot *snap)
{
	/* The lists of typed texts are cleared entry by entry as they are
	 * added (see struct snapshot). */
	memset(snap, 0, offsetof(struct snapshot, texts));
	snap->seq = s->seq;
	snap->view = (uint8_t)view;
	util_strlcpy(snap->title, s->plan->title, sizeof snap->title);
	util_strlcpy(snap->banner, s->banner, sizeof snap->banner);
	snap->joined = (uint32_t)s->n_people;
	snap->connected = (uint32_t)s->n_connected;
	if (s->tallies_stale)
		s->cut_stale = 1;
	snap->n_items = (uint16_t)s->plan->n_acts;
	for (size_t i = 0; i < s->plan->n_acts && i < SNAP_MAX_ITEMS; i++) {
		const struct plan_activity *a = &s->plan->acts[i];

		util_strlcpy(snap->items[i].id, a->id, sizeof snap->items[i].id);
		util_strlcpy(snap->items[i].title, a->title,
		    sizeof snap->items[i].title);
		snap->items[i].kind = (uint8_t)a->kind;
		snap->items[i].flags = a->runnable ? SNAP_RUNNABLE : 0;
		snap->items[i].state = (uint8_t)s->runs[i].state;
	}
	snap->current = (int16_t)s->current;
	snap->mine = -1;
	snap->remaining = -1;
	snap->mean100 = 0;
	if (s->current >= 0) {
		const struct plan_activity *a = &s->plan->acts[s->current];
		const struct act_run *run = &s->runs[s->current];
		int results = view == VIEW_FACILITATOR || run->revealed ||
		    (a->reveal == REVEAL_LIVE && run->state != ACT_WAITING);

		snap->kind = (uint8_t)a->kind;
		snap->state = (uint8_t)run->state;
		snap->flags = (results ? SNAP_RESULTS : 0) |
		    (run->revealed ? SNAP_REVEALED : 0) |
		    (a->anonymous ? SNAP_ANONYMOUS : 0) |
		    (a->runnable ? SNAP_RUNNABLE : 0);
		util_strlcpy(snap->activity, a->id, sizeof snap->activity);
		util_strlcpy(snap->question, a->question ? a->question :
		    a->title, sizeof snap->question);
		snap->answered = run->res.answered;
		if (run->warned && run->state == ACT_OPEN)
			snap->flags |= SNAP_WARNED;
		if (run->deadline_ms > 0 && run->state == ACT_OPEN) {
			int64_t left = (run->deadline_ms - s->now() + 999) /
			    1000;

			snap->remaining = left > 0 ? (int32_t)left : 0;
		}
		activity_ops(a->kind)->snapshot(s, s->current, results, p, snap);
		session_snapshot_mine(s, p, &snap->mine, snap->mine_value,
		    sizeof snap->mine_value);
	}
	if (view == VIEW_FACILITATOR) {
		/* Requests for a seat come first (connected = 2, id = the
		 * request's), then connected people, newest last. */
		for (int i = 0; i < s->n_claims && snap->n_people <
		    SNAP_MAX_PEOPLE; i++) {
			struct snap_person *sp = &snap->people[snap->n_people++];

			memset(sp, 0, sizeof *sp);
			sp->id = s->claims[i].id;
			util_strlcpy(sp->name, s->claims[i].p->name,
			    sizeof sp->name);
			util_strlcpy(sp->site, s->claims[i].p->site,
			    sizeof sp->site);
			sp->connected = 2;
		}
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < s->n_people &&
			    snap->n_people < SNAP_MAX_PEOPLE; i++) {
				const struct participant *q = s->people[i];
				struct snap_person *sp;

				if ((q->connected > 0) != (pass == 0))
					continue;
				sp = &snap->people[snap->n_people++];
				sp->id = (uint32_t)q->id;
				util_strlcpy(sp->name, q->name, sizeof sp->name);
				util_strlcpy(sp->site, q->site, sizeof sp->site);
				sp->connected = q->connected > 0;
				sp->answered = s->current >= 0 &&
				    !s->plan->acts[s->current].anonymous &&
				    q->mine[s->current] != NULL;
			}
	}
}

int
session_status(struct session *s, char *out, size_t cap)
{
	int connected = 0, answers = 0;

	for (size_t i = 0; i < s->n_people; i++)
		connected += s->people[i]->connected > 0;
	if (s->current >= 0)
		answers = (int)s->runs[s->current].res.answered;
	return store_status_json(s->store, s, answers, connected, out, cap);
}
