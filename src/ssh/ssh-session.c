/* ssh-session.c: one SSH connection: handshake, auth, one terminal channel. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ssh-gateway.h"

/*
 * What a connection may do: authenticate (no secret, or the join code as
 * password or keyboard-interactive answer; a client key it proves is
 * kept as its resume identity), open one session channel, ask for a pty
 * and a shell, resize.  Every other request (exec, subsystems such as
 * sftp and scp, agent and X11 forwarding, port forwarding, other channel
 * types) is refused, by callbacks that are not set or that say no.
 */

static void
on_poll(uv_poll_t *p, int status, int events);

/* Which readiness to wait for: always readable, writable while libssh
 * holds output the socket did not take. */
void
sshc_watch(struct sshc *c)
{
	int want = UV_READABLE;

	if (c->dead)
		return;
	if (ssh_get_poll_flags(c->ssh) & SSH_WRITE_PENDING)
		want |= UV_WRITABLE;
	if (want != c->events) {
		c->events = want;
		uv_poll_start(&c->poll, want, on_poll);
	}
}

static void
left_handshake(struct sshc *c)
{
	if (c->src != NULL && !c->shell) {
		c->src->handshakes--;
		c->gw->handshakes--;
	}
}

void
sshc_close(struct sshc *c, const char *why)
{
	if (c->dead)
		return;
	if (why != NULL)
		gateway_log("%s: %s", c->addr, why);
	c->dead = 1;
	left_handshake(c);
	c->shell = 1;		/* counted out of the handshakes once */
	gateway_counted(c, 0);
	uv_poll_stop(&c->poll);
}

static void
free_conn(uv_handle_t *h)
{
	free(h->data);
}

/* Free `c` (from the end of the turn, never from inside libssh). */
void
sshc_free(struct sshc *c)
{
	struct gateway *gw = c->gw;

	if (c->t != NULL)
		ssh_term_free(c->t);
	c->t = NULL;
	if (c->src != NULL)
		c->src->sessions--;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		gw->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	if (c->chan != NULL) {
		ssh_channel_close(c->chan);
		ssh_channel_free(c->chan);
	}
	ssh_event_remove_session(c->ev, c->ssh);
	ssh_event_free(c->ev);
	ssh_disconnect(c->ssh);
	ssh_free(c->ssh);	/* closes the socket; the poll was stopped */
	free(c->out);
	uv_close((uv_handle_t *)&c->poll, free_conn);
}

/* Queue screen bytes and send what the channel's window takes.  A client
 * that stops taking them is dropped rather than held in memory. */
int
sshc_write(struct sshc *c, const void *buf, size_t n)
{
	if (c->dead || c->chan == NULL)
		return -1;
	if (c->out_len + n > SSH_OUT_MAX) {
		sshc_close(c, "not reading its screen; dropped");
		return -1;
	}
	if (c->out_cap < c->out_len + n) {
		size_t cap = c->out_cap ? c->out_cap : 4096;
		unsigned char *p;

		while (cap < c->out_len + n)
			cap *= 2;
		if ((p = realloc(c->out, cap)) == NULL) {
			sshc_close(c, "out of memory");
			return -1;
		}
		c->out = p;
		c->out_cap = cap;
	}
	memcpy(c->out + c->out_len, buf, n);
	c->out_len += n;
	sshc_flush(c);
	return 0;
}

void
sshc_flush(struct sshc *c)
{
	uint32_t win;
	int n;

	if (c->dead || c->chan == NULL || c->out_len == 0)
		return;
	/* Never more than the window: in non-blocking mode a bigger write
	 * would wait in libssh for the client to open it. */
	win = ssh_channel_window_size(c->chan);
	if (win == 0)
		return;
	n = ssh_channel_write(c->chan, c->out, c->out_len < win ?
	    (uint32_t)c->out_len : win);
	if (n == SSH_ERROR) {
		sshc_close(c, NULL);
		return;
	}
	if (n > 0) {
		memmove(c->out, c->out + n, c->out_len - (size_t)n);
		c->out_len -= (size_t)n;
	}
	if (c->out_len == 0 && c->out_cap > 16384) {
		free(c->out);
		c->out = NULL;
		c->out_cap = 0;
	}
	sshc_watch(c);
}

static int
code_ok(struct gateway *gw, const char *given)
{
	size_t a = strlen(gw->code), b = given ? strlen(given) : 0;
	unsigned char d = a != b;

	for (size_t i = 0; i < a && i < b; i++)
		d |= (unsigned char)(gw->code[i] ^ given[i]);
	return d == 0;
}

