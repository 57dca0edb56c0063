/* server-client.c: one connected view: reading frames, queued writes. */
#define _GNU_SOURCE		/* struct ucred */
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/sockios.h>	/* SIOCOUTQ */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

/*
 * One connection.  At most one write is in flight; frames queue in `out`
 * behind it, and the snapshot is not queued at all: when the socket is
 * free the newest one is cut then, so a slow client skips the snapshots
 * it could not take instead of piling them up.  Acknowledgements wait in
 * `held` until the turn's transaction commits.
 */
struct client {
	uv_pipe_t pipe;
	struct server *srv;
	struct client *prev, *next;
	unsigned char *in;
	size_t in_len, in_cap;
	int greeted;
	int view;
	uid_t uid;
	struct participant *p;
	uint32_t sent_seq;
	int sent_any;
	struct wbuf out;	/* frames waiting for the socket */
	struct wbuf held;	/* acks waiting for the commit */
	struct wbuf flight;	/* the bytes libuv is writing */
	uv_write_t req;
	int writing;
	int64_t write_since;
	int closing;
	int close_after;	/* refused: close once the reason is sent */
	int64_t refuse_at;	/* wrong code: refuse then, not at once */
	uint32_t claim;		/* asking for a seat back: the request's id */
	int64_t since;		/* accepted at; a client must say hello soon */
	char refuse_why[128];
	double tokens;		/* rate limit: frames we will still take */
	int64_t tokens_at;
	int flood_logged;
	struct client *due_next;	/* on the server's list of clients
					 * that read this turn */
	int on_due;
	int missed;		/* busy when a broadcast passed it */
	int queued;		/* what the kernel held for it at last look */
	int64_t stuck_since;	/* unread bytes waiting since, or 0 */
};

static void refuse(struct client *, const char *);

struct client *
server_client_next(struct client *c)
{
	return c->next;
}


/* `c` read something this turn: the turn's end looks at it. */
static void
mark(struct client *c)
{
	if (c->on_due)
		return;
	c->on_due = 1;
	c->due_next = c->srv->due;
	c->srv->due = c;
}

static void
on_closed(uv_handle_t *h)
{
	struct client *c = h->data;
	struct client **pp;

	for (pp = &c->srv->due; c->on_due && *pp != NULL; pp = &(*pp)->due_next)
		if (*pp == c) {
			*pp = c->due_next;
			break;
		}

	free(c->in);
	wbuf_free(&c->out);
	wbuf_free(&c->held);
	wbuf_free(&c->flight);
	free(c);
}

void
server_client_close(struct client *c, const char *why)
{
	struct server *srv = c->srv;

	if (c->closing)
		return;
	c->closing = 1;
	if (why != NULL)
		server_log(srv, "client %s%s: %s", c->p ? "of " : "",
		    c->p ? c->p->name : "(not joined)", why);
	if (c->p != NULL)
		session_disconnected(srv->sess, c->p);
	if (c->claim != 0)
		session_claim_take(srv->sess, c->claim);
	if (srv->cursor == c)
		srv->cursor = c->next;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		srv->clients = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	srv->n_clients--;
	uv_close((uv_handle_t *)&c->pipe, on_closed);
}

static void
on_written(uv_write_t *req, int status)
{
	struct client *c = req->data;

	c->writing = 0;
	c->flight.len = 0;
	if (c->closing)
		return;
	if (status < 0 || (c->close_after && c->out.len == 0)) {
		server_client_close(c, status < 0 ? uv_strerror(status) : NULL);
		return;
	}
	if (server_client_due(c, 0))
		server_client_flush(c);
}

/*
 * Does `c` need a flush now?  With `all` (a broadcast turn) every client
 * does; otherwise one with output waiting (acks, replies), a new one, or
 * one that was busy when the last broadcast went out.  The others take
 * the next broadcast (see struct server).
 */
int
server_client_due(struct client *c, int all)
{
	return all || c->out.len > 0 || c->close_after || !c->sent_any ||
	    c->missed || (int32_t)(c->sent_seq - c->srv->bcast_seq) < 0;
}

