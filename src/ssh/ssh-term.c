/* ssh-term.c: an SSH participant's terminal: the return code, then the screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "plain.h"
#include "ssh-gateway.h"
#include "tui.h"

/*
 * One client screen (tui.c) per connection, with keys fed from the
 * channel, no pty: a screen in memory (tui-pool.c), whose bytes are
 * drained into the channel at the end of each loop turn.  One descriptor
 * per participant for it, beside the TCP connection and the one to the
 * host.  The screen asks for name and site itself.  The login name
 * "plain" gets the line mode instead (plain.c, as `convene join --plain`,
 * for screen readers), fed the same way, writing whole lines.
 *
 * Resume: a client that proved a key (ssh-session.c) is known by its
 * fingerprint and comes back without typing anything.  One without a
 * key is first shown a short return code, which it types instead of its
 * name next time.  Either names a token file, as `convene join` keeps
 * one per person, holding the seat's resume token; beside a key's, its
 * name and site (a returning key skips the form).
 */

enum step { INTRO, SCREENS, DONE };

struct ssh_term {
	struct sshc *c;
	struct keys keys;	/* until the screens start */
	uv_timer_t esc;		/* a lone ESC: wait for the rest */
	enum step step;
	struct msg_hello hello;
	char code[12];		/* the return code, when there is no key */
	char tokfile[4200];
	struct tui *tui;
	struct plain *plain;	/* the line mode, instead of tui */
};

#define CODE_CHARS "ACDEFHJKMNPRTUVWXY3479"

static void
say(struct ssh_term *t, const char *s)
{
	sshc_write(t->c, s, strlen(s));
}

/* The token file for an identity, beside `convene join`'s, one per host
 * session (seats are the session's). */
static void
token_path(struct ssh_term *t, const char *identity)
{
	static const unsigned char key[16] = "convene-ssh-seat";
	char id[512], dir[4096];
	const char *base = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	snprintf(id, sizeof id, "%s\n%lld\n%s", t->c->gw->psock,
	    t->c->gw->session_id, identity);
	if (base != NULL && *base == '/')
		snprintf(dir, sizeof dir, "%s/convene", base);
	else
		snprintf(dir, sizeof dir, "%s/.local/state/convene",
		    home ? home : "/tmp");
	t->tokfile[0] = '\0';
	if (util_mkdir_p(dir, 0700) != 0)
		return;
	snprintf(t->tokfile, sizeof t->tokfile, "%s/ssh-seat-%016llx", dir,
	    (unsigned long long)util_siphash(key, id, strlen(id)));
}

/* Line `n` (from 0) of a file, or "". */
static void
read_line(const char *path, int n, char *out, size_t cap)
{
	FILE *f = fopen(path, "r");

	out[0] = '\0';
	if (f == NULL)
		return;
	for (int i = 0; i <= n; i++)
		if (fgets(out, (int)cap, f) == NULL) {
			out[0] = '\0';
			break;
		}
	fclose(f);
	out[strcspn(out, "\r\n")] = '\0';
}

/* The token saved for the identity, if there is one. */
static int
read_token(struct ssh_term *t, const char *identity)
{
	token_path(t, identity);
	t->hello.token[0] = '\0';
	if (t->tokfile[0] != '\0')
		read_line(t->tokfile, 0, t->hello.token, sizeof t->hello.token);
	return t->hello.token[0] != '\0';
}

/* Beside a key's token: the name and site its seat was taken with. */
static void
who_path(const struct ssh_term *t, char *out, size_t cap)
{
	snprintf(out, cap, "%s.who", t->tokfile);
}

