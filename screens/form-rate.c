/* form-rate.c: a faculty member picks the site to rate on a `rater = faculty` form. */
#include <stdio.h>
#include <string.h>

#include "form-view.h"

/*
 * The list of sites, one a line, each with how far the viewer got:
 * a tick when rated (submitted), "started" when some questions have an
 * answer.  A digit (or two: "1" then "2" for the 12th), or the arrows
 * and Enter, picks one; the form's questions follow for that site, and
 * submitting comes back here.  The cursor starts on the first site not
 * rated yet.  Fits 80x24: the list scrolls with the cursor.
 */

static void
values_of(const struct snapshot *s, char v[][4], const char **vp)
{
	for (int i = 0; i < s->n_rate; i++) {
		snprintf(v[i], sizeof v[i], "%d", i + 1);
		vp[i] = v[i];
	}
}

static int
first_unrated(const struct snapshot *s)
{
	for (int i = 0; i < s->n_rate; i++)
		if (s->rate[i].state != RATE_DONE)
			return i;
	return 0;
}

void
form_rate_apply(struct rate_pick *r, const struct snapshot *s)
{
	/* Back at the list (a new form, or a site just submitted): start
	 * at the next site to rate. */
	if (!r->listing) {
		r->sel = first_unrated(s);
		r->listing = 1;
	}
	if (r->sel >= s->n_rate)
		r->sel = s->n_rate > 0 ? s->n_rate - 1 : 0;
}

static int
pick(struct rate_pick *r, const struct snapshot *s, int i, struct intent *in)
{
	r->sel = i;
	r->listing = 0;
	number_reset(&r->num);
	snprintf(in->answer, sizeof in->answer, "@rate=%s", s->rate[i].site);
	return SCR_ANSWER | SCR_REDRAW;
}

int
form_rate_key(struct rate_pick *r, const struct snapshot *s, int key,
    struct intent *in)
{
	char v[SNAP_MAX_RATE][4], range[24];
	const char *vp[SNAP_MAX_RATE];
	int p, res;

	r->hint[0] = '\0';
	if (s->n_rate == 0)
		return SCR_NONE;
	values_of(s, v, vp);
	if ((key >= '0' && key <= '9') || (key == SK_ENTER &&
	    r->num.typed[0] != '\0')) {
		res = number_key(&r->num, vp, s->n_rate, key, &p);
		if (res == NUMBER_CHOSEN)
			return pick(r, s, p, in);
		if (res == NUMBER_WAIT) {
			if (p >= 0)
				r->sel = p;
			snprintf(r->hint, sizeof r->hint, "%s... type the next "
			    "digit, or Enter for %s.", r->num.typed,
			    r->num.typed);
		} else {
			number_range(vp, s->n_rate, range, sizeof range);
			snprintf(r->hint, sizeof r->hint, "Pick a site %s.",
			    range);
		}
		return SCR_REDRAW;
	}
	number_reset(&r->num);
	switch (key) {
	case SK_UP:
	case 'k':
		if (r->sel > 0)
			r->sel--;
		return SCR_REDRAW;
	case SK_DOWN:
	case 'j':
		if (r->sel + 1 < s->n_rate)
			r->sel++;
		return SCR_REDRAW;
	case SK_ENTER:
	case ' ':
	case SK_RIGHT:
		return pick(r, s, r->sel, in);
	}
	return SCR_NONE;
}

const char *
form_rate_footer(const struct snapshot *s)
{
	static char bar[160];
	char v[SNAP_MAX_RATE][4], range[24];
	const char *vp[SNAP_MAX_RATE];

	if (s->n_rate == 0)
		return "? help  q leave";
	values_of(s, v, vp);
	number_range(vp, s->n_rate, range, sizeof range);
	snprintf(bar, sizeof bar, "? help  %s or arrows + Enter: rate that "
	    "site  q leave", range);
	return bar;
}

void
form_rate_draw(const struct rate_pick *r, const struct snapshot *s,
    struct ui *ui, int y, int bottom)
{
	char line[512];
	int done = 0, w = ui->cols - 4, rows, top;

	for (int i = 0; i < s->n_rate; i++)
		done += s->rate[i].state == RATE_DONE;
	if (s->n_rate == 0) {
		ui_text(ui, y++, 2, w, "No sites to rate yet: sites appear here "
		    "as their people join.", UI_DIM);
		return;
	}
	snprintf(line, sizeof line, "You rate each site, as faculty. Rated "
	    "%d of %d.", done, s->n_rate);
	ui_text(ui, y++, 2, w, line, done == s->n_rate ? UI_GOOD : UI_NORMAL);
	if (done == s->n_rate)
		ui_text(ui, y++, 2, w, "All sites rated, thank you. Pick one to "
		    "change its rating.", UI_GOOD);
	y++;
	rows = bottom - y;
	if (rows < 1)
		return;
	top = r->sel >= rows ? r->sel - rows + 1 : 0;
	for (int i = top; i < s->n_rate && y < bottom; i++) {
		const struct snap_rate *sr = &s->rate[i];
		const char *mark = sr->state == RATE_DONE ? (ui->utf8 ?
		    "\xe2\x9c\x93" : "*") : " ";

		snprintf(line, sizeof line, "%s %2d  %s%s", mark, i + 1,
		    sr->site, sr->state == RATE_DONE ? "  (rated)" :
		    sr->state == RATE_STARTED ? "  (started)" : "");
		ui_text(ui, y++, 4, w - 2, line, i == r->sel ? UI_SELECT :
		    sr->state == RATE_DONE ? UI_GOOD : UI_NORMAL);
	}
}
