/* form.c: a participant answering a form, one question per screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

/*
 * `cur` is the question on screen (n_slots: the summary page).  A new
 * form, or one resumed after a closed terminal, opens at the first
 * question without an answer.  `typing` is the text question whose
 * answer is being written, so the screen moves on once it is saved.
 */
struct form {
	char activity[ID_MAX_LEN + 1];
	int cur;
	int cursor;
	int typing;
	int confirm_quit;
};

static void *
form_init(void)
{
	struct form *f = calloc(1, sizeof *f);

	if (f != NULL)
		f->typing = -1;
	return f;
}

static void
form_free(void *st)
{
	free(st);
}

static int
first_open(const struct snapshot *s)
{
	for (int i = 0; i < s->n_slots; i++)
		if (s->slots[i].mine[0] == '\0')
			return i;
	return s->n_slots;
}

/* Point the cursor at the current answer, or the middle of the scale. */
static void
place_cursor(struct form *f, const struct snapshot *s)
{
	const struct snap_slot *sl;
	const struct snap_scale *sc;

	f->cursor = 0;
	if (f->cur >= s->n_slots || (sl = &s->slots[f->cur])->kind ==
	    SLOT_TEXT)
		return;
	sc = &s->scales[sl->scale];
	f->cursor = sc->n / 2;
	for (int i = 0; i < sc->n; i++)
		if (strcmp(sc->values[i], sl->mine) == 0)
			f->cursor = i;
}

static void
form_apply(void *st, const struct snapshot *s)
{
	struct form *f = st;

	if (strcmp(f->activity, s->activity) != 0) {
		snprintf(f->activity, sizeof f->activity, "%s", s->activity);
		f->cur = first_open(s);
		f->typing = -1;
		place_cursor(f, s);
	}
	if (f->typing >= 0 && f->typing < s->n_slots &&
	    s->slots[f->typing].mine[0] != '\0') {
		if (f->cur == f->typing)
			f->cur++;
		f->typing = -1;
		place_cursor(f, s);
	}
	if (f->cur > s->n_slots)
		f->cur = s->n_slots;
}

static int
send(struct intent *in, const struct snap_slot *sl, const char *value)
{
	snprintf(in->answer, sizeof in->answer, "%s=%s", sl->id, value);
	return SCR_ANSWER | SCR_REDRAW;
}

/* Digits name the value when every value is a single digit (1..5,
 * 0..9), else the position (1 = first, 0 = tenth). */
static int
digit_point(const struct snap_scale *sc, int key)
{
	int all_digits = 1;

	for (int i = 0; i < sc->n; i++)
		all_digits &= strlen(sc->values[i]) == 1 &&
		    sc->values[i][0] >= '0' && sc->values[i][0] <= '9';
	if (all_digits) {
		for (int i = 0; i < sc->n; i++)
			if (sc->values[i][0] == key)
				return i;
		return -1;
	}
	key = key == '0' ? 10 : key - '0';
	return key >= 1 && key <= sc->n ? key - 1 : -1;
}

static int
move(struct form *f, const struct snapshot *s, int to)
{
	if (to < 0 || to > s->n_slots)
		return SCR_NONE;
	f->cur = to;
	place_cursor(f, s);
	return SCR_REDRAW;
}

