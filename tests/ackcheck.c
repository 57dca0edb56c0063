/* ackcheck.c: participants that keep answering and log what was acknowledged.
 *
 * usage: ackcheck --socket PATH --n N --dir DIR [--prefix NAME] [--gap MS]
 *                 [--code CODE]
 *
 * N participants join over the real protocol (src/client/conn.c, reconnecting with
 * their resume token when the host goes away) and answer whatever
 * single-choice or scale poll is open, one answer in flight each, a
 * random option every GAP milliseconds or so.  Three files in DIR, one
 * line per event, written before the next event is handled:
 *
 *   sent   "name activity value seq"   before the answer is sent
 *   acks   "name activity value seq"   only when an ok ack arrives
 *   naks   "name activity seq text"    when the ack says no
 *
 * So after a crash, every line of `acks` must be in the database, or
 * have been replaced there by a later line of `sent` (the last answer
 * counts).  tests/e2e-crash.sh and tests/e2e-hostile.sh check that.
 * It runs until SIGTERM or SIGINT.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"

struct who {
	struct conn conn;
	uv_timer_t gap;
	unsigned seed;
	char name[NAME_MAX_LEN + 1];	/* as the host stored it */
	uint32_t seq;			/* last answer sent */
	int waiting;			/* an answer is in flight */
	char activity[ID_MAX_LEN + 1];	/* of the answer in flight */
	char value[8];
	/* The open poll, from the newest snapshot. */
	int open;
	char current[ID_MAX_LEN + 1];
	int n_options;
};

static FILE *sent_log, *ack_log, *nak_log;
static int gap_ms = 100;

static void
logline(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fflush(f);
}

static void schedule(struct who *);

static void
on_gap(uv_timer_t *t)
{
	struct who *w = t->data;
	struct msg_answer m;

	if (w->waiting || !w->open || w->conn.state != CONN_READY) {
		schedule(w);
		return;
	}
	memset(&m, 0, sizeof m);
	m.seq = ++w->seq;
	util_strlcpy(m.activity, w->current, sizeof m.activity);
	snprintf(m.value, sizeof m.value, "%d", 1 + rand_r(&w->seed) %
	    w->n_options);
	util_strlcpy(w->activity, m.activity, sizeof w->activity);
	util_strlcpy(w->value, m.value, sizeof w->value);
	logline(sent_log, "%s\t%s\t%s\t%u\n", w->name, m.activity, m.value,
	    m.seq);
	if (conn_send_answer(&w->conn, &m) == 0)
		w->waiting = 1;
	schedule(w);
}

static void
schedule(struct who *w)
{
	uint64_t ms = (uint64_t)(gap_ms / 2 + rand_r(&w->seed) %
	    (gap_ms + 1));

	uv_timer_start(&w->gap, on_gap, ms, 0);
}

static void
on_welcome(struct conn *c, const struct msg_welcome *m)
{
	struct who *w = c->data;

	util_strlcpy(w->name, m->name, sizeof w->name);
	w->waiting = 0;
}

static void
on_state(struct conn *c)
{
	struct who *w = c->data;

	/* Lost the host: the answer in flight may or may not be stored;
	 * `sent` says it may be. */
	if (c->state != CONN_READY)
		w->waiting = 0;
}

static void
on_snapshot(struct conn *c, struct snapshot *s)
{
	struct who *w = c->data;

	w->open = s->current >= 0 && s->kind == ACT_POLL &&
	    s->state == ACT_OPEN && (s->poll_type == POLL_SINGLE ||
	    s->poll_type == POLL_SCALE) && s->n_options > 0;
	util_strlcpy(w->current, s->activity, sizeof w->current);
	w->n_options = s->n_options;
}

static void
on_ack(struct conn *c, const struct msg_ack *a)
{
	struct who *w = c->data;

	if (!w->waiting || a->seq != w->seq)
		return;
	w->waiting = 0;
	if (a->ok)
		logline(ack_log, "%s\t%s\t%s\t%u\n", w->name, w->activity,
		    w->value, a->seq);
	else
		logline(nak_log, "%s\t%s\t%u\t%s\n", w->name, w->activity,
		    a->seq, a->text);
}

static void
on_signal(uv_signal_t *s, int signum)
{
	(void)s;
	(void)signum;
	fflush(NULL);
	_exit(0);
}

static FILE *
open_log(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "a")) == NULL) {
		perror(path);
		exit(1);
	}
	return f;
}

int
main(int argc, char **argv)
{
	const char *sock = NULL, *dir = NULL, *prefix = "ack", *code = "";
	int n = 5;
	struct who *people;
	uv_loop_t *loop = uv_default_loop();
	uv_signal_t sterm, sint;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--socket") == 0)
			sock = argv[i + 1];
		else if (strcmp(argv[i], "--dir") == 0)
			dir = argv[i + 1];
		else if (strcmp(argv[i], "--prefix") == 0)
			prefix = argv[i + 1];
		else if (strcmp(argv[i], "--code") == 0)
			code = argv[i + 1];
		else if (strcmp(argv[i], "--n") == 0)
			n = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--gap") == 0)
			gap_ms = atoi(argv[i + 1]);
	}
	if (sock == NULL || dir == NULL || n < 1 || n > 1000 || gap_ms < 1) {
		fputs("usage: ackcheck --socket PATH --n N --dir DIR "
		    "[--prefix NAME] [--gap MS] [--code CODE]\n", stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	sent_log = open_log(dir, "sent");
	ack_log = open_log(dir, "acks");
	nak_log = open_log(dir, "naks");
	if ((people = calloc((size_t)n, sizeof *people)) == NULL)
		return 1;
	for (int i = 0; i < n; i++) {
		struct who *w = &people[i];
		struct msg_hello h;

		memset(&h, 0, sizeof h);
		h.view = VIEW_PARTICIPANT;
		snprintf(h.name, sizeof h.name, "%s-%02d", prefix, i + 1);
		snprintf(h.site, sizeof h.site, "Site %d", i % 3 + 1);
		util_strlcpy(h.code, code, sizeof h.code);
		util_strlcpy(w->name, h.name, sizeof w->name);
		w->seed = (unsigned)getpid() * 31u + (unsigned)i;
		conn_init(&w->conn, loop, sock, &h, 1);
		w->conn.data = w;
		w->conn.on_welcome = on_welcome;
		w->conn.on_state = on_state;
		w->conn.on_snapshot = on_snapshot;
		w->conn.on_ack = on_ack;
		uv_timer_init(loop, &w->gap);
		w->gap.data = w;
		conn_start(&w->conn);
		schedule(w);
	}
	uv_signal_init(loop, &sterm);
	uv_signal_init(loop, &sint);
	uv_signal_start(&sterm, on_signal, SIGTERM);
	uv_signal_start(&sint, on_signal, SIGINT);
	uv_run(loop, UV_RUN_DEFAULT);
	return 0;
}
