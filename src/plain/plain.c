/* plain.c: the line mode's life: a connection to the host, lines typed
 * in (from a pipe, a terminal or an SSH channel), lines written out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "plain-int.h"

extern const struct plain_kind plain_kind_poll;
extern const struct plain_kind plain_kind_cafe;
extern const struct plain_kind plain_kind_breakout;
extern const struct plain_kind plain_kind_form;
extern const struct plain_kind plain_kind_reportback;
extern const struct plain_kind plain_kind_storyboard;

/* The line mode's registry of activity kinds, one line per kind. */
static const struct plain_kind *const kinds[ACT_KIND_MAX] = {
	[ACT_POLL] = &plain_kind_poll,
	[ACT_CAFE] = &plain_kind_cafe,
	[ACT_ASSESS] = &plain_kind_form,
	[ACT_BREAKOUT] = &plain_kind_breakout,
	[ACT_FEEDBACK] = &plain_kind_form,
	[ACT_REPORTBACK] = &plain_kind_reportback,
	[ACT_STORYBOARD] = &plain_kind_storyboard,
};

/* A kind this build cannot read out says nothing of its own. */
const struct plain_kind *
plain_kind_of(enum act_kind kind)
{
	static const struct plain_kind none;

	if ((unsigned)kind >= ACT_KIND_MAX || kinds[kind] == NULL)
		return &none;
	return kinds[kind];
}

const char *
plain_exit_reason(struct plain *p)
{
	return p->exit_reason;
}

/* Ask the owner to stop this line mode (once). */
void
plain_quit(struct plain *p)
{
	if (p->quitting)
		return;
	p->quitting = 1;
	if (p->on_quit != NULL)
		p->on_quit(p->qarg);
}

/* One line out.  With echo on, a half-typed line is moved below it. */
static void
emit(void *arg, const char *text)
{
	struct plain *p = arg;
	const char *nl = p->options & PLAIN_CRLF ? "\r\n" : "\n";

	if (p->stopped)
		return;
	if ((p->options & PLAIN_ECHO) && p->len > 0)
		p->write(p->warg, nl, strlen(nl));
	p->write(p->warg, text, strlen(text));
	p->write(p->warg, nl, strlen(nl));
	if ((p->options & PLAIN_ECHO) && p->len > 0)
		p->write(p->warg, p->line, p->len);
}

static void
on_state(struct conn *c)
{
	struct plain *p = c->data;

	if (!c->snap_ok)
		p->snap = NULL;
	switch (c->state) {
	case CONN_CONNECTING:
	case CONN_READY:
		break;
	case CONN_RETRYING:
		if (!p->lost)
			plain_say(&p->out, p->welcomed ? "Connection lost: "
			    "reconnecting. Your answers are safe." : "Waiting "
			    "for the host: %s. Trying again.", c->reason);
		p->lost = 1;
		break;
	case CONN_REFUSED:
	case CONN_CLOSED:
		snprintf(p->exit_reason, sizeof p->exit_reason, "%s",
		    c->reason[0] ? c->reason : "the host closed the session");
		plain_say(&p->out, "%s: %s", c->state == CONN_REFUSED &&
		    strstr(p->exit_reason, "session has ended") == NULL ?
		    "Refused" : "Session", p->exit_reason);
		plain_quit(p);
		break;
	}
}

static void
on_welcome(struct conn *c, const struct msg_welcome *w)
{
	struct plain *p = c->data;
	FILE *f;

	if (p->lost && p->welcomed)
		plain_say(&p->out, "Reconnected.");
	else
		plain_say(&p->out, "Joined as %s%s%s%s. Type help at any time.",
		    w->name, w->site[0] ? " (" : "", w->site, w->site[0] ? ")" :
		    "");
	p->lost = 0;
	p->welcomed = 1;
	snprintf(p->view.me, sizeof p->view.me, "%s", w->name);
	if (p->token_file[0] != '\0' && w->token[0] != '\0' &&
	    (f = fopen(p->token_file, "w")) != NULL) {
		fprintf(f, "%s\n", w->token);
		fclose(f);
	}
}

