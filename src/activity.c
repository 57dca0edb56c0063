/* activity.c: the registry of activity kinds, one const table each. */
#include <string.h>

#include "convene.h"

const struct activity_ops *
activity_ops(enum act_kind kind)
{
	switch (kind) {
	case ACT_CAFE:
		return &act_cafe_ops;
	case ACT_BREAKOUT:
		return &act_breakout_ops;
	case ACT_ASSESS:
	case ACT_FEEDBACK:
		return &act_form_ops;	/* one machinery for both */
	case ACT_POLL:
	case ACT_KIND_MAX:
		break;
	}
	return &act_poll_ops;
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
