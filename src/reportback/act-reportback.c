/* act-reportback.c: report back: each site says what became of the
 * commitments its people made in the collaborative's previous learning
 * session (tested, partly, not yet, dropped), what they learned and the
 * next step; the room may see one site's report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "act-reportback.h"
#include "kind-plan.h"
#include "kind-rehearse.h"
#include "kind-wire.h"

/*
 * A report-back's runtime state.  The commitments are read once, when it
 * first opens (or after --resume): the earlier session is over, so they
 * do not change; their numbers (index + 1) are what answers name.  The
 * sites' reports are re-read from the store after every commit, so what
 * every screen shows is what is stored.  `shown` is the site whose
 * report the room sees ("" for the tally of every site).
 */
struct reportback {
	struct rb_list list;
	int ready;
	char shown[SITE_MAX_LEN + 1];
};

static struct reportback *
rb_of(const struct session *s, int idx)
{
	return s->runs[idx].data;
}

/* Read the commitments of the session to report back on, and the
 * reports given so far. */
static int
prepare(struct session *s, int idx, struct reportback *rb, char *why,
    size_t n)
{
	const char *from = plan_kv_get(&s->plan->acts[idx], "from");
	int64_t prev = reportback_prev(s->store, s->id, from != NULL ?
	    strtoll(from, NULL, 10) : 0, why, n);

	if (prev < 0)
		return -1;
	if (reportback_save_from(s->store, s->runs[idx].store_id, prev) != 0 ||
	    reportback_gather(s->store, prev, &rb->list) != 0 ||
	    reportback_load(s->store, s->runs[idx].store_id, &rb->list) != 0) {
		snprintf(why, n, "cannot read the earlier commitments: %s",
		    store_error(s->store));
		reportback_list_free(&rb->list);
		return -1;
	}
	rb->ready = 1;
	return 0;
}

