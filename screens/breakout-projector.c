/* breakout-projector.c: a breakout on the big screen. */
#include <stdio.h>

#include "breakout-view.h"

/* Breakout on the big screen: the prompt and the groups; after `recall`,
 * a big countdown; once closed, what every group will test. */
void
breakout_proj_draw(struct ui *ui, const struct snapshot *s, int y)
{
	char line[512], lines[3][256], t[16];
	int n, col_w = 26, cols = (ui->cols - 4) / col_w;

	if (s->state == ACT_CLOSED) {
		y = ui_big(ui, y, "COMMITMENTS", UI_TITLE) + 1;
		for (int i = 0; i < s->n_groups && y < ui->rows - 3; i++) {
			const struct snap_group *g = &s->groups[i];

			/* Each part whole, wrapped: they are what the room
			 * agreed to test. */
			snprintf(line, sizeof line, "%s: ", g->name);
			y = screen_wrap(ui, y, 4, ui->cols - 8, ui->rows - 3,
			    line, g->commit[COMMIT_CHANGE][0] ?
			    g->commit[COMMIT_CHANGE] : "(no change named)",
			    UI_TITLE);
			snprintf(line, sizeof line, "  %s%s%s%s",
			    g->commit[COMMIT_OWNER], g->commit[COMMIT_DUE][0] ?
			    ", by when: " : "", g->commit[COMMIT_DUE],
			    g->commit[COMMIT_MEASURE][0] ? "; measure: " : "");
			y = screen_wrap(ui, y, 4, ui->cols - 8, ui->rows - 3,
			    line, g->commit[COMMIT_MEASURE], UI_NORMAL);
		}
		return;
	}
	if (s->recall) {
		y = breakout_recall_line(ui, s, y) + 1;
		screen_timer(t, sizeof t, s->remaining >= 0 ? s->remaining : 0);
		ui_big(ui, y, t, UI_WARN);
		y += 2;
	} else
		y = ui_big(ui, y, "BREAKOUT", UI_TITLE) + 1;
	n = text_wrap(s->question, ui->cols - 8, ui->utf8, lines, 3);
	for (int i = 0; i < n; i++)
		ui_center(ui, y++, lines[i], UI_NORMAL);
	y++;
	ui_center(ui, y++, "Your group is on your own screen. Groups:", UI_DIM);
	if (cols < 1)
		cols = 1;
	for (int i = 0; i < s->n_groups && y + i / cols < ui->rows - 3; i++) {
		snprintf(line, sizeof line, "%d %s (%u)", i + 1,
		    s->groups[i].name, s->groups[i].size);
		ui_text(ui, y + i / cols, 2 + (i % cols) * col_w, col_w - 1,
		    line, UI_NORMAL);
	}
}