static void
note_user(struct sshc *c, const char *user)
{
	if (user != NULL && c->user[0] == '\0')
		util_strlcpy(c->user, user, sizeof c->user);
}

static int
tried(struct sshc *c)
{
	if (++c->auth_tries > SSH_AUTH_TRIES)
		sshc_close(c, "too many wrong join codes");
	return SSH_AUTH_DENIED;
}

static int
auth_done(struct sshc *c)
{
	c->authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
on_auth_none(ssh_session s, const char *user, void *arg)
{
	struct sshc *c = arg;
	const char *banner = ssh_get_clientbanner(s);

	note_user(c, user);
	/* Refused even without a code, so a client offers its keys (a
	 * resume identity) before keyboard-interactive lets it in.  PuTTY
	 * users seldom have keys: no code, straight in. */
	if (c->gw->code[0] == '\0' && banner != NULL && strstr(banner,
	    "PuTTY") != NULL)
		return auth_done(c);
	return SSH_AUTH_DENIED;
}

static int
on_auth_password(ssh_session s, const char *user, const char *pw, void *arg)
{
	struct sshc *c = arg;

	(void)s;
	note_user(c, user);
	if (c->gw->code[0] == '\0' || code_ok(c->gw, pw))
		return auth_done(c);
	return tried(c);
}

static int
on_auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *key,
    char state, void *arg)
{
	struct sshc *c = arg;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fpr;

	note_user(c, user);
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;	/* "sign with it, then" */
	if (state != SSH_PUBLICKEY_STATE_VALID)
		return SSH_AUTH_DENIED;
	/* Proven: the client holds this key, so it may stand for them. */
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) == 0 && (fpr = ssh_get_fingerprint_hash(
	    SSH_PUBLICKEY_HASH_SHA256, hash, hlen)) != NULL) {
		util_strlcpy(c->key_id, fpr, sizeof c->key_id);
		ssh_string_free_char(fpr);
	}
	ssh_clean_pubkey_hash(&hash);
	if (c->gw->code[0] == '\0')
		return auth_done(c);
	ssh_set_auth_methods(s, SSH_AUTH_METHOD_PASSWORD |
	    SSH_AUTH_METHOD_INTERACTIVE);
	return SSH_AUTH_PARTIAL;	/* the code is still needed */
}

/* Keyboard-interactive, which has no server callback in libssh: no
 * prompt without a code, else one ("Join code:"). */
static int
on_message(ssh_session s, ssh_message m, void *arg)
{
	struct sshc *c = arg;
	static const char *prompt[] = { "Join code: " };
	static char echo[] = { 1 };

	if (ssh_message_type(m) == SSH_REQUEST_CHANNEL_OPEN ||
	    ssh_message_type(m) == SSH_REQUEST_GLOBAL ||
	    ssh_message_type(m) == SSH_REQUEST_CHANNEL)
		gateway_log("%s: refused %s", c->addr, ssh_message_type(m) ==
		    SSH_REQUEST_CHANNEL ? "a channel request" :
		    ssh_message_type(m) == SSH_REQUEST_GLOBAL ?
		    "port forwarding" : "a forwarding channel");
	if (ssh_message_type(m) != SSH_REQUEST_AUTH ||
	    ssh_message_subtype(m) != SSH_AUTH_METHOD_INTERACTIVE)
		return 1;	/* libssh's default: refused */
	note_user(c, ssh_message_auth_user(m));
	if (!ssh_message_auth_kbdint_is_response(m)) {
		if (c->gw->code[0] == '\0')
			ssh_message_auth_interactive_request(m, "", "", 0,
			    NULL, NULL);
		else
			ssh_message_auth_interactive_request(m, "convene",
			    "The join code is on the screen at the front.",
			    1, prompt, echo);
		return 0;
	}
	if (c->gw->code[0] == '\0' || (ssh_userauth_kbdint_getnanswers(s) ==
	    1 && code_ok(c->gw, ssh_userauth_kbdint_getanswer(s, 0)))) {
		auth_done(c);
		ssh_message_auth_reply_success(m, 0);
		return 0;
	}
	tried(c);
	return 1;
}

/* TERM comes from the network: a terminfo name, or nothing. */
static void
set_term(struct sshc *c, const char *term)
{
	size_t n = term ? strlen(term) : 0;

	c->term[0] = '\0';
	if (n == 0 || n >= sizeof c->term)
		return;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)term[i]) && strchr("._+-",
		    term[i]) == NULL)
			return;
	memcpy(c->term, term, n + 1);
}

