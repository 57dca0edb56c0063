/* ssh-gateway.h: the SSH gateway child: its connections and their terminals. */
#ifndef CONVENE_SSH_GATEWAY_H
#define CONVENE_SSH_GATEWAY_H

#include <sys/socket.h>

#include <stdint.h>
#include <stdio.h>

#include <libssh/libssh.h>
#include <libssh/callbacks.h>
#include <libssh/server.h>
#include <uv.h>

#include "convene.h"
#include "ssh.h"

#define SSH_HANDSHAKE_MS 20000	/* connect to shell, at most */
#define SSH_PROMPT_IDLE_MS (10 * 60 * 1000)	/* at the name prompt */
#define SSH_IDLE_MS (4 * 60 * 60 * 1000)	/* no key for this long */
#define SSH_HANDSHAKES_MAX 1024	/* in key exchange or auth at once */
#define SSH_SOURCE_HANDSHAKES 64	/* of those, from one address */
#define SSH_SOURCE_MAX 1000	/* sessions from one address */
#define SSH_OUT_MAX (512 * 1024)	/* screen bytes a client has not taken */
#define SSH_INPUT_BURST (16 * 1024)	/* input bytes at once, at most */
#define SSH_INPUT_RATE (4 * 1024)	/* and after that, a second */
#define SSH_AUTH_TRIES 6
#define SSH_COLS_MAX 500		/* a window's size, at most */
#define SSH_ROWS_MAX 200
#define SSH_SOURCES 4096	/* addresses tracked at once */

struct sshc;
struct ssh_term;

/* Sessions from one address, for the per-source limits. */
struct ssh_source {
	unsigned char addr[16];
	int handshakes, sessions;
};

/*
 * The gateway: one libuv loop, a listener, and one `struct sshc` per
 * connection, each with its own ssh_event polled only when its socket
 * is ready (libssh's shared event would scan every session on each
 * wake-up).  It holds no database and cannot steer the session: every
 * participant it brings reaches the host through `psock`.
 */
struct gateway {
	uv_loop_t *loop;
	ssh_bind bind;
	int listen_fd;
	uv_poll_t listen;
	uv_timer_t tick;
	uv_check_t reap;
	uv_signal_t sigterm;
	struct sshc *conns;
	struct ssh_source *sources;
	size_t n_sources, cap_sources;
	int handshakes;		/* sessions not yet at their shell */
	int active;		/* sessions with a terminal */
	int max;		/* terminals at most */
	int source_handshakes, source_max;
	int stopping;
	long long session_id;	/* seats are kept per session */
	FILE *devnull;		/* every SCREEN's input: keys are fed */
	unsigned char *scratch;	/* a screen's bytes on their way out */
	size_t scratch_cap;
	char psock[108];
	char line[SSH_LINE_LEN];
	char code[CODE_MAX_LEN + 1];
};

/* One SSH connection, from accept to close. */
struct sshc {
	struct gateway *gw;
	struct sshc *prev, *next;
	ssh_session ssh;
	ssh_event ev;
	ssh_channel chan;
	struct ssh_server_callbacks_struct scb;
	struct ssh_channel_callbacks_struct ccb;
	uv_poll_t poll;
	int fd;
	int events;		/* what poll watches */
	struct ssh_source *src;
	int authed;
	int auth_tries;
	int pty, shell;
	int dead;		/* close at the end of the turn */
	int counted;		/* in gw->active */
	int64_t since, last_key;
	double in_tokens;	/* input bytes it may still send now */
	int64_t in_at;		/* when in_tokens was last topped up */
	int in_flooded;		/* said so in the log */
	char user[32];
	char key_id[SSH_FPR_LEN];	/* the client key it proved, or "" */
	char term[40];
	int rows, cols;
	int utf8;
	char addr[64];
	unsigned char *out;	/* screen bytes the channel's window held back */
	size_t out_len, out_cap;
	struct ssh_term *t;
};

/* ssh-gateway.c */
void	gateway_log(const char *, ...) __attribute__((format(printf, 1, 2)));
void	gateway_counted(struct sshc *, int);

/* ssh-session.c */
struct sshc *sshc_accept(struct gateway *, int,
	    const struct sockaddr_storage *, struct ssh_source *);
void	sshc_close(struct sshc *, const char *);
void	sshc_free(struct sshc *);
int	sshc_write(struct sshc *, const void *, size_t);
void	sshc_flush(struct sshc *);
void	sshc_watch(struct sshc *);

/* ssh-term.c */
struct ssh_term *ssh_term_start(struct sshc *);
void	ssh_term_input(struct ssh_term *, const unsigned char *, size_t);
void	ssh_term_resize(struct ssh_term *, int, int);
void	ssh_term_flush(struct ssh_term *, unsigned char **, size_t *);
void	ssh_term_free(struct ssh_term *);

#endif
