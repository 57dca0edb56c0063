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
 * Within-site agreement, rwg(j) (James LR, Demaree RG, Wolf G.
 * Estimating within-group interrater reliability with and without
 * response bias.  Journal of Applied Psychology 1984;69(1):85-98):
 *
 *   rwg(j) = J (1 - s2/e2) / (J (1 - s2/e2) + s2/e2)
 *
 * over the J items of a subscale, where s2 is the mean of the items'
 * observed variances within the site (sample variances, n - 1) and e2
 * the variance of the uniform null for an A-point scale, (A^2 - 1) / 12.
 * Items of different scales enter as their own s2/e2, averaged (the same
 * thing when the scales agree).  Shea et al. 2014 (ORIC, Implementation
 * Science 9:7) kept sites with rwg(j) >= 0.7; below that, a site's mean
 * is marked "low agreement" (FORM_RWG_LOW).  The edge cases, as
 * convene(1) documents them:
 *   - an item answered by fewer than 2 of the site has no variance and
 *     is left out of J; with no item left (a site of one, n = 1, or a
 *     form answered once per site) rwg(j) is not defined: FORM_RWG_NONE,
 *     shown as nothing, never as low agreement;
 *   - zero variance (everyone gave the same answers): rwg(j) = 1;
 *   - s2 >= e2 (as much spread as random answers, or more): rwg(j) = 0,
 *     as James et al. advise, not the formula's negative or out-of-range
 *     value.
 * `ratio` is s2/e2, `j` the number of items.
 */
double
form_rwg(int j, double ratio)
{
	double a;

	if (j < 1 || !isfinite(ratio) || ratio < 0)
		return FORM_RWG_NONE;
	if (ratio >= 1)
		return 0;
	a = j * (1 - ratio);
	return a / (a + ratio);
}

/* (A^2 - 1) / 12: the variance of answers spread evenly over A points. */
double
form_rwg_null(int points)
{
	return points < 2 ? 0 : ((double)points * points - 1) / 12.0;
}

int
form_rwg_low(double rwg)
{
	return rwg != FORM_RWG_NONE && rwg < FORM_RWG_LOW;
}

/* rwg(j) of each subscale of site row `s` from its items' answers. */
static void
agreement(const struct form *f, struct acc *item, struct form_site_score *o)
{
	for (int k = 0; k < f->n_subscales; k++) {
		double ratio = 0;
		int j = 0;

		for (int i = 0; i < f->n_items; i++) {
			const struct form_item *it = &f->items[i];
			const struct acc *a = &item[i];
			double var, e2 = form_rwg_null(it->n_points);

			if (it->kind != FORM_RATING || it->subscale == NULL ||
			    strcmp(it->subscale, f->subscales[k]) != 0 ||
			    a->n < 2 || e2 <= 0)
				continue;
			var = fmax(0, (a->sumsq - a->sum * a->sum / a->n) /
			    (a->n - 1));
			/* Rounding leaves a few ulps where the answers agree. */
			if (var < 1e-12)
				var = 0;
			ratio += var / e2;
			j++;
		}
		o->rwg_items[k] = j;
		o->rwg[k] = j > 0 ? form_rwg(j, ratio / j) : FORM_RWG_NONE;
	}
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
		for (int k = 0; k < FORM_MAX_SUBSCALES; k++)
			out[s].rwg[k] = FORM_RWG_NONE;
		/* Agreement is within a site: not over all sites (row 0). */
		if (s > 0)
			agreement(f, item[s], &out[s]);
	}
	free(sub);
	free(item);
	return rows;
}