static int
form_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct form *f = st;
	const struct snap_slot *sl = f->cur < s->n_slots ? &s->slots[f->cur] :
	    NULL;
	const struct snap_scale *sc = sl && sl->kind != SLOT_TEXT ?
	    &s->scales[sl->scale] : NULL;
	int p;

	if (f->confirm_quit) {
		f->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (key == 'q' || key == 'Q') {
		f->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (s->state != ACT_OPEN)
		return SCR_NONE;
	if (key == SK_LEFT || key == SK_BACKSPACE || key == 'b')
		return move(f, s, f->cur - 1);
	if (key == SK_RIGHT || key == SK_TAB)
		return move(f, s, f->cur + 1);
	if (sl == NULL) {
		if (key == SK_ENTER) {
			snprintf(in->answer, sizeof in->answer, "submit");
			return SCR_ANSWER | SCR_REDRAW;
		}
		return SCR_NONE;
	}
	if (sc == NULL) {
		if (key != SK_ENTER && key != 'a' && key != 'e')
			return SCR_NONE;
		f->typing = f->cur;
		snprintf(in->prompt, sizeof in->prompt, "Your answer (Enter "
		    "saves, Esc cancels):");
		snprintf(in->prefix, sizeof in->prefix, "%s=", sl->id);
		return SCR_INPUT;
	}
	if (key >= '0' && key <= '9' && (p = digit_point(sc, key)) >= 0) {
		f->cursor = p;
		move(f, s, f->cur + 1);
		return send(in, sl, sc->values[p]);
	}
	switch (key) {
	case SK_UP:
	case 'k':
		if (f->cursor > 0)
			f->cursor--;
		return SCR_REDRAW;
	case SK_DOWN:
	case 'j':
		if (f->cursor + 1 < sc->n)
			f->cursor++;
		return SCR_REDRAW;
	case SK_ENTER:
	case ' ':
		p = f->cursor;
		move(f, s, f->cur + 1);
		return send(in, sl, sc->values[p]);
	}
	return SCR_NONE;
}

static void
draw_summary(const struct snapshot *s, struct ui *ui, int y)
{
	char line[256];
	int done = 0;

	for (int i = 0; i < s->n_slots; i++)
		done += s->slots[i].mine[0] != '\0';
	snprintf(line, sizeof line, "You answered %d of %d questions.", done,
	    s->n_slots);
	ui_center(ui, y++, line, UI_TITLE);
	y++;
	if (s->submitted)
		ui_center(ui, y++, "Submitted. Thank you! You can still change "
		    "answers until the form closes.", UI_GOOD);
	else
		ui_center(ui, y++, "Press Enter to submit, or go back with "
		    "the left arrow.", UI_NORMAL);
	if (s->form_source[0] != '\0') {
		char lines[3][256];
		int n = text_wrap(s->form_source, ui->cols - 8, ui->utf8, lines,
		    3);

		y += 2;
		for (int i = 0; i < n; i++)
			ui_text(ui, y++, 4, ui->cols - 8, lines[i], UI_DIM);
	}
}

static void
form_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct form *f = st;
	char line[512], lines[5][256];
	int y = s->banner[0] ? 3 : 2, w = ui->cols - 4, n;

	screen_header(ui, s);
	snprintf(line, sizeof line, "%s%s", s->form_title, s->form_by ?
	    "  (one answer per site: agree it with your team)" : "");
	ui_text(ui, y++, 2, w, line, UI_TITLE);
	snprintf(line, sizeof line, f->cur < s->n_slots ? "Question %d of %d" :
	    "Done", f->cur + 1, s->n_slots);
	ui_text(ui, y, 2, 20, line, UI_DIM);
	ui_bar(ui, y++, 22, w - 20, s->n_slots ? (double)f->cur / s->n_slots :
	    0, UI_BAR);
	y++;
	if (s->state == ACT_CLOSED) {
		ui_center(ui, y + 2, "This form has closed. Thank you.", UI_DIM);
		screen_footer(ui, "q leave");
		return;
	}
	if (f->cur >= s->n_slots) {
		draw_summary(s, ui, y + 1);
	} else {
		const struct snap_slot *sl = &s->slots[f->cur];

		n = text_wrap(sl->text, w, ui->utf8, lines, 5);
		for (int i = 0; i < n; i++)
			ui_text(ui, y++, 2, w, lines[i], UI_NORMAL);
		y++;
		if (sl->kind == SLOT_TEXT) {
			ui_text(ui, y++, 4, w - 2, sl->mine[0] ? sl->mine :
			    "(not answered yet: press Enter to write)",
			    sl->mine[0] ? UI_GOOD : UI_DIM);
		} else {
			const struct snap_scale *sc = &s->scales[sl->scale];

			for (int i = 0; i < sc->n && y < ui->rows - 3; i++) {
				int chosen = strcmp(sc->values[i], sl->mine) ==
				    0;

				snprintf(line, sizeof line, "%s %s", chosen ?
				    (ui->utf8 ? "\xe2\x9c\x93" : "*") : " ",
				    sc->labels[i]);
				ui_text(ui, y++, 4, w - 2, line, i == f->cursor ?
				    UI_SELECT : chosen ? UI_GOOD : UI_NORMAL);
			}
		}
	}
	if (ui->notice[0] != '\0')
		ui_text(ui, ui->rows - 3, 2, w, ui->notice, UI_WARN);
	screen_footer(ui, f->confirm_quit ? "Leave? Your answers are saved. "
	    "y = leave, any other key = stay" : f->cur >= s->n_slots ?
	    "Enter submit  left back  q leave" : s->slots[f->cur].kind ==
	    SLOT_TEXT ? "Enter write  left back  right skip  q leave" :
	    "digit or arrows + Enter  left back  right skip  q leave");
}

const struct screen screen_form = {
	.name = "form",
	.init = form_init,
	.free = form_free,
	.apply = form_apply,
	.key = form_key,
	.draw = form_draw,
};
