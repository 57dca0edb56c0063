/* conn.c: connect, say hello, read frames, reconnect with backoff. */
#include <stdlib.h>
#include <string.h>

#include "conn.h"

static void attempt(struct conn *);

static void
set_state(struct conn *c, enum conn_state st)
{
	c->state = st;
	if (c->on_state != NULL)
		c->on_state(c);
}

static void
on_pipe_closed(uv_handle_t *h)
{
	free(h);
}

static void
drop_pipe(struct conn *c)
{
	if (c->pipe != NULL) {
		uv_close((uv_handle_t *)c->pipe, on_pipe_closed);
		c->pipe = NULL;
	}
	c->in_len = 0;
	c->out.len = 0;
	c->writing = 0;
}

static void
on_retry(uv_timer_t *t)
{
	attempt(t->data);
}

/* Lost the host: try again later, or stop if we may not. */
static void
lost(struct conn *c, const char *why)
{
	drop_pipe(c);
	if (why != NULL)
		util_strlcpy(c->reason, why, sizeof c->reason);
	if (c->state == CONN_REFUSED || c->state == CONN_CLOSED)
		return;
	if (!c->retry) {
		set_state(c, CONN_CLOSED);
		return;
	}
	set_state(c, CONN_RETRYING);
	uv_timer_start(&c->timer, on_retry, (uint64_t)c->backoff_ms, 0);
	c->backoff_ms = c->backoff_ms * 2 > 4000 ? 4000 : c->backoff_ms * 2;
}

static void flush(struct conn *);

static void
on_written(uv_write_t *req, int status)
{
	struct conn *c = req->data;

	if (c->pipe == NULL || req->handle != (uv_stream_t *)c->pipe)
		return;		/* an old pipe's write */
	c->writing = 0;
	c->flight.len = 0;
	if (status < 0) {
		lost(c, uv_strerror(status));
		return;
	}
	flush(c);
}

static void
flush(struct conn *c)
{
	uv_buf_t b;

	if (c->pipe == NULL || c->writing || c->out.len == 0)
		return;
	wbuf_put(&c->flight, c->out.data, c->out.len);
	c->out.len = 0;
	b = uv_buf_init((char *)c->flight.data, (unsigned)c->flight.len);
	c->wreq.data = c;
	if (uv_write(&c->wreq, (uv_stream_t *)c->pipe, &b, 1, on_written) != 0) {
		c->flight.len = 0;
		lost(c, "write failed");
		return;
	}
	c->writing = 1;
}

static void
handle(struct conn *c, const struct frame *f)
{
	const char *err = NULL;

	switch (f->type) {
	case MSG_WELCOME: {
		struct msg_welcome w;

		if (msg_welcome_decode(f, &w, &err) != 0)
			break;
		util_strlcpy(c->hello.token, w.token, sizeof c->hello.token);
		c->backoff_ms = 250;
		set_state(c, CONN_READY);
		if (c->on_welcome != NULL)
			c->on_welcome(c, &w);
		return;
	}
	case MSG_REFUSED:
		if (msg_refused_decode(f, c->reason, sizeof c->reason, &err)
		    != 0)
			break;
		drop_pipe(c);
		set_state(c, CONN_REFUSED);
		return;
	case MSG_SNAPSHOT:
		if (c->snap == NULL && (c->snap = malloc(sizeof *c->snap)) ==
		    NULL)
			return;
		c->snap_ok = snapshot_decode(f, c->snap, &err) == 0;
		if (!c->snap_ok)
			break;
		if (c->on_snapshot != NULL)
			c->on_snapshot(c, c->snap);
		return;
	case MSG_ACK: {
		struct msg_ack a;

		if (msg_ack_decode(f, &a, &err) != 0)
			break;
		if (c->on_ack != NULL)
			c->on_ack(c, &a);
		return;
	}
	case MSG_CTL_REPLY: {
		struct msg_reply *r = malloc(sizeof *r);

		if (r == NULL)
			return;
		if (msg_reply_decode(f, r, &err) == 0 && c->on_reply != NULL)
			c->on_reply(c, r);
		free(r);
		if (err != NULL)
			break;
		return;
	}
	default:
		err = "unexpected message from host";
	}
	lost(c, err);
}

