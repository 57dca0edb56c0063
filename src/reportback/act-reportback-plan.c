/* act-reportback-plan.c: the [reportback] section of a plan: keys, checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-reportback.h"
#include "kind-plan.h"

/* `from`: the session to report back on, when not the latest earlier
 * one of the collaborative (act-reportback-rows.c, reportback_prev). */
static const struct plan_key reportback_keys[] = {
	{ "prompt", K_TEXT, NULL },
	{ "from", K_INT, "1 2000000000" },
};

static const struct kind_section reportback_sections[] = {
	{ ACT_REPORTBACK, "reportback", KIND_KEYS(reportback_keys) },
};

#define REPORTBACK_PROMPT "What became of the changes you committed to " \
    "test last time?"

/* The prompt is what the agenda and every screen show as the question. */
static void
set_reportback(struct plan_activity *a, const char *k, const char *v)
{
	if (strcmp(k, "prompt") == 0) {
		free(a->question);
		if ((a->question = strdup(v)) == NULL)
			abort();
	}
}

static int
check_reportback(struct plan_activity *a, char *why, size_t n)
{
	if (a->anonymous) {
		snprintf(why, n, "a report-back is given by site, by name; "
		    "remove anonymous = yes");
		return -1;
	}
	if (a->question == NULL && (a->question = strdup(REPORTBACK_PROMPT))
	    == NULL)
		abort();
	if (a->title == NULL && (a->title = strdup("Report back")) == NULL)
		abort();
	a->runnable = 1;
	return 0;
}

const struct kind_plan reportback_plan = {
	.sections = reportback_sections,
	.n_sections = sizeof reportback_sections /
	    sizeof reportback_sections[0],
	.set = set_reportback,
	.check = check_reportback,
};
