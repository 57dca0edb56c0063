/* activity.c: the registry of activity kinds, one const table each. */
#include <string.h>

#include "convene.h"
#include "act-poll.h"
#include "act-form.h"
#include "act-cafe.h"
#include "act-breakout.h"
#include "act-reportback.h"
#include "act-storyboard.h"
#include "kind-plan.h"

/*
 * One line per kind, in the order of enum act_kind (the wire and the
 * store know kinds by that number, or by the name its ops give).  Adding
 * a kind is its own files and a line here.
 */
static const struct activity_ops *const registry[ACT_KIND_MAX] = {
	[ACT_POLL] = &act_poll_ops,
	[ACT_CAFE] = &act_cafe_ops,
	[ACT_ASSESS] = &act_form_ops,
	[ACT_BREAKOUT] = &act_breakout_ops,
	[ACT_FEEDBACK] = &act_form_ops,	/* one machinery for both forms */
	[ACT_REPORTBACK] = &act_reportback_ops,
	[ACT_STORYBOARD] = &act_storyboard_ops,
};

/* A number out of range (a database from a newer convene) runs as the
 * first kind. */
const struct activity_ops *
activity_ops(enum act_kind kind)
{
	return registry[(unsigned)kind < ACT_KIND_MAX ? kind : 0];
}

const struct kind_section *
activity_section(enum act_kind kind)
{
	const struct kind_plan *p;

	if ((unsigned)kind >= ACT_KIND_MAX || (p = registry[kind]->plan) ==
	    NULL)
		return NULL;
	for (size_t i = 0; i < p->n_sections; i++)
		if (p->sections[i].kind == kind)
			return &p->sections[i];
	return NULL;
}

const char *
act_kind_name(unsigned k)
{
	const struct kind_section *sec = activity_section((enum act_kind)k);

	return sec != NULL ? sec->name : "unknown";
}

int
activity_kind_parse(const char *name, enum act_kind *out)
{
	for (unsigned k = 0; k < ACT_KIND_MAX; k++)
		if (strcmp(name, act_kind_name(k)) == 0) {
			*out = (enum act_kind)k;
			return 0;
		}
	return -1;
}
