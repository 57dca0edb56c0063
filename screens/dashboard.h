/* dashboard.h: the parts of the facilitator's dashboard in files of their
 * own. */
#ifndef CONVENE_DASHBOARD_H
#define CONVENE_DASHBOARD_H

#include "screen.h"

/* dash-form.c: a form's scores by site as it is filled in. */
void	dash_form_draw(struct ui *, const struct snapshot *, int, int, int);

#endif
