/* snapshot-fit.c: make a snapshot fit one frame, shedding list entries
 * from the lists that take the most bytes. */
#include <stddef.h>
#include <string.h>

#include "snapshot.h"

/* The lists that give way when a snapshot is too big for a frame. */
enum fit_list { FIT_NOTES, FIT_PEOPLE, FIT_TEXTS, FIT_TABLES, FIT_GROUPS,
	FIT_LISTS };

/* About how many bytes list `l` takes in the frame: what decides which
 * list gives way. */
static size_t
list_bytes(const struct snapshot *s, enum fit_list l)
{
	size_t n = 0;

	switch (l) {
	case FIT_NOTES:
		for (unsigned i = 0; i < s->n_notes && i < SNAP_MAX_NOTES; i++)
			n += 14 + strlen(s->notes[i].author) +
			    strlen(s->notes[i].text);
		break;
	case FIT_PEOPLE:
		for (unsigned i = 0; i < s->n_people && i < SNAP_MAX_PEOPLE;
		    i++)
			n += 10 + strlen(s->people[i].name) +
			    strlen(s->people[i].site);
		break;
	case FIT_TEXTS:
		for (unsigned i = 0; i < s->n_texts && i < SNAP_MAX_TEXTS; i++)
			n += 7 + strlen(s->texts[i].text);
		break;
	case FIT_TABLES:
		for (unsigned i = 0; i < s->n_tables && i < SNAP_MAX_TABLES;
		    i++)
			n += 8 + strlen(s->tables[i].host) +
			    strlen(s->tables[i].people);
		break;
	case FIT_GROUPS:
		for (unsigned i = 0; i < s->n_groups && i < SNAP_MAX_GROUPS;
		    i++) {
			const struct snap_group *g = &s->groups[i];

			n += 20 + strlen(g->name) + 6 * g->n_members;
			for (unsigned k = 0; k < COMMIT_FIELDS; k++)
				n += strlen(g->commit[k]);
			for (unsigned k = 0; k < g->n_members &&
			    k < SNAP_GROUP_MEMBERS; k++)
				n += strlen(g->member[k]);
		}
		break;
	case FIT_LISTS:
		break;
	}
	return n;
}

/*
 * Encode, shedding list entries if the whole would not fit in one frame:
 * the list taking the most bytes (people, notes, texts, tables, groups)
 * is halved, again and again until it fits, so one list of long texts
 * gives way before the others lose a line.  Entries are shed from the
 * end, never cut, and the counts that say how many there are stay
 * exact (more_notes counts the lines shed).
 */
int
snapshot_fit(struct wbuf *w, struct snapshot *s)
{
	for (int tries = 0; tries < 48; tries++) {
		enum fit_list big = FIT_LISTS;
		size_t most = 0;

		if (snapshot_encode(w, s) == 0)
			return 0;
		if (w->oom)
			return -1;
		for (int l = 0; l < FIT_LISTS; l++) {
			size_t b = list_bytes(s, (enum fit_list)l);

			if (b > most) {
				most = b;
				big = (enum fit_list)l;
			}
		}
		switch (big) {
		case FIT_NOTES:
			s->more_notes = (uint16_t)(s->more_notes + s->n_notes -
			    s->n_notes / 2);
			s->n_notes /= 2;
			break;
		case FIT_PEOPLE:
			s->n_people /= 2;
			break;
		case FIT_TEXTS:
			s->n_texts /= 2;
			break;
		case FIT_TABLES:
			s->n_tables /= 2;
			break;
		case FIT_GROUPS:
			s->n_groups /= 2;
			break;
		case FIT_LISTS:
			return -1;	/* nothing left to shed */
		}
	}
	return -1;
}
