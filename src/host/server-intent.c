/* server-intent.c: what a client asks of the host: hello, answers, ctl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server-client.h"
#include "ssh.h"
#include "rotate.h"

/*
 * The role a joining participant takes: faculty when they gave the
 * faculty code (host --faculty-code), else their name's role in the
 * roster (host --roster), else none (NULL).
 */
static const char *
role_of(const struct server *srv, const struct msg_hello *h, int faculty)
{
	int k;

	if (faculty)
		return ROLE_FACULTY;
	if (srv->roster == NULL || (k = roster_find(srv->roster, h->name)) < 0)
		return NULL;
	return srv->roster->people[k].role[0] != '\0' ?
	    srv->roster->people[k].role : NULL;
}

static void
on_hello(struct client *c, const struct frame *f)
{
	struct server *srv = c->srv;
	struct msg_hello h;
	struct msg_welcome w;
	const char *err;
	char why[256];
	int faculty;

	if (msg_hello_decode(f, &h, &err) != 0) {
		server_client_refuse(c, err);
		return;
	}
	if (h.proto != PROTO_VERSION) {
		server_client_refuse(c, "this convene is a different version "
		    "from the host's; update it");
		return;
	}
	/* The join code keeps strangers out; the host's own user (its
	 * dashboard, ctl, the projector) is already trusted by the kernel. */
	faculty = srv->faculty_code[0] != '\0' && strcmp(h.code,
	    srv->faculty_code) == 0;
	if (((srv->code[0] != '\0' && strcmp(h.code, srv->code) != 0) ||
	    (srv->code[0] == '\0' && srv->faculty_code[0] != '\0' &&
	    h.code[0] != '\0')) && !faculty &&
	    !(c->uid == srv->uid && h.view != VIEW_PARTICIPANT)) {
		/* A short delay makes guessing codes slow; reading stops so
		 * the client can do nothing else meanwhile. */
		snprintf(c->refuse_why, sizeof c->refuse_why, "%s", h.code[0] ?
		    "that join code is not right; ask the facilitator for it" :
		    "this session needs a join code (--code CODE)");
		c->refuse_at = util_now_ms() + 1000;
		uv_read_stop((uv_stream_t *)&c->pipe);
		return;
	}
	/* Only the host's own user may steer or project; others answer. */
	c->view = c->uid == srv->uid ? h.view : VIEW_PARTICIPANT;
	memset(&w, 0, sizeof w);
	if (c->view == VIEW_PARTICIPANT) {
		struct participant *seat;
		size_t before;

		util_sanitize(h.name, sizeof h.name);
		util_sanitize(h.site, sizeof h.site);
		/* No token for a seat that is empty but has this name and
		 * site: the same person on another terminal, probably.  The
		 * facilitator confirms before the seat changes hands. */
		if (session_by_token(srv->sess, h.token) == NULL &&
		    (seat = session_seat_for(srv->sess, h.name, h.site)) !=
		    NULL && (c->claim = session_claim_add(srv->sess, seat)) !=
		    0) {
			w.view = VIEW_PARTICIPANT;
			util_strlcpy(w.name, seat->name, sizeof w.name);
			util_strlcpy(w.site, seat->site, sizeof w.site);
			msg_welcome_encode(&c->out, &w);
			c->greeted = 1;
			srv->urgent = 1;
			server_log(srv, "%s (%s) asks for their seat back",
			    seat->name, seat->site[0] ? seat->site : "no site");
			return;
		}
		before = srv->sess->n_people;
		if (store_begin(srv->store) != 0 || (c->p = session_join(
		    srv->sess, h.name, h.site, h.token, why, sizeof why)) ==
		    NULL) {
			server_client_refuse(c, store_in_tx(srv->store) ? why :
			    "the host cannot save right now");
			return;
		}
		/* In the same transaction as the seat; a role that cannot be
		 * saved leaves them a participant, and says so in the log. */
		if (role_of(srv, &h, faculty) != NULL && session_set_role(
		    srv->sess, c->p, role_of(srv, &h, faculty)) != 0)
			server_log(srv, "%s: role not saved: %s", c->p->name,
			    store_error(srv->store));
		/* A new seat is committed at once: if the row were lost with
		 * a failed turn, its id could be given to someone else while
		 * this person still held it in memory. */
		if (srv->sess->n_people != before && store_commit(srv->store) !=
		    0) {
			srv->turn_lost = 1;
			session_unjoin(srv->sess, c->p);
			c->p = NULL;
			server_client_refuse(c, "the host cannot save right "
			    "now; please join again in a moment");
			return;
		}
		session_connected(srv->sess, c->p);
		w.participant = (uint32_t)c->p->id;
		util_strlcpy(w.token, c->p->token, sizeof w.token);
		util_strlcpy(w.name, c->p->name, sizeof w.name);
		util_strlcpy(w.site, c->p->site, sizeof w.site);
		server_log(srv, "%s (%s) joined%s", c->p->name,
		    c->p->site[0] ? c->p->site : "no site",
		    participant_faculty(c->p) ? " as faculty" : "");
	}
	w.view = (uint8_t)c->view;
	msg_welcome_encode(&c->out, &w);
	c->greeted = 1;
}

