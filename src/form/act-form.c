/* act-form.c: assessments and evaluations: forms answered item by item. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-form.h"
#include "kind-plan.h"
#include "kind-rehearse.h"
#include "kind-wire.h"
#include "act-form-run.h"

static enum by
by_of(const struct plan_activity *a)
{
	const char *by = plan_kv_get(a, "by");

	if (by == NULL || strcmp(by, "person") == 0)
		return BY_PERSON;
	return strcmp(by, "site") == 0 ? BY_SITE : BY_TEAM;
}

int
form_by_site(const struct plan_activity *a)
{
	return by_of(a) != BY_PERSON;
}

int
form_rater_faculty(const struct plan_activity *a)
{
	const char *r = plan_kv_get(a, "rater");

	return r != NULL && strcmp(r, "faculty") == 0;
}

static struct form_run *
run_of(struct session *s, int idx)
{
	struct form_run *fr = s->runs[idx].data;

	if (fr == NULL && (fr = calloc(1, sizeof *fr)) != NULL) {
		fr->n_prev = -1;
		s->runs[idx].data = fr;
	}
	return fr;
}

static struct resp *
resp_of(struct form_run *fr, int64_t pid, const char *site)
{
	for (int i = 0; i < fr->n; i++)
		if (fr->r[i].pid == pid)
			return &fr->r[i];
	if (fr->n == fr->cap) {
		int cap = fr->cap ? fr->cap * 2 : 32;
		struct resp *nr = realloc(fr->r, (size_t)cap * sizeof *nr);

		if (nr == NULL)
			return NULL;
		fr->r = nr;
		fr->cap = cap;
	}
	memset(&fr->r[fr->n], 0, sizeof fr->r[fr->n]);
	fr->r[fr->n].pid = pid;
	util_strlcpy(fr->r[fr->n].site, site, sizeof fr->r[fr->n].site);
	return &fr->r[fr->n++];
}

void
form_resp_clear(struct resp *r)
{
	for (int k = 0; k < SNAP_MAX_SLOTS; k++) {
		free(r->vals[k]);
		r->vals[k] = NULL;
	}
}

static void
clear(struct form_run *fr)
{
	for (int i = 0; i < fr->n; i++)
		form_resp_clear(&fr->r[i]);
	fr->n = 0;
}

struct load {
	const struct form *f;
	struct form_run *fr;
	enum by by;
};

/*
 * Rows come oldest first (by row id), so a later answer replaces an
 * earlier one; with one answer per site, the whole site shares one
 * response, each item's value the latest given by anyone of the site.
 * The export applies the same rule in SQL (FORM_COUNTS in
 * src/export/export.h); tests/test-export.c checks that the two agree.
 */
static void
load_row(void *arg, int64_t pid, const char *site, const char *item,
    const char *value)
{
	struct load *l = arg;
	struct resp *r;
	int k;

	r = resp_of(l->fr, l->by == BY_PERSON ? pid : 0 -
	    (int64_t)(strlen(site) + 1), site);
	if (r == NULL)
		return;
	if (l->by != BY_PERSON && strcmp(r->site, site) != 0) {
		/* Synthetic ids by length can clash: look by name instead. */
		for (k = 0; k < l->fr->n; k++)
			if (l->fr->r[k].pid <= 0 && strcmp(l->fr->r[k].site,
			    site) == 0)
				break;
		if (k == l->fr->n) {
			r = resp_of(l->fr, INT64_MIN + l->fr->n, site);
			if (r == NULL)
				return;
		} else
			r = &l->fr->r[k];
	}
	if (strcmp(item, "_submitted") == 0) {
		r->submitted = 1;
		return;
	}
	if ((k = form_slot_of(l->f, item)) < 0)
		return;		/* an item the form no longer has */
	free(r->vals[k]);
	r->vals[k] = value[0] != '\0' ? strdup(value) : NULL;
}

/* Score responses `r` (people's, sites', or faculty's ratings of sites)
 * by the rule of form-score.c. */
void
form_run_score(const struct form *f, const struct resp *r, int n,
    struct form_site_score *out, int *n_out)
{
	struct form_response *fresp = calloc((size_t)n + 1, sizeof *fresp);

