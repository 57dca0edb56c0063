/* cafe-view.h: the world café's views, shared by its screens/cafe*.c
 * files. */
#ifndef CONVENE_CAFE_VIEW_H
#define CONVENE_CAFE_VIEW_H

#include "view.h"

extern const struct screen screen_cafe;

/* cafe-dash.c */
extern const char *const cafe_dash_help[];
int	cafe_dash_count(const struct snapshot *);
int	cafe_dash_key(struct dash_pick *, const struct snapshot *, int,
	    struct intent *);
void	cafe_dash_draw(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);

/* cafe-projector.c */
void	cafe_proj_draw(struct ui *, const struct snapshot *, int);

#endif