static void
on_answer(struct client *c, const struct frame *f)
{
	struct msg_answer a;
	struct msg_ack ack;
	const char *err;

	if (msg_answer_decode(f, &a, &err) != 0) {
		server_client_close(c, err);
		return;
	}
	memset(&ack, 0, sizeof ack);
	ack.seq = a.seq;
	if (c->p == NULL) {
		snprintf(ack.text, sizeof ack.text, "only participants answer");
		msg_ack_encode(&c->out, &ack);
		return;
	}
	if (store_begin(c->srv->store) != 0) {
		snprintf(ack.text, sizeof ack.text, "answers paused: the host "
		    "cannot save right now; try again");
		msg_ack_encode(&c->out, &ack);
		return;
	}
	ack.ok = session_answer(c->srv->sess, c->p, a.activity, a.value,
	    ack.text, sizeof ack.text) == 0;
	msg_ack_encode(ack.ok ? &c->held : &c->out, &ack);
}

/*
 * `reclaim ID yes|no`: the facilitator's answer to someone asking for a
 * seat back.  Yes: that terminal takes the seat, with the seat's answers.
 * No: it gets a seat of its own (the name told apart by a number).
 */
static int
reclaim(struct server *srv, int argc, char **argv, char *out, size_t n)
{
	struct client *k;
	struct participant *seat;
	struct msg_welcome w;
	char *end, why[256];
	unsigned long id;

	if (argc != 3 || (id = strtoul(argv[1], &end, 10)) == 0 || *end !=
	    '\0' || (strcmp(argv[2], "yes") != 0 && strcmp(argv[2], "no") !=
	    0)) {
		snprintf(out, n, "usage: reclaim REQUEST-ID yes|no");
		return 2;
	}
	for (k = srv->clients; k != NULL && k->claim != id; k = k->next)
		;
	if (k == NULL || k->closing) {
		snprintf(out, n, "no request %lu (its terminal may have left)",
		    id);
		return 1;
	}
	if (store_begin(srv->store) != 0) {
		snprintf(out, n, "cannot save: %s", store_error(srv->store));
		return 1;
	}
	seat = session_claim_take(srv->sess, k->claim);
	k->claim = 0;
	if (argv[2][0] == 'y' && seat != NULL && seat->connected == 0 &&
	    session_give_seat(srv->sess, seat) == 0) {
		k->p = seat;
		snprintf(out, n, "%s has their seat back", seat->name);
	} else if ((k->p = session_join(srv->sess, seat ? seat->name : "?",
	    seat ? seat->site : "", NULL, why, sizeof why)) == NULL) {
		snprintf(out, n, "no seat given: %s", why);
		server_client_refuse(k, "the facilitator could not give you a "
		    "seat; please join again");
		return 1;
	} else
		snprintf(out, n, "%s gets a seat of their own", k->p->name);
	session_connected(srv->sess, k->p);
	memset(&w, 0, sizeof w);
	w.participant = (uint32_t)k->p->id;
	w.view = VIEW_PARTICIPANT;
	util_strlcpy(w.token, k->p->token, sizeof w.token);
	util_strlcpy(w.name, k->p->name, sizeof w.name);
	util_strlcpy(w.site, k->p->site, sizeof w.site);
	msg_welcome_encode(&k->out, &w);
	server_client_mark(k);
	srv->urgent = 1;
	return 0;
}

