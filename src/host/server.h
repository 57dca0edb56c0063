/* server.h: the host's libuv server: listener, clients, group commit. */
#ifndef CONVENE_SERVER_H
#define CONVENE_SERVER_H

#include <sys/types.h>

#include <stdio.h>
#include <uv.h>

#include "convene.h"

#define CLIENT_QUEUE_MAX (256 * 1024)	/* queued bytes before we give up */
#define CLIENT_STALL_MS 30000		/* not reading this long: drop */
#define CLIENT_HELLO_MS 10000		/* silent this long after connecting */
#define CLIENT_RATE 30			/* frames per second, sustained */
#define CLIENT_BURST 60
#define COUNT_CROWD_MS 250		/* counts to participants, at most */
#define COUNT_FEW_MS 100		/* counts to the facilitator's views */
#define REFRESH_SHARE 10		/* tallies re-read at most 1/10 of
					 * the time, unless counts go out */
#define BCAST_SLICE_NS 3000000ULL	/* one turn's share of a broadcast */

struct client;
struct ssh_host;

/*
 * The host.  One libuv loop runs everything.  Within a loop turn, reads
 * apply intents to the session and write to the store inside one open
 * transaction; the check handle at the end of the turn commits it, then
 * releases the acknowledgements held back until that commit, then sends
 * each client the newest snapshot it has not seen.  So an acknowledged
 * answer is always a committed one, and a busy turn costs one fsync.
 */
struct server {
	uv_loop_t *loop;
	uv_pipe_t listener;
	uv_pipe_t plistener;	/* participants only (the SSH gateway) */
	char ppath[108];	/* its path, or "" */
	const struct ssh_host *ssh;	/* for `ctl status`, or NULL */
	uv_check_t turn;
	uv_timer_t tick;
	struct session *sess;
	struct store *store;
	char path[108];
	char code[CODE_MAX_LEN + 1];
	/* host --faculty-code: joining with it makes a participant faculty
	 * (participants.role); "" for none. */
	char faculty_code[CODE_MAX_LEN + 1];
	/* host --roster: a name found there takes its role, or NULL. */
	const struct roster *roster;
	char join_hint[SNAP_TITLE_LEN + 1];
	uid_t uid;
	FILE *log;
	struct client *clients;
	size_t n_clients;
	int stopping;
	int store_failed;	/* last commit failed: answers paused */
	int turn_lost;		/* a commit failed earlier this turn: what it
				 * held is gone, whatever the last one does */
	void (*on_stop)(struct server *);
	void *data;
	/* What to do with a frame a client sent: server_client_dispatch
	 * (server-intent.c), set by server_start. */
	void (*dispatch)(struct client *, const struct frame *);
	/* The snapshot all viewers of one view share, without the frame
	 * header and their own part: encoded once per change and turn, not
	 * once per client (see server_client_flush). */
	struct wbuf shared[VIEW_MAX];
	uint32_t shared_seq[VIEW_MAX];
	int shared_ok[VIEW_MAX];	/* cleared at every turn */
	unsigned char *inbuf;	/* every client reads into this first */
	/*
	 * Broadcasts.  A change of screen (agenda, state, banner, any ctl)
	 * goes to every client in the turn it happens.  A change of counts
	 * only (answers, joins) reaches participants at most every
	 * COUNT_CROWD_MS or twice what the last broadcast cost, whichever
	 * is longer, and the facilitator's own views at most every
	 * COUNT_FEW_MS or four times what re-reading the tallies cost: under
	 * load the host spends its time on answers, not on repainting
	 * counts.  A client that answered gets its ack and a fresh snapshot
	 * in the turn its answer commits.
	 *
	 * A broadcast of counts is sent in slices of at most BCAST_SLICE_NS
	 * per loop turn, from `cursor` on, so answers that arrive meanwhile
	 * are committed and acknowledged between slices instead of waiting
	 * for thousands of writes (`spin` keeps the loop from sleeping until
	 * the broadcast is done).
	 */
	uv_timer_t defer;	/* wakes the loop for a deferred broadcast */
	uv_idle_t spin;		/* active while a broadcast is under way */
	int urgent;		/* a ctl command ran this turn */
	uint64_t screen;	/* signature of what a screen change changes */
	struct client *cursor;	/* next client of the broadcast under way */
	struct client *due;	/* clients that read this turn */
	int sending;		/* a broadcast is under way */
	int sending_all;	/* a change of screen: in one go, not sliced */
	uint32_t sending_seq;	/* the seq it started at */
	uint64_t sending_cost;	/* time its slices took so far (ns) */
	uint32_t bcast_seq;	/* seq of the last finished broadcast */
	uint64_t bcast_end;	/* when it ended (uv_hrtime, ns) */
	uint64_t bcast_cost;	/* time its slices took (ns) */
	uint64_t few_at;	/* counts last sent to the facilitator's views */
	uint64_t refresh_cost;	/* the last session_refresh (ns) */
	uint64_t refresh_at;	/* when it ended */
};

/*
 * The host's files call one way: server.c (the loop and its turn) calls
 * server-intent.c (what a client asks) and server-client.c (the
 * connections), server-intent.c calls server-client.c, and all call
 * server-base.c.  A connection hands the frames it reads up through
 * `dispatch`, set by server_start, not by calling server-intent.c.
 */

/* server.c */
int	server_check_socket(const char *, char *, size_t);
int	server_start(struct server *, uv_loop_t *, const char *, char *, size_t);
void	server_stop(struct server *);
int	server_listen_participants(struct server *, const char *, char *,
	    size_t);

/* server-base.c */
void	server_log(struct server *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	server_refresh(struct server *);

/* server-client.c */
void	server_client_accept(struct server *, uv_stream_t *, int);
void	server_client_flush(struct client *);
int	server_client_due(struct client *, int);
void	server_client_close(struct client *, const char *);
void	server_client_release(struct server *, int);
void	server_client_check_stalls(struct server *);
void	server_client_goodbye(struct server *);
void	server_client_flush_due(struct server *, int);
struct client *server_client_next(struct client *);
void	server_client_refuse(struct client *, const char *);

/* server-intent.c */
void	server_client_dispatch(struct client *, const struct frame *);

#endif
