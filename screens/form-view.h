/* form-view.h: the views of a form (assess, feedback), shared by its
 * screens/form*.c files. */
#ifndef CONVENE_FORM_VIEW_H
#define CONVENE_FORM_VIEW_H

#include "view.h"

extern const struct screen screen_form;

/* form-dash.c: a form's scores by site as it is filled in. */
void	form_dash_draw(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);

/* form-rate.c: a faculty member's list of sites to rate (`rater =
 * faculty`): the picked line, digits typed, why a key did nothing. */
struct rate_pick {
	int sel;
	int listing;		/* the list is on screen (sel was placed) */
	struct number num;
	char hint[128];
};
void	form_rate_apply(struct rate_pick *, const struct snapshot *);
int	form_rate_key(struct rate_pick *, const struct snapshot *, int,
	    struct intent *);
const char *form_rate_footer(const struct snapshot *);
void	form_rate_draw(const struct rate_pick *, const struct snapshot *,
	    struct ui *, int, int);

/* form-projector.c */
void	form_proj_draw(struct ui *, const struct snapshot *, int);

#endif
