/* tui.c: run a screen in this terminal, fed by snapshots from the host. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <sys/ioctl.h>


#include <curses.h>
#include <form.h>
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

#include "conn.h"
#include "screen.h"
#include "tui.h"

/*
 * The terminal side of a client.  Keys and snapshots only change state
 * and set `dirty`; the check handle redraws once per loop turn.  Resizes
 * arrive as SIGWINCH through libuv and are applied before the redraw.
 */
/* A one-line text field over the bottom of the screen (an ncurses form),
 * for a free-text answer or a facilitator's message. */
struct input {
	WINDOW *win;		/* frame and prompt */
	WINDOW *sub;		/* the field's own window: the form reads the
				 * text back from it, so it is never erased */
	FORM *form;
	FIELD *fields[2];
	struct intent in;	/* what to do with the line */
};

struct tui {
	uv_loop_t *loop;
	struct input *input;	/* non-NULL while a line is being typed */
	struct conn conn;
	uv_poll_t keys;
	uv_signal_t winch;
	uv_check_t redraw;
	SCREEN *term;
	struct ui ui;
	struct snapshot *snap;	/* the connection's, NULL until one decodes */
	const struct screen *screen;
	void *state;
	uint32_t answer_seq;
	int dirty;
	int view;
	int stopped;
	char exit_reason[TEXT_MAX_LEN + 1];
	char token_file[4200];	/* where to keep the resume token, or "" */
	void (*on_quit)(void *);
	void *arg;
};

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
set_colors(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");

	t->ui.color = has_colors() && (nc == NULL || *nc == '\0');
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

/* Open the terminal; an unknown TERM falls back to xterm-256color, then
 * vt100, rather than failing in front of a participant. */
static SCREEN *
open_term(void)
{
	static const char *fallbacks[] = { NULL, "xterm-256color", "vt100" };
	SCREEN *s;

	for (size_t i = 0; i < 3; i++) {
		int err;

		if (fallbacks[i] != NULL)
			setenv("TERM", fallbacks[i], 1);
		if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
			continue;
		/* That was only a test: newterm() loads its own copy. */
		del_curterm(cur_term);
		if ((s = newterm(NULL, stdout, stdin)) != NULL)
			return s;
	}
	return NULL;
}

static int
translate(wint_t ch, int is_key)
{
	if (!is_key) {
		if (ch == '\n' || ch == '\r')
			return SK_ENTER;
		if (ch == 27)
			return SK_ESC;
		if (ch == '\t')
			return SK_TAB;
		if (ch == 127 || ch == 8)
			return SK_BACKSPACE;
		return (int)ch;
	}
	switch (ch) {
	case KEY_UP: return SK_UP;
	case KEY_DOWN: return SK_DOWN;
	case KEY_LEFT: return SK_LEFT;
	case KEY_RIGHT: return SK_RIGHT;
	case KEY_ENTER: return SK_ENTER;
	case KEY_BACKSPACE: return SK_BACKSPACE;
	case KEY_PPAGE: return SK_PGUP;
	case KEY_NPAGE: return SK_PGDN;
	}
	return -1;
}

static void act(struct tui *, int, struct intent *);

static void
input_close(struct tui *t)
{
	struct input *ip = t->input;

	if (ip == NULL)
		return;
	unpost_form(ip->form);
	free_form(ip->form);
	free_field(ip->fields[0]);
	delwin(ip->sub);
	delwin(ip->win);
	free(ip);
	t->input = NULL;
	curs_set(0);
	t->dirty = 1;
}

static void
input_open(struct tui *t, const struct intent *in)
{
	struct input *ip;
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	if (t->input != NULL || rows < 6 || cols < 20 ||
	    (ip = calloc(1, sizeof *ip)) == NULL)
		return;
	ip->in = *in;
	ip->win = newwin(4, cols, rows - 5, 0);
	ip->sub = ip->win ? derwin(ip->win, 1, cols - 4, 2, 2) : NULL;
	ip->fields[0] = new_field(1, cols - 4, 0, 0, 0, 0);
	if (ip->win == NULL || ip->sub == NULL || ip->fields[0] == NULL) {
		if (ip->fields[0] != NULL)
			free_field(ip->fields[0]);
		if (ip->sub != NULL)
			delwin(ip->sub);
		if (ip->win != NULL)
			delwin(ip->win);
		free(ip);
		return;
	}
	field_opts_off(ip->fields[0], O_STATIC | O_AUTOSKIP);
	set_max_field(ip->fields[0], TEXT_ANSWER_MAX / 2);
	set_field_back(ip->fields[0], A_UNDERLINE);
	if (t->snap != NULL && in->argc == 0 && in->prefix[0] == '\0')
		set_field_buffer(ip->fields[0], 0, t->snap->mine_value);
	ip->form = new_form(ip->fields);
	set_form_win(ip->form, ip->win);
	set_form_sub(ip->form, ip->sub);
	wattrset(ip->win, A_BOLD);
	box(ip->win, 0, 0);
	mvwaddnstr(ip->win, 1, 2, in->prompt, cols - 4);
	wattrset(ip->win, A_NORMAL);
	post_form(ip->form);
	form_driver(ip->form, REQ_END_LINE);
	t->input = ip;
	curs_set(1);
	t->dirty = 1;
}

/* Enter: hand the typed line on as an answer or a command's last word. */
static void
input_submit(struct tui *t)
{
	struct input *ip = t->input;
	struct intent in = ip->in;
	char text[VALUE_MAX_LEN + 1];

	form_driver(ip->form, REQ_VALIDATION);
	util_strlcpy(text, field_buffer(ip->fields[0], 0), sizeof text);
	util_sanitize(text, sizeof text);
	input_close(t);
	if (in.argc == 0) {
		if (text[0] == '\0')
			return;
		snprintf(in.answer, sizeof in.answer, "%s%s", in.prefix, text);
		act(t, SCR_ANSWER | SCR_REDRAW, &in);
	} else if (in.argc < CTL_MAX_ARGS) {
		snprintf(in.argv[in.argc++], sizeof in.argv[0], "%s", text);
		act(t, SCR_CTL | SCR_REDRAW, &in);
	}
}

static void
input_key(struct tui *t, wint_t ch, int is_key)
{
	FORM *f = t->input->form;

	if (is_key) {
		switch (ch) {
		case KEY_ENTER:
			input_submit(t);
			return;
		case KEY_BACKSPACE:
			form_driver(f, REQ_DEL_PREV);
			break;
		case KEY_LEFT:
			form_driver(f, REQ_PREV_CHAR);
			break;
		case KEY_RIGHT:
			form_driver(f, REQ_NEXT_CHAR);
			break;
		case KEY_HOME:
			form_driver(f, REQ_BEG_LINE);
			break;
		case KEY_END:
			form_driver(f, REQ_END_LINE);
			break;
		case KEY_DC:
			form_driver(f, REQ_DEL_CHAR);
			break;
		}
	} else if (ch == '\r' || ch == '\n')
		input_submit(t);
	else if (ch == 27)
		input_close(t);
	else if (ch == 127 || ch == 8)
		form_driver(f, REQ_DEL_PREV);
	else if (ch >= 0x20)
		form_driver_w(f, OK, (wchar_t)ch);
	t->dirty = 1;
}

static void
input_draw(struct tui *t)
{
	struct input *ip = t->input;

	/* The screen under it was redrawn: paint the box back on top. */
	touchwin(ip->win);
	pos_form_cursor(ip->form);
	wrefresh(ip->win);
}

static void
act(struct tui *t, int r, struct intent *in)
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
on_keys(uv_poll_t *h, int status, int events)
{
	struct tui *t = h->data;
	wint_t ch;
	int rc;

	(void)events;
	if (status < 0) {
		quit(t);
		return;
	}
	while (!t->stopped && (rc = get_wch(&ch)) != ERR) {
		struct intent in;
		int key = translate(ch, rc == KEY_CODE_YES);

		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			t->dirty = 1;
			continue;
		}
		if (t->input != NULL) {
			input_key(t, ch, rc == KEY_CODE_YES);
			continue;
		}
		if (key < 0 || t->snap == NULL || t->screen == NULL) {
			if (key == 'q' && t->snap == NULL)
				quit(t);	/* still connecting: just go */
			continue;
		}
		memset(&in, 0, sizeof in);
		act(t, t->screen->key(t->state, t->snap, key, &in), &in);
	}
}

