/* plain-render.c: a snapshot as plain lines: one line per change that
 * matters (never a redraw), each line short and starting with its topic. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "plain-int.h"

/* Countdown thresholds read out, in seconds, longest first. */
static const int bands[] = { 600, 300, 120, 60, 0 };
#define NO_BAND 1000000

void
plain_view_init(struct plain_view *v)
{
	memset(v, 0, sizeof *v);
	v->current = -2;
	v->state = -1;
	v->remaining = -1;
	v->band = NO_BAND;
	v->form_asked = -1;
}

/* The full stop after a title or question, unless it has its own. */
const char *
plain_period(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && strchr(".?!:", s[n - 1]) != NULL ? "" : ".";
}

void
plain_say(const struct plain_out *out, const char *fmt, ...)
{
	char line[PLAIN_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* Names, notes and questions come from other people: no control
	 * character (an escape sequence above all) reaches the reader. */
	util_sanitize(line, sizeof line);
	if (line[0] != '\0')
		out->line(out->arg, line);
}

/* Append to a line under construction, never past its end. */
void
plain_add(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

/*
 * A scale read out in words: "Answer: 1 Strongly disagree, 2 Disagree,
 * ..." when every point has a label (one line per point when that is too
 * long a line), else "Answer 0 to 10: 0 Not at all likely, 10 Extremely
 * likely".  `value[i]` is what is typed for point i.
 */
void
plain_points(const struct plain_out *out, int n, char value[][8],
    const char *const *word)
{
	char line[PLAIN_LINE_MAX] = "";
	int all = 1, any = 0;

	for (int i = 0; i < n; i++) {
		all &= word[i][0] != '\0';
		any |= word[i][0] != '\0';
	}
	if (all) {
		for (int i = 0; i < n; i++)
			plain_add(line, sizeof line, "%s%s %s", i ? ", " : "Answer: ",
			    value[i], word[i]);
		if (strlen(line) <= 240) {
			plain_say(out, "%s.", line);
			return;
		}
		plain_say(out, "Answer with one of these %d:", n);
		for (int i = 0; i < n; i++)
			plain_say(out, "%s %s", value[i], word[i]);
		return;
	}
	snprintf(line, sizeof line, "Answer %s to %s", value[0], value[n - 1]);
	for (int i = 0, k = 0; any && i < n; i++)
		if (word[i][0] != '\0')
			plain_add(line, sizeof line, "%s%s %s", k++ ? ", " : ": ",
			    value[i], word[i]);
	plain_say(out, "%s.", line);
}

static void
say_timer(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, const char *what)
{
	int r = s->remaining;

	v->remaining = r;
	v->band = NO_BAND;
	for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
		if (r <= bands[i])
			v->band = bands[i];
	if (r >= 60)
		plain_say(out, "%s%d minute%s.", what, (r + 30) / 60,
		    (r + 30) / 60 == 1 ? "" : "s");
	else
		plain_say(out, "%s%d second%s.", what, r, r == 1 ? "" : "s");
}

/* A countdown read out when it starts, changes, crosses 10, 5, 2 or 1
 * minutes, and reaches zero: never every second. */
static void
timer(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	int r = s->remaining, open = s->current >= 0 && s->state == ACT_OPEN;
	int crossed = -1;

	if (r < 0) {
		if (v->remaining > 0 && open)
			plain_say(out, "Timer stopped.");
		v->remaining = -1;
		v->band = NO_BAND;
		return;
	}
	if (s->recall && !v->recall) {
		v->recall = 1;
		say_timer(v, s, out, "Recall: back in the room in ");
		return;
	}
	if (v->remaining < 0 || r > v->remaining + 5) {
		say_timer(v, s, out, v->remaining < 0 ? "Timer: " :
		    "Timer: now ");
		return;
	}
	v->remaining = r;
	/* Several thresholds passed at once (the timer was cut short):
	 * only the last one is news. */
	for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
		if (r <= bands[i] && bands[i] < v->band)
			crossed = bands[i];
	if (crossed < 0)
		return;
	v->band = crossed;
	if (crossed == 0)
		plain_say(out, "Time is up.");
	else
		plain_say(out, "Timer: %d minute%s left.", crossed / 60,
		    crossed == 60 ? "" : "s");
}

static void
lobby(const struct snapshot *s, const struct plain_out *out)
{
	if (s->current < 0)
		plain_say(out, "Lobby: the session will start soon. Questions "
		    "will appear here by themselves.");
	else if (!(s->flags & SNAP_RUNNABLE))
		plain_say(out, "Now in the room: %s%s Nothing to answer here.",
		    s->items[s->current].title, plain_period(
		    s->items[s->current].title));
	else if (s->state == ACT_WAITING)
		plain_say(out, "Next: %s%s Waiting for the facilitator to open "
		    "it.", s->items[s->current].title, plain_period(
		    s->items[s->current].title));
}

static int
in_lobby(const struct snapshot *s)
{
	return s->current < 0 || s->current >= s->n_items ||
	    !(s->flags & SNAP_RUNNABLE) || s->state == ACT_WAITING;
}

/* Everything about the current activity, as when it opens. */
static void
block(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int again)
{
	if (in_lobby(s)) {
		lobby(s, out);
		return;
	}
	if (plain_kind_of(s->kind)->render != NULL)
		plain_kind_of(s->kind)->render(v, s, out, 1, again);
	if (s->state == ACT_OPEN && s->remaining >= 0)
		say_timer(v, s, out, "Timer: ");
}

/* The same activity, a later snapshot: only what changed. */
static void
update(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	if (plain_kind_of(s->kind)->render != NULL)
		plain_kind_of(s->kind)->render(v, s, out, 0, 0);
}

void
plain_render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	int lobby_now = in_lobby(s);

	if (!v->have) {
		plain_say(out, "Session: %s.", s->title);
		v->have = 1;
	}
	if (strcmp(s->banner, v->banner) != 0) {
		if (s->banner[0] != '\0')
			plain_say(out, "Message from the facilitator: %s",
			    s->banner);
		snprintf(v->banner, sizeof v->banner, "%s", s->banner);
	}
	/* `runnable` is 1 while an activity (not the lobby) was read out. */
	if (s->current != v->current || strcmp(s->activity, v->activity) != 0 ||
	    lobby_now == v->runnable) {
		struct plain_view keep = *v;

		plain_view_init(v);
		v->have = 1;
		memcpy(v->banner, keep.banner, sizeof v->banner);
		memcpy(v->me, keep.me, sizeof v->me);
		v->current = s->current;
		snprintf(v->activity, sizeof v->activity, "%s", s->activity);
		block(v, s, out, 0);
	} else if (!lobby_now)
		update(v, s, out);
	v->runnable = !lobby_now;
	v->state = lobby_now ? -1 : s->state;
	timer(v, s, out);
}

/* `again`: the current activity read out whole. */
void
plain_render_again(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	if (s->banner[0] != '\0')
		plain_say(out, "Message from the facilitator: %s", s->banner);
	block(v, s, out, 1);
}

/* `status`: what is open, what you have answered. */
void
plain_render_status(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	if (s->current < 0 || s->current >= s->n_items) {
		plain_say(out, "Status: in the lobby, %u here.", s->connected);
		return;
	}
	plain_say(out, "Status: activity %d of %u, %s, %s, %u here.",
	    s->current + 1, s->n_items, s->items[s->current].title,
	    (s->flags & SNAP_RUNNABLE) ? act_state_name(s->state) :
	    "nothing to answer", s->connected);
	if (in_lobby(s))
		return;
	if (s->state == ACT_OPEN && s->remaining >= 0)
		plain_say(out, "Timer: %d:%02d left.", s->remaining / 60,
		    s->remaining % 60);
	if (plain_kind_of(s->kind)->status != NULL)
		plain_kind_of(s->kind)->status(v, s, out);
}
