/* ssh.h: participants over SSH: the host's side and the gateway child. */
#ifndef CONVENE_SSH_H
#define CONVENE_SSH_H

#include <stddef.h>
#include <uv.h>

#define SSH_LINE_LEN 128		/* the join line, for status bars */
#define SSH_FPR_LEN 96			/* "SHA256:" and the key's hash */

/*
 * The host's end of SSH joining (ssh-host.c).  The host binds the TCP
 * port itself, so a port in use is an error at start, then runs the
 * network-facing part in a child process (`convene ssh-gateway`) that
 * holds no database and reaches the host only through `psock`, a socket
 * whose every client the host treats as a participant (see server.c).
 * A gateway that dies is started again.
 */
struct ssh_host {
	uv_loop_t *loop;
	uv_process_t proc;
	uv_timer_t again;
	int listen_fd;
	int port;
	int running;		/* the child is alive */
	int stopping;
	int max;		/* participants the descriptor limit allows */
	int log_fd;		/* where the gateway logs, or -1 */
	long long session_id;
	char addr[64];		/* what the room types */
	char psock[108];	/* the participant-only socket */
	char key[4096];		/* the host key's file */
	char code[64];
	char fingerprint[SSH_FPR_LEN];
	char line[SSH_LINE_LEN];	/* "ssh -p 2222 join@192.0.2.7" */
	void (*log)(void *, const char *);
	void *log_arg;
};

/* ssh-host.c */
int	ssh_host_start(struct ssh_host *, uv_loop_t *, const char *,
	    const char *, const char *, char *, size_t);
void	ssh_host_stop(struct ssh_host *);
int	ssh_host_status(const struct ssh_host *, char *, size_t);

/* ssh-hostkey.c */
int	ssh_hostkey_path(char *, size_t);
int	ssh_hostkey_load(const char *, char *, size_t, char *, size_t);

/* ssh-gateway.c */
int	cmd_ssh_gateway(int, char **);

#endif
