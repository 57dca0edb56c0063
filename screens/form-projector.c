/* form-projector.c: a form on the big screen. */
#include <stdio.h>
#include <string.h>

#include "form-view.h"

/* A form on the big screen: how many have finished, and each site's
 * subscale means once revealed; small sites show no figures.  A form
 * answered once per site counts sites that finished against the sites
 * here (the first score row's `members`), never against people. */
void
form_proj_draw(struct ui *ui, const struct snapshot *s, int y)
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
