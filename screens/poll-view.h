/* poll-view.h: the poll's views, shared by its screens/poll*.c files. */
#ifndef CONVENE_POLL_VIEW_H
#define CONVENE_POLL_VIEW_H

#include "view.h"

extern const struct screen screen_poll;

/* poll-dash.c */
extern const char *const poll_dash_help[];
int	poll_dash_count(const struct snapshot *);
int	poll_dash_key(struct dash_pick *, const struct snapshot *, int,
	    struct intent *);
void	poll_dash_draw(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);
void	poll_dash_whole(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);

/* poll-projector.c */
void	poll_proj_draw(struct ui *, const struct snapshot *, int);

/* poll-chart.c */
int	results_draw(struct ui *, const struct snapshot *, int, int, int, int,
	    int);
void	results_summary(const struct snapshot *, char *, size_t);

#endif
