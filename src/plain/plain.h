/* plain.h: the line mode (`convene join --plain`): the session as plain
 * lines for screen readers, braille displays and scripts, no curses. */
#ifndef CONVENE_PLAIN_H
#define CONVENE_PLAIN_H

#include <stdint.h>
#include <uv.h>

#include "protocol.h"
#include "snapshot.h"

#define PLAIN_TEXT_MAX TEXT_CHARS_MAX	/* characters in a typed text */
#define PLAIN_SEEN_NOTES 256	/* note lines remembered as read out */
#define PLAIN_LINE_MAX 2048	/* bytes in one line of output */

/* plain_set_options(): for a raw terminal (an SSH pty with echo off),
 * echo typed characters back and end lines with CR LF. */
enum plain_option {
	PLAIN_ECHO = 0x1,
	PLAIN_CRLF = 0x2
};

/* Where lines go: one call per line, without its newline.  Every line is
 * sanitised first: no control character ever reaches `line`. */
struct plain_out {
	void	(*line)(void *, const char *);
	void	*arg;
};

/*
 * What the line mode has already said, so each snapshot says only what
 * changed and nothing is read out twice: the activity and state last
 * announced, the question as read out (a hash), the message, the timer's
 * last announced band, the café seat, the note lines read out (by id and
 * a hash of their text), the commitment.  The form's question being asked
 * (`form_cur`) lives here too: plain.c moves it, the renderer reads it.
 */
struct plain_view {
	int have;		/* a snapshot has been rendered */
	int current;		/* activity index spoken of; -1 lobby */
	char activity[ID_MAX_LEN + 1];
	int state;		/* its state spoken of, -1 none */
	int runnable;
	uint64_t qhash;		/* question and options as read out */
	int results;		/* results read out: 1 live, 2 final */
	uint64_t rhash;		/* the results read out */
	char banner[TEXT_MAX_LEN + 1];
	int32_t remaining;	/* timer as last seen, -1 none */
	int band;		/* smallest threshold announced (seconds) */
	int round, table, i_host, recall, submitted;
	uint64_t seat_hash;	/* host and tablemates read out */
	int n_seen;
	struct {
		uint32_t id;
		uint32_t hash;
	} seen[PLAIN_SEEN_NOTES];
	uint64_t commit_hash[COMMIT_FIELDS];	/* commitment read out */
	uint64_t sent_commit[COMMIT_FIELDS];	/* ... or sent by me */
	int form_cur;		/* form: question asked (n_slots: the end) */
	int form_asked;		/* the question last read out, -1 none */
	/* Faculty on a `rater = faculty` form: the site being rated as
	 * last read out ("" the list of sites), and whether it was. */
	char rating[SITE_MAX_LEN + 1];
	int rate_said;
	char me[NAME_MAX_LEN + 1];	/* the viewer's name, as welcomed */
};

/* What one typed line asks for. */
enum plain_what {
	PW_NONE = 0,		/* an empty line */
	PW_ANSWER,		/* send `answer`; on its ack, say `said` */
	PW_ERROR,		/* say `error` */
	PW_HELP,
	PW_AGAIN,
	PW_STATUS,
	PW_RESULTS,
	PW_QUIT,
	PW_MOVE			/* form: go to question `slot` */
};

struct plain_input {
	int what;		/* enum plain_what */
	int slot;		/* form: the question answered or moved to;
				 * -1 for an answer to no one question */
	int commit;		/* breakout: the commitment part, or -1 */
	int cut;		/* a free text the host may keep less of */
	char answer[VALUE_MAX_LEN + 1];
	char said[512];
	char error[256];
};

/*
 * One participant in line mode, on any loop.  plain_start() reads standard
 * input and writes standard output.  plain_start_io() is for a server that
 * runs many in one process (one per SSH session): `write` gets the bytes
 * to send, whole lines, plain_feed() takes the bytes the client typed
 * (CR, LF or CR LF end a line; Backspace and DEL rub out; escape sequences
 * are dropped), plain_feed_end() says the input ended.  Before the loop
 * runs again the caller may set PLAIN_ECHO | PLAIN_CRLF for a raw pty,
 * a token file, and an identity hook, called with `qarg` once the name
 * and site are known (typed, when the hello has no name) and before
 * joining.  `on_quit(qarg)` asks the caller to plain_stop(), which frees
 * the line mode on a later turn of the loop; nothing is called after it.
 */
struct plain;

/* plain.c */
struct plain *plain_start_io(uv_loop_t *, const char *,
	    const struct msg_hello *, void (*)(void *, const char *, size_t),
	    void *, void (*)(void *), void *);
struct plain *plain_start(uv_loop_t *, const char *, const struct msg_hello *,
	    void (*)(void *), void *);
void	plain_set_options(struct plain *, int);
void	plain_token_file(struct plain *, const char *);
void	plain_identity_hook(struct plain *, void (*)(void *,
	    struct msg_hello *));
void	plain_feed(struct plain *, const unsigned char *, size_t);
void	plain_feed_end(struct plain *);
void	plain_stop(struct plain *);
const char *plain_exit_reason(struct plain *);

/* plain-render.c */
void	plain_view_init(struct plain_view *);
const char *plain_period(const char *);
void	plain_say(const struct plain_out *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	plain_render(struct plain_view *, const struct snapshot *,
	    const struct plain_out *);
void	plain_render_again(struct plain_view *, const struct snapshot *,
	    const struct plain_out *);
void	plain_render_status(const struct plain_view *, const struct snapshot *,
	    const struct plain_out *);
void	plain_add(char *, size_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	plain_points(const struct plain_out *, int, char [][8],
	    const char *const *);

/* plain-poll.c */
void	plain_render_results(const struct snapshot *, const struct plain_out *);
void	plain_describe(const struct snapshot *, const char *, char *, size_t);

/* plain-form.c */
void	plain_form_next(struct plain_view *, const struct snapshot *,
	    const struct plain_out *);

/* plain-notes.c */
int	plain_note_seen(struct plain_view *, const struct snap_note *);

/* plain-breakout.c */
uint64_t plain_commit_hash(const char *);

/* plain-parse.c */
int	plain_parse(const struct plain_view *, const struct snapshot *,
	    const char *, struct plain_input *);
void	plain_help(const struct plain_view *, const struct snapshot *,
	    const struct plain_out *);
int	plain_point(const char *, const char *);

#endif
