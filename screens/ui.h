/* ui.h: drawing helpers for screens; no curses types leak out of here. */
#ifndef CONVENE_UI_H
#define CONVENE_UI_H

#include <stddef.h>

/* Colour roles; with NO_COLOR or a monochrome terminal they map to
 * bold/reverse/plain so every screen still reads. */
enum ui_role {
	UI_NORMAL = 0,
	UI_TITLE,
	UI_DIM,
	UI_SELECT,
	UI_GOOD,
	UI_WARN,
	UI_BAR,
	UI_STATUS,
	UI_ROLE_MAX
};

/*
 * What every screen may read while drawing: the terminal's size and
 * abilities, and the client's own state that snapshots do not carry
 * (connection status, the last notice, who I am).
 */
struct ui {
	int rows, cols;
	int utf8;		/* the locale can show UTF-8 */
	int color;
	const char *conn;	/* "" when connected, else a status line */
	char notice[256];	/* e.g. why an answer was refused */
	char me[160];		/* "Name (Site)" */
};

/* text.c: display width, without curses */
int	text_width(const char *, int);
size_t	text_fit(const char *, int, int, char *, size_t);
int	text_wrap(const char *, int, int, char [][256], int);

/* ui.c */
void	ui_text(struct ui *, int, int, int, const char *, enum ui_role);
void	ui_center(struct ui *, int, const char *, enum ui_role);
void	ui_bar(struct ui *, int, int, int, double, enum ui_role);
void	ui_hline(struct ui *, int, int, int);
void	ui_vline(struct ui *, int, int, int);
void	ui_fill(struct ui *, int, enum ui_role);
int	ui_big(struct ui *, int, const char *, enum ui_role);

#endif