static void
on_snapshot(struct conn *c, struct snapshot *s)
{
	struct plain *p = c->data;

	p->snap = s;
	plain_render(&p->view, s, &p->out);
	if (p->text_sent[0] != '\0' && strcmp(s->activity, p->text_activity) ==
	    0 && s->mine_value[0] != '\0') {
		size_t kept = strlen(s->mine_value);

		/* Until the snapshot holds it, mine_value is the answer
		 * before: neither equal to what was sent nor cut from it. */
		if (kept < strlen(p->text_sent) && strncmp(s->mine_value,
		    p->text_sent, kept) == 0) {
			plain_say(&p->out, "Cut: the host kept the first %zu "
			    "characters of your answer.",
			    util_utf8_chars(s->mine_value));
			p->text_sent[0] = '\0';
		} else if (strcmp(s->mine_value, p->text_sent) == 0)
			p->text_sent[0] = '\0';
	}
	if (p->next_due && p->n_pend == 0) {
		p->next_due = 0;
		if (plain_kind_of(s->kind)->next != NULL)
			plain_kind_of(s->kind)->next(&p->view, s, &p->out);
	}
}

static void
on_ack(struct conn *c, const struct msg_ack *a)
{
	struct plain *p = c->data;
	struct pending pd;
	int i;

	for (i = 0; i < p->n_pend && p->pend[i].seq != a->seq; i++)
		;
	if (i == p->n_pend)
		return;		/* sent before a reconnect, or not ours */
	pd = p->pend[i];
	memmove(p->pend + i, p->pend + i + 1, sizeof pd * (size_t)(p->n_pend -
	    i - 1));
	p->n_pend--;
	if (a->ok)
		plain_say(&p->out, "%s", pd.said);
	else if (pd.slot >= 0)
		plain_say(&p->out, "Not saved, question %d: %s.", pd.slot + 1,
		    a->text);
	else
		plain_say(&p->out, "Not saved: %s.", a->text);
	if (p->snap != NULL && p->n_pend == 0) {
		/* Once the answers are in, a kind that asks one question at
		 * a time asks the next (or the refused one again). */
		const struct plain_kind *k = plain_kind_of(p->snap->kind);

		p->next_due = k->acked != NULL && k->acked(&p->view, p->snap,
		    &p->out, a->ok, pd.slot);
	}
	if (p->input_ended && p->n_pend == 0)
		plain_quit(p);
}

static void
on_reply(struct conn *c, const struct msg_reply *r)
{
	plain_say(&((struct plain *)c->data)->out, "%s", r->text);
}

static void
begin(struct plain *p)
{
	if (p->identity != NULL)
		p->identity(p->qarg, &p->hello);
	conn_init(&p->conn, p->loop, p->sock, &p->hello, 1);
	p->started = 1;
	p->conn.data = p;
	p->conn.on_state = on_state;
	p->conn.on_welcome = on_welcome;
	p->conn.on_snapshot = on_snapshot;
	p->conn.on_ack = on_ack;
	p->conn.on_reply = on_reply;
	conn_start(&p->conn);
}

static void
on_life(uv_timer_t *t)
{
	struct plain *p = t->data;

	plain_say(&p->out, "convene, line mode: one line per answer.");
	if (p->hello.name[0] != '\0')
		begin(p);
	else {
		plain_say(&p->out, "Your name:");
		p->asking = 1;
	}
	if (p->file_input)
		plain_stdio_read(p);
}

static void
identity(struct plain *p, const char *line)
{
	if (p->asking == 1) {
		util_strlcpy(p->hello.name, line, sizeof p->hello.name);
		util_sanitize(p->hello.name, sizeof p->hello.name);
		if (p->hello.name[0] == '\0') {
			plain_say(&p->out, "Please type your name:");
			return;
		}
		if (p->hello.site[0] == '\0') {
			plain_say(&p->out, "Your site (hospital or team; an "
			    "empty line for none):");
			p->asking = 2;
			return;
		}
	} else {
		util_strlcpy(p->hello.site, line, sizeof p->hello.site);
		util_sanitize(p->hello.site, sizeof p->hello.site);
	}
	p->asking = 0;
	plain_say(&p->out, "Connecting...");
	begin(p);
}