	*n_out = 0;
	if (fresp == NULL)
		return;
	for (int i = 0; i < n; i++) {
		util_strlcpy(fresp[i].site, r[i].site, sizeof fresp[i].site);
		fresp[i].submitted = r[i].submitted;
		for (int k = 0; k < f->n_slots; k++) {
			const struct form_slot *sl = &f->slots[k];

			/* Commitment parts are not scored. */
			if (f->items[sl->item].kind != FORM_COMMITMENT)
				fresp[i].values[sl->item] = r[i].vals[k];
		}
	}
	*n_out = form_score(f, fresp, n, out, SNAP_MAX_SITES + 1);
	free(fresp);
}

static void
refresh_form(struct session *s, int idx)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct form_run *fr = run_of(s, idx);
	struct load l = { a->form, fr, by_of(a) };

	if (fr == NULL)
		return;
	clear(fr);
	store_answer_all(s->store, s->runs[idx].store_id, load_row, &l);
	form_run_score(a->form, fr->r, fr->n, fr->scores, &fr->n_scores);
	s->runs[idx].res.answered = 0;
	for (int i = 0; i < fr->n; i++)
		s->runs[idx].res.answered += fr->r[i].submitted;
	if (form_rater_faculty(a))
		form_fac_refresh(s, idx, &fr->fac);
	if (fr->n_prev < 0) {
		/* The same form last time: scored once, with today's rules. */
		int64_t prev = store_prev_activity(s->store, s->id,
		    act_kind_name(a->kind), a->form->name);
		struct form_run old;
		struct load pl = { a->form, &old, l.by };

		fr->n_prev = 0;
		if (prev > 0) {
			memset(&old, 0, sizeof old);
			store_answer_all(s->store, prev, load_row, &pl);
			form_run_score(a->form, old.r, old.n, fr->prev,
			    &fr->n_prev);
			clear(&old);
			free(old.r);
		}
	}
}

static const struct resp *response_for(const struct form_run *,
    const struct plan_activity *, const struct participant *);

/*
 * All of one person's (or site's) texts in a form go to them in one
 * snapshot, which is one frame: a form of many long comments could
 * outgrow it.  So their texts together have a budget; one over it is
 * refused with a reason.  (A form has a few text questions: the budget
 * holds ten whole ones of any script.)
 */
#define FORM_TEXT_BUDGET (10 * TEXT_BYTES_MAX)

static int
over_budget(struct session *s, int idx, const struct participant *p, int k,
    const char *text, char *why, size_t n)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const struct resp *r = response_for(run_of(s, idx), a, p);
	size_t sum = strlen(text);

	for (int i = 0; r != NULL && i < a->form->n_slots; i++)
		if (i != k && r->vals[i] != NULL &&
		    a->form->slots[i].kind == SLOT_TEXT)
			sum += strlen(r->vals[i]);
	if (sum <= FORM_TEXT_BUDGET)
		return 0;
	snprintf(why, n, "your answers to this form are too long together; "
	    "shorten this one or another");
	return 1;
}

static int
intent_form(struct session *s, int idx, struct participant *p,
    const char *value, char *why, size_t n)
{
	const struct form *f = s->plan->acts[idx].form;
	int64_t aid = s->runs[idx].store_id;
	char item[64], text[VALUE_MAX_LEN + 1];
	struct form_run *fr;
	enum by by;
	int k, rc = 0;

	/* Faculty rate sites, not themselves (act-form-faculty.c). */
	if (form_rater_faculty(&s->plan->acts[idx]) && participant_faculty(p))
		return (fr = run_of(s, idx)) == NULL ? -1 :
		    form_fac_intent(s, idx, &fr->fac, p, value, why, n);
	if ((k = form_parse_intent(f, value, item, sizeof item, text,
	    sizeof text, why, n)) == -1)
		return -1;
	if (k >= 0 && f->slots[k].kind == SLOT_TEXT &&
	    over_budget(s, idx, p, k, text, why, n))
		return -1;
	by = by_of(&s->plan->acts[idx]);
	if (by != BY_PERSON && text[0] == '\0')
		rc = store_answer_blank(s->store, aid, p->id, p->site, item);
	else
		rc = store_answer_item(s->store, aid, p->id, p->site, item,
		    text);
	if (rc != 0) {
		snprintf(why, n, "not saved: %s", store_error(s->store));
		return -1;
	}
	/* The person's own answer shows at once, as stored; the scores
	 * wait for the next re-read of the tallies, which redoes this. */
	if ((fr = run_of(s, idx)) != NULL) {
		struct load l = { f, fr, by };

		load_row(&l, p->id, p->site, item, text);
	}
	s->tallies_stale = 1;
	s->seq++;
	return 0;
}

