/* plain-reportback.c: a report-back as plain lines: the site's
 * commitments of last time, each with what became of it; lines typed
 * give a commitment's status, what was learned or the next step. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "plain-int.h"

static const char *const status_word[FOLLOW_STATUSES] = {
	"not said yet", "tested", "partly", "not yet", "dropped"
};
static const char *const part_word[] = { "status", "learned", "next" };

/* The nothing-to-report line, as the screens say it. */
static void
empty(const struct snapshot *s, const struct plain_out *out)
{
	if (s->rb_from == 0)
		plain_say(out, "This is the collaborative's first learning "
		    "session: there are no earlier commitments to report back "
		    "on.");
	else if (s->rb_site[0] == '\0')
		plain_say(out, "You joined without a site: report-back goes by "
		    "site, so listen to the sites' reports.");
	else
		plain_say(out, "%s made no commitments in session %u (%s): "
		    "nothing to report back on.", s->rb_site, s->rb_from,
		    s->rb_from_title);
}

/* The report of commitment i as one line's worth, for the seen-hash. */
static void
report_of(const struct snap_followup *f, struct snap_note *n)
{
	memset(n, 0, offsetof(struct snap_note, text));
	n->id = 0x80000000u | f->id;
	snprintf(n->text, sizeof n->text, "%u\x1f%.1900s\x1f%.1900s",
	    f->status, f->learned, f->next);
}

static void
say_report(const struct snap_followup *f, int i, const char *lead,
    const struct plain_out *out)
{
	plain_say(out, "%s %d: status %s%s%s%s%s.", lead, i + 1,
	    status_word[f->status], f->learned[0] ? "; learned: " : "",
	    f->learned, f->next[0] ? "; next step: " : "", f->next);
}

static void
say_all(const struct snapshot *s, const struct plain_out *out)
{
	for (int i = 0; i < s->n_followups; i++) {
		const struct snap_followup *f = &s->followups[i];

		plain_say(out, "Commitment %d, from %s: %s. Who: %s. By when: "
		    "%s.%s%s", i + 1, f->label, f->commit[COMMIT_CHANGE],
		    f->commit[COMMIT_OWNER][0] ? f->commit[COMMIT_OWNER] : "-",
		    f->commit[COMMIT_DUE][0] ? f->commit[COMMIT_DUE] : "-",
		    f->commit[COMMIT_MEASURE][0] ? " Measure: " : "",
		    f->commit[COMMIT_MEASURE]);
		say_report(f, i, "Report on", out);
	}
}

static void
render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
	struct snap_note *n = malloc(sizeof *n);
	int seen;

	(void)again;
	if (n == NULL)
		return;
	if (full) {
		if (s->rb_from > 0)
			plain_say(out, "Report back%s%s on session %u (%s)%s",
			    s->rb_site[0] ? " from " : "", s->rb_site,
			    s->rb_from, s->rb_from_title, s->state ==
			    ACT_CLOSED ? ", closed." : ".");
		plain_say(out, "Prompt: %s", s->question);
		if (s->n_followups == 0)
			empty(s, out);
		else
			say_all(s, out);
	}
	for (int i = 0; i < s->n_followups; i++) {
		const struct snap_followup *f = &s->followups[i];

		report_of(f, n);
		seen = plain_note_seen(v, n);
		if (!full && seen == 2 && strcmp(f->by, v->me) != 0)
			say_report(f, i, f->by[0] ? f->by : "Your site",
			    out);
	}
	if (full && s->state == ACT_OPEN && s->n_followups > 0)
		plain_say(out, "Type status, a commitment's number and tested, "
		    "partly, not yet or dropped; learned or next, its number "
		    "and the text.");
	free(n);
}

static int
parse(const struct plain_view *v, const struct snapshot *s, const char *line,
    struct plain_input *in)
{
	char value[VALUE_MAX_LEN + 1], *end;
	const char *t;
	long k = 1;
	int part = -1;

	(void)v;
	if (s->n_followups == 0)
		return plain_error(in, "Your site has nothing to report back "
		    "on.");
	for (int p = 0; p < 3 && part < 0; p++) {
		size_t len = strlen(part_word[p]);

		if (strncasecmp(line, part_word[p], len) == 0 &&
		    (line[len] == ' ' || line[len] == ':'))
			part = p;
	}
	if (part < 0)
		return plain_error(in, "Start with status, learned or next, "
		    "then the commitment's number (type help).");
	t = line + strlen(part_word[part]) + 1;
	t += strspn(t, " :");
	if (isdigit((unsigned char)*t)) {
		k = strtol(t, &end, 10);
		t = end + strspn(end, " :");
	} else if (s->n_followups > 1)
		return plain_error(in, "Which commitment? Type %s, its number "
		    "1-%u, then the text.", part_word[part], s->n_followups);
	if (k < 1 || k > s->n_followups)
		return plain_error(in, "Pick a commitment 1-%u.",
		    s->n_followups);
	if (*t == '\0')
		return plain_error(in, part == 0 ? "Say tested, partly, not yet "
		    "or dropped after the number." : "Type the text after the "
		    "number.");
	if (part == 0) {
		int st = 0;

		for (int i = 1; i < FOLLOW_STATUSES && st == 0; i++)
			if (strcasecmp(t, status_word[i]) == 0 ||
			    (i == FOLLOW_NOT_YET && strcasecmp(t, "not-yet") == 0))
				st = i;
		if (st == 0)
			return plain_error(in, "The status is tested, partly, "
			    "not yet or dropped.");
		snprintf(value, sizeof value, "=%u status %d",
		    s->followups[k - 1].id, st);
		return plain_answer(in, value, "Saved: commitment %ld %s.", k,
		    status_word[st]);
	}
	if (!plain_text_ok(in, "=65535 learned ", t))
		return PW_ERROR;
	snprintf(value, sizeof value, "=%u %s %s", s->followups[k - 1].id,
	    part_word[part], t);
	return plain_answer(in, value, "Saved, commitment %ld, %s: %s.", k,
	    part == 1 ? "learned" : "next step", t);
}

static void
status(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	int said = 0;

	(void)v;
	for (int i = 0; i < s->n_followups; i++)
		said += s->followups[i].status != FOLLOW_NONE;
	if (s->n_followups > 0)
		plain_say(out, "%s: %d of %u commitments have a status.",
		    s->rb_site, said, s->n_followups);
	else
		empty(s, out);
}

static void
help(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v;
	(void)s;
	plain_say(out, "Now: status 2 tested (or partly, not yet, dropped) "
	    "says what became of commitment 2.");
	plain_say(out, "learned 2 and a text says what your site learned; "
	    "next 2 and a text its next step.");
}

/* `results`: the site's report as it stands. */
static int
results(const struct snapshot *s, const struct plain_out *out)
{
	if (s->n_followups == 0) {
		empty(s, out);
		return 1;
	}
	for (int i = 0; i < s->n_followups; i++)
		say_report(&s->followups[i], i, "Report on", out);
	return 1;
}

const struct plain_kind plain_kind_reportback = {
	.render = render,
	.status = status,
	.parse = parse,
	.help = help,
	.results = results,
};
