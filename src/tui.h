/* tui.h: a client view in a terminal: connection, keys, screens, redraw. */
#ifndef CONVENE_TUI_H
#define CONVENE_TUI_H

#include <uv.h>

#include "protocol.h"

struct tui;

/* tui.c */
struct tui *tui_start(uv_loop_t *, const char *, const struct msg_hello *,
	    int, void (*)(void *), void *);
void	tui_stop(struct tui *);
const char *tui_exit_reason(struct tui *);
void	tui_token_file(struct tui *, const char *);

/* prompt.c */
int	prompt_identity(char *, size_t, char *, size_t);

#endif
