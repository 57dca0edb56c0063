/* server.c: the host's listener, per-turn group commit and timers. */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

void
server_log(struct server *srv, const char *fmt, ...)
{
	va_list ap;
	char when[32];
	time_t t = time(NULL);
	struct tm tm;

	if (srv->log == NULL)
		return;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	fprintf(srv->log, "%s convene: ", when);
	va_start(ap, fmt);
	vfprintf(srv->log, fmt, ap);
	va_end(ap);
	fputc('\n', srv->log);
	fflush(srv->log);
}

/* What changes when the screen changes, as opposed to its counts. */
static uint64_t
screen_of(struct server *srv)
{
	static const unsigned char key[16] = "convene-screen01";
	const struct session *s = srv->sess;
	char sig[64];
	uint64_t h;

	snprintf(sig, sizeof sig, "%d:%d:%d:%d", s->current, s->current >= 0 ?
	    (int)s->runs[s->current].state : -1, s->current >= 0 ?
	    s->runs[s->current].revealed : 0, srv->store_failed);
	h = util_siphash(key, s->banner, strlen(s->banner));
	return h ^ util_siphash(key, sig, strlen(sig));
}

static void
on_defer(uv_timer_t *t)
{
	(void)t;		/* waking the loop runs the turn */
}

/*
 * Send what is due: to every client on a change of screen, or when the
 * last broadcast is long enough ago (twice what it cost); otherwise only
 * to clients with output waiting, and a timer brings the rest later.
 */
static void
broadcast(struct server *srv)
{
	uint64_t now = uv_hrtime(), screen = screen_of(srv);
	uint32_t seq = srv->sess->seq;
	int all = seq == srv->bcast_seq || srv->urgent || screen !=
	    srv->screen || now - srv->bcast_end >= 2 * srv->bcast_cost;

	/* Acks first, so a broadcast to thousands does not hold them up. */
	for (struct client *c = srv->clients; c != NULL;
	    c = server_client_next(c))
		if (server_client_due(c, 0))
			server_client_flush(c);
	for (struct client *c = srv->clients; all && c != NULL;
	    c = server_client_next(c))
		server_client_flush(c);
	if (all && seq != srv->bcast_seq) {
		srv->bcast_end = uv_hrtime();
		srv->bcast_cost = srv->bcast_end - now;
		srv->bcast_seq = seq;
	}
	if (all) {
		srv->urgent = 0;
		srv->screen = screen;
	} else if (!uv_is_active((uv_handle_t *)&srv->defer))
		uv_timer_start(&srv->defer, on_defer, (2 * srv->bcast_cost -
		    (now - srv->bcast_end)) / 1000000 + 1, 0);
}

/*
 * The end of every loop turn: commit what this turn wrote, then let the
 * held acknowledgements go, then send fresh snapshots.
 */
static void
on_turn(uv_check_t *h)
{
	struct server *srv = h->data;
	int ok = !srv->turn_lost;

	srv->turn_lost = 0;
	if (store_in_tx(srv->store)) {
		if (store_commit(srv->store) != 0) {
			ok = 0;
			store_reclaim_space(srv->store);
			if (!srv->store_failed)
				server_log(srv, "database write failed, "
				    "answers paused: %s",
				    store_error(srv->store));
			srv->store_failed = 1;
			srv->sess->tallies_stale = 1;
			srv->sess->seq++;
		} else if (srv->store_failed) {
			server_log(srv, "database writable again");
			srv->store_failed = 0;
		}
	}
	server_client_release(srv, ok);
	session_refresh(srv->sess);
	/* Shared snapshots are cut afresh each turn (timers, banners). */
	for (int v = 0; v < VIEW_MAX; v++)
		srv->shared_ok[v] = 0;
	broadcast(srv);
	if (srv->sess->ended && !srv->stopping) {
		server_log(srv, "session ended");
		srv->stopping = 1;
		server_client_goodbye(srv);
		if (srv->on_stop != NULL)
			srv->on_stop(srv);
	}
}

static void
on_tick(uv_timer_t *t)
{
	struct server *srv = t->data;


	/* A timer that runs out closes its activity: a store write, so it
	 * joins this turn's transaction like any other. */
	if (srv->store_failed)
		store_reclaim_space(srv->store);	/* space may be back */
	if (store_begin(srv->store) == 0)
		session_tick(srv->sess);
	server_client_check_stalls(srv);
}

