/* bench-swarm.c: the load generator: N participants on one loop against a real host. */

/*
 * It starts `convene host --headless` as its own process, then opens N
 * participant connections on one libuv loop that speak the real protocol
 * (the encoders and decoders of src/protocol*.c), and measures:
 *  - change: from the moment a `ctl next`/`ctl open` leaves this process
 *    to the moment each participant has a snapshot showing it;
 *  - ack: from an answer leaving to its acknowledgement (after commit);
 *  - the floor: the same snapshot bytes, written by a forked process with
 *    plain write() to N sockets on a trigger, read by the same loop;
 *  - host memory (VmRSS) before participants and after they joined;
 *  - with --freeze F: F participants stop reading; the others' change
 *    times are measured again, against the same changes just before, and
 *    how long the host takes to drop the frozen ones, which then resume
 *    with their token.  --control runs the same without stopping anyone:
 *    the difference it shows is the measurement's own noise.
 * Afterwards every acknowledged answer is looked up in the database,
 * opened read-only while the host still runs.  It prints `key=value`
 * lines; scripts/bench builds its table from them.  Exit status 1 when an
 * acknowledged answer is missing or anything went wrong (--check also
 * decodes every snapshot fully), so tests/e2e-swarm.sh can use it.
 */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "convene.h"

#define MAX_ACTS 64
#define CONNECT_WINDOW 128	/* handshakes in flight at once */
#define READ_BUF (2 * FRAME_MAX)

enum peer_kind { PEER_PART, PEER_CTL, PEER_FLOOR };
enum peer_state { P_IDLE, P_CONNECTING, P_HELLO, P_READY, P_RETRY, P_DEAD };

struct swarm;

struct peer {
	uv_pipe_t *pipe;
	uv_connect_t creq;
	struct swarm *sw;
	int idx;
	enum peer_kind kind;
	enum peer_state state;
	double retry_at;
	int attempts;
	unsigned char *in;
	size_t in_len, in_cap;
	uint32_t id;		/* participant id from the welcome */
	uint32_t first_id;	/* before a resume */
	char token[TOKEN_LEN + 1];
	int got_snap;
	int counted;		/* counted as ready */
	int frozen;
	int resumed;
	int16_t current;
	uint8_t act_state;
	double arrived;		/* ms, for the change being measured */
	uint32_t aseq;		/* answer in flight (its seq), 0 if none */
	double asent;
	int apending_choice;
	int apending_act;
	int8_t acked[MAX_ACTS];	/* last acknowledged choice per activity */
	uint32_t answered;	/* the count its last snapshot showed */
};

struct swarm {
	uv_loop_t *loop;
	uv_timer_t wake, pump, sched;
	const char *convene, *dir;
	char plan[4096], db[4096], sock[108], floor_sock[108];
	int n, n_acts, check;
	pid_t host, floor_pid;
	int floor_ctl;		/* write end: one byte triggers a fan-out */
	struct peer *peers;	/* participants */
	struct peer *floors;
	struct peer ctl;
	unsigned char *rbuf;	/* the read buffer every peer shares */
	/* connecting */
	struct peer *connecting_set;
	int connecting_n, next_connect, in_flight, ready, failed_hard;
	/* a change being measured */
	int measuring, want_current, want_state, arrived;
	double t0;
	int capture;
	unsigned char *frame;	/* one change snapshot, for the floor */
	size_t frame_len;
	/* ctl */
	int reply_got, reply_status;
	char reply[4 * TEXT_MAX_LEN + 1];
	/* answers */
	int answering, cur_act;
	uint32_t settle_want;	/* the final count every screen must show */
	double rate, a_start, a_last_ack;
	long a_sent, a_acked, a_nak, a_budget;
	int cursor;
	double *ack_ms;
	size_t n_ack, cap_ack;
	char nak_text[TEXT_MAX_LEN + 1];
	/* bookkeeping */
	long snaps, bad_frames, refused, errors;
	double last_snap;
	char first_error[256];
};

static double
now_ms(void)
{
	return (double)uv_hrtime() / 1e6;
}

static void
note_error(struct swarm *sw, const char *fmt, const char *arg)
{
	sw->errors++;
	if (sw->first_error[0] == '\0')
		snprintf(sw->first_error, sizeof sw->first_error, fmt, arg);
}

static void
push_ms(double **v, size_t *n, size_t *cap, double x)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 4096;
		double *nv = realloc(*v, c * sizeof *nv);

		if (nv == NULL)
			return;
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = x;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
pct(double *v, size_t n, double q)
{
	size_t k;

	if (n == 0)
		return -1;
	qsort(v, n, sizeof *v, cmp_double);
	k = (size_t)ceil(q * (double)n);
	return v[k == 0 ? 0 : k - 1];
}

static long
vmrss_kib(pid_t pid)
{
	char path[64], line[256];
	FILE *f;
	long kib = -1;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kib = atol(line + 6);
	fclose(f);
	return kib;
}

/* Run the loop until `done` says so or `ms` pass; 0 when done. */
static int
run_until(struct swarm *sw, int (*done)(struct swarm *), double ms)
{
	double end = now_ms() + ms;

	while (!done(sw)) {
		if (now_ms() >= end)
			return -1;
		uv_run(sw->loop, UV_RUN_ONCE);
	}
	return 0;
}

static int
never(struct swarm *sw)
{
	(void)sw;
	return 0;
}

