/* act-storyboard-plan.c: the [storyboard] section of a plan: its keys and
 * checks, and the three parts of a visitor's feedback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-storyboard.h"
#include "kind-plan.h"

static const struct plan_key storyboard_keys[] = {
	{ "measure", K_TEXT, NULL },
	{ "question", K_TEXT, NULL },
	{ "rounds", K_INT, "1 12" },
};

static const struct kind_section storyboard_sections[] = {
	{ ACT_STORYBOARD, "storyboard", KIND_KEYS(storyboard_keys) },
};

static const char *const part_word[STORY_PARTS] = {
	"impressed", "question", "idea"
};
static const char *const part_label[STORY_PARTS] = {
	"What impressed us", "A question", "An idea to try"
};

const char *
story_part_word(int p)
{
	return p >= 0 && p < STORY_PARTS ? part_word[p] : "?";
}

const char *
story_part_label(int p)
{
	return p >= 0 && p < STORY_PARTS ? part_label[p] : "?";
}

/* The part named by the `n` bytes at `w`, or -1. */
int
story_part_parse(const char *w, size_t n)
{
	for (int p = 0; p < STORY_PARTS; p++)
		if (strlen(part_word[p]) == n && strncmp(w, part_word[p], n) ==
		    0)
			return p;
	return -1;
}

static void
set_storyboard(struct plan_activity *a, const char *k, const char *v)
{
	if (strcmp(k, "question") == 0) {
		free(a->question);
		if ((a->question = strdup(v)) == NULL)
			abort();
	}
}

static int
check_storyboard(struct plan_activity *a, char *why, size_t n)
{
	const char *m = plan_kv_get(a, "measure");
	char q[SNAP_QUESTION_LEN + 1];

	if (m == NULL || *m == '\0') {
		snprintf(why, n, "needs measure = NAME (a measure imported with "
		    "convene measures import)");
		return -1;
	}
	if (strlen(m) > SNAP_MEASURE_LEN) {
		snprintf(why, n, "measure = is longer than %d bytes",
		    SNAP_MEASURE_LEN);
		return -1;
	}
	if (a->plan == NULL || a->plan->collaborative == NULL) {
		snprintf(why, n, "measure = needs the plan's collaborative = "
		    "line: the measures are the collaborative's");
		return -1;
	}
	if (a->question == NULL) {
		snprintf(q, sizeof q, "Storyboards: %s", m);
		if ((a->question = strdup(q)) == NULL)
			abort();
	}
	a->runnable = 1;
	return 0;
}

const struct kind_plan storyboard_plan = {
	.sections = storyboard_sections,
	.n_sections = sizeof storyboard_sections /
	    sizeof storyboard_sections[0],
	.set = set_storyboard,
	.check = check_storyboard,
};
