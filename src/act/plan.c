/* plan.c: read a plan file into agenda items, with FILE:LINE errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "kind-plan.h"


/*
 * The keys every activity takes; a kind's own are in its kind_section
 * (kind-plan.h).  Values are checked here so `convene check` finds every
 * mistake; what a key means is the activity kind's business.
 */
static const struct plan_key common_keys[] = {
	{ "id", K_TEXT, NULL },
	{ "title", K_TEXT, NULL },
	{ "minutes", K_INT, "1 600" },
	{ "auto_close", K_BOOL, NULL },
	{ "reveal", K_ENUM, "manual|live|after-close" },
	{ "anonymous", K_BOOL, NULL },
};

struct parser {
	struct kvdiag d;
	struct plan *plan;
	unsigned char *bad;	/* per activity: a key of it was wrong */
	int head_errors;	/* mistakes before the first [kind] line */
};

#define fail(ps, line, ...) kv_fail(&(ps)->d, line, __VA_ARGS__)

static const struct plan_key *
find_key(enum act_kind kind, const char *name)
{
	const struct kind_section *sec = activity_section(kind);

	for (size_t i = 0; i < sizeof common_keys / sizeof common_keys[0]; i++)
		if (strcmp(common_keys[i].name, name) == 0)
			return &common_keys[i];
	for (size_t i = 0; sec != NULL && i < sec->n_keys; i++)
		if (strcmp(sec->keys[i].name, name) == 0)
			return &sec->keys[i];
	return NULL;
}

static int
in_choices(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *p = choices;

	while (*p != '\0') {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);

		if (len == n && strncmp(p, v, n) == 0)
			return 1;
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return 0;
}

static int
parse_int(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return *s != '\0' && *end == '\0' && errno == 0 &&
	    (*s == '-' || (*s >= '0' && *s <= '9'));
}

/* Check a value against its key's type; 0 when it is fine. */
static int
check_value(struct parser *ps, const struct plan_key *k, const char *v)
{
	long n, lo, hi;

	if (*v == '\0') {
		fail(ps, ps->d.line, "%s needs a value", k->name);
		return -1;
	}
	switch (k->type) {
	case K_INT:
		if (!parse_int(v, &n)) {
			fail(ps, ps->d.line, "%s must be a whole number, not "
			    "\"%s\"", k->name, v);
			return -1;
		}
		if (sscanf(k->choices, "%ld %ld", &lo, &hi) == 2 &&
		    (n < lo || n > hi)) {
			fail(ps, ps->d.line, "%s must be from %ld to %ld, not "
			    "%ld", k->name, lo, hi, n);
			return -1;
		}
		break;
	case K_ENUM:
		if (!in_choices(k->choices, v)) {
			fail(ps, ps->d.line, "%s must be one of %s, not \"%s\"",
			    k->name, k->choices, v);
			return -1;
		}
		break;
	case K_BOOL:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			fail(ps, ps->d.line, "%s must be yes or no, not \"%s\"",
			    k->name, v);
			return -1;
		}
		break;
	case K_RANGE: {
		long a, b;
		char tail;

		if (sscanf(v, "%ld..%ld%c", &a, &b, &tail) != 2) {
			fail(ps, ps->d.line, "%s must look like 1..5, not "
			    "\"%s\"", k->name, v);
			return -1;
		}
		if (a >= b) {
			fail(ps, ps->d.line, "%s bounds are reversed or equal "
			    "(%ld..%ld)", k->name, a, b);
			return -1;
		}
		/* Bounds first: b - a of two huge numbers would overflow. */
		if (a < -100 || b > 100 || b - a + 1 > SNAP_MAX_OPTIONS) {
			fail(ps, ps->d.line, "%s may have at most %d points",
			    k->name, SNAP_MAX_OPTIONS);
			return -1;
		}
		break;
	}
	case K_TEXT:
	case K_LIST:
		break;
	}
	return 0;
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL) {
		perror("convene");
		abort();
	}
	return d;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("convene");
		abort();
	}
	return p;
}

static void
add_kv(struct plan_activity *a, const char *k, const char *v, int line)
{
	a->kv = xrealloc(a->kv, (a->n_kv + 1) * sizeof *a->kv);
	a->kv[a->n_kv].key = xstrdup(k);
	a->kv[a->n_kv].value = xstrdup(v);
	a->kv[a->n_kv].line = line;
	a->n_kv++;
}

const char *
plan_kv_get(const struct plan_activity *a, const char *key)
{
	for (size_t i = a->n_kv; i > 0; i--)
		if (strcmp(a->kv[i - 1].key, key) == 0)
			return a->kv[i - 1].value;
	return NULL;
}