static void
on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct conn *c = h->data;

	(void)hint;
	if (c->in_cap - c->in_len < 16384) {
		size_t cap = c->in_cap ? c->in_cap * 2 : 2 * FRAME_MAX;
		unsigned char *n = realloc(c->in, cap);

		if (n == NULL) {
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

static void
on_read(uv_stream_t *st, ssize_t n, const uv_buf_t *buf)
{
	struct conn *c = st->data;
	size_t off = 0, used;
	struct frame f;
	const char *err = NULL;
	uv_pipe_t *mine = c->pipe;

	(void)buf;
	if (n < 0) {
		lost(c, n == UV_EOF ? "the host went away" :
		    uv_strerror((int)n));
		return;
	}
	c->in_len += (size_t)n;
	while (c->pipe == mine && frame_decode(c->in + off, c->in_len - off,
	    &f, &used, &err) == 1) {
		handle(c, &f);
		off += used;
	}
	if (c->pipe != mine)
		return;		/* handled a refusal or an error */
	if (err != NULL) {
		lost(c, err);
		return;
	}
	memmove(c->in, c->in + off, c->in_len - off);
	c->in_len -= off;
}

static void
on_connect(uv_connect_t *req, int status)
{
	struct conn *c = req->data;

	if (c->pipe == NULL || req->handle != (uv_stream_t *)c->pipe)
		return;
	if (status < 0) {
		lost(c, status == UV_ENOENT || status == UV_ECONNREFUSED ?
		    "no host is running on that socket" : uv_strerror(status));
		return;
	}
	uv_read_start((uv_stream_t *)c->pipe, on_alloc, on_read);
	msg_hello_encode(&c->out, &c->hello);
	flush(c);
}

static void
attempt(struct conn *c)
{
	if ((c->pipe = calloc(1, sizeof *c->pipe)) == NULL) {
		lost(c, "out of memory");
		return;
	}
	uv_pipe_init(c->loop, c->pipe, 0);
	c->pipe->data = c;
	c->creq.data = c;
	uv_pipe_connect(&c->creq, c->pipe, c->path, on_connect);
}

void
conn_init(struct conn *c, uv_loop_t *loop, const char *path,
    const struct msg_hello *hello, int retry)
{
	memset(c, 0, sizeof *c);
	c->loop = loop;
	util_strlcpy(c->path, path, sizeof c->path);
	c->hello = *hello;
	c->hello.proto = PROTO_VERSION;
	c->retry = retry;
	c->backoff_ms = 250;
	uv_timer_init(loop, &c->timer);
	c->timer.data = c;
}

void
conn_start(struct conn *c)
{
	set_state(c, CONN_CONNECTING);
	attempt(c);
}

void
conn_close(struct conn *c)
{
	c->state = CONN_CLOSED;
	drop_pipe(c);
	uv_timer_stop(&c->timer);
	uv_close((uv_handle_t *)&c->timer, NULL);
	free(c->in);
	c->in = NULL;
	free(c->snap);
	c->snap = NULL;
	c->snap_ok = 0;
	wbuf_free(&c->out);
	wbuf_free(&c->flight);
}

int
conn_send_answer(struct conn *c, const struct msg_answer *a)
{
	if (c->state != CONN_READY)
		return -1;
	msg_answer_encode(&c->out, a);
	flush(c);
	return 0;
}

int
conn_send_ctl(struct conn *c, int argc, char **argv)
{
	struct msg_ctl *m = calloc(1, sizeof *m);

	if (m == NULL || c->state != CONN_READY || argc < 1 ||
	    argc > CTL_MAX_ARGS) {
		free(m);
		return -1;
	}
	m->argc = (uint8_t)argc;
	for (int i = 0; i < argc; i++)
		util_strlcpy(m->argv[i], argv[i], sizeof m->argv[i]);
	msg_ctl_encode(&c->out, m);
	free(m);
	flush(c);
	return 0;
}
