/* view.c: the registry of activity views, one line per kind. */
#include "view.h"

extern const struct kind_view poll_view;
extern const struct kind_view cafe_view;
extern const struct kind_view breakout_view;
extern const struct kind_view form_view;
extern const struct kind_view reportback_view;
extern const struct kind_view storyboard_view;

static const struct kind_view *const views[ACT_KIND_MAX] = {
	[ACT_POLL] = &poll_view,
	[ACT_CAFE] = &cafe_view,
	[ACT_ASSESS] = &form_view,
	[ACT_BREAKOUT] = &breakout_view,
	[ACT_FEEDBACK] = &form_view,
	[ACT_REPORTBACK] = &reportback_view,
	[ACT_STORYBOARD] = &storyboard_view,
};

/* A kind this build has no view for shows nothing of its own. */
static const struct kind_view none;

const struct kind_view *
view_of(enum act_kind kind)
{
	if ((unsigned)kind >= ACT_KIND_MAX || views[kind] == NULL)
		return &none;
	return views[kind];
}
