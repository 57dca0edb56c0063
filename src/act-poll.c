/* act-poll.c: the poll activity: checking, answers and its snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"

static int
check_poll(struct plan_activity *a, char *why, size_t n)
{
	const char *type = plan_kv_get(a, "type");

	if (a->question == NULL) {
		snprintf(why, n, "needs question = ...");
		return -1;
	}
	if (type == NULL) {
		snprintf(why, n, "needs type = single|multi|scale|text|rank");
		return -1;
	}
	switch (a->poll_type) {
	case POLL_SINGLE:
	case POLL_MULTI:
	case POLL_RANK:
		if (a->n_options == 0) {
			snprintf(why, n, "%s poll needs options = a | b | ...",
			    type);
			return -1;
		}
		for (int i = 0; i < a->n_options; i++)
			if (a->options[i][0] == '\0') {
				snprintf(why, n, "option %d is empty", i + 1);
				return -1;
			}
		if (a->n_options < (a->poll_type == POLL_RANK ? 3 : 2) ||
		    a->n_options > 9) {
			snprintf(why, n, "%s poll needs %s to 9 options, not %d",
			    type, a->poll_type == POLL_RANK ? "3" : "2",
			    a->n_options);
			return -1;
		}
		break;
	case POLL_SCALE:
		if (plan_kv_get(a, "scale") == NULL &&
		    plan_kv_get(a, "likert") == NULL) {
			snprintf(why, n, "scale poll needs scale = 1..5 or "
			    "likert = ...");
			return -1;
		}
		if (a->n_options > 0) {
			snprintf(why, n, "scale poll takes scale = or likert =, "
			    "not options =");
			return -1;
		}
		break;
	case POLL_TEXT:
		if (a->n_options > 0) {
			snprintf(why, n, "text poll takes no options");
			return -1;
		}
		break;
	}
	if (plan_kv_get(a, "max") != NULL && (a->poll_type != POLL_MULTI ||
	    atoi(plan_kv_get(a, "max")) > a->n_options)) {
		snprintf(why, n, "max = applies to multi polls and may not "
		    "exceed the number of options");
		return -1;
	}
	/* This build runs single-choice polls; other types are coming. */
	a->runnable = a->poll_type == POLL_SINGLE;
	return 0;
}

/* The option a value names: "1".."9" counting from 1; -1 if none. */
int
poll_option_of(const struct plan_activity *a, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v < '0' || *v > '9' || *end != '\0' || n < 1 || n > a->n_options)
		return -1;
	return (int)n - 1;
}

static int
answer_poll(const struct plan_activity *a, const char *in, char *out,
    size_t outlen, int *choice, char *why, size_t n)
{
	int o = poll_option_of(a, in);

	if (o < 0) {
		snprintf(why, n, "answer with an option from 1 to %d",
		    a->n_options);
		return -1;
	}
	snprintf(out, outlen, "%s", a->options[o]);
	*choice = o;
	return 0;
}

static void
snapshot_poll(const struct session *s, int idx, int results,
    struct snapshot *snap)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const struct act_run *run = &s->runs[idx];

	snap->n_options = (uint8_t)a->n_options;
	for (int i = 0; i < a->n_options && i < SNAP_MAX_OPTIONS; i++) {
		util_strlcpy(snap->options[i], a->options[i],
		    sizeof snap->options[i]);
		snap->counts[i] = results ? run->counts[i] : 0;
	}
}

const struct activity_ops act_poll_ops = {
	.kind = ACT_POLL,
	.check = check_poll,
	.answer = answer_poll,
	.snapshot = snapshot_poll,
};
