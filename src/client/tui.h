/* tui.h: a client view in a terminal: connection, keys, screens, redraw. */
#ifndef CONVENE_TUI_H
#define CONVENE_TUI_H

#include <uv.h>

#include "protocol.h"

#include <stdio.h>
#include <sys/types.h>

struct tui;

/*
 * Where a tui's terminal is.  The process's own terminal (tui_start), or
 * any stream: an SSH channel's, drained by its owner, with keys fed as
 * bytes through tui_feed() and sizes through tui_resize().
 */
struct tui_io {
	FILE *out;		/* the screen's bytes go here; NULL (with
				 * in_fd -1) for a screen in memory, read
				 * with tui_drain() (see tui-pool.c) */
	FILE *in;		/* handed to newterm(); never read when fed */
	int in_fd;		/* keys are read from this fd, or -1: fed */
	const char *term;	/* terminal type, NULL for $TERM; an unknown
				 * one falls back to xterm-256color, vt100 */
	int rows, cols;		/* the size when fed (bounded to 2..1000) */
	int utf8;		/* 1 or 0, or -1 for the locale's */
	int no_color;		/* as if NO_COLOR were set */
};

/* tui.c */
struct tui *tui_start(uv_loop_t *, const char *, const struct msg_hello *,
	    int, void (*)(void *), void *);
struct tui *tui_start_io(uv_loop_t *, const char *, const struct msg_hello *,
	    int, const struct tui_io *, void (*)(void *), void *);
void	tui_feed(struct tui *, const unsigned char *, size_t);
void	tui_resize(struct tui *, int, int);
void	tui_stop(struct tui *);
const char *tui_exit_reason(struct tui *);
void	tui_token_file(struct tui *, const char *);
void	tui_identity_hook(struct tui *, void (*)(void *, struct msg_hello *));

/* tui-pool.c */
ssize_t	tui_drain(struct tui *, unsigned char **, size_t *);

#endif