static void
save_who(struct ssh_term *t, const struct msg_hello *h)
{
	char path[4300];
	FILE *f;

	who_path(t, path, sizeof path);
	if ((f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%s\n%s\n", h->name, h->site);
	fclose(f);
}

/* A name typed as a return code given before ("k7qf-9mxa" will do). */
static int
is_return_code(struct ssh_term *t, const char *name)
{
	char up[9], code[12];
	size_t n = 0;

	for (; *name != '\0'; name++) {
		char ch = *name;

		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == '-' || ch == ' ')
			continue;
		if (n == 8 || strchr(CODE_CHARS, ch) == NULL)
			return 0;
		up[n++] = ch;
	}
	if (n != 8)
		return 0;
	snprintf(code, sizeof code, "%.4s-%.4s", up, up + 4);
	return read_token(t, code);
}

/* Name and site are in (the form is done): whose seat is it? */
static void
on_identity(void *arg, struct msg_hello *h)
{
	struct ssh_term *t = arg;

	if (t->c->key_id[0] != '\0') {
		read_token(t, t->c->key_id);
		save_who(t, h);
	} else if (is_return_code(t, h->name)) {
		gateway_log("%s: back with a return code", t->c->addr);
	} else
		read_token(t, t->code);
	util_strlcpy(h->token, t->hello.token, sizeof h->token);
	if (t->tokfile[0] != '\0' && t->plain != NULL)
		plain_token_file(t->plain, t->tokfile);
	else if (t->tokfile[0] != '\0')
		tui_token_file(t->tui, t->tokfile);
}

static void
on_quit(void *arg)
{
	struct ssh_term *t = arg;
	char msg[TEXT_MAX_LEN + 32];
	const char *why;

	if (t->tui == NULL && t->plain == NULL)
		return;
	if (t->plain != NULL) {
		/* The line mode said why itself. */
		plain_stop(t->plain);
		t->plain = NULL;
		msg[0] = '\0';
	} else {
		why = tui_exit_reason(t->tui);
		snprintf(msg, sizeof msg, "convene: %s\r\n", why ? why : "");
		if (why == NULL || why[0] == '\0')
			msg[0] = '\0';
		tui_stop(t->tui);
		t->tui = NULL;
		/* The screen stays in memory for the next (tui-pool.c), so
		 * it never sends its own goodbye: colours off, cursor back,
		 * main screen. */
		say(t, "\033[0m\033[?25h\033[?1049l\r\n");
	}
	t->step = DONE;
	say(t, msg);
	if (t->c->chan != NULL && !t->c->dead) {
		ssh_channel_request_send_exit_status(t->c->chan, 0);
		ssh_channel_send_eof(t->c->chan);
	}
	sshc_close(t->c, NULL);
}

static void
plain_write(void *arg, const char *bytes, size_t n)
{
	struct ssh_term *t = arg;

	sshc_write(t->c, bytes, n);
}

/* The line mode, for the login name "plain". */
static void
start_plain(struct ssh_term *t)
{
	struct gateway *gw = t->c->gw;

	if ((t->plain = plain_start_io(gw->loop, gw->psock, &t->hello,
	    plain_write, t, on_quit, t)) == NULL) {
		say(t, "\r\nconvene: cannot start the line mode\r\n");
		sshc_close(t->c, "cannot start the line mode");
		return;
	}
	plain_set_options(t->plain, PLAIN_ECHO | PLAIN_CRLF);
	if (t->hello.name[0] == '\0')
		plain_identity_hook(t->plain, on_identity);
	else if (t->tokfile[0] != '\0')
		plain_token_file(t->plain, t->tokfile);
}

static void
start_screens(struct ssh_term *t)
{
	struct gateway *gw = t->c->gw;
	struct tui_io io;

	t->step = SCREENS;
	uv_timer_stop(&t->esc);
	util_strlcpy(t->hello.code, gw->code, sizeof t->hello.code);
	t->hello.view = VIEW_PARTICIPANT;
	if (strcmp(t->c->user, "plain") == 0) {
		start_plain(t);
		return;
	}
	memset(&io, 0, sizeof io);
	io.out = NULL;		/* in memory, drained each turn */
	io.in = gw->devnull;
	io.in_fd = -1;
	io.term = t->c->term[0] ? t->c->term : "xterm-256color";
	io.rows = t->c->rows;
	io.cols = t->c->cols;
	io.utf8 = t->c->utf8;
	if ((t->tui = tui_start_io(gw->loop, gw->psock, &t->hello,
	    VIEW_PARTICIPANT, &io, on_quit, t)) == NULL) {
		say(t, "\r\nconvene: cannot start the screen\r\n");
		sshc_close(t->c, "cannot start a screen");
		return;
	}
	if (t->hello.name[0] == '\0')
		tui_identity_hook(t->tui, on_identity);
	else if (t->tokfile[0] != '\0')
		tui_token_file(t->tui, t->tokfile);
}

static void
new_code(struct ssh_term *t)
{
	char hex[17];
	int j = 0;

	util_random_hex(hex, sizeof hex);
	for (int i = 0; i < 8; i++) {
		char two[3] = { hex[2 * i], hex[2 * i + 1], '\0' };

		t->code[j++] = CODE_CHARS[strtoul(two, NULL, 16) %
		    (sizeof CODE_CHARS - 1)];
		if (i == 3)
			t->code[j++] = '-';
	}
	t->code[j] = '\0';
}

static void
on_key(void *arg, int key)
{
	struct ssh_term *t = arg;

	if (t->step != INTRO)
		return;
	if (key == SK_ENTER)
		start_screens(t);
	else if (key == SK_INTR || key == SK_ESC || key == 'q') {
		say(t, "\r\n");
		sshc_close(t->c, NULL);
	}
}

static void
on_esc(uv_timer_t *h)
{
	struct ssh_term *t = h->data;

	keys_timeout(&t->keys, on_key, t);
}

void
ssh_term_input(struct ssh_term *t, const unsigned char *buf, size_t n)
{
	size_t i;

	if (t->step == SCREENS) {
		if (t->plain != NULL)
			plain_feed(t->plain, buf, n);
		else
			tui_feed(t->tui, buf, n);
		return;
	}
	if (t->step != INTRO)
		return;
	/* Up to the Enter that ends the intro; what follows is the
	 * screen's (a paste of name and site at once, say). */
	for (i = 0; i < n && t->step == INTRO; i++)
		keys_feed(&t->keys, buf + i, 1, on_key, t);
	if (t->step == SCREENS && i < n)
		ssh_term_input(t, buf + i, n - i);
	else if (t->step == INTRO && keys_pending(&t->keys))
		uv_timer_start(&t->esc, on_esc, 25, 0);
}

/* What the screen drew this turn goes out now.  `buf` is the gateway's
 * scratch space. */
void
ssh_term_flush(struct ssh_term *t, unsigned char **buf, size_t *cap)
{
	ssize_t n;

	if (t->tui == NULL || (n = tui_drain(t->tui, buf, cap)) == 0)
		return;
	if (n < 0)
		sshc_close(t->c, "cannot read its screen");
	else
		sshc_write(t->c, *buf, (size_t)n);
}

void
ssh_term_resize(struct ssh_term *t, int rows, int cols)
{
	if (t->tui != NULL)
		tui_resize(t->tui, rows, cols);
}

/* A client key seen here before: its seat, name and site, no form. */
static int
known_key(struct ssh_term *t)
{
	char path[4300];

	if (t->c->key_id[0] == '\0' || !read_token(t, t->c->key_id))
		return 0;
	who_path(t, path, sizeof path);
	read_line(path, 0, t->hello.name, sizeof t->hello.name);
	read_line(path, 1, t->hello.site, sizeof t->hello.site);
	return t->hello.name[0] != '\0';
}

/* A new terminal on `c`'s channel. */
struct ssh_term *
ssh_term_start(struct sshc *c)
{
	struct ssh_term *t = calloc(1, sizeof *t);
	struct gateway *gw = c->gw;
	char msg[SSH_LINE_LEN + 400];

	if (t == NULL)
		return NULL;
	t->c = c;
	keys_init(&t->keys);
	uv_timer_init(gw->loop, &t->esc);
	t->esc.data = t;
	c->t = t;
	if (gw->active >= gw->max) {
		snprintf(msg, sizeof msg, "convene: this session is full (%d "
		    "people); please follow on the projector, or ask the "
		    "facilitator.\r\n", gw->max);
		say(t, msg);
		sshc_close(c, "full: refused a participant");
		return t;
	}
	gateway_counted(c, 1);
	if (!c->pty) {
		snprintf(msg, sizeof msg, "convene: the session needs a "
		    "terminal; connect with: %s\r\n", gw->line);
		say(t, msg);
		sshc_close(c, NULL);
		return t;
	}
	if (c->key_id[0] != '\0') {
		if (!known_key(t))
			memset(&t->hello, 0, sizeof t->hello);
		start_screens(t);
		return t;
	}
	new_code(t);
	if (strcmp(c->user, "plain") == 0)
		/* Lines only, for a screen reader: no clearing, no indent. */
		snprintf(msg, sizeof msg, "\r\nWelcome to convene, line mode. "
		    "Your return code is %s. If you are cut off, connect again "
		    "and type it instead of your name.\r\nPress Enter to join.\r\n",
		    t->code);
	else
		snprintf(msg, sizeof msg, "\033[H\033[2J\r\n  Welcome to "
		    "convene.\r\n\r\n  Your return code is %s.\r\n\r\n  If you "
		    "are cut off, connect again and type it instead of your "
		    "name:\r\n  you get your seat and your answers back.\r\n\r\n"
		    "  Press Enter to join. ", t->code);
	say(t, msg);
	t->step = INTRO;
	return t;
}

static void
free_term(uv_handle_t *h)
{
	free(h->data);
}

void
ssh_term_free(struct ssh_term *t)
{
	if (t->tui != NULL)
		tui_stop(t->tui);
	if (t->plain != NULL)
		plain_stop(t->plain);
	t->tui = NULL;
	t->plain = NULL;
	uv_close((uv_handle_t *)&t->esc, free_term);
}