static void
on_wake(uv_timer_t *t)
{
	(void)t;
}

/* ---- writing ---- */

struct wreq {
	uv_write_t req;
	unsigned char data[];
};

static void
on_sent(uv_write_t *req, int status)
{
	(void)status;
	free(req);
}

static void
send_wbuf(struct peer *p, struct wbuf *w)
{
	struct wreq *r;
	uv_buf_t b;

	if (w->oom || p->pipe == NULL || (r = malloc(sizeof *r + w->len)) ==
	    NULL) {
		note_error(p->sw, "%s", "cannot send");
		return;
	}
	memcpy(r->data, w->data, w->len);
	b = uv_buf_init((char *)r->data, (unsigned)w->len);
	if (uv_write(&r->req, (uv_stream_t *)p->pipe, &b, 1, on_sent) != 0) {
		free(r);
		note_error(p->sw, "%s", "write failed");
	}
}

/* ---- reading ---- */

static void peer_lost(struct peer *, const char *);

/*
 * What the measurements need of a snapshot, read straight from its
 * sections (the full decoder clears a 45 KiB struct, which would make
 * the generator, not the host, the bottleneck; --check runs it too).
 */
static int
scan_snapshot(const struct frame *f, uint32_t *seq, int16_t *current,
    uint8_t *state, char *activity)
{
	struct rbuf r;

	*current = -1;
	*state = 0;
	activity[0] = '\0';
	rbuf_init(&r, f->payload, f->len);
	while (r.err == NULL && r.off < r.len) {
		uint8_t tag = rbuf_u8(&r);
		uint16_t n = rbuf_u16(&r);
		struct rbuf sub;

		if (r.err != NULL || n > r.len - r.off)
			return -1;
		rbuf_init(&sub, r.p + r.off, n);
		r.off += n;
		if (tag == 1)
			*seq = rbuf_u32(&sub);
		else if (tag == 2 && n >= 2) {
			sub.off = n - 2;
			*current = (int16_t)rbuf_u16(&sub);
		} else if (tag == 3) {
			rbuf_u8(&sub);
			*state = rbuf_u8(&sub);
			rbuf_u8(&sub);
			rbuf_str(&sub, activity, ID_MAX_LEN + 1);
		}
		if (sub.err != NULL)
			return -1;
	}
	return r.err == NULL ? 0 : -1;
}

static void
on_snapshot(struct peer *p, const struct frame *f, const unsigned char *raw,
    size_t raw_len)
{
	struct swarm *sw = p->sw;
	uint32_t seq = 0;
	char act[ID_MAX_LEN + 1];
	double t = now_ms();

	sw->snaps++;
	sw->last_snap = t;
	if (scan_snapshot(f, &seq, &p->current, &p->act_state, act) != 0) {
		sw->bad_frames++;
		return;
	}
	if (sw->check) {
		struct snapshot *s = malloc(sizeof *s);
		const char *err = NULL;

		if (s != NULL && snapshot_decode(f, s, &err) != 0) {
			sw->bad_frames++;
			note_error(sw, "snapshot: %s", err);
		} else if (s != NULL)
			p->answered = s->answered;
		free(s);
	}
	p->got_snap = 1;
	if (sw->measuring && p->arrived == 0 && !p->frozen &&
	    (p->kind == PEER_FLOOR || (p->current == sw->want_current &&
	    (sw->want_state < 0 || p->act_state == sw->want_state)))) {
		p->arrived = t;
		sw->arrived++;
		if (sw->capture && sw->frame == NULL && p->kind == PEER_PART &&
		    (sw->frame = malloc(raw_len)) != NULL) {
			memcpy(sw->frame, raw, raw_len);
			sw->frame_len = raw_len;
		}
	}
}

static void
on_ack(struct peer *p, const struct frame *f)
{
	struct swarm *sw = p->sw;
	struct msg_ack a;
	const char *err;
	double t = now_ms();

	if (msg_ack_decode(f, &a, &err) != 0) {
		note_error(sw, "ack: %s", err);
		return;
	}
	if (p->aseq == 0 || a.seq != p->aseq) {
		note_error(sw, "%s", "an ack nobody waited for");
		return;
	}
	p->aseq = 0;
	push_ms(&sw->ack_ms, &sw->n_ack, &sw->cap_ack, t - p->asent);
	sw->a_last_ack = t;
	if (a.ok) {
		sw->a_acked++;
		p->acked[p->apending_act] = (int8_t)p->apending_choice;
	} else {
		sw->a_nak++;
		if (sw->nak_text[0] == '\0')
			util_strlcpy(sw->nak_text, a.text, sizeof sw->nak_text);
	}
}

