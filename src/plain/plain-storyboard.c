/* plain-storyboard.c: the storyboard as plain lines: which board to
 * visit, its run chart in words (points, median, latest value and each
 * signal), the lines a visitor leaves, and the feedback arriving on the
 * viewer's own board. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "plain-int.h"
#include "act-storyboard.h"

static const struct snap_chart *
chart_of(const struct snapshot *s, int b)
{
	for (unsigned i = 0; b > 0 && i < s->n_charts; i++)
		if (s->charts[i].board == b)
			return &s->charts[i];
	return NULL;
}

static const char *
site_of(const struct snapshot *s, int b)
{
	return b > 0 && b <= s->n_boards ? s->boards[b - 1].site : "";
}

/* A run chart as sentences a screen reader reads well. */
static void
say_chart(const struct snapshot *s, int b, const struct plain_out *out)
{
	const struct snap_chart *c = chart_of(s, b);
	char first[32], last[32], med[32], val[32];

	if (c == NULL || c->n_points == 0) {
		plain_say(out, "%s has no data for %s.", site_of(s, b),
		    s->story_measure);
		return;
	}
	story_period_label(c->points[0].period, first, sizeof first);
	story_period_label(c->points[c->n_points - 1].period, last,
	    sizeof last);
	story_number(c->median, med, sizeof med);
	story_number(c->points[c->n_points - 1].value, val, sizeof val);
	plain_say(out, "Run chart of %s at %s: %u points from %s to %s, "
	    "median %s; the latest, %s, is %s.", s->story_measure,
	    site_of(s, b), c->n_points, first, last, med, last, val);
	if (c->n_signals == 0)
		plain_say(out, "No signal: no shift, trend or unusual number "
		    "of runs.");
	for (unsigned k = 0; k < c->n_signals; k++)
		plain_say(out, "Signal: %s.", c->signals[k].text);
}

/* 0 a line not read out yet, 1 read out as it is, 2 changed since. */
static int
line_seen(struct plain_view *v, const struct snap_story_line *l)
{
	uint32_t h = plain_hash32(l->text, l->part);

	for (int i = 0; i < v->n_seen; i++)
		if (v->seen[i].id == l->id) {
			if (v->seen[i].hash == h)
				return 1;
			v->seen[i].hash = h;
			return 2;
		}
	if (v->n_seen == PLAIN_SEEN_NOTES) {
		memmove(v->seen, v->seen + PLAIN_SEEN_NOTES / 2,
		    sizeof v->seen[0] * (PLAIN_SEEN_NOTES / 2));
		v->n_seen = PLAIN_SEEN_NOTES / 2;
	}
	v->seen[v->n_seen].id = l->id;
	v->seen[v->n_seen++].hash = h;
	return 0;
}

/* The feedback on the viewer's own board, oldest first: all of it when
 * `full`, else what is new or changed. */
static void
say_feedback(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full)
{
	for (unsigned i = s->n_story_lines; i-- > 0;) {
		const struct snap_story_line *l = &s->story_lines[i];
		int seen;

		if (s->story_own == 0 || l->board != s->story_own)
			continue;
		seen = line_seen(v, l);
		if (!full && seen == 1)
			continue;
		plain_say(out, "On your board%s, from %s: %s: %s", seen == 2 ?
		    ", changed" : "", l->site[0] ? l->site : l->author,
		    story_part_label(l->part), l->text);
	}
}

static void
render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
	int moved = s->story_round != v->round || s->story_visit != v->table;

	(void)again;
	if (s->story_round == 0) {
		if (full)
			plain_say(out, "Storyboards of %s: waiting for the first "
			    "round.", s->story_measure);
		return;
	}
	if (s->state == ACT_CLOSED) {
		if (full || v->state != ACT_CLOSED) {
			plain_say(out, "Storyboards closed.");
			full = 1;
		}
	} else if (full || moved) {
		v->round = s->story_round;
		v->table = s->story_visit;
		if (s->story_visit == 0)
			plain_say(out, "Storyboards round %u of %u: no other "
			    "site's board to visit; the feedback on yours is "
			    "read out as it comes.", s->story_round,
			    s->story_rounds);
		else {
			plain_say(out, "Storyboards round %u of %u: visit the "
			    "board of %s.", s->story_round, s->story_rounds,
			    site_of(s, s->story_visit));
			say_chart(s, s->story_visit, out);
			plain_say(out, "Type impressed, question or idea, then "
			    "your line (e.g. idea Plot it weekly).");
		}
	}
	if (full && s->story_own > 0 && s->state != ACT_CLOSED &&
	    s->story_own != s->story_visit && !moved)
		say_chart(s, s->story_own, out);
	say_feedback(v, s, out, full);
}

static void
status(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v;
	if (s->story_visit > 0)
		plain_say(out, "Storyboards round %u of %u, visiting %s.",
		    s->story_round, s->story_rounds, site_of(s, s->story_visit));
	else if (s->story_round > 0)
		plain_say(out, "Storyboards round %u of %u, no board to visit.",
		    s->story_round, s->story_rounds);
}

/* "impressed TEXT", "question TEXT", "idea TEXT" (or 1, 2, 3 first). */
static int
parse(const struct plain_view *v, const struct snapshot *s, const char *line,
    struct plain_input *in)
{
	size_t w = strcspn(line, " :");
	const char *text = line + w;
	int p = story_part_parse(line, w);

	(void)v;
	if (s->story_visit == 0)
		return plain_error(in, "You have no board to visit this round.");
	if (p < 0 && w == 1 && line[0] >= '1' && line[0] < '1' + STORY_PARTS)
		p = line[0] - '1';
	while (*text == ' ' || *text == ':')
		text++;
	if (p < 0 || *text == '\0')
		return plain_error(in, "Start the line with impressed, question "
		    "or idea, then what you want to say.");
	if (!plain_text_ok(in, "", text))
		return PW_ERROR;
	snprintf(in->answer, sizeof in->answer, "%s %s", story_part_word(p),
	    text);
	snprintf(in->said, sizeof in->said, "Left on the board of %s: %s.",
	    site_of(s, s->story_visit), story_part_label(p));
	return in->what = PW_ANSWER;
}

static void
help(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v;
	if (s->story_visit == 0)
		plain_say(out, "Now: the feedback on your board is read out as "
		    "it comes.");
	else
		plain_say(out, "Now: type impressed, question or idea and your "
		    "line, for the board of %s; again writes it anew.",
		    site_of(s, s->story_visit));
}

const struct plain_kind plain_kind_storyboard = {
	.render = render,
	.status = status,
	.parse = parse,
	.help = help,
};
