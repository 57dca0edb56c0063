/* rehearse.c: simulated participants for `convene host --rehearse N`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "rehearse.h"

/*
 * Each simulated participant is an ordinary client: it connects to the
 * host's socket on the same loop, says hello with a name and a site, and
 * answers through the same messages a person's terminal sends.  So a
 * rehearsal exercises exactly the path of a real session.  Delays are
 * log-normal around a few seconds, as people read, think and type; the
 * environment variable CONVENE_REHEARSE_PACE scales them (tests use 0.05).
 */
struct actor {
	struct conn conn;
	uv_timer_t think;
	struct rehearsal *r;
	unsigned seed;
	char pending[ID_MAX_LEN + 1];	/* activity an answer is due for */
	int wrote_round;		/* café: last round a line was added */
	struct snapshot *last;
	char wrote_in[ID_MAX_LEN + 1];	/* breakout: a line was added */
};

struct rehearsal {
	struct actor *actors;
	int n;
	double pace;
};

static const char *first[] = { "Amal", "Bea", "Chidi", "Dara", "Elif",
    "Femi", "Grace", "Hamza", "Ines", "Jun", "Kofi", "Lena", "Mei",
    "Niamh", "Oisin", "Priya", "Rui", "Saoirse", "Tomas", "Uma", "Wen",
    "Yusuf", "Zofia" };
static const char *last[] = { "Haddad", "Okafor", "Byrne", "Chen", "Novak",
    "Silva", "Murphy", "Patel", "Kowalski", "Nguyen", "Campbell", "Reid" };
static const char *sites[] = { "St Mary's", "Royal Infirmary", "Western "
    "General", "Riverside", "Northfield" };
static const char *lines[] = { "Antibiotics kept in a locked room",
    "No sepsis lead on nights", "Blood culture bottles run out",
    "Screening tool lives on paper", "Doctors wait for lactate results",
    "Try a grab bag in resus", "Nurse-led cultures worked at our site",
    "Daily huddle to review yesterday's cases" };
static const char *texts[] = { "staffing at night", "waiting for senior "
    "review", "antibiotics not on the ward", "cultures before antibiotics",
    "porters", "screening tool not used", "handover gaps", "IV access",
    "busy emergency department", "sepsis trolley empty" };

static double
uniform(unsigned *seed)
{
	return (rand_r(seed) + 1.0) / ((double)RAND_MAX + 2.0);
}

/* Seconds a person takes to answer: log-normal, median about 4 s. */
static double
think_time(unsigned *seed)
{
	double z = sqrt(-2 * log(uniform(seed))) * cos(6.283185307 *
	    uniform(seed));

	return exp(log(4.0) + 0.6 * z);
}