static void
handle(struct peer *p, const struct frame *f, const unsigned char *raw,
    size_t raw_len)
{
	struct swarm *sw = p->sw;
	const char *err = NULL;

	switch (f->type) {
	case MSG_WELCOME: {
		struct msg_welcome w;

		if (msg_welcome_decode(f, &w, &err) != 0)
			break;
		if (p->first_id != 0 && w.participant == p->first_id)
			p->resumed = 1;
		p->id = w.participant;
		util_strlcpy(p->token, w.token, sizeof p->token);
		p->state = P_READY;
		return;
	}
	case MSG_REFUSED: {
		char why[TEXT_MAX_LEN + 1];

		if (msg_refused_decode(f, why, sizeof why, &err) != 0)
			break;
		sw->refused++;
		note_error(sw, "refused: %s", why);
		return;
	}
	case MSG_SNAPSHOT:
		on_snapshot(p, f, raw, raw_len);
		return;
	case MSG_ACK:
		on_ack(p, f);
		return;
	case MSG_CTL_REPLY: {
		struct msg_reply *r = malloc(sizeof *r);

		if (r == NULL || msg_reply_decode(f, r, &err) != 0) {
			free(r);
			break;
		}
		sw->reply_got = 1;
		sw->reply_status = r->status;
		util_strlcpy(sw->reply, r->text, sizeof sw->reply);
		free(r);
		return;
	}
	default:
		err = "unexpected message";
	}
	sw->bad_frames++;
	note_error(sw, "frame: %s", err ? err : "?");
}

static void
on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct peer *p = h->data;

	(void)hint;
	if (p->in_len == 0) {
		buf->base = (char *)p->sw->rbuf;
		buf->len = READ_BUF;
		return;
	}
	if (p->in_cap < READ_BUF) {
		unsigned char *n = realloc(p->in, READ_BUF);

		if (n == NULL) {
			buf->base = NULL;
			buf->len = 0;
			return;
		}
		p->in = n;
		p->in_cap = READ_BUF;
	}
	buf->base = (char *)p->in + p->in_len;
	buf->len = p->in_cap - p->in_len;
}

static void
on_read(uv_stream_t *st, ssize_t n, const uv_buf_t *buf)
{
	struct peer *p = st->data;
	unsigned char *data;
	size_t len, off = 0, used;
	struct frame f;
	const char *err = NULL;
	uv_pipe_t *mine = p->pipe;

	if (n < 0) {
		peer_lost(p, n == UV_EOF ? NULL : uv_strerror((int)n));
		return;
	}
	if (n == 0)
		return;
	if (p->in_len == 0 && buf->base == (char *)p->sw->rbuf) {
		data = p->sw->rbuf;
		len = (size_t)n;
	} else {
		p->in_len += (size_t)n;
		data = p->in;
		len = p->in_len;
	}
	while (p->pipe == mine && frame_decode(data + off, len - off, &f,
	    &used, &err) == 1) {
		handle(p, &f, data + off, used);
		off += used;
	}
	if (p->pipe != mine)
		return;
	if (err != NULL) {
		note_error(p->sw, "decode: %s", err);
		peer_lost(p, err);
		return;
	}
	if (data == p->sw->rbuf) {
		if (off < len) {
			if (p->in_cap < READ_BUF) {
				free(p->in);
				p->in = malloc(READ_BUF);
				p->in_cap = p->in ? READ_BUF : 0;
			}
			if (p->in == NULL) {
				peer_lost(p, "out of memory");
				return;
			}
			memcpy(p->in, data + off, len - off);
			p->in_len = len - off;
		}
	} else {
		memmove(p->in, p->in + off, len - off);
		p->in_len = len - off;
	}
}

/* ---- connecting ---- */

static void
on_pipe_closed(uv_handle_t *h)
{
	free(h);
}

static void
drop_pipe(struct peer *p)
{
	if (p->pipe != NULL) {
		uv_close((uv_handle_t *)p->pipe, on_pipe_closed);
		p->pipe = NULL;
	}
	p->in_len = 0;
}

static void
handshake_done(struct peer *p)
{
	if (!p->counted) {
		p->counted = 1;
		p->sw->ready++;
		p->sw->in_flight--;
	}
}

static void
peer_lost(struct peer *p, const char *why)
{
	struct swarm *sw = p->sw;

	drop_pipe(p);
	if (p->state == P_CONNECTING || p->state == P_HELLO) {
		/* The backlog was full or the host was busy: again soon. */
		if (++p->attempts > 200) {
			p->state = P_DEAD;
			sw->failed_hard++;
			sw->in_flight--;
			note_error(sw, "cannot connect: %s", why ? why : "closed");
			return;
		}
		p->state = P_RETRY;
		p->retry_at = now_ms() + 20 + (p->attempts > 5 ? 100 : 0);
		return;
	}
	if (p->frozen && p->kind == PEER_PART) {
		p->state = P_IDLE;	/* dropped by the host, as expected */
		return;
	}
	p->state = P_DEAD;
	if (p->kind != PEER_FLOOR)
		note_error(sw, "connection lost: %s", why ? why : "closed");
}

static void
on_connect(uv_connect_t *req, int status)
{
	struct peer *p = req->data;
	struct wbuf w = { 0 };
	struct msg_hello h;

	if (p->pipe == NULL || req->handle != (uv_stream_t *)p->pipe)
		return;
	if (status < 0) {
		peer_lost(p, uv_strerror(status));
		return;
	}
	uv_read_start((uv_stream_t *)p->pipe, on_alloc, on_read);
	if (p->kind == PEER_FLOOR) {
		p->state = P_READY;
		handshake_done(p);
		return;
	}
	memset(&h, 0, sizeof h);
	h.proto = PROTO_VERSION;
	h.view = p->kind == PEER_CTL ? VIEW_CTL : VIEW_PARTICIPANT;
	if (p->kind == PEER_PART) {
		snprintf(h.name, sizeof h.name, "swarm %05d", p->idx);
		snprintf(h.site, sizeof h.site, "site %d", p->idx % 7);
		util_strlcpy(h.token, p->token, sizeof h.token);
	}
	msg_hello_encode(&w, &h);
	send_wbuf(p, &w);
	wbuf_free(&w);
	p->state = P_HELLO;
}

