/* tui.c: run a screen in a terminal, fed by snapshots from the host. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <sys/ioctl.h>

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <term.h>
/* term.h defines capability names as macros; these clash with fields. */
#undef lines
#undef columns
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui-int.h"

/*
 * The terminal side of a client.  Keys arrive as bytes (read from a
 * terminal, or fed by an SSH channel) and go through convene's own
 * decoder (keys.c), never ncurses' terminfo-bound one: a terminal whose
 * TERM is wrong still gets its keys, and an unknown sequence is dropped
 * whole instead of reaching a screen as digits.  Keys and snapshots only
 * change state and set `dirty`; the check handle redraws once per loop
 * turn.  Every entry point selects this tui's SCREEN first.
 */
#define TUI_ESC_MS 25		/* a lone ESC this long is the Esc key */
#define TUI_MIN 2
#define TUI_MAX 1000

const char *
tui_exit_reason(struct tui *t)
{
	return t->exit_reason;
}

static void
quit(struct tui *t)
{
	if (t->on_quit != NULL)
		t->on_quit(t->arg);
}

static void
set_colors(struct tui *t, int no_color)
{
	const char *nc = getenv("NO_COLOR");

	t->ui.color = has_colors() && !no_color && (nc == NULL || *nc == '\0');
	if (!t->ui.color)
		return;
	start_color();
	use_default_colors();
	init_pair(UI_TITLE, COLOR_CYAN, -1);
	init_pair(UI_DIM, COLOR_WHITE, -1);
	init_pair(UI_SELECT, COLOR_BLACK, COLOR_CYAN);
	init_pair(UI_GOOD, COLOR_GREEN, -1);
	init_pair(UI_WARN, COLOR_BLACK, COLOR_YELLOW);
	init_pair(UI_BAR, COLOR_CYAN, -1);
	init_pair(UI_STATUS, COLOR_BLACK, COLOR_WHITE);
}

/* The modes every screen of ours runs in (its SCREEN is current). */
static void
setup_term(struct tui *t)
{
	cbreak();
	noecho();
	nonl();
	/* Application cursor keys (ESC O A): the decoder reads both kinds. */
	keypad(stdscr, TRUE);
	curs_set(0);
	set_colors(t, t->no_color);
}

/* Open the terminal; an unknown type falls back to xterm-256color, then
 * vt100, rather than failing in front of a participant. */
static SCREEN *
open_term(const char *type, FILE *out, FILE *in)
{
	const char *tries[] = { type, "xterm-256color", "vt100" };

	for (size_t i = 0; i < 3; i++) {
		SCREEN *s;
		int err;

		if (i == 0 && type == NULL) {
			/* $TERM: test it first, newterm() would exit. */
			if (setupterm(NULL, fileno(out) >= 0 ? fileno(out) :
			    STDOUT_FILENO, &err) != OK)
				continue;
			del_curterm(cur_term);
		} else if (tries[i] == NULL || strlen(tries[i]) > 64 ||
		    strspn(tries[i], "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-._") !=
		    strlen(tries[i]))
			continue;	/* not a terminal name: never a path */
		if ((s = newterm(i == 0 ? type : tries[i], out, in)) != NULL)
			return s;
	}
	return NULL;
}

/* A snapshot decoded, or a key pressed: the screen that shows it. */
static void
screen_key(struct tui *t, int key)
{
	struct intent in;

	if (t->snap == NULL || t->screen == NULL) {
		if (key == 'q' || key == SK_INTR)
			quit(t);	/* still connecting: just go */
		return;
	}
	memset(&in, 0, sizeof in);
	if (key == SK_INTR)
		key = 'q';	/* a remote ^C asks to leave, as q does */
	tui_act(t, t->screen->key(t->state, t->snap, key, &in), &in);
}

static void
on_key(void *arg, int key)
{
	struct tui *t = arg;
	int r;

	if (t->stopped)
		return;
	if (t->ask != NULL) {
		if ((r = ask_key(t, key)) < 0) {
			quit(t);
		} else if (r > 0) {
			ask_free(t->ask);
			t->ask = NULL;
			t->dirty = 1;
			tui_connect(t);
		}
		return;
	}
	if (t->input != NULL)
		input_key(t, key);
	else
		screen_key(t, key);
}

/* Nothing to do: being active is the point (see on_esc); on_redraw
 * stops it.  Stopping it here would be too early: idle handles run
 * before the poll decides how long to wait. */
static void
on_wake(uv_idle_t *h)
{
	(void)h;
}

