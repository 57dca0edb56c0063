/* act-form-faculty.c: faculty rate each site on a `rater = faculty` form, beside the site's own rating. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-form-run.h"

/*
 * On a form marked `rater = faculty` in the plan, a participant who is
 * faculty (participants.role, participant_faculty()) answers the form once
 * for each site, not for themselves: they pick a site ("@rate=SITE"),
 * answer its questions ("ITEM=VALUE", "submit") and pick the next.
 * Their answers go to faculty_ratings, never to answers, so a site's
 * own score (act-form.c) stays the site's.  Faculty's responses are
 * scored by the same rule (form-score.c), by the site rated: a site's
 * faculty score is the mean over the faculty who rated it.
 */

#define RATE_INTENT "@rate="
/* As act-form.c's budget for one person's texts in one form. */
#define RATE_TEXT_BUDGET (10 * TEXT_BYTES_MAX)

static struct resp *
fac_resp(struct form_faculty *ff, int64_t pid, const char *site, int add)
{
	for (int i = 0; i < ff->n; i++)
		if (ff->r[i].pid == pid && strcmp(ff->r[i].site, site) == 0)
			return &ff->r[i];
	if (!add)
		return NULL;
	if (ff->n == ff->cap) {
		int cap = ff->cap ? ff->cap * 2 : 16;
		struct resp *nr = realloc(ff->r, (size_t)cap * sizeof *nr);

		if (nr == NULL)
			return NULL;
		ff->r = nr;
		ff->cap = cap;
	}
	memset(&ff->r[ff->n], 0, sizeof ff->r[ff->n]);
	ff->r[ff->n].pid = pid;
	util_strlcpy(ff->r[ff->n].site, site, sizeof ff->r[ff->n].site);
	return &ff->r[ff->n++];
}

static const struct resp *
fac_find(const struct form_faculty *ff, int64_t pid, const char *site)
{
	for (int i = 0; i < ff->n; i++)
		if (ff->r[i].pid == pid && strcmp(ff->r[i].site, site) == 0)
			return &ff->r[i];
	return NULL;
}

struct fac_load {
	const struct form *f;
	struct form_faculty *ff;
};

static void
fac_row(void *arg, int64_t pid, const char *site, const char *item,
    const char *value)
{
	struct fac_load *l = arg;
	struct resp *r = fac_resp(l->ff, pid, site, 1);
	int k;

	if (r == NULL)
		return;
	if (strcmp(item, "_submitted") == 0) {
		r->submitted = value[0] != '\0';
		return;
	}
	if ((k = form_slot_of(l->f, item)) < 0)
		return;		/* an item the form no longer has */
	free(r->vals[k]);
	r->vals[k] = value[0] != '\0' ? strdup(value) : NULL;
}

void
form_fac_refresh(struct session *s, int idx, struct form_faculty *ff)
{
	const struct form *f = s->plan->acts[idx].form;
	struct fac_load l = { f, ff };

	for (int i = 0; i < ff->n; i++)
		form_resp_clear(&ff->r[i]);
	ff->n = 0;
	form_rated_all(s->store, s->runs[idx].store_id, fac_row, &l);
	form_run_score(f, ff->r, ff->n, ff->scores, &ff->n_scores);
}

void
form_fac_free(struct form_faculty *ff)
{
	for (int i = 0; i < ff->n; i++)
		form_resp_clear(&ff->r[i]);
	free(ff->r);
	free(ff->picks);
	memset(ff, 0, sizeof *ff);
}

static struct form_pick *
pick_of(const struct form_faculty *ff, int64_t pid)
{
	for (int i = 0; i < ff->n_picks; i++)
		if (ff->picks[i].pid == pid)
			return &ff->picks[i];
	return NULL;
}

