/* protocol-msg.c: encoders and total decoders for each small message. */
#include <string.h>

#include "protocol.h"

static int
expect(const struct frame *f, enum msg_type type, struct rbuf *r,
    const char **err)
{
	if (f->type != type) {
		*err = "unexpected message type";
		return -1;
	}
	rbuf_init(r, f->payload, f->len);
	return 0;
}

static int
finish(struct rbuf *r, const char **err)
{
	if (rbuf_done(r) != 0) {
		*err = r->err;
		return -1;
	}
	return 0;
}

int
msg_hello_encode(struct wbuf *w, const struct msg_hello *m)
{
	size_t at = frame_begin(w, MSG_HELLO);

	wbuf_u16(w, m->proto);
	wbuf_u8(w, m->view);
	wbuf_str(w, m->name);
	wbuf_str(w, m->site);
	wbuf_str(w, m->code);
	wbuf_str(w, m->token);
	return frame_end(w, at);
}

int
msg_hello_decode(const struct frame *f, struct msg_hello *m, const char **err)
{
	struct rbuf r;

	memset(m, 0, sizeof *m);
	if (expect(f, MSG_HELLO, &r, err) != 0)
		return -1;
	m->proto = rbuf_u16(&r);
	m->view = rbuf_u8(&r);
	rbuf_str(&r, m->name, sizeof m->name);
	rbuf_str(&r, m->site, sizeof m->site);
	rbuf_str(&r, m->code, sizeof m->code);
	rbuf_str(&r, m->token, sizeof m->token);
	if (finish(&r, err) != 0)
		return -1;
	if (m->view >= VIEW_MAX) {
		*err = "unknown view";
		return -1;
	}
	return 0;
}

int
msg_welcome_encode(struct wbuf *w, const struct msg_welcome *m)
{
	size_t at = frame_begin(w, MSG_WELCOME);

	wbuf_u32(w, m->participant);
	wbuf_u8(w, m->view);
	wbuf_str(w, m->token);
	wbuf_str(w, m->name);
	wbuf_str(w, m->site);
	return frame_end(w, at);
}

int
msg_welcome_decode(const struct frame *f, struct msg_welcome *m,
    const char **err)
{
	struct rbuf r;

	memset(m, 0, sizeof *m);
	if (expect(f, MSG_WELCOME, &r, err) != 0)
		return -1;
	m->participant = rbuf_u32(&r);
	m->view = rbuf_u8(&r);
	rbuf_str(&r, m->token, sizeof m->token);
	rbuf_str(&r, m->name, sizeof m->name);
	rbuf_str(&r, m->site, sizeof m->site);
	if (finish(&r, err) != 0)
		return -1;
	if (m->view >= VIEW_MAX) {
		*err = "unknown view";
		return -1;
	}
	return 0;
}

int
msg_refused_encode(struct wbuf *w, const char *reason)
{
	size_t at = frame_begin(w, MSG_REFUSED);

	wbuf_str(w, reason);
	return frame_end(w, at);
}

int
msg_refused_decode(const struct frame *f, char *out, size_t cap,
    const char **err)
{
	struct rbuf r;

	out[0] = '\0';
	if (expect(f, MSG_REFUSED, &r, err) != 0)
		return -1;
	rbuf_str(&r, out, cap);
	return finish(&r, err);
}

int
msg_answer_encode(struct wbuf *w, const struct msg_answer *m)
{
	size_t at = frame_begin(w, MSG_ANSWER);

	wbuf_u32(w, m->seq);
	wbuf_str(w, m->activity);
	wbuf_str(w, m->value);
	return frame_end(w, at);
}

int
msg_answer_decode(const struct frame *f, struct msg_answer *m,
    const char **err)
{
	struct rbuf r;

	memset(m, 0, sizeof *m);
	if (expect(f, MSG_ANSWER, &r, err) != 0)
		return -1;
	m->seq = rbuf_u32(&r);
	rbuf_str(&r, m->activity, sizeof m->activity);
	rbuf_str(&r, m->value, sizeof m->value);
	return finish(&r, err);
}

int
msg_ack_encode(struct wbuf *w, const struct msg_ack *m)
{
	size_t at = frame_begin(w, MSG_ACK);

	wbuf_u32(w, m->seq);
	wbuf_u8(w, m->ok);
	wbuf_str(w, m->text);
	return frame_end(w, at);
}

int
msg_ack_decode(const struct frame *f, struct msg_ack *m, const char **err)
{
	struct rbuf r;

	memset(m, 0, sizeof *m);
	if (expect(f, MSG_ACK, &r, err) != 0)
		return -1;
	m->seq = rbuf_u32(&r);
	m->ok = rbuf_u8(&r);
	rbuf_str(&r, m->text, sizeof m->text);
	return finish(&r, err);
}

int
msg_ctl_encode(struct wbuf *w, const struct msg_ctl *m)
{
	size_t at = frame_begin(w, MSG_CTL);
	unsigned i;

	wbuf_u8(w, m->argc);
	for (i = 0; i < m->argc && i < CTL_MAX_ARGS; i++)
		wbuf_str(w, m->argv[i]);
	return frame_end(w, at);
}

int
msg_ctl_decode(const struct frame *f, struct msg_ctl *m, const char **err)
{
	struct rbuf r;
	unsigned i;

	memset(m, 0, sizeof *m);
	if (expect(f, MSG_CTL, &r, err) != 0)
		return -1;
	m->argc = rbuf_u8(&r);
	if (m->argc == 0 || m->argc > CTL_MAX_ARGS) {
		*err = "bad command argument count";
		return -1;
	}
	for (i = 0; i < m->argc; i++)
		rbuf_str(&r, m->argv[i], sizeof m->argv[i]);
	return finish(&r, err);
}

int
msg_reply_encode(struct wbuf *w, const struct msg_reply *m)
{
	size_t at = frame_begin(w, MSG_CTL_REPLY);

	wbuf_u8(w, m->status);
	wbuf_str(w, m->text);
	return frame_end(w, at);
}

int
msg_reply_decode(const struct frame *f, struct msg_reply *m, const char **err)
{
	struct rbuf r;

	memset(m, 0, sizeof *m);
	if (expect(f, MSG_CTL_REPLY, &r, err) != 0)
		return -1;
	m->status = rbuf_u8(&r);
	rbuf_str(&r, m->text, sizeof m->text);
	return finish(&r, err);
}
