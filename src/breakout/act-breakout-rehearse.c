/* act-breakout-rehearse.c: a simulated member of a breakout group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kind-rehearse.h"

/* A member's next step: pick a group (choose mode), write one line, then
 * fill the first empty part of the group's commitment. */
static int
next_step(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	static const char *const commit[COMMIT_FIELDS][3] = {
		{ "change Grab bag for sepsis in resus", "change Nurse-led "
		    "blood cultures on admission", "change Sepsis huddle at "
		    "08:00 handover" },
		{ "owner Ward sister", "owner Sepsis lead", "owner Charge "
		    "nurse on nights" },
		{ "due next Tuesday", "due in 2 weeks", "due Friday" },
		{ "measure Minutes from triage to antibiotics", "measure Share "
		    "of patients screened", "measure Cultures before "
		    "antibiotics, weekly" },
	};
	const struct snap_group *g;

	if (s->my_table == 0 || s->my_table > s->n_groups) {
		if (s->group_mode != BREAKOUT_CHOOSE || s->n_groups == 0)
			return -1;
		snprintf(out, n, "@%d", 1 + rand_r(&r->seed) % s->n_groups);
		return 0;
	}
	if (strcmp(r->wrote_in, s->activity) != 0) {
		snprintf(out, n, "+%s", rehearse_line(&r->seed));
		return 0;
	}
	g = &s->groups[s->my_table - 1];
	for (int f = 0; f < COMMIT_FIELDS; f++)
		if (g->commit[f][0] == '\0') {
			snprintf(out, n, "!%s",
			    commit[f][rand_r(&r->seed) % 3]);
			return 0;
		}
	return -1;
}

/* One step at a time while there is something to do. */
static int
think_breakout(struct rehearser *r, const struct snapshot *s)
{
	char next[VALUE_MAX_LEN + 1];
	unsigned keep = r->seed;

	if (r->thinking || next_step(r, s, next, sizeof next) != 0)
		return 0;
	r->seed = keep;		/* only looked: the step is taken later */
	return 1000;
}

static int
answer_breakout(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	if (next_step(r, s, out, n) != 0)
		return -1;
	if (out[0] == '+')
		snprintf(r->wrote_in, sizeof r->wrote_in, "%s", s->activity);
	return 0;
}

const struct kind_rehearse breakout_rehearse = {
	.think = think_breakout,
	.answer = answer_breakout,
};