static void
set_size(struct sshc *c, int cols, int rows)
{
	/* 0x0 means "unknown" in SSH; absurd sizes are cut to what a real
	 * window can be, since a screen's memory grows with its cells. */
	c->cols = cols <= 0 ? 80 : cols < 2 ? 2 : cols > SSH_COLS_MAX ?
	    SSH_COLS_MAX : cols;
	c->rows = rows <= 0 ? 24 : rows < 2 ? 2 : rows > SSH_ROWS_MAX ?
	    SSH_ROWS_MAX : rows;
}

static int
on_pty(ssh_session s, ssh_channel ch, const char *term, int cols, int rows,
    int px, int py, void *arg)
{
	struct sshc *c = arg;

	(void)s, (void)ch, (void)px, (void)py;
	if (c->pty || c->shell)
		return -1;
	c->pty = 1;
	set_term(c, term);
	set_size(c, cols, rows);
	return 0;
}

static int
on_window(ssh_session s, ssh_channel ch, int cols, int rows, int px, int py,
    void *arg)
{
	struct sshc *c = arg;

	(void)s, (void)ch, (void)px, (void)py;
	set_size(c, cols, rows);
	if (c->t != NULL)
		ssh_term_resize(c->t, c->rows, c->cols);
	return 0;
}

/* Only the locale, to learn whether the terminal speaks UTF-8. */
static int
on_env(ssh_session s, ssh_channel ch, const char *name, const char *value,
    void *arg)
{
	struct sshc *c = arg;

	(void)s, (void)ch;
	if (name == NULL || value == NULL || (strcmp(name, "LANG") != 0 &&
	    strcmp(name, "LC_ALL") != 0 && strcmp(name, "LC_CTYPE") != 0))
		return -1;
	c->utf8 = strstr(value, "UTF-8") != NULL || strstr(value, "utf8") !=
	    NULL || strstr(value, "UTF8") != NULL || strstr(value, "utf-8") !=
	    NULL;
	return 0;
}

static int
on_shell(ssh_session s, ssh_channel ch, void *arg)
{
	struct sshc *c = arg;

	(void)s, (void)ch;
	if (c->shell)
		return -1;
	left_handshake(c);
	c->shell = 1;
	c->last_key = util_now_ms();
	if (!c->pty)
		set_size(c, 0, 0);
	if ((c->t = ssh_term_start(c)) == NULL) {
		sshc_close(c, "cannot start a screen");
		return -1;
	}
	return 0;
}

static int
on_refuse(ssh_session s, ssh_channel ch, const char *what, void *arg)
{
	struct sshc *c = arg;

	(void)s, (void)ch;
	gateway_log("%s: refused \"%.40s\"", c->addr, what ? what : "");
	return -1;
}

static int
on_data(ssh_session s, ssh_channel ch, void *data, uint32_t len, int is_err,
    void *arg)
{
	struct sshc *c = arg;

	int64_t now = util_now_ms();

	(void)s, (void)ch, (void)is_err;
	if (c->dead)
		return (int)len;
	c->last_key = now;
	/* Everyone's screens share this one thread: a paste of megabytes
	 * would hold them all while its keys are drawn.  A person's input
	 * may come at SSH_INPUT_RATE bytes a second after a burst of
	 * SSH_INPUT_BURST (four whole 1,000-character answers); the rest is
	 * dropped, and the log says so once. */
	c->in_tokens += (double)(now - c->in_at) * SSH_INPUT_RATE / 1000.0;
	c->in_at = now;
	if (c->in_tokens > SSH_INPUT_BURST)
		c->in_tokens = SSH_INPUT_BURST;
	if (len > c->in_tokens) {
		if (!c->in_flooded)
			gateway_log("%s: sends too fast; dropping input",
			    c->addr);
		c->in_flooded = 1;
	}
	if (c->t != NULL && c->in_tokens >= 1)
		ssh_term_input(c->t, data, len < c->in_tokens ? len :
		    (size_t)c->in_tokens);
	c->in_tokens = len < c->in_tokens ? c->in_tokens - len : 0;
	return (int)len;
}

/* libssh answers nothing (the client asked for no reply); what counts
 * is that no agent channel is ever opened back to the client. */
static void
on_agent(ssh_session s, ssh_channel ch, void *arg)
{
	struct sshc *c = arg;

	(void)s, (void)ch;
	gateway_log("%s: refused agent forwarding", c->addr);
}

static void
on_gone(ssh_session s, ssh_channel ch, void *arg)
{
	(void)s, (void)ch;
	sshc_close(arg, NULL);
}

static void
on_wontblock_flush(struct sshc *c)
{
	if (c->out_len > 0)
		sshc_flush(c);
}

static int
on_wontblock(ssh_session s, ssh_channel ch, uint32_t bytes, void *arg)
{
	(void)s, (void)ch, (void)bytes;
	on_wontblock_flush(arg);
	return 0;
}

