/* act-reportback-rehearse.c: a simulated participant reporting back on
 * their site's commitments. */
#include <stdio.h>
#include <stdlib.h>

#include "kind-rehearse.h"

/* The next part of the site's report nobody has given: a status first,
 * then what was learned, then the next step; -1 when all are given. */
static int
next_step(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	static const char *const status[] = { "tested", "tested", "partly",
	    "not yet", "dropped" };
	static const char *const learned[] = { "Screening at triage works "
	    "when the nurse in charge owns it", "Night shift needed its own "
	    "huddle time", "Pharmacy delays were the bottleneck, not the "
	    "ward" };
	static const char *const next[] = { "Spread to the second ward",
	    "Run it for two more weeks and count again", "Ask pharmacy to "
	    "join the next PDSA cycle" };

	for (int i = 0; i < s->n_followups; i++) {
		const struct snap_followup *f = &s->followups[i];

		if (f->status == FOLLOW_NONE)
			snprintf(out, n, "=%u status %s", f->id,
			    status[rand_r(&r->seed) % 5]);
		else if (f->learned[0] == '\0')
			snprintf(out, n, "=%u learned %s", f->id,
			    learned[rand_r(&r->seed) % 3]);
		else if (f->next[0] == '\0')
			snprintf(out, n, "=%u next %s", f->id,
			    next[rand_r(&r->seed) % 3]);
		else
			continue;
		return 0;
	}
	return -1;
}

/* One step at a time while the site's report has a gap. */
static int
think_reportback(struct rehearser *r, const struct snapshot *s)
{
	char step[VALUE_MAX_LEN + 1];
	unsigned keep = r->seed;

	if (r->thinking || next_step(r, s, step, sizeof step) != 0)
		return 0;
	r->seed = keep;		/* only looked: the step is taken later */
	return 1000;
}

static int
answer_reportback(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	return next_step(r, s, out, n);
}

const struct kind_rehearse reportback_rehearse = {
	.think = think_reportback,
	.answer = answer_reportback,
};
