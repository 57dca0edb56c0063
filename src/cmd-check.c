/* cmd-check.c: `convene check FILE...`: validate plans, say what is wrong. */
#include <stdio.h>

#include "convene.h"

int
cmd_check(int argc, char **argv)
{
	int bad = 0;

	if (argc < 2) {
		fputs("usage: convene check FILE...\n", stderr);
		return EXIT_USAGE;
	}
	for (int i = 1; i < argc; i++) {
		struct plan plan;
		char err[8192];
		int runnable = 0;

		if (plan_load(argv[i], &plan, err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			bad = 1;
		} else {
			for (size_t k = 0; k < plan.n_acts; k++)
				runnable += plan.acts[k].runnable;
			printf("%s: ok: \"%s\", %zu activities (%d ready to "
			    "run, %zu coming)\n", argv[i], plan.title,
			    plan.n_acts, runnable, plan.n_acts -
			    (size_t)runnable);
		}
		plan_free(&plan);
	}
	return bad ? EXIT_BADINPUT : EXIT_OK;
}
