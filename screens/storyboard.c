/* storyboard.c: a participant at a storyboard: the run chart of the site
 * they visit this round, with a line each of what impressed them, a
 * question and an idea to try; Tab turns to their own site's board and
 * the feedback others leave on it, live. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyboard-view.h"
#include "act-storyboard.h"
#include "measures.h"

/* `ours`: showing our own board; `top` the first feedback line shown
 * there.  The series and signals are rebuilt from the snapshot's chart
 * for the renderer (story-chart.c). */
struct storyboard {
	int ours;
	int top;
	int help;
	int confirm_quit;
	struct measure_series ms;
	struct runchart_signal sig[SNAP_STORY_SIGNALS];
	char lines[64][CHART_LINE_MAX];
};

static const char *const help_keys[] = {
	"1         what impressed us (on the board you visit)",
	"2         a question",
	"3         an idea to try",
	"Tab       your own site's board and the feedback left on it",
	"Up/Down   scroll the feedback on your board",
	"q         leave the session", NULL };

static void *
storyboard_init(void)
{
	return calloc(1, sizeof(struct storyboard));
}

static void
storyboard_free(void *st)
{
	free(st);
}

/* The chart of board `b` (from 1) in the snapshot, or NULL. */
const struct snap_chart *
storyboard_chart(const struct snapshot *s, int b)
{
	for (unsigned i = 0; b > 0 && i < s->n_charts; i++)
		if (s->charts[i].board == b)
			return &s->charts[i];
	return NULL;
}

const char *
storyboard_site(const struct snapshot *s, int b)
{
	return b > 0 && b <= s->n_boards ? s->boards[b - 1].site : "";
}

/*
 * Board `b`'s run chart from row `y`, `rows` high, `w` wide at column
 * `x`: the points, median and signals (story_chart), or, for a board
 * without data, that it has none.  Returns the row after it.
 */
int
storyboard_draw_chart(struct ui *ui, const struct snapshot *s, int b, int y,
    int x, int rows)
{
	static struct storyboard scratch;
	struct storyboard *c = &scratch;
	const struct snap_chart *ch = storyboard_chart(s, b);
	int n, w = ui->cols - x - 1;

	memset(&c->ms, 0, sizeof c->ms);
	util_strlcpy(c->ms.site, storyboard_site(s, b), sizeof c->ms.site);
	util_strlcpy(c->ms.measure, s->story_measure, sizeof c->ms.measure);
	if (ch != NULL) {
		c->ms.n = ch->n_points;
		c->ms.median = ch->median;
		for (int k = 0; k < ch->n_points; k++) {
			util_strlcpy(c->ms.pts[k].period, ch->points[k].period,
			    sizeof c->ms.pts[k].period);
			c->ms.pts[k].value = ch->points[k].value;
		}
		for (int k = 0; k < ch->n_signals; k++) {
			c->sig[k].rule = (enum runchart_rule)ch->signals[k].rule;
			c->sig[k].from = ch->signals[k].from;
			c->sig[k].to = ch->signals[k].to;
			c->sig[k].above = ch->signals[k].above;
			util_strlcpy(c->sig[k].text, ch->signals[k].text,
			    sizeof c->sig[k].text);
		}
	}
	if (rows > 64)
		rows = 64;
	n = story_chart(&c->ms, c->sig, ch ? ch->n_signals : 0, w, rows,
	    ui->utf8, c->lines, 64);
	for (int i = 0; i < n; i++)
		ui_text(ui, y + i, x, w, c->lines[i], ch == NULL ? UI_WARN :
		    strncmp(c->lines[i], "Signal:", 7) == 0 ? UI_GOOD :
		    UI_NORMAL);
	return y + n;
}

/* The viewer's own line of part `p` on the board they visit now. */
static const char *
my_line(const struct snapshot *s, int p)
{
	for (unsigned i = 0; i < s->n_story_lines; i++) {
		const struct snap_story_line *l = &s->story_lines[i];

		if ((l->flags & NOTE_MINE) && l->round == s->story_round &&
		    l->part == p && l->board == s->story_visit)
			return l->text;
	}
	return NULL;
}

/* Lines left on the viewer's own board, newest first. */
static int
on_ours(const struct snapshot *s, int k)
{
	const struct snap_story_line *l = &s->story_lines[k];

	return s->story_own > 0 && l->board == s->story_own;
}

static int
count_ours(const struct snapshot *s)
{
	int n = 0;

	for (unsigned i = 0; i < s->n_story_lines; i++)
		n += on_ours(s, (int)i);
	return n;
}

static void
storyboard_apply(void *st, const struct snapshot *s)
{
	struct storyboard *b = st;
	int n = count_ours(s);

	if (b->top >= n)
		b->top = n > 0 ? n - 1 : 0;
}

static int
storyboard_key(void *st, const struct snapshot *s, int key,
    struct intent *in)
{
	struct storyboard *b = st;

