/* breakout-view.h: the breakout's views, shared by its
 * screens/breakout*.c files. */
#ifndef CONVENE_BREAKOUT_VIEW_H
#define CONVENE_BREAKOUT_VIEW_H

#include "view.h"

extern const struct screen screen_breakout;

/* breakout.c */
int	breakout_recall_line(struct ui *, const struct snapshot *, int);

/* breakout-dash.c */
extern const char *const breakout_dash_help[];
int	breakout_dash_count(const struct snapshot *);
int	breakout_dash_key(struct dash_pick *, const struct snapshot *, int,
	    struct intent *);
void	breakout_dash_draw(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);

/* breakout-projector.c */
void	breakout_proj_draw(struct ui *, const struct snapshot *, int);

#endif
