/* snapshot-fit.c: make a snapshot fit one frame, shedding list entries
 * from the lists that take the most bytes: the people here, each kind's
 * own through its sections (kind-wire.h). */
#include <stddef.h>
#include <string.h>

#include "kind-wire.h"

/* About how many bytes the list of people takes in the frame: what
 * decides which list gives way. */
static size_t
people_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_people && i < SNAP_MAX_PEOPLE; i++)
		n += 10 + strlen(s->people[i].name) +
		    strlen(s->people[i].site);
	return n;
}

/*
 * Encode, shedding list entries if the whole would not fit in one frame:
 * the list taking the most bytes (people, or a kind's: notes, texts,
 * tables, groups) is halved, again and again until it fits, so one list
 * of long texts gives way before the others lose a line.  Of two lists
 * as big, the one of the lower rank gives way.  Entries are shed from
 * the end, never cut, and the counts that say how many there are stay
 * exact (more_notes counts the lines shed).
 */
int
snapshot_fit(struct wbuf *w, struct snapshot *s)
{
	const struct wire_section *secs[WIRE_SECTIONS_MAX];
	size_t n = snapshot_sections(secs, WIRE_SECTIONS_MAX);

	for (int tries = 0; tries < 48; tries++) {
		const struct wire_section *big = NULL;
		size_t most = people_bytes(s);
		int rank = SHED_RANK_PEOPLE, people = most > 0;

		if (snapshot_encode(w, s) == 0)
			return 0;
		if (w->oom)
			return -1;
		for (size_t i = 0; i < n; i++) {
			size_t b;

			if (secs[i]->list_bytes == NULL)
				continue;
			b = secs[i]->list_bytes(s);
			if (b > most || (b == most && b > 0 &&
			    secs[i]->shed_rank < rank)) {
				most = b;
				rank = secs[i]->shed_rank;
				big = secs[i];
				people = 0;
			}
		}
		if (big != NULL)
			big->shed(s);
		else if (people)
			s->n_people /= 2;
		else
			return -1;	/* nothing left to shed */
	}
	return -1;
}
