/* plain-render.c: a snapshot as plain lines: one line per change that
 * matters (never a redraw), each line short and starting with its topic. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "plain.h"

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

/* The text after a scale option's number ("4 Agree" -> "Agree"). */
static const char *
scale_word(const char *option)
{
	const char *sp = strchr(option, ' ');

	return sp != NULL ? sp + 1 : "";
}

/* Append to a line under construction, never past its end. */
static void
add(char *buf, size_t cap, const char *fmt, ...)
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
static void
say_points(const struct plain_out *out, int n, char value[][8],
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
			add(line, sizeof line, "%s%s %s", i ? ", " : "Answer: ",
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
			add(line, sizeof line, "%s%s %s", k++ ? ", " : ": ",
			    value[i], word[i]);
	plain_say(out, "%s.", line);
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
		say_points(out, s->n_options, value, word);
}

/* A form's scale; a label that starts with its value loses the value. */
static void
slot_points(const struct snapshot *s, const struct snap_slot *sl,
    const struct plain_out *out)
{
	const struct snap_scale *sc = &s->scales[sl->scale < SNAP_MAX_SCALES ?
	    sl->scale : 0];
	char value[SNAP_MAX_OPTIONS][8];
	const char *word[SNAP_MAX_OPTIONS];
	int n = sc->n < SNAP_MAX_OPTIONS ? sc->n : SNAP_MAX_OPTIONS;

	for (int i = 0; i < n; i++) {
		size_t vl = strlen(sc->values[i]);

		snprintf(value[i], sizeof value[i], "%s", sc->values[i]);
		word[i] = sc->labels[i];
		if (strncmp(word[i], sc->values[i], vl) == 0 &&
		    (word[i][vl] == ' ' || word[i][vl] == '\0'))
			word[i] += vl + (word[i][vl] == ' ');
	}
	if (n > 0)
		say_points(out, n, value, word);
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
				add(out, cap, "%s%d %s", k ? ", " : "", k + 1,
				    s->options[o]);
			else
				add(out, cap, "%s%s", k ? ", " : "",
				    s->options[o]);
			k++;
		}
		p += strcspn(p, ",");
		p += *p == ',';
	}
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
			add(line, sizeof line, "%s%s %u", i ? ", " : ". Words: ",
			    s->words[i].word, s->words[i].count);
		plain_say(out, "%s.", line);
		return;
	}
	if (s->poll_type == POLL_RANK) {
		snprintf(line, sizeof line, "Results, %u ranked, by Borda "
		    "points", s->answered);
		order(s, s->counts, idx);
		for (int i = 0; i < s->n_options; i++)
			add(line, sizeof line, "%s%s %u (mean rank %.2f)", i ?
			    ", " : ": ", s->options[idx[i]], s->counts[idx[i]],
			    s->stat[idx[i]] / 100.0);
		plain_say(out, "%s.", line);
		return;
	}
	snprintf(line, sizeof line, "Results, %u answered", s->answered);
	if (s->poll_type == POLL_SCALE && s->answered > 0)
		add(line, sizeof line, ", mean %.2f on %d to %d",
		    s->mean100 / 100.0, s->scale_min, s->scale_min +
		    s->n_options - 1);
	/* A scale reads in its own order; choices most chosen first. */
	if (s->poll_type == POLL_SCALE)
		for (int i = 0; i < s->n_options; i++)
			idx[i] = i;
	else
		order(s, s->counts, idx);
	for (int i = 0; i < s->n_options; i++)
		add(line, sizeof line, "%s%s %u%%", i ? ", " : ": ",
		    s->options[idx[i]], pct(s->counts[idx[i]], s->answered));
	plain_say(out, "%s.", line);
	for (int k = 0; (s->flags & SNAP_BY_SITE) && k < s->n_sites; k++) {
		const struct snap_site *st = &s->sites[k];

		snprintf(line, sizeof line, "By site, %s, %u answered",
		    st->name, st->n);
		for (int i = 0; i < s->n_options; i++)
			add(line, sizeof line, "%s%s %u%%", i ? ", " : ": ",
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

static int
first_open(const struct snapshot *s)
{
	for (int i = 0; i < s->n_slots; i++)
		if (s->slots[i].mine[0] == '\0')
			return i;
	return s->n_slots;
}

/* The form's question `form_cur`, unless it was the last one read out. */
void
plain_form_next(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	const struct snap_slot *sl;
	char list[PLAIN_LINE_MAX] = "";
	int done = 0, open = 0;

	if (s->kind != ACT_ASSESS && s->kind != ACT_FEEDBACK)
		return;
	if (s->state != ACT_OPEN || v->form_asked == v->form_cur)
		return;
	v->form_asked = v->form_cur;
	if (v->form_cur >= s->n_slots) {
		for (int i = 0; i < s->n_slots; i++) {
			if (s->slots[i].mine[0] != '\0')
				done++;
			else
				add(list, sizeof list, "%s%d", open++ ? ", " : "",
				    i + 1);
		}
		plain_say(out, "End of the form: you answered %d of %d.", done,
		    s->n_slots);
		if (list[0] != '\0')
			plain_say(out, "Not answered: %s.", list);
		plain_say(out, s->submitted ? "Submitted. You can still change "
		    "answers with go N until the form closes." : "Type submit "
		    "to send the form, or go N to change an answer.");
		return;
	}
	sl = &s->slots[v->form_cur];
	plain_say(out, "Question %d of %d: %s", v->form_cur + 1, s->n_slots,
	    sl->text);
	if (sl->kind == SLOT_TEXT)
		plain_say(out, "Type your answer, up to %d characters, or skip.",
		    PLAIN_TEXT_MAX);
	else
		slot_points(s, sl, out);
	if (sl->mine[0] != '\0')
		plain_say(out, "Your answer: %s.", sl->mine);
}

static void
form_block(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int again)
{
	int done = 0;

	for (int i = 0; i < s->n_slots; i++)
		done += s->slots[i].mine[0] != '\0';
	plain_say(out, "Form: %s, %d questions.", s->form_title, s->n_slots);
	if (s->form_by)
		plain_say(out, "One answer per site: agree it with your team.");
	if (s->state != ACT_OPEN) {
		plain_say(out, "Form closed. Thank you.");
		return;
	}
	if (!again) {
		v->form_cur = first_open(s);
		plain_say(out, "One question at a time: type your answer; skip, "
		    "back, go N and submit move around.");
		if (done > 0 && done < s->n_slots)
			plain_say(out, "You answered %d of %d: carrying on at "
			    "question %d.", done, s->n_slots, v->form_cur + 1);
	}
	v->submitted = s->submitted;
	v->form_asked = -1;
	plain_form_next(v, s, out);
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
	switch (s->kind) {
	case ACT_POLL:
		poll_block(v, s, out);
		if (s->state == ACT_CLOSED) {
			poll_closed(s, out);
			v->results = 0;
			poll_results(v, s, out);
		}
		break;
	case ACT_CAFE:
		plain_render_cafe(v, s, out, 1);
		break;
	case ACT_BREAKOUT:
		plain_render_breakout(v, s, out, 1);
		break;
	case ACT_ASSESS:
	case ACT_FEEDBACK:
		form_block(v, s, out, again);
		break;
	}
	if (s->state == ACT_OPEN && s->remaining >= 0)
		say_timer(v, s, out, "Timer: ");
}

/* The same activity, a later snapshot: only what changed. */
static void
update(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	switch (s->kind) {
	case ACT_POLL:
		if (v->state != s->state && s->state == ACT_CLOSED)
			poll_closed(s, out);
		else if (v->state != s->state || question_hash(s) != v->qhash) {
			plain_say(out, v->state != s->state ? "Poll reopened." :
			    "Poll changed.");
			block(v, s, out, 0);
			return;
		}
		poll_results(v, s, out);
		break;
	case ACT_CAFE:
		plain_render_cafe(v, s, out, 0);
		break;
	case ACT_BREAKOUT:
		plain_render_breakout(v, s, out, 0);
		break;
	default:
		if (v->state != s->state && s->state == ACT_CLOSED)
			plain_say(out, "Form closed. Thank you.");
		else if (v->state != s->state)
			block(v, s, out, 0);
		else if (s->submitted && !v->submitted && s->form_by)
			plain_say(out, "Form submitted for your site.");
		v->submitted = s->submitted;
	}
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
	char mine[VALUE_MAX_LEN + 1];
	int done = 0;

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
	switch (s->kind) {
	case ACT_POLL:
		plain_describe(s, s->mine_value, mine, sizeof mine);
		plain_say(out, mine[0] ? "Your answer: %s." : "You have not "
		    "answered yet.%s", mine);
		break;
	case ACT_CAFE:
		if (s->my_table > 0)
			plain_say(out, "Café round %u of %u, your table %u.",
			    s->round, s->rounds, s->my_table);
		break;
	case ACT_BREAKOUT:
		if (s->my_table > 0 && s->my_table <= s->n_groups)
			plain_say(out, "Your group: %s, %u lines in its note.",
			    s->groups[s->my_table - 1].name,
			    s->groups[s->my_table - 1].n_lines);
		break;
	default:
		for (int i = 0; i < s->n_slots; i++)
			done += s->slots[i].mine[0] != '\0';
		if (v->form_cur < s->n_slots)
			plain_say(out, "You answered %d of %d questions%s; now "
			    "at question %d.", done, s->n_slots, s->submitted ?
			    " and submitted" : "", v->form_cur + 1);
		else
			plain_say(out, "You answered %d of %d questions%s; now "
			    "at the end.", done, s->n_slots, s->submitted ?
			    " and submitted" : "");
	}
}
