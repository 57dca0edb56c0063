/* plain-parse.c: one typed line to what it asks for: a command, or an
 * answer to the current activity in the format its screen would send. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "plain.h"

static const char *const commit_word[COMMIT_FIELDS] = {
	"change", "owner", "due", "measure"
};
static const char *const commit_label[COMMIT_FIELDS] = {
	"change to test", "owner", "by when", "measure"
};

static int
error(struct plain_input *in, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
error(struct plain_input *in, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->error, sizeof in->error, fmt, ap);
	va_end(ap);
	in->what = PW_ERROR;
	return PW_ERROR;
}

static int
answer(struct plain_input *in, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
answer(struct plain_input *in, const char *value, const char *fmt, ...)
{
	va_list ap;

	snprintf(in->answer, sizeof in->answer, "%s", value);
	va_start(ap, fmt);
	vsnprintf(in->said, sizeof in->said, fmt, ap);
	va_end(ap);
	in->what = PW_ANSWER;
	return PW_ANSWER;
}

/* Free text: at most PLAIN_TEXT_MAX characters, and room for `prefix`. */
static int
text_ok(struct plain_input *in, const char *prefix, const char *text)
{
	size_t n = util_utf8_chars(text);

	if (n > PLAIN_TEXT_MAX || strlen(prefix) + strlen(text) >
	    VALUE_MAX_LEN) {
		error(in, "Too long: %zu characters, at most %d. Nothing was "
		    "sent.", n, PLAIN_TEXT_MAX);
		return 0;
	}
	return 1;
}

/*
 * Does `typed` name the point with value `value` and label `word`?  Numbers
 * compare as numbers ("5.0" is "5"), words without regard to case.  A
 * digit always means the point labelled with it, never a position.
 */
int
plain_point(const char *typed, const char *value)
{
	char *e1, *e2;
	double a = strtod(typed, &e1), b = strtod(value, &e2);

	if (e1 != typed && *e1 == '\0' && e2 != value && *e2 == '\0')
		return a == b;
	return strcasecmp(typed, value) == 0;
}

/* A poll option by its number (1..n), or by its label typed whole. */
static int
option_of(const struct snapshot *s, const char *tok)
{
	char *end;
	long n;

	if (isdigit((unsigned char)tok[0])) {
		n = strtol(tok, &end, 10);
		return *end == '\0' && n >= 1 && n <= s->n_options ?
		    (int)n - 1 : -2;
	}
	for (int i = 0; i < s->n_options; i++)
		if (strcasecmp(tok, s->options[i]) == 0)
			return i;
	return -1;
}

static int
parse_single(const struct snapshot *s, const char *line,
    struct plain_input *in)
{
	char v[16];
	int o = -1;

	if (s->poll_type == POLL_SCALE) {
		int hi = s->scale_min + s->n_options - 1;

		for (int i = 0; i < s->n_options && o < 0; i++) {
			const char *w = strchr(s->options[i], ' ');

			snprintf(v, sizeof v, "%d", s->scale_min + i);
			if (plain_point(line, v) || (w != NULL &&
			    strcasecmp(line, w + 1) == 0))
				o = i;
		}
		if (o < 0)
			return error(in, "Pick %d-%d.", s->scale_min, hi);
	} else if ((o = option_of(s, line)) < 0)
		return error(in, "Pick 1-%d%s.", s->n_options, strpbrk(line,
		    " ,") ? ": one number" : "");
	snprintf(v, sizeof v, "%d", o + 1);
	return answer(in, v, "Saved: %s. You can change it until the poll "
	    "closes.", s->options[o]);
}

/* "1 4", "1,4", "3 1 2": option numbers, each once. */
static int
parse_list(const struct snapshot *s, const char *line, int *opts,
    struct plain_input *in)
{
	char buf[VALUE_MAX_LEN + 1], *tok, *save;
	int n = 0, seen = 0;