static void
send_answer(struct plain *p, const struct plain_input *in)
{
	struct msg_answer a;
	struct pending *pd;

	memset(&a, 0, sizeof a);
	a.seq = ++p->seq;
	snprintf(a.activity, sizeof a.activity, "%s", p->snap->activity);
	snprintf(a.value, sizeof a.value, "%s", in->answer);
	if (conn_send_answer(&p->conn, &a) != 0) {
		plain_say(&p->out, "Not sent: not connected. Answer again once "
		    "reconnected.");
		return;
	}
	if (p->n_pend == PLAIN_PENDING) {
		memmove(p->pend, p->pend + 1, sizeof *pd * (PLAIN_PENDING - 1));
		p->n_pend--;
	}
	pd = &p->pend[p->n_pend++];
	pd->seq = a.seq;
	pd->slot = in->slot;
	snprintf(pd->said, sizeof pd->said, "%s", in->said);
	if (in->cut) {
		snprintf(p->text_activity, sizeof p->text_activity, "%s",
		    a.activity);
		snprintf(p->text_sent, sizeof p->text_sent, "%s", in->answer);
	}
	if (plain_kind_of(p->snap->kind)->sent != NULL)
		plain_kind_of(p->snap->kind)->sent(&p->view, in);
}

/* `results`: what the room may see of the activity, if its kind has any. */
static int
results(const struct snapshot *s, const struct plain_out *out)
{
	const struct plain_kind *k;

	if (s == NULL || s->current < 0)
		return 0;
	k = plain_kind_of(s->kind);
	return k->results != NULL && k->results(s, out);
}

static void
line_done(struct plain *p)
{
	struct plain_input in;
	const struct snapshot *s = p->snap;

	p->line[p->len] = '\0';
	if (p->overflow) {
		plain_say(&p->out, "Too long: that line was not sent (at most "
		    "%d characters).", PLAIN_TEXT_MAX);
		p->len = 0;
		p->overflow = 0;
		return;
	}
	if (p->asking) {
		char line[sizeof p->line];

		snprintf(line, sizeof line, "%s", p->line);
		p->len = 0;
		identity(p, line);
		return;
	}
	plain_parse(&p->view, s, p->line, &in);
	p->len = 0;
	switch (in.what) {
	case PW_ERROR:
		plain_say(&p->out, "%s", in.error);
		break;
	case PW_HELP:
		plain_help(&p->view, s, &p->out);
		break;
	case PW_AGAIN:
		if (s != NULL)
			plain_render_again(&p->view, s, &p->out);
		else
			plain_say(&p->out, "Not connected yet.");
		break;
	case PW_STATUS:
		if (p->started && p->conn.state == CONN_READY && s != NULL)
			plain_render_status(&p->view, s, &p->out);
		else
			plain_say(&p->out, "Status: %s.", !p->started ? "not "
			    "connected yet" : !p->welcomed ? "waiting for the "
			    "host" : "reconnecting to the host; your answers "
			    "are safe");
		break;
	case PW_RESULTS:
		if (!results(s, &p->out))
			plain_say(&p->out, "Results: not shown now.");
		break;
	case PW_QUIT:
		plain_say(&p->out, "Leaving. Your answers are saved.");
		plain_quit(p);
		break;
	case PW_MOVE:
		if (s != NULL && plain_kind_of(s->kind)->move != NULL)
			plain_kind_of(s->kind)->move(&p->view, s, &p->out,
			    in.slot);
		break;
	case PW_ANSWER:
		send_answer(p, &in);
		break;
	}
}

static void
echo(struct plain *p, const char *s, size_t n)
{
	if (p->options & PLAIN_ECHO)
		p->write(p->warg, s, n);
}

