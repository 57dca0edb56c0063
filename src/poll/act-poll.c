/* act-poll.c: the poll activity: taking answers (its plan keys and checks
 * are in act-poll-plan.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-poll.h"
#include "kind-plan.h"
#include "kind-rehearse.h"
#include "kind-wire.h"

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

/* A single or scale answer is its option's number, from 1. */
static int
mine_poll(const struct plan_activity *a, const char *value)
{
	if (a->poll_type != POLL_SINGLE && a->poll_type != POLL_SCALE)
		return -1;
	return atoi(value) - 1;
}

const struct activity_ops act_poll_ops = {
	.kind = ACT_POLL,
	.answer = answer_poll,
	.restore = restore_poll,
	.refresh = poll_refresh,
	.snapshot = poll_snapshot,
	.export = &poll_export,
	.store = &poll_store,
	.plan = &poll_plan,
	.rehearse = &poll_rehearse,
	.wire = &poll_wire,
	.mine = mine_poll,
	.shared_snapshot = 1,
};
