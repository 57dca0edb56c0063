/* cafe-projector.c: a world café on the big screen. */
#include <stdio.h>

#include "cafe-view.h"

/* Café on the big screen: the round, its question, every table's host;
 * after the last round, the themes and lines of the harvest. */
void
cafe_proj_draw(struct ui *ui, const struct snapshot *s, int y)
{
	char line[256], lines[3][256];
	int n, col_w = 26, cols = (ui->cols - 4) / col_w;

	if (s->state == ACT_CLOSED) {
		ui_big(ui, y, "HARVEST", UI_TITLE);
		notes_draw_wrapped(ui, s, y + 2, 4, ui->cols - 8, ui->rows - 3);
		return;
	}
	snprintf(line, sizeof line, "Round %u of %u", s->round, s->rounds);
	ui_big(ui, y++, line, UI_TITLE);
	n = text_wrap(s->question, ui->cols - 8, ui->utf8, lines, 3);
	for (int i = 0; i < n; i++)
		ui_center(ui, ++y, lines[i], UI_NORMAL);
	y += 2;
	ui_center(ui, y++, "Your table is on your own screen. Hosts:", UI_DIM);
	if (cols < 1)
		cols = 1;
	for (int i = 0; i < s->n_tables && y + i / cols < ui->rows - 3; i++) {
		snprintf(line, sizeof line, "T%u %s", s->tables[i].number,
		    s->tables[i].host);
		ui_text(ui, y + i / cols, 2 + (i % cols) * col_w, col_w - 1,
		    line, UI_NORMAL);
	}
}
