/* plain-int.h: inside the line mode: one participant's state, shared by
 * plain.c (the session and typed lines) and plain-stdio.c (standard
 * input and output). */
#ifndef CONVENE_PLAIN_INT_H
#define CONVENE_PLAIN_INT_H

#include "conn.h"
#include "plain.h"

#define PLAIN_INPUT_MAX (VALUE_MAX_LEN * 4)	/* bytes in a typed line */
#define PLAIN_PENDING 32			/* answers awaiting an ack */

/* An answer sent and not yet acknowledged: what to say when it is. */
struct pending {
	uint32_t seq;
	int slot;		/* form: the question answered, or -1 */
	char said[512];
};

/*
 * One participant in line mode.  Bytes typed arrive through plain_feed()
 * and are cut into lines (CR, LF or CR LF; Backspace and DEL rub out;
 * escape sequences such as arrow keys are swallowed whole); output goes
 * through `write`, one whole line at a time.  Until a name is known the
 * lines typed answer "Your name" and "Your site"; then the connection
 * starts, and snapshots are read out by plain-render.c.
 */
struct plain {
	uv_loop_t *loop;
	uv_timer_t life;	/* starts the session; closed first, freed last */
	struct conn conn;
	int started;		/* conn_init() was called */
	struct snapshot *snap;	/* the connection's, NULL until one decodes */
	struct plain_view view;
	struct plain_out out;
	void (*write)(void *, const char *, size_t);
	void *warg;
	void (*on_quit)(void *);
	void *qarg;
	void (*identity)(void *, struct msg_hello *);
	int options;		/* enum plain_option */
	char sock[108];
	struct msg_hello hello;
	int asking;		/* 1 name, 2 site, 0 neither */
	char line[PLAIN_INPUT_MAX + 1];
	size_t len;
	int overflow;		/* the line being typed was too long */
	int cr;			/* the last byte was CR (CR LF is one end) */
	int esc;		/* inside an escape sequence: 1 ESC, 2 CSI */
	uint32_t seq;
	struct pending pend[PLAIN_PENDING];
	int n_pend;
	int welcomed, lost, input_ended, quitting, stopped;
	int next_due;		/* call the kind's `next` with the next snapshot */
	/* The last free-text answer sent, to say so if the host kept less
	 * of it than was typed. */
	char text_activity[ID_MAX_LEN + 1];
	char text_sent[VALUE_MAX_LEN + 1];
	char exit_reason[TEXT_MAX_LEN + 1];
	char token_file[4200];
	/* plain_start(): standard input (a terminal or a pipe is polled, a
	 * file read whole) and output. */
	uv_poll_t in;
	int in_polled;
	int file_input;
};

/*
 * What the line mode says and reads of one activity kind: one const entry
 * per kind, in the kind's own src/plain-KIND.c, listed in plain.c's table.
 * Any hook may be NULL: the kind then has nothing to say there.
 */
struct plain_kind {
	/* The activity whole (`full`, as when it opens; `again` when asked
	 * to repeat it), or what changed since the last snapshot. */
	void	(*render)(struct plain_view *, const struct snapshot *,
		    const struct plain_out *, int, int);
	/* `status`: where the participant is in it. */
	void	(*status)(const struct plain_view *, const struct snapshot *,
		    const struct plain_out *);
	/* A typed line that is no command, while the activity is open. */
	int	(*parse)(const struct plain_view *, const struct snapshot *,
		    const char *, struct plain_input *);
	/* `help`: what can be typed now, while it is open. */
	void	(*help)(const struct plain_view *, const struct snapshot *,
		    const struct plain_out *);
	/* `results`: read out what the room may see; 0 if nothing. */
	int	(*results)(const struct snapshot *, const struct plain_out *);
	/* An answer was sent: remember what the snapshot bringing it back
	 * should not announce, or move on to the next question. */
	void	(*sent)(struct plain_view *, const struct plain_input *);
	/* The last answer sent was acknowledged (`ok`), or refused; `slot`
	 * is its plain_input's.  Returns 1 to call `next` with the next
	 * snapshot rather than now. */
	int	(*acked)(struct plain_view *, const struct snapshot *,
		    const struct plain_out *, int, int);
	/* PW_MOVE: go to question `slot` and read it out. */
	void	(*move)(struct plain_view *, const struct snapshot *,
		    const struct plain_out *, int);
	/* The question now, for a kind that asks one at a time. */
	void	(*next)(struct plain_view *, const struct snapshot *,
		    const struct plain_out *);
};

/* plain.c */
void	plain_quit(struct plain *);
const struct plain_kind *plain_kind_of(enum act_kind);

/* plain-parse.c: the answer a line asks to send, or why it is refused. */
int	plain_error(struct plain_input *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	plain_answer(struct plain_input *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	plain_text_ok(struct plain_input *, const char *, const char *);

/* plain-notes.c */
uint32_t plain_hash32(const char *, uint32_t);
int	plain_note_due(struct plain_view *, const struct snap_note *, int,
	    int *);
const char *plain_note_author(const struct snap_note *);
void	plain_others(const struct plain_view *, const char *, char *, size_t);

/* plain-stdio.c */
void	plain_stdio_read(struct plain *);

/* plain-form-rate.c: faculty rating sites on a `rater = faculty` form. */
int	plain_rate_picking(const struct snapshot *);
void	plain_rate_list(const struct snapshot *, const struct plain_out *);
void	plain_rate_render(struct plain_view *, const struct snapshot *,
	    const struct plain_out *, int, int);
int	plain_rate_parse(const struct plain_view *, const struct snapshot *,
	    const char *, struct plain_input *);

#endif
