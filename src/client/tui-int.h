/* tui-int.h: what tui.c, tui-input.c and tui-ask.c share (with curses). */
#ifndef CONVENE_TUI_INT_H
#define CONVENE_TUI_INT_H

#include <curses.h>
#include <form.h>

#include "conn.h"
#include "keys.h"
#include "screen.h"
#include "tui.h"

/* A text field over the bottom of the screen (an ncurses form) for a
 * free-text answer, a note or a facilitator's message.  It wraps onto
 * several lines and scrolls; `limit` counts characters, not bytes. */
struct input {
	WINDOW *win;		/* frame, prompt and counter */
	WINDOW *sub;		/* the field's own window: the form reads the
				 * text back from it, so it is never erased */
	FORM *form;
	FIELD *fields[2];
	int limit;		/* characters the text may hold */
	int full;		/* a key was refused at the limit */
	struct intent in;	/* what to do with the text */
};

/* The name-and-site form a participant fills in before joining. */
struct ask;

/*
 * One client screen.  Keys and snapshots only change state and set
 * `dirty`; the check handle redraws once per loop turn.  Every curses
 * call happens between set_term(t->term) and the end of a callback, so
 * any number of tuis share one process and one thread.
 */
struct tui {
	uv_loop_t *loop;
	struct input *input;	/* non-NULL while text is being typed */
	struct ask *ask;	/* non-NULL until name and site are given */
	struct conn conn;
	int conn_started;
	struct keys keys;
	uv_poll_t poll;		/* in_fd, when keys are read, not fed */
	uv_timer_t esc;		/* a lone ESC becomes the Esc key */
	uv_idle_t wake;		/* after the Esc timer: redraw this turn */
	uv_signal_t winch;	/* the process's own terminal only */
	uv_check_t redraw;
	SCREEN *term;
	FILE *out, *in;
	int in_fd;
	int own_tty;		/* in_fd is this process's terminal */
	struct msg_hello hello;
	char path[108];		/* the host's socket */
	struct ui ui;
	struct snapshot *snap;	/* the connection's, NULL until one decodes */
	const struct screen *screen;
	void *state;
	uint32_t answer_seq;
	int dirty;
	int view;
	int stopped;
	int was_ready;		/* welcomed once: a lost host is "reconnecting" */
	/* A draft kept when the field is closed unsent (Esc, a resize). */
	char draft_key[ID_MAX_LEN + 32];
	char draft[VALUE_MAX_LEN + 1];
	char exit_reason[TEXT_MAX_LEN + 1];
	char token_file[4200];	/* where to keep the resume token, or "" */
	void (*on_quit)(void *);
	void (*on_identity)(void *, struct msg_hello *);
	void *arg;
	int no_color;
	/* A screen in memory (tui-pool.c): its memfd, or -1, and what it
	 * was made for. */
	int mem_fd;
	int mem_rows, mem_cols;
	char mem_type[65];
};

/* tui.c */
void	tui_act(struct tui *, int, struct intent *);
void	tui_connect(struct tui *);

/* tui-input.c */
void	input_open(struct tui *, const struct intent *);
void	input_close(struct tui *, int);
void	input_key(struct tui *, int);
void	input_draw(struct tui *);

/* tui-pool.c */
SCREEN	*tui_pool_open(struct tui *, const char *, int, int);
void	tui_pool_close(struct tui *);

/* tui-ask.c */
struct ask *ask_open(struct tui *);
void	ask_free(struct ask *);
int	ask_key(struct tui *, int);
void	ask_draw(struct tui *);

#endif