/* Rub out the last character typed (all bytes of a UTF-8 one). */
static void
rubout(struct plain *p)
{
	if (p->len == 0)
		return;
	while (p->len > 0 && ((unsigned char)p->line[p->len - 1] & 0xc0) ==
	    0x80)
		p->len--;
	if (p->len > 0)
		p->len--;
	echo(p, "\b \b", 3);
}

void
plain_feed(struct plain *p, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n && !p->stopped && !p->quitting; i++) {
		unsigned char c = b[i];
		int cr = p->cr;

		p->cr = c == '\r';
		if (p->esc == 1) {
			p->esc = c == '[' || c == 'O' ? 2 : 0;
			continue;
		}
		if (p->esc == 2) {
			if (c >= 0x40 && c <= 0x7e)
				p->esc = 0;
			continue;
		}
		if (c == 27) {
			p->esc = 1;
		} else if (c == '\r' || (c == '\n' && !cr)) {
			echo(p, p->options & PLAIN_CRLF ? "\r\n" : "\n",
			    p->options & PLAIN_CRLF ? 2 : 1);
			line_done(p);
		} else if (c == 127 || c == 8) {
			rubout(p);
		} else if (c == 21) {		/* ^U: the whole line */
			while (p->len > 0)
				rubout(p);
		} else if (c == 3) {		/* ^C from a raw terminal */
			plain_say(&p->out, "Leaving. Your answers are saved.");
			plain_quit(p);
		} else if (c == 4 && p->len == 0) {
			plain_feed_end(p);
		} else if (c >= 0x20 || c == '\t') {
			if (p->len >= PLAIN_INPUT_MAX) {
				p->overflow = 1;
				continue;
			}
			p->line[p->len++] = (char)c;
			echo(p, (const char *)&c, 1);
		}
	}
}

/* No more input: leave once the answers sent are acknowledged. */
void
plain_feed_end(struct plain *p)
{
	if (p->len > 0 && !p->quitting)
		line_done(p);
	p->input_ended = 1;
	if (p->n_pend == 0 || !p->started || p->conn.state != CONN_READY)
		plain_quit(p);
}

struct plain *
plain_start_io(uv_loop_t *loop, const char *sock,
    const struct msg_hello *hello, void (*write)(void *, const char *,
    size_t), void *warg, void (*on_quit)(void *), void *qarg)
{
	struct plain *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->loop = loop;
	util_strlcpy(p->sock, sock, sizeof p->sock);
	p->hello = *hello;
	p->hello.view = VIEW_PARTICIPANT;
	util_sanitize(p->hello.name, sizeof p->hello.name);
	util_sanitize(p->hello.site, sizeof p->hello.site);
	p->write = write;
	p->warg = warg;
	p->on_quit = on_quit;
	p->qarg = qarg;
	p->out.line = emit;
	p->out.arg = p;
	plain_view_init(&p->view);
	/* Connect on the loop's first turn, once the caller has set the
	 * options, the token file and the identity hook. */
	uv_timer_init(loop, &p->life);
	p->life.data = p;
	uv_timer_start(&p->life, on_life, 0, 0);
	return p;
}

void
plain_set_options(struct plain *p, int options)
{
	p->options = options;
}

void
plain_token_file(struct plain *p, const char *path)
{
	snprintf(p->token_file, sizeof p->token_file, "%s", path);
}

/* Called with the quit callback's argument once the name and site are
 * known (typed or given), before joining: it may fill the resume token
 * and set the file to keep the next one in (plain_token_file()). */
void
plain_identity_hook(struct plain *p, void (*identity)(void *,
    struct msg_hello *))
{
	p->identity = identity;
}

static void
on_life_closed(uv_handle_t *h)
{
	free(h->data);
}

void
plain_stop(struct plain *p)
{
	if (p->stopped)
		return;
	p->stopped = 1;
	/* libuv finishes closes newest first: the handle that frees `p`
	 * is closed first, so its callback runs after the others'. */
	uv_timer_stop(&p->life);
	uv_close((uv_handle_t *)&p->life, on_life_closed);
	if (p->started)
		conn_close(&p->conn);
	if (p->in_polled)
		uv_close((uv_handle_t *)&p->in, NULL);
}