static int
set_pick(struct form_faculty *ff, int64_t pid, const char *site)
{
	struct form_pick *p = pick_of(ff, pid);

	if (p == NULL) {
		if (ff->n_picks == ff->cap_picks) {
			int cap = ff->cap_picks ? ff->cap_picks * 2 : 8;
			struct form_pick *np = realloc(ff->picks,
			    (size_t)cap * sizeof *np);

			if (np == NULL)
				return -1;
			ff->picks = np;
			ff->cap_picks = cap;
		}
		p = &ff->picks[ff->n_picks++];
		p->pid = pid;
	}
	util_strlcpy(p->site, site, sizeof p->site);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The sites faculty member `pid` may rate, by name: the sites of the
 * session's people who are not faculty, and any they already rated
 * (someone may have left).  People without a site are no site to rate.
 * Returns how many (at most `max`).
 */
static int
rate_sites(const struct session *s, const struct form_faculty *ff,
    int64_t pid, const char **out, int max)
{
	size_t cap = s->n_people + (size_t)ff->n + 1, n = 0;
	const char **v = malloc(cap * sizeof *v);
	int k = 0;

	if (v == NULL)
		return 0;
	for (size_t i = 0; i < s->n_people; i++)
		if (!participant_faculty(s->people[i]) &&
		    s->people[i]->site[0] != '\0')
			v[n++] = s->people[i]->site;
	for (int i = 0; i < ff->n; i++)
		if (ff->r[i].pid == pid)
			v[n++] = ff->r[i].site;
	qsort(v, n, sizeof *v, by_name);
	for (size_t i = 0; i < n && k < max; i++)
		if (i == 0 || strcmp(v[i - 1], v[i]) != 0)
			out[k++] = v[i];
	free(v);
	return k;
}

static int
may_rate(const struct session *s, const struct form_faculty *ff, int64_t pid,
    const char *site)
{
	for (size_t i = 0; i < s->n_people; i++)
		if (!participant_faculty(s->people[i]) &&
		    strcmp(s->people[i]->site, site) == 0)
			return 1;
	return fac_find(ff, pid, site) != NULL;
}

static int
over_budget(const struct form *f, const struct resp *r, int k,
    const char *text, char *why, size_t n)
{
	size_t sum = strlen(text);

	for (int i = 0; r != NULL && i < f->n_slots; i++)
		if (i != k && r->vals[i] != NULL &&
		    f->slots[i].kind == SLOT_TEXT)
			sum += strlen(r->vals[i]);
	if (sum <= RATE_TEXT_BUDGET)
		return 0;
	snprintf(why, n, "your answers for this site are too long together; "
	    "shorten this one or another");
	return 1;
}

/*
 * A faculty member's message: "@rate=SITE" picks the site they rate
 * ("@rate=" goes back to the list of sites); "ITEM=VALUE" and "submit"
 * answer for the site picked, as a participant answers for themselves.
 * Submitting a site's rating goes back to the list.
 */
int
form_fac_intent(struct session *s, int idx, struct form_faculty *ff,
    struct participant *p, const char *value, char *why, size_t n)
{
	const struct form *f = s->plan->acts[idx].form;
	char item[64], text[VALUE_MAX_LEN + 1], site[SITE_MAX_LEN + 1];
	struct form_pick *pick;
	struct fac_load l = { f, ff };
	int k;

	if (strncmp(value, RATE_INTENT, strlen(RATE_INTENT)) == 0) {
		const char *want = value + strlen(RATE_INTENT);

		if (*want != '\0' && !may_rate(s, ff, p->id, want)) {
			snprintf(why, n, "there is no site called %.*s here",
			    SITE_MAX_LEN, want);
			return -1;
		}
		if (set_pick(ff, p->id, want) != 0) {
			snprintf(why, n, "out of memory");
			return -1;
		}
		s->seq++;
		return 0;
	}
	if ((pick = pick_of(ff, p->id)) == NULL || pick->site[0] == '\0') {
		snprintf(why, n, "choose the site you are rating first");
		return -1;
	}
	util_strlcpy(site, pick->site, sizeof site);
	if ((k = form_parse_intent(f, value, item, sizeof item, text,
	    sizeof text, why, n)) == -1)
		return -1;
	if (k >= 0 && f->slots[k].kind == SLOT_TEXT &&
	    over_budget(f, fac_find(ff, p->id, site), k, text, why, n))
		return -1;
	if (form_rated_put(s->store, s->runs[idx].store_id, p->id, site, item,
	    text) != 0) {
		snprintf(why, n, "not saved: %s", store_error(s->store));
		return -1;
	}
	/* Shown at once, as stored; the scores wait for the next re-read. */
	fac_row(&l, p->id, site, item, text);
	if (k == FORM_SUBMIT)
		pick->site[0] = '\0';
	s->tallies_stale = 1;
	s->seq++;
	return 0;
}

/* A faculty viewer: the sites to rate, and their answers for the one
 * they picked (the form's slots). */
void
form_fac_viewer(const struct session *s, int idx,
    const struct form_faculty *ff, const struct participant *viewer,
    struct snapshot *snap)
{
	const char *sites[SNAP_MAX_RATE];
	const struct form_pick *pick = pick_of(ff, viewer->id);
	const struct resp *r;
	int n = rate_sites(s, ff, viewer->id, sites, SNAP_MAX_RATE);

	(void)idx;
	snap->rate_mode = 1;
	snap->rate_cur = RATE_PICK;
	snap->n_rate = (uint8_t)n;
	for (int i = 0; i < n; i++) {
		struct snap_rate *sr = &snap->rate[i];

		util_strlcpy(sr->site, sites[i], sizeof sr->site);
		r = fac_find(ff, viewer->id, sites[i]);
		sr->state = r == NULL ? RATE_NONE : r->submitted ? RATE_DONE :
		    RATE_STARTED;
		if (r != NULL && !r->submitted) {
			int any = 0;

			for (int k = 0; k < snap->n_slots; k++)
				any |= r->vals[k] != NULL;
			sr->state = any ? RATE_STARTED : RATE_NONE;
		}
		if (pick != NULL && strcmp(pick->site, sites[i]) == 0)
			snap->rate_cur = (uint8_t)i;
	}
	snap->submitted = 0;
	if (snap->rate_cur == RATE_PICK || (r = fac_find(ff, viewer->id,
	    snap->rate[snap->rate_cur].site)) == NULL)
		return;
	snap->submitted = (uint8_t)r->submitted;
	for (int k = 0; k < snap->n_slots; k++)
		if (r->vals[k] != NULL)
			util_strlcpy(snap->slots[k].mine, r->vals[k],
			    sizeof snap->slots[k].mine);
}

static const struct form_site_score *
row_for(const struct form_site_score *rows, int n, const char *site, int all)
{
	if (all)
		return n > 0 ? &rows[0] : NULL;
	for (int i = 1; i < n; i++)
		if (strcmp(rows[i].site, site) == 0)
			return &rows[i];
	return NULL;
}

static void
put_faculty(struct snap_score *sc, const struct form_site_score *fs, int nsub)
{
	for (int k = 0; k < nsub; k++) {
		sc->fac100[k] = INT32_MIN;
		sc->fac_n[k] = 0;
		if (fs != NULL && fs->n[k] > 0) {
			sc->fac100[k] = (int32_t)lround(fs->mean[k] * 100);
			sc->fac_n[k] = (uint16_t)fs->n[k];
		}
	}
}

/*
 * The facilitator's extra figures beside the scores by site (only theirs:
 * the projector shows neither): each site's rwg(j) per subscale, and on
 * a `rater = faculty` form the faculty's score, with a row for a site
 * only faculty rated.  `self` are the rows the snapshot's scores came
 * from, in the same order.  Leaves form_extra clear when there is
 * nothing to add, so a snapshot without it is as it always was.
 */
void
form_fac_scores(const struct session *s, int idx,
    const struct form_faculty *ff, const struct form_site_score *self,
    int n_self, struct snapshot *snap)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const struct form *f = a->form;
	int rater = form_rater_faculty(a), any = rater;

	if (snap->view != VIEW_FACILITATOR)
		return;
	for (int i = 0; i < snap->n_scores; i++) {
		struct snap_score *sc = &snap->scores[i];

		for (int k = 0; k < f->n_subscales; k++) {
			double r = i < n_self ? self[i].rwg[k] : FORM_RWG_NONE;

			sc->rwg100[k] = (int16_t)(r == FORM_RWG_NONE ? -1 :
			    lround(r * 100));
			any |= sc->rwg100[k] >= 0;
		}
		put_faculty(sc, rater ? row_for(ff->scores, ff->n_scores,
		    sc->site, i == 0) : NULL, f->n_subscales);
	}
	for (int j = 1; rater && j < ff->n_scores &&
	    snap->n_scores < SNAP_MAX_SITES + 1; j++) {
		struct snap_score *sc;
		int found = 0;

		for (int i = 1; i < snap->n_scores; i++)
			found |= strcmp(snap->scores[i].site,
			    ff->scores[j].site) == 0;
		if (found)
			continue;
		sc = &snap->scores[snap->n_scores++];
		memset(sc, 0, sizeof *sc);
		util_strlcpy(sc->site, ff->scores[j].site, sizeof sc->site);
		for (size_t p = 0; p < s->n_people; p++)
			sc->members += s->people[p]->connected > 0 &&
			    strcmp(s->people[p]->site, sc->site) == 0;
		for (int k = 0; k < f->n_subscales; k++) {
			sc->prev100[k] = INT32_MIN;
			sc->rwg100[k] = -1;
		}
		for (int k = 0; k < f->n_slots; k++)
			sc->item10[k] = -1;
		put_faculty(sc, &ff->scores[j], f->n_subscales);
	}
	snap->form_extra = (uint8_t)any;
}
