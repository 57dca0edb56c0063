/* cmd-host.c: `convene host PLAN`: serve a session, with the dashboard. */
#include <sys/resource.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehearse.h"
#include "server.h"
#include "ssh.h"
#include "tui.h"
#include "rotate.h"

/* host --roster: read once, kept for the whole run. */
static struct roster roster;

static void
free_roster(void)
{
	roster_free(&roster);
}

/* Freed after the loop ends, when libuv has let go of its handles. */
static struct rehearsal *rehearse_free_later;

struct host {
	struct server srv;
	struct tui *tui;
	struct rehearsal *rehearsal;
	struct ssh_host ssh;
	uv_signal_t sigint, sigterm;
	uv_timer_t linger;
	int ended;		/* by `ctl end`: nothing to resume */
};

static void
shutdown_all(struct host *h)
{
	if (h->tui != NULL) {
		tui_stop(h->tui);
		h->tui = NULL;
	}
	if (h->rehearsal != NULL) {
		rehearse_stop(h->rehearsal);
		rehearse_free_later = h->rehearsal;
		h->rehearsal = NULL;
	}
	if (!uv_is_closing((uv_handle_t *)&h->sigint)) {
		uv_close((uv_handle_t *)&h->sigint, NULL);
		uv_close((uv_handle_t *)&h->sigterm, NULL);
		server_stop(&h->srv);
		ssh_host_stop(&h->ssh);
	}
}

static void
on_linger(uv_timer_t *t)
{
	struct host *h = t->data;

	uv_close((uv_handle_t *)t, NULL);
	shutdown_all(h);
}

/* The session ended (`ctl end`): let the last replies drain, then stop. */
static void
on_ended(struct server *srv)
{
	struct host *h = srv->data;

	h->ended = 1;
	uv_timer_init(srv->loop, &h->linger);
	h->linger.data = h;
	uv_timer_start(&h->linger, on_linger, 300, 0);
}

static void
on_signal(uv_signal_t *s, int signum)
{
	struct host *h = s->data;

	server_log(&h->srv, "signal %d: stopping (resume with --resume)",
	    signum);
	shutdown_all(h);
}

static void
on_quit(void *arg)
{
	shutdown_all(arg);
}

static int
socket_too_long(const char *path)
{
	fprintf(stderr, "convene: socket path too long (at most 107 bytes): "
	    "%s\n", path);
	return EXIT_USAGE;
}

/* Each participant is a descriptor: take as many as the hard limit
 * allows, so a big room is not refused at the default of 1024. */
static void
raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void
ssh_log(void *arg, const char *what)
{
	server_log(arg, "%s", what);
}

/* `--ssh [ADDR:]PORT`: the gateway reaches the host through a socket of
 * its own beside the main one, whose clients can only be participants. */
static int
start_ssh(struct host *h, const char *spec, const char *sock,
    const char *code, char *err, size_t errlen)
{
	char psock[120];

	if (snprintf(psock, sizeof psock, "%s.ssh", sock) >= 108) {
		snprintf(err, errlen, "socket path too long for --ssh (at most "
		    "103 bytes): %s", sock);
		return -1;
	}
	if (server_listen_participants(&h->srv, psock, err, errlen) != 0)
		return -1;
	h->ssh.log = ssh_log;
	h->ssh.log_arg = &h->srv;
	h->ssh.log_fd = h->srv.log != NULL ? fileno(h->srv.log) : -1;
	h->ssh.session_id = (long long)h->srv.sess->id;
	if (ssh_host_start(&h->ssh, h->srv.loop, spec, psock, code, err,
	    errlen) != 0)
		return -1;
	h->srv.ssh = &h->ssh;
	snprintf(h->srv.join_hint, sizeof h->srv.join_hint, "%s   %s",
	    h->ssh.line, h->ssh.fingerprint);
	server_log(&h->srv, "ssh: %s (key %s), up to %d participants",
	    h->ssh.line, h->ssh.fingerprint, h->ssh.max);
	return 0;
}

static int
usage(void)
{
	return usage_error("host");
}

static FILE *
open_log(const char *db)
{
	char path[4200];
	const char *slash = strrchr(db, '/');

	if (slash == NULL)
		snprintf(path, sizeof path, "convene.log");
	else
		snprintf(path, sizeof path, "%.*s/convene.log",
		    (int)(slash - db), db);
	return fopen(path, "a");
}

