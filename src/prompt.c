/* prompt.c: ask a participant's name and site with an ncurses form. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <form.h>
#include <langinfo.h>
#include <string.h>
#include <unistd.h>

#include "convene.h"
#include "tui.h"

static void
field_text(FIELD *f, char *out, size_t cap)
{
	util_strlcpy(out, field_buffer(f, 0), cap);
	util_sanitize(out, cap);	/* drops the padding, trims, cleans */
}

/*
 * Fill `name` and `site` (either may come pre-filled).  Returns 0 when
 * the participant confirmed, -1 when they left with Esc or there is no
 * terminal to ask on.
 */
int
prompt_identity(char *name, size_t ncap, char *site, size_t scap)
{
	FIELD *fields[3];
	FORM *form;
	SCREEN *scr;
	int done = 0, rows, cols, y;
	const char *msg = "";

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -1;
	if ((scr = newterm(NULL, stdout, stdin)) == NULL)
		return -1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	getmaxyx(stdscr, rows, cols);
	y = rows / 2 - 3;
	fields[0] = new_field(1, cols > 50 ? 34 : cols - 16, y, 14, 0, 0);
	fields[1] = new_field(1, cols > 50 ? 34 : cols - 16, y + 2, 14, 0, 0);
	fields[2] = NULL;
	for (int i = 0; i < 2; i++) {
		set_field_back(fields[i], A_UNDERLINE);
		field_opts_off(fields[i], O_AUTOSKIP | O_STATIC);
		set_max_field(fields[i], i == 0 ? NAME_MAX_LEN / 2 :
		    SITE_MAX_LEN / 2);
	}
	set_field_buffer(fields[0], 0, name);
	set_field_buffer(fields[1], 0, site);
	form = new_form(fields);
	post_form(form);
	while (!done) {
		wint_t ch;
		int rc;

		mvaddstr(y - 3, 2, "Join the learning session");
		mvaddstr(y, 2, "Your name:");
		mvaddstr(y + 2, 2, "Your site:");
		mvaddstr(y + 4, 2, "Tab moves, Enter joins, Esc leaves.");
		move(y + 5, 2);
		clrtoeol();
		addstr(msg);
		pos_form_cursor(form);
		refresh();
		rc = get_wch(&ch);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_UP)
				form_driver(form, REQ_PREV_FIELD);
			else if (ch == KEY_DOWN)
				form_driver(form, REQ_NEXT_FIELD);
			else if (ch == KEY_BACKSPACE)
				form_driver(form, REQ_DEL_PREV);
			else if (ch == KEY_LEFT)
				form_driver(form, REQ_PREV_CHAR);
			else if (ch == KEY_RIGHT)
				form_driver(form, REQ_NEXT_CHAR);
			else if (ch == KEY_ENTER)
				ch = '\r', rc = OK;
			if (rc == KEY_CODE_YES)
				continue;
		}
		if (ch == 27) {
			done = -1;
		} else if (ch == '\t') {
			form_driver(form, REQ_NEXT_FIELD);
		} else if (ch == 127 || ch == 8) {
			form_driver(form, REQ_DEL_PREV);
		} else if (ch == '\r' || ch == '\n') {
			form_driver(form, REQ_VALIDATION);
			field_text(fields[0], name, ncap);
			field_text(fields[1], site, scap);
			if (name[0] == '\0') {
				msg = "Please type your name.";
				set_current_field(form, fields[0]);
			} else if (current_field(form) == fields[0] &&
			    site[0] == '\0')
				form_driver(form, REQ_NEXT_FIELD);
			else
				done = 1;
		} else if (ch >= 0x20)
			form_driver_w(form, OK, (wchar_t)ch);
	}
	unpost_form(form);
	free_form(form);
	free_field(fields[0]);
	free_field(fields[1]);
	endwin();
	delscreen(scr);
	return done > 0 ? 0 : -1;
}