static void
on_connection(uv_stream_t *listener, int status)
{
	struct server *srv = listener->data;

	if (status < 0) {
		server_log(srv, "accept: %s", uv_strerror(status));
		return;
	}
	server_client_accept(srv);
}

/*
 * Is a host already serving `path`?  A socket file nobody answers on is
 * left over from a host that died, and may be replaced.
 */
static int
socket_in_use(const char *path)
{
	struct sockaddr_un sun;
	int fd, rc;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return 0;
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
	rc = connect(fd, (struct sockaddr *)&sun, sizeof sun);
	close(fd);
	return rc == 0;
}

static int
prepare_dir(const char *path, char *err, size_t errlen)
{
	char dir[sizeof ((struct sockaddr_un *)0)->sun_path];
	char *slash;
	struct stat sb;

	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
		return 0;
	*slash = '\0';
	if (stat(dir, &sb) != 0) {
		/* Ours alone unless ssh-setup made it shared with a group. */
		if (util_mkdir_p(dir, 0700) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "%s: %s", dir, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "%s is not a directory", dir);
		return -1;
	}
	if ((sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX)) {
		snprintf(err, errlen, "%s is writable by everyone; use a "
		    "private directory for the socket", dir);
		return -1;
	}
	return 0;
}

/* Can a host serve on `path`?  Checked before anything is written to the
 * database, so a second host refused here leaves no trace. */
int
server_check_socket(const char *path, char *err, size_t errlen)
{
	if (strlen(path) >= sizeof ((struct sockaddr_un *)0)->sun_path) {
		snprintf(err, errlen, "socket path too long: %s", path);
		return -1;
	}
	if (prepare_dir(path, err, errlen) != 0)
		return -1;
	if (access(path, F_OK) == 0 && socket_in_use(path)) {
		snprintf(err, errlen, "another convene host is already serving "
		    "%s (stop it, or use --socket PATH)", path);
		return -1;
	}
	return 0;
}

int
server_start(struct server *srv, uv_loop_t *loop, const char *path,
    char *err, size_t errlen)
{
	int rc;

	srv->loop = loop;
	srv->uid = getuid();
	if (server_check_socket(path, err, errlen) != 0)
		return -1;
	snprintf(srv->path, sizeof srv->path, "%s", path);
	unlink(path);	/* a stale socket: its host is gone */
	uv_pipe_init(loop, &srv->listener, 0);
	srv->listener.data = srv;
	if ((rc = uv_pipe_bind(&srv->listener, path)) != 0 ||
	    (rc = uv_listen((uv_stream_t *)&srv->listener, 511,
	    on_connection)) != 0) {
		snprintf(err, errlen, "%s: %s", path, uv_strerror(rc));
		uv_close((uv_handle_t *)&srv->listener, NULL);
		return -1;
	}
	chmod(path, 0660);
	uv_check_init(loop, &srv->turn);
	srv->turn.data = srv;
	uv_check_start(&srv->turn, on_turn);
	uv_timer_init(loop, &srv->tick);
	srv->tick.data = srv;
	uv_timer_start(&srv->tick, on_tick, 1000, 1000);
	uv_timer_init(loop, &srv->defer);
	srv->defer.data = srv;
	server_log(srv, "serving \"%s\" on %s", srv->sess->plan->title, path);
	return 0;
}

void
server_stop(struct server *srv)
{
	struct client *c, *next;

	for (c = srv->clients; c != NULL; c = next) {
		next = server_client_next(c);
		server_client_close(c, NULL);
	}
	if (store_in_tx(srv->store))
		store_commit(srv->store);
	uv_check_stop(&srv->turn);
	uv_close((uv_handle_t *)&srv->turn, NULL);
	uv_timer_stop(&srv->tick);
	uv_close((uv_handle_t *)&srv->tick, NULL);
	uv_timer_stop(&srv->defer);
	uv_close((uv_handle_t *)&srv->defer, NULL);
	uv_close((uv_handle_t *)&srv->listener, NULL);
	unlink(srv->path);
	for (int v = 0; v < VIEW_MAX; v++)
		wbuf_free(&srv->shared[v]);
	free(srv->inbuf);
	srv->inbuf = NULL;
}
