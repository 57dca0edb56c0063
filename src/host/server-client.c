/* server-client.c: one connected view: reading frames, writes, snapshots. */
#define _GNU_SOURCE		/* struct ucred */
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/sockios.h>	/* SIOCOUTQ */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server-client.h"

struct client *
server_client_next(struct client *c)
{
	return c->next;
}

/* `c` read something this turn: the turn's end looks at it. */
void
server_client_mark(struct client *c)
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

/* Tell the client why it may not join, then close. */
void
server_client_refuse(struct client *c, const char *why)
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
			server_client_refuse(c, c->refuse_why);
			continue;
		}
		if ((c->writing && now - c->write_since > CLIENT_STALL_MS) ||
		    not_reading(c, now))
			server_client_close(c, "stalled; dropped (it may "
			    "resume)");
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
		c->srv->dispatch(c, &f);
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
	server_client_mark(c);
}

void
server_client_accept(struct server *srv, uv_stream_t *from,
    int participant_only)
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
	if (uv_accept(from, (uv_stream_t *)&c->pipe) != 0) {
		uv_close((uv_handle_t *)&c->pipe, on_closed);
		return;
	}
	/* The kernel, not the client, says who is on the other end. */
	c->uid = (uid_t)-1;
	if (!participant_only && uv_fileno((uv_handle_t *)&c->pipe, &fd) == 0 &&
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
		c->uid = cred.uid;
	c->next = srv->clients;
	if (srv->clients != NULL)
		srv->clients->prev = c;
	srv->clients = c;
	srv->n_clients++;
	uv_read_start((uv_stream_t *)&c->pipe, on_alloc, on_read);
}
