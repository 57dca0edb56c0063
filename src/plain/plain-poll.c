/* plain-poll.c: a poll as plain lines: the question and its options
 * once, the answer in words, the results once they are final. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "plain-poll.h"

/* The text after a scale option's number ("4 Agree" -> "Agree"). */
static const char *
scale_word(const char *option)
{
	const char *sp = strchr(option, ' ');

	return sp != NULL ? sp + 1 : "";
}

static void
poll_points(const struct snapshot *s, const struct plain_out *out)
{
	char value[SNAP_MAX_OPTIONS][8];
	const char *word[SNAP_MAX_OPTIONS];

	for (int i = 0; i < s->n_options; i++) {
		snprintf(value[i], sizeof value[i], "%d", s->scale_min + i);
		word[i] = scale_word(s->options[i]);
	}
	if (s->n_options > 0)
		plain_points(out, s->n_options, value, word);
}

/* An answer in words: "Fairly", "Oxygen, Fluids", "4 Agree". */
void
plain_describe(const struct snapshot *s, const char *value, char *out,
    size_t cap)
{
	const char *p = value;
	int k = 0;

	out[0] = '\0';
	if (s->kind != ACT_POLL || s->poll_type == POLL_TEXT) {
		snprintf(out, cap, "%s", value);
		return;
	}
	while (*p != '\0') {
		int o = atoi(p) - 1;

		if (o >= 0 && o < s->n_options) {
			if (s->poll_type == POLL_RANK)
				plain_add(out, cap, "%s%d %s", k ? ", " : "", k + 1,
				    s->options[o]);
			else
				plain_add(out, cap, "%s%s", k ? ", " : "",
				    s->options[o]);
			k++;
		}
		p += strcspn(p, ",");
		p += *p == ',';
	}
}

static uint64_t
hash(const void *p, size_t n, uint64_t seed)
{
	static const unsigned char key[16] = "convene-plainvw";

	return util_siphash(key, p, n) ^ (seed * 0x9e3779b97f4a7c15ull);
}

static uint64_t
question_hash(const struct snapshot *s)
{
	uint64_t h = hash(s->question, strlen(s->question), s->n_options);

	for (int i = 0; i < s->n_options; i++)
		h ^= hash(s->options[i], strlen(s->options[i]), (uint64_t)i + 1);
	return h;
}

static uint64_t
results_hash(const struct snapshot *s)
{
	return hash(s->counts, sizeof s->counts, s->answered) ^
	    hash(s->words, sizeof s->words[0] * s->n_words, s->flags &
	    SNAP_BY_SITE);
}

static int
by_count(const void *a, const void *b, void *arg)
{
	const uint32_t *c = arg;
	int x = *(const int *)a, y = *(const int *)b;

	return c[y] > c[x] ? 1 : c[y] < c[x] ? -1 : x - y;
}

/* Options by count, most first (ties keep their order). */
static void
order(const struct snapshot *s, const uint32_t *counts, int *idx)
{
	for (int i = 0; i < s->n_options; i++)
		idx[i] = i;
	for (int i = 1; i < s->n_options; i++)
		for (int k = i; k > 0 && by_count(&idx[k - 1], &idx[k],
		    (void *)counts) > 0; k--) {
			int t = idx[k];

			idx[k] = idx[k - 1];
			idx[k - 1] = t;
		}
}

static unsigned
pct(uint32_t n, uint32_t of)
{
	return of ? (unsigned)((n * 100 + of / 2) / of) : 0;
}

/* "Results, 5 answered: A little 40%, Fairly 40%, ..." and by site. */
void
plain_render_results(const struct snapshot *s, const struct plain_out *out)
{
	char line[PLAIN_LINE_MAX];
	int idx[SNAP_MAX_OPTIONS];

	if (s->poll_type == POLL_TEXT) {
		snprintf(line, sizeof line, "Results, %u answered", s->answered);
		for (int i = 0; i < s->n_words; i++)
			plain_add(line, sizeof line, "%s%s %u", i ? ", " : ". Words: ",
			    s->words[i].word, s->words[i].count);
		plain_say(out, "%s.", line);
		return;
	}
	if (s->poll_type == POLL_RANK) {
		snprintf(line, sizeof line, "Results, %u ranked, by Borda "
		    "points", s->answered);
		order(s, s->counts, idx);
		for (int i = 0; i < s->n_options; i++)
			plain_add(line, sizeof line, "%s%s %u (mean rank %.2f)", i ?
			    ", " : ": ", s->options[idx[i]], s->counts[idx[i]],
			    s->stat[idx[i]] / 100.0);
		plain_say(out, "%s.", line);
		return;
	}
	snprintf(line, sizeof line, "Results, %u answered", s->answered);
	if (s->poll_type == POLL_SCALE && s->answered > 0)
		plain_add(line, sizeof line, ", mean %.2f on %d to %d",
		    s->mean100 / 100.0, s->scale_min, s->scale_min +
		    s->n_options - 1);
	/* A scale reads in its own order; choices most chosen first. */
	if (s->poll_type == POLL_SCALE)
		for (int i = 0; i < s->n_options; i++)
			idx[i] = i;
	else
		order(s, s->counts, idx);
	for (int i = 0; i < s->n_options; i++)
		plain_add(line, sizeof line, "%s%s %u%%", i ? ", " : ": ",
		    s->options[idx[i]], pct(s->counts[idx[i]], s->answered));
	plain_say(out, "%s.", line);
	for (int k = 0; (s->flags & SNAP_BY_SITE) && k < s->n_sites; k++) {
		const struct snap_site *st = &s->sites[k];

		snprintf(line, sizeof line, "By site, %s, %u answered",
		    st->name, st->n);
		for (int i = 0; i < s->n_options; i++)
			plain_add(line, sizeof line, "%s%s %u%%", i ? ", " : ": ",
			    s->options[i], pct(st->counts[i], st->n));
		plain_say(out, "%s.", line);
	}
}

