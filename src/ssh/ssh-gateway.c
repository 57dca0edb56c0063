/* ssh-gateway.c: `convene ssh-gateway`, the host's SSH child: listener, limits. */
#define _GNU_SOURCE		/* accept4 */
#include <sys/prctl.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ssh-gateway.h"

#define LISTEN_FD 3		/* the host binds the port and hands it over */

/* One line on stderr, which the host points at its log. */
void
gateway_log(const char *fmt, ...)
{
	va_list ap;
	char when[32];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	fprintf(stderr, "%s convene ssh: ", when);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
env_int(const char *name, int dflt)
{
	const char *e = getenv(name);

	return e != NULL && atoi(e) > 0 ? atoi(e) : dflt;
}

/* The address a connection came from, as 16 bytes (IPv4 mapped). */
static void
addr_key(const struct sockaddr_storage *ss, unsigned char out[16])
{
	memset(out, 0, 16);
	if (ss->ss_family == AF_INET) {
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &((const struct sockaddr_in *)ss)->sin_addr, 4);
	} else if (ss->ss_family == AF_INET6)
		memcpy(out, &((const struct sockaddr_in6 *)ss)->sin6_addr, 16);
}

/* The address's entry (a free one if new), or NULL when SSH_SOURCES
 * addresses are connected at once. */
static struct ssh_source *
source_of(struct gateway *gw, const struct sockaddr_storage *ss)
{
	unsigned char key[16];
	struct ssh_source *free_one = NULL;

	addr_key(ss, key);
	for (size_t i = 0; i < gw->n_sources; i++) {
		struct ssh_source *s = &gw->sources[i];

		if (memcmp(s->addr, key, 16) == 0)
			return s;
		if (free_one == NULL && s->handshakes == 0 && s->sessions == 0)
			free_one = s;
	}
	if (free_one == NULL && gw->n_sources < SSH_SOURCES)
		free_one = &gw->sources[gw->n_sources++];
	if (free_one != NULL)
		memcpy(free_one->addr, key, 16);
	return free_one;
}

/* A session reached its shell (counted) or left it: the limit on
 * terminals counts these. */
void
gateway_counted(struct sshc *c, int on)
{
	if (on == c->counted)
		return;
	c->counted = on;
	c->gw->active += on ? 1 : -1;
}

static void
on_listen(uv_poll_t *p, int status, int events)
{
	struct gateway *gw = p->data;

	(void)events;
	if (status < 0)
		return;
	/* A bounded batch per wake-up: a storm of connections must not
	 * starve the key exchanges already under way. */
	for (int k = 0; k < 64; k++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		struct ssh_source *src;
		int fd = accept4(gw->listen_fd, (struct sockaddr *)&ss, &len,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE)
				gateway_log("out of descriptors: %s",
				    strerror(errno));
			return;
		}
		src = source_of(gw, &ss);
		/* Too many handshakes at once (from anyone, or from this
		 * address), or too many sessions from it: closed at once,
		 * before any key exchange costs us anything. */
		if (src == NULL || gw->handshakes >= SSH_HANDSHAKES_MAX ||
		    src->handshakes >= gw->source_handshakes ||
		    src->sessions >= gw->source_max || gw->stopping) {
			close(fd);
			continue;
		}
		sshc_accept(gw, fd, &ss, src);
	}
}

/* Once a second: handshakes past their deadline, idle terminals. */
static void
on_tick(uv_timer_t *t)
{
	struct gateway *gw = t->data;
	int64_t now = util_now_ms();

	for (struct sshc *c = gw->conns; c != NULL; c = c->next) {
		if (c->dead)
			continue;
		if (!c->shell && now - c->since > SSH_HANDSHAKE_MS)
			sshc_close(c, NULL);
		else if (c->shell && c->t == NULL && now - c->last_key >
		    SSH_PROMPT_IDLE_MS)
			sshc_close(c, "idle at the name prompt");
		else if (c->shell && now - c->last_key > SSH_IDLE_MS)
			sshc_close(c, "no key pressed for four hours");
	}
}

/* The end of each turn: free what closed during it (never inside a
 * libssh callback, which may still be using the session). */