/* A snapshot as `p` sees it in `view`, with what the server adds. */
static struct snapshot *
cut(struct server *srv, const struct participant *p, int view)
{
	struct snapshot *snap = malloc(sizeof *snap);

	if (snap == NULL)
		return NULL;
	session_snapshot(srv->sess, p, view, snap);
	util_strlcpy(snap->join_hint, srv->join_hint, sizeof snap->join_hint);
	if (srv->store_failed)
		util_strlcpy(snap->banner, "Answers paused: the host cannot "
		    "save right now.", sizeof snap->banner);
	return snap;
}

/* The whole snapshot, cut for this client alone. */
static int
put_snapshot(struct client *c)
{
	struct snapshot *snap = cut(c->srv, c->p, c->view);
	int rc;

	if (snap == NULL)
		return -1;
	if (c->claim != 0)
		snprintf(snap->banner, sizeof snap->banner, "The facilitator is "
		    "confirming that this seat is yours. Please wait a moment.");
	rc = snapshot_fit(&c->flight, snap);
	free(snap);
	return rc;
}

/*
 * What every viewer of `view` shares of the current snapshot: the frame
 * without its header and without the viewer's own part, which
 * snapshot_encode puts last.  Encoded once per change and turn instead
 * of once per client: with thousands of clients, cutting each its own
 * snapshot was most of the host's time.  NULL when the view or the
 * activity needs a cut per viewer, or the shared part cannot be had.
 */
static const struct wbuf *
shared_part(struct server *srv, int view)
{
	struct wbuf *w = &srv->shared[view];
	struct wbuf empty = { 0 };
	struct snapshot *snap;
	int ok;

	if (srv->shared_ok[view] != 0 && srv->shared_seq[view] ==
	    srv->sess->seq)
		return srv->shared_ok[view] > 0 ? w : NULL;
	srv->shared_seq[view] = srv->sess->seq;
	srv->shared_ok[view] = -1;
	if (!session_snapshot_shared(srv->sess, view) ||
	    (snap = cut(srv, NULL, view)) == NULL)
		return NULL;
	w->len = 0;
	w->oom = 0;
	ok = snapshot_encode(w, snap) == 0;
	free(snap);
	/* Cut with no viewer, the own part is empty; it must be the last
	 * section, or it cannot be swapped for each viewer's. */
	snapshot_encode_mine(&empty, -1, "");
	ok = ok && !empty.oom && w->len >= FRAME_HEADER + empty.len &&
	    memcmp(w->data + w->len - empty.len, empty.data, empty.len) == 0;
	if (ok) {
		w->len -= empty.len + FRAME_HEADER;
		memmove(w->data, w->data + FRAME_HEADER, w->len);
		srv->shared_ok[view] = 1;
	}
	wbuf_free(&empty);
	return ok ? w : NULL;
}

/* The shared part with this client's own part appended; the same bytes
 * put_snapshot() would send (-1 when it cannot, and it must cut). */
static int
put_shared(struct client *c)
{
	const struct wbuf *sh = shared_part(c->srv, c->view);
	char value[VALUE_MAX_LEN + 1];
	int16_t mine;
	size_t at;

	if (sh == NULL)
		return -1;
	session_snapshot_mine(c->srv->sess, c->p, &mine, value, sizeof value);
	at = frame_begin(&c->flight, MSG_SNAPSHOT);
	wbuf_put(&c->flight, sh->data, sh->len);
	snapshot_encode_mine(&c->flight, mine, value);
	return frame_end(&c->flight, at);
}

