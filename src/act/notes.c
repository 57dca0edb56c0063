/* notes.c: shared notes (café tablecloths, breakout notes), line by line. */
#include <stdlib.h>
#include <string.h>

#include "convene.h"

/*
 * A shared note is one store row per line, so two people writing at once
 * never overwrite each other: each adds lines and changes only their own.
 * Activities keep a cache of their lines, re-read after every commit, so
 * cutting a snapshot per viewer costs no query.
 */

static void
load_row(void *arg, const struct store_note *sn)
{
	struct notes *ns = arg;
	struct note *n;

	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 64;
		struct note *nv = realloc(ns->v, cap * sizeof *nv);

		if (nv == NULL)
			return;
		ns->v = nv;
		ns->cap = cap;
	}
	n = &ns->v[ns->n];
	if ((n->text = strdup(sn->text)) == NULL)
		return;
	ns->n++;
	n->id = sn->id;
	n->round = sn->round;
	n->tbl = sn->tbl;
	n->grp = sn->grp;
	n->theme = sn->theme;
	n->author = sn->participant;
	util_strlcpy(n->name, sn->author, sizeof n->name);
}

static void
clear(struct notes *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i].text);
	ns->n = 0;
}

/* Re-read every line of activity `aid` (ordered by place, then time). */
int
notes_load(struct store *st, int64_t aid, struct notes *ns)
{
	clear(ns);
	return store_notes(st, aid, 0, 0, 0, load_row, ns);
}

void
notes_free(struct notes *ns)
{
	clear(ns);
	free(ns->v);
	memset(ns, 0, sizeof *ns);
}

const struct note *
notes_find(const struct notes *ns, int64_t id)
{
	for (size_t i = 0; i < ns->n; i++)
		if (ns->v[i].id == id)
			return &ns->v[i];
	return NULL;
}

/*
 * A participant's message about a note: "+TEXT" adds a line at the given
 * place (round, table, group: 0 where they do not apply), "=ID TEXT"
 * changes one of the author's own lines.  Returns 1 when done, 0 when the
 * message is not about notes, -1 (with `why`) when refused.
 */
int
notes_intent(struct store *st, int64_t aid, int round, int tbl, int grp,
    int64_t pid, const char *value, char *why, size_t n)
{
	char text[VALUE_MAX_LEN + 1];

	if (value[0] == '+') {
		util_strlcpy(text, value + 1, sizeof text);
		if (util_text_check(text, 0, why, n) != 0)
			return -1;
		if (text[0] == '\0') {
			snprintf(why, n, "an empty line was not added");
			return -1;
		}
		if (store_note_add(st, aid, round, tbl, grp, pid, text) < 0) {
			snprintf(why, n, "not saved: %s", store_error(st));
			return -1;
		}
		return 1;
	}
	if (value[0] == '=') {
		char *end;
		long long id = strtoll(value + 1, &end, 10);

		util_strlcpy(text, *end == ' ' ? end + 1 : "", sizeof text);
		if (util_text_check(text, 0, why, n) != 0)
			return -1;
		if (id <= 0 || text[0] == '\0' || store_note_edit(st, aid, id,
		    pid, text) != 1) {
			snprintf(why, n, "you can change only your own lines");
			return -1;
		}
		return 1;
	}
	return 0;
}

/* Put a line into a snapshot (or count it as not fitting).  `place` is
 * the table or group number the viewer's screen files it under. */
void
notes_snap(struct snapshot *snap, const struct note *nt, int place,
    const struct participant *viewer, int flags)
{
	struct snap_note *sn;

	if (snap->n_notes >= SNAP_MAX_NOTES) {
		snap->more_notes++;
		return;
	}
	sn = &snap->notes[snap->n_notes++];
	sn->id = (uint32_t)nt->id;
	sn->table = (uint16_t)place;
	sn->round = (uint8_t)nt->round;
	sn->flags = (uint8_t)(flags | (nt->theme ? NOTE_THEME : 0) |
	    (viewer != NULL && viewer->id == nt->author ? NOTE_MINE : 0));
	util_strlcpy(sn->author, nt->name, sizeof sn->author);
	util_strlcpy(sn->text, nt->text, sizeof sn->text);
}
