/* act-storyboard-rehearse.c: a simulated visitor of another site's board
 * leaves what impressed them, a question and an idea, one at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kind-rehearse.h"
#include "act-storyboard.h"

static const char *const said[STORY_PARTS][3] = {
	{ "How steadily you kept it up over the winter",
	    "The huddle notes next to each point",
	    "Plotting it every week, not every month" },
	{ "What changed in the month of the shift?",
	    "Who collects the data at weekends?",
	    "Does the night shift see this chart?" },
	{ "Put the chart up in the staff room",
	    "Try the sepsis trolley checklist from our ward",
	    "Add a note to each point when something changed" },
};

/* The next part this visitor has not written in this round, or -1. */
static int
next_part(const struct snapshot *s)
{
	int done[STORY_PARTS] = { 0 };

	if (s->story_visit == 0 || s->state != ACT_OPEN)
		return -1;
	for (unsigned i = 0; i < s->n_story_lines; i++) {
		const struct snap_story_line *l = &s->story_lines[i];

		if ((l->flags & NOTE_MINE) && l->round == s->story_round &&
		    l->part < STORY_PARTS)
			done[l->part] = 1;
	}
	for (int p = 0; p < STORY_PARTS; p++)
		if (!done[p])
			return p;
	return -1;
}

static int
think_storyboard(struct rehearser *r, const struct snapshot *s)
{
	if (r->thinking || next_part(s) < 0)
		return 0;
	return 1000;
}

static int
answer_storyboard(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	int p = next_part(s);

	if (p < 0)
		return -1;
	snprintf(out, n, "%s %s", story_part_word(p),
	    said[p][rand_r(&r->seed) % 3]);
	return 0;
}

const struct kind_rehearse storyboard_rehearse = {
	.think = think_storyboard,
	.answer = answer_storyboard,
};