/* After q, a signal or a crash, `host --resume` with the same database,
 * socket and code picks the session up: say exactly how. */
static void
print_resume(const char *plan_path, const char *db, const char *sock,
    const char *code, const char *faculty_code, const char *roster_path)
{
	char cmd[8192];

	self_command(cmd, sizeof cmd);
	self_append_word(cmd, sizeof cmd, "host");
	self_append_word(cmd, sizeof cmd, plan_path);
	if (db != NULL)
		self_append_word(cmd, sizeof cmd, "--db"),
		    self_append_word(cmd, sizeof cmd, db);
	if (sock != NULL)
		self_append_word(cmd, sizeof cmd, "--socket"),
		    self_append_word(cmd, sizeof cmd, sock);
	if (*code != '\0')
		self_append_word(cmd, sizeof cmd, "--code"),
		    self_append_word(cmd, sizeof cmd, code);
	if (*faculty_code != '\0')
		self_append_word(cmd, sizeof cmd, "--faculty-code"),
		    self_append_word(cmd, sizeof cmd, faculty_code);
	if (roster_path != NULL)
		self_append_word(cmd, sizeof cmd, "--roster"),
		    self_append_word(cmd, sizeof cmd, roster_path);
	self_append_word(cmd, sizeof cmd, "--resume");
	fprintf(stderr, "convene: the session is paused; participants wait "
	    "for it. To go on:\n  %s\n", cmd);
}

/* The join line: the command as this facilitator's shell would run it. */
static void
join_hint(char *out, size_t cap, int sock_chosen, const char *sock,
    const char *code)
{
	self_command(out, cap);
	self_append_word(out, cap, "join");
	/* Another shell of the same user finds the default socket itself. */
	if (sock_chosen)
		self_append_word(out, cap, "--socket"),
		    self_append_word(out, cap, sock);
	if (*code != '\0')
		self_append_word(out, cap, "--code"),
		    self_append_word(out, cap, code);
}

