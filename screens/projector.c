/* projector.c: the room's big screen: read-only, large, with how to join. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

struct projector {
	int confirm_quit;
};

static void *
proj_init(void)
{
	return calloc(1, sizeof(struct projector));
}

static void
proj_free(void *st)
{
	free(st);
}

static void
proj_apply(void *st, const struct snapshot *s)
{
	(void)st, (void)s;
}

static int
proj_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct projector *p = st;

	(void)s, (void)in;
	if (p->confirm_quit) {
		p->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (key == 'q') {
		p->confirm_quit = 1;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

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

/* Café on the big screen: the round, its question, every table's host;
 * after the last round, the themes and lines of the harvest. */
static void
draw_cafe(struct ui *ui, const struct snapshot *s, int y)
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

/* A form on the big screen: how many have finished, and each site's
 * subscale means once revealed; small sites show no figures.  A form
 * answered once per site counts sites that finished against the sites
 * here (the first score row's `members`), never against people. */
static void
draw_form(struct ui *ui, const struct snapshot *s, int y)
{
	char line[256];
	const struct snap_score *all = s->n_scores ? &s->scores[0] : NULL;
	unsigned done = all ? all->complete : 0;
	unsigned of = s->form_by ? (all ? all->members : 0) : s->connected;

	ui_center(ui, y++, s->form_title, UI_TITLE);
	y++;
	if (s->form_by)
		snprintf(line, sizeof line, "%u of %u site%s ha%s finished",
		    done, of, of == 1 ? "" : "s", done == 1 ? "s" : "ve");
	else
		snprintf(line, sizeof line, "%u of %u here have finished",
		    done, of);
	ui_center(ui, y++, line, UI_NORMAL);
	if (all != NULL && all->partial > 0) {
		snprintf(line, sizeof line, "%u complete, %u with questions "
		    "left blank", done - all->partial, all->partial);
		ui_center(ui, y++, line, UI_DIM);
	}
	if (of > 0 && all != NULL)
		ui_bar(ui, y++, 4, ui->cols - 8, (double)done / of, UI_BAR);
	if (!(s->flags & SNAP_REVEALED) || s->n_subscales == 0)
		return;
	y++;
	for (int i = 0; i < s->n_scores && y < ui->rows - 3; i++) {
		const struct snap_score *sc = &s->scores[i];
		size_t l;

		snprintf(line, sizeof line, "%-24.24s", sc->site);
		for (int k = 0; k < s->n_subscales; k++) {
			l = strlen(line);
			if (sc->suppressed || sc->n[k] == 0)
				snprintf(line + l, sizeof line - l, "  %s: -",
				    s->subscales[k]);
			else
				snprintf(line + l, sizeof line - l, "  %s %.1f "
				    "(n=%u)", s->subscales[k], sc->mean100[k] /
				    100.0, sc->n[k]);
		}
		if (sc->suppressed) {
			l = strlen(line);
			snprintf(line + l, sizeof line - l, "  (fewer than 5: "
			    "not shown)");
		}
		ui_center(ui, y++, line, i == 0 ? UI_TITLE : UI_NORMAL);
	}
}

/* Breakout on the big screen: the prompt and the groups; after `recall`,
 * a big countdown; once closed, what every group will test. */
static void
draw_breakout(struct ui *ui, const struct snapshot *s, int y)
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

static void
proj_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct projector *p = st;
	char lines[4][256], line[256];
	int y = s->banner[0] ? 3 : 2, n;
	int waiting = s->current < 0 || !(s->flags & SNAP_RUNNABLE) ||
	    s->state == ACT_WAITING;

	screen_header(ui, s);
	if (waiting) {
		y = ui->rows / 2 - 4;
		ui_big(ui, y, s->current < 0 ? "Welcome" : s->items[
		    s->current].title, UI_TITLE);
		ui_center(ui, y + 3, "Join from your laptop's terminal:",
		    UI_NORMAL);
		ui_center(ui, y + 5, s->join_hint, UI_TITLE);
		snprintf(line, sizeof line, "%u %s here", s->connected,
		    s->connected == 1 ? "person" : "people");
		ui_center(ui, y + 8, line, UI_DIM);
	} else if (s->kind == ACT_CAFE) {
		draw_cafe(ui, s, y);
	} else if (s->kind == ACT_BREAKOUT) {
		draw_breakout(ui, s, y);
	} else if (s->kind == ACT_ASSESS || s->kind == ACT_FEEDBACK) {
		draw_form(ui, s, y);
	} else {
		n = text_wrap(s->question, ui->cols - 8, ui->utf8, lines, 3);
		for (int i = 0; i < n; i++)
			ui_center(ui, y++, lines[i], UI_TITLE);
		y++;
		/* The host decides what the room may see. */
		if (s->flags & SNAP_RESULTS)
			y = results_draw(ui, s, y, 4, ui->cols - 8,
			    ui->rows - 4, -1);
		else
			progress(ui, s, y + 2);
	}
	/* Latecomers can join at any moment: the line stays at the bottom
	 * (the views above stop short of it). */
	if (!waiting)
		ui_center(ui, ui->rows - 3, s->join_hint, UI_DIM);
	screen_footer(ui, p->confirm_quit ? "Close the projector view? y = "
	    "close" : "projector view (read-only)   q close");
}

const struct screen screen_projector = {
	.name = "projector",
	.init = proj_init,
	.free = proj_free,
	.apply = proj_apply,
	.key = proj_key,
	.draw = proj_draw,
};
