/* form-score.c: score form responses by person, then by site. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-form.h"

/*
 * The scoring rule (convene-plan(5) documents it for organisers), over
 * responses: a person's answers, or for a form answered once per site, a
 * site's (each item's latest answer from anyone of the site; act-form.c
 * builds them, and the export's SQL, FORM_COUNTS in export.h, builds the
 * same).  Below, "person" means a response.
 *   1. A rating's value is the number stored; a reverse-scored item
 *      counts as lo + hi - value.
 *   2. A person's subscale score is the mean of the items of that
 *      subscale they answered; unanswered items are left out, and
 *      counted as missing.  Someone with no item of a subscale has no
 *      score on it.
 *   3. A site's score is the mean of its people's scores, with the
 *      sample standard deviation (n - 1; 0 when n = 1) and n, the number
 *      of people with a score.  Row 0 is every site together.
 *   4. Item means per site take every answer to that item.
 * Suppression of small groups is the caller's business: the figures
 * here are exact, the views and exports decide what may be shown.
 */

static double
score_of(const struct form_item *it, const char *v)
{
	double x = atof(v);

	return it->reverse ? it->lo + it->hi - x : x;
}

static int
site_index(struct form_site_score *out, int *n, int max, const char *site)
{
	for (int i = 1; i < *n; i++)
		if (strcmp(out[i].site, site) == 0)
			return i;
	if (*n >= max)
		return -1;
	memset(&out[*n], 0, sizeof out[*n]);
	util_strlcpy(out[*n].site, site, sizeof out[*n].site);
	return (*n)++;
}

struct acc {
	double sum, sumsq;
	int n;
};

static void
acc_add(struct acc *a, double x)
{
	a->sum += x;
	a->sumsq += x * x;
	a->n++;
}

static void
acc_out(const struct acc *a, double *mean, double *sd, int *n)
{
	*n = a->n;
	*mean = a->n > 0 ? a->sum / a->n : 0;
	*sd = a->n > 1 ? sqrt(fmax(0, (a->sumsq - a->sum * a->sum / a->n) /
	    (a->n - 1))) : 0;
}

/*
 * Score `n` responses.  Fills out[0] (all sites) and one row per site
 * (at most `max` rows in all); returns the number of rows.
 */
int
form_score(const struct form *f, const struct form_response *r, int n,
    struct form_site_score *out, int max)
{
	struct acc (*sub)[FORM_MAX_SUBSCALES];
	struct acc (*item)[FORM_MAX_ITEMS];
	int rows = 1;

	if (max < 1)
		return 0;
	sub = calloc((size_t)max, sizeof *sub);
	item = calloc((size_t)max, sizeof *item);
	if (sub == NULL || item == NULL) {
		free(sub);
		free(item);
		return 0;
	}
	memset(&out[0], 0, sizeof out[0]);
	util_strlcpy(out[0].site, "All sites", sizeof out[0].site);
	for (int p = 0; p < n; p++) {
		int s = site_index(out, &rows, max, r[p].site[0] ? r[p].site :
		    "no site"), any = 0;
		int rowsof[2] = { 0, s };

		/* Submitted with every question skipped is finished too,
		 * but counted apart: finished with blanks is partial. */
		int all = 1;

		for (int i = 0; i < f->n_items; i++) {
			any |= r[p].values[i] != NULL;
			all &= r[p].values[i] != NULL;
		}
		if (!any && !r[p].submitted)
			continue;
		for (int k = 0; k < 2; k++) {
			if (rowsof[k] < 0)
				continue;
			out[rowsof[k]].started++;
			out[rowsof[k]].complete += r[p].submitted;
			out[rowsof[k]].partial += r[p].submitted && !all;
		}
		for (int k = 0; k < f->n_subscales; k++) {
			double sum = 0;
			int got = 0, missing = 0;

			for (int i = 0; i < f->n_items; i++) {
				const struct form_item *it = &f->items[i];

				if (it->kind != FORM_RATING || it->subscale ==
				    NULL || strcmp(it->subscale,
				    f->subscales[k]) != 0)
					continue;
				if (r[p].values[i] == NULL) {
					missing++;
					continue;
				}
				sum += score_of(it, r[p].values[i]);
				got++;
			}
			for (int j = 0; j < 2; j++) {
				if (rowsof[j] < 0)
					continue;
				out[rowsof[j]].missing[k] += missing;
				if (got > 0)
					acc_add(&sub[rowsof[j]][k], sum / got);
			}
		}
		for (int i = 0; i < f->n_items; i++) {
			if (f->items[i].kind != FORM_RATING ||
			    r[p].values[i] == NULL)
				continue;
			for (int j = 0; j < 2; j++)
				if (rowsof[j] >= 0)
					acc_add(&item[rowsof[j]][i], score_of(
					    &f->items[i], r[p].values[i]));
		}
	}
	for (int s = 0; s < rows; s++) {
		for (int k = 0; k < f->n_subscales; k++)
			acc_out(&sub[s][k], &out[s].mean[k], &out[s].sd[k],
			    &out[s].n[k]);
		for (int i = 0; i < f->n_items; i++) {
			double sd;

			acc_out(&item[s][i], &out[s].item_mean[i], &sd,
			    &out[s].item_n[i]);
		}
	}
	free(sub);
	free(item);
	return rows;
}
