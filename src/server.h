/* server.h: the host's libuv server: listener, clients, group commit. */
#ifndef CONVENE_SERVER_H
#define CONVENE_SERVER_H

#include <sys/types.h>

#include <stdio.h>
#include <uv.h>

#include "convene.h"

#define CLIENT_QUEUE_MAX (256 * 1024)	/* queued bytes before we give up */
#define CLIENT_STALL_MS 30000		/* a write stuck this long: drop */
#define CLIENT_HELLO_MS 10000		/* silent this long after connecting */
#define CLIENT_RATE 30			/* frames per second, sustained */
#define CLIENT_BURST 60

struct client;

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
	uv_check_t turn;
	uv_timer_t tick;
	struct session *sess;
	struct store *store;
	char path[108];
	char code[CODE_MAX_LEN + 1];
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
	/* The snapshot all viewers of one view share, without the frame
	 * header and their own part: encoded once per change and turn, not
	 * once per client (see server_client_flush). */
	struct wbuf shared[VIEW_MAX];
	uint32_t shared_seq[VIEW_MAX];
	int shared_ok[VIEW_MAX];	/* cleared at every turn */
	unsigned char *inbuf;	/* every client reads into this first */
	/* A change of screen (agenda, state, banner, any ctl) goes to every
	 * client in the turn it happens.  A change of counts only (answers,
	 * joins) reaches clients without output waiting at most every twice
	 * the time the last such broadcast took, so under load the host
	 * spends most of its time on answers, not on repainting counts. */
	uv_timer_t defer;	/* wakes the loop for a deferred broadcast */
	int urgent;		/* a ctl command ran this turn */
	uint64_t screen;	/* signature of what a screen change changes */
	uint32_t bcast_seq;	/* seq of the last broadcast */
	uint64_t bcast_end;	/* when it ended (uv_hrtime, ns) */
	uint64_t bcast_cost;	/* how long it took (ns) */
};

/* server.c */
int	server_check_socket(const char *, char *, size_t);
int	server_start(struct server *, uv_loop_t *, const char *, char *, size_t);
void	server_stop(struct server *);
void	server_log(struct server *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* server-client.c */
void	server_client_accept(struct server *);
void	server_client_flush(struct client *);
int	server_client_due(struct client *, int);
void	server_client_close(struct client *, const char *);
void	server_client_release(struct server *, int);
void	server_client_check_stalls(struct server *);
void	server_client_goodbye(struct server *);
struct client *server_client_next(struct client *);

#endif
