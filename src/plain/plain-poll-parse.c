/* plain-poll-parse.c: a typed line as a poll's answer, in the format its
 * screen would send: an option, a list of options, a ranking, a text. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "act-poll.h"
#include "plain-poll.h"

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
			return plain_error(in, "Pick %d-%d.", s->scale_min, hi);
	} else if ((o = option_of(s, line)) < 0)
		return plain_error(in, "Pick 1-%d%s.", s->n_options,
		    strpbrk(line, " ,") ? ": one number" : "");
	snprintf(v, sizeof v, "%d", o + 1);
	return plain_answer(in, v, "Saved: %s. You can change "
	    "it until the poll closes.", s->options[o]);
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
			plain_error(in, "Pick 1-%d: %s is not an option.",
			    s->n_options, tok);
			return -1;
		}
		if (seen & 1 << o) {
			plain_error(in, "Option %d is there twice: "
			    "give each once.", o + 1);
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

int
plain_poll_parse(const struct plain_view *view, const struct snapshot *s,
    const char *line, struct plain_input *in)
{
	int opts[SNAP_MAX_OPTIONS], n, missing = -1;
	char v[64], said[PLAIN_LINE_MAX];

	(void)view;
	switch (s->poll_type) {
	case POLL_TEXT:
		if (!plain_text_ok(in, "", line))
			return PW_ERROR;
		in->cut = 1;
		return plain_answer(in, line, "Saved your answer, %zu "
		    "characters. You can change it until the "
		    "poll closes.", util_utf8_chars(line));
	case POLL_MULTI:
		if ((n = parse_list(s, line, opts, in)) < 0)
			return PW_ERROR;
		if (n > s->max_picks)
			return plain_error(in, "Pick at most %d: you gave %d.",
			    s->max_picks, n);
		qsort(opts, (size_t)n, sizeof *opts, cmp_int);
		poll_join_list(opts, n, v, sizeof v);
		plain_describe(s, v, said, sizeof said);
		return plain_answer(in, v, "Saved: %s. You can "
		    "change it until the poll closes.", said);
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
			return plain_error(in, "Rank all %d, best "
			    "first: you gave %d, %d is "
			    "missing.", s->n_options, n, missing + 1);
		}
		poll_join_list(opts, n, v, sizeof v);
		plain_describe(s, v, said, sizeof said);
		return plain_answer(in, v, "Saved: %s. You can "
		    "change it until the poll closes.", said);
	}
	return parse_single(s, line, in);
}

/* `help`: what the poll takes. */
void
plain_poll_help(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	(void)v;
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
