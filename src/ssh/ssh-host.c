/* ssh-host.c: `convene host --ssh PORT`: the port, the key, the gateway child. */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene.h"
#include "ssh.h"

#define SSH_FDS_RESERVED 64	/* the database, the log, the dashboard */

static void spawn(struct ssh_host *);

static void
say(struct ssh_host *sh, const char *what)
{
	if (sh->log != NULL)
		sh->log(sh->log_arg, what);
}

/* "2222", "0.0.0.0:2222", "192.0.2.7:2222" or "[::1]:2222". */
static int
parse_spec(const char *spec, char *host, size_t hcap, char *port,
    size_t pcap)
{
	const char *colon = strrchr(spec, ':');
	char *end;
	long n;

	host[0] = '\0';
	if (colon != NULL) {
		const char *h = spec;
		size_t len = (size_t)(colon - spec);

		if (len >= 2 && h[0] == '[' && h[len - 1] == ']') {
			h++;
			len -= 2;
		}
		if (len == 0 || len >= hcap)
			return -1;
		memcpy(host, h, len);
		host[len] = '\0';
		spec = colon + 1;
	}
	n = strtol(spec, &end, 10);
	if (*spec == '\0' || *end != '\0' || n < 1 || n > 65535)
		return -1;
	snprintf(port, pcap, "%ld", n);
	return 0;
}

static int
bind_port(const char *host, const char *port, char *err, size_t errlen)
{
	struct addrinfo hints, *res = NULL, *ai;
	int fd = -1, one = 1, rc, e = 0;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = host[0] ? AF_UNSPEC : AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host[0] ? host : NULL, port, &hints, &res)) !=
	    0) {
		snprintf(err, errlen, "--ssh %s: %s", host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
		    SOCK_NONBLOCK, 0);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		/* A join storm: hundreds connect within seconds. */
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
		    listen(fd, 4096) != 0) {
			e = errno;
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd < 0)
		snprintf(err, errlen, "--ssh: cannot listen on %s%s%s: %s",
		    host[0] ? host : "", host[0] ? ":" : "port ", port,
		    e == EADDRINUSE ? "the port is in use (pick another)" :
		    strerror(e));
	return fd;
}

/* The address the room types: the one asked for, else this machine's
 * first non-loopback IPv4 address, else loopback. */
static void
room_address(const char *host, char *out, size_t cap)
{
	struct ifaddrs *ifa = NULL, *i;

	snprintf(out, cap, "127.0.0.1");
	if (host[0] != '\0' && strcmp(host, "0.0.0.0") != 0 &&
	    strcmp(host, "::") != 0) {
		snprintf(out, cap, strchr(host, ':') ? "[%s]" : "%s", host);
		return;
	}
	if (getifaddrs(&ifa) != 0)
		return;
	for (i = ifa; i != NULL; i = i->ifa_next)
		if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET &&
		    (i->ifa_flags & IFF_UP) && !(i->ifa_flags & IFF_LOOPBACK)) {
			inet_ntop(AF_INET, &((struct sockaddr_in *)
			    i->ifa_addr)->sin_addr, out, (socklen_t)cap);
			break;
		}
	freeifaddrs(ifa);
}

/* Each SSH participant costs the gateway three descriptors (the TCP
 * connection, its own to the host, its screen's memfd) and the host one. */
static int
participants_allowed(void)
{
	struct rlimit rl;
	long n = 1024;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		n = (long)rl.rlim_cur;
	else if (rl.rlim_cur == RLIM_INFINITY)
		n = 1L << 20;
	n = (n - SSH_FDS_RESERVED) / 3;
	return n < 1 ? 1 : n > 100000 ? 100000 : (int)n;
}

static void
on_again(uv_timer_t *t)
{
	spawn(t->data);
}

static void
on_exit_child(uv_process_t *p, int64_t status, int sig)
{
	struct ssh_host *sh = p->data;
	char msg[160];

	sh->running = 0;
	uv_close((uv_handle_t *)p, NULL);
	if (sh->stopping)
		return;
	snprintf(msg, sizeof msg, "ssh gateway stopped (%s %d); starting it "
	    "again", sig ? "signal" : "status", sig ? sig : (int)status);
	say(sh, msg);
	uv_timer_start(&sh->again, on_again, 1000, 0);
}

