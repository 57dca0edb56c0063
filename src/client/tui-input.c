/* tui-input.c: the text field a client types answers and notes in. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui-int.h"

#define FIELD_ROWS 3		/* lines shown; the text scrolls beyond */

/* The field's text as one line: its rows joined, runs of blanks (the
 * padding where a line wrapped) folded to one space. */
static void
field_text(struct input *ip, char *out, size_t cap)
{
	const char *buf;
	char *copy;

	form_driver(ip->form, REQ_VALIDATION);
	buf = field_buffer(ip->fields[0], 0);
	out[0] = '\0';
	/* The buffer holds every row padded to the width: far more bytes
	 * than the text, so it is cleaned whole before it is cut. */
	if (buf == NULL || (copy = strdup(buf)) == NULL)
		return;
	util_sanitize(copy, strlen(copy) + 1);
	util_strlcpy(out, copy, cap);
	free(copy);
}

/* Characters in the field as it stands (UTF-8 lead bytes of the text). */
static int
field_chars(struct input *ip)
{
	char text[4 * TEXT_CHARS_MAX + 1];
	int n = 0;

	field_text(ip, text, sizeof text);
	for (const char *p = text; *p != '\0'; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	return n;
}

/* Where the text is kept when the field closes unsent: one draft per
 * activity and purpose, so Esc never throws typing away. */
static void
draft_key(const struct tui *t, const struct intent *in, char *out, size_t cap)
{
	snprintf(out, cap, "%s|%s|%d", t->snap != NULL ? t->snap->activity :
	    "", in->prefix, in->argc);
}

static void
frame(struct input *ip, int cols)
{
	char count[48];
	int n = field_chars(ip);

	/* Never erase the whole window: the field's text lives in it. */
	wattrset(ip->win, A_BOLD);
	box(ip->win, 0, 0);
	mvwhline(ip->win, 1, 1, ' ', cols - 2);
	mvwaddnstr(ip->win, 1, 2, ip->in.prompt, cols - 4);
	wattrset(ip->win, A_NORMAL);
	/* The counter shows near the limit, and says so at it. */
	count[0] = '\0';
	if (ip->full || n >= ip->limit)
		snprintf(count, sizeof count, " %d/%d: that is the limit ", n,
		    ip->limit);
	else if (n >= ip->limit * 8 / 10)
		snprintf(count, sizeof count, " %d/%d ", n, ip->limit);
	if (count[0] != '\0' && (int)strlen(count) < cols - 4)
		mvwaddstr(ip->win, FIELD_ROWS + 2, cols - 2 - (int)strlen(count),
		    count);
}

void
input_open(struct tui *t, const struct intent *in)
{
	struct input *ip;
	int rows, cols, h = FIELD_ROWS + 3;
	char key[sizeof t->draft_key];

	getmaxyx(stdscr, rows, cols);
	if (t->input != NULL || rows < h + 2 || cols < 20 ||
	    (ip = calloc(1, sizeof *ip)) == NULL)
		return;
	ip->in = *in;
	ip->limit = in->limit > 0 && in->limit < TEXT_CHARS_MAX ? in->limit :
	    TEXT_CHARS_MAX;
	ip->win = newwin(h, cols, rows - h - 1, 0);
	ip->sub = ip->win ? derwin(ip->win, FIELD_ROWS, cols - 4, 2, 2) : NULL;
	/* A fixed buffer with rows off screen, scrolled into view: a field
	 * that grows as it wraps drops a character where it grows. */
	ip->fields[0] = new_field(FIELD_ROWS, cols - 4, 0, 0, 2 *
	    TEXT_CHARS_MAX / (cols - 4) + 4, 0);
	if (ip->win == NULL || ip->sub == NULL || ip->fields[0] == NULL) {
		if (ip->fields[0] != NULL)
			free_field(ip->fields[0]);
		if (ip->sub != NULL)
			delwin(ip->sub);
		if (ip->win != NULL)
			delwin(ip->win);
		free(ip);
		return;
	}
	/* The limit is counted in characters as keys arrive; the buffer
	 * has room to spare for the blanks where lines wrap. */
	field_opts_off(ip->fields[0], O_AUTOSKIP);
	set_field_back(ip->fields[0], A_UNDERLINE);
	draft_key(t, in, key, sizeof key);
	if (t->draft[0] != '\0' && strcmp(key, t->draft_key) == 0)
		set_field_buffer(ip->fields[0], 0, t->draft);
	else if (in->answer[0] != '\0')
		set_field_buffer(ip->fields[0], 0, in->answer);
	ip->form = new_form(ip->fields);
	set_form_win(ip->form, ip->win);
	set_form_sub(ip->form, ip->sub);
	post_form(ip->form);
	form_driver(ip->form, REQ_END_FIELD);
	t->input = ip;
	if (in->seed >= 0x20 && in->seed < SK_UP)
		input_key(t, in->seed);
	curs_set(1);
	t->dirty = 1;
}

/* Close the field; unless it was sent, keep what it holds as a draft. */
void
input_close(struct tui *t, int sent)
{
	struct input *ip = t->input;

	if (ip == NULL)
		return;
	if (sent) {
		t->draft[0] = '\0';
		t->draft_key[0] = '\0';
	} else {
		field_text(ip, t->draft, sizeof t->draft);
		draft_key(t, &ip->in, t->draft_key, sizeof t->draft_key);
	}
	unpost_form(ip->form);
	free_form(ip->form);
	free_field(ip->fields[0]);
	delwin(ip->sub);
	delwin(ip->win);
	free(ip);
	t->input = NULL;
	curs_set(0);
	t->dirty = 1;
}

/* Enter: hand the text on as an answer or a command's last word. */
static void
submit(struct tui *t)
{
	struct input *ip = t->input;
	struct intent in = ip->in;
	char text[VALUE_MAX_LEN + 1];

	field_text(ip, text, sizeof text);
	if (text[0] == '\0' && in.argc == 0) {
		input_close(t, 1);
		return;
	}
	input_close(t, 1);
	if (in.argc == 0) {
		snprintf(in.answer, sizeof in.answer, "%s%s", in.prefix, text);
		tui_act(t, SCR_ANSWER | SCR_REDRAW, &in);
	} else if (in.argc < CTL_MAX_ARGS) {
		snprintf(in.argv[in.argc++], sizeof in.argv[0], "%s", text);
		tui_act(t, SCR_CTL | SCR_REDRAW, &in);
	}
}

void
input_key(struct tui *t, int key)
{
	struct input *ip = t->input;
	FORM *f = ip->form;

	switch (key) {
	case SK_ENTER:
		submit(t);
		return;
	case SK_ESC:
	case SK_INTR:
		input_close(t, 0);
		return;
	case SK_BACKSPACE:
		form_driver(f, REQ_DEL_PREV);
		break;
	case SK_DELETE:
		form_driver(f, REQ_DEL_CHAR);
		break;
	case SK_LEFT:
		form_driver(f, REQ_PREV_CHAR);
		break;
	case SK_RIGHT:
		form_driver(f, REQ_NEXT_CHAR);
		break;
	case SK_UP:
		form_driver(f, REQ_UP_CHAR);
		break;
	case SK_DOWN:
		form_driver(f, REQ_DOWN_CHAR);
		break;
	case SK_HOME:
		form_driver(f, REQ_BEG_LINE);
		break;
	case SK_END:
		form_driver(f, REQ_END_LINE);
		break;
	default:
		if (key < 0x20 || key >= SK_UP)
			return;		/* not text, and bound to nothing here */
		if (field_chars(ip) >= ip->limit) {
			ip->full = 1;	/* said on the frame, never dropped
					 * without a word */
			break;
		}
		/* The buffer itself may fill first (long words wrap early). */
		ip->full = form_driver_w(f, OK, (wchar_t)key) != E_OK;
		break;
	}
	t->dirty = 1;
}

void
input_draw(struct tui *t)
{
	struct input *ip = t->input;
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	(void)rows;
	/* The screen under it was redrawn: paint the box back on top. */
	frame(ip, cols);
	touchwin(ip->win);
	wnoutrefresh(ip->win);
	pos_form_cursor(ip->form);
	wnoutrefresh(ip->win);
	doupdate();
}
