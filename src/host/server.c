/* server.c: the host's listener, per-turn group commit and timers. */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"

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

static void
on_spin(uv_idle_t *h)
{
	(void)h;		/* the check handle sends the next slice */
}

/* One turn's slice of the broadcast under way, from the cursor on. */
static void
send_slice(struct server *srv)
{
	uint64_t t0 = uv_hrtime(), t = t0;
	struct client *c = srv->cursor;
	int k = 0;

	while (c != NULL) {
		struct client *next = server_client_next(c);

		server_client_flush(c);		/* may close c */
		c = next;
		if (++k % 64 == 0 && !srv->sending_all &&
		    (t = uv_hrtime()) - t0 >= BCAST_SLICE_NS)
			break;
	}
	srv->cursor = c;
	if (k % 64 != 0)
		t = uv_hrtime();
	srv->sending_cost += t - t0;
	if (c != NULL)
		return;
	srv->sending = 0;
	srv->bcast_end = t;
	srv->bcast_cost = srv->sending_cost;
	srv->bcast_seq = srv->sending_seq;
	uv_idle_stop(&srv->spin);
}

static void
start_broadcast(struct server *srv, int all)
{
	srv->sending = 1;
	srv->sending_all = all;
	srv->sending_seq = srv->sess->seq;
	srv->sending_cost = 0;
	srv->cursor = srv->clients;
	if (!uv_is_active((uv_handle_t *)&srv->spin))
		uv_idle_start(&srv->spin, on_spin);
}

/*
 * Send what is due this turn (see struct server): acks and the
 * facilitator's views first, then a slice of the broadcast under way.
 * One starts on a change of screen, or on a change of counts whose time
 * has come; otherwise a timer brings the counts later.
 *
 * Re-reading the tallies is a scan of every answer of the activity, so
 * it is done when counts go out to the facilitator or to everyone, and
 * otherwise only once the last one is REFRESH_SHARE times its cost ago:
 * in a small room that is every turn, in a crowd of thousands a few
 * times a second.
 */
static void
broadcast(struct server *srv)
{
	uint64_t now = uv_hrtime(), screen = screen_of(srv), ms = 1000000;
	uint64_t gap = 2 * srv->bcast_cost, few_gap = 4 * srv->refresh_cost;
	int changed = srv->urgent || screen != srv->screen, few, crowd;

	if (gap < COUNT_CROWD_MS * ms)
		gap = COUNT_CROWD_MS * ms;
	if (few_gap < COUNT_FEW_MS * ms)
		few_gap = COUNT_FEW_MS * ms;
	few = changed || now - srv->few_at >= few_gap;
	crowd = !changed && !srv->sending && srv->sess->seq !=
	    srv->bcast_seq && now - srv->bcast_end >= gap;
	if (few || crowd || now - srv->refresh_at >= REFRESH_SHARE *
	    srv->refresh_cost)
		server_refresh(srv);
	if (changed) {
		srv->urgent = 0;
		srv->screen = screen;
	}
	if (changed || crowd)
		start_broadcast(srv, changed);	/* afresh, if one was under way */
	server_client_flush_due(srv, few);
	if (few)
		srv->few_at = now;
	if (srv->sending)
		send_slice(srv);
	if (!srv->sending) {
		uint64_t at = UINT64_MAX;

		if (srv->sess->seq != srv->bcast_seq)
			at = srv->bcast_end + gap;
		if (srv->sess->tallies_stale && srv->few_at + few_gap < at)
			at = srv->few_at + few_gap;
		if (at != UINT64_MAX)
			uv_timer_start(&srv->defer, on_defer, at > now ?
			    (at - now) / ms + 1 : 0, 0);
	}
}

/*
 * The end of every loop turn: commit what this turn wrote, then let the
 * held acknowledgements go, then send fresh snapshots.
 */
static void
on_turn(uv_check_t *h)
{
	struct server *srv = h->data;
	int ok = !srv->turn_lost, committed = 0;

	srv->turn_lost = 0;
	if (store_in_tx(srv->store)) {
		committed = store_commit(srv->store) == 0;
		ok = ok && committed;
	}
	if (!ok) {
		store_reclaim_space(srv->store);
		if (!srv->store_failed)
			server_log(srv, "database write failed, answers "
			    "paused: %s", store_error(srv->store));
		srv->store_failed = 1;
		/* Back to what is stored: the acks say "not saved", the
		 * screens must not say otherwise. */
		if (session_unsaved(srv->sess) != 0)
			server_log(srv, "cannot re-read the database: %s",
			    store_error(srv->store));
	} else {
		session_saved(srv->sess);
		if (committed && srv->store_failed) {
			server_log(srv, "database writable again");
			srv->store_failed = 0;
		}
	}
	server_client_release(srv, ok);
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
	server_client_accept(srv, listener, listener ==
	    (uv_stream_t *)&srv->plistener);
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
	srv->dispatch = server_client_dispatch;
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
	uv_idle_init(loop, &srv->spin);
	srv->spin.data = srv;
	server_log(srv, "serving \"%s\" on %s", srv->sess->plan->title, path);
	return 0;
}

/*
 * A second socket, for the SSH gateway: whoever connects here is a
 * participant, whatever it asks and whoever it runs as.  The gateway runs
 * as the host's user, so the peer's uid alone would let it steer.
 */
int
server_listen_participants(struct server *srv, const char *path, char *err,
    size_t errlen)
{
	int rc;

	if (server_check_socket(path, err, errlen) != 0)
		return -1;
	unlink(path);
	uv_pipe_init(srv->loop, &srv->plistener, 0);
	srv->plistener.data = srv;
	if ((rc = uv_pipe_bind(&srv->plistener, path)) != 0 ||
	    (rc = uv_listen((uv_stream_t *)&srv->plistener, 4096,
	    on_connection)) != 0) {
		snprintf(err, errlen, "%s: %s", path, uv_strerror(rc));
		uv_close((uv_handle_t *)&srv->plistener, NULL);
		return -1;
	}
	chmod(path, 0600);
	snprintf(srv->ppath, sizeof srv->ppath, "%s", path);
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
	uv_idle_stop(&srv->spin);
	uv_close((uv_handle_t *)&srv->spin, NULL);
	uv_close((uv_handle_t *)&srv->listener, NULL);
	unlink(srv->path);
	if (srv->ppath[0] != '\0') {
		uv_close((uv_handle_t *)&srv->plistener, NULL);
		unlink(srv->ppath);
	}
	for (int v = 0; v < VIEW_MAX; v++)
		wbuf_free(&srv->shared[v]);
	free(srv->inbuf);
	srv->inbuf = NULL;
}