static void
spawn(struct ssh_host *sh)
{
	uv_process_options_t o;
	uv_stdio_container_t io[4];
	char max[16], sid[24], *args[14];
	int rc, n = 0;

	snprintf(max, sizeof max, "%d", sh->max);
	snprintf(sid, sizeof sid, "%lld", sh->session_id);
	args[n++] = "convene";
	args[n++] = "ssh-gateway";
	args[n++] = "--socket";
	args[n++] = sh->psock;
	args[n++] = "--key";
	args[n++] = sh->key;
	args[n++] = "--line";
	args[n++] = sh->line;
	args[n++] = "--max";
	args[n++] = max;
	args[n++] = "--session";
	args[n++] = sid;
	args[n] = NULL;
	memset(&o, 0, sizeof o);
	memset(io, 0, sizeof io);
	io[0].flags = UV_IGNORE;
	io[1].flags = UV_IGNORE;
	io[2].flags = sh->log_fd >= 0 ? UV_INHERIT_FD : UV_IGNORE;
	io[2].data.fd = sh->log_fd;
	io[3].flags = UV_INHERIT_FD;
	io[3].data.fd = sh->listen_fd;
	o.file = "/proc/self/exe";
	o.args = args;
	o.stdio = io;
	o.stdio_count = 4;
	o.exit_cb = on_exit_child;
	/* The code travels in the environment, which only this user can
	 * read, not in the arguments, which everyone's `ps` shows. */
	if (sh->code[0] != '\0')
		setenv("CONVENE_SSH_CODE", sh->code, 1);
	sh->proc.data = sh;
	rc = uv_spawn(sh->loop, &sh->proc, &o);
	unsetenv("CONVENE_SSH_CODE");
	if (rc != 0) {
		char msg[160];

		snprintf(msg, sizeof msg, "cannot start the ssh gateway: %s",
		    uv_strerror(rc));
		say(sh, msg);
		uv_close((uv_handle_t *)&sh->proc, NULL);
		uv_timer_start(&sh->again, on_again, 5000, 0);
		return;
	}
	sh->running = 1;
}

/*
 * Listen on `spec` and start the gateway, which joins people through the
 * participant-only socket `psock`.  Errors a facilitator can fix (a port
 * in use, a bad address, a key others can read) are told before anything
 * runs.
 */
int
ssh_host_start(struct ssh_host *sh, uv_loop_t *loop, const char *spec,
    const char *psock, const char *code, char *err, size_t errlen)
{
	char host[64], port[8], where[64];

	sh->loop = loop;
	sh->listen_fd = -1;
	if (parse_spec(spec, host, sizeof host, port, sizeof port) != 0) {
		snprintf(err, errlen, "--ssh takes PORT or ADDR:PORT, not "
		    "\"%s\"", spec);
		return -1;
	}
	if (ssh_hostkey_path(sh->key, sizeof sh->key) != 0) {
		snprintf(err, errlen, "cannot make the directory for the SSH "
		    "host key: %s", strerror(errno));
		return -1;
	}
	if (ssh_hostkey_load(sh->key, sh->fingerprint, sizeof sh->fingerprint,
	    err, errlen) != 0)
		return -1;
	if ((sh->listen_fd = bind_port(host, port, err, errlen)) < 0)
		return -1;
	sh->port = atoi(port);
	util_strlcpy(sh->psock, psock, sizeof sh->psock);
	util_strlcpy(sh->code, code, sizeof sh->code);
	room_address(host, where, sizeof where);
	util_strlcpy(sh->addr, where, sizeof sh->addr);
	if (sh->port == 22)
		snprintf(sh->line, sizeof sh->line, "ssh join@%s", where);
	else
		snprintf(sh->line, sizeof sh->line, "ssh -p %d join@%s",
		    sh->port, where);
	sh->max = participants_allowed();
	uv_timer_init(loop, &sh->again);
	sh->again.data = sh;
	spawn(sh);
	return 0;
}

void
ssh_host_stop(struct ssh_host *sh)
{
	if (sh->loop == NULL || sh->stopping)
		return;
	sh->stopping = 1;
	uv_timer_stop(&sh->again);
	uv_close((uv_handle_t *)&sh->again, NULL);
	if (sh->running)
		uv_process_kill(&sh->proc, SIGTERM);
	if (sh->listen_fd >= 0)
		close(sh->listen_fd);
	sh->listen_fd = -1;
}

/* The `"ssh"` field of `ctl status`: what to type, the key's fingerprint
 * and how many can join.  JSON; the values hold no quotes or escapes. */
int
ssh_host_status(const struct ssh_host *sh, char *out, size_t cap)
{
	int n = snprintf(out, cap, "{\"line\":\"%s\",\"fingerprint\":"
	    "\"%s\",\"port\":%d,\"gateway\":%s,\"max\":%d}", sh->line,
	    sh->fingerprint, sh->port, sh->running ? "true" : "false",
	    sh->max);

	return n < 0 || (size_t)n >= cap ? -1 : 0;
}