static void
peer_connect(struct peer *p, const char *path)
{
	if ((p->pipe = calloc(1, sizeof *p->pipe)) == NULL) {
		p->state = P_DEAD;
		return;
	}
	uv_pipe_init(p->sw->loop, p->pipe, 0);
	p->pipe->data = p;
	p->creq.data = p;
	p->state = P_CONNECTING;
	uv_pipe_connect(&p->creq, p->pipe, path, on_connect);
}

/* Keep at most CONNECT_WINDOW handshakes in flight; retry the refused. */
static void
on_pump(uv_timer_t *t)
{
	struct swarm *sw = t->data;
	struct peer *set = sw->connecting_set;
	const char *path = set == sw->floors ? sw->floor_sock : sw->sock;
	double now = now_ms();

	if (set == NULL)
		return;
	for (int i = 0; i < sw->connecting_n; i++) {
		struct peer *p = &set[i];

		if (p->state == P_RETRY && now >= p->retry_at)
			peer_connect(p, path);
		if (p->state == P_READY && !p->counted && (p->kind ==
		    PEER_FLOOR || p->got_snap))
			handshake_done(p);
	}
	while (sw->next_connect < sw->connecting_n && sw->in_flight <
	    CONNECT_WINDOW) {
		sw->in_flight++;
		peer_connect(&set[sw->next_connect++], path);
	}
}

static int
all_ready(struct swarm *sw)
{
	return sw->ready + sw->failed_hard >= sw->connecting_n;
}

static int
connect_all(struct swarm *sw, struct peer *set, int n, double ms)
{
	sw->connecting_set = set;
	sw->connecting_n = n;
	sw->next_connect = 0;
	sw->in_flight = 0;
	sw->ready = 0;
	sw->failed_hard = 0;
	uv_timer_start(&sw->pump, on_pump, 0, 2);
	run_until(sw, all_ready, ms);
	uv_timer_stop(&sw->pump);
	sw->connecting_set = NULL;
	return sw->ready;
}

/* ---- ctl ---- */

static int
got_reply(struct swarm *sw)
{
	return sw->reply_got;
}

static int
ctl_send(struct swarm *sw, const char *a0, const char *a1)
{
	struct msg_ctl *m = calloc(1, sizeof *m);
	struct wbuf w = { 0 };

	if (m == NULL)
		return -1;
	m->argc = a1 ? 2 : 1;
	util_strlcpy(m->argv[0], a0, sizeof m->argv[0]);
	if (a1)
		util_strlcpy(m->argv[1], a1, sizeof m->argv[1]);
	msg_ctl_encode(&w, m);
	free(m);
	sw->reply_got = 0;
	send_wbuf(&sw->ctl, &w);
	wbuf_free(&w);
	return 0;
}

static int
ctl(struct swarm *sw, const char *a0, const char *a1)
{
	if (ctl_send(sw, a0, a1) != 0 || run_until(sw, got_reply, 20000) != 0) {
		note_error(sw, "ctl %s: no reply", a0);
		return -1;
	}
	if (sw->reply_status != 0) {
		note_error(sw, "ctl: %s", sw->reply);
		return -1;
	}
	return 0;
}

static int
status_connected(struct swarm *sw)
{
	const char *c;

	if (ctl(sw, "status", NULL) != 0 || (c = strstr(sw->reply,
	    "\"connected\":")) == NULL)
		return -1;
	return atoi(c + strlen("\"connected\":"));
}

/* ---- measuring changes ---- */

static int
all_arrived(struct swarm *sw)
{
	return sw->arrived >= sw->measuring;
}

static int
quiet(struct swarm *sw)
{
	return now_ms() - sw->last_snap > 150;
}

/*
 * One screen change: send it (or trigger the floor), wait until every
 * peer of `set` that is not frozen shows it.  Appends arrival times.
 */
static long
change(struct swarm *sw, struct peer *set, int n, const char *cmd,
    int want_current, int want_state, double **v, size_t *nv, size_t *cap)
{
	long missing = 0;
	int expect = 0;

	for (int i = 0; i < n; i++) {
		set[i].arrived = 0;
		expect += set[i].state == P_READY && !set[i].frozen;
	}
	sw->want_current = want_current;
	sw->want_state = want_state;
	sw->arrived = 0;
	sw->measuring = expect;
	sw->t0 = now_ms();
	if (cmd != NULL)
		ctl_send(sw, cmd, NULL);
	else if (write(sw->floor_ctl, "x", 1) != 1)
		note_error(sw, "%s", "floor trigger failed");
	run_until(sw, all_arrived, 15000);
	sw->measuring = 0;
	for (int i = 0; i < n; i++) {
		if (set[i].state != P_READY || set[i].frozen)
			continue;
		if (set[i].arrived > 0)
			push_ms(v, nv, cap, set[i].arrived - sw->t0);
		else
			missing++;
	}
	if (getenv("SWARM_DEBUG") != NULL) {
		double mx = 0;
		int late = 0;

		for (int i = 0; i < n; i++)
			if (set[i].arrived > 0) {
				if (set[i].arrived - sw->t0 > mx)
					mx = set[i].arrived - sw->t0;
				late += set[i].arrived - sw->t0 > 100;
			}
		fprintf(stderr, "change %s: max %.1f ms, %d over 100 ms, "
		    "reply %d\n", cmd ? cmd : "floor", mx, late, sw->reply_got);
	}
	if (cmd != NULL && (run_until(sw, got_reply, 15000) != 0 ||
	    sw->reply_status != 0))
		note_error(sw, "ctl %s failed", cmd);
	run_until(sw, quiet, 2000);
	return missing;
}