static int
open_reportback(struct session *s, int idx, char *why, size_t n)
{
	struct reportback *rb = rb_of(s, idx);

	if (rb != NULL && rb->ready)
		return 0;
	if (rb == NULL && (rb = calloc(1, sizeof *rb)) == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	s->runs[idx].data = rb;
	if (prepare(s, idx, rb, why, n) != 0)
		return -1;
	s->tallies_stale = 1;
	return 0;
}

/* "=N PART TEXT": part status (tested, partly, not yet, dropped), learned
 * or next of commitment N, which must be the participant's site's. */
static int
intent_reportback(struct session *s, int idx, struct participant *p,
    const char *v, char *why, size_t n)
{
	struct reportback *rb = rb_of(s, idx);
	char text[VALUE_MAX_LEN + 1], *end;
	const struct rb_item *it;
	long k;
	size_t len;
	int part, st;

	if (rb == NULL || !rb->ready) {
		snprintf(why, n, "the report-back is not ready yet");
		return -1;
	}
	if (v[0] != '=' || (k = strtol(v + 1, &end, 10)) < 1 || *end != ' ') {
		snprintf(why, n, "unknown report-back message");
		return -1;
	}
	if (k > rb->list.n || strcmp(rb->list.v[k - 1].site, p->site) != 0) {
		snprintf(why, n, "commitment %ld is not one of your site's", k);
		return -1;
	}
	it = &rb->list.v[k - 1];
	end++;
	len = strcspn(end, " ");
	if ((part = reportback_part_parse(end, len)) < 0) {
		snprintf(why, n, "a report has a status, learned and next, not "
		    "%.*s", (int)(len < 20 ? len : 20), end);
		return -1;
	}
	util_strlcpy(text, end[len] == ' ' ? end + len + 1 : "", sizeof text);
	if (part == RB_STATUS) {
		if ((st = reportback_status_parse(text)) < 0) {
			snprintf(why, n, "the status is tested, partly, not yet "
			    "or dropped");
			return -1;
		}
		util_strlcpy(text, reportback_status_name(st), sizeof text);
	} else if (util_text_check(text, 0, why, n) != 0)
		return -1;
	if (reportback_put(s->store, s->runs[idx].store_id, it, p->id, part,
	    text) != 0) {
		snprintf(why, n, "not saved: %s", store_error(s->store));
		return -1;
	}
	s->tallies_stale = 1;
	s->seq++;
	return 0;
}

/* Re-read the reports; `answered` counts commitments with a status. */
static void
refresh_reportback(struct session *s, int idx)
{
	struct reportback *rb = rb_of(s, idx);
	uint32_t given = 0;

	if (rb == NULL || !rb->ready)
		return;
	reportback_load(s->store, s->runs[idx].store_id, &rb->list);
	for (int i = 0; i < rb->list.n; i++)
		given += rb->list.v[i].status != FOLLOW_NONE;
	s->runs[idx].res.answered = given;
}

static void
put_item(struct snapshot *snap, const struct rb_item *it, int id)
{
	struct snap_followup *f;

	if (snap->n_followups >= SNAP_MAX_FOLLOWUPS)
		return;
	f = &snap->followups[snap->n_followups++];
	memset(f, 0, sizeof *f);
	f->id = (uint16_t)id;
	f->status = (uint8_t)it->status;
	util_strlcpy(f->label, it->label, sizeof f->label);
	for (int k = 0; k < COMMIT_FIELDS; k++)
		snprintf(f->commit[k], sizeof f->commit[k], "%.*s",
		    (int)util_utf8_cut(it->commit[k], sizeof f->commit[k] - 1),
		    it->commit[k]);
	snprintf(f->learned, sizeof f->learned, "%.*s", (int)util_utf8_cut(
	    it->learned, sizeof f->learned - 1), it->learned);
	snprintf(f->next, sizeof f->next, "%.*s", (int)util_utf8_cut(
	    it->next, sizeof f->next - 1), it->next);
	util_strlcpy(f->by, it->by, sizeof f->by);
}

/* The tally's line of `site`, added in name order if it is new. */
static struct snap_rbsite *
tally_site(struct snapshot *snap, const char *site)
{
	int i;

	if (site[0] == '\0')
		return NULL;
	for (i = 0; i < snap->n_rbsites; i++) {
		int c = strcmp(snap->rbsites[i].name, site);

		if (c == 0)
			return &snap->rbsites[i];
		if (c > 0)
			break;
	}
	if (snap->n_rbsites >= SNAP_MAX_RB_SITES)
		return NULL;
	memmove(&snap->rbsites[i + 1], &snap->rbsites[i],
	    (size_t)(snap->n_rbsites - i) * sizeof snap->rbsites[0]);
	memset(&snap->rbsites[i], 0, sizeof snap->rbsites[i]);
	util_strlcpy(snap->rbsites[i].name, site, sizeof snap->rbsites[i].name);
	snap->n_rbsites++;
	return &snap->rbsites[i];
}

/*
 * What one viewer sees.  A participant: their site's commitments with
 * its report.  The facilitator and the projector: every site's tally
 * (those that committed last time, and those here now), and the
 * commitments of the site shown to the room.
 */
static void
snapshot_reportback(const struct session *s, int idx, int results,
    const struct participant *viewer, struct snapshot *snap)
{
	const struct reportback *rb = rb_of(s, idx);
	const char *site;

	(void)results;
	if (rb == NULL || !rb->ready)
		return;
	snap->rb_from = (uint32_t)rb->list.from;
	util_strlcpy(snap->rb_from_title, rb->list.from_title,
	    sizeof snap->rb_from_title);
	site = viewer != NULL ? viewer->site : rb->shown;
	util_strlcpy(snap->rb_site, site, sizeof snap->rb_site);
	if (viewer == NULL) {
		for (int i = 0; i < rb->list.n; i++) {
			struct snap_rbsite *t = tally_site(snap,
			    rb->list.v[i].site);

			if (t != NULL && t->n < 255) {
				t->n++;
				t->count[rb->list.v[i].status]++;
			}
		}
		for (size_t i = 0; i < s->n_people; i++)
			tally_site(snap, s->people[i]->site);
	}
	for (int i = 0; i < rb->list.n && site[0] != '\0'; i++)
		if (strcmp(rb->list.v[i].site, site) == 0)
			put_item(snap, &rb->list.v[i], i + 1);
}

/* After --resume: the commitments again, the reports from the store. */
static void
resume_reportback(struct session *s, int idx)
{
	char why[256];

	if (s->runs[idx].state == ACT_WAITING)
		return;
	if (open_reportback(s, idx, why, sizeof why) != 0)
		fprintf(stderr, "convene: %s: %s\n", s->plan->acts[idx].id, why);
}

static void
release_reportback(struct act_run *run)
{
	struct reportback *rb = run->data;

	if (rb == NULL)
		return;
	reportback_list_free(&rb->list);
	free(rb);
	run->data = NULL;
}

/* `show SITE`: that site's report on the room's screens; `show` alone
 * goes back to every site's tally. */
int
reportback_show(struct session *s, const char *site, char *out, size_t n)
{
	struct reportback *rb;
	const char *found = NULL;

	if (s->current < 0 || s->plan->acts[s->current].kind != ACT_REPORTBACK
	    || (rb = rb_of(s, s->current)) == NULL || !rb->ready) {
		snprintf(out, n, "no report-back is running");
		return 1;
	}
	if (site == NULL || site[0] == '\0') {
		rb->shown[0] = '\0';
		s->seq++;
		snprintf(out, n, "the room sees every site's tally");
		return 0;
	}
	for (int i = 0; i < rb->list.n && found == NULL; i++)
		if (strcasecmp(rb->list.v[i].site, site) == 0)
			found = rb->list.v[i].site;
	for (size_t i = 0; i < s->n_people && found == NULL; i++)
		if (strcasecmp(s->people[i]->site, site) == 0)
			found = s->people[i]->site;
	if (found == NULL) {
		snprintf(out, n, "no site %s here or in session %lld", site,
		    (long long)rb->list.from);
		return 1;
	}
	util_strlcpy(rb->shown, found, sizeof rb->shown);
	s->seq++;
	snprintf(out, n, "the room sees %s's report", rb->shown);
	return 0;
}

const struct activity_ops act_reportback_ops = {
	.kind = ACT_REPORTBACK,
	.refresh = refresh_reportback,
	.snapshot = snapshot_reportback,
	.open = open_reportback,
	.intent = intent_reportback,
	.resume = resume_reportback,
	.release = release_reportback,
	.export = &reportback_export,
	.store = &reportback_store,
	.plan = &reportback_plan,
	.rehearse = &reportback_rehearse,
	.wire = &reportback_wire,
	.commands = reportback_commands,
	.shared_snapshot = 0,
};
