/* breakout-dash.c: the dashboard's view of a breakout: every group's
 * progress, the picked group's members, commitment and note, live. */
#include <stdio.h>

#include "breakout-view.h"

const char *const breakout_dash_help[] = {
	"Tab, v, b   breakout: pick a member, move them; call all back",
	NULL
};

/* Up/down pick a group. */
int
breakout_dash_count(const struct snapshot *s)
{
	return s->n_groups;
}

/* Breakout: Tab picks a member of the selected group, v moves them, b
 * calls everyone back with a countdown. */
int
breakout_dash_key(struct dash_pick *d, const struct snapshot *s, int key,
    struct intent *in)
{
	const struct snap_group *g = d->sel < s->n_groups ? &s->groups[d->sel] :
	    NULL;

	switch (key) {
	case SK_UP:
	case SK_DOWN:
		d->member = 0;
		return SCR_NONE;	/* the group moves as usual */
	case SK_TAB:
		if (g != NULL && g->n_members > 0)
			d->member = (d->member + 1) % g->n_members;
		return SCR_REDRAW;
	case 'v':
		if (g == NULL || d->member >= g->n_members)
			return SCR_NONE;
		in->argc = 2;
		snprintf(in->argv[0], sizeof in->argv[0], "move");
		snprintf(in->argv[1], sizeof in->argv[1], "%u",
		    g->member_id[d->member]);
		snprintf(in->prompt, sizeof in->prompt, "Move %s to which group "
		    "(number or name)?", g->member[d->member]);
		return SCR_INPUT;
	case 'b':
		in->argc = 1;
		snprintf(in->argv[0], sizeof in->argv[0], "recall");
		snprintf(in->prompt, sizeof in->prompt, "Call everyone back in "
		    "how many minutes?");
		return SCR_INPUT;
	}
	return SCR_NONE;
}

/* Every group: members here/in it, note length, last edit, how much of
 * the commitment is filled; the selected group's members (Tab picks one
 * to move), commitment and note below, live. */
void
breakout_dash_draw(struct ui *ui, const struct snapshot *s,
    const struct dash_pick *d, int y, int x, int w)
{
	static const char *const label[COMMIT_FIELDS] = { "Change", "Owner",
	    "By when", "Measure" };
	const struct snap_group *g;
	char line[512], t[16];
	int max_y = ui->rows - 3, half, used = 0;

	screen_timer(t, sizeof t, s->remaining >= 0 ? s->remaining : 0);
	if (s->recall && s->state == ACT_OPEN)
		snprintf(line, sizeof line, "Back in the room in %s", t);
	else
		snprintf(line, sizeof line, "%u groups%s%s   (b: call back)",
		    s->n_groups, s->remaining >= 0 && s->state == ACT_OPEN ?
		    ", left " : "", s->remaining >= 0 && s->state == ACT_OPEN ?
		    t : "");
	ui_text(ui, y++, x, w, line, s->recall ? UI_WARN : UI_GOOD);
	ui_text(ui, y++, x, w, " # here lines  last plan group", UI_DIM);
	half = y + (max_y - y) / 2 - 1;
	for (int i = 0; i < s->n_groups && y < half; i++) {
		const struct snap_group *sg = &s->groups[i];
		int filled = 0, here = 0;

		for (int k = 0; k < COMMIT_FIELDS; k++)
			filled += sg->commit[k][0] != '\0';
		for (int k = 0; k < s->n_tables; k++)
			if (s->tables[k].number == i + 1)
				here = s->tables[k].arrived;
		snprintf(t, sizeof t, "%d/%u", here, sg->size);
		snprintf(line, sizeof line, "%2d %4s %5u %5s %d/4  %s", i + 1,
		    t, sg->n_lines, sg->last[0] ? sg->last : "--:--", filled,
		    sg->name);
		ui_text(ui, y++, x, w, line, i == d->sel ? UI_SELECT :
		    UI_NORMAL);
	}
	if (d->sel >= s->n_groups)
		return;
	g = &s->groups[d->sel];
	line[0] = '\0';
	for (int k = 0; k < g->n_members && used + 3 < (int)sizeof line; k++)
		used += snprintf(line + used, sizeof line - (size_t)used, "%s%s%s",
		    k ? " " : "", k == d->member ? ">" : "", g->member[k]);
	ui_text(ui, ++y, x, w, g->n_members ? line : "(nobody yet)", UI_TITLE);
	y++;
	for (int k = 0; k < COMMIT_FIELDS && y < max_y; k++) {
		snprintf(line, sizeof line, "%s: %s", label[k], g->commit[k][0] ?
		    g->commit[k] : "-");
		ui_text(ui, y++, x, w, line, g->commit[k][0] ? UI_NORMAL :
		    UI_DIM);
	}
	notes_draw(ui, s, y, x, w, max_y, d->sel + 1, notes_count(s,
	    d->sel + 1) > max_y - y ? notes_count(s, d->sel + 1) - (max_y -
	    y) : 0, -1);
}