static void
shuffle(int *v, int n, unsigned *seed)
{
	for (int i = n - 1; i > 0; i--) {
		int j = rand_r(seed) % (i + 1), t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

/* A plausible answer: choices lean towards the middle and the first
 * options, so rehearsal results look like a room, not like noise. */
static void
choose(struct actor *a, const struct snapshot *s, char *out, size_t n)
{
	int k = s->n_options, v[SNAP_MAX_OPTIONS], picks;
	size_t o = 0;

	switch (s->poll_type) {
	case POLL_TEXT:
		snprintf(out, n, "%s", texts[rand_r(&a->seed) %
		    (sizeof texts / sizeof texts[0])]);
		return;
	case POLL_SCALE: {
		double m = (k - 1) * (0.55 + 0.15 * (uniform(&a->seed) - 0.5));
		int x = (int)lround(m + (uniform(&a->seed) - 0.5) * k * 0.6);

		snprintf(out, n, "%d", (x < 0 ? 0 : x >= k ? k - 1 : x) + 1);
		return;
	}
	case POLL_MULTI:
	case POLL_RANK:
		for (int i = 0; i < k; i++)
			v[i] = i;
		shuffle(v, k, &a->seed);
		picks = s->poll_type == POLL_RANK ? k : 1 + rand_r(&a->seed) %
		    (s->max_picks > 0 ? s->max_picks : 1);
		out[0] = '\0';
		for (int i = 0; i < picks && o < n; i++)
			o += (size_t)snprintf(out + o, n - o, "%s%d", i ? "," :
			    "", v[i] + 1);
		return;
	default:
		/* Triangular: most people near the middle of the list. */
		snprintf(out, n, "%d", 1 + (int)(k * (uniform(&a->seed) +
		    uniform(&a->seed)) / 2) % k);
		return;
	}
}

/* The next question of a form, or "submit" when all are answered. */
static int
form_answer(struct actor *a, const struct snapshot *s, char *out, size_t n)
{
	for (int i = 0; i < s->n_slots; i++) {
		const struct snap_slot *sl = &s->slots[i];

		if (sl->mine[0] != '\0')
			continue;
		if (sl->kind == SLOT_TEXT && form_when_slot(sl->id))
			snprintf(out, n, "%s=in 2 weeks", sl->id);	/* due.c */
		else if (sl->kind == SLOT_TEXT)
			snprintf(out, n, "%s=%s", sl->id, texts[rand_r(&a->seed)
			    % (sizeof texts / sizeof texts[0])]);
		else {
			const struct snap_scale *sc = &s->scales[sl->scale];
			/* Somewhat agreeing people, as rooms tend to be. */
			int p = (int)(sc->n * (0.45 + 0.5 * uniform(&a->seed)));

			snprintf(out, n, "%s=%s", sl->id, sc->values[p >= sc->n ?
			    sc->n - 1 : p]);
		}
		return 0;
	}
	if (s->submitted)
		return -1;
	snprintf(out, n, "submit");
	return 0;
}

/* A breakout member's next step: pick a group (choose mode), write one
 * line, then fill the first empty part of the group's commitment. */
static int
breakout_next(struct actor *a, const struct snapshot *s, char *out, size_t n)
{
	static const char *const commit[COMMIT_FIELDS][3] = {
		{ "change Grab bag for sepsis in resus", "change Nurse-led "
		    "blood cultures on admission", "change Sepsis huddle at "
		    "08:00 handover" },
		{ "owner Ward sister", "owner Sepsis lead", "owner Charge "
		    "nurse on nights" },
		{ "due next Tuesday", "due in 2 weeks", "due Friday" },
		{ "measure Minutes from triage to antibiotics", "measure Share "
		    "of patients screened", "measure Cultures before "
		    "antibiotics, weekly" },
	};
	const struct snap_group *g;

	if (s->my_table == 0 || s->my_table > s->n_groups) {
		if (s->group_mode != BREAKOUT_CHOOSE || s->n_groups == 0)
			return -1;
		snprintf(out, n, "@%d", 1 + rand_r(&a->seed) % s->n_groups);
		return 0;
	}
	if (strcmp(a->wrote_in, s->activity) != 0) {
		snprintf(out, n, "+%s", lines[rand_r(&a->seed) %
		    (sizeof lines / sizeof lines[0])]);
		return 0;
	}
	g = &s->groups[s->my_table - 1];
	for (int f = 0; f < COMMIT_FIELDS; f++)
		if (g->commit[f][0] == '\0') {
			snprintf(out, n, "!%s", commit[f][rand_r(&a->seed) % 3]);
			return 0;
		}
	return -1;
}

static void
on_think(uv_timer_t *t)
{
	struct actor *a = t->data;
	const struct snapshot *s = a->last;
	struct msg_answer m;

	if (s == NULL || !a->conn.snap_ok || s->current < 0 || s->state != ACT_OPEN ||
	    strcmp(s->activity, a->pending) != 0)
		return;
	memset(&m, 0, sizeof m);
	m.seq = 1;
	snprintf(m.activity, sizeof m.activity, "%s", s->activity);
	if (s->kind == ACT_BREAKOUT) {
		if (breakout_next(a, s, m.value, sizeof m.value) != 0)
			return;
		if (m.value[0] == '+')
			snprintf(a->wrote_in, sizeof a->wrote_in, "%s",
			    s->activity);
	} else if (s->kind == ACT_CAFE) {
		if (s->my_table == 0 || a->wrote_round == s->round)
			return;
		a->wrote_round = s->round;
		snprintf(m.value, sizeof m.value, "+%s", lines[rand_r(&a->seed)
		    % (sizeof lines / sizeof lines[0])]);
	} else if (s->n_slots > 0) {
		if (form_answer(a, s, m.value, sizeof m.value) != 0)
			return;
	} else
		choose(a, s, m.value, sizeof m.value);
	conn_send_answer(&a->conn, &m);
}

static void
on_snapshot(struct conn *c, struct snapshot *s)
{
	struct actor *a = c->data;

	a->last = s;	/* the connection's copy, kept up to date by it */
	if (s->current < 0 || s->state != ACT_OPEN ||
	    !(s->flags & SNAP_RUNNABLE))
		return;
	if (s->kind == ACT_BREAKOUT) {
		char next[VALUE_MAX_LEN + 1];
		unsigned keep = a->seed;

		/* One step at a time while there is something to do. */
		if (uv_is_active((uv_handle_t *)&a->think) ||
		    breakout_next(a, s, next, sizeof next) != 0)
			return;
		a->seed = keep;
	} else if (s->kind == ACT_CAFE) {
		/* One line per round, a while after sitting down. */
		if (s->my_table == 0 || a->wrote_round == s->round ||
		    uv_is_active((uv_handle_t *)&a->think))
			return;
	} else if (s->n_slots > 0) {
		/* Forms: one question at a time, until submitted. */
		if (s->submitted || uv_is_active((uv_handle_t *)&a->think))
			return;
		uv_timer_start(&a->think, on_think, (uint64_t)(300 *
		    think_time(&a->seed) * a->r->pace), 0);
		snprintf(a->pending, sizeof a->pending, "%s", s->activity);
		return;
	} else if (s->kind != ACT_POLL || s->mine_value[0] != '\0' ||
	    strcmp(a->pending, s->activity) == 0)
		return;
	snprintf(a->pending, sizeof a->pending, "%s", s->activity);
	uv_timer_start(&a->think, on_think, (uint64_t)(1000 *
	    think_time(&a->seed) * a->r->pace), 0);
}

struct rehearsal *
rehearse_start(uv_loop_t *loop, const char *path, const char *code, int n)
{
	struct rehearsal *r = calloc(1, sizeof *r);
	const char *pace = getenv("CONVENE_REHEARSE_PACE");

	if (r == NULL || (r->actors = calloc((size_t)n, sizeof *r->actors)) ==
	    NULL) {
		free(r);
		return NULL;
	}
	r->n = n;
	r->pace = pace != NULL && atof(pace) > 0 ? atof(pace) : 1.0;
	for (int i = 0; i < n; i++) {
		struct actor *a = &r->actors[i];
		struct msg_hello h;

		memset(&h, 0, sizeof h);
		h.view = VIEW_PARTICIPANT;
		snprintf(h.name, sizeof h.name, "%s %s (rehearsal)",
		    first[i % (sizeof first / sizeof first[0])],
		    last[(i / 3 + i) % (sizeof last / sizeof last[0])]);
		snprintf(h.site, sizeof h.site, "%s", sites[i %
		    (sizeof sites / sizeof sites[0])]);
		snprintf(h.code, sizeof h.code, "%s", code);
		a->r = r;
		a->seed = 0x5eed + (unsigned)i * 7919;
		conn_init(&a->conn, loop, path, &h, 1);
		a->conn.data = a;
		a->conn.on_snapshot = on_snapshot;
		uv_timer_init(loop, &a->think);
		a->think.data = a;
		conn_start(&a->conn);
	}
	return r;
}

static void
on_closed(uv_handle_t *h)
{
	(void)h;
}

void
rehearse_stop(struct rehearsal *r)
{
	if (r == NULL)
		return;
	for (int i = 0; i < r->n; i++) {
		conn_close(&r->actors[i].conn);
		uv_close((uv_handle_t *)&r->actors[i].think, on_closed);
	}
}

/* After the loop has closed every handle. */
void
rehearse_free(struct rehearsal *r)
{
	if (r == NULL)
		return;
	free(r->actors);
	free(r);
}
