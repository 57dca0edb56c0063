/* poll-scale.c: scale polls: numeric ranges and Likert label templates. */
#include <stdio.h>
#include <string.h>

#include "convene.h"

/* Our own wording of the usual five-point templates. */
static const struct {
	const char *name;
	const char *labels[6];
} templates[] = {
	{ "agreement", { "Strongly disagree", "Disagree",
	    "Neither agree nor disagree", "Agree", "Strongly agree", NULL } },
	{ "frequency", { "Never", "Rarely", "Sometimes", "Often", "Always",
	    NULL } },
	{ "importance", { "Not important", "Slightly important",
	    "Moderately important", "Very important", "Extremely important",
	    NULL } },
	{ "quality", { "Very poor", "Poor", "Fair", "Good", "Excellent",
	    NULL } },
	{ "likelihood", { "Very unlikely", "Unlikely",
	    "Neither likely nor unlikely", "Likely", "Very likely", NULL } },
};

/* The five labels of a Likert template, or NULL if there is none. */
const char *const *
poll_likert(const char *name)
{
	for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
		if (strcmp(templates[i].name, name) == 0)
			return templates[i].labels;
	return NULL;
}

/* The scale's first and last values: `scale = a..b`, or 1..5 for Likert.
 * Returns 0, or -1 when the activity is not a scale. */
int
poll_scale_points(const struct plan_activity *a, int *lo, int *hi)
{
	const char *sc = plan_kv_get(a, "scale");

	if (a->poll_type != POLL_SCALE)
		return -1;
	if (sc != NULL && sscanf(sc, "%d..%d", lo, hi) == 2 && *lo < *hi)
		return 0;
	*lo = 1;
	*hi = 5;
	return plan_kv_get(a, "likert") != NULL ? 0 : -1;
}