static void
set_common(struct parser *ps, struct plan_activity *a, const char *k,
    const char *v)
{
	if (strcmp(k, "id") == 0) {
		if (strlen(v) > ID_MAX_LEN)
			fail(ps, ps->d.line, "id is longer than %d bytes "
			    "(\"%.20s...\")", ID_MAX_LEN, v);
		for (const char *p = v; *p != '\0'; p++)
			if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' &&
			    *p <= 'Z') && !(*p >= '0' && *p <= '9') &&
			    *p != '-' && *p != '_') {
				fail(ps, ps->d.line, "id may hold only letters, "
				    "digits, - and _, not \"%s\"", v);
				break;
			}
		util_strlcpy(a->id, v, sizeof a->id);
	} else if (strcmp(k, "title") == 0) {
		free(a->title);
		a->title = xstrdup(v);
	} else if (strcmp(k, "minutes") == 0)
		a->minutes = atoi(v);
	else if (strcmp(k, "auto_close") == 0)
		a->auto_close = strcmp(v, "yes") == 0;
	else if (strcmp(k, "anonymous") == 0)
		a->anonymous = strcmp(v, "yes") == 0;
	else if (strcmp(k, "reveal") == 0)
		a->reveal = strcmp(v, "live") == 0 ? REVEAL_LIVE :
		    strcmp(v, "after-close") == 0 ? REVEAL_AFTER_CLOSE :
		    REVEAL_MANUAL;
	else if (activity_ops(a->kind)->plan->set != NULL)
		activity_ops(a->kind)->plan->set(a, k, v);
}

/* The kinds there are, as "a, b or c", in their registry's order. */
static void
kind_list(char *out, size_t n)
{
	size_t o = 0;

	out[0] = '\0';
	for (unsigned k = 0; k < ACT_KIND_MAX && o < n; k++)
		o += (size_t)snprintf(out + o, n - o, "%s%s", k == 0 ? "" :
		    k + 1 == ACT_KIND_MAX ? " or " : ", ", act_kind_name(k));
}

static void
new_activity(struct parser *ps, const char *name)
{
	struct plan *p = ps->plan;
	struct plan_activity *a;
	enum act_kind kind;

	if (p->n_acts == 0)
		ps->head_errors = ps->d.nerr;
	if (activity_kind_parse(name, &kind) != 0) {
		char kinds[256];

		kind_list(kinds, sizeof kinds);
		fail(ps, ps->d.line, "unknown activity [%s] (expected %s)",
		    name, kinds);
		kind = ACT_KIND_MAX;	/* keys below are skipped */
	}
	p->acts = xrealloc(p->acts, (p->n_acts + 1) * sizeof *p->acts);
	ps->bad = xrealloc(ps->bad, p->n_acts + 1);
	ps->bad[p->n_acts] = 0;
	a = &p->acts[p->n_acts++];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->line = ps->d.line;
	a->plan = p;
	a->auto_close = 1;
}

static void
parse_line(void *arg, const char *key, const char *val, int line)
{
	struct parser *ps = arg;
	struct plan *p = ps->plan;
	struct plan_activity *a = p->n_acts ? &p->acts[p->n_acts - 1] : NULL;
	const struct plan_key *k;
	int nerr;

	(void)line;
	if (key == NULL) {
		new_activity(ps, val);
		return;
	}
	if (a == NULL) {
		if (strcmp(key, "title") == 0 || strcmp(key, "collaborative") ==
		    0) {
			char **dst = key[0] == 't' ? &p->title :
			    &p->collaborative;

			if (*val == '\0')
				fail(ps, ps->d.line, "%s needs a value", key);
			free(*dst);
			*dst = xstrdup(val);
		} else
			fail(ps, ps->d.line, "unknown key \"%s\" before the "
			    "first activity (expected title or collaborative)",
			    key);
		return;
	}
	if (a->kind == ACT_KIND_MAX)
		return;		/* already reported the unknown kind */
	nerr = ps->d.nerr;
	if ((k = find_key(a->kind, key)) == NULL)
		fail(ps, ps->d.line, "unknown key \"%s\" in [%s]", key,
		    act_kind_name(a->kind));
	else if (check_value(ps, k, val) == 0) {
		add_kv(a, key, val, ps->d.line);
		set_common(ps, a, key, val);
	}
	if (ps->d.nerr != nerr)
		ps->bad[p->n_acts - 1] = 1;
}

/* The line of an activity's `key =`, or 0. */
static int
key_line(const struct plan_activity *a, const char *key, size_t len)
{
	for (size_t i = a->n_kv; i > 0; i--)
		if (strlen(a->kv[i - 1].key) == len &&
		    strncmp(a->kv[i - 1].key, key, len) == 0)
			return a->kv[i - 1].line;
	return 0;
}

/*
 * Where a check's complaint belongs: at a `KEY =` it names that the
 * activity has: the one after "not" ("takes scale =, not options ="),
 * the later of two ("give question = or questions =, not both"), else
 * the first; with none, the activity's [kind] line.
 */
