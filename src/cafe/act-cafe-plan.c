/* act-cafe-plan.c: the [cafe] section of a plan: its keys and checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "kind-plan.h"

static const struct plan_key cafe_keys[] = {
	{ "question", K_TEXT, NULL },
	{ "questions", K_LIST, NULL },
	{ "tables", K_INT, "1 200" },
	{ "rounds", K_INT, "1 12" },
	{ "hosts", K_ENUM, "stay|move" },
	{ "mix", K_ENUM, "site|none" },
};

static const struct kind_section cafe_sections[] = {
	{ ACT_CAFE, "cafe", KIND_KEYS(cafe_keys) },
};

static void
set_cafe(struct plan_activity *a, const char *k, const char *v)
{
	if (strcmp(k, "question") == 0) {
		free(a->question);
		if ((a->question = strdup(v)) == NULL)
			abort();
	}
}

static int
get_int(const struct plan_activity *a, const char *key, int def)
{
	const char *v = plan_kv_get(a, key);

	return v != NULL ? atoi(v) : def;
}

static int
count_list(const char *v)
{
	int n = 1;

	for (; *v != '\0'; v++)
		n += *v == '|';
	return n;
}

static int
check_cafe(struct plan_activity *a, char *why, size_t n)
{
	const char *qs = plan_kv_get(a, "questions");
	int rounds = get_int(a, "rounds", 3);

	if (a->question == NULL && qs == NULL) {
		snprintf(why, n, "needs question = ... (or questions = one | "
		    "per | round)");
		return -1;
	}
	if (a->question != NULL && qs != NULL) {
		snprintf(why, n, "give question = or questions =, not both");
		return -1;
	}
	if (qs != NULL && count_list(qs) != rounds) {
		snprintf(why, n, "questions = lists %d questions for %d rounds",
		    count_list(qs), rounds);
		return -1;
	}
	if (a->question == NULL) {
		char first[SNAP_QUESTION_LEN + 1];
		size_t k = strcspn(qs, "|");

		snprintf(first, sizeof first, "%.*s", (int)k, qs);
		for (char *e = first + strlen(first); e > first && e[-1] ==
		    ' ';)
			*--e = '\0';
		a->question = strdup(first);
		if (a->question == NULL)
			abort();
	}
	a->runnable = 1;
	return 0;
}

const struct kind_plan cafe_plan = {
	.sections = cafe_sections,
	.n_sections = sizeof cafe_sections / sizeof cafe_sections[0],
	.set = set_cafe,
	.check = check_cafe,
};
