/* reportback.c: a participant reporting back on their site's commitments
 * of last time: pick one, say what became of it (tested, partly, not
 * yet, dropped), what the site learned and its next step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reportback-view.h"

/* `sel` is the picked commitment (index into followups[]). */
struct reportback {
	int sel;
	int confirm_quit;
	int help;		/* ?: the keys, over the screen */
};

const char *const reportback_status_label[FOLLOW_STATUSES] = {
	"not yet said", "tested", "partly", "not yet", "dropped"
};

static const char *const help_keys[] = {
	"Up/Down   pick one of your site's commitments",
	"1 2 3 4   what became of it: tested, partly, not yet, dropped",
	"l         what your site learned",
	"n         your site's next step",
	"q         leave the session", NULL };

/* What a viewer with no commitments to report on sees: never nothing. */
void
reportback_empty_line(const struct snapshot *s, char *out, size_t n)
{
	if (s->rb_from == 0)
		snprintf(out, n, "This is the collaborative's first learning "
		    "session: there are no earlier commitments to report back "
		    "on.");
	else if (s->rb_site[0] == '\0')
		snprintf(out, n, "You joined without a site: report-back goes "
		    "by site, so listen to the sites' reports.");
	else
		snprintf(out, n, "%s made no commitments in session %u (%s): "
		    "nothing to report back on. Listen to the other sites.",
		    s->rb_site, s->rb_from, s->rb_from_title);
}

static void *
reportback_init(void)
{
	return calloc(1, sizeof(struct reportback));
}

static void
reportback_free(void *st)
{
	free(st);
}

static void
reportback_apply(void *st, const struct snapshot *s)
{
	struct reportback *r = st;

	if (r->sel >= s->n_followups)
		r->sel = s->n_followups > 0 ? s->n_followups - 1 : 0;
	if (r->sel < 0)
		r->sel = 0;
}

static int
reportback_key(void *st, const struct snapshot *s, int key,
    struct intent *in)
{
	struct reportback *r = st;
	const struct snap_followup *f;

	if (r->confirm_quit) {
		r->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (r->help) {
		r->help = 0;
		return SCR_REDRAW;
	}
	switch (key) {
	case 'q':
	case 'Q':
	case SK_INTR:
		r->confirm_quit = 1;
		return SCR_REDRAW;
	case '?':
	case SK_F1:
		r->help = 1;
		return SCR_REDRAW;
	case SK_UP:
		if (r->sel > 0)
			r->sel--;
		return SCR_REDRAW;
	case SK_DOWN:
		if (r->sel + 1 < s->n_followups)
			r->sel++;
		return SCR_REDRAW;
	}
	if (s->state != ACT_OPEN || r->sel >= s->n_followups)
		return SCR_NONE;
	f = &s->followups[r->sel];
	if (key >= '1' && key <= '4') {
		snprintf(in->answer, sizeof in->answer, "=%u status %c", f->id,
		    key);
		return SCR_ANSWER | SCR_REDRAW;
	}
	if (key == 'l' || key == 'n' || key == SK_ENTER) {
		int learned = key == 'l' || (key == SK_ENTER &&
		    f->learned[0] == '\0');

		snprintf(in->prefix, sizeof in->prefix, "=%u %s ", f->id,
		    learned ? "learned" : "next");
		snprintf(in->answer, sizeof in->answer, "%s", learned ?
		    f->learned : f->next);
		snprintf(in->prompt, sizeof in->prompt, "%s", learned ?
		    "What did your site learn? (Enter saves, Esc keeps it):" :
		    "Your site's next step (Enter saves, Esc keeps it):");
		return SCR_INPUT;
	}
	return SCR_NONE;
}

static void
draw_list(struct reportback *r, const struct snapshot *s, struct ui *ui,
    int y, int rows)
{
	char line[512];
	int first = r->sel - rows + 1;

	if (first < 0)
		first = 0;
	for (int i = first; i < s->n_followups && rows-- > 0; i++) {
		const struct snap_followup *f = &s->followups[i];

		snprintf(line, sizeof line, "%2d %-12s %s: %s", i + 1,
		    f->status ? reportback_status_label[f->status] : "-",
		    f->label, f->commit[COMMIT_CHANGE][0] ?
		    f->commit[COMMIT_CHANGE] : "(no change named)");
		ui_text(ui, y++, 2, ui->cols - 4, line, i == r->sel ?
		    UI_SELECT : f->status ? UI_GOOD : UI_NORMAL);
	}
}

/* The picked commitment whole, and its report so far. */
static void
draw_detail(const struct snapshot *s, const struct snap_followup *f,
    struct ui *ui, int y, int max_y)
{
	int w = ui->cols - 4, open = s->state == ACT_OPEN;
	char line[512];

