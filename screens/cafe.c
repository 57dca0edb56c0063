/* cafe.c: a participant at the world café: where to sit, the tablecloth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cafe-view.h"

struct cafe {
	int round;
	int scroll;		/* harvest: lines scrolled past */
	int confirm_quit;
	int help;		/* ?: the keys, over the screen */
};

static const char *const help_keys[] = {
	"a or Enter  add a line to your table's tablecloth",
	"Up/Down     scroll the harvest once the cafe closes",
	"q           leave the session", NULL };

static void *
cafe_init(void)
{
	return calloc(1, sizeof(struct cafe));
}

static void
cafe_free(void *st)
{
	free(st);
}

static void
cafe_apply(void *st, const struct snapshot *s)
{
	struct cafe *c = st;

	if (c->round != s->round) {
		c->round = s->round;
		c->scroll = 0;
	}
	if (c->scroll > s->n_notes)
		c->scroll = s->n_notes;
}

static int
cafe_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct cafe *c = st;

	if (c->confirm_quit) {
		c->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (c->help) {
		c->help = 0;
		return SCR_REDRAW;
	}
	switch (key) {
	case '?':
	case SK_F1:
		c->help = 1;
		return SCR_REDRAW;
	case 'q':
	case 'Q':
	case SK_INTR:
		c->confirm_quit = 1;
		return SCR_REDRAW;
	case 'a':
	case SK_ENTER:
		if (s->state != ACT_OPEN || s->my_table == 0)
			return SCR_NONE;
		snprintf(in->prompt, sizeof in->prompt, "Add a line to table "
		    "%u's tablecloth (Enter adds, Esc keeps it):", s->my_table);
		snprintf(in->prefix, sizeof in->prefix, "+");
		return SCR_INPUT;
	case SK_DOWN:
	case SK_PGDN:
		if (c->scroll + 1 < s->n_notes)
			c->scroll += key == SK_PGDN ? 10 : 1;
		if (c->scroll >= s->n_notes)
			c->scroll = s->n_notes > 0 ? s->n_notes - 1 : 0;
		return SCR_REDRAW;
	case SK_UP:
	case SK_PGUP:
		c->scroll -= key == SK_PGUP ? 10 : 1;
		if (c->scroll < 0)
			c->scroll = 0;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

static void
draw_harvest(struct cafe *c, const struct snapshot *s, struct ui *ui, int y)
{
	ui_text(ui, y++, 2, ui->cols - 4, "Harvest: what every table wrote",
	    UI_TITLE);
	y++;
	if (s->n_notes == 0)
		ui_text(ui, y, 2, ui->cols - 4, "No lines were written.", UI_DIM);
	else
		notes_draw(ui, s, y, 2, ui->cols - 4, ui->rows - 2, 0,
		    c->scroll, -1);
}

static void
cafe_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct cafe *c = st;
	char line[512], lines[3][256];
	int y = s->banner[0] ? 3 : 2, n, w = ui->cols - 4;

	screen_header(ui, s);
	if (s->state == ACT_CLOSED) {
		draw_harvest(c, s, ui, y);
		screen_footer(ui, c->confirm_quit ? "Leave the session? y = "
		    "leave" : "? help  arrows/PgUp/PgDn scroll  q leave");
		return;
	}
	snprintf(line, sizeof line, "Round %u of %u", s->round, s->rounds);
	ui_center(ui, y++, line, UI_NORMAL);
	if (s->my_table == 0) {
		ui_center(ui, ++y, "Finding you a table...", UI_DIM);
		screen_footer(ui, "? help  q leave");
		return;
	}
	snprintf(line, sizeof line, "TABLE %u", s->my_table);
	y = ui_big(ui, y + 1, line, UI_TITLE);
	if (s->i_host)
		snprintf(line, sizeof line, "You host this table: stay here and "
		    "brief the newcomers.");
	else
		snprintf(line, sizeof line, "Go to table %u%s%s%s", s->my_table,
		    s->my_host[0] ? " (host: " : "", s->my_host,
		    s->my_host[0] ? ")" : "");
	ui_center(ui, y++, line, s->i_host ? UI_GOOD : UI_NORMAL);
	if (s->n_tables > 0 && s->tables[0].people[0] != '\0') {
		snprintf(line, sizeof line, "With: %s", s->tables[0].people);
		ui_center(ui, y++, line, UI_DIM);
	}
	y++;
	n = text_wrap(s->question, w, ui->utf8, lines, 3);
	for (int i = 0; i < n; i++)
		ui_text(ui, y++, 2, w, lines[i], UI_TITLE);
	y++;
	ui_text(ui, y++, 2, w, "Tablecloth:", UI_DIM);
	if (s->n_notes == 0 && ui->notice[0] == '\0')
		ui_text(ui, y++, 4, w - 2, "Nothing yet. Press a to add the "
		    "first line.", UI_DIM);
	/* The host's briefing (last round's lines here) comes first; a
	 * long line wraps (up to four rows) rather than being cut. */
	for (int i = 0; i < s->n_notes && y < ui->rows - 3; i++) {
		const struct snap_note *nt = &s->notes[i];
		char wrapped[4][256];
		int k;

		snprintf(line, sizeof line, "%s%s: %s", nt->flags & NOTE_PREV ?
		    "(last round) " : "", nt->author, nt->text);
		k = text_wrap(line, w - 2, ui->utf8, wrapped, 4);
		for (int j = 0; j < k && y < ui->rows - 3; j++)
			ui_text(ui, y++, j ? 6 : 4, w - (j ? 4 : 2), wrapped[j],
			    nt->flags & NOTE_PREV ? UI_DIM : UI_NORMAL);
	}
	if (ui->notice[0] != '\0')
		screen_notice(ui, ui->rows - 3, ui->notice, UI_WARN);
	if (c->help)
		screen_help(ui, "Keys (any key closes this)", help_keys);
	screen_footer(ui, c->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : "? help  a add a line to the tablecloth  "
	    "q leave");
}

const struct screen screen_cafe = {
	.name = "cafe",
	.init = cafe_init,
	.free = cafe_free,
	.apply = cafe_apply,
	.key = cafe_key,
	.draw = cafe_draw,
};

const struct kind_view cafe_view = {
	.screen = &screen_cafe,
	.dash_count = cafe_dash_count,
	.dash_key = cafe_dash_key,
	.dash_draw = cafe_dash_draw,
	.dash_help = cafe_dash_help,
	.proj_draw = cafe_proj_draw,
};
