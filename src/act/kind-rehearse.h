/* kind-rehearse.h: what a simulated participant of `convene host
 * --rehearse N` does in an activity of a kind (rehearse.c runs them). */
#ifndef CONVENE_KIND_REHEARSE_H
#define CONVENE_KIND_REHEARSE_H

#include "convene.h"

/*
 * A simulated participant as a kind sees it.  It reads the snapshots a
 * person's terminal would get and answers through the same messages;
 * `seed` makes the room the same on every run.
 */
struct rehearser {
	unsigned seed;		/* rand_r state */
	int thinking;		/* an answer is on its way already */
	char pending[ID_MAX_LEN + 1];	/* activity an answer is due for */
	int wrote_round;	/* last round it added a line in */
	char wrote_in[ID_MAX_LEN + 1];	/* activity it added a line to */
};

struct kind_rehearse {
	/* A snapshot of the open activity came: whether to answer, as the
	 * milliseconds per second of thinking (about 4 s, log-normal, and
	 * scaled by CONVENE_REHEARSE_PACE), or 0 to wait for the next. */
	int	(*think)(struct rehearser *, const struct snapshot *);
	/* Done thinking: the answer (what a person would type, e.g. "2"),
	 * or -1 to send nothing. */
	int	(*answer)(struct rehearser *, const struct snapshot *, char *,
		    size_t);
};

/* rehearse-say.c: what simulated people say, and chance. */
double	rehearse_uniform(unsigned *);
const char *rehearse_line(unsigned *);	/* a line for a shared note */
const char *rehearse_text(unsigned *);	/* a short free-text answer */

#endif
