/* protocol.h: the wire format between the host and every client view. */
#ifndef CONVENE_PROTOCOL_H
#define CONVENE_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

/*
 * A frame is `u32 length | u16 type | u16 version | payload`, little-endian.
 * `length` counts the whole frame, header included, and never exceeds
 * FRAME_MAX.  Every decoder below is total: any byte string yields either a
 * message or an error string, never a crash or a read past the end.
 */
#define PROTO_VERSION 1
#define FRAME_HEADER 8
#define FRAME_MAX 65536

enum msg_type {
	MSG_HELLO = 1,		/* client -> host: first frame */
	MSG_WELCOME,		/* host -> client: participant id, token */
	MSG_REFUSED,		/* host -> client: a reason a person can read */
	MSG_SNAPSHOT,		/* host -> client: the screen to draw */
	MSG_ANSWER,		/* client -> host: an answer to one activity */
	MSG_ACK,		/* host -> client: answer committed (or not) */
	MSG_CTL,		/* client -> host: a facilitator command */
	MSG_CTL_REPLY,		/* host -> client: the command's outcome */
	MSG_TYPE_MAX
};

enum view_kind {
	VIEW_PARTICIPANT = 0,
	VIEW_PROJECTOR,
	VIEW_FACILITATOR,
	VIEW_CTL,		/* `convene ctl`: commands only, no snapshots */
	VIEW_MAX
};

/* Field limits (bytes, without the terminating NUL). */
#define NAME_MAX_LEN 64
#define SITE_MAX_LEN 64
#define CODE_MAX_LEN 32
#define TOKEN_LEN 32
#define ID_MAX_LEN 32
/* What a person types (a text answer, a note line, a commitment, a form
 * comment) holds TEXT_CHARS_MAX characters, counted as characters: in
 * UTF-8 that is up to four bytes each.  An answer's value is such a text
 * with a prefix ("+", "=ID ", "item=", "commit.change=" and the like). */
#define TEXT_CHARS_MAX 1000
#define TEXT_BYTES_MAX (4 * TEXT_CHARS_MAX)
#define VALUE_MAX_LEN (TEXT_BYTES_MAX + 96)
#define TEXT_MAX_LEN 1024
#define CTL_MAX_ARGS 8

/* A growable output buffer; `oom` sticks once an allocation fails. */
struct wbuf {
	unsigned char *data;
	size_t len;
	size_t cap;
	int oom;
};

/* A bounded reader; `err` sticks at the first short or bad field. */
struct rbuf {
	const unsigned char *p;
	size_t len;
	size_t off;
	const char *err;
};

struct frame {
	uint16_t type;
	uint16_t version;
	const unsigned char *payload;	/* points into the caller's buffer */
	size_t len;
};

struct msg_hello {
	uint16_t proto;
	uint8_t view;
	char name[NAME_MAX_LEN + 1];
	char site[SITE_MAX_LEN + 1];
	char code[CODE_MAX_LEN + 1];
	char token[TOKEN_LEN + 1];
};

struct msg_welcome {
	uint32_t participant;
	uint8_t view;		/* the view granted, which may be narrower */
	char token[TOKEN_LEN + 1];
	char name[NAME_MAX_LEN + 1];	/* as stored: sanitised, told apart */
	char site[SITE_MAX_LEN + 1];
};

struct msg_answer {
	uint32_t seq;		/* echoed in the ack */
	char activity[ID_MAX_LEN + 1];	/* the activity this answers */
	char value[VALUE_MAX_LEN + 1];
};

struct msg_ack {
	uint32_t seq;
	uint8_t ok;
	char text[TEXT_MAX_LEN + 1];	/* why not, when !ok */
};

struct msg_ctl {
	uint8_t argc;
	char argv[CTL_MAX_ARGS][TEXT_MAX_LEN + 1];
};

struct msg_reply {
	uint8_t status;		/* an exit code: 0 ok, 1 refused, 2 usage */
	char text[4 * TEXT_MAX_LEN + 1];
};

/* protocol.c */
void	wbuf_free(struct wbuf *);
void	wbuf_put(struct wbuf *, const void *, size_t);
void	wbuf_u8(struct wbuf *, uint8_t);
void	wbuf_u16(struct wbuf *, uint16_t);
void	wbuf_u32(struct wbuf *, uint32_t);
void	wbuf_i32(struct wbuf *, int32_t);
void	wbuf_str(struct wbuf *, const char *);
size_t	frame_begin(struct wbuf *, enum msg_type);
int	frame_end(struct wbuf *, size_t);
void	rbuf_init(struct rbuf *, const void *, size_t);
uint8_t	rbuf_u8(struct rbuf *);
uint16_t rbuf_u16(struct rbuf *);
uint32_t rbuf_u32(struct rbuf *);
int32_t	rbuf_i32(struct rbuf *);
void	rbuf_str(struct rbuf *, char *, size_t);
int	rbuf_done(struct rbuf *);
int	frame_decode(const unsigned char *, size_t, struct frame *, size_t *,
	    const char **);
const char *msg_type_name(unsigned);

/* protocol-msg.c */
int	msg_hello_encode(struct wbuf *, const struct msg_hello *);
int	msg_hello_decode(const struct frame *, struct msg_hello *, const char **);
int	msg_welcome_encode(struct wbuf *, const struct msg_welcome *);
int	msg_welcome_decode(const struct frame *, struct msg_welcome *,
	    const char **);
int	msg_refused_encode(struct wbuf *, const char *);
int	msg_refused_decode(const struct frame *, char *, size_t, const char **);
int	msg_answer_encode(struct wbuf *, const struct msg_answer *);
int	msg_answer_decode(const struct frame *, struct msg_answer *,
	    const char **);
int	msg_ack_encode(struct wbuf *, const struct msg_ack *);
int	msg_ack_decode(const struct frame *, struct msg_ack *, const char **);
int	msg_ctl_encode(struct wbuf *, const struct msg_ctl *);
int	msg_ctl_decode(const struct frame *, struct msg_ctl *, const char **);
int	msg_reply_encode(struct wbuf *, const struct msg_reply *);
int	msg_reply_decode(const struct frame *, struct msg_reply *,
	    const char **);

#endif
