/* ui.c: the only place (with the tui*.c files) that draws with curses. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <string.h>

#include "ui.h"

static attr_t
role_attr(struct ui *ui, enum ui_role r)
{
	if (ui->color && r != UI_NORMAL)
		return COLOR_PAIR(r) | (r == UI_TITLE || r == UI_SELECT ?
		    A_BOLD : 0);
	switch (r) {
	case UI_TITLE:
		return A_BOLD;
	case UI_DIM:
		return A_DIM;
	case UI_SELECT:
	case UI_STATUS:
	case UI_BAR:
		return A_REVERSE;
	case UI_WARN:
		return A_BOLD;
	case UI_GOOD:
	case UI_NORMAL:
	default:
		return A_NORMAL;
	}
}

/* Text at (y, x), cut to `width` columns; user text is always sanitised
 * by text_fit before it reaches the terminal. */
void
ui_text(struct ui *ui, int y, int x, int width, const char *s,
    enum ui_role r)
{
	char buf[1024];

	if (y < 0 || y >= ui->rows || x >= ui->cols || width <= 0)
		return;
	if (x + width > ui->cols)
		width = ui->cols - x;
	text_fit(s, width, ui->utf8, buf, sizeof buf);
	attrset(role_attr(ui, r));
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

void
ui_center(struct ui *ui, int y, const char *s, enum ui_role r)
{
	int w = text_width(s, ui->utf8);
	int x = w >= ui->cols ? 0 : (ui->cols - w) / 2;

	ui_text(ui, y, x, ui->cols - x, s, r);
}

void
ui_fill(struct ui *ui, int y, enum ui_role r)
{
	if (y < 0 || y >= ui->rows)
		return;
	attrset(role_attr(ui, r));
	mvhline(y, 0, ' ', ui->cols);
	attrset(A_NORMAL);
}

/*
 * A horizontal bar for `frac` of `width` columns.  In UTF-8 it uses
 * eighth blocks for a smooth end; elsewhere '#' so it reads on vt100 and
 * with NO_COLOR.
 */
void
ui_bar(struct ui *ui, int y, int x, int width, double frac, enum ui_role r)
{
	static const char *eighths[] = { "", "\xe2\x96\x8f", "\xe2\x96\x8e",
	    "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a",
	    "\xe2\x96\x89" };
	int cells, part, i;

	if (y < 0 || y >= ui->rows || width <= 0)
		return;
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	cells = (int)(frac * width * 8 + 0.5);
	part = cells % 8;
	cells /= 8;
	attrset(ui->color ? COLOR_PAIR(r) : A_NORMAL);
	move(y, x);
	for (i = 0; i < cells && x + i < ui->cols; i++)
		addstr(ui->utf8 ? "\xe2\x96\x88" : "#");
	if (part > 0 && x + i < ui->cols)
		addstr(ui->utf8 ? eighths[part] : (part >= 4 ? "#" : ""));
	attrset(A_NORMAL);
}

/* Lines are drawn as text, not with the alternate character set: box
 * characters in UTF-8, ASCII otherwise, so every terminal (and every
 * screen capture) shows the same thing. */
void
ui_hline(struct ui *ui, int y, int x, int width)
{
	for (int i = 0; i < width && y >= 0 && y < ui->rows; i++)
		mvaddstr(y, x + i, ui->utf8 ? "\xe2\x94\x80" : "-");
}

void
ui_vline(struct ui *ui, int y, int x, int height)
{
	for (int i = 0; i < height && x >= 0 && x < ui->cols; i++)
		mvaddstr(y + i, x, ui->utf8 ? "\xe2\x94\x82" : "|");
}

/* Big type for the one thing a participant must see (a table number, a
 * result): spaced capitals, centred, framed by blank lines. */
int
ui_big(struct ui *ui, int y, const char *s, enum ui_role r)
{
	char spaced[512];
	size_t o = 0;

	if (strlen(s) > 24) {
		ui_center(ui, y, s, r);	/* long text: bold is big enough */
		return y + 1;
	}
	for (const char *p = s; *p != '\0' && o + 3 < sizeof spaced; p++) {
		spaced[o++] = *p;
		if ((unsigned char)*p < 0x80 && p[1] != '\0')
			spaced[o++] = ' ';
	}
	spaced[o] = '\0';
	ui_center(ui, y, text_width(spaced, ui->utf8) < ui->cols ? spaced : s,
	    r);
	return y + 1;
}
