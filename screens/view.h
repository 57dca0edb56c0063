/* view.h: what the front ends draw of each activity kind, as a const table
 * keyed by the kind (view.c holds the one line per kind; each kind fills
 * its entry in its own screens/KIND*.c files). */
#ifndef CONVENE_VIEW_H
#define CONVENE_VIEW_H

#include "screen.h"

/* What the facilitator has picked on the dashboard: shared by the
 * dashboard (which moves `sel` with up/down) and the kind's panel. */
struct dash_pick {
	int sel;	/* the picked line: a text answer, table, group, note */
	int member;	/* a part of the picked line (a group's member) */
	int full;	/* showing the picked line whole over the panel */
};

/*
 * One activity kind's views.  Any hook may be NULL: the kind then has
 * nothing there (no participant screen means the lobby).  `dash_key` sees
 * each key before the dashboard's own keys and returns SCR_NONE to let
 * them have it; the panels draw from row `y` and stop above the status
 * lines, as the shared screens leave them room.
 */
struct kind_view {
	const struct screen *screen;	/* the participant's screen */
	/* How many lines up/down pick from on the dashboard. */
	int	(*dash_count)(const struct snapshot *);
	int	(*dash_key)(struct dash_pick *, const struct snapshot *, int,
		    struct intent *);
	void	(*dash_draw)(struct ui *, const struct snapshot *,
		    const struct dash_pick *, int, int, int);
	/* With `full` set: the picked line whole, over the activity column
	 * from its top. */
	void	(*dash_whole)(struct ui *, const struct snapshot *,
		    const struct dash_pick *, int, int, int);
	/* "KEY  what it does" lines for the dashboard's help, NULL-ended. */
	const char *const *dash_help;
	void	(*proj_draw)(struct ui *, const struct snapshot *, int);
};

/* view.c */
const struct kind_view *view_of(enum act_kind);

#endif
