/* plain-breakout.c: a breakout as plain lines: the group, its note line
 * by line, the commitment; lines typed add to the note or set a part of
 * the commitment. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "plain-int.h"

static const char *const commit_word[COMMIT_FIELDS] = {
	"change", "owner", "due", "measure"
};
static const char *const commit_label[COMMIT_FIELDS] = {
	"change to test", "owner", "by when", "measure"
};

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
	return (uint64_t)plain_hash32(text, 0) << 1 | 1;
}

static void
render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
	const struct snap_group *g = my_group(s);

	(void)again;
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

		plain_others(v, s->n_tables > 0 ? s->tables[0].people : "",
		    people, sizeof people);
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

		if (!plain_note_due(v, n, full, &seen))
			continue;
		plain_say(out, "Note line %d%s, %s: %s", i + 1, seen == 2 &&
		    !full ? " changed" : "", plain_note_author(n), n->text);
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

static int
parse(const struct plain_view *v, const struct snapshot *s, const char *line,
    struct plain_input *in)
{
	char value[VALUE_MAX_LEN + 1], *end;
	long n;

	(void)v;
	if (strncasecmp(line, "group ", 6) == 0 && s->group_mode ==
	    BREAKOUT_CHOOSE) {
		n = strtol(line + 6, &end, 10);
		if (*end != '\0' || n < 1 || n > s->n_groups)
			return plain_error(in, "Pick a group 1-%u.",
			    s->n_groups);
		snprintf(value, sizeof value, "@%ld", n);
		return plain_answer(in, value, "Joined group %ld: %s.", n,
		    s->groups[n - 1].name);
	}
	if (s->my_table == 0)
		return plain_error(in, s->group_mode == BREAKOUT_CHOOSE ?
		    "Pick a group first: type group and "
		    "its number." : "You have no group yet: "
		    "ask the facilitator.");
	for (int f = 0; f < COMMIT_FIELDS; f++) {
		size_t k = strlen(commit_word[f]);
		const char *t = line + k + 1;

		if (strncasecmp(line, commit_word[f], k) != 0 || line[k] != ':')
			continue;
		t += strspn(t, " ");
		if (*t == '\0')
			return plain_error(in, "Type the %s after "
			    "%s: on the same line.",
			    commit_label[f], commit_word[f]);
		snprintf(value, sizeof value, "!%s ", commit_word[f]);
		if (!plain_text_ok(in, value, t))
			return PW_ERROR;
		snprintf(value, sizeof value, "!%s %s", commit_word[f], t);
		in->commit = f;
		return plain_answer(in, value, "Saved, %s: %s.",
		    commit_label[f], t);
	}
	if (strncasecmp(line, "edit ", 5) == 0 && isdigit((unsigned char)
	    line[5])) {
		n = strtol(line + 5, &end, 10);
		end += strspn(end, " ");
		if (n < 1 || n > s->n_notes || !(s->notes[n - 1].flags &
		    NOTE_MINE))
			return plain_error(in, "Line %ld is not "
			    "one of yours: you can change "
			    "only your own lines.", n);
		if (*end == '\0')
			return plain_error(in, "Type the new text "
			    "after edit %ld.", n);
		if (!plain_text_ok(in, "=4294967295 ", end))
			return PW_ERROR;
		snprintf(value, sizeof value, "=%u %s", s->notes[n - 1].id, end);
		return plain_answer(in, value, "Changed note line %ld.", n);
	}
	if (!plain_text_ok(in, "+", line))
		return PW_ERROR;
	snprintf(value, sizeof value, "+%s", line);
	return plain_answer(in, value, "Added to the note.");
}

static void
status(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v;
	if (s->my_table > 0 && s->my_table <= s->n_groups)
		plain_say(out, "Your group: %s, %u lines in its note.",
		    s->groups[s->my_table - 1].name,
		    s->groups[s->my_table - 1].n_lines);
}

static void
help(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v;
	if (s->group_mode == BREAKOUT_CHOOSE)
		plain_say(out, "Now: group and a number joins that "
		    "group.");
	plain_say(out, "Now: a line you type is added to your group's "
	    "note. edit N and text changes your line N.");
	plain_say(out, "Commitment: type change:, owner:, due: or "
	    "measure:, then the text, on one line.");
}

/* A part of the commitment sent: not news when the snapshot brings it. */
static void
sent(struct plain_view *v, const struct plain_input *in)
{
	if (in->commit >= 0)
		v->sent_commit[in->commit] = plain_commit_hash(
		    strchr(in->answer, ' ') + 1);
}

const struct plain_kind plain_kind_breakout = {
	.render = render,
	.status = status,
	.parse = parse,
	.help = help,
	.sent = sent,
};
