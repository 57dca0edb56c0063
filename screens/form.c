/* form.c: a participant answering a form, one question per screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form-view.h"

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
	int help;		/* ?: the keys, over the screen */
	struct number num;	/* digits that start a longer label */
	char hint[128];		/* why the last key did nothing, or "" */
	/* Faculty on a `rater = faculty` form: the list of sites, and the
	 * site whose questions are on screen ("" on the list). */
	struct rate_pick rate;
	char rating[SITE_MAX_LEN + 1];
};

static int
picking(const struct snapshot *s)
{
	return s->rate_mode && s->rate_cur == RATE_PICK;
}

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
		f->cur = snapshot_first_blank(s);
		f->typing = -1;
		place_cursor(f, s);
	}
	if (picking(s)) {
		form_rate_apply(&f->rate, s);
		f->rating[0] = '\0';
		f->typing = -1;
		return;
	}
	if (s->rate_mode && strcmp(f->rating, s->rate[s->rate_cur].site)) {
		/* A site picked: its questions, from the first unanswered. */
		snprintf(f->rating, sizeof f->rating, "%s",
		    s->rate[s->rate_cur].site);
		f->rate.listing = 0;
		f->cur = snapshot_first_blank(s);
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

/* Faculty back from a site's first question to the list of sites. */
static int
to_list(struct intent *in)
{
	snprintf(in->answer, sizeof in->answer, "@rate=");
	return SCR_ANSWER | SCR_REDRAW;
}

static int
move(struct form *f, const struct snapshot *s, int to)
{
	if (to < 0 || to > s->n_slots)
		return SCR_NONE;
	f->cur = to;
	number_reset(&f->num);
	place_cursor(f, s);
	return SCR_REDRAW;
}

static const char *const *
scale_values(const struct snap_scale *sc, const char **vp)
{
	for (int i = 0; i < sc->n; i++)
		vp[i] = sc->values[i];
	return vp;
}

/* A digit (or Enter ending a number) on a rating or a choice. */
static int
number(struct form *f, const struct snapshot *s, const struct snap_slot *sl,
    int key, struct intent *in)
{
	const struct snap_scale *sc = &s->scales[sl->scale];
	const char *vp[SNAP_MAX_OPTIONS];
	char range[24];
	int p, r = number_key(&f->num, scale_values(sc, vp), sc->n, key, &p);

	switch (r) {
	case NUMBER_CHOSEN:
		f->cursor = p;
		move(f, s, f->cur + 1);
		return send(in, sl, sc->values[p]);
	case NUMBER_WAIT:
		if (p >= 0)
			f->cursor = p;
		snprintf(f->hint, sizeof f->hint, "%s... type the next digit, "
		    "or Enter for %s.", f->num.typed, f->num.typed);
		return SCR_REDRAW;
	case NUMBER_BAD:
		number_range(vp, sc->n, range, sizeof range);
		snprintf(f->hint, sizeof f->hint, "Pick %s.", range);
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

/* A text question: any printable key starts the answer with it. */
static int
text_key(struct form *f, const struct snapshot *s, const struct snap_slot *sl,
    int key, struct intent *in)
{
	if (key == SK_ESC || key == SK_INTR) {
		f->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (key == SK_F1) {
		f->help = 1;
		return SCR_REDRAW;
	}
	if ((key == SK_LEFT || key == SK_BACKSPACE || key == SK_BTAB) &&
	    f->cur == 0 && s->rate_mode)
		return to_list(in);
	if (key == SK_LEFT || key == SK_BACKSPACE || key == SK_BTAB)
		return move(f, s, f->cur - 1);
	if (key == SK_RIGHT || key == SK_TAB)
		return move(f, s, f->cur + 1);
	if (key != SK_ENTER && (key < 0x20 || key >= SK_UP))
		return SCR_NONE;
	f->typing = f->cur;
	snprintf(in->prompt, sizeof in->prompt, "Your answer (Enter saves, "
	    "Esc keeps it for later):");
	snprintf(in->prefix, sizeof in->prefix, "%s=", sl->id);
	snprintf(in->answer, sizeof in->answer, "%s", sl->mine);
	in->seed = key == SK_ENTER ? 0 : key;
	return SCR_INPUT;
}

static int
form_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct form *f = st;
	const struct snap_slot *sl = f->cur < s->n_slots ? &s->slots[f->cur] :
	    NULL;
	const struct snap_scale *sc = sl && sl->kind != SLOT_TEXT ?
	    &s->scales[sl->scale] : NULL;

	f->hint[0] = '\0';
	if (f->help) {
		f->help = 0;
		return SCR_REDRAW;
	}
	if (f->confirm_quit) {
		f->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	f->rate.hint[0] = '\0';
	if (sl != NULL && sc == NULL && s->state == ACT_OPEN && !picking(s))
		return text_key(f, s, sl, key, in);
	if (key == 'q' || key == 'Q' || key == SK_INTR) {
		f->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (key == '?' || key == SK_F1) {
		f->help = 1;
		return SCR_REDRAW;
	}
	if (s->state != ACT_OPEN)
		return SCR_NONE;
	if (picking(s))
		return form_rate_key(&f->rate, s, key, in);
	if ((key == SK_LEFT || key == SK_BACKSPACE || key == SK_BTAB ||
	    key == 'b') && f->cur == 0 && s->rate_mode)
		return to_list(in);
	if (key == SK_LEFT || key == SK_BACKSPACE || key == SK_BTAB ||
	    key == 'b')
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
	if ((key >= '0' && key <= '9') || (key == SK_ENTER &&
	    f->num.typed[0] != '\0'))
		return number(f, s, sl, key, in);
	number_reset(&f->num);
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
	case ' ': {
		int p = f->cursor;

		move(f, s, f->cur + 1);
		return send(in, sl, sc->values[p]);
	}
	}
	return SCR_NONE;
}

/* The last page: what is left unanswered, before anything is sent. */
static void
draw_summary(const struct snapshot *s, struct ui *ui, int y, int bottom)
{
	char line[512], lines[2][256];
	int done = 0, left = 0, n;

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
		ui_center(ui, y++, done < s->n_slots ? "Press Enter to submit "
		    "as it is, or go back with the left arrow." : "Press Enter "
		    "to submit, or go back with the left arrow.", UI_NORMAL);
	if (done < s->n_slots) {
		y++;
		ui_text(ui, y++, 4, ui->cols - 8, "Not answered yet:", UI_WARN);
		for (int i = 0; i < s->n_slots; i++) {
			if (s->slots[i].mine[0] != '\0')
				continue;
			if (y >= bottom - 1 && s->n_slots - done - left > 1) {
				snprintf(line, sizeof line, "... and %d more",
				    s->n_slots - done - left);
				ui_text(ui, y++, 6, ui->cols - 10, line, UI_DIM);
				break;
			}
			snprintf(line, sizeof line, "%2d  %s", i + 1,
			    s->slots[i].text);
			ui_text(ui, y++, 6, ui->cols - 10, line, UI_NORMAL);
			left++;
		}
	}
	if (s->form_source[0] != '\0' && y + 2 < bottom) {
		n = text_wrap(s->form_source, ui->cols - 8, ui->utf8, lines, 2);
		y++;
		for (int i = 0; i < n && y < bottom; i++)
			ui_text(ui, y++, 4, ui->cols - 8, lines[i], UI_DIM);
	}
}

static const char *
footer(const struct form *f, const struct snapshot *s)
{
	static char bar[160];
	const struct snap_slot *sl;
	const struct snap_scale *sc;
	const char *vp[SNAP_MAX_OPTIONS];
	char range[24];

	if (f->confirm_quit)
		return "Leave? Your answers are saved. y = leave, any other "
		    "key = stay";
	if (picking(s))
		return form_rate_footer(s);
	if (f->cur >= s->n_slots)
		return "? help  Enter submit  Left back  q leave";
	sl = &s->slots[f->cur];
	if (sl->kind == SLOT_TEXT)
		return "F1 help  type your answer  Left back  Right skip  "
		    "Esc leave";
	sc = &s->scales[sl->scale];
	number_range(scale_values(sc, vp), sc->n, range, sizeof range);
	snprintf(bar, sizeof bar, "? help  %s%s or arrows + Enter  Left back  "
	    "Right skip  q leave", range, number_waits(vp, sc->n) ?
	    " (10 = 1 then 0)" : "");
	return bar;
}

static void
draw_help(const struct form *f, const struct snapshot *s, struct ui *ui)
{
	static const char *text[] = {
		"any key   start typing your answer (it opens the field)",
		"Enter     save the answer; Esc keeps a draft for later",
		"Left      the question before;  Right  skip this one",
		"Esc       leave (your answers are saved)", NULL };
	static const char *scale[] = {
		"digit     answer with that number (10: 1 then 0)",
		"Up/Down   move;  Enter answers with the highlighted one",
		"Left      the question before;  Right  skip this one",
		"q         leave (your answers are saved)", NULL };
	static const char *sites[] = {
		"digit     rate the site with that number (12: 1 then 2)",
		"Up/Down   move;  Enter rates the highlighted site",
		"          then its questions; Left on the first comes back",
		"          here, and submitting a site comes back here too",
		"q         leave (your ratings are saved)", NULL };
	int is_text = f->cur < s->n_slots && s->slots[f->cur].kind == SLOT_TEXT;

	screen_help(ui, "Keys (any key closes this)", picking(s) ? sites :
	    is_text ? text : scale);
}

static void
form_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct form *f = st;
	char line[512], lines[5][256];
	int y = s->banner[0] ? 3 : 2, w = ui->cols - 4, n, foot;

	screen_header(ui, s);
	if (s->rate_mode)
		snprintf(line, sizeof line, "%s  (faculty%s%s)", s->form_title,
		    picking(s) ? "" : ": rating ", picking(s) ? "" :
		    s->rate[s->rate_cur].site);
	else
		snprintf(line, sizeof line, "%s%s", s->form_title, s->form_by ?
		    "  (one answer per site: agree it with your team)" : "");
	ui_text(ui, y++, 2, w, line, UI_TITLE);
	if (picking(s) && s->state != ACT_CLOSED) {
		y++;
		foot = screen_footer(ui, footer(f, s));
		form_rate_draw(&f->rate, s, ui, y, ui->rows - 2 - foot);
		if (ui->notice[0] != '\0')
			ui_text(ui, ui->rows - 2 - foot, 2, w, ui->notice,
			    UI_WARN);
		else if (f->rate.hint[0] != '\0')
			ui_text(ui, ui->rows - 2 - foot, 2, w, f->rate.hint,
			    UI_WARN);
		if (f->help)
			draw_help(f, s, ui);
		return;
	}
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
	foot = screen_footer(ui, footer(f, s));
	if (f->cur >= s->n_slots) {
		draw_summary(s, ui, y + 1, ui->rows - 2 - foot);
	} else {
		const struct snap_slot *sl = &s->slots[f->cur];

		n = text_wrap(sl->text, w, ui->utf8, lines, 5);
		for (int i = 0; i < n; i++)
			ui_text(ui, y++, 2, w, lines[i], UI_NORMAL);
		y++;
		if (sl->kind == SLOT_TEXT) {
			n = text_wrap(sl->mine[0] ? sl->mine : "(not answered "
			    "yet: start typing, or Right to skip)", w - 2,
			    ui->utf8, lines, 5);
			for (int i = 0; i < n && y < ui->rows - 3 - foot; i++)
				ui_text(ui, y++, 4, w - 2, lines[i],
				    sl->mine[0] ? UI_GOOD : UI_DIM);
		} else {
			const struct snap_scale *sc = &s->scales[sl->scale];

			for (int i = 0; i < sc->n && y < ui->rows - 2 - foot;
			    i++) {
				int chosen = strcmp(sc->values[i], sl->mine) ==
				    0;

				/* A rating's label starts with its number; a
				 * choice is numbered here, for its digit. */
				if (sl->kind == SLOT_CHOICE)
					snprintf(line, sizeof line, "%s %s  %s",
					    chosen ? (ui->utf8 ? "\xe2\x9c\x93" :
					    "*") : " ", sc->values[i],
					    sc->labels[i]);
				else
					snprintf(line, sizeof line, "%s %s",
					    chosen ? (ui->utf8 ? "\xe2\x9c\x93" :
					    "*") : " ", sc->labels[i]);
				ui_text(ui, y++, 4, w - 2, line, i == f->cursor ?
				    UI_SELECT : chosen ? UI_GOOD : UI_NORMAL);
			}
		}
	}
	if (ui->notice[0] != '\0')
		ui_text(ui, ui->rows - 2 - foot, 2, w, ui->notice, UI_WARN);
	else if (f->hint[0] != '\0')
		ui_text(ui, ui->rows - 2 - foot, 2, w, f->hint, UI_WARN);
	if (f->help)
		draw_help(f, s, ui);
}

const struct screen screen_form = {
	.name = "form",
	.init = form_init,
	.free = form_free,
	.apply = form_apply,
	.key = form_key,
	.draw = form_draw,
};

const struct kind_view form_view = {
	.screen = &screen_form,
	.dash_draw = form_dash_draw,
	.proj_draw = form_proj_draw,
};