static ssh_channel
on_channel(ssh_session s, void *arg)
{
	struct sshc *c = arg;

	if (!c->authed || c->chan != NULL)
		return NULL;	/* one terminal per connection */
	if ((c->chan = ssh_channel_new(s)) == NULL)
		return NULL;
	memset(&c->ccb, 0, sizeof c->ccb);
	c->ccb.userdata = c;
	c->ccb.channel_data_function = on_data;
	c->ccb.channel_eof_function = on_gone;
	c->ccb.channel_close_function = on_gone;
	c->ccb.channel_pty_request_function = on_pty;
	c->ccb.channel_shell_request_function = on_shell;
	c->ccb.channel_pty_window_change_function = on_window;
	c->ccb.channel_env_request_function = on_env;
	c->ccb.channel_exec_request_function = on_refuse;
	c->ccb.channel_subsystem_request_function = on_refuse;
	c->ccb.channel_write_wontblock_function = on_wontblock;
	c->ccb.channel_auth_agent_req_function = on_agent;
	ssh_callbacks_init(&c->ccb);
	ssh_set_channel_callbacks(c->chan, &c->ccb);
	return c->chan;
}

static void
on_poll(uv_poll_t *p, int status, int events)
{
	struct sshc *c = p->data;

	(void)events;
	if (c->dead)
		return;
	if (status < 0 || ssh_event_dopoll(c->ev, 0) == SSH_ERROR ||
	    (!ssh_is_connected(c->ssh) && c->authed)) {
		sshc_close(c, NULL);
		return;
	}
	if (ssh_get_status(c->ssh) & (SSH_CLOSED | SSH_CLOSED_ERROR)) {
		sshc_close(c, NULL);
		return;
	}
	on_wontblock_flush(c);
	sshc_watch(c);
}

static void
describe(const struct sockaddr_storage *ss, char *out, size_t cap)
{
	char ip[INET6_ADDRSTRLEN] = "?";

	if (ss->ss_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr,
		    ip, sizeof ip);
	else if (ss->ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->
		    sin6_addr, ip, sizeof ip);
	snprintf(out, cap, "%s", ip);
}

/* A new TCP connection on `fd` (ours from now on, closed on failure):
 * start its key exchange, without waiting for it (many proceed at once,
 * each as its bytes arrive). */
struct sshc *
sshc_accept(struct gateway *gw, int fd, const struct sockaddr_storage *ss,
    struct ssh_source *src)
{
	struct sshc *c = calloc(1, sizeof *c);

	if (c == NULL) {
		close(fd);
		return NULL;
	}
	c->gw = gw;
	c->fd = fd;
	c->since = util_now_ms();
	c->in_at = c->since;
	c->in_tokens = SSH_INPUT_BURST;
	c->utf8 = 1;		/* unless the client's locale says not */
	describe(ss, c->addr, sizeof c->addr);
	if ((c->ssh = ssh_new()) == NULL) {
		close(fd);
		free(c);
		return NULL;
	}
	if (ssh_bind_accept_fd(gw->bind, c->ssh, fd) != SSH_OK) {
		ssh_free(c->ssh);	/* closes fd */
		free(c);
		return NULL;
	}
	ssh_set_blocking(c->ssh, 0);
	memset(&c->scb, 0, sizeof c->scb);
	c->scb.userdata = c;
	c->scb.auth_none_function = on_auth_none;
	c->scb.auth_password_function = on_auth_password;
	c->scb.auth_pubkey_function = on_auth_pubkey;
	c->scb.channel_open_request_session_function = on_channel;
	ssh_callbacks_init(&c->scb);
	ssh_set_server_callbacks(c->ssh, &c->scb);
	ssh_set_message_callback(c->ssh, on_message, c);
	ssh_set_auth_methods(c->ssh, SSH_AUTH_METHOD_PUBLICKEY |
	    SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE);
	if (ssh_handle_key_exchange(c->ssh) == SSH_ERROR ||
	    (c->ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(c->ev, c->ssh) != SSH_OK) {
		if (c->ev != NULL)
			ssh_event_free(c->ev);
		ssh_free(c->ssh);	/* closes fd */
		free(c);
		return NULL;
	}
	c->src = src;
	src->handshakes++;
	src->sessions++;
	uv_poll_init(gw->loop, &c->poll, fd);
	c->poll.data = c;
	c->next = gw->conns;
	if (gw->conns != NULL)
		gw->conns->prev = c;
	gw->conns = c;
	gw->handshakes++;
	sshc_watch(c);
	return c;
}