/* ---- answers ---- */

static void
send_answer(struct swarm *sw, struct peer *p)
{
	struct msg_answer m;
	struct wbuf w = { 0 };
	static uint32_t counter;

	memset(&m, 0, sizeof m);
	m.seq = ++counter;
	snprintf(m.activity, sizeof m.activity, "q%d", sw->cur_act + 1);
	p->apending_choice = 1 + (int)((p->idx + sw->a_sent) % 5);
	p->apending_act = sw->cur_act;
	snprintf(m.value, sizeof m.value, "%d", p->apending_choice);
	msg_answer_encode(&w, &m);
	p->aseq = m.seq;
	p->asent = now_ms();
	send_wbuf(p, &w);
	wbuf_free(&w);
	sw->a_sent++;
}

/* Every millisecond: send what the rate owes, one answer in flight per
 * participant (a busy one is skipped: a slow host shows as a shortfall). */
static void
on_sched(uv_timer_t *t)
{
	struct swarm *sw = t->data;
	double owed = sw->rate * (now_ms() - sw->a_start) / 1000.0;
	int tries = 0;

	if (!sw->answering)
		return;
	while (sw->a_budget < (long)owed && tries < sw->n) {
		struct peer *p = &sw->peers[sw->cursor];

		sw->cursor = (sw->cursor + 1) % sw->n;
		tries++;
		if (p->state != P_READY || p->frozen || p->aseq != 0)
			continue;
		send_answer(sw, p);
		sw->a_budget++;
		tries = 0;
	}
	/* What could not be sent is not owed later: no bursts of catch-up. */
	if (sw->a_budget < (long)owed)
		sw->a_budget = (long)owed;
}

static int
acks_drained(struct swarm *sw)
{
	for (int i = 0; i < sw->n; i++)
		if (sw->peers[i].aseq != 0 && sw->peers[i].state == P_READY)
			return 0;
	return 1;
}

static double
answer_phase(struct swarm *sw, double seconds)
{
	long acked0 = sw->a_acked;
	double start;

	sw->answering = 1;
	sw->a_start = start = now_ms();
	sw->a_budget = 0;
	uv_timer_start(&sw->sched, on_sched, 1, 1);
	run_until(sw, never, seconds * 1000);
	sw->answering = 0;
	uv_timer_stop(&sw->sched);
	if (run_until(sw, acks_drained, 15000) != 0)
		note_error(sw, "%s", "acks still missing after 15 s");
	run_until(sw, quiet, 3000);
	if (sw->a_last_ack <= start)
		return 0;
	return (double)(sw->a_acked - acked0) * 1000.0 / (sw->a_last_ack -
	    start);
}

/*
 * With --check: once answers stop, every participant's screen must come
 * to show the final count, however the host spaces its count updates.
 * Returns how many do not within 5 s.
 */
static int
counts_settled_n(struct swarm *sw, uint32_t want)
{
	int stale = 0;

	for (int i = 0; i < sw->n; i++)
		stale += sw->peers[i].state == P_READY && !sw->peers[i].frozen &&
		    sw->peers[i].answered != want;
	return stale;
}

static int
counts_settled(struct swarm *sw)
{
	return counts_settled_n(sw, sw->settle_want) == 0;
}

static void
check_counts(struct swarm *sw, int act)
{
	char what[96];
	int stale;

	sw->settle_want = 0;
	for (int i = 0; i < sw->n; i++)
		sw->settle_want += sw->peers[i].acked[act] != 0;
	run_until(sw, counts_settled, 5000);
	if ((stale = counts_settled_n(sw, sw->settle_want)) > 0) {
		snprintf(what, sizeof what, "%d show a count other than %u",
		    stale, sw->settle_want);
		note_error(sw, "counts after answering: %s", what);
	}
}

/* ---- the database ---- */