static const struct resp *
response_for(const struct form_run *fr, const struct plan_activity *a,
    const struct participant *p)
{
	for (int i = 0; fr != NULL && i < fr->n; i++)
		if (by_of(a) == BY_PERSON ? fr->r[i].pid == p->id :
		    strcmp(fr->r[i].site, p->site) == 0)
			return &fr->r[i];
	return NULL;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Who answers the form for themselves or their site: on a `rater =
 * faculty` form, not the faculty, who rate the sites instead. */
static int
answers_self(const struct session *s, int idx, const struct participant *p)
{
	return !(form_rater_faculty(&s->plan->acts[idx]) && participant_faculty(p));
}

/*
 * For a form answered once per site, what "finished" is counted against:
 * the sites here (someone of theirs connected) or already submitted,
 * people without a site counting as one.
 */
static int
sites_here(const struct session *s, int idx, const struct form_run *fr)
{
	const char **v = malloc((s->n_people + (size_t)fr->n + 1) *
	    sizeof *v);
	size_t n = 0;
	int count = 0;

	if (v == NULL)
		return 0;
	for (size_t i = 0; i < s->n_people; i++)
		if (s->people[i]->connected > 0 && answers_self(s, idx,
		    s->people[i]))
			v[n++] = s->people[i]->site;
	for (int i = 0; i < fr->n; i++)
		if (fr->r[i].submitted)
			v[n++] = fr->r[i].site;
	qsort(v, n, sizeof *v, by_name);
	for (size_t i = 0; i < n; i++)
		count += i == 0 || strcmp(v[i - 1], v[i]) != 0;
	free(v);
	return count;
}

static int32_t
x100(double v)
{
	return (int32_t)lround(v * 100);
}

/*
 * Participants get the form and their answers (their site's, for a form
 * answered once per site).  The facilitator and projector get the
 * questions and the scores by site; the projector (a shared screen)
 * never sees figures of a site under the threshold.  Row 0's `members`
 * is what its `complete` is counted against: the people here, or for a
 * form answered once per site, the sites (sites_here()).
 */
static void
snapshot_form(const struct session *s, int idx, int results,
    const struct participant *viewer, struct snapshot *snap)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const struct form *f = a->form;
	const struct form_run *fr = s->runs[idx].data;
	enum by by = by_of(a);
	const struct resp *mine = viewer ? response_for(fr, a, viewer) : NULL;

	(void)results;
	snap->form_rater = (uint8_t)form_rater_faculty(a);
	if (snap->form_rater && viewer != NULL && participant_faculty(viewer)) {
		/* The site they rate, not their own answers. */
		mine = NULL;
		by = BY_PERSON;
	}
	util_strlcpy(snap->form_title, f->title, sizeof snap->form_title);
	util_strlcpy(snap->form_source, f->source ? f->source : "",
	    sizeof snap->form_source);
	snap->form_by = (uint8_t)by;
	snap->submitted = mine != NULL && mine->submitted;
	snap->n_scales = (uint8_t)f->n_scales;
	memcpy(snap->scales, f->scales, sizeof snap->scales);
	snap->n_slots = (uint8_t)f->n_slots;
	for (int k = 0; k < f->n_slots; k++) {
		struct snap_slot *sl = &snap->slots[k];

		util_strlcpy(sl->id, f->slots[k].id, sizeof sl->id);
		sl->kind = (uint8_t)f->slots[k].kind;
		sl->scale = (uint8_t)f->slots[k].scale;
		util_strlcpy(sl->text, f->slots[k].text, sizeof sl->text);
		sl->mine[0] = '\0';
		if (mine != NULL && mine->vals[k] != NULL)
			util_strlcpy(sl->mine, mine->vals[k], sizeof sl->mine);
	}
	if (viewer != NULL && snap->form_rater && participant_faculty(viewer) &&
	    fr != NULL)
		form_fac_viewer(s, idx, &fr->fac, viewer, snap);
	if (viewer != NULL || fr == NULL)
		return;
	snap->n_subscales = (uint8_t)f->n_subscales;
	for (int k = 0; k < f->n_subscales; k++)
		util_strlcpy(snap->subscales[k], f->subscales[k],
		    sizeof snap->subscales[k]);
	for (int i = 0; i < fr->n_scores && i < SNAP_MAX_SITES + 1; i++) {
		const struct form_site_score *fs = &fr->scores[i];
		struct snap_score *sc = &snap->scores[snap->n_scores++];
		int small = by == BY_PERSON && fs->started < s->min_group;

		memset(sc, 0, sizeof *sc);
		util_strlcpy(sc->site, fs->site, sizeof sc->site);
		for (size_t p = 0; p < s->n_people; p++)
			sc->members += s->people[p]->connected > 0 &&
			    answers_self(s, idx, s->people[p]) && (i == 0 ||
			    strcmp(s->people[p]->site, fs->site) == 0);
		if (i == 0 && by != BY_PERSON) {
			int here = sites_here(s, idx, fr);

			sc->members = (uint16_t)(here > UINT16_MAX ?
			    UINT16_MAX : here);
		}
		sc->started = (uint16_t)fs->started;
		sc->complete = (uint16_t)fs->complete;
		sc->partial = (uint16_t)fs->partial;
		sc->suppressed = (uint8_t)small;
		for (int k = 0; k < f->n_subscales; k++) {
			sc->prev100[k] = INT32_MIN;
			for (int j = 0; j < fr->n_prev; j++)
				if (strcmp(fr->prev[j].site, fs->site) == 0 &&
				    fr->prev[j].n[k] > 0)
					sc->prev100[k] = x100(fr->prev[j].mean[k]);
		}
		for (int k = 0; k < f->n_slots; k++)
			sc->item10[k] = -1;
		if (small && snap->view != VIEW_FACILITATOR)
			continue;	/* counts only, no figures */
		for (int k = 0; k < f->n_subscales; k++) {
			sc->mean100[k] = x100(fs->mean[k]);
			sc->sd100[k] = x100(fs->sd[k]);
			sc->n[k] = (uint16_t)fs->n[k];
		}
		for (int k = 0; k < f->n_slots; k++) {
			int it = f->slots[k].item;

			if (f->items[it].kind == FORM_RATING &&
			    fs->item_n[it] > 0)
				sc->item10[k] = (int16_t)lround(
				    fs->item_mean[it] * 10);
		}
	}
	form_fac_scores(s, idx, &fr->fac, fr->scores, fr->n_scores, snap);
}

static void
release_form(struct act_run *run)
{
	struct form_run *fr = run->data;

	if (fr == NULL)
		return;
	clear(fr);
	free(fr->r);
	form_fac_free(&fr->fac);
	free(fr);
	run->data = NULL;
}

static int
answer_form(const struct plan_activity *a, const char *in, struct answer *out,
    char *why, size_t n)
{
	(void)a, (void)in, (void)out;
	snprintf(why, n, "forms take ITEM=VALUE messages");
	return -1;
}

static void
restore_form(const struct plan_activity *a, const struct answer *in,
    char *out, size_t n)
{
	(void)a, (void)in, (void)n;
	out[0] = '\0';
}

const struct activity_ops act_form_ops = {
	.kind = ACT_ASSESS,	/* and ACT_FEEDBACK: the same machinery */
	.answer = answer_form,
	.restore = restore_form,
	.refresh = refresh_form,
	.snapshot = snapshot_form,
	.intent = intent_form,
	.release = release_form,
	.export = &form_export,
	.store = &form_store,
	.plan = &form_plan,
	.rehearse = &form_rehearse,
	.wire = &form_wire,
};