/* Hand the socket everything waiting, plus the newest snapshot. */
void
server_client_flush(struct client *c)
{
	struct session *s = c->srv->sess;
	uv_buf_t b;

	if (c->closing || !c->greeted)
		return;
	if (c->writing) {
		c->missed = 1;		/* on_written sends it the newest */
		return;
	}
	c->missed = 0;
	/* A first snapshot places the screen (a form resumes at the first
	 * item not answered): it must not be cut from stale tallies. */
	if (!c->sent_any && c->view != VIEW_CTL)
		server_refresh(c->srv);
	if (c->out.len > 0) {
		wbuf_put(&c->flight, c->out.data, c->out.len);
		c->out.len = 0;
	}
	if (c->view != VIEW_CTL && (!c->sent_any || c->sent_seq != s->seq) &&
	    ((c->claim == 0 && put_shared(c) == 0) || put_snapshot(c) == 0)) {
		c->sent_seq = s->seq;
		c->sent_any = 1;
	}
	if (c->flight.oom) {
		server_client_close(c, "out of memory");
		return;
	}
	if (c->flight.len == 0)
		return;
	b = uv_buf_init((char *)c->flight.data, (unsigned)c->flight.len);
	c->req.data = c;
	if (uv_write(&c->req, (uv_stream_t *)&c->pipe, &b, 1, on_written) != 0) {
		c->flight.len = 0;
		server_client_close(c, "write failed");
		return;
	}
	c->writing = 1;
	c->write_since = util_now_ms();
}

/*
 * The turn's own sends: to each client that read this turn (its acks,
 * replies, first snapshot), and with `few`, the newest snapshot to the
 * facilitator's views.  Never a walk over every participant per turn.
 */
void
server_client_flush_due(struct server *srv, int few)
{
	struct client *c;

	while ((c = srv->due) != NULL) {
		srv->due = c->due_next;
		c->due_next = NULL;
		c->on_due = 0;
		if (server_client_due(c, 0))
			server_client_flush(c);
	}
	for (c = srv->clients; few && c != NULL; c = c->next)
		if (c->view != VIEW_PARTICIPANT)
			server_client_flush(c);
}

static void
queue(struct client *c, struct wbuf *w)
{
	if (w->len > CLIENT_QUEUE_MAX)
		server_client_close(c, "too much output queued (client stalled)");
}

/* After the turn's commit: acks go out, or become "not saved" notices. */
void
server_client_release(struct server *srv, int committed)
{
	for (struct client *c = srv->due; c != NULL; c = c->due_next) {
		struct rbuf r;
		const char *err;
		size_t used;
		struct frame f;

		if (c->held.len == 0)
			continue;
		if (committed) {
			wbuf_put(&c->out, c->held.data, c->held.len);
		} else {
			rbuf_init(&r, c->held.data, c->held.len);
			while (frame_decode(c->held.data + r.off, c->held.len -
			    r.off, &f, &used, &err) == 1) {
				struct msg_ack ack;
				struct msg_reply rep;

				if (msg_ack_decode(&f, &ack, &err) == 0) {
					ack.ok = 0;
					snprintf(ack.text, sizeof ack.text,
					    "answers paused: the host cannot "
					    "save right now; try again");
					msg_ack_encode(&c->out, &ack);
				} else if (msg_reply_decode(&f, &rep, &err) ==
				    0) {
					rep.status = 1;
					snprintf(rep.text, sizeof rep.text,
					    "not saved: %s",
					    store_error(srv->store));
					msg_reply_encode(&c->out, &rep);
				}
				r.off += used;
			}
		}
		c->held.len = 0;
		queue(c, &c->out);
	}
}

/* The session ended: tell every view so (they stop instead of waiting
 * to reconnect), then close once the message is out. */
void
server_client_goodbye(struct server *srv)
{
	for (struct client *c = srv->clients; c != NULL; c = c->next) {
		if (c->closing || !c->greeted || c->view == VIEW_CTL)
			continue;
		msg_refused_encode(&c->out, "The session has ended. Thank you "
		    "for taking part.");
		c->close_after = 1;
		server_client_flush(c);
	}
}

/*
 * Has `c` left bytes unread for CLIENT_STALL_MS?  A write that never
 * completes says so too, but only once the socket's buffer is full,
 * which at a few snapshots a second can take minutes.  So, once a
 * second, the kernel says how much it holds for the peer (SIOCOUTQ; on
 * a Unix socket, in its own units, and only whole messages go): a peer
 * that reads finds it empty, or at least smaller, at some look.
 */
