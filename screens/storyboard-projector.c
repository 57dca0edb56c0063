/* storyboard-projector.c: a storyboard on the big screen: the boards,
 * how many visitors each has now, and the newest feedback. */
#include <stdio.h>

#include "storyboard-view.h"
#include "act-storyboard.h"

void
storyboard_proj_draw(struct ui *ui, const struct snapshot *s, int y)
{
	char line[STORY_LINE_MAX + 160];
	int col_w = 38, cols = (ui->cols - 4) / col_w, bottom = ui->rows - 3;

	y = ui_big(ui, y, "STORYBOARDS", UI_TITLE) + 1;
	if (s->story_round > 0)
		snprintf(line, sizeof line, "%s: round %u of %u. Your board "
		    "and the one you visit are on your own screen.",
		    s->story_measure, s->story_round, s->story_rounds);
	else
		snprintf(line, sizeof line, "%s", s->story_measure);
	ui_center(ui, y++, line, UI_NORMAL);
	y++;
	if (cols < 1)
		cols = 1;
	for (int i = 0; i < s->n_boards && y + i / cols < bottom; i++) {
		const struct snap_board *b = &s->boards[i];

		if (b->points == 0)
			snprintf(line, sizeof line, "%s: no data", b->site);
		else
			snprintf(line, sizeof line, "%s: %u visiting, %u line%s",
			    b->site, b->visitors, b->lines, b->lines == 1 ? "" :
			    "s");
		ui_text(ui, y + i / cols, 2 + (i % cols) * col_w, col_w - 1,
		    line, b->points == 0 ? UI_DIM : UI_NORMAL);
	}
	y += (s->n_boards + cols - 1) / cols + 1;
	if (s->n_story_lines > 0 && y < bottom)
		ui_text(ui, y++, 2, ui->cols - 4, "Newest feedback:", UI_DIM);
	for (unsigned i = 0; i < s->n_story_lines && y < bottom; i++) {
		const struct snap_story_line *l = &s->story_lines[i];

		snprintf(line, sizeof line, "%s for %s: %s",
		    story_part_label(l->part), storyboard_site(s, l->board),
		    l->text);
		ui_text(ui, y++, 4, ui->cols - 8, line, UI_NORMAL);
	}
}
