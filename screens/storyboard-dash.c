/* storyboard-dash.c: the dashboard's view of a storyboard: every site's
 * board, how many were sent to it this round and so far, the lines left
 * on it; the picked board's feedback below, live. */
#include <stdio.h>

#include "storyboard-view.h"
#include "act-storyboard.h"

const char *const storyboard_dash_help[] = {
	"Up/Down     storyboard: pick a board; Enter shows its feedback whole",
	NULL
};

int
storyboard_dash_count(const struct snapshot *s)
{
	return s->n_boards;
}

static int
draw_lines(struct ui *ui, const struct snapshot *s, int b, int y, int x,
    int w, int max_y)
{
	char line[STORY_LINE_MAX + 160];
	int n = 0;

	for (unsigned i = 0; i < s->n_story_lines && y < max_y; i++) {
		const struct snap_story_line *l = &s->story_lines[i];

		if (l->board != b)
			continue;
		snprintf(line, sizeof line, "r%u %s: %s (%s, %s)", l->round,
		    story_part_word(l->part), l->text, l->author, l->site[0] ?
		    l->site : "no site");
		ui_text(ui, y++, x, w, line, UI_NORMAL);
		n++;
	}
	if (n == 0 && y < max_y)
		ui_text(ui, y++, x, w, "(no feedback on this board yet)",
		    UI_DIM);
	return y;
}

void
storyboard_dash_draw(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int y, int x, int w)
{
	char line[256], t[16];
	int max_y = ui->rows - 3, half, visited = 0;

	for (int i = 0; i < s->n_boards; i++)
		visited += s->boards[i].visited > 0;
	screen_timer(t, sizeof t, s->remaining >= 0 ? s->remaining : 0);
	snprintf(line, sizeof line, "%s: round %u of %u, %d of %u boards "
	    "visited%s%s", s->story_measure, s->story_round, s->story_rounds,
	    visited, s->n_boards, s->remaining >= 0 && s->state == ACT_OPEN ?
	    ", left " : "", s->remaining >= 0 && s->state == ACT_OPEN ? t :
	    "");
	ui_text(ui, y++, x, w, line, UI_GOOD);
	ui_text(ui, y++, x, w, "now sent lines  board", UI_DIM);
	half = y + (max_y - y) / 2;
	for (int i = 0; i < s->n_boards && y < half; i++) {
		const struct snap_board *b = &s->boards[i];

		if (b->points == 0)
			snprintf(line, sizeof line, "  -    - %5u  %s: no data",
			    b->lines, b->site);
		else
			snprintf(line, sizeof line, "%3u %4u %5u  %s (%u points, "
			    "%u signal%s)", b->visitors, b->visited, b->lines,
			    b->site, b->points, b->signals, b->signals == 1 ?
			    "" : "s");
		ui_text(ui, y++, x, w, line, i == d->sel ? UI_SELECT :
		    b->points == 0 ? UI_DIM : UI_NORMAL);
	}
	if (d->sel >= s->n_boards)
		return;
	y++;
	draw_lines(ui, s, d->sel + 1, y, x, w, max_y);
}

/* The picked board's feedback over the activity column. */
void
storyboard_dash_whole(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int y, int x, int w)
{
	char line[256];

	if (d->sel >= s->n_boards)
		return;
	snprintf(line, sizeof line, "Feedback on %s's board (%u lines)",
	    s->boards[d->sel].site, s->boards[d->sel].lines);
	ui_text(ui, y++, x, w, line, UI_TITLE);
	for (int p = 0; p < STORY_PARTS && y < ui->rows - 3; p++) {
		char one[STORY_LINE_MAX + 160];

		ui_text(ui, y++, x, w, story_part_label(p), UI_DIM);
		for (unsigned i = 0; i < s->n_story_lines; i++) {
			const struct snap_story_line *l = &s->story_lines[i];

			if (l->board != d->sel + 1 || l->part != p)
				continue;
			snprintf(one, sizeof one, "%s (%s, round %u)",
			    l->text, l->site[0] ? l->site : l->author,
			    l->round);
			y = screen_wrap(ui, y, x + 2, w - 2, ui->rows - 3, "",
			    one, UI_NORMAL);
		}
	}
}