/* With --ssh, `ctl status` tells how to join over SSH: its "ssh" field
 * goes in before the object's closing brace. */
static void
status_ssh(struct server *srv, char *json, size_t cap)
{
	char field[512];
	size_t len = strlen(json);

	if (srv->ssh == NULL || len == 0 || json[len - 1] != '}' ||
	    ssh_host_status(srv->ssh, field, sizeof field) != 0 ||
	    len + strlen(field) + 10 >= cap)
		return;
	snprintf(json + len - 1, cap - len + 1, ",\"ssh\":%s}", field);
}

static void
on_ctl(struct client *c, const struct frame *f)
{
	struct msg_ctl m;
	struct msg_reply rep;
	char *argv[CTL_MAX_ARGS];
	const char *err;

	if (msg_ctl_decode(f, &m, &err) != 0) {
		server_client_close(c, err);
		return;
	}
	c->srv->urgent = 1;	/* whatever it changed goes out this turn */
	memset(&rep, 0, sizeof rep);
	if (c->view != VIEW_FACILITATOR && c->view != VIEW_CTL) {
		rep.status = 1;
		snprintf(rep.text, sizeof rep.text, "only the facilitator can "
		    "do that");
		msg_reply_encode(&c->out, &rep);
		return;
	}
	for (int i = 0; i < m.argc; i++)
		argv[i] = m.argv[i];
	if (strcmp(argv[0], "reclaim") == 0) {
		rep.status = (uint8_t)reclaim(c->srv, m.argc, argv, rep.text,
		    sizeof rep.text);
		server_log(c->srv, "ctl reclaim: %s", rep.text);
		msg_reply_encode(&c->out, &rep);
		return;
	}
	if (store_begin(c->srv->store) != 0) {
		rep.status = 1;
		snprintf(rep.text, sizeof rep.text, "cannot save: %s",
		    store_error(c->srv->store));
		msg_reply_encode(&c->out, &rep);
		return;
	}
	if (strcmp(argv[0], "status") == 0) {
		/* Status must count this turn's answers: commit them first
		 * (if that fails, they are gone: the turn must say so). */
		if (store_commit(c->srv->store) != 0)
			c->srv->turn_lost = 1;
		session_refresh(c->srv->sess);
	}
	rep.status = (uint8_t)session_command(c->srv->sess, m.argc, argv,
	    rep.text, sizeof rep.text);
	if (strcmp(argv[0], "status") == 0 && rep.status == 0)
		status_ssh(c->srv, rep.text, sizeof rep.text);
	if (m.argc > 0 && strcmp(argv[0], "status") != 0)
		server_log(c->srv, "ctl %s: %s", argv[0], rep.text);
	/* A command waits for the turn's commit, and says "not saved" if
	 * it fails; status changes nothing and has read what is stored, so
	 * it goes at once: a facilitator checking the room during a disk
	 * fault gets the room, not another turn's failure. */
	msg_reply_encode(strcmp(argv[0], "status") == 0 ? &c->out : &c->held,
	    &rep);
}

/* Token bucket: a participant may not send more than CLIENT_RATE frames
 * a second for long; the excess is dropped and logged once. */
static int
rate_ok(struct client *c)
{
	int64_t now = util_now_ms();

	if (c->view != VIEW_PARTICIPANT)
		return 1;
	c->tokens += (double)(now - c->tokens_at) * CLIENT_RATE / 1000.0;
	c->tokens_at = now;
	if (c->tokens > CLIENT_BURST)
		c->tokens = CLIENT_BURST;
	if (c->tokens < 1) {
		if (!c->flood_logged)
			server_log(c->srv, "%s sends too fast; dropping input",
			    c->p ? c->p->name : "a client");
		c->flood_logged = 1;
		return 0;
	}
	c->tokens -= 1;
	return 1;
}

void
server_client_dispatch(struct client *c, const struct frame *f)
{
	if (!c->greeted) {
		if (f->type != MSG_HELLO)
			server_client_close(c, "spoke before hello");
		else
			on_hello(c, f);
		return;
	}
	if (!rate_ok(c))
		return;
	switch (f->type) {
	case MSG_ANSWER:
		on_answer(c, f);
		break;
	case MSG_CTL:
		on_ctl(c, f);
		break;
	default:
		server_client_close(c, "unexpected message");
		break;
	}
}