static void
on_winch(uv_signal_t *s, int signum)
{
	struct tui *t = s->data;
	struct winsize ws;

	(void)signum;
	/* A half-typed line does not survive a resize; it is short. */
	input_close(t);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	t->dirty = 1;
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

	if (!t->dirty || t->stopped)
		return;
	t->dirty = 0;
	getmaxyx(stdscr, t->ui.rows, t->ui.cols);
	erase();
	if (t->snap == NULL || t->screen == NULL)
		draw_waiting(t);
	else if (t->ui.rows < 10 || t->ui.cols < 30)
		ui_center(&t->ui, 0, "Window too small", UI_WARN);
	else
		t->screen->draw(t->state, t->snap, &t->ui);
	refresh();
	if (t->input != NULL)
		input_draw(t);
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

struct tui *
tui_start(uv_loop_t *loop, const char *path, const struct msg_hello *hello,
    int view, void (*on_quit)(void *), void *arg)
{
	struct tui *t;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return NULL;
	if ((t = calloc(1, sizeof *t)) == NULL)
		return NULL;
	if ((t->term = open_term()) == NULL) {
		free(t);
		return NULL;
	}
	t->loop = loop;
	t->view = view;
	t->on_quit = on_quit;
	t->arg = arg;
	t->ui.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	t->ui.conn = "";
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_colors(t);
	uv_poll_init(loop, &t->keys, STDIN_FILENO);
	t->keys.data = t;
	uv_poll_start(&t->keys, UV_READABLE, on_keys);
	uv_signal_init(loop, &t->winch);
	t->winch.data = t;
	uv_signal_start(&t->winch, on_winch, SIGWINCH);
	uv_check_init(loop, &t->redraw);
	t->redraw.data = t;
	uv_check_start(&t->redraw, on_redraw);
	conn_init(&t->conn, loop, path, hello, 1);
	t->conn.data = t;
	t->conn.on_state = on_state;
	t->conn.on_welcome = on_welcome;
	t->conn.on_snapshot = on_snapshot;
	t->conn.on_ack = on_ack;
	t->conn.on_reply = on_reply;
	conn_start(&t->conn);
	t->dirty = 1;
	return t;
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
	input_close(t);
	endwin();
	delscreen(t->term);
	if (t->screen != NULL)
		t->screen->free(t->state);
	/* libuv finishes closes newest first, and on_closed frees `t`, which
	 * holds the other handles (and the conn's timer): close the one that
	 * frees first, so it is finished last. */
	uv_close((uv_handle_t *)&t->redraw, on_closed);
	conn_close(&t->conn);
	uv_close((uv_handle_t *)&t->keys, NULL);
	uv_close((uv_handle_t *)&t->winch, NULL);
}

/* Keep each welcome's token in `path`, so a client started again (after
 * a crash or a closed terminal) resumes the same seat and answers. */
void
tui_token_file(struct tui *t, const char *path)
{
	snprintf(t->token_file, sizeof t->token_file, "%s", path);
}