/* Every acknowledged answer must be there: the last one of each person. */
static long
verify(struct swarm *sw, long *checked)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long lost = 0;
	int8_t *got;
	uint32_t max_id = 0;

	*checked = 0;
	for (int i = 0; i < sw->n; i++)
		if (sw->peers[i].id > max_id)
			max_id = sw->peers[i].id;
	if ((got = calloc((size_t)(max_id + 1) * MAX_ACTS, 1)) == NULL)
		return -1;
	if (sqlite3_open_v2(sw->db, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(db, "SELECT a.participant, "
	    "act.idx, a.choice FROM answers a JOIN activities act ON "
	    "act.id = a.activity WHERE act.session = (SELECT max(id) FROM "
	    "sessions) AND a.participant IS NOT NULL", -1, &st, NULL) !=
	    SQLITE_OK) {
		note_error(sw, "verify: %s", sqlite3_errmsg(db));
		sqlite3_close(db);
		free(got);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(st, 0);
		int idx = sqlite3_column_int(st, 1);

		if (pid > 0 && pid <= max_id && idx >= 0 && idx < MAX_ACTS)
			got[pid * MAX_ACTS + idx] = (int8_t)sqlite3_column_int(
			    st, 2);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	for (int i = 0; i < sw->n; i++) {
		struct peer *p = &sw->peers[i];

		for (int a = 0; a < MAX_ACTS; a++) {
			if (p->acked[a] == 0)
				continue;
			(*checked)++;
			if (p->id == 0 || got[p->id * MAX_ACTS + a] !=
			    p->acked[a])
				lost++;
		}
	}
	free(got);
	return lost;
}

/* ---- processes ---- */

static int
write_plan(struct swarm *sw)
{
	FILE *f = fopen(sw->plan, "w");

	if (f == NULL)
		return -1;
	fprintf(f, "title = Swarm\n");
	for (int i = 0; i < sw->n_acts; i++)
		fprintf(f, "\n[poll]\nid = q%d\nquestion = Question %d of the "
		    "swarm?\ntype = single\noptions = One | Two | Three | Four "
		    "| Five\nreveal = live\n", i + 1, i + 1);
	return fclose(f);
}

static pid_t
spawn_host(struct swarm *sw)
{
	char log[4200];
	pid_t pid;

	snprintf(log, sizeof log, "%s/host.log", sw->dir);
	if ((pid = fork()) == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execl(sw->convene, "convene", "host", sw->plan, "--headless",
		    "--db", sw->db, "--socket", sw->sock, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* The floor: a process that holds N sockets and, per byte on its control
 * pipe, writes the frame to each of them with plain blocking write(). */
static pid_t
spawn_floor(struct swarm *sw, int n)
{
	int pfd[2], lfd;
	struct sockaddr_un sun;
	pid_t pid;

	unlink(sw->floor_sock);
	if ((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		return -1;
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	util_strlcpy(sun.sun_path, sw->floor_sock, sizeof sun.sun_path);
	if (bind(lfd, (struct sockaddr *)&sun, sizeof sun) != 0 ||
	    listen(lfd, SOMAXCONN) != 0 || pipe(pfd) != 0) {
		close(lfd);
		return -1;
	}
	if ((pid = fork()) == 0) {
		int *fds = calloc((size_t)n, sizeof *fds);
		char c;

		close(pfd[1]);
		for (int i = 0; i < n; i++)
			if ((fds[i] = accept(lfd, NULL, NULL)) < 0)
				_exit(1);
		while (read(pfd[0], &c, 1) == 1)
			for (int i = 0; i < n; i++)
				for (size_t off = 0; off < sw->frame_len;) {
					ssize_t w = write(fds[i], sw->frame +
					    off, sw->frame_len - off);

					if (w <= 0)
						_exit(1);
					off += (size_t)w;
				}
		_exit(0);
	}
	close(lfd);
	close(pfd[0]);
	sw->floor_ctl = pfd[1];
	return pid;
}

static void
raise_nofile(int want, int *capped)
{
	struct rlimit rl;

	*capped = 0;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	/* The participants, the floor's sockets, and some to spare. */
	if ((rlim_t)want * 2 + 64 > rl.rlim_cur)
		*capped = (int)((rl.rlim_cur - 64) / 2);
}

static int
usage(void)
{
	fputs("usage: bench-swarm --convene BIN --dir DIR [-n N] [--rate R] "
	    "[--seconds S] [--changes K] [--freeze F [--control]] "
	    "[--no-floor] [--check]\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	static struct swarm s;
	struct swarm *sw = &s;
	int n = 200, changes = 10, freeze = 0, do_floor = 1, capped;
	int control = 0;
	double rate = -1, seconds = 3, t_exec, startup;
	double *chg = NULL, *flo = NULL, *frz = NULL, *bas = NULL;
	size_t n_chg = 0, c_chg = 0, n_flo = 0, c_flo = 0, n_frz = 0, c_frz = 0;
	size_t n_bas = 0, c_bas = 0;
	long missing = 0, lost, checked, rss0, rss1;
	double aps = 0, drop_ms = -1;
	int resumed = 0, status = 0, act = -1;

	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;

		if (strcmp(a, "--convene") == 0 && more)
			sw->convene = argv[++i];
		else if (strcmp(a, "--dir") == 0 && more)
			sw->dir = argv[++i];
		else if (strcmp(a, "-n") == 0 && more)
			n = atoi(argv[++i]);
		else if (strcmp(a, "--rate") == 0 && more)
			rate = atof(argv[++i]);
		else if (strcmp(a, "--seconds") == 0 && more)
			seconds = atof(argv[++i]);
		else if (strcmp(a, "--changes") == 0 && more)
			changes = atoi(argv[++i]);
		else if (strcmp(a, "--freeze") == 0 && more)
			freeze = atoi(argv[++i]);
		else if (strcmp(a, "--control") == 0)
			control = 1;
		else if (strcmp(a, "--no-floor") == 0)
			do_floor = 0;
		else if (strcmp(a, "--check") == 0)
			sw->check = 1;
		else
			return usage();
	}
	if (sw->convene == NULL || sw->dir == NULL || n < 1 || changes < 2)
		return usage();
	changes &= ~1;		/* next/open pairs */
	raise_nofile(n, &capped);
	if (capped > 0 && capped < n) {
		printf("capped_by_nofile=%d\n", capped);
		n = capped;
	}
	if (rate < 0)
		rate = n * 10.0 < 5000 ? n * 10.0 : 5000;
	sw->n = n;
	sw->rate = rate;
	sw->n_acts = changes / 2 * (freeze > 0 ? 3 : 1) + 2;
	if (sw->n_acts > MAX_ACTS)
		return usage();
	snprintf(sw->plan, sizeof sw->plan, "%s/swarm.plan", sw->dir);
	snprintf(sw->db, sizeof sw->db, "%s/swarm.db", sw->dir);
	if ((size_t)snprintf(sw->sock, sizeof sw->sock, "%s/host.sock",
	    sw->dir) >= sizeof sw->sock || (size_t)snprintf(sw->floor_sock,
	    sizeof sw->floor_sock, "%s/floor.sock", sw->dir) >=
	    sizeof sw->floor_sock) {
		fputs("bench-swarm: --dir too long for a socket path\n", stderr);
		return 2;
	}
	unlink(sw->db);
	if (write_plan(sw) != 0) {
		perror(sw->plan);
		return 2;
	}
	sw->loop = uv_default_loop();
	sw->rbuf = malloc(READ_BUF);
	sw->peers = calloc((size_t)n, sizeof *sw->peers);
	if (sw->rbuf == NULL || sw->peers == NULL)
		return 2;
	uv_timer_init(sw->loop, &sw->wake);
	uv_timer_start(&sw->wake, on_wake, 5, 5);
	uv_timer_init(sw->loop, &sw->pump);
	uv_timer_init(sw->loop, &sw->sched);
	sw->pump.data = sw->sched.data = sw;

	/* Host start to first answer of `ctl status`. */
	t_exec = now_ms();
	if ((sw->host = spawn_host(sw)) < 0)
		return 2;
	sw->ctl.sw = sw;
	sw->ctl.kind = PEER_CTL;
	sw->ctl.idx = -1;
	while (sw->ctl.state != P_READY && now_ms() - t_exec < 20000) {
		struct peer *c = &sw->ctl;

		c->state = P_IDLE;
		c->attempts = 0;
		peer_connect(c, sw->sock);
		while (c->state == P_CONNECTING || c->state == P_HELLO)
			uv_run(sw->loop, UV_RUN_ONCE);
		if (c->state != P_READY) {
			drop_pipe(c);
			usleep(2000);
		}
	}
	sw->errors = 0;
	sw->first_error[0] = '\0';
	if (sw->ctl.state != P_READY || ctl(sw, "status", NULL) != 0) {
		fprintf(stderr, "bench-swarm: the host did not come up (see "
		    "%s/host.log)\n", sw->dir);
		kill(sw->host, SIGTERM);
		return 1;
	}
	startup = now_ms() - t_exec;
	usleep(200000);
	rss0 = vmrss_kib(sw->host);

	/* N participants. */
	for (int i = 0; i < n; i++) {
		sw->peers[i].sw = sw;
		sw->peers[i].idx = i;
		sw->peers[i].kind = PEER_PART;
	}
	double tc = now_ms();
	int ready = connect_all(sw, sw->peers, n, 180000);
	printf("connect_ms=%.0f\n", now_ms() - tc);
	run_until(sw, quiet, 10000);
	usleep(300000);
	rss1 = vmrss_kib(sw->host);

	/* Screen changes: next (a new activity), then open it. */
	sw->capture = 1;
	for (int k = 0; k < changes; k++) {
		if (k % 2 == 0)
			act++;
		missing += change(sw, sw->peers, n, k % 2 ? "open" : "next",
		    act, k % 2 ? ACT_OPEN : -1, &chg, &n_chg, &c_chg);
	}
	sw->capture = 0;
	double c50 = pct(chg, n_chg, 0.5), c99 = pct(chg, n_chg, 0.99);

	/* Answers at the rate, then every ack in. */
	sw->cur_act = act;
	aps = answer_phase(sw, seconds);
	if (sw->check)
		check_counts(sw, act);
	double a50 = pct(sw->ack_ms, sw->n_ack, 0.5);
	double a99 = pct(sw->ack_ms, sw->n_ack, 0.99);

	/* A frozen few: the others' change times, the drop, the resume. */
	if (freeze > 0 && freeze < n) {
		double tf;
		int want = 0;

		/* The same changes just before, after the same traffic, as
		 * the baseline: the first ones ran on an idle room. */
		answer_phase(sw, 2);
		for (int k = 0; k < changes; k++) {
			if (k % 2 == 0)
				act++;
			missing += change(sw, sw->peers, n, k % 2 ? "open" :
			    "next", act, k % 2 ? ACT_OPEN : -1, &bas, &n_bas,
			    &c_bas);
		}
		sw->cur_act = act;
		for (int i = 0; i < freeze && !control; i++) {
			struct peer *p = &sw->peers[(long)i * n / freeze];

			p->frozen = 1;
			uv_read_stop((uv_stream_t *)p->pipe);
		}
		tf = now_ms();
		/* Traffic to fill their socket buffers. */
		answer_phase(sw, 2);
		for (int k = 0; k < changes; k++) {
			if (k % 2 == 0)
				act++;
			missing += change(sw, sw->peers, n, k % 2 ? "open" :
			    "next", act, k % 2 ? ACT_OPEN : -1, &frz, &n_frz,
			    &c_frz);
		}
		sw->cur_act = act;
		while (!control && now_ms() - tf < 60000) {
			int c = status_connected(sw);

			if (c >= 0 && c <= n - freeze) {
				drop_ms = now_ms() - tf;
				break;
			}
			/* Keep the room busy: the frozen sockets fill up. */
			answer_phase(sw, 0.5);
		}
		/* Reading again: what was queued, then the host's goodbye. */
		for (int i = 0; i < n; i++)
			if (sw->peers[i].frozen && sw->peers[i].pipe != NULL)
				uv_read_start((uv_stream_t *)sw->peers[i].pipe,
				    on_alloc, on_read);
		run_until(sw, never, 500);
		for (int i = 0; i < n; i++) {
			struct peer *p = &sw->peers[i];

			if (!p->frozen)
				continue;
			want++;
			drop_pipe(p);
			p->first_id = p->id;
			p->frozen = 0;
			p->got_snap = 0;
			p->state = P_RETRY;
			p->counted = 0;
		}
		sw->connecting_set = sw->peers;
		sw->connecting_n = n;
		sw->next_connect = n;
		sw->in_flight = want;
		uv_timer_start(&sw->pump, on_pump, 0, 2);
		for (double t = now_ms(); now_ms() - t < 10000;) {
			resumed = 0;
			for (int i = 0; i < n; i++)
				resumed += sw->peers[i].resumed &&
				    sw->peers[i].got_snap;
			if (resumed == want)
				break;
			uv_run(sw->loop, UV_RUN_ONCE);
		}
		uv_timer_stop(&sw->pump);
		sw->connecting_set = NULL;
	}
	double f99 = pct(frz, n_frz, 0.99), b99 = pct(bas, n_bas, 0.99);

	lost = verify(sw, &checked);

	/* The floor, with the bytes of a change snapshot. */
	double fl50 = -1, fl99 = -1;

	if (do_floor && sw->frame != NULL) {
		if ((sw->floors = calloc((size_t)n, sizeof *sw->floors)) ==
		    NULL || (sw->floor_pid = spawn_floor(sw, n)) < 0)
			note_error(sw, "%s", "cannot start the floor");
		else {
			for (int i = 0; i < n; i++) {
				sw->floors[i].sw = sw;
				sw->floors[i].idx = i;
				sw->floors[i].kind = PEER_FLOOR;
			}
			connect_all(sw, sw->floors, n, 60000);
			for (int k = 0; k < changes; k++)
				missing += change(sw, sw->floors, n, NULL, 0,
				    -1, &flo, &n_flo, &c_flo);
			close(sw->floor_ctl);
			fl50 = pct(flo, n_flo, 0.5);
			fl99 = pct(flo, n_flo, 0.99);
			for (int i = 0; i < n; i++)
				drop_pipe(&sw->floors[i]);
			waitpid(sw->floor_pid, NULL, 0);
			unlink(sw->floor_sock);
		}
	}

	kill(sw->host, SIGTERM);
	waitpid(sw->host, NULL, 0);

	printf("participants=%d\nready=%d\nstartup_ms=%.1f\n", n, ready,
	    startup);
	printf("change_p50_ms=%.2f\nchange_p99_ms=%.2f\nchange_samples=%zu\n",
	    c50, c99, n_chg);
	printf("floor_p50_ms=%.2f\nfloor_p99_ms=%.2f\n", fl50, fl99);
	printf("ratio=%.2f\n", fl99 > 0 ? c99 / fl99 : -1);
	printf("snapshot_bytes=%zu\n", sw->frame_len);
	printf("answers_target_per_s=%.0f\nanswers_per_s=%.0f\n", rate, aps);
	printf("answers_sent=%ld\nanswers_acked=%ld\nanswers_refused=%ld\n",
	    sw->a_sent, sw->a_acked, sw->a_nak);
	printf("ack_p50_ms=%.2f\nack_p99_ms=%.2f\n", a50, a99);
	printf("host_rss_base_kib=%ld\nhost_rss_kib=%ld\n", rss0, rss1);
	printf("kib_per_participant=%.2f\n", (double)(rss1 - rss0) / n);
	if (freeze > 0)
		printf("frozen=%d\nfrozen_base_p99_ms=%.2f\n"
		    "frozen_others_p99_ms=%.2f\nfrozen_p99_increase_pct=%.1f\n"
		    "frozen_dropped_after_ms=%.0f\nfrozen_resumed=%d\n", freeze,
		    b99, f99, b99 > 0 ? 100 * (f99 - b99) / b99 : 0, drop_ms,
		    resumed);
	printf("missing_arrivals=%ld\nverified_answers=%ld\nlost_answers=%ld\n",
	    missing, checked, lost);
	printf("snapshots=%ld\nbad_frames=%ld\nrefused=%ld\nerrors=%ld\n",
	    sw->snaps, sw->bad_frames, sw->refused, sw->errors);
	if (sw->nak_text[0])
		printf("first_refusal=%s\n", sw->nak_text);
	if (sw->first_error[0])
		printf("first_error=%s\n", sw->first_error);
	if (lost != 0 || missing != 0 || sw->bad_frames != 0 || ready != n ||
	    sw->errors != 0 || sw->a_nak != 0 || sw->a_acked == 0 ||
	    (freeze > 0 && !control && resumed != freeze))
		status = 1;
	printf("ok=%s\n", status == 0 ? "yes" : "no");
	return status;
}
