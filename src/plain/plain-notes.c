/* plain-notes.c: shared note lines as plain lines (a café's tablecloth,
 * a breakout group's note): each new or changed line read out once. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "plain-int.h"

/* A short hash of `s`, so a line read out is known again. */
uint32_t
plain_hash32(const char *s, uint32_t seed)
{
	static const unsigned char key[16] = "convene-plainnt";

	return (uint32_t)util_siphash(key, s, strlen(s)) ^ seed;
}

/* 0: a line not read out yet, 1: read out as it is, 2: changed since
 * (edited, or marked as a theme).  Records it as read out. */
int
plain_note_seen(struct plain_view *v, const struct snap_note *n)
{
	uint32_t h = plain_hash32(n->text, n->flags & NOTE_THEME);

	for (int i = 0; i < v->n_seen; i++)
		if (v->seen[i].id == n->id) {
			if (v->seen[i].hash == h)
				return 1;
			v->seen[i].hash = h;
			return 2;
		}
	if (v->n_seen == PLAIN_SEEN_NOTES) {
		/* Forget the oldest half: lines that old are not re-sent. */
		memmove(v->seen, v->seen + PLAIN_SEEN_NOTES / 2,
		    sizeof v->seen[0] * (PLAIN_SEEN_NOTES / 2));
		v->n_seen = PLAIN_SEEN_NOTES / 2;
	}
	v->seen[v->n_seen].id = n->id;
	v->seen[v->n_seen++].hash = h;
	return 0;
}

/* Whether a line is read out now: every line when `full`, else the new
 * or changed ones someone else wrote (the ack told this viewer of its
 * own).  `*seen` is plain_note_seen()'s answer. */
int
plain_note_due(struct plain_view *v, const struct snap_note *n, int full,
    int *seen)
{
	*seen = plain_note_seen(v, n);
	return full || (*seen != 1 && !(n->flags & NOTE_MINE));
}

/* Who wrote a line, as read out. */
const char *
plain_note_author(const struct snap_note *n)
{
	return n->flags & NOTE_MINE ? "you" : n->author[0] ? n->author :
	    "someone";
}

/* "Amal, (away) Bo, Cara" without the viewer's own name: a list read
 * to Bo says who else is there. */
void
plain_others(const struct plain_view *v, const char *people, char *out, size_t
    cap) {
	const char *p = people;
	size_t o = 0;

	out[0] = '\0';
	while (*p != '\0' && o < cap) {
		size_t n = strcspn(p, ",");
		const char *name = p;

		if (strncmp(name, "(away) ", 7) == 0)
			name += 7;
		if (v->me[0] == '\0' || (size_t)(p + n - name) != strlen(v->me) ||
		    strncmp(name, v->me, strlen(v->me)) != 0)
			o += (size_t)snprintf(out + o, cap - o, "%s%.*s", o ? ", " :
			    "", (int)n, p);
		p += n;
		p += strspn(p, ", ");
	}
	if (o >= cap)
		out[cap - 1] = '\0';
}

