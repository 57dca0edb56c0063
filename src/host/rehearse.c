/* rehearse.c: simulated participants for `convene host --rehearse N`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "kind-rehearse.h"
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
	struct rehearser who;	/* what the kinds see (kind-rehearse.h) */
	struct snapshot *last;
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

/* Seconds a person takes to answer: log-normal, median about 4 s. */
static double
think_time(unsigned *seed)
{
	double z = sqrt(-2 * log(rehearse_uniform(seed))) * cos(6.283185307 *
	    rehearse_uniform(seed));

	return exp(log(4.0) + 0.6 * z);
}

/* How simulated people take part in the activity a snapshot shows. */
static const struct kind_rehearse *
kind_of(const struct snapshot *s)
{
	return s->kind < ACT_KIND_MAX ? activity_ops(s->kind)->rehearse : NULL;
}

static void
on_think(uv_timer_t *t)
{
	struct actor *a = t->data;
	const struct snapshot *s = a->last;
	struct msg_answer m;

	if (s == NULL || !a->conn.snap_ok || s->current < 0 || s->state != ACT_OPEN ||
	    strcmp(s->activity, a->who.pending) != 0)
		return;
	memset(&m, 0, sizeof m);
	m.seq = 1;
	snprintf(m.activity, sizeof m.activity, "%s", s->activity);
	if (kind_of(s) == NULL || kind_of(s)->answer(&a->who, s, m.value,
	    sizeof m.value) != 0)
		return;
	conn_send_answer(&a->conn, &m);
}

static void
on_snapshot(struct conn *c, struct snapshot *s)
{
	struct actor *a = c->data;
	const struct kind_rehearse *kr;
	int per_s;

	a->last = s;	/* the connection's copy, kept up to date by it */
	if (s->current < 0 || s->state != ACT_OPEN ||
	    !(s->flags & SNAP_RUNNABLE) || (kr = kind_of(s)) == NULL)
		return;
	a->who.thinking = uv_is_active((uv_handle_t *)&a->think);
	if ((per_s = kr->think(&a->who, s)) == 0)
		return;
	snprintf(a->who.pending, sizeof a->who.pending, "%s", s->activity);
	uv_timer_start(&a->think, on_think, (uint64_t)(per_s *
	    think_time(&a->who.seed) * a->r->pace), 0);
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
		a->who.seed = 0x5eed + (unsigned)i * 7919;
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