static void
poll_block(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	char mine[VALUE_MAX_LEN + 1];

	v->qhash = question_hash(s);
	plain_say(out, "Poll: %s", s->question);
	if (s->poll_type == POLL_SCALE)
		poll_points(s, out);
	else if (s->poll_type != POLL_TEXT)
		for (int i = 0; i < s->n_options; i++)
			plain_say(out, "%d %s", i + 1, s->options[i]);
	if (s->state == ACT_OPEN) {
		switch (s->poll_type) {
		case POLL_SINGLE:
			plain_say(out, "Type one number, 1 to %d.", s->n_options);
			break;
		case POLL_MULTI:
			plain_say(out, "Type up to %d numbers, like 1 %d.",
			    s->max_picks, s->n_options > 1 ? 2 : 1);
			break;
		case POLL_SCALE:
			plain_say(out, "Type one number, %d to %d.",
			    s->scale_min, s->scale_min + s->n_options - 1);
			break;
		case POLL_RANK:
			plain_say(out, "Type all %d numbers, best first, like "
			    "2 1 3%s.", s->n_options, s->n_options > 3 ?
			    " 4" : "");
			break;
		case POLL_TEXT:
			plain_say(out, "Type your answer, up to %d characters.",
			    PLAIN_TEXT_MAX);
			break;
		}
		if (s->flags & SNAP_ANONYMOUS)
			plain_say(out, "Anonymous: your name is not stored with "
			    "this answer.");
	}
	if (s->mine_value[0] != '\0') {
		plain_describe(s, s->mine_value, mine, sizeof mine);
		plain_say(out, "Your answer: %s.", mine);
	}
	if (s->state == ACT_OPEN && (s->flags & SNAP_RESULTS)) {
		plain_say(out, "Results are shown live: type results to hear "
		    "them.");
		v->results = 1;
	}
}

/* Results once they are final (closed) or revealed, and again whenever
 * they change after that. */
static void
poll_results(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	uint64_t h = results_hash(s);
	int due = s->state == ACT_CLOSED || (s->flags & SNAP_REVEALED);

	if (!(s->flags & SNAP_RESULTS) || !due || (v->results == 2 &&
	    h == v->rhash))
		return;
	v->results = 2;
	v->rhash = h;
	plain_render_results(s, out);
}

static void
poll_closed(const struct snapshot *s, const struct plain_out *out)
{
	char mine[VALUE_MAX_LEN + 1];

	if (s->mine_value[0] == '\0') {
		plain_say(out, "Poll closed. You did not answer.");
		return;
	}
	plain_describe(s, s->mine_value, mine, sizeof mine);
	plain_say(out, "Poll closed. Your answer was saved: %s.", mine);
}

static void
render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
	(void)again;
	if (full) {
		poll_block(v, s, out);
		if (s->state == ACT_CLOSED) {
			poll_closed(s, out);
			v->results = 0;
			poll_results(v, s, out);
		}
		return;
	}
	if (v->state != s->state && s->state == ACT_CLOSED)
		poll_closed(s, out);
	else if (v->state != s->state || question_hash(s) != v->qhash) {
		plain_say(out, v->state != s->state ? "Poll reopened." :
		    "Poll changed.");
		render(v, s, out, 1, 0);
		return;
	}
	poll_results(v, s, out);
}

static void
status(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	char mine[VALUE_MAX_LEN + 1];

	(void)v;
	plain_describe(s, s->mine_value, mine, sizeof mine);
	if (mine[0] != '\0')
		plain_say(out, "Your answer: %s.", mine);
	else
		plain_say(out, "You have not answered yet.");
}

/* `results`: only what the host lets the room see. */
static int
results(const struct snapshot *s, const struct plain_out *out)
{
	if (!(s->flags & SNAP_RESULTS))
		return 0;
	plain_render_results(s, out);
	return 1;
}

const struct plain_kind plain_kind_poll = {
	.render = render,
	.status = status,
	.parse = plain_poll_parse,
	.help = plain_poll_help,
	.results = results,
};
