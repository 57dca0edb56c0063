/* tui-ask.c: a participant's name and site, asked before joining. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui-int.h"

/*
 * An ncurses form of two fields, fed the same decoded keys as every
 * screen, so it runs inside the event loop (many of them at once for
 * SSH participants) and no escape sequence ever lands in a name.
 */
struct ask {
	FORM *form;
	FIELD *fields[3];
	int y;
	const char *msg;
};

struct ask *
ask_open(struct tui *t)
{
	struct ask *a;
	int rows, cols, w;

	getmaxyx(stdscr, rows, cols);
	if ((a = calloc(1, sizeof *a)) == NULL)
		return NULL;
	w = cols > 50 ? 34 : cols - 16;
	if (w < 4)
		w = 4;
	a->y = rows / 2 - 3 > 3 ? rows / 2 - 3 : 3;
	a->fields[0] = new_field(1, w, a->y, 14, 0, 0);
	a->fields[1] = new_field(1, w, a->y + 2, 14, 0, 0);
	if (a->fields[0] == NULL || a->fields[1] == NULL) {
		if (a->fields[0] != NULL)
			free_field(a->fields[0]);
		if (a->fields[1] != NULL)
			free_field(a->fields[1]);
		free(a);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		set_field_back(a->fields[i], A_UNDERLINE);
		field_opts_off(a->fields[i], O_AUTOSKIP | O_STATIC);
		set_max_field(a->fields[i], i == 0 ? NAME_MAX_LEN / 2 :
		    SITE_MAX_LEN / 2);
	}
	set_field_buffer(a->fields[0], 0, t->hello.name);
	set_field_buffer(a->fields[1], 0, t->hello.site);
	a->form = new_form(a->fields);
	post_form(a->form);
	a->msg = "";
	return a;
}

void
ask_free(struct ask *a)
{
	if (a == NULL)
		return;
	unpost_form(a->form);
	free_form(a->form);
	free_field(a->fields[0]);
	free_field(a->fields[1]);
	free(a);
}

static void
field_text(FIELD *f, char *out, size_t cap)
{
	util_strlcpy(out, field_buffer(f, 0), cap);
	util_sanitize(out, cap);	/* drops the padding, trims, cleans */
}

/* Returns 1 when name and site are in t->hello, -1 when the person left
 * with Esc, 0 while still asking. */
int
ask_key(struct tui *t, int key)
{
	struct ask *a = t->ask;
	FORM *f = a->form;

	t->dirty = 1;
	switch (key) {
	case SK_ESC:
	case SK_INTR:
		return -1;
	case SK_UP:
	case SK_BTAB:
		form_driver(f, REQ_PREV_FIELD);
		form_driver(f, REQ_END_LINE);
		return 0;
	case SK_DOWN:
	case SK_TAB:
		form_driver(f, REQ_NEXT_FIELD);
		form_driver(f, REQ_END_LINE);
		return 0;
	case SK_BACKSPACE:
		form_driver(f, REQ_DEL_PREV);
		return 0;
	case SK_DELETE:
		form_driver(f, REQ_DEL_CHAR);
		return 0;
	case SK_LEFT:
		form_driver(f, REQ_PREV_CHAR);
		return 0;
	case SK_RIGHT:
		form_driver(f, REQ_NEXT_CHAR);
		return 0;
	case SK_HOME:
		form_driver(f, REQ_BEG_LINE);
		return 0;
	case SK_END:
		form_driver(f, REQ_END_LINE);
		return 0;
	case SK_ENTER:
		form_driver(f, REQ_VALIDATION);
		field_text(a->fields[0], t->hello.name, sizeof t->hello.name);
		field_text(a->fields[1], t->hello.site, sizeof t->hello.site);
		if (t->hello.name[0] == '\0') {
			a->msg = "Please type your name.";
			set_current_field(f, a->fields[0]);
			return 0;
		}
		if (current_field(f) == a->fields[0] &&
		    t->hello.site[0] == '\0') {
			form_driver(f, REQ_NEXT_FIELD);
			return 0;
		}
		return 1;
	}
	if (key >= 0x20 && key < SK_UP)
		form_driver_w(f, OK, (wchar_t)key);
	return 0;
}

void
ask_draw(struct tui *t)
{
	struct ask *a = t->ask;
	int y = a->y;

	mvaddstr(y - 3, 2, "Join the learning session");
	mvaddstr(y, 2, "Your name:");
	mvaddstr(y + 2, 2, "Your site:");
	mvaddstr(y + 4, 2, "Tab moves, Enter joins, Esc leaves.");
	move(y + 5, 2);
	clrtoeol();
	addstr(a->msg);
	/* The screen is not erased under the form: its text lives there. */
	pos_form_cursor(a->form);
}
