/* plain-parse.c: one typed line to what it asks for: a command, or an
 * answer to the current activity, which its kind reads (plain_kind). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "plain-int.h"

/* A line refused: say why. */
int
plain_error(struct plain_input *in, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->error, sizeof in->error, fmt, ap);
	va_end(ap);
	in->what = PW_ERROR;
	return PW_ERROR;
}

/* A line to send as `value`; once it is acknowledged, say `fmt`. */
int
plain_answer(struct plain_input *in, const char *value, const char *fmt, ...)
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
int
plain_text_ok(struct plain_input *in, const char *prefix, const char *text)
{
	size_t n = util_utf8_chars(text);

	if (n > PLAIN_TEXT_MAX || strlen(prefix) + strlen(text) >
	    VALUE_MAX_LEN) {
		plain_error(in, "Too long: %zu characters, at most %d. "
		    "Nothing was sent.", n, PLAIN_TEXT_MAX);
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
	in->slot = -1;
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
		return plain_error(in, "Not connected yet: wait for the "
		    "session.");
	if (s->current < 0 || s->current >= s->n_items || !(s->flags &
	    SNAP_RUNNABLE) || s->state == ACT_WAITING)
		return plain_error(in, "Nothing to answer now: the next "
		    "question will appear by itself.");
	if (s->state != ACT_OPEN)
		return plain_error(in, "This has closed: answers are no longer "
		    "taken.");
	if (plain_kind_of(s->kind)->parse != NULL)
		return plain_kind_of(s->kind)->parse(v, s, line, in);
	return plain_error(in, "Nothing to answer here.");
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
	if (plain_kind_of(s->kind)->help != NULL)
		plain_kind_of(s->kind)->help(v, s, out);
}
