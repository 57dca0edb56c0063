/* cmd-check.c: `convene check FILE...`: validate plans and forms. */
#include <stdio.h>
#include <string.h>

#include "convene.h"

static int
check_form(const char *path)
{
	struct form f;
	char err[8192];
	int rc = form_load(path, NULL, &f, err, sizeof err);

	if (rc == 0 && form_slots(&f, err, sizeof err) != 0)
		rc = 1;
	if (rc != 0)
		fprintf(stderr, "%s\n", err);
	else {
		printf("%s: ok: form \"%s\", %d items, %d questions", path,
		    f.title, f.n_items, f.n_slots);
		for (int k = 0; k < f.n_subscales; k++)
			printf("%s%s", k ? ", " : "; subscales ",
			    f.subscales[k]);
		printf("\n");
	}
	form_free(&f);
	return rc;
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

/* A file ending in .form is a form; anything else is read as a plan
 * (and a plan's forms are checked with it). */
int
cmd_check(int argc, char **argv)
{
	int bad = 0;

	if (argc == 2 && usage_asked(argv[1]))
		return usage_help("check");
	if (argc < 2)
		return usage_error("check");
	for (int i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (n > 5 && strcmp(argv[i] + n - 5, ".form") == 0)
			bad |= check_form(argv[i]) != 0;
		else
			bad |= check_plan(argv[i]) != 0;
	}
	return bad ? EXIT_BADINPUT : EXIT_OK;
}