static int
not_reading(struct client *c, int64_t now)
{
	uv_os_fd_t fd;
	int queued;

	if (!c->greeted || uv_fileno((uv_handle_t *)&c->pipe, &fd) != 0 ||
	    ioctl(fd, SIOCOUTQ, &queued) != 0)
		return 0;
	if (queued <= 0 || queued < c->queued)
		c->stuck_since = 0;
	else if (c->stuck_since == 0)
		c->stuck_since = now;
	c->queued = queued;
	return c->stuck_since != 0 && now - c->stuck_since > CLIENT_STALL_MS;
}

void
server_client_check_stalls(struct server *srv)
{
	int64_t now = util_now_ms();
	struct client *c, *next;

	for (c = srv->clients; c != NULL; c = next) {
		next = c->next;
		if (!c->greeted && c->refuse_at == 0 && now - c->since >
		    CLIENT_HELLO_MS) {
			server_client_close(c, NULL);	/* silent: not worth a log line each */
			continue;
		}
		if (c->refuse_at > 0 && now >= c->refuse_at) {
			c->refuse_at = 0;
			refuse(c, c->refuse_why);
			continue;
		}
		if ((c->writing && now - c->write_since > CLIENT_STALL_MS) ||
		    not_reading(c, now))
			server_client_close(c, "stalled; dropped (it may "
			    "resume)");
	}
}

static void
refuse(struct client *c, const char *why)
{
	msg_refused_encode(&c->out, why);
	c->greeted = 1;		/* lets flush send the refusal */
	c->view = VIEW_CTL;	/* and no snapshot */
	c->close_after = 1;
	server_log(c->srv, "refused a client: %s", why);
	server_client_flush(c);
	if (!c->writing)
		server_client_close(c, NULL);
}

static void
on_hello(struct client *c, const struct frame *f)
{
	struct server *srv = c->srv;
	struct msg_hello h;
	struct msg_welcome w;
	const char *err;
	char why[256];

	if (msg_hello_decode(f, &h, &err) != 0) {
		refuse(c, err);
		return;
	}
	if (h.proto != PROTO_VERSION) {
		refuse(c, "this convene is a different version from the "
		    "host's; update it");
		return;
	}
	/* The join code keeps strangers out; the host's own user (its
	 * dashboard, ctl, the projector) is already trusted by the kernel. */
	if (srv->code[0] != '\0' && strcmp(h.code, srv->code) != 0 &&
	    !(c->uid == srv->uid && h.view != VIEW_PARTICIPANT)) {
		/* A short delay makes guessing codes slow; reading stops so
		 * the client can do nothing else meanwhile. */
		snprintf(c->refuse_why, sizeof c->refuse_why, "%s", h.code[0] ?
		    "that join code is not right; ask the facilitator for it" :
		    "this session needs a join code (--code CODE)");
		c->refuse_at = util_now_ms() + 1000;
		uv_read_stop((uv_stream_t *)&c->pipe);
		return;
	}
	/* Only the host's own user may steer or project; others answer. */
	c->view = c->uid == srv->uid ? h.view : VIEW_PARTICIPANT;
	memset(&w, 0, sizeof w);
	if (c->view == VIEW_PARTICIPANT) {
		struct participant *seat;
		size_t before;

		util_sanitize(h.name, sizeof h.name);
		util_sanitize(h.site, sizeof h.site);
		/* No token for a seat that is empty but has this name and
		 * site: the same person on another terminal, probably.  The
		 * facilitator confirms before the seat changes hands. */
		if (session_by_token(srv->sess, h.token) == NULL &&
		    (seat = session_seat_for(srv->sess, h.name, h.site)) !=
		    NULL && (c->claim = session_claim_add(srv->sess, seat)) !=
		    0) {
			w.view = VIEW_PARTICIPANT;
			util_strlcpy(w.name, seat->name, sizeof w.name);
			util_strlcpy(w.site, seat->site, sizeof w.site);
			msg_welcome_encode(&c->out, &w);
			c->greeted = 1;
			srv->urgent = 1;
			server_log(srv, "%s (%s) asks for their seat back",
			    seat->name, seat->site[0] ? seat->site : "no site");
			return;
		}
		before = srv->sess->n_people;
		if (store_begin(srv->store) != 0 || (c->p = session_join(
		    srv->sess, h.name, h.site, h.token, why, sizeof why)) ==
		    NULL) {
			refuse(c, store_in_tx(srv->store) ? why :
			    "the host cannot save right now");
			return;
		}
		/* A new seat is committed at once: if the row were lost with
		 * a failed turn, its id could be given to someone else while
		 * this person still held it in memory. */
		if (srv->sess->n_people != before && store_commit(srv->store) !=
		    0) {
			srv->turn_lost = 1;
			session_unjoin(srv->sess, c->p);
			c->p = NULL;
			refuse(c, "the host cannot save right now; please join "
			    "again in a moment");
			return;
		}
		session_connected(srv->sess, c->p);
		w.participant = (uint32_t)c->p->id;
		util_strlcpy(w.token, c->p->token, sizeof w.token);
		util_strlcpy(w.name, c->p->name, sizeof w.name);
		util_strlcpy(w.site, c->p->site, sizeof w.site);
		server_log(srv, "%s (%s) joined", c->p->name,
		    c->p->site[0] ? c->p->site : "no site");
	}
	w.view = (uint8_t)c->view;
	msg_welcome_encode(&c->out, &w);
	c->greeted = 1;
}