static void
on_esc(uv_timer_t *h)
{
	struct tui *t = h->data;

	if (t->stopped)
		return;
	set_term(t->term);
	keys_timeout(&t->keys, on_key, t);
	/* The redraw (and, over SSH, the flush) is a check handle, which
	 * runs after the loop's poll: with nothing else to read, that poll
	 * would wait for the next key and the Esc would show only then.  An
	 * active idle handle makes this turn's poll return at once. */
	if (t->dirty)
		uv_idle_start(&t->wake, on_wake);
}

void
tui_feed(struct tui *t, const unsigned char *buf, size_t n)
{
	if (t->stopped)
		return;
	set_term(t->term);
	uv_timer_stop(&t->esc);
	keys_feed(&t->keys, buf, n, on_key, t);
	if (!t->stopped && keys_pending(&t->keys))
		uv_timer_start(&t->esc, on_esc, TUI_ESC_MS, 0);
}

static void
on_readable(uv_poll_t *h, int status, int events)
{
	struct tui *t = h->data;
	unsigned char buf[512];
	ssize_t n;

	(void)events;
	if (status < 0) {
		quit(t);
		return;
	}
	n = read(t->in_fd, buf, sizeof buf);
	if (n > 0)
		tui_feed(t, buf, (size_t)n);
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		quit(t);	/* the terminal went away */
}

void
tui_resize(struct tui *t, int rows, int cols)
{
	if (t->stopped)
		return;
	rows = rows < TUI_MIN ? TUI_MIN : rows > TUI_MAX ? TUI_MAX : rows;
	cols = cols < TUI_MIN ? TUI_MIN : cols > TUI_MAX ? TUI_MAX : cols;
	set_term(t->term);
	/* A half-typed text does not fit the new size: keep it as a draft,
	 * it comes back when the field opens again. */
	input_close(t, 0);
	if (t->mem_fd >= 0) {
		/* A screen in memory never resizes (see tui-pool.c): it
		 * takes one of the new size, and the form starts afresh. */
		int asking = t->ask != NULL;

		if (rows == t->mem_rows && cols == t->mem_cols)
			return;
		ask_free(t->ask);
		t->ask = NULL;
		tui_pool_close(t);
		if ((t->term = tui_pool_open(t, t->mem_type, rows, cols)) ==
		    NULL) {
			snprintf(t->exit_reason, sizeof t->exit_reason,
			    "cannot draw at this window size");
			quit(t);
			return;
		}
		set_term(t->term);
		setup_term(t);
		if (asking)
			t->ask = ask_open(t);
		t->dirty = 1;
		return;
	}
	resize_term(rows, cols);
	clearok(curscr, TRUE);
	t->dirty = 1;
}

