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
	int form_due;		/* read out the form's end with the next snapshot */
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

/* plain.c */
void	plain_quit(struct plain *);

/* plain-stdio.c */
void	plain_stdio_read(struct plain *);

#endif
