/* act-cafe-rehearse.c: a simulated participant at a café table. */
#include <stdio.h>

#include "kind-rehearse.h"

/* One line per round, a while after sitting down. */
static int
think_cafe(struct rehearser *r, const struct snapshot *s)
{
	if (s->my_table == 0 || r->wrote_round == s->round || r->thinking)
		return 0;
	return 1000;
}

static int
answer_cafe(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	if (s->my_table == 0 || r->wrote_round == s->round)
		return -1;
	r->wrote_round = s->round;
	snprintf(out, n, "+%s", rehearse_line(&r->seed));
	return 0;
}

const struct kind_rehearse cafe_rehearse = {
	.think = think_cafe,
	.answer = answer_cafe,
};
