/* session-state.c: an activity's state changes, saved to the store:
 * what the facilitator's commands (session-cmd.c) and the timer running
 * out (session.c) both do.  Below both, so neither calls the other. */
#include <stdio.h>

#include "convene.h"

/* Save the session's place and the current activity's state; the
 * viewers' screens change with it.  0, or 1 with the reason in `out`. */
int
session_save(struct session *s, char *out, size_t n)
{
	int state = s->current >= 0 ? (int)s->runs[s->current].state : 0;
	int rev = s->current >= 0 ? s->runs[s->current].revealed : 0;

	if (store_session_save(s->store, s->id, s->current, state, rev) != 0 ||
	    (s->current >= 0 && store_activity_state(s->store,
	    s->runs[s->current].store_id, state) != 0)) {
		snprintf(out, n, "could not save: %s", store_error(s->store));
		return 1;
	}
	s->seq++;
	s->tallies_stale = 1;
	return 0;
}

/* Open or close the current activity (its timer, and results revealed
 * after closing if the plan says so), and save. */
int
session_set_state(struct session *s, enum act_state state, char *out, size_t n)
{
	struct act_run *run = &s->runs[s->current];
	const struct plan_activity *a = &s->plan->acts[s->current];

	run->state = state;
	run->warned = 0;
	if (state == ACT_OPEN)
		run->deadline_ms = a->minutes > 0 ? s->now() +
		    (int64_t)a->minutes * 60000 : 0;
	if (state == ACT_CLOSED) {
		run->deadline_ms = 0;
		if (a->reveal == REVEAL_AFTER_CLOSE)
			run->revealed = 1;
	}
	return session_save(s, out, n);
}