static void
on_answer(struct client *c, const struct frame *f)
{
	struct msg_answer a;
	struct msg_ack ack;
	const char *err;

	if (msg_answer_decode(f, &a, &err) != 0) {
		server_client_close(c, err);
		return;
	}
	memset(&ack, 0, sizeof ack);
	ack.seq = a.seq;
	if (c->p == NULL) {
		snprintf(ack.text, sizeof ack.text, "only participants answer");
		msg_ack_encode(&c->out, &ack);
		return;
	}
	if (store_begin(c->srv->store) != 0) {
		snprintf(ack.text, sizeof ack.text, "answers paused: the host "
		    "cannot save right now; try again");
		msg_ack_encode(&c->out, &ack);
		return;
	}
	ack.ok = session_answer(c->srv->sess, c->p, a.activity, a.value,
	    ack.text, sizeof ack.text) == 0;
	msg_ack_encode(ack.ok ? &c->held : &c->out, &ack);
}

/*
 * `reclaim ID yes|no`: the facilitator's answer to someone asking for a
 * seat back.  Yes: that terminal takes the seat, with the seat's answers.
 * No: it gets a seat of its own (the name told apart by a number).
 */
static int
reclaim(struct server *srv, int argc, char **argv, char *out, size_t n)
{
	struct client *k;
	struct participant *seat;
	struct msg_welcome w;
	char *end, why[256];
	unsigned long id;

	if (argc != 3 || (id = strtoul(argv[1], &end, 10)) == 0 || *end !=
	    '\0' || (strcmp(argv[2], "yes") != 0 && strcmp(argv[2], "no") !=
	    0)) {
		snprintf(out, n, "usage: reclaim REQUEST-ID yes|no");
		return 2;
	}
	for (k = srv->clients; k != NULL && k->claim != id; k = k->next)
		;
	if (k == NULL || k->closing) {
		snprintf(out, n, "no request %lu (its terminal may have left)",
		    id);
		return 1;
	}
	if (store_begin(srv->store) != 0) {
		snprintf(out, n, "cannot save: %s", store_error(srv->store));
		return 1;
	}
	seat = session_claim_take(srv->sess, k->claim);
	k->claim = 0;
	if (argv[2][0] == 'y' && seat != NULL && seat->connected == 0 &&
	    session_give_seat(srv->sess, seat) == 0) {
		k->p = seat;
		snprintf(out, n, "%s has their seat back", seat->name);
	} else if ((k->p = session_join(srv->sess, seat ? seat->name : "?",
	    seat ? seat->site : "", NULL, why, sizeof why)) == NULL) {
		snprintf(out, n, "no seat given: %s", why);
		refuse(k, "the facilitator could not give you a seat; please "
		    "join again");
		return 1;
	} else
		snprintf(out, n, "%s gets a seat of their own", k->p->name);
	session_connected(srv->sess, k->p);
	memset(&w, 0, sizeof w);
	w.participant = (uint32_t)k->p->id;
	w.view = VIEW_PARTICIPANT;
	util_strlcpy(w.token, k->p->token, sizeof w.token);
	util_strlcpy(w.name, k->p->name, sizeof w.name);
	util_strlcpy(w.site, k->p->site, sizeof w.site);
	msg_welcome_encode(&k->out, &w);
	mark(k);
	srv->urgent = 1;
	return 0;
}