	snprintf(buf, sizeof buf, "%s", line);
	for (tok = strtok_r(buf, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		int o = option_of(s, tok);

		if (o < 0) {
			error(in, "Pick 1-%d: %s is not an option.",
			    s->n_options, tok);
			return -1;
		}
		if (seen & 1 << o) {
			error(in, "Option %d is there twice: give each once.",
			    o + 1);
			return -1;
		}
		seen |= 1 << o;
		if (n < SNAP_MAX_OPTIONS)
			opts[n++] = o;
	}
	return n;
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static int
parse_poll(const struct snapshot *s, const char *line, struct plain_input *in)
{
	int opts[SNAP_MAX_OPTIONS], n, missing = -1;
	char v[64], said[PLAIN_LINE_MAX];

	switch (s->poll_type) {
	case POLL_TEXT:
		if (!text_ok(in, "", line))
			return PW_ERROR;
		return answer(in, line, "Saved your answer, %zu characters. You "
		    "can change it until the poll closes.", util_utf8_chars(line));
	case POLL_MULTI:
		if ((n = parse_list(s, line, opts, in)) < 0)
			return PW_ERROR;
		if (n > s->max_picks)
			return error(in, "Pick at most %d: you gave %d.",
			    s->max_picks, n);
		qsort(opts, (size_t)n, sizeof *opts, cmp_int);
		poll_join_list(opts, n, v, sizeof v);
		plain_describe(s, v, said, sizeof said);
		return answer(in, v, "Saved: %s. You can change it until the "
		    "poll closes.", said);
	case POLL_RANK:
		if ((n = parse_list(s, line, opts, in)) < 0)
			return PW_ERROR;
		if (n != s->n_options) {
			for (int i = s->n_options - 1; i >= 0; i--) {
				int there = 0;

				for (int k = 0; k < n; k++)
					there |= opts[k] == i;
				if (!there)
					missing = i;
			}
			return error(in, "Rank all %d, best first: you gave %d, "
			    "%d is missing.", s->n_options, n, missing + 1);
		}
		poll_join_list(opts, n, v, sizeof v);
		plain_describe(s, v, said, sizeof said);
		return answer(in, v, "Saved: %s. You can change it until the "
		    "poll closes.", said);
	}
	return parse_single(s, line, in);
}

/* A form: answers go to the question being asked; words move around. */
static int
parse_form(const struct plain_view *v, const struct snapshot *s,
    const char *line, struct plain_input *in)
{
	const struct snap_slot *sl;
	const struct snap_scale *sc;
	char value[VALUE_MAX_LEN + 1], *end;
	long n;

	in->slot = v->form_cur;
	if (strcasecmp(line, "skip") == 0 || strcasecmp(line, "next") == 0) {
		if (v->form_cur >= s->n_slots)
			return error(in, "This is the end of the form: type "
			    "submit.");
		in->slot = v->form_cur + 1;
		return in->what = PW_MOVE;
	}
	if (strcasecmp(line, "back") == 0) {
		if (v->form_cur <= 0)
			return error(in, "This is the first question.");
		in->slot = v->form_cur - 1;
		return in->what = PW_MOVE;
	}
	if (strncasecmp(line, "go ", 3) == 0) {
		n = strtol(line + 3, &end, 10);
		if (*end != '\0' || n < 1 || n > s->n_slots)
			return error(in, "Pick a question 1-%d.", s->n_slots);
		in->slot = (int)n - 1;
		return in->what = PW_MOVE;
	}
	if (strcasecmp(line, "submit") == 0) {
		in->slot = -1;
		return answer(in, "submit", "Submitted. Thank you. You can still "
		    "change answers until the form closes.");
	}
	if (v->form_cur >= s->n_slots)
		return error(in, "End of the form: type submit, or go N to "
		    "change an answer.");
	sl = &s->slots[v->form_cur];
	if (sl->kind == SLOT_TEXT) {
		snprintf(value, sizeof value, "%s=", sl->id);
		if (!text_ok(in, value, line))
			return PW_ERROR;
		snprintf(value, sizeof value, "%s=%s", sl->id, line);
		return answer(in, value, "Saved, question %d: %zu characters.",
		    v->form_cur + 1, util_utf8_chars(line));
	}
	sc = &s->scales[sl->scale < SNAP_MAX_SCALES ? sl->scale : 0];
	for (int i = 0; i < sc->n && i < SNAP_MAX_OPTIONS; i++) {
		const char *w = sc->labels[i];
		size_t vl = strlen(sc->values[i]);

		if (strncmp(w, sc->values[i], vl) == 0 && w[vl] == ' ')
			w += vl + 1;
		if (plain_point(line, sc->values[i]) || strcasecmp(line, w) ==
		    0) {
			snprintf(value, sizeof value, "%s=%s", sl->id,
			    sc->values[i]);
			return answer(in, value, "Saved, question %d: %s.",
			    v->form_cur + 1, sc->labels[i]);
		}
	}
	if (sc->n == 0)
		return error(in, "This question takes no answer: type skip.");
	return error(in, "Pick %s-%s, or type skip.", sc->values[0],
	    sc->values[sc->n - 1]);
}

static int
parse_breakout(const struct snapshot *s, const char *line,
    struct plain_input *in)
{
	char value[VALUE_MAX_LEN + 1], *end;
	long n;

	if (strncasecmp(line, "group ", 6) == 0 && s->group_mode ==
	    BREAKOUT_CHOOSE) {
		n = strtol(line + 6, &end, 10);
		if (*end != '\0' || n < 1 || n > s->n_groups)
			return error(in, "Pick a group 1-%u.", s->n_groups);
		snprintf(value, sizeof value, "@%ld", n);
		return answer(in, value, "Joined group %ld: %s.", n,
		    s->groups[n - 1].name);
	}
	if (s->my_table == 0)
		return error(in, s->group_mode == BREAKOUT_CHOOSE ? "Pick a "
		    "group first: type group and its number." : "You have no "
		    "group yet: ask the facilitator.");
	for (int f = 0; f < COMMIT_FIELDS; f++) {
		size_t k = strlen(commit_word[f]);
		const char *t = line + k + 1;

		if (strncasecmp(line, commit_word[f], k) != 0 || line[k] != ':')
			continue;
		t += strspn(t, " ");
		if (*t == '\0')
			return error(in, "Type the %s after %s: on the same "
			    "line.", commit_label[f], commit_word[f]);
		snprintf(value, sizeof value, "!%s ", commit_word[f]);
		if (!text_ok(in, value, t))
			return PW_ERROR;
		snprintf(value, sizeof value, "!%s %s", commit_word[f], t);
		in->commit = f;
		return answer(in, value, "Saved, %s: %s.", commit_label[f], t);
	}
	if (strncasecmp(line, "edit ", 5) == 0 && isdigit((unsigned char)
	    line[5])) {
		n = strtol(line + 5, &end, 10);
		end += strspn(end, " ");
		if (n < 1 || n > s->n_notes || !(s->notes[n - 1].flags &
		    NOTE_MINE))
			return error(in, "Line %ld is not one of yours: you can "
			    "change only your own lines.", n);
		if (*end == '\0')
			return error(in, "Type the new text after edit %ld.", n);
		if (!text_ok(in, "=4294967295 ", end))
			return PW_ERROR;
		snprintf(value, sizeof value, "=%u %s", s->notes[n - 1].id, end);
		return answer(in, value, "Changed note line %ld.", n);
	}
	if (!text_ok(in, "+", line))
		return PW_ERROR;
	snprintf(value, sizeof value, "+%s", line);
	return answer(in, value, "Added to the note.");
}

static int
command(const char *line)
{
	static const struct {
		const char *word;
		int what;
	} cmds[] = {
		{ "help", PW_HELP }, { "?", PW_HELP }, { "again", PW_AGAIN },
		{ "repeat", PW_AGAIN }, { "status", PW_STATUS },
		{ "results", PW_RESULTS }, { "quit", PW_QUIT },
		{ "leave", PW_QUIT }, { "exit", PW_QUIT }
	};

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcasecmp(line, cmds[i].word) == 0)
			return cmds[i].what;
	return PW_NONE;
}

/*
 * A line typed by the participant: a command word (help, again, status,
 * results, quit) or an answer to what is open now.  A line in double
 * quotes is always an answer, so a command word can be sent as text.
 */
int
plain_parse(const struct plain_view *v, const struct snapshot *s,
    const char *typed, struct plain_input *in)
{
	char line[VALUE_MAX_LEN * 4 + 1];
	size_t len;
	int quoted = 0;

	memset(in, 0, sizeof *in);
	in->commit = -1;
	snprintf(line, sizeof line, "%s", typed);
	util_sanitize(line, sizeof line);
	len = strlen(line);
	if (len >= 2 && line[0] == '"' && line[len - 1] == '"') {
		memmove(line, line + 1, len - 2);
		line[len - 2] = '\0';
		util_sanitize(line, sizeof line);
		quoted = 1;
	}
	if (line[0] == '\0')
		return in->what = PW_NONE;
	if (!quoted && (in->what = command(line)) != PW_NONE)
		return in->what;
	if (s == NULL)
		return error(in, "Not connected yet: wait for the session.");
	if (s->current < 0 || s->current >= s->n_items || !(s->flags &
	    SNAP_RUNNABLE) || s->state == ACT_WAITING)
		return error(in, "Nothing to answer now: the next question "
		    "will appear by itself.");
	if (s->state != ACT_OPEN)
		return error(in, "This has closed: answers are no longer "
		    "taken.");
	switch (s->kind) {
	case ACT_POLL:
		return parse_poll(s, line, in);
	case ACT_CAFE:
		if (s->my_table == 0)
			return error(in, "You have no table yet: wait a "
			    "moment.");
		if (!text_ok(in, "+", line))
			return PW_ERROR;
		snprintf(in->answer, sizeof in->answer, "+%s", line);
		snprintf(in->said, sizeof in->said, "Added to the "
		    "tablecloth of table %u.", s->my_table);
		return in->what = PW_ANSWER;
	case ACT_BREAKOUT:
		return parse_breakout(s, line, in);
	case ACT_ASSESS:
	case ACT_FEEDBACK:
		return parse_form(v, s, line, in);
	}
	return error(in, "Nothing to answer here.");
}

static void
help_poll(const struct snapshot *s, const struct plain_out *out)
{
	switch (s->poll_type) {
	case POLL_SINGLE:
		plain_say(out, "Now: type one number, 1 to %d, or the option's "
		    "words.", s->n_options);
		break;
	case POLL_SCALE:
		plain_say(out, "Now: type the number of a point, %d to %d: 10 "
		    "means the point labelled 10.", s->scale_min, s->scale_min +
		    s->n_options - 1);
		break;
	case POLL_MULTI:
		plain_say(out, "Now: type up to %d option numbers on one line, "
		    "like 1 3.", s->max_picks);
		break;
	case POLL_RANK:
		plain_say(out, "Now: type all %d option numbers, best first, "
		    "like 2 1 3.", s->n_options);
		break;
	case POLL_TEXT:
		plain_say(out, "Now: type your answer on one line, up to %d "
		    "characters. To send a word such as help, put it in double "
		    "quotes.", PLAIN_TEXT_MAX);
		break;
	}
	plain_say(out, "Typing again changes your answer until the poll "
	    "closes.");
}

/* `help`: what can be typed now. */
void
plain_help(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	plain_say(out, "Help: at any time type help, again (repeat the "
	    "question), status, results or quit.");
	if (s == NULL || s->current < 0 || s->current >= s->n_items ||
	    !(s->flags & SNAP_RUNNABLE) || s->state != ACT_OPEN) {
		plain_say(out, "Now: nothing to answer. Questions appear here by "
		    "themselves.");
		return;
	}
	switch (s->kind) {
	case ACT_POLL:
		help_poll(s, out);
		break;
	case ACT_CAFE:
		plain_say(out, "Now: each line you type is added to your "
		    "table's tablecloth.");
		break;
	case ACT_BREAKOUT:
		if (s->group_mode == BREAKOUT_CHOOSE)
			plain_say(out, "Now: group and a number joins that "
			    "group.");
		plain_say(out, "Now: a line you type is added to your group's "
		    "note. edit N and text changes your line N.");
		plain_say(out, "Commitment: type change:, owner:, due: or "
		    "measure:, then the text, on one line.");
		break;
	default:
		plain_say(out, "Now: type the answer to question %d. skip or "
		    "next, back, go N and submit move around the form.",
		    v->form_cur + 1);
	}
}
