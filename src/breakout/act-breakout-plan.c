/* act-breakout-plan.c: the [breakout] section of a plan: keys, checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-breakout.h"
#include "kind-plan.h"

static const struct plan_key breakout_keys[] = {
	{ "prompt", K_TEXT, NULL },
	{ "groups", K_TEXT, NULL },
	{ "names", K_LIST, NULL },
	{ "size", K_INT, "2 100" },
};

static const struct kind_section breakout_sections[] = {
	{ ACT_BREAKOUT, "breakout", KIND_KEYS(breakout_keys) },
};

/* The prompt is what the agenda and the groups show as the question. */
static void
set_breakout(struct plan_activity *a, const char *k, const char *v)
{
	if (strcmp(k, "prompt") == 0) {
		free(a->question);
		if ((a->question = strdup(v)) == NULL)
			abort();
	}
}

static int
count_names(const char *v)
{
	int n = 1;

	for (; *v != '\0'; v++)
		n += *v == '|';
	return n;
}

static int
check_breakout(struct plan_activity *a, char *why, size_t n)
{
	const char *groups = plan_kv_get(a, "groups");
	const char *names = plan_kv_get(a, "names");
	char list[SNAP_MAX_GROUPS][SNAP_SHORT_NAME + 1];
	enum breakout_mode mode;
	int count, k;

	if (a->question == NULL) {
		snprintf(why, n, "needs prompt = ...");
		return -1;
	}
	if (breakout_mode_parse(groups, &mode, &count) != 0) {
		snprintf(why, n, "groups = site, mixed, choose or a number of "
		    "groups from 1 to %d, not \"%s\"", SNAP_MAX_GROUPS,
		    groups != NULL ? groups : "");
		return -1;
	}
	if (names != NULL) {
		if (mode == BREAKOUT_SITE) {
			snprintf(why, n, "names = is for choose or mixed groups; "
			    "site groups take their site's name");
			return -1;
		}
		if (count_names(names) > SNAP_MAX_GROUPS) {
			snprintf(why, n, "names = lists more than %d groups",
			    SNAP_MAX_GROUPS);
			return -1;
		}
		k = breakout_split_names(names, list, SNAP_MAX_GROUPS);
		for (int i = 0; i < k; i++)
			if (list[i][0] == '\0') {
				snprintf(why, n, "names = has an empty name");
				return -1;
			}
		if (count > 0 && k != count) {
			snprintf(why, n, "names = lists %d groups for groups = %d",
			    k, count);
			return -1;
		}
	} else if (mode == BREAKOUT_CHOOSE) {
		snprintf(why, n, "groups = choose needs names = the groups to "
		    "pick from (one | two | ...)");
		return -1;
	}
	a->runnable = 1;
	return 0;
}

const struct kind_plan breakout_plan = {
	.sections = breakout_sections,
	.n_sections = sizeof breakout_sections /
	    sizeof breakout_sections[0],
	.set = set_breakout,
	.check = check_breakout,
};