static void
on_ctl(struct client *c, const struct frame *f)
{
	struct msg_ctl m;
	struct msg_reply rep;
	char *argv[CTL_MAX_ARGS];
	const char *err;

	if (msg_ctl_decode(f, &m, &err) != 0) {
		server_client_close(c, err);
		return;
	}
	c->srv->urgent = 1;	/* whatever it changed goes out this turn */
	memset(&rep, 0, sizeof rep);
	if (c->view != VIEW_FACILITATOR && c->view != VIEW_CTL) {
		rep.status = 1;
		snprintf(rep.text, sizeof rep.text, "only the facilitator can "
		    "do that");
		msg_reply_encode(&c->out, &rep);
		return;
	}
	for (int i = 0; i < m.argc; i++)
		argv[i] = m.argv[i];
	if (strcmp(argv[0], "reclaim") == 0) {
		rep.status = (uint8_t)reclaim(c->srv, m.argc, argv, rep.text,
		    sizeof rep.text);
		server_log(c->srv, "ctl reclaim: %s", rep.text);
		msg_reply_encode(&c->out, &rep);
		return;
	}
	if (store_begin(c->srv->store) != 0) {
		rep.status = 1;
		snprintf(rep.text, sizeof rep.text, "cannot save: %s",
		    store_error(c->srv->store));
		msg_reply_encode(&c->out, &rep);
		return;
	}
	if (strcmp(argv[0], "status") == 0) {
		/* Status must count this turn's answers: commit them first
		 * (if that fails, they are gone: the turn must say so). */
		if (store_commit(c->srv->store) != 0)
			c->srv->turn_lost = 1;
		session_refresh(c->srv->sess);
	}
	rep.status = (uint8_t)session_command(c->srv->sess, m.argc, argv,
	    rep.text, sizeof rep.text);
	if (m.argc > 0 && strcmp(argv[0], "status") != 0)
		server_log(c->srv, "ctl %s: %s", argv[0], rep.text);
	msg_reply_encode(&c->held, &rep);
}

/* Token bucket: a participant may not send more than CLIENT_RATE frames
 * a second for long; the excess is dropped and logged once. */
static int
rate_ok(struct client *c)
{
	int64_t now = util_now_ms();

	if (c->view != VIEW_PARTICIPANT)
		return 1;
	c->tokens += (double)(now - c->tokens_at) * CLIENT_RATE / 1000.0;
	c->tokens_at = now;
	if (c->tokens > CLIENT_BURST)
		c->tokens = CLIENT_BURST;
	if (c->tokens < 1) {
		if (!c->flood_logged)
			server_log(c->srv, "%s sends too fast; dropping input",
			    c->p ? c->p->name : "a client");
		c->flood_logged = 1;
		return 0;
	}
	c->tokens -= 1;
	return 1;
}

static void
dispatch(struct client *c, const struct frame *f)
{
	if (!c->greeted) {
		if (f->type != MSG_HELLO)
			server_client_close(c, "spoke before hello");
		else
			on_hello(c, f);
		return;
	}
	if (!rate_ok(c))
		return;
	switch (f->type) {
	case MSG_ANSWER:
		on_answer(c, f);
		break;
	case MSG_CTL:
		on_ctl(c, f);
		break;
	default:
		server_client_close(c, "unexpected message");
		break;
	}
}