	if (b->confirm_quit) {
		b->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (b->help) {
		b->help = 0;
		return SCR_REDRAW;
	}
	switch (key) {
	case 'q':
	case 'Q':
	case SK_INTR:
		b->confirm_quit = 1;
		return SCR_REDRAW;
	case '?':
	case SK_F1:
		b->help = 1;
		return SCR_REDRAW;
	case SK_TAB:
		b->ours = !b->ours;
		b->top = 0;
		return SCR_REDRAW;
	case SK_UP:
		if (b->top > 0)
			b->top--;
		return SCR_REDRAW;
	case SK_DOWN:
		if (b->top + 1 < count_ours(s))
			b->top++;
		return SCR_REDRAW;
	}
	if (key >= '1' && key < '1' + STORY_PARTS && s->state == ACT_OPEN &&
	    s->story_visit > 0) {
		int p = key - '1';
		const char *now = my_line(s, p);

		b->ours = 0;
		snprintf(in->prefix, sizeof in->prefix, "%s ",
		    story_part_word(p));
		snprintf(in->answer, sizeof in->answer, "%s", now ? now : "");
		snprintf(in->prompt, sizeof in->prompt, "%s (for %.30s; Enter "
		    "saves, Esc keeps it for later):", story_part_label(p),
		    storyboard_site(s, s->story_visit));
		in->limit = STORY_LINE_CHARS;
		return SCR_INPUT;
	}
	return SCR_NONE;
}

/* Our board: its chart, then what visitors left on it. */
static void
draw_ours(struct storyboard *b, const struct snapshot *s, struct ui *ui,
    int y)
{
	int bottom = ui->rows - 2 - (ui->notice[0] != '\0'), n =
	    count_ours(s), shown = 0, fb_rows;
	char line[STORY_LINE_MAX + 160];

	if (s->story_own == 0) {
		ui_text(ui, y, 2, ui->cols - 4, "You have no site, so no board "
		    "of your own: Tab goes back to the board you visit.",
		    UI_DIM);
		return;
	}
	fb_rows = n > 0 ? (bottom - y) / 3 : 1;
	if (fb_rows < 2)
		fb_rows = 2;
	snprintf(line, sizeof line, "Your board: %s", storyboard_site(s,
	    s->story_own));
	ui_text(ui, y++, 2, ui->cols - 4, line, UI_TITLE);
	y = storyboard_draw_chart(ui, s, s->story_own, y, 2, bottom - y -
	    fb_rows - 1);
	snprintf(line, sizeof line, "Feedback on your board (%d line%s)%s", n,
	    n == 1 ? "" : "s", n > bottom - y - 1 ? ", up/down scrolls" : "");
	ui_text(ui, y++, 2, ui->cols - 4, line, UI_DIM);
	if (n == 0)
		ui_text(ui, y, 4, ui->cols - 6, "Nothing yet: visitors' lines "
		    "appear here as they write them.", UI_DIM);
	for (unsigned i = 0; i < s->n_story_lines && y < bottom; i++) {
		const struct snap_story_line *l = &s->story_lines[i];

		if (!on_ours(s, (int)i) || shown++ < b->top)
			continue;
		snprintf(line, sizeof line, "%s: %s (%s)",
		    story_part_label(l->part), l->text, l->site[0] ? l->site :
		    l->author);
		ui_text(ui, y++, 4, ui->cols - 6, line, UI_NORMAL);
	}
}

/* The board we visit: its chart and our three lines. */
static void
draw_visit(const struct snapshot *s, struct ui *ui, int y)
{
	int bottom = ui->rows - 2 - (ui->notice[0] != '\0');
	char line[STORY_LINE_MAX + 160];

	/* The measure too: the chart's axis has only numbers. */
	snprintf(line, sizeof line, "Round %u of %u: the board of %s, %s",
	    s->story_round, s->story_rounds, storyboard_site(s,
	    s->story_visit), s->story_measure);
	ui_text(ui, y++, 2, ui->cols - 4, line, UI_TITLE);
	y = storyboard_draw_chart(ui, s, s->story_visit, y, 2, bottom - y -
	    STORY_PARTS);
	for (int p = 0; p < STORY_PARTS && y < bottom; p++) {
		const char *now = my_line(s, p);

		snprintf(line, sizeof line, "%d %s: %s", p + 1,
		    story_part_label(p), now ? now : s->state == ACT_OPEN ?
		    "(press the number to write)" : "-");
		ui_text(ui, y++, 2, ui->cols - 4, line, now ? UI_NORMAL :
		    UI_DIM);
	}
}

static void
storyboard_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct storyboard *b = st;
	int y = s->banner[0] ? 2 : 1, open = s->state == ACT_OPEN;
	char line[256];

	screen_header(ui, s);
	if (s->story_round == 0) {
		snprintf(line, sizeof line, "Storyboards of %s: waiting for the "
		    "first round", s->story_measure);
		ui_center(ui, y + 2, line, UI_DIM);
	} else if (b->ours || s->story_visit == 0 || !open) {
		if (!b->ours && s->story_visit == 0 && open) {
			ui_text(ui, y++, 2, ui->cols - 4, "No other site's board "
			    "to visit this round: here is your own.", UI_WARN);
		}
		draw_ours(b, s, ui, y);
	} else
		draw_visit(s, ui, y);
	if (ui->notice[0] != '\0')
		screen_notice(ui, ui->rows - 2, ui->notice, UI_WARN);
	if (b->help)
		screen_help(ui, "Keys (any key closes this)", help_keys);
	screen_footer(ui, b->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : !open || s->story_visit == 0 ?
	    "Tab boards  up/down scroll  q leave" : b->ours ? "Tab the board "
	    "you visit  up/down scroll  ? help  q leave" : "1 impressed  "
	    "2 question  3 idea  Tab your board  ? help  q leave");
}

const struct screen screen_storyboard = {
	.name = "storyboard",
	.init = storyboard_init,
	.free = storyboard_free,
	.apply = storyboard_apply,
	.key = storyboard_key,
	.draw = storyboard_draw,
};

const struct kind_view storyboard_view = {
	.screen = &screen_storyboard,
	.dash_count = storyboard_dash_count,
	.dash_draw = storyboard_dash_draw,
	.dash_whole = storyboard_dash_whole,
	.dash_help = storyboard_dash_help,
	.proj_draw = storyboard_proj_draw,
};
