/* fuzz-plan.c: libFuzzer target for the plan parser.
 *
 * Any bytes give a plan or FILE:LINE errors; never a crash, a leak or a
 * read past the end.  A plan that parses cleanly must hold what the rest
 * of the host relies on: at least one activity, a title, unique ids that
 * fit the wire, option lists that fit a snapshot.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); abort(); } } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char err[8192];
	struct plan plan;
	int nerr;

	/* An exact-size copy, so reading one byte past the end is caught. */
	char *buf = malloc(size ? size : 1);

	CHECK(buf != NULL);
	memcpy(buf, data, size);
	nerr = plan_parse(buf, size, "fuzz.plan", &plan, err, sizeof err);
	CHECK(nerr >= 0);
	CHECK(memchr(err, '\0', sizeof err) != NULL);
	if (nerr > 0)
		CHECK(strncmp(err, "fuzz.plan:", 10) == 0);
	else {
		CHECK(err[0] == '\0');
		CHECK(plan.title != NULL);
		CHECK(plan.n_acts >= 1 && plan.n_acts <= SNAP_MAX_ITEMS);
		for (size_t i = 0; i < plan.n_acts; i++) {
			const struct plan_activity *a = &plan.acts[i];

			CHECK(a->kind < ACT_KIND_MAX);
			CHECK(a->id[0] != '\0');
			CHECK(strlen(a->id) <= ID_MAX_LEN);
			CHECK(a->title != NULL);
			CHECK(a->n_options >= 0);
			if (a->runnable && a->kind == ACT_POLL &&
			    a->poll_type != POLL_TEXT)
				CHECK(a->n_options <= SNAP_MAX_OPTIONS);
			for (size_t j = 0; j < i; j++)
				CHECK(strcmp(plan.acts[j].id, a->id) != 0);
		}
	}
	plan_free(&plan);
	free(buf);
	return 0;
}
