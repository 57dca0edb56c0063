/* form-view.h: the views of a form (assess, feedback), shared by its
 * screens/form*.c files. */
#ifndef CONVENE_FORM_VIEW_H
#define CONVENE_FORM_VIEW_H

#include "view.h"

extern const struct screen screen_form;

/* form-dash.c: a form's scores by site as it is filled in. */
void	form_dash_draw(struct ui *, const struct snapshot *,
	    const struct dash_pick *, int, int, int);

/* form-projector.c */
void	form_proj_draw(struct ui *, const struct snapshot *, int);

#endif
