/* storyboard-view.h: the storyboard's views, shared by its
 * screens/storyboard*.c files. */
#ifndef CONVENE_STORYBOARD_VIEW_H
#define CONVENE_STORYBOARD_VIEW_H

#include "view.h"

extern const struct screen screen_storyboard;

/* storyboard.c */
const struct snap_chart *storyboard_chart(const struct snapshot *, int);
const char *storyboard_site(const struct snapshot *, int);
int	storyboard_draw_chart(struct ui *, const struct snapshot *, int, int,
	    int, int);

/* storyboard-dash.c */
extern const char *const storyboard_dash_help[];
int	storyboard_dash_count(const struct snapshot *);
void	storyboard_dash_draw(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);
void	storyboard_dash_whole(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);

/* storyboard-projector.c */
void	storyboard_proj_draw(struct ui *, const struct snapshot *, int);

#endif
