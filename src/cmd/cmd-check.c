/* cmd-check.c: `convene check FILE...`: validate plans and forms. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "kind-plan.h"

/* The kind whose own files end as this one does (a .form), or NULL. */
static const struct kind_plan *
file_kind(const char *path)
{
	size_t n = strlen(path);

	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_plan *kp = activity_ops(k)->plan;
		size_t e = kp->file_ext != NULL ? strlen(kp->file_ext) : 0;

		if (e > 0 && n > e && strcmp(path + n - e, kp->file_ext) == 0)
			return kp;
	}
	return NULL;
}

static int
check_plan(const char *path)
{
	struct plan plan;
	char err[8192];
	int rc = plan_load(path, &plan, err, sizeof err);

	if (rc != 0)
		fprintf(stderr, "%s\n", err);
	else
		printf("%s: ok: \"%s\", %zu activities\n", path, plan.title,
		    plan.n_acts);
	plan_free(&plan);
	return rc;
}

/* A file of a kind's own (a .form) is checked by its kind; anything else
 * is read as a plan (and a plan's forms are checked with it). */
int
cmd_check(int argc, char **argv)
{
	int bad = 0;

	if (argc == 2 && usage_asked(argv[1]))
		return usage_help("check");
	if (argc < 2)
		return usage_error("check");
	for (int i = 1; i < argc; i++) {
		const struct kind_plan *kp = file_kind(argv[i]);

		if (kp != NULL)
			bad |= kp->check_file(argv[i]) != 0;
		else
			bad |= check_plan(argv[i]) != 0;
	}
	return bad ? EXIT_BADINPUT : EXIT_OK;
}
