/* act-form-plan.c: the [assess] and [feedback] sections of a plan and
 * the .form files they name: keys and checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-form.h"
#include "kind-plan.h"

static const struct plan_key assess_keys[] = {
	{ "form", K_TEXT, NULL },
	{ "by", K_ENUM, "person|site|team" },
	{ "rater", K_ENUM, "self|faculty" },
};

static const struct plan_key feedback_keys[] = {
	{ "form", K_TEXT, NULL },
};

static const struct kind_section form_sections[] = {
	{ ACT_ASSESS, "assess", KIND_KEYS(assess_keys) },
	{ ACT_FEEDBACK, "feedback", KIND_KEYS(feedback_keys) },
};

static int
check_form(struct plan_activity *a, char *why, size_t n)
{
	const char *name = plan_kv_get(a, "form");
	char err[2048];

	if (name == NULL) {
		snprintf(why, n, "needs form = ...");
		return -1;
	}
	if (a->anonymous) {
		snprintf(why, n, "forms are answered by name (results are shown "
		    "by site, and small sites are suppressed); remove "
		    "anonymous = yes");
		return -1;
	}
	if ((a->form = calloc(1, sizeof *a->form)) == NULL)
		abort();
	if (form_load(name, a->plan ? a->plan->path : NULL, a->form, err,
	    sizeof err) != 0) {
		/* The form's own FILE:LINE message, first line of it. */
		err[strcspn(err, "\n")] = '\0';
		snprintf(why, n, "form %s: %s", name, err);
		return -1;
	}
	if (a->plan != NULL)
		form_add_agenda(a->form, a->plan, a->id);
	if (form_slots(a->form, why, n) != 0)
		return -1;
	if (a->title == NULL) {
		a->title = strdup(a->form->title);
		if (a->title == NULL)
			abort();
	}
	if (a->question == NULL && (a->question = strdup(a->form->title)) ==
	    NULL)
		abort();
	a->runnable = 1;
	return 0;
}

static void
free_form(struct plan_activity *a)
{
	if (a->form != NULL) {
		form_free(a->form);
		free(a->form);
		a->form = NULL;
	}
}

/* `convene check FILE.form`: the form on its own. */
static int
check_form_file(const char *path)
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

const struct kind_plan form_plan = {
	.sections = form_sections,
	.n_sections = sizeof form_sections / sizeof form_sections[0],
	.check = check_form,
	.free = free_form,
	.file_ext = ".form",
	.check_file = check_form_file,
};
