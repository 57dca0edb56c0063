/* reportback-dash.c: the dashboard's view of a report-back: per site how
 * many of last time's commitments were tested, and the site the room
 * sees, whose report is below. */
#include <stdio.h>
#include <string.h>

#include "reportback-view.h"

const char *const reportback_dash_help[] = {
	"Enter, v   report-back: show the picked site's report to the room",
	"x          report-back: the room sees every site's tally again",
	NULL
};

/* Up/down pick a site. */
int
reportback_dash_count(const struct snapshot *s)
{
	return s->n_rbsites;
}

int
reportback_dash_key(struct dash_pick *d, const struct snapshot *s, int key,
    struct intent *in)
{
	switch (key) {
	case SK_ENTER:
	case 'v':
		if (d->sel >= s->n_rbsites)
			return SCR_NONE;
		in->argc = 2;
		snprintf(in->argv[0], sizeof in->argv[0], "show");
		snprintf(in->argv[1], sizeof in->argv[1], "%s",
		    s->rbsites[d->sel].name);
		return SCR_CTL | SCR_REDRAW;
	case 'x':
		in->argc = 1;
		snprintf(in->argv[0], sizeof in->argv[0], "show");
		return SCR_CTL | SCR_REDRAW;
	}
	return SCR_NONE;
}

/* The tally, a line per site (the one the room sees marked >), then the
 * shown site's commitments with their status. */
void
reportback_dash_draw(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int y, int x, int w)
{
	char line[512];
	int max_y = ui->rows - 3, half, made = 0, tested = 0, wide, nw;

	for (int i = 0; i < s->n_rbsites; i++) {
		made += s->rbsites[i].n;
		tested += s->rbsites[i].count[FOLLOW_TESTED];
	}
	if (s->rb_from == 0) {
		ui_text(ui, y++, x, w, "First session of the collaborative: no "
		    "earlier commitments", UI_DIM);
		return;
	}
	snprintf(line, sizeof line, "Session %u: %d commitments, %d tested",
	    s->rb_from, made, tested);
	ui_text(ui, y++, x, w, line, UI_GOOD);
	/* The site first, cut to what is left: the numbers keep their
	 * columns.  A narrow panel (80 columns) gives them a letter each. */
	wide = w >= 60;
	nw = w - (wide ? 39 : 22);
	if (nw < 6)
		nw = 6;
	snprintf(line, sizeof line, "  %-*s %s", nw, "site", wide ?
	    "made tested partly notyet dropped  -" : "made  T  P  N  D  -");
	ui_text(ui, y++, x, w, line, UI_DIM);
	if (!wide && w >= 54)
		ui_text(ui, y++, x, w, "  T tested, P partly, N not yet, D "
		    "dropped, - not said", UI_DIM);
	else if (!wide) {
		ui_text(ui, y++, x, w, "  T tested, P partly, N not yet,",
		    UI_DIM);
		ui_text(ui, y++, x, w, "  D dropped, - not said", UI_DIM);
	}
	half = y + (max_y - y) / 2;
	for (int i = 0; i < s->n_rbsites && y < half; i++) {
		const struct snap_rbsite *t = &s->rbsites[i];
		int shown = s->rb_site[0] != '\0' && strcmp(t->name,
		    s->rb_site) == 0;

		char name[4 * SITE_MAX_LEN + 8];
		int used = (int)text_fit(t->name, nw, ui->utf8, name,
		    sizeof name);

		snprintf(line, sizeof line, wide ?
		    "%c %s%*s %4u %6u %6u %6u %7u %2u" :
		    "%c %s%*s %4u %2u %2u %2u %2u %2u", shown ? '>' : ' ', name,
		    nw - used, "", t->n, t->count[FOLLOW_TESTED],
		    t->count[FOLLOW_PARTLY], t->count[FOLLOW_NOT_YET],
		    t->count[FOLLOW_DROPPED], t->count[FOLLOW_NONE]);
		ui_text(ui, y++, x, w, line, i == d->sel ? UI_SELECT :
		    t->n == 0 ? UI_DIM : UI_NORMAL);
	}
	y++;
	if (s->rb_site[0] == '\0') {
		if (y < max_y)
			ui_text(ui, y, x, w, "The room sees every site's tally "
			    "(Enter shows the picked site's report)", UI_DIM);
		return;
	}
	snprintf(line, sizeof line, "The room sees %s:", s->rb_site);
	if (y < max_y)
		ui_text(ui, y++, x, w, line, UI_TITLE);
	if (s->n_followups == 0 && y < max_y)
		ui_text(ui, y++, x, w, "(no commitments last time)", UI_DIM);
	for (int i = 0; i < s->n_followups && y < max_y; i++) {
		const struct snap_followup *f = &s->followups[i];

		snprintf(line, sizeof line, "%-8s %s: %s", f->status ?
		    reportback_status_label[f->status] : "-", f->label,
		    f->commit[COMMIT_CHANGE]);
		ui_text(ui, y++, x, w, line, f->status ? UI_NORMAL : UI_DIM);
	}
}