static void
on_reap(uv_check_t *h)
{
	struct gateway *gw = h->data;
	struct sshc *c, *next;

	for (c = gw->conns; c != NULL; c = next) {
		next = c->next;
		if (c->dead)
			sshc_free(c);
		else if (c->t != NULL)
			ssh_term_flush(c->t, &gw->scratch, &gw->scratch_cap);
	}
	if (gw->stopping && gw->conns == NULL) {
		uv_close((uv_handle_t *)&gw->tick, NULL);
		uv_close((uv_handle_t *)&gw->reap, NULL);
		uv_close((uv_handle_t *)&gw->sigterm, NULL);
	}
}

static void
on_sigterm(uv_signal_t *s, int signum)
{
	struct gateway *gw = s->data;

	(void)signum;
	if (gw->stopping)
		return;
	gw->stopping = 1;
	uv_poll_stop(&gw->listen);
	uv_close((uv_handle_t *)&gw->listen, NULL);
	for (struct sshc *c = gw->conns; c != NULL; c = c->next)
		sshc_close(c, NULL);
}

static int
usage(void)
{
	fputs("convene ssh-gateway is started by `convene host --ssh`\n",
	    stderr);
	return EXIT_USAGE;
}

int
cmd_ssh_gateway(int argc, char **argv)
{
	static struct gateway gw;
	const char *key = NULL, *code = getenv("CONVENE_SSH_CODE");
	uv_loop_t *loop = uv_default_loop();

	memset(&gw, 0, sizeof gw);
	gw.max = 1000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--socket") == 0)
			util_strlcpy(gw.psock, argv[i + 1], sizeof gw.psock);
		else if (strcmp(argv[i], "--key") == 0)
			key = argv[i + 1];
		else if (strcmp(argv[i], "--line") == 0)
			util_strlcpy(gw.line, argv[i + 1], sizeof gw.line);
		else if (strcmp(argv[i], "--session") == 0)
			gw.session_id = atoll(argv[i + 1]);
		else if (strcmp(argv[i], "--max") == 0)
			gw.max = atoi(argv[i + 1]);
		else
			return usage();
	}
	if (key == NULL || gw.psock[0] == '\0' || gw.max < 1 ||
	    fcntl(LISTEN_FD, F_GETFD) < 0)
		return usage();
	/* Gone with the host: a gateway left behind would hold the port. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		return EXIT_OK;
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (code != NULL)
		util_strlcpy(gw.code, code, sizeof gw.code);
	unsetenv("CONVENE_SSH_CODE");
	gw.source_handshakes = env_int("CONVENE_SSH_SOURCE_HANDSHAKES",
	    SSH_SOURCE_HANDSHAKES);
	gw.source_max = env_int("CONVENE_SSH_SOURCE_MAX", SSH_SOURCE_MAX);
	gw.loop = loop;
	gw.listen_fd = LISTEN_FD;
	fcntl(LISTEN_FD, F_SETFL, fcntl(LISTEN_FD, F_GETFL) | O_NONBLOCK);
	fcntl(LISTEN_FD, F_SETFD, FD_CLOEXEC);
	if ((gw.devnull = fopen("/dev/null", "r")) == NULL ||
	    (gw.sources = calloc(SSH_SOURCES, sizeof *gw.sources)) == NULL)
		return EXIT_UNREACHABLE;
	ssh_init();
	if ((gw.bind = ssh_bind_new()) == NULL ||
	    ssh_bind_options_set(gw.bind, SSH_BIND_OPTIONS_HOSTKEY, key) != 0) {
		gateway_log("cannot use the host key %s", key);
		return EXIT_UNREACHABLE;
	}
	ssh_bind_options_set(gw.bind, SSH_BIND_OPTIONS_BANNER, "convene");
	uv_poll_init(loop, &gw.listen, LISTEN_FD);
	gw.listen.data = &gw;
	uv_poll_start(&gw.listen, UV_READABLE, on_listen);
	uv_timer_init(loop, &gw.tick);
	gw.tick.data = &gw;
	uv_timer_start(&gw.tick, on_tick, 1000, 1000);
	uv_check_init(loop, &gw.reap);
	gw.reap.data = &gw;
	uv_check_start(&gw.reap, on_reap);
	uv_signal_init(loop, &gw.sigterm);
	gw.sigterm.data = &gw;
	uv_signal_start(&gw.sigterm, on_sigterm, SIGTERM);
	uv_run(loop, UV_RUN_DEFAULT);
	uv_loop_close(loop);
	ssh_bind_free(gw.bind);
	ssh_finalize();
	fclose(gw.devnull);
	free(gw.sources);
	free(gw.scratch);
	return EXIT_OK;
}
