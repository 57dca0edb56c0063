/* reportback-view.h: the report-back's views, shared by its
 * screens/reportback*.c files. */
#ifndef CONVENE_REPORTBACK_VIEW_H
#define CONVENE_REPORTBACK_VIEW_H

#include "view.h"

extern const struct screen screen_reportback;

/* reportback.c */
extern const char *const reportback_status_label[FOLLOW_STATUSES];
void	reportback_empty_line(const struct snapshot *, char *, size_t);

/* reportback-dash.c */
extern const char *const reportback_dash_help[];
int	reportback_dash_count(const struct snapshot *);
int	reportback_dash_key(struct dash_pick *, const struct snapshot *, int,
	    struct intent *);
void	reportback_dash_draw(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);

/* reportback-projector.c */
void	reportback_proj_draw(struct ui *, const struct snapshot *, int);

#endif