static void
on_winch(uv_signal_t *s, int signum)
{
	struct tui *t = s->data;
	struct winsize ws;

	(void)signum;
	if (ioctl(t->in_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		tui_resize(t, ws.ws_row, ws.ws_col);
}

void
tui_act(struct tui *t, int r, struct intent *in)
{
	if (r & SCR_ANSWER) {
		struct msg_answer a;

		memset(&a, 0, sizeof a);
		a.seq = ++t->answer_seq;
		snprintf(a.activity, sizeof a.activity, "%s", t->snap->activity);
		snprintf(a.value, sizeof a.value, "%s", in->answer);
		t->ui.notice[0] = '\0';
		if (conn_send_answer(&t->conn, &a) != 0)
			snprintf(t->ui.notice, sizeof t->ui.notice, "Not sent: "
			    "not connected. Answer again once reconnected.");
	}
	if (r & SCR_CTL) {
		char *argv[CTL_MAX_ARGS];

		for (int i = 0; i < in->argc; i++)
			argv[i] = in->argv[i];
		if (conn_send_ctl(&t->conn, in->argc, argv) != 0)
			snprintf(t->ui.notice, sizeof t->ui.notice, "not "
			    "connected");
	}
	if (r & SCR_INPUT)
		input_open(t, in);
	if (r & SCR_REDRAW)
		t->dirty = 1;
	if (r & SCR_QUIT)
		quit(t);
}

static void
draw_waiting(struct tui *t)
{
	struct ui *ui = &t->ui;

	ui_center(ui, ui->rows / 2 - 1, "convene", UI_TITLE);
	ui_center(ui, ui->rows / 2 + 1, ui->conn[0] ? ui->conn :
	    "Connecting...", UI_DIM);
}

static void
on_redraw(uv_check_t *h)
{
	struct tui *t = h->data;

	uv_idle_stop(&t->wake);
	if (!t->dirty || t->stopped)
		return;
	set_term(t->term);
	t->dirty = 0;
	getmaxyx(stdscr, t->ui.rows, t->ui.cols);
	if (t->ask != NULL) {
		ask_draw(t);
		refresh();
		return;
	}
	erase();
	if (t->snap == NULL || t->screen == NULL)
		draw_waiting(t);
	else if (t->ui.rows < 10 || t->ui.cols < 30)
		ui_center(&t->ui, 0, "Window too small", UI_WARN);
	else
		t->screen->draw(t->state, t->snap, &t->ui);
	if (t->input != NULL) {
		wnoutrefresh(stdscr);
		input_draw(t);
	} else
		refresh();
}

static void
on_state(struct conn *c)
{
	struct tui *t = c->data;

	if (!c->snap_ok)
		t->snap = NULL;	/* a frame that failed to decode: not shown */
	switch (c->state) {
	case CONN_CONNECTING:
		t->ui.conn = "Connecting to the host...";
		break;
	case CONN_READY:
		t->ui.conn = "";
		t->was_ready = 1;
		break;
	case CONN_RETRYING:
		t->ui.conn = "Reconnecting to the host... (your answers are "
		    "safe)";
		break;
	case CONN_REFUSED:
	case CONN_CLOSED:
		snprintf(t->exit_reason, sizeof t->exit_reason, "%s",
		    c->reason[0] ? c->reason : "the host closed the session");
		quit(t);
		return;
	}
	t->dirty = 1;
}

static void
on_welcome(struct conn *c, const struct msg_welcome *w)
{
	struct tui *t = c->data;

	if (w->name[0] != '\0')
		snprintf(t->ui.me, sizeof t->ui.me, "%s%s%s%s", w->name,
		    w->site[0] ? " (" : "", w->site, w->site[0] ? ")" : "");
	t->view = w->view;
	if (t->token_file[0] != '\0' && w->token[0] != '\0') {
		FILE *f = fopen(t->token_file, "w");

		if (f != NULL) {
			fprintf(f, "%s\n", w->token);
			fclose(f);
		}
	}
}

static void
on_snapshot(struct conn *c, struct snapshot *s)
{
	struct tui *t = c->data;
	const struct screen *next = screen_for(s, s->view);

	t->snap = s;	/* the connection's own copy: no second one */
	if (next != t->screen) {
		if (t->screen != NULL)
			t->screen->free(t->state);
		t->screen = next;
		t->state = next->init();
		if (t->state == NULL) {
			t->screen = NULL;
			return;
		}
	}
	t->screen->apply(t->state, t->snap);
	t->dirty = 1;
}

static void
on_ack(struct conn *c, const struct msg_ack *a)
{
	struct tui *t = c->data;

	if (a->seq != t->answer_seq)
		return;		/* an older answer's ack */
	if (a->ok)
		t->ui.notice[0] = '\0';
	else
		snprintf(t->ui.notice, sizeof t->ui.notice, "Not saved: %s",
		    a->text);
	t->dirty = 1;
}

static void
on_reply(struct conn *c, const struct msg_reply *r)
{
	struct tui *t = c->data;

	snprintf(t->ui.notice, sizeof t->ui.notice, "%s", r->text);
	t->dirty = 1;
}

/* Name and site are known: (the identity hook may add a token) join. */
void
tui_connect(struct tui *t)
{
	if (t->conn_started)
		return;
	if (t->on_identity != NULL)
		t->on_identity(t->arg, &t->hello);
	t->conn_started = 1;
	conn_init(&t->conn, t->loop, t->path, &t->hello, 1);
	t->conn.data = t;
	t->conn.on_state = on_state;
	t->conn.on_welcome = on_welcome;
	t->conn.on_snapshot = on_snapshot;
	t->conn.on_ack = on_ack;
	t->conn.on_reply = on_reply;
	conn_start(&t->conn);
	t->dirty = 1;
}

struct tui *
tui_start_io(uv_loop_t *loop, const char *path, const struct msg_hello *hello,
    int view, const struct tui_io *io, void (*on_quit)(void *), void *arg)
{
	struct tui *t;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return NULL;
	t->mem_fd = -1;
	t->in = io->in;
	if (io->in_fd < 0 && io->out == NULL)
		t->term = tui_pool_open(t, io->term, io->rows < TUI_MIN ? 24 :
		    io->rows > TUI_MAX ? TUI_MAX : io->rows, io->cols <
		    TUI_MIN ? 80 : io->cols > TUI_MAX ? TUI_MAX : io->cols);
	else
		t->term = open_term(io->term, io->out, io->in);
	if (t->term == NULL) {
		free(t);
		return NULL;
	}
	set_term(t->term);
	t->loop = loop;
	t->view = view;
	t->on_quit = on_quit;
	t->arg = arg;
	t->hello = *hello;
	if (t->mem_fd < 0)
		t->out = io->out;
	t->in_fd = io->in_fd;
	t->no_color = io->no_color;
	snprintf(t->path, sizeof t->path, "%s", path);
	t->ui.utf8 = io->utf8 >= 0 ? io->utf8 :
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	t->ui.conn = "";
	keys_init(&t->keys);
	setup_term(t);
	if (io->in_fd < 0 && t->mem_fd < 0)
		resize_term(io->rows < TUI_MIN ? 24 : io->rows > TUI_MAX ?
		    TUI_MAX : io->rows, io->cols < TUI_MIN ? 80 : io->cols >
		    TUI_MAX ? TUI_MAX : io->cols);
	uv_timer_init(loop, &t->esc);
	t->esc.data = t;
	uv_idle_init(loop, &t->wake);
	t->wake.data = t;
	if (io->in_fd >= 0) {
		uv_poll_init(loop, &t->poll, io->in_fd);
		t->poll.data = t;
		uv_poll_start(&t->poll, UV_READABLE, on_readable);
		if (isatty(io->in_fd)) {
			t->own_tty = 1;
			uv_signal_init(loop, &t->winch);
			t->winch.data = t;
			uv_signal_start(&t->winch, on_winch, SIGWINCH);
		}
	}
	uv_check_init(loop, &t->redraw);
	t->redraw.data = t;
	uv_check_start(&t->redraw, on_redraw);
	if (view == VIEW_PARTICIPANT && t->hello.name[0] == '\0' &&
	    (t->ask = ask_open(t)) != NULL) {
		/* Nothing may wake the loop before a key: draw the form now
		 * rather than at the first check. */
		t->dirty = 1;
		on_redraw(&t->redraw);
		return t;	/* joins once name and site are in */
	}
	tui_connect(t);
	return t;
}

/* This process's own terminal. */
struct tui *
tui_start(uv_loop_t *loop, const char *path, const struct msg_hello *hello,
    int view, void (*on_quit)(void *), void *arg)
{
	struct tui_io io = { .out = stdout, .in = stdin, .in_fd =
	    STDIN_FILENO, .utf8 = -1 };

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return NULL;
	return tui_start_io(loop, path, hello, view, &io, on_quit, arg);
}

/* Called with the hello once name and site are known, before joining:
 * the place to look up a resume token for that name. */
void
tui_identity_hook(struct tui *t, void (*fn)(void *, struct msg_hello *))
{
	t->on_identity = fn;
}

static void
on_closed(uv_handle_t *h)
{
	struct tui *t = h->data;

	free(t);
}

void
tui_stop(struct tui *t)
{
	if (t->stopped)
		return;
	t->stopped = 1;
	if (t->term != NULL)
		set_term(t->term);
	input_close(t, 1);
	ask_free(t->ask);
	t->ask = NULL;
	if (t->mem_fd >= 0)
		tui_pool_close(t);	/* never delscreen(): see tui-pool.c */
	else if (t->term != NULL) {
		endwin();
		delscreen(t->term);
	}
	if (t->screen != NULL)
		t->screen->free(t->state);
	/* libuv finishes closes newest first, and on_closed frees `t`, which
	 * holds the other handles (and the conn's timer): close the one that
	 * frees first, so it is finished last. */
	uv_close((uv_handle_t *)&t->redraw, on_closed);
	if (t->conn_started)
		conn_close(&t->conn);
	uv_close((uv_handle_t *)&t->esc, NULL);
	uv_close((uv_handle_t *)&t->wake, NULL);
	if (t->in_fd >= 0)
		uv_close((uv_handle_t *)&t->poll, NULL);
	if (t->own_tty)
		uv_close((uv_handle_t *)&t->winch, NULL);
}

/* Keep each welcome's token in `path`, so a client started again (after
 * a crash or a closed terminal) resumes the same seat and answers. */
void
tui_token_file(struct tui *t, const char *path)
{
	snprintf(t->token_file, sizeof t->token_file, "%s", path);
}
