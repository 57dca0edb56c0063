/* poll-projector.c: a poll on the big screen: the question, then the
 * results once the host shows them, else how many have answered. */
#include <stdio.h>

#include "poll-view.h"

static void
progress(struct ui *ui, const struct snapshot *s, int y)
{
	char line[128];

	snprintf(line, sizeof line, "%u of %u answered", s->answered,
	    s->connected);
	ui_center(ui, y, line, UI_TITLE);
	if (s->connected > 0)
		ui_bar(ui, y + 2, 4, ui->cols - 8, (double)s->answered /
		    s->connected, UI_BAR);
}

void
poll_proj_draw(struct ui *ui, const struct snapshot *s, int y)
{
	char lines[4][256];
	int n = text_wrap(s->question, ui->cols - 8, ui->utf8, lines, 3);

	for (int i = 0; i < n; i++)
		ui_center(ui, y++, lines[i], UI_TITLE);
	y++;
	/* The host decides what the room may see. */
	if (s->flags & SNAP_RESULTS)
		results_draw(ui, s, y, 4, ui->cols - 8, ui->rows - 4, -1);
	else
		progress(ui, s, y + 2);
}
