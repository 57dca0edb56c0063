/* plain-cafe.c: the world café as plain lines: where to sit, who is
 * there, the tablecloth line by line, the harvest. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "plain-int.h"

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
	return (uint64_t)plain_hash32(people, s->i_host) << 32 |
	    plain_hash32(s->my_host, s->my_table);
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
			    n->table, plain_note_author(n));
		else if (full || seen == 0)
			plain_say(out, "Table %u, %s: %s", n->table,
			    plain_note_author(n), n->text);
	}
	if (full && s->more_notes > 0)
		plain_say(out, "Harvest: %u more lines are in the export.",
		    s->more_notes);
}

static void
render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
	int moved = s->round != v->round || s->my_table != v->table, lines = 0;

	(void)again;

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

		plain_others(v, s->n_tables > 0 ? s->tables[0].people : "",
		    people, sizeof people);

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

		if (!plain_note_due(v, n, full, &seen))
			continue;
		plain_say(out, "%s, %s: %s", n->flags & NOTE_PREV ? "Last round "
		    "here" : seen == 2 ? "Tablecloth, changed" : "Tablecloth",
		    plain_note_author(n), n->text);
	}
}

static void
status(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v;
	if (s->my_table > 0)
		plain_say(out, "Café round %u of %u, your table %u.",
		    s->round, s->rounds, s->my_table);
}

/* Each line typed is added to the table's tablecloth. */
static int
parse(const struct plain_view *v, const struct snapshot *s, const char *line,
    struct plain_input *in)
{
	(void)v;
	if (s->my_table == 0)
		return plain_error(in, "You have no table yet: wait a "
		    "moment.");
	if (!plain_text_ok(in, "+", line))
		return PW_ERROR;
	snprintf(in->answer, sizeof in->answer, "+%s", line);
	snprintf(in->said, sizeof in->said, "Added to the "
	    "tablecloth of table %u.", s->my_table);
	return in->what = PW_ANSWER;
}

static void
help(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v, (void)s;
	plain_say(out, "Now: each line you type is added to your "
	    "table's tablecloth.");
}

const struct plain_kind plain_kind_cafe = {
	.render = render,
	.status = status,
	.parse = parse,
	.help = help,
};
