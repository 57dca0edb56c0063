/* notes.c: draw lines of shared notes (tablecloths, breakout notes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

/* How many lines pass the filter: table `table` (0: any). */
int
notes_count(const struct snapshot *s, int table)
{
	int n = 0;

	for (int i = 0; i < s->n_notes; i++)
		n += table == 0 || s->notes[i].table == table;
	return n;
}

/*
 * Lines from row `y` to `max_y`, in columns x..x+w, optionally only of
 * one table (0: all, grouped under "Table N" headings).  `skip` lines
 * are scrolled past; `sel` (or -1) is highlighted.  Themes are starred.
 * Returns the next free row.
 */
static int
draw(struct ui *ui, const struct snapshot *s, int y, int x, int w,
    int max_y, int table, int skip, int sel, int wrap)
{
	const char *star = ui->utf8 ? "\xe2\x98\x85 " : "* ";
	int last_table = -1, k = 0;
	char line[512];

	for (int i = 0; i < s->n_notes && y < max_y; i++) {
		const struct snap_note *n = &s->notes[i];

		if (table != 0 && n->table != table)
			continue;
		if (k++ < skip)
			continue;
		/* Themes come first (the host sends them first), under
		 * their own heading; then the lines table by table. */
		if (table == 0 && (n->flags & NOTE_THEME) && last_table != 0) {
			ui_text(ui, y++, x, w, "Themes", UI_TITLE);
			last_table = 0;
		} else if (table == 0 && !(n->flags & NOTE_THEME) &&
		    n->table != last_table) {
			snprintf(line, sizeof line, "Table %u", n->table);
			ui_text(ui, y++, x, w, line, UI_TITLE);
			last_table = n->table;
		}
		if (y >= max_y)
			break;
		snprintf(line, sizeof line, "%s%s: ", n->flags & NOTE_THEME ?
		    star : "", n->author[0] ? n->author : "someone");
		if (wrap)
			y = screen_wrap(ui, y, x, w, max_y, line, n->text,
			    n->flags & NOTE_THEME ? UI_GOOD : UI_NORMAL);
		else {
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), "%s", n->text);
			ui_text(ui, y++, x, w, line, k - 1 == sel ? UI_SELECT :
			    n->flags & NOTE_THEME ? UI_GOOD : UI_NORMAL);
		}
	}
	if (s->more_notes > 0 && y < max_y) {
		snprintf(line, sizeof line, "... %u more lines (see the export)",
		    s->more_notes);
		ui_text(ui, y++, x, w, line, UI_DIM);
	}
	return y;
}

int
notes_draw(struct ui *ui, const struct snapshot *s, int y, int x, int w,
    int max_y, int table, int skip, int sel)
{
	return draw(ui, s, y, x, w, max_y, table, skip, sel, 0);
}

/* The same, each line whole, wrapped (the projector's harvest). */
int
notes_draw_wrapped(struct ui *ui, const struct snapshot *s, int y, int x,
    int w, int max_y)
{
	return draw(ui, s, y, x, w, max_y, 0, 0, -1, 1);
}

/*
 * `lead` then `text`, word-wrapped into columns x..x+w from row `y`, as
 * far as row `max_y`; a text longer than the rows left ends in "...".
 * Returns the next free row.
 */
int
screen_wrap(struct ui *ui, int y, int x, int w, int max_y, const char *lead,
    const char *text, int attr)
{
	char lines[48][256], *all;
	size_t len = strlen(lead) + strlen(text) + 1;
	int n;

	if ((all = malloc(len)) == NULL)
		return y;
	snprintf(all, len, "%s%s", lead, text);
	n = text_wrap(all, w, ui->utf8, lines, 48);
	free(all);
	for (int i = 0; i < n && y < max_y; i++) {
		if (y == max_y - 1 && i < n - 1) {
			ui_text(ui, y++, x, w, "...", UI_DIM);
			break;
		}
		ui_text(ui, y++, x, w, lines[i], attr);
	}
	return y;
}