static void
on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct client *c = h->data;
	struct server *srv = c->srv;

	(void)hint;
	/* Input lands in the server's one buffer; only a frame the socket
	 * cut in two waits in the client's own (see keep_rest). */
	if (c->in_len == 0) {
		if (srv->inbuf == NULL && (srv->inbuf = malloc(2 * FRAME_MAX))
		    == NULL) {
			buf->base = NULL;
			buf->len = 0;
			return;
		}
		buf->base = (char *)srv->inbuf;
		buf->len = 2 * FRAME_MAX;
		return;
	}
	if (c->in_cap - c->in_len < 16384) {
		size_t cap = c->in_cap ? c->in_cap * 2 : 32768;
		unsigned char *n;

		if (cap > 2 * FRAME_MAX || (n = realloc(c->in, cap)) == NULL) {
			buf->base = NULL;
			buf->len = 0;
			return;
		}
		c->in = n;
		c->in_cap = cap;
	}
	buf->base = (char *)c->in + c->in_len;
	buf->len = c->in_cap - c->in_len;
}

/* Keep the unread rest of `data` (a frame cut in two) in the client's
 * own buffer; an idle client holds none. */
static int
keep_rest(struct client *c, const unsigned char *data, size_t off,
    size_t len)
{
	size_t rest = len - off, cap = 32768;
	unsigned char *n;

	if (data == c->in) {
		memmove(c->in, c->in + off, rest);
		c->in_len = rest;
	} else if (rest > 0) {
		/* Sizes on_alloc grows through, so it can still double. */
		while (cap < rest + 16384 && cap < 2 * FRAME_MAX)
			cap *= 2;
		if (c->in_cap < cap) {
			if ((n = realloc(c->in, cap)) == NULL)
				return -1;
			c->in = n;
			c->in_cap = cap;
		}
		memcpy(c->in, data + off, rest);
		c->in_len = rest;
	}
	if (c->in_len == 0 && c->in != NULL) {
		free(c->in);
		c->in = NULL;
		c->in_cap = 0;
	}
	return 0;
}

static void
on_read(uv_stream_t *st, ssize_t n, const uv_buf_t *buf)
{
	struct client *c = st->data;
	unsigned char *data;
	size_t len, off = 0, used;
	struct frame f;
	const char *err = NULL;
	int rc;

	if (n < 0) {
		server_client_close(c, n == UV_EOF ? NULL : uv_strerror((int)n));
		return;
	}
	if (c->in_len == 0 && buf->base == (char *)c->srv->inbuf) {
		data = c->srv->inbuf;
		len = (size_t)n;
	} else {
		c->in_len += (size_t)n;
		data = c->in;
		len = c->in_len;
	}
	while (!c->closing && !c->close_after && (rc = frame_decode(data + off,
	    len - off, &f, &used, &err)) == 1) {
		dispatch(c, &f);
		off += used;
	}
	if (c->closing || c->close_after)
		return;
	if (err != NULL) {
		server_client_close(c, err);
		return;
	}
	if (keep_rest(c, data, off, len) != 0) {
		server_client_close(c, "out of memory");
		return;
	}
	queue(c, &c->out);
	mark(c);
}

void
server_client_accept(struct server *srv)
{
	struct client *c = calloc(1, sizeof *c);
	struct ucred cred;
	socklen_t len = sizeof cred;
	uv_os_fd_t fd;

	if (c == NULL)
		return;
	c->srv = srv;
	c->since = util_now_ms();
	c->tokens = CLIENT_BURST;
	c->tokens_at = util_now_ms();
	uv_pipe_init(srv->loop, &c->pipe, 0);
	c->pipe.data = c;
	if (uv_accept((uv_stream_t *)&srv->listener, (uv_stream_t *)&c->pipe)
	    != 0) {
		uv_close((uv_handle_t *)&c->pipe, on_closed);
		return;
	}
	/* The kernel, not the client, says who is on the other end. */
	c->uid = (uid_t)-1;
	if (uv_fileno((uv_handle_t *)&c->pipe, &fd) == 0 &&
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
		c->uid = cred.uid;
	c->next = srv->clients;
	if (srv->clients != NULL)
		srv->clients->prev = c;
	srv->clients = c;
	srv->n_clients++;
	uv_read_start((uv_stream_t *)&c->pipe, on_alloc, on_read);
}
