/* activity.c: the registry of activity kinds, one const table each. */
#include <stdio.h>
#include <string.h>

#include "convene.h"

/*
 * Kinds this build parses and checks but cannot run yet (assessment,
 * breakout, feedback).  They appear in the agenda marked "coming"; the host
 * refuses to open them, so nobody ever sees a fake screen.
 */
static int
check_planned(struct plan_activity *a, char *why, size_t n)
{
	static const char *required[ACT_KIND_MAX] = {
		[ACT_ASSESS] = "form",
		[ACT_BREAKOUT] = "prompt", [ACT_FEEDBACK] = "form",
	};
	const char *k = required[a->kind];

	if (k != NULL && plan_kv_get(a, k) == NULL) {
		snprintf(why, n, "needs %s = ...", k);
		return -1;
	}
	a->runnable = 0;
	return 0;
}

static int
answer_planned(const struct plan_activity *a, const char *in,
    struct answer *out, char *why, size_t n)
{
	(void)a, (void)in, (void)out;
	snprintf(why, n, "this activity takes no answers");
	return -1;
}

static void
restore_planned(const struct plan_activity *a, const struct answer *in,
    char *out, size_t n)
{
	(void)a, (void)in, (void)n;
	out[0] = '\0';
}

static void
refresh_planned(struct session *s, int idx)
{
	(void)s, (void)idx;
}

static void
snapshot_planned(const struct session *s, int idx, int results,
    const struct participant *viewer, struct snapshot *snap)
{
	(void)s, (void)idx, (void)results, (void)viewer, (void)snap;
}

static const struct activity_ops planned_ops[] = {
#define PLANNED(k) { .kind = k, .check = check_planned, \
	.answer = answer_planned, .restore = restore_planned, \
	.refresh = refresh_planned, .snapshot = snapshot_planned }
	PLANNED(ACT_ASSESS),
	PLANNED(ACT_BREAKOUT),
	PLANNED(ACT_FEEDBACK),
#undef PLANNED
};

const struct activity_ops *
activity_ops(enum act_kind kind)
{
	if (kind == ACT_POLL)
		return &act_poll_ops;
	if (kind == ACT_CAFE)
		return &act_cafe_ops;
	for (size_t i = 0; i < sizeof planned_ops / sizeof planned_ops[0]; i++)
		if (planned_ops[i].kind == kind)
			return &planned_ops[i];
	return &planned_ops[0];	/* not reached: every kind is listed */
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
