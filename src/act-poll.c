/* act-poll.c: the poll activity: checking the plan and taking answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "kind-wire.h"

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

/* How many characters a text poll's answer may have (`max =`). */
int
poll_text_max(const struct plan_activity *a)
{
	const char *max = plan_kv_get(a, "max");

	if (a->poll_type != POLL_TEXT || max == NULL || atoi(max) <= 0 ||
	    atoi(max) > TEXT_CHARS_MAX)
		return TEXT_CHARS_MAX;
	return atoi(max);
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

/* The option a value names: "1".."11" counting from 1; -1 if none. */
int
poll_option_of(const struct plan_activity *a, const char *v)
{
	char *end;
	long n;

	if (*v < '0' || *v > '9')
		return -1;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < 1 || n > a->n_options)
		return -1;
	return (int)n - 1;
}

static void
add_row(struct answer *out, const char *item, int choice, const char *value)
{
	struct answer_row *r = &out->rows[out->n++];

	snprintf(r->item, sizeof r->item, "%s", item);
	r->choice = choice;
	util_strlcpy(r->value, value, sizeof r->value);
}

/* "1,3" or "3,1,2": option numbers separated by commas or spaces. */
static int
parse_list(const struct plan_activity *a, const char *in, int *opts, int cap)
{
	char buf[VALUE_MAX_LEN + 1], *tok, *save;
	int n = 0, seen = 0;

	util_strlcpy(buf, in, sizeof buf);
	for (tok = strtok_r(buf, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		int o = poll_option_of(a, tok);

		if (o < 0 || n == cap || (seen & 1 << o))
			return -1;
		seen |= 1 << o;
		opts[n++] = o;
	}
	return n;
}

/* Option indexes as an answer lists them: "1,3" (numbers from 1). */
void
poll_join_list(const int *opts, int n, char *out, size_t cap)
{
	size_t o = 0;

	out[0] = '\0';
	for (int i = 0; i < n && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, "%s%d", i ? "," : "",
		    opts[i] + 1);
}

static int
cmp_int(const void *x, const void *y)
{
	return *(const int *)x - *(const int *)y;
}

static int
answer_poll(const struct plan_activity *a, const char *in, struct answer *out,
    char *why, size_t n)
{
	int opts[SNAP_MAX_OPTIONS], k, o, max;
	char item[16], rank[16];

	memset(out, 0, sizeof *out);
	switch (a->poll_type) {
	case POLL_SINGLE:
	case POLL_SCALE:
		if ((o = poll_option_of(a, in)) < 0) {
			snprintf(why, n, "answer with an option from 1 to %d",
			    a->n_options);
			return -1;
		}
		if (a->poll_type == POLL_SCALE) {
			int lo, hi;
			char v[16];

			poll_scale_points(a, &lo, &hi);
			snprintf(v, sizeof v, "%d", lo + o);
			add_row(out, "", o + 1, v);
		} else
			add_row(out, "", o + 1, a->options[o]);
		snprintf(out->canon, sizeof out->canon, "%d", o + 1);
		return 0;
	case POLL_MULTI:
		max = plan_kv_get(a, "max") ? atoi(plan_kv_get(a, "max")) :
		    a->n_options;
		k = parse_list(a, in, opts, SNAP_MAX_OPTIONS);
		if (k < 1 || k > max) {
			snprintf(why, n, "pick from 1 to %d different options",
			    max);
			return -1;
		}
		qsort(opts, (size_t)k, sizeof *opts, cmp_int);
		for (int i = 0; i < k; i++) {
			snprintf(item, sizeof item, "o%d", opts[i] + 1);
			add_row(out, item, opts[i] + 1, a->options[opts[i]]);
		}
		poll_join_list(opts, k, out->canon, sizeof out->canon);
		return 0;
	case POLL_RANK:
		k = parse_list(a, in, opts, SNAP_MAX_OPTIONS);
		if (k != a->n_options) {
			snprintf(why, n, "rank all %d options, best first",
			    a->n_options);
			return -1;
		}
		for (int i = 0; i < k; i++) {
			snprintf(item, sizeof item, "o%d", opts[i] + 1);
			snprintf(rank, sizeof rank, "%d", i + 1);
			add_row(out, item, opts[i] + 1, rank);
		}
		poll_join_list(opts, k, out->canon, sizeof out->canon);
		return 0;
	case POLL_TEXT: {
		char text[VALUE_MAX_LEN + 1];

		util_strlcpy(text, in, sizeof text);
		if (util_text_check(text, poll_text_max(a), why, n) != 0)
			return -1;
		if (text[0] == '\0') {
			snprintf(why, n, "type a few words first");
			return -1;
		}
		add_row(out, "", 0, text);
		util_strlcpy(out->canon, text, sizeof out->canon);
		return 0;
	}
	}
	snprintf(why, n, "unknown poll type");
	return -1;
}

/* Rows back to the answer as its author sent it (rows come in id order,
 * which is the order they were stored in). */
static void
restore_poll(const struct plan_activity *a, const struct answer *ans,
    char *out, size_t cap)
{
	int opts[SNAP_MAX_OPTIONS], k = 0;

	out[0] = '\0';
	if (ans->n == 0)
		return;
	switch (a->poll_type) {
	case POLL_SINGLE:
	case POLL_SCALE:
		snprintf(out, cap, "%d", ans->rows[0].choice);
		break;
	case POLL_TEXT:
		util_strlcpy(out, ans->rows[0].value, cap);
		break;
	case POLL_MULTI:
	case POLL_RANK:
		for (int i = 0; i < ans->n && i < SNAP_MAX_OPTIONS; i++)
			opts[k++] = ans->rows[i].choice - 1;
		poll_join_list(opts, k, out, cap);
		break;
	}
}

const struct activity_ops act_poll_ops = {
	.kind = ACT_POLL,
	.check = check_poll,
	.answer = answer_poll,
	.restore = restore_poll,
	.refresh = poll_refresh,
	.snapshot = poll_snapshot,
	.wire = &poll_wire,
};
