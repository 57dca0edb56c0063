/* protocol.c: framing and the primitive field codecs every message uses. */
#include <stdlib.h>
#include <string.h>

#include "protocol.h"

static const char *type_names[MSG_TYPE_MAX] = {
	[MSG_HELLO] = "hello",
	[MSG_WELCOME] = "welcome",
	[MSG_REFUSED] = "refused",
	[MSG_SNAPSHOT] = "snapshot",
	[MSG_ANSWER] = "answer",
	[MSG_ACK] = "ack",
	[MSG_CTL] = "ctl",
	[MSG_CTL_REPLY] = "ctl-reply",
};

const char *
msg_type_name(unsigned type)
{
	if (type < MSG_TYPE_MAX && type_names[type] != NULL)
		return type_names[type];
	return "unknown";
}

void
wbuf_free(struct wbuf *w)
{
	free(w->data);
	memset(w, 0, sizeof *w);
}

void
wbuf_put(struct wbuf *w, const void *p, size_t n)
{
	if (w->oom || n == 0)
		return;
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 256;
		unsigned char *d;

		while (cap < w->len + n)
			cap *= 2;
		if ((d = realloc(w->data, cap)) == NULL) {
			w->oom = 1;
			return;
		}
		w->data = d;
		w->cap = cap;
	}
	memcpy(w->data + w->len, p, n);
	w->len += n;
}

void
wbuf_u8(struct wbuf *w, uint8_t v)
{
	wbuf_put(w, &v, 1);
}

void
wbuf_u16(struct wbuf *w, uint16_t v)
{
	unsigned char b[2] = { v & 0xff, v >> 8 };

	wbuf_put(w, b, 2);
}

void
wbuf_u32(struct wbuf *w, uint32_t v)
{
	unsigned char b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
	    v >> 24 };

	wbuf_put(w, b, 4);
}

void
wbuf_i32(struct wbuf *w, int32_t v)
{
	wbuf_u32(w, (uint32_t)v);
}

/* Strings are `u16 length | bytes`, no NUL; longer ones are cut. */
void
wbuf_str(struct wbuf *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n > 0xffff)
		n = 0xffff;
	wbuf_u16(w, (uint16_t)n);
	wbuf_put(w, s, n);
}

/* Reserve a frame header; returns its offset for frame_end(). */
size_t
frame_begin(struct wbuf *w, enum msg_type type)
{
	size_t at = w->len;

	wbuf_u32(w, 0);
	wbuf_u16(w, (uint16_t)type);
	wbuf_u16(w, PROTO_VERSION);
	return at;
}

/* Patch the length in; a frame too big to send is dropped whole. */
int
frame_end(struct wbuf *w, size_t at)
{
	size_t n;

	if (w->oom)
		return -1;
	n = w->len - at;
	if (n > FRAME_MAX) {
		w->len = at;
		return -1;
	}
	w->data[at] = n & 0xff;
	w->data[at + 1] = (n >> 8) & 0xff;
	w->data[at + 2] = (n >> 16) & 0xff;
	w->data[at + 3] = (n >> 24) & 0xff;
	return 0;
}

void
rbuf_init(struct rbuf *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->off = 0;
	r->err = NULL;
}

static const unsigned char *
take(struct rbuf *r, size_t n)
{
	const unsigned char *p;

	if (r->err != NULL)
		return NULL;
	if (n > r->len - r->off) {
		r->err = "message ends early";
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

uint8_t
rbuf_u8(struct rbuf *r)
{
	const unsigned char *p = take(r, 1);

	return p ? p[0] : 0;
}

uint16_t
rbuf_u16(struct rbuf *r)
{
	const unsigned char *p = take(r, 2);

	return p ? (uint16_t)(p[0] | p[1] << 8) : 0;
}

uint32_t
rbuf_u32(struct rbuf *r)
{
	const unsigned char *p = take(r, 4);

	if (p == NULL)
		return 0;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

int32_t
rbuf_i32(struct rbuf *r)
{
	uint32_t u = rbuf_u32(r);
	int32_t v;

	memcpy(&v, &u, sizeof v);
	return v;
}

/*
 * Copy a string field into `out` (size `cap`, NUL-terminated).  A field
 * longer than the caller allows, or holding a NUL, is an error: silently
 * cutting would store something the sender did not say.
 */
void
rbuf_str(struct rbuf *r, char *out, size_t cap)
{
	uint16_t n = rbuf_u16(r);
	const unsigned char *p;

	out[0] = '\0';
	if (r->err != NULL)
		return;
	if (n >= cap) {
		r->err = "text field too long";
		return;
	}
	if ((p = take(r, n)) == NULL)
		return;
	if (memchr(p, '\0', n) != NULL) {
		r->err = "text field holds a NUL byte";
		return;
	}
	memcpy(out, p, n);
	out[n] = '\0';
}

/* A message must use its whole payload: trailing bytes mean a bad sender. */
int
rbuf_done(struct rbuf *r)
{
	if (r->err == NULL && r->off != r->len)
		r->err = "trailing bytes after message";
	return r->err == NULL ? 0 : -1;
}

/*
 * Find one frame at the start of `buf`.  Returns 1 and sets `*used` when a
 * whole frame is there, 0 when more bytes are needed, -1 (with `*err`) when
 * the bytes cannot be a frame; the connection should then be closed.
 */
int
frame_decode(const unsigned char *buf, size_t len, struct frame *f,
    size_t *used, const char **err)
{
	uint32_t n;

	if (len < FRAME_HEADER)
		return 0;
	n = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 |
	    (uint32_t)buf[2] << 16 | (uint32_t)buf[3] << 24;
	if (n < FRAME_HEADER) {
		*err = "frame shorter than its header";
		return -1;
	}
	if (n > FRAME_MAX) {
		*err = "frame larger than 64 KiB";
		return -1;
	}
	f->type = (uint16_t)(buf[4] | buf[5] << 8);
	f->version = (uint16_t)(buf[6] | buf[7] << 8);
	if (f->version != PROTO_VERSION) {
		*err = "protocol version not supported";
		return -1;
	}
	if (f->type == 0 || f->type >= MSG_TYPE_MAX) {
		*err = "unknown message type";
		return -1;
	}
	if (len < n)
		return 0;
	f->payload = buf + FRAME_HEADER;
	f->len = n - FRAME_HEADER;
	*used = n;
	return 1;
}
