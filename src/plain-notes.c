/* plain-notes.c: the café and breakouts as plain lines: where to sit, who
 * is there, each new line of a shared note once, the commitment. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "plain.h"

static const char *const commit_label[COMMIT_FIELDS] = {
	"change to test", "owner", "by when", "measure"
};

static uint32_t
hash32(const char *s, uint32_t seed)
{
	static const unsigned char key[16] = "convene-plainnt";

	return (uint32_t)util_siphash(key, s, strlen(s)) ^ seed;
}

/* 0: a line not read out yet, 1: read out as it is, 2: changed since
 * (edited, or marked as a theme).  Records it as read out. */
int
plain_note_seen(struct plain_view *v, const struct snap_note *n)
{
	uint32_t h = hash32(n->text, n->flags & NOTE_THEME);

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
static int
note_due(struct plain_view *v, const struct snap_note *n, int full,
    int *seen)
{
	*seen = plain_note_seen(v, n);
	return full || (*seen != 1 && !(n->flags & NOTE_MINE));
}

static const char *
author(const struct snap_note *n)
{
	return n->flags & NOTE_MINE ? "you" : n->author[0] ? n->author :
	    "someone";
}

/* Tablemates without the "(away) " marks, which come and go with every
 * dropped connection and are not worth a line each. */
static uint64_t
seat_hash(const struct snapshot *s)
{
	char people[sizeof s->tables[0].people], *p;
	size_t n = strlen("(away) ");

	snprintf(people, sizeof people, "%s", s->n_tables > 0 ?
	    s->tables[0].people : "");
	while ((p = strstr(people, "(away) ")) != NULL)
		memmove(p, p + n, strlen(p + n) + 1);
	return (uint64_t)hash32(people, s->i_host) << 32 |
	    hash32(s->my_host, s->my_table);
}

/* "Amal, (away) Bo, Cara" without the viewer's own name: a list read
 * to Bo says who else is there. */
static void
others(const struct plain_view *v, const char *people, char *out, size_t cap)
{
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

static void
harvest(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full)
{
	for (int i = 0; i < s->n_notes; i++) {
		const struct snap_note *n = &s->notes[i];
		int seen = plain_note_seen(v, n);

		if (!full && seen == 1)
			continue;
		if (n->flags & NOTE_THEME)
			plain_say(out, "Theme: %s (table %u, %s)", n->text,
			    n->table, author(n));
		else if (full || seen == 0)
			plain_say(out, "Table %u, %s: %s", n->table, author(n),
			    n->text);
	}
	if (full && s->more_notes > 0)
		plain_say(out, "Harvest: %u more lines are in the export.",
		    s->more_notes);
}

void
plain_render_cafe(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full)
{
	int moved = s->round != v->round || s->my_table != v->table, lines = 0;

	if (s->state == ACT_CLOSED) {
		if (full || v->state != ACT_CLOSED) {
			plain_say(out, "Café closed. Harvest: what every table "
			    "wrote, %u lines.", s->n_notes + s->more_notes);
			v->n_seen = 0;
			full = 1;
		}
		harvest(v, s, out, full);
		return;
	}
	if (s->round == 0) {
		if (full)
			plain_say(out, "Café: waiting for the first round.");
		return;
	}
	if (full || moved || seat_hash(s) != v->seat_hash) {
		char people[sizeof s->tables[0].people];

		others(v, s->n_tables > 0 ? s->tables[0].people : "", people,
		    sizeof people);

		if (s->my_table == 0)
			plain_say(out, "Café round %u of %u: finding you a "
			    "table.", s->round, s->rounds);
		else if (!full && !moved)
			plain_say(out, "Table %u now, with: %s.", s->my_table,
			    people[0] ? people : "nobody else yet");
		else {
			if (s->i_host)
				plain_say(out, "Café round %u of %u: you host "
				    "table %u: stay there and brief the "
				    "newcomers.", s->round, s->rounds,
				    s->my_table);
			else
				plain_say(out, "Café round %u of %u: go to table "
				    "%u%s%s.", s->round, s->rounds, s->my_table,
				    s->my_host[0] ? ", host " : "", s->my_host);
			if (people[0] != '\0')
				plain_say(out, "Table %u, with: %s.",
				    s->my_table, people);
		}
		v->seat_hash = seat_hash(s);
	}
	if (full || moved) {
		v->round = s->round;
		v->table = s->my_table;
		v->i_host = s->i_host;
		if (s->my_table == 0)
			return;
		plain_say(out, "Question: %s", s->question);
		for (int i = 0; i < s->n_notes; i++)
			lines += !(s->notes[i].flags & NOTE_PREV);
		plain_say(out, "Tablecloth: %d line%s this round. Type a line "
		    "to add it.", lines, lines == 1 ? "" : "s");
		full = 1;
	}
	/* The host's briefing (last round's lines here) comes first. */
	for (int i = 0; i < s->n_notes; i++) {
		const struct snap_note *n = &s->notes[i];
		int seen;

		if (!note_due(v, n, full, &seen))
			continue;
		plain_say(out, "%s, %s: %s", n->flags & NOTE_PREV ? "Last round "
		    "here" : seen == 2 ? "Tablecloth, changed" : "Tablecloth",
		    author(n), n->text);
	}
}

static const struct snap_group *
my_group(const struct snapshot *s)
{
	return s->my_table > 0 && s->my_table <= s->n_groups ?
	    &s->groups[s->my_table - 1] : NULL;
}

static void
commitment(const struct snap_group *g, const char *who,
    const struct plain_out *out)
{
	char line[PLAIN_LINE_MAX];
	size_t o;

	o = (size_t)snprintf(line, sizeof line, "%s", who);
	for (int f = 0; f < COMMIT_FIELDS && o < sizeof line; f++)
		o += (size_t)snprintf(line + o, sizeof line - o, "%s%s: %s",
		    f ? "; " : ": ", commit_label[f], g->commit[f][0] ?
		    g->commit[f] : "not set");
	plain_say(out, "%s.", line);
}

static void
closed(const struct snapshot *s, const struct plain_out *out)
{
	char who[64];

	plain_say(out, "Breakout closed.");
	for (int i = 0; i < s->n_groups; i++) {
		const struct snap_group *g = &s->groups[i];
		int any = 0;

		for (int f = 0; f < COMMIT_FIELDS; f++)
			any |= g->commit[f][0] != '\0';
		if (!any)
			continue;
		snprintf(who, sizeof who, "Commitment of %s", g->name);
		commitment(g, who, out);
	}
}

static void
picker(const struct snapshot *s, const struct plain_out *out)
{
	plain_say(out, "Breakout: pick a group: type group and its number.");
	for (int i = 0; i < s->n_groups; i++)
		plain_say(out, "Group %d: %s, %u %s.", i + 1, s->groups[i].name,
		    s->groups[i].size, s->groups[i].size == 1 ? "person" :
		    "people");
}

static uint64_t
field_hash(const char *text)
{
	return (uint64_t)hash32(text, 0) << 1 | 1;
}

void
plain_render_breakout(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full)
{
	const struct snap_group *g = my_group(s);

	if (s->state == ACT_CLOSED) {
		if (full || v->state != ACT_CLOSED)
			closed(s, out);
		return;
	}
	if (g == NULL) {
		if (full || v->table != 0) {
			if (s->group_mode == BREAKOUT_CHOOSE && s->n_groups > 0)
				picker(s, out);
			else
				plain_say(out, "Breakout: finding you a group.");
		}
		v->table = 0;
		return;
	}
	if (full || s->my_table != v->table) {
		char people[sizeof s->tables[0].people];

		others(v, s->n_tables > 0 ? s->tables[0].people : "", people,
		    sizeof people);
		v->table = s->my_table;
		plain_say(out, "Breakout: your group is %s%s%s.", g->name,
		    people[0] ? ", with " : "", people);
		plain_say(out, "Prompt: %s", s->question);
		commitment(g, "Commitment", out);
		plain_say(out, "Note: %u lines.", g->n_lines);
		full = 1;
	}
	for (int i = 0; i < s->n_notes; i++) {
		const struct snap_note *n = &s->notes[i];
		int seen;

		if (!note_due(v, n, full, &seen))
			continue;
		plain_say(out, "Note line %d%s, %s: %s", i + 1, seen == 2 &&
		    !full ? " changed" : "", author(n), n->text);
	}
	for (int f = 0; f < COMMIT_FIELDS; f++) {
		uint64_t h = field_hash(g->commit[f]);

		if (!full && h != v->commit_hash[f] && h != v->sent_commit[f])
			plain_say(out, "Commitment, %s: %s.", commit_label[f],
			    g->commit[f][0] ? g->commit[f] : "cleared");
		v->commit_hash[f] = h;
	}
	if (full) {
		plain_say(out, "Note: type a line to add it; edit, a line number "
		    "and new text change one of yours.");
		plain_say(out, "Commitment: type change:, owner:, due: or "
		    "measure: and the text.");
	}
}

/* A commitment part as sent by this viewer: remembered, so the snapshot
 * that brings it back is not read out as news. */
uint64_t
plain_commit_hash(const char *text)
{
	return field_hash(text);
}