	y = screen_wrap(ui, y, 2, w, max_y, "Change: ",
	    f->commit[COMMIT_CHANGE], UI_TITLE);
	snprintf(line, sizeof line, "Who: %s   By when: %s",
	    f->commit[COMMIT_OWNER][0] ? f->commit[COMMIT_OWNER] : "-",
	    f->commit[COMMIT_DUE][0] ? f->commit[COMMIT_DUE] : "-");
	if (y < max_y)
		ui_text(ui, y++, 2, w, line, UI_NORMAL);
	if (f->commit[COMMIT_MEASURE][0] != '\0')
		y = screen_wrap(ui, y, 2, w, max_y, "Measure: ",
		    f->commit[COMMIT_MEASURE], UI_NORMAL);
	snprintf(line, sizeof line, "Status: %s%s%s%s",
	    reportback_status_label[f->status], f->by[0] ? " (" : "", f->by,
	    f->by[0] ? ")" : "");
	if (y < max_y)
		ui_text(ui, y++, 2, w, line, f->status ? UI_GOOD : UI_DIM);
	if (open && y < max_y)
		ui_text(ui, y++, 4, w - 2, "1 tested  2 partly  3 not yet  "
		    "4 dropped", UI_DIM);
	y = screen_wrap(ui, y, 2, w, max_y, "Learned: ", f->learned[0] ?
	    f->learned : open ? "(l to write)" : "-", f->learned[0] ?
	    UI_NORMAL : UI_DIM);
	screen_wrap(ui, y, 2, w, max_y, "Next step: ", f->next[0] ? f->next :
	    open ? "(n to write)" : "-", f->next[0] ? UI_NORMAL : UI_DIM);
}

static void
reportback_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct reportback *r = st;
	char line[512], lines[2][256];
	int y = s->banner[0] ? 3 : 2, n, open = s->state == ACT_OPEN,
	    max_y = ui->rows - 2, rows;

	screen_header(ui, s);
	if (ui->notice[0] != '\0')
		max_y--;
	if (s->rb_from > 0)
		snprintf(line, sizeof line, "%sReport back%s%s on session %u: %s",
		    open ? "" : "Closed. ", s->rb_site[0] ? " from " : "",
		    s->rb_site, s->rb_from, s->rb_from_title);
	else
		snprintf(line, sizeof line, "%sReport back", open ? "" :
		    "Closed. ");
	ui_text(ui, y++, 2, ui->cols - 4, line, UI_TITLE);
	n = text_wrap(s->question, ui->cols - 4, ui->utf8, lines, 2);
	for (int i = 0; i < n; i++)
		ui_text(ui, y++, 2, ui->cols - 4, lines[i], UI_NORMAL);
	y++;
	if (s->n_followups == 0) {
		reportback_empty_line(s, line, sizeof line);
		screen_wrap(ui, y + 1, 4, ui->cols - 8, max_y, "", line,
		    UI_DIM);
	} else {
		rows = s->n_followups < 5 ? s->n_followups : 5;
		if (rows > (max_y - y) / 2)
			rows = (max_y - y) / 2;
		draw_list(r, s, ui, y, rows);
		y += rows + 1;
		if (r->sel < s->n_followups)
			draw_detail(s, &s->followups[r->sel], ui, y, max_y);
	}
	if (ui->notice[0] != '\0')
		screen_notice(ui, ui->rows - 2, ui->notice, UI_WARN);
	if (r->help)
		screen_help(ui, "Keys (any key closes this)", help_keys);
	screen_footer(ui, r->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : !open || s->n_followups == 0 ?
	    "up/down read  q leave" : "? help  up/down pick  1-4 status  "
	    "l learned  n next  q leave");
}

const struct screen screen_reportback = {
	.name = "reportback",
	.init = reportback_init,
	.free = reportback_free,
	.apply = reportback_apply,
	.key = reportback_key,
	.draw = reportback_draw,
};

const struct kind_view reportback_view = {
	.screen = &screen_reportback,
	.dash_count = reportback_dash_count,
	.dash_key = reportback_dash_key,
	.dash_draw = reportback_dash_draw,
	.dash_help = reportback_dash_help,
	.proj_draw = reportback_proj_draw,
};
