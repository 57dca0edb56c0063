/* server-client.h: a connection, for server-client.c and server-intent.c. */
#ifndef CONVENE_SERVER_CLIENT_H
#define CONVENE_SERVER_CLIENT_H

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

/* server-client.c */
void	server_client_mark(struct client *);

#endif
