/* act-poll-plan.c: the [poll] section of a plan: its keys and checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-poll.h"
#include "kind-plan.h"

static const struct plan_key poll_keys[] = {
	{ "question", K_TEXT, NULL },
	{ "type", K_ENUM, "single|multi|scale|text|rank" },
	{ "options", K_LIST, NULL },
	{ "max", K_INT, "1 1000" },	/* multi: picks; text: chars */
	{ "scale", K_RANGE, NULL },
	{ "labels", K_LIST, NULL },
	{ "likert",
	    K_ENUM, "agreement|frequency|importance|quality|likelihood" },
};

static const struct kind_section poll_sections[] = {
	{ ACT_POLL, "poll", KIND_KEYS(poll_keys) },
};

static char *
dup_or_die(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		abort();
	return d;
}

/* A scale's options are its points, labelled at the ends (or at every
 * point, with a Likert template or as many labels as points). */
static int
make_scale(struct plan_activity *a, char *why, size_t n)
{
	const char *const *likert = NULL;
	const char *lk = plan_kv_get(a, "likert"), *lb = plan_kv_get(a,
	    "labels");
	char **labels = NULL;
	int lo, hi, nl = 0, points;

	if (lk != NULL && plan_kv_get(a, "scale") != NULL) {
		snprintf(why, n, "give scale = or likert =, not both");
		return -1;
	}
	if (lk != NULL)
		likert = poll_likert(lk);
	if (poll_scale_points(a, &lo, &hi) != 0) {
		snprintf(why, n, "scale poll needs scale = 1..5 or likert = ...");
		return -1;
	}
	points = hi - lo + 1;
	if (lb != NULL) {
		labels = calloc(SNAP_MAX_OPTIONS, sizeof *labels);
		if (labels == NULL)
			abort();
		nl = kv_split(lb, labels, SNAP_MAX_OPTIONS);
		if (nl != 2 && nl != points) {
			snprintf(why, n, "labels = needs 2 end labels or %d, one "
			    "per point, not %d", points, nl);
			for (int i = 0; i < nl && i < SNAP_MAX_OPTIONS; i++)
				free(labels[i]);
			free(labels);
			return -1;
		}
	}
	a->options = calloc((size_t)points, sizeof *a->options);
	if (a->options == NULL)
		abort();
	a->n_options = points;
	for (int i = 0; i < points; i++) {
		char buf[SNAP_OPTION_LEN + 1];
		const char *l = likert ? likert[i] : nl == points ? labels[i] :
		    nl == 2 && i == 0 ? labels[0] : nl == 2 && i == points - 1 ?
		    labels[1] : NULL;

		if (l != NULL)
			snprintf(buf, sizeof buf, "%d %s", lo + i, l);
		else
			snprintf(buf, sizeof buf, "%d", lo + i);
		a->options[i] = dup_or_die(buf);
	}
	for (int i = 0; i < nl && i < SNAP_MAX_OPTIONS; i++)
		free(labels[i]);
	free(labels);
	return 0;
}

static void
set_poll(struct plan_activity *a, const char *k, const char *v)
{
	if (strcmp(k, "question") == 0) {
		free(a->question);
		a->question = dup_or_die(v);
	} else if (strcmp(k, "type") == 0)
		a->poll_type = strcmp(v, "multi") == 0 ? POLL_MULTI :
		    strcmp(v, "scale") == 0 ? POLL_SCALE :
		    strcmp(v, "text") == 0 ? POLL_TEXT :
		    strcmp(v, "rank") == 0 ? POLL_RANK : POLL_SINGLE;
	else if (strcmp(k, "options") == 0) {
		int n = kv_split(v, NULL, 0);

		for (int i = 0; i < a->n_options; i++)
			free(a->options[i]);
		free(a->options);
		if ((a->options = calloc((size_t)n, sizeof *a->options)) ==
		    NULL)
			abort();
		a->n_options = kv_split(v, a->options, n);
	}
}

static int
check_poll(struct plan_activity *a, char *why, size_t n)
{
	const char *type = plan_kv_get(a, "type");
	const char *max = plan_kv_get(a, "max");

	if (a->question == NULL) {
		snprintf(why, n, "needs question = ...");
		return -1;
	}
	if (type == NULL) {
		snprintf(why, n, "needs type = single|multi|scale|text|rank");
		return -1;
	}
	if ((plan_kv_get(a, "scale") || plan_kv_get(a, "likert") ||
	    plan_kv_get(a, "labels")) && a->poll_type != POLL_SCALE) {
		snprintf(why, n, "scale =, likert = and labels = belong to "
		    "scale polls");
		return -1;
	}
	if (max != NULL && a->poll_type != POLL_MULTI &&
	    a->poll_type != POLL_TEXT) {
		snprintf(why, n, "max = applies to multi and text polls only");
		return -1;
	}
	if (max != NULL && a->poll_type == POLL_MULTI && atoi(max) > 9) {
		snprintf(why, n, "max = %s: a multi poll has at most 9 options",
		    max);
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
		if (max != NULL && atoi(max) > a->n_options) {
			snprintf(why, n, "max = %s is more than the %d options",
			    max, a->n_options);
			return -1;
		}
		break;
	case POLL_SCALE:
		if (a->n_options > 0) {
			snprintf(why, n, "scale poll takes scale = or likert =, "
			    "not options =");
			return -1;
		}
		if (make_scale(a, why, n) != 0)
			return -1;
		break;
	case POLL_TEXT:
		if (a->n_options > 0) {
			snprintf(why, n, "text poll takes no options");
			return -1;
		}
		break;
	}
	a->runnable = 1;
	return 0;
}

const struct kind_plan poll_plan = {
	.sections = poll_sections,
	.n_sections = sizeof poll_sections / sizeof poll_sections[0],
	.set = set_poll,
	.check = check_poll,
};
