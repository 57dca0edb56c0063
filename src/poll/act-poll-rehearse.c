/* act-poll-rehearse.c: how a simulated participant answers a poll. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kind-rehearse.h"

static void
shuffle(int *v, int n, unsigned *seed)
{
	for (int i = n - 1; i > 0; i--) {
		int j = rand_r(seed) % (i + 1), t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

/* Once per poll, unless already answered (after a rejoin). */
static int
think_poll(struct rehearser *r, const struct snapshot *s)
{
	if (s->mine_value[0] != '\0' || strcmp(r->pending, s->activity) == 0)
		return 0;
	return 1000;
}

/* A plausible answer: choices lean towards the middle and the first
 * options, so rehearsal results look like a room, not like noise. */
static int
answer_poll(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	unsigned *seed = &r->seed;
	int k = s->n_options, v[SNAP_MAX_OPTIONS], picks;
	size_t o = 0;

	switch (s->poll_type) {
	case POLL_TEXT:
		snprintf(out, n, "%s", rehearse_text(seed));
		return 0;
	case POLL_SCALE: {
		double m = (k - 1) * (0.55 + 0.15 *
		    (rehearse_uniform(seed) - 0.5));
		int x = (int)lround(m + (rehearse_uniform(seed) - 0.5) *
		    k * 0.6);

		snprintf(out, n, "%d", (x < 0 ? 0 : x >= k ? k - 1 : x) + 1);
		return 0;
	}
	case POLL_MULTI:
	case POLL_RANK:
		for (int i = 0; i < k; i++)
			v[i] = i;
		shuffle(v, k, seed);
		picks = s->poll_type == POLL_RANK ? k : 1 + rand_r(seed) %
		    (s->max_picks > 0 ? s->max_picks : 1);
		out[0] = '\0';
		for (int i = 0; i < picks && o < n; i++)
			o += (size_t)snprintf(out + o, n - o, "%s%d", i ? "," :
			    "", v[i] + 1);
		return 0;
	default:
		/* Triangular: most people near the middle of the list. */
		snprintf(out, n, "%d", 1 + (int)(k * (rehearse_uniform(seed) +
		    rehearse_uniform(seed)) / 2) % k);
		return 0;
	}
}

const struct kind_rehearse poll_rehearse = {
	.think = think_poll,
	.answer = answer_poll,
};