static int
why_line(const struct plan_activity *a, const char *why)
{
	int first = 0, last = 0, after_not = 0;

	for (const char *p = why; (p = strstr(p, " =")) != NULL; p++) {
		const char *w = p;
		int line;

		while (w > why && ((w[-1] >= 'a' && w[-1] <= 'z') ||
		    w[-1] == '_'))
			w--;
		if (w == p || (line = key_line(a, w, (size_t)(p - w))) == 0)
			continue;
		first = first ? first : line;
		last = line > last ? line : last;
		if (w - why >= 4 && strncmp(w - 4, "not ", 4) == 0)
			after_not = line;
	}
	if (after_not)
		return after_not;
	if (strstr(why, "not both") != NULL && last)
		return last;
	return first ? first : a->line;
}

static void
finish(struct parser *ps)
{
	struct plan *p = ps->plan;
	char why[1024];
	int before;

	if (p->n_acts == 0)
		ps->head_errors = ps->d.nerr;
	/* A malformed title line or [kind] line was reported already: not
	 * again as a missing title or agenda. */
	before = ps->d.nerr;
	if (p->title == NULL && ps->head_errors == 0)
		fail(ps, 1, "the plan needs a title = line at the top");
	if (p->n_acts == 0 && before == 0)
		fail(ps, ps->d.line > 0 ? ps->d.line : 1, "the plan has no "
		    "activities");
	if (p->n_acts > SNAP_MAX_ITEMS)
		fail(ps, p->acts[SNAP_MAX_ITEMS].line, "a plan may hold at most "
		    "%d activities", SNAP_MAX_ITEMS);
	for (size_t i = 0; i < p->n_acts; i++) {
		struct plan_activity *a = &p->acts[i];
		const struct kind_plan *kp;

		if (a->kind == ACT_KIND_MAX)
			continue;
		if (a->id[0] == '\0')
			snprintf(a->id, sizeof a->id, "%s-%zu",
			    act_kind_name(a->kind), i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->acts[j].id, a->id) == 0) {
				int at = key_line(a, "id", 2);
				int first = key_line(&p->acts[j], "id", 2);

				fail(ps, at ? at : a->line, "duplicate id \"%s\" "
				    "(first used on line %d)", a->id, first ?
				    first : p->acts[j].line);
			}
		/* A wrong key was reported already; checking what is left
		 * of the activity would only report its consequences. */
		if (ps->bad[i])
			continue;
		why[0] = '\0';
		kp = activity_ops(a->kind)->plan;
		if (kp->check(a, why, sizeof why) != 0)
			fail(ps, why_line(a, why), "[%s] %s",
			    act_kind_name(a->kind), why);
		/* Forms title themselves in their check; others take their
		 * question, cut to an agenda label. */
		if (a->title == NULL) {
			char t[128];

			util_strlcpy(t, a->question ? a->question :
			    act_kind_name(a->kind), sizeof t);
			a->title = xstrdup(t);
		}
	}
}

/*
 * Parse `len` bytes of plan text.  Returns the number of errors (0 when
 * the plan is good); messages go to `err` as `FILE:LINE: text` lines.
 * The plan is filled as far as it could be read, and must be freed.
 */
int
plan_parse(const char *buf, size_t len, const char *file, struct plan *plan,
    char *err, size_t errlen)
{
	struct parser ps;

	memset(&ps, 0, sizeof ps);
	ps.d.file = file;
	ps.d.err = err;
	ps.d.errlen = errlen;
	ps.plan = plan;
	memset(plan, 0, sizeof *plan);
	plan->path = xstrdup(file);
	err[0] = '\0';
	kv_lines(buf, len, &ps.d, parse_line, &ps);
	/* Every mistake in one run, as a compiler reports them. */
	finish(&ps);
	kv_done(&ps.d);
	free(ps.bad);
	return ps.d.nerr;
}

int
plan_load(const char *path, struct plan *plan, char *err, size_t errlen)
{
	char *buf;
	size_t len;
	int rc;

	if (kv_read(path, &buf, &len, err, errlen) != 0) {
		memset(plan, 0, sizeof *plan);
		return 1;
	}
	rc = plan_parse(buf, len, path, plan, err, errlen);
	free(buf);
	return rc;
}

void
plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n_acts; i++) {
		struct plan_activity *a = &p->acts[i];

		for (size_t j = 0; j < a->n_kv; j++) {
			free(a->kv[j].key);
			free(a->kv[j].value);
		}
		for (int j = 0; j < a->n_options; j++)
			free(a->options[j]);
		free(a->options);
		free(a->kv);
		free(a->title);
		free(a->question);
		if (a->kind < ACT_KIND_MAX &&
		    activity_ops(a->kind)->plan->free != NULL)
			activity_ops(a->kind)->plan->free(a);
	}
	free(p->acts);
	free(p->path);
	free(p->title);
	free(p->collaborative);
	memset(p, 0, sizeof *p);
}
