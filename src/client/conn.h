/* conn.h: a client's connection to the host, with automatic reconnect. */
#ifndef CONVENE_CONN_H
#define CONVENE_CONN_H

#include <uv.h>

#include "convene.h"

enum conn_state {
	CONN_CONNECTING = 0,
	CONN_READY,		/* welcomed */
	CONN_RETRYING,		/* lost the host; trying again */
	CONN_REFUSED,		/* the host said no; we stop */
	CONN_CLOSED
};

/*
 * A connection to the host over its Unix socket.  The hello carries the
 * resume token from the last welcome, so a host restarted with --resume
 * gives the same seat back.  With `retry` set, a lost connection is tried
 * again with backoff (0.25 s doubling to 4 s) until conn_close().
 */
struct conn {
	uv_loop_t *loop;
	uv_pipe_t *pipe;	/* NULL between attempts */
	uv_connect_t creq;
	uv_timer_t timer;
	char path[108];
	struct msg_hello hello;
	enum conn_state state;
	int retry;
	int backoff_ms;
	unsigned char *in;
	size_t in_len, in_cap;
	struct wbuf out;
	struct wbuf flight;
	uv_write_t wreq;
	int writing;
	char reason[TEXT_MAX_LEN + 1];	/* last refusal or error */
	/* The last snapshot, decoded in place (one copy per client: it is
	 * large) and valid while snap_ok; on_snapshot() may keep a pointer. */
	struct snapshot *snap;
	int snap_ok;
	void *data;
	void (*on_state)(struct conn *);
	void (*on_welcome)(struct conn *, const struct msg_welcome *);
	void (*on_snapshot)(struct conn *, struct snapshot *);
	void (*on_ack)(struct conn *, const struct msg_ack *);
	void (*on_reply)(struct conn *, const struct msg_reply *);
};

/* conn.c */
void	conn_init(struct conn *, uv_loop_t *, const char *,
	    const struct msg_hello *, int);
void	conn_start(struct conn *);
void	conn_close(struct conn *);
int	conn_send_answer(struct conn *, const struct msg_answer *);
int	conn_send_ctl(struct conn *, int, char **);

#endif
