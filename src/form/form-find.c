/* form-find.c: where the form a plan names by NAME is, or why not. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene.h"

#ifndef CONVENE_FORMS_DIR
#define CONVENE_FORMS_DIR "/usr/local/share/convene/forms"
#endif

#define FOUND_MAX 32

static int
by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The forms in `dir`, added to found[] (no name twice). */
static int
list_forms(const char *dir, char (*found)[64], int n)
{
	DIR *d = dir != NULL && *dir != '\0' ? opendir(dir) : NULL;
	struct dirent *e;

	while (d != NULL && n < FOUND_MAX && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		int k;

		if (len <= 5 || len - 5 >= 64 || strcmp(e->d_name + len - 5,
		    ".form") != 0)
			continue;
		snprintf(found[n], 64, "%.*s", (int)(len - 5), e->d_name);
		for (k = 0; k < n && strcmp(found[k], found[n]) != 0; k++)
			;
		n += k == n;
	}
	if (d != NULL)
		closedir(d);
	return n;
}

/* The message for a form found nowhere: where it looked, what is there,
 * and what to do. */
static void
not_found(const char *name, const char *const *tries, int n_tries,
    const char *own, char *err, size_t errlen)
{
	char found[FOUND_MAX][64];
	int n = 0, installed = access(CONVENE_FORMS_DIR, R_OK) == 0;
	size_t used;

	used = (size_t)snprintf(err, errlen, "no form \"%s\" in ", name);
	for (int i = 0, k = 0; i < n_tries; i++) {
		if (tries[i] == NULL || *tries[i] == '\0')
			continue;
		if (used < errlen)
			used += (size_t)snprintf(err + used, errlen - used, "%s%s",
			    k++ ? ", " : "", tries[i]);
		n = list_forms(tries[i], found, n);
	}
	qsort(found, (size_t)n, sizeof found[0], by_name);
	for (int i = 0; i < n && used < errlen; i++)
		used += (size_t)snprintf(err + used, errlen - used, "%s%s%s",
		    i ? ", " : " (there: ", found[i], i + 1 == n ? ")" : "");
	if (used < errlen)
		snprintf(err + used, errlen - used, "; put %s.form in %s or "
		    "write form = PATH.form%s", name, own, installed ? "" :
		    ", or make install for the bundled forms");
}

/*
 * NAME.form from the plan's forms/ folder, then $CONVENE_FORMS, then (for
 * a binary run from its source tree) the tree's sessions/forms, then the
 * installed forms.  0 with its path, or 1 with a message saying where it
 * looked, which forms are there, and what to do.
 */
int
form_find(const char *name, const char *plan_dir, char *path, size_t cap,
    char *err, size_t errlen)
{
	char own[4200], tree[4200];
	const char *tries[4] = { own, getenv("CONVENE_FORMS"), tree,
	    CONVENE_FORMS_DIR };

	snprintf(own, sizeof own, "%s/forms", plan_dir);
	self_tree_forms(tree, sizeof tree);
	for (int i = 0; i < 4; i++) {
		if (tries[i] == NULL || *tries[i] == '\0')
			continue;
		snprintf(path, cap, "%s/%s.form", tries[i], name);
		if (access(path, R_OK) == 0)
			return 0;
	}
	not_found(name, tries, 4, own, err, errlen);
	return 1;
}
