/* reportback-projector.c: a report-back on the big screen: every site's
 * tally, or the report of the site the facilitator shows. */
#include <stdio.h>

#include "reportback-view.h"

static void
tally(struct ui *ui, const struct snapshot *s, int y)
{
	char line[512];
	int made = 0, tested = 0;

	for (int i = 0; i < s->n_rbsites; i++) {
		made += s->rbsites[i].n;
		tested += s->rbsites[i].count[FOLLOW_TESTED];
	}
	snprintf(line, sizeof line, "%d of %d changes committed last time "
	    "were tested", tested, made);
	ui_center(ui, y++, line, UI_GOOD);
	y++;
	for (int i = 0; i < s->n_rbsites && y < ui->rows - 3; i++) {
		const struct snap_rbsite *t = &s->rbsites[i];

		if (t->n == 0)
			snprintf(line, sizeof line, "%s: no commitments last "
			    "time", t->name);
		else
			snprintf(line, sizeof line, "%s: %u committed, %u "
			    "tested, %u partly, %u not yet, %u dropped%s",
			    t->name, t->n, t->count[FOLLOW_TESTED],
			    t->count[FOLLOW_PARTLY], t->count[FOLLOW_NOT_YET],
			    t->count[FOLLOW_DROPPED], t->count[FOLLOW_NONE] ?
			    ", more to say" : "");
		ui_text(ui, y++, 4, ui->cols - 8, line, t->n ? UI_NORMAL :
		    UI_DIM);
	}
}

/* One site's report: each commitment whole, wrapped, with what became
 * of it. */
static void
site_report(struct ui *ui, const struct snapshot *s, int y)
{
	char line[512];
	int max_y = ui->rows - 3;

	if (s->n_followups == 0) {
		reportback_empty_line(s, line, sizeof line);
		screen_wrap(ui, y, 4, ui->cols - 8, max_y, "", line, UI_DIM);
		return;
	}
	for (int i = 0; i < s->n_followups && y < max_y; i++) {
		const struct snap_followup *f = &s->followups[i];

		snprintf(line, sizeof line, "%s, %s: ",
		    reportback_status_label[f->status], f->label);
		y = screen_wrap(ui, y, 4, ui->cols - 8, max_y, line,
		    f->commit[COMMIT_CHANGE], f->status == FOLLOW_TESTED ?
		    UI_GOOD : UI_TITLE);
		if (f->learned[0] != '\0')
			y = screen_wrap(ui, y, 6, ui->cols - 10, max_y,
			    "Learned: ", f->learned, UI_NORMAL);
		if (f->next[0] != '\0')
			y = screen_wrap(ui, y, 6, ui->cols - 10, max_y,
			    "Next: ", f->next, UI_NORMAL);
	}
}

void
reportback_proj_draw(struct ui *ui, const struct snapshot *s, int y)
{
	char line[512];

	if (s->rb_site[0] != '\0') {
		y = ui_big(ui, y, s->rb_site, UI_TITLE) + 1;
		snprintf(line, sizeof line, "What became of the changes of "
		    "session %u", s->rb_from);
		ui_center(ui, y++, line, UI_DIM);
		site_report(ui, s, y + 1);
		return;
	}
	y = ui_big(ui, y, "REPORT BACK", UI_TITLE) + 1;
	if (s->rb_from == 0) {
		reportback_empty_line(s, line, sizeof line);
		screen_wrap(ui, y + 1, 4, ui->cols - 8, ui->rows - 3, "", line,
		    UI_DIM);
		return;
	}
	snprintf(line, sizeof line, "Session %u: %s", s->rb_from,
	    s->rb_from_title);
	ui_center(ui, y++, line, UI_DIM);
	tally(ui, s, y + 1);
}