int
cmd_host(int argc, char **argv)
{
	static struct host h;
	char db[4096], sock[108], err[8192];
	const char *plan_path = NULL, *code = "", *e, *ssh = NULL;
	const char *faculty_code = "", *roster_path = NULL;
	int db_chosen, sock_chosen;
	int headless = 0, resume = 0, rehearse = 0, status = EXIT_OK;
	struct plan plan;
	struct store *st;
	uv_loop_t *loop = uv_default_loop();

	util_default_db(db, sizeof db);
	util_default_socket(sock, sizeof sock);
	db_chosen = (e = getenv("CONVENE_DB")) != NULL && *e != '\0';
	sock_chosen = (e = getenv("CONVENE_SOCKET")) != NULL && *e != '\0';
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;

		if (usage_asked(a))
			return usage_help("host");
		if (strcmp(a, "--db") == 0 && more) {
			util_strlcpy(db, argv[++i], sizeof db);
			db_chosen = 1;
		} else if (strcmp(a, "--socket") == 0 && more) {
			if (strlen(argv[++i]) >= sizeof sock)
				return socket_too_long(argv[i]);
			util_strlcpy(sock, argv[i], sizeof sock);
			sock_chosen = 1;
		}
		else if (strcmp(a, "--code") == 0 && more)
			code = argv[++i];
		else if (strcmp(a, "--faculty-code") == 0 && more)
			faculty_code = argv[++i];
		else if (strcmp(a, "--roster") == 0 && more)
			roster_path = argv[++i];
		else if (strcmp(a, "--rehearse") == 0 && more)
			rehearse = atoi(argv[++i]);
		else if (strcmp(a, "--ssh") == 0 && more)
			ssh = argv[++i];
		else if (strcmp(a, "--headless") == 0)
			headless = 1;
		else if (strcmp(a, "--resume") == 0)
			resume = 1;
		else if (a[0] == '-' || plan_path != NULL)
			return usage();
		else
			plan_path = a;
	}
	if (plan_path == NULL)
		return usage();
	if (rehearse < 0 || rehearse > 2000) {
		fputs("convene host: --rehearse takes 0 to 2000 participants\n",
		    stderr);
		return EXIT_USAGE;
	}
	if (strlen(faculty_code) > CODE_MAX_LEN) {
		fprintf(stderr, "convene host: --faculty-code takes at most "
		    "%d characters\n", CODE_MAX_LEN);
		return EXIT_USAGE;
	}
	if (*faculty_code != '\0' && strcmp(faculty_code, code) == 0) {
		fputs("convene host: --faculty-code must differ from --code\n",
		    stderr);
		return EXIT_USAGE;
	}
	if (roster_path != NULL && roster_load(roster_path, &roster, err,
	    sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return EXIT_BADINPUT;
	}
	if (roster_path != NULL)
		atexit(free_roster);
	if (plan_load(plan_path, &plan, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		plan_free(&plan);
		return EXIT_BADINPUT;
	}
	{
		char dir[4096], *slash;

		util_strlcpy(dir, db, sizeof dir);
		if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
			*slash = '\0';
			util_mkdir_p(dir, 0700);
		}
	}
	raise_nofile();
	if (server_check_socket(sock, err, sizeof err) != 0) {
		fprintf(stderr, "convene host: %s\n", err);
		plan_free(&plan);
		return EXIT_UNREACHABLE;
	}
	if (store_open(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "convene host: %s\n", err);
		plan_free(&plan);
		return EXIT_UNREACHABLE;
	}
	memset(&h, 0, sizeof h);
	if ((h.srv.sess = session_new(&plan, st, resume, err, sizeof err)) ==
	    NULL) {
		fprintf(stderr, "convene host: %s\n", err);
		store_close(st);
		plan_free(&plan);
		return EXIT_UNREACHABLE;
	}
	h.srv.store = st;
	h.srv.data = &h;
	h.srv.on_stop = on_ended;
	h.srv.log = headless ? stderr : open_log(db);
	util_strlcpy(h.srv.code, code, sizeof h.srv.code);
	util_strlcpy(h.srv.faculty_code, faculty_code,
	    sizeof h.srv.faculty_code);
	h.srv.roster = roster_path != NULL ? &roster : NULL;
	join_hint(h.srv.join_hint, sizeof h.srv.join_hint, sock_chosen, sock,
	    code);
	if (server_start(&h.srv, loop, sock, err, sizeof err) != 0) {
		fprintf(stderr, "convene host: %s\n", err);
		session_free(h.srv.sess);
		store_close(st);
		plan_free(&plan);
		return EXIT_UNREACHABLE;
	}
	if (ssh != NULL && start_ssh(&h, ssh, sock, code, err, sizeof err) !=
	    0) {
		fprintf(stderr, "convene host: %s\n", err);
		server_stop(&h.srv);
		uv_run(loop, UV_RUN_DEFAULT);
		session_free(h.srv.sess);
		store_close(st);
		plan_free(&plan);
		return EXIT_UNREACHABLE;
	}
	if (headless)
		printf("convene: session %lld \"%s\" on %s (%s)\n",
		    (long long)h.srv.sess->id, plan.title, sock,
		    h.srv.join_hint), fflush(stdout);
	uv_signal_init(loop, &h.sigint);
	uv_signal_init(loop, &h.sigterm);
	h.sigint.data = h.sigterm.data = &h;
	uv_signal_start(&h.sigint, on_signal, SIGINT);
	uv_signal_start(&h.sigterm, on_signal, SIGTERM);
	if (rehearse > 0 && (h.rehearsal = rehearse_start(loop, sock, code,
	    rehearse)) == NULL)
		server_log(&h.srv, "cannot start the rehearsal participants");
	if (!headless) {
		struct msg_hello hello;

		memset(&hello, 0, sizeof hello);
		hello.view = VIEW_FACILITATOR;
		util_strlcpy(hello.code, code, sizeof hello.code);
		if ((h.tui = tui_start(loop, sock, &hello, VIEW_FACILITATOR,
		    on_quit, &h)) == NULL) {
			fputs("convene host: cannot start the terminal screen "
			    "(use --headless without one)\n", stderr);
			shutdown_all(&h);
			status = EXIT_USAGE;
		}
	}
	uv_run(loop, UV_RUN_DEFAULT);
	uv_loop_close(loop);
	if (!h.ended && status == EXIT_OK)
		print_resume(plan_path, db_chosen ? db : NULL, sock_chosen ?
		    sock : NULL, code, faculty_code, roster_path);
	rehearse_free(rehearse_free_later);
	session_free(h.srv.sess);
	store_close(st);
	plan_free(&plan);
	if (h.srv.log != NULL && h.srv.log != stderr)
		fclose(h.srv.log);
	return status;
}
