/* cafe-dash.c: the dashboard's view of a world café: the tables and
 * their tablecloths while it runs, the harvest after the last round. */
#include <stdio.h>

#include "cafe-view.h"

const char *const cafe_dash_help[] = {
	"up/down, *  café: read a table live; harvest: mark a theme",
	NULL
};

/* Up/down pick a table, or once closed a line of the harvest. */
int
cafe_dash_count(const struct snapshot *s)
{
	return s->state == ACT_CLOSED ? s->n_notes : s->n_tables;
}

/* `*` marks the picked harvest line as a theme (or unmarks it). */
int
cafe_dash_key(struct dash_pick *d, const struct snapshot *s, int key,
    struct intent *in)
{
	if (key != '*' || s->state != ACT_CLOSED || d->sel >= s->n_notes)
		return SCR_NONE;
	in->argc = 2;
	snprintf(in->argv[0], sizeof in->argv[0], "theme");
	snprintf(in->argv[1], sizeof in->argv[1], "%u", s->notes[d->sel].id);
	return SCR_CTL | SCR_REDRAW;
}

/* The room as a grid of tables (who sits where, who has arrived); the
 * selected table's tablecloth below, live.  After the last round, the
 * harvest: every line, * marks a theme. */
void
cafe_dash_draw(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int y, int x, int w)
{
	char line[512], t[16];
	int max_y = ui->rows - 3, half;

	if (s->round == 0) {
		ui_text(ui, y, x, w, "Press o to seat everyone here at tables "
		    "(sites mixed).", UI_DIM);
		return;
	}
	if (s->state == ACT_CLOSED) {
		ui_text(ui, y++, x, w, "Harvest (up/down, * marks a theme)",
		    UI_TITLE);
		notes_draw(ui, s, y, x, w, max_y, 0, d->sel > max_y - y - 3 ?
		    d->sel - (max_y - y - 3) : 0, d->sel);
		return;
	}
	screen_timer(t, sizeof t, s->remaining);
	snprintf(line, sizeof line, "Round %u of %u%s%s   (n: next round)",
	    s->round, s->rounds, t[0] ? ", left " : "", t);
	ui_text(ui, y++, x, w, line, UI_GOOD);
	{
		/* How many tables the room gave (the plan's number is only
		 * what it asks for: a table needs 2; the open's reply says). */
		unsigned seated = 0;

		for (int i = 0; i < s->n_tables; i++)
			seated += s->tables[i].seated;
		snprintf(line, sizeof line, "%u people: %u table%s of %u%s",
		    seated, s->n_tables, s->n_tables == 1 ? "" : "s",
		    s->n_tables ? seated / s->n_tables : 0, s->n_tables &&
		    seated % s->n_tables ? "+" : "");
		ui_text(ui, y++, x, w, line, UI_DIM);
	}
	half = y + (max_y - y) / 2;
	for (int i = 0; i < s->n_tables && y < half; i++) {
		const struct snap_table *tb = &s->tables[i];

		snprintf(line, sizeof line, "T%-2u %u/%u %s%s%s", tb->number,
		    tb->arrived, tb->seated, tb->host, tb->host[0] ? "*: " :
		    "", tb->people);
		ui_text(ui, y++, x, w, line, i == d->sel ? UI_SELECT :
		    tb->arrived < tb->seated ? UI_DIM : UI_NORMAL);
	}
	if (d->sel < s->n_tables) {
		int tn = s->tables[d->sel].number;

		snprintf(line, sizeof line, "Table %d tablecloth (%d lines):",
		    tn, notes_count(s, tn));
		ui_text(ui, ++y, x, w, line, UI_TITLE);
		notes_draw(ui, s, y + 1, x, w, max_y, tn, 0, -1);
	}
}
