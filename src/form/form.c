/* form.c: read assessment and evaluation forms (sessions/forms/NAME.form). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene.h"
#include "act-form.h"


/*
 * Defaults a form sets at its top for every rating item (scale, step,
 * labels), so an instrument like ORIC states its scale once.
 */
struct fparser {
	struct kvdiag d;
	struct form *f;
	char *scale, *step, *labels;	/* form-wide rating defaults */
	struct form_item *it;		/* the item being read, or NULL */
	int has[8];			/* per item: keys seen (see seen()) */
	/* Per item, the line of its id, scale and labels keys (0: none), so
	 * that a complaint about one points at it; scale_line[] and
	 * labels_line[] fall back to the form-wide defaults' lines. */
	int id_line[FORM_MAX_ITEMS], scale_line[FORM_MAX_ITEMS];
	int labels_line[FORM_MAX_ITEMS];
	int top_scale, top_labels, head_errors;
};

static char *
xdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		abort();
	return d;
}

static void
set(char **dst, const char *v)
{
	free(*dst);
	*dst = xdup(v);
}

static const char *const item_kinds[] = { "rating", "choice", "text",
    "commitment" };

static void
new_item(struct fparser *fp, const char *kind, int line)
{
	struct form *f = fp->f;
	struct form_item *it;
	int k;

	for (k = 0; k < 4 && strcmp(item_kinds[k], kind) != 0; k++)
		;
	if (k == 4) {
		kv_fail(&fp->d, line, "unknown item [%s] (expected rating, "
		    "choice, text or commitment)", kind);
		fp->it = NULL;
		return;
	}
	if (f->n_items == FORM_MAX_ITEMS) {
		kv_fail(&fp->d, line, "a form may hold at most %d items",
		    FORM_MAX_ITEMS);
		fp->it = NULL;
		return;
	}
	if (f->n_items == 0)
		fp->head_errors = fp->d.nerr;
	fp->id_line[f->n_items] = 0;
	fp->scale_line[f->n_items] = fp->top_scale;
	fp->labels_line[f->n_items] = fp->top_labels;
	it = &f->items[f->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = (enum form_item_kind)k;
	it->line = line;
	snprintf(it->id, sizeof it->id, "%s-%d", kind, f->n_items);
	fp->it = it;
}

static void
form_line(void *arg, const char *key, const char *val, int line)
{
	struct fparser *fp = arg;
	struct form *f = fp->f;
	struct form_item *it = fp->it;

	if (key == NULL) {
		new_item(fp, val, line);
		return;
	}
	if (*val == '\0') {
		kv_fail(&fp->d, line, "%s needs a value", key);
		return;
	}
	if (f->n_items == 0) {
		if (strcmp(key, "title") == 0)
			set(&f->title, val);
		else if (strcmp(key, "source") == 0)
			set(&f->source, val);
		else if (strcmp(key, "licence") == 0)
			set(&f->licence, val);
		else if (strcmp(key, "scale") == 0) {
			set(&fp->scale, val);
			fp->top_scale = line;
		}
		else if (strcmp(key, "step") == 0)
			set(&fp->step, val);
		else if (strcmp(key, "labels") == 0) {
			set(&fp->labels, val);
			fp->top_labels = line;
		}
		else
			kv_fail(&fp->d, line, "unknown key \"%s\" before the "
			    "first item (expected title, source, licence, "
			    "scale, step or labels)", key);
		return;
	}
	if (it == NULL)
		return;		/* its [kind] was already reported */
	if (strcmp(key, "id") == 0) {
		if (strlen(val) > ID_MAX_LEN || strspn(val, "abcdefghijklmnop"
		    "qrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
		    strlen(val))
			kv_fail(&fp->d, line, "id may hold only letters, digits, "
			    "- and _ (at most %d)", ID_MAX_LEN);
		else if (val[0] == '_')
			/* _submitted and _by are the store's own rows. */
			kv_fail(&fp->d, line, "id may not start with _ (convene "
			    "keeps those for itself)");
		else {
			snprintf(it->id, sizeof it->id, "%s", val);
			fp->id_line[it - f->items] = line;
		}
	} else if (strcmp(key, "text") == 0)
		set(&it->text, val);
	else if (strcmp(key, "subscale") == 0 && it->kind == FORM_RATING)
		set(&it->subscale, val);
	else if (strcmp(key, "reverse") == 0 && it->kind == FORM_RATING) {
		if (strcmp(val, "yes") != 0 && strcmp(val, "no") != 0)
			kv_fail(&fp->d, line, "reverse must be yes or no, not "
			    "\"%s\"", val);
		it->reverse = strcmp(val, "yes") == 0;
	} else if ((strcmp(key, "scale") == 0 || strcmp(key, "step") == 0 ||
	    strcmp(key, "labels") == 0) && it->kind == FORM_RATING) {
		/* Kept as text on the labels slots until the item ends. */
		char **slot = key[1] == 'c' ? &it->labels[0] : key[1] == 't' ?
		    &it->labels[1] : &it->labels[2];

		set(slot, val);
		if (key[1] == 'c')
			fp->scale_line[it - f->items] = line;
		else if (key[1] == 'a')
			fp->labels_line[it - f->items] = line;
	} else if (strcmp(key, "options") == 0 && it->kind == FORM_CHOICE) {
		/* A second options = line: a shorter list must not leave
		 * freed labels behind for form_free(). */
		for (int i = 0; i < it->n_points; i++) {
			free(it->labels[i]);
			it->labels[i] = NULL;
		}
		it->n_points = kv_split(val, it->labels, FORM_MAX_POINTS);
		if (it->n_points < 2 || it->n_points > 9) {
			kv_fail(&fp->d, line, "a choice needs 2 to 9 options, "
			    "not %d", it->n_points);
			if (it->n_points > FORM_MAX_POINTS)
				it->n_points = FORM_MAX_POINTS;
		}
	} else
		kv_fail(&fp->d, line, "unknown key \"%s\" in [%s]", key,
		    item_kinds[it->kind]);
}

/* "1..5", "0.5..5", "-2..2": scanf's %lf would eat the first dot. */
static int
parse_range(const char *v, double *lo, double *hi)
{
	const char *dots = strstr(v, "..");
	char first[32], *end;

	if (dots == NULL || (size_t)(dots - v) >= sizeof first || dots == v)
		return -1;
	snprintf(first, sizeof first, "%.*s", (int)(dots - v), v);
	*lo = strtod(first, &end);
	if (*end != '\0')
		return -1;
	*hi = strtod(dots + 2, &end);
	return dots[2] != '\0' && *end == '\0' ? 0 : -1;
}

/* Turn a rating's scale, step and labels into its points. */
static void
make_points(struct fparser *fp, struct form_item *it)
{
	const char *scale = it->labels[0] ? it->labels[0] : fp->scale;
	const char *step = it->labels[1] ? it->labels[1] : fp->step;
	const char *lb = it->labels[2] ? it->labels[2] : fp->labels;
	char *labels[FORM_MAX_POINTS + 1] = { 0 }, *own[3];
	double lo, hi, st = step ? atof(step) : 1, span;
	int n, nl = 0, k = (int)(it - fp->f->items);
	/* The line of the scale = (or labels =) it has, else its [rating]. */
	int at = fp->scale_line[k] ? fp->scale_line[k] : it->line;
	int at_labels = fp->labels_line[k] ? fp->labels_line[k] : it->line;

	memcpy(own, it->labels, sizeof own);
	memset(it->labels, 0, sizeof own);
	if (scale == NULL) {
		kv_fail(&fp->d, it->line, "[rating] %s needs a scale like 1..5 "
		    "(here or at the top of the form)", it->id);
		goto out;
	}
	if (parse_range(scale, &lo, &hi) != 0) {
		kv_fail(&fp->d, at, "[rating] %s: scale must look like 1..5, "
		    "not \"%s\"", it->id, scale);
		goto out;
	}
	if (lo < -999 || hi > 9999) {
		kv_fail(&fp->d, at, "[rating] %s: scale %s is out of "
		    "range (-999..9999)", it->id, scale);
		goto out;
	}
	if (lo >= hi || st <= 0) {
		kv_fail(&fp->d, at, "[rating] %s: scale %s is reversed "
		    "or its step is not positive", it->id, scale);
		goto out;
	}
	/* Checked as a double first: a tiny step (or a NaN) would not fit
	 * in an int. */
	span = (hi - lo) / st + 1.5;
	n = span >= 2 && span < FORM_MAX_POINTS + 2 ? (int)span : 0;
	if (n < 2 || n > FORM_MAX_POINTS || lo + (n - 1) * st > hi + 1e-9 ||
	    lo + (n - 1) * st < hi - 1e-9) {
		kv_fail(&fp->d, at, "[rating] %s: scale %s in steps of "
		    "%g must have 2 to %d points", it->id, scale, st,
		    FORM_MAX_POINTS);
		goto out;
	}
	if (lb != NULL) {
		nl = kv_split(lb, labels, FORM_MAX_POINTS);
		if (nl != n && nl != 2) {
			kv_fail(&fp->d, at_labels, "[rating] %s: %d labels for %d "
			    "points (give one per point, or 2 for the ends)",
			    it->id, nl, n);
			nl = nl > FORM_MAX_POINTS ? FORM_MAX_POINTS : nl;
			goto out;
		}
	}
	it->lo = lo;
	it->hi = hi;
	it->n_points = n;
	for (int i = 0; i < n; i++) {
		char buf[160];
		const char *l = nl == n ? labels[i] : nl == 2 && i == 0 ?
		    labels[0] : nl == 2 && i == n - 1 ? labels[1] : NULL;

		snprintf(it->values[i], sizeof it->values[i], "%g", lo + i * st);
		if (l != NULL)
			snprintf(buf, sizeof buf, "%s %s", it->values[i], l);
		else
			snprintf(buf, sizeof buf, "%s", it->values[i]);
		it->labels[i] = xdup(buf);
	}
out:
	for (int i = 0; i < nl && i < FORM_MAX_POINTS; i++)
		free(labels[i]);
	for (int i = 0; i < 3; i++)
		free(own[i]);
}

static void
finish(struct fparser *fp)
{
	struct form *f = fp->f;
	int before = fp->d.nerr;

	if (f->n_items == 0)
		fp->head_errors = fp->d.nerr;
	/* A malformed title or [kind] line was reported already. */
	if (f->title == NULL && fp->head_errors == 0)
		kv_fail(&fp->d, 1, "the form needs a title = line at the top");
	if (f->n_items == 0 && before == 0)
		kv_fail(&fp->d, fp->d.line, "the form has no items");
	for (int i = 0; i < f->n_items; i++) {
		struct form_item *it = &f->items[i];

		if (it->text == NULL)
			kv_fail(&fp->d, it->line, "[%s] %s needs text = ...",
			    item_kinds[it->kind], it->id);
		for (int j = 0; j < i; j++)
			if (strcmp(f->items[j].id, it->id) == 0)
				kv_fail(&fp->d, fp->id_line[i] ? fp->id_line[i] :
				    it->line, "duplicate id \"%s\" (first used "
				    "on line %d)", it->id, fp->id_line[j] ?
				    fp->id_line[j] : f->items[j].line);
		if (it->kind == FORM_RATING)
			make_points(fp, it);
		if (it->kind == FORM_CHOICE && it->n_points == 0)
			kv_fail(&fp->d, it->line, "[choice] %s needs options = "
			    "a | b | ...", it->id);
		if (it->subscale != NULL) {
			int k;

			for (k = 0; k < f->n_subscales &&
			    strcmp(f->subscales[k], it->subscale) != 0; k++)
				;
			if (k == f->n_subscales && k == FORM_MAX_SUBSCALES)
				kv_fail(&fp->d, it->line, "a form may have at "
				    "most %d subscales", FORM_MAX_SUBSCALES);
			else if (k == f->n_subscales)
				f->subscales[f->n_subscales++] =
				    xdup(it->subscale);
		}
	}
}

/* Parse form text; the number of errors, as `FILE:LINE: message`. */
int
form_parse(const char *buf, size_t len, const char *file, struct form *f,
    char *err, size_t errlen)
{
	struct fparser fp;

	memset(&fp, 0, sizeof fp);
	memset(f, 0, sizeof *f);
	fp.d.file = file;
	fp.d.err = err;
	fp.d.errlen = errlen;
	fp.f = f;
	err[0] = '\0';
	f->path = xdup(file);
	if ((f->items = calloc(FORM_MAX_ITEMS, sizeof *f->items)) == NULL)
		abort();
	kv_lines(buf, len, &fp.d, form_line, &fp);
	/* Every mistake in one run, in the order of the lines. */
	finish(&fp);
	kv_done(&fp.d);
	free(fp.scale);
	free(fp.step);
	free(fp.labels);
	return fp.d.nerr;
}

/*
 * Load the form a plan names: a path (relative to the plan's folder) if
 * it has a '/' or ends in .form, else by NAME (form-find.c).
 */
int
form_load(const char *name, const char *plan_path, struct form *f, char *err,
    size_t errlen)
{
	char dir[4096], path[4600], *buf = NULL;
	const char *slash = plan_path ? strrchr(plan_path, '/') : NULL;
	size_t len, n = strlen(name);
	int rc;

	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - plan_path) :
	    1, slash ? plan_path : ".");
	if (strchr(name, '/') != NULL || (n > 5 && strcmp(name + n - 5,
	    ".form") == 0))
		snprintf(path, sizeof path, "%s%s%s", name[0] == '/' ? "" : dir,
		    name[0] == '/' ? "" : "/", name);
	else {
		if (form_find(name, dir, path, sizeof path, err, errlen) != 0) {
			memset(f, 0, sizeof *f);
			return 1;
		}
	}
	if (kv_read(path, &buf, &len, err, errlen) != 0) {
		memset(f, 0, sizeof *f);
		return 1;
	}
	rc = form_parse(buf, len, path, f, err, errlen);
	free(buf);
	f->name = xdup(name);
	return rc;
}

/*
 * An evaluation form rates every agenda item of the running plan: a form
 * item `[rating]` with `id = agenda` is a template whose text has "%s"
 * for the item's title; it is replaced by one rating per other activity.
 */
int
form_add_agenda(struct form *f, const struct plan *p, const char *self)
{
	const struct form_item *tpl = form_item(f, "agenda");
	struct form_item t, *out;
	int at, n = 0;

	if (tpl == NULL)
		return 0;
	t = *tpl;
	at = (int)(tpl - f->items);
	for (size_t i = 0; i < p->n_acts; i++)
		n += strcmp(p->acts[i].id, self) != 0;
	if (f->n_items - 1 + n > FORM_MAX_ITEMS)
		n = FORM_MAX_ITEMS - f->n_items + 1;
	if ((out = calloc(FORM_MAX_ITEMS, sizeof *out)) == NULL)
		abort();
	memcpy(out, f->items, (size_t)at * sizeof *out);
	for (size_t i = 0, k = 0; i < p->n_acts && (int)k < n; i++) {
		struct form_item *it = &out[at + k];
		char text[512];

		if (strcmp(p->acts[i].id, self) == 0)
			continue;
		*it = t;
		/* Numbered by agenda place: plan ids may be too long to
		 * prefix without cutting two into the same id. */
		snprintf(it->id, sizeof it->id, "useful-%zu", i + 1);
		snprintf(text, sizeof text, "%s: %s", t.text, p->acts[i].title);
		it->text = xdup(text);
		it->subscale = t.subscale ? xdup(t.subscale) : NULL;
		for (int j = 0; j < t.n_points; j++)
			it->labels[j] = xdup(t.labels[j]);
		k++;
	}
	memcpy(out + at + n, f->items + at + 1, (size_t)(f->n_items - at - 1) *
	    sizeof *out);
	/* The template's own strings go; the copies own theirs. */
	free(f->items[at].text);
	free(f->items[at].subscale);
	for (int j = 0; j < t.n_points; j++)
		free(f->items[at].labels[j]);
	free(f->items);
	f->items = out;
	f->n_items += n - 1;
	return n;
}

/* A scale shared by slots with the same points, or a new one. */
static int
scale_of(struct form *f, const struct form_item *it)
{
	struct snap_scale sc;

	memset(&sc, 0, sizeof sc);
	sc.n = (uint8_t)it->n_points;
	for (int i = 0; i < it->n_points; i++) {
		util_strlcpy(sc.labels[i], it->labels[i], sizeof sc.labels[i]);
		if (it->kind == FORM_RATING)
			util_strlcpy(sc.values[i], it->values[i],
			    sizeof sc.values[i]);
		else
			snprintf(sc.values[i], sizeof sc.values[i], "%d", i + 1);
	}
	for (int k = 0; k < f->n_scales; k++)
		if (memcmp(&f->scales[k], &sc, sizeof sc) == 0)
			return k;
	if (f->n_scales == SNAP_MAX_SCALES)
		return -1;
	f->scales[f->n_scales] = sc;
	return f->n_scales++;
}

/* Lay the form out as slots; 0, or -1 with a reason. */
int
form_slots(struct form *f, char *why, size_t n)
{
	static const char *parts[3][2] = { { "what", "What change will you "
	    "test?" }, { "who", "Who will do it?" }, { "when", "By when?" } };

	f->n_slots = 0;
	f->n_scales = 0;
	for (int i = 0; i < f->n_items; i++) {
		const struct form_item *it = &f->items[i];
		int count = it->kind == FORM_COMMITMENT ? 3 : 1;

		if (f->n_slots + count > SNAP_MAX_SLOTS) {
			snprintf(why, n, "form %s has more than %d questions",
			    f->name ? f->name : f->path, SNAP_MAX_SLOTS);
			return -1;
		}
		for (int k = 0; k < count; k++) {
			struct form_slot *sl = &f->slots[f->n_slots++];

			memset(sl, 0, sizeof *sl);
			sl->item = i;
			if (it->kind == FORM_COMMITMENT) {
				snprintf(sl->id, sizeof sl->id, "%s.%s", it->id,
				    parts[k][0]);
				snprintf(sl->text, sizeof sl->text, "%s  %s",
				    it->text, parts[k][1]);
			} else {
				snprintf(sl->id, sizeof sl->id, "%s", it->id);
				util_strlcpy(sl->text, it->text,
				    sizeof sl->text);
			}
			sl->kind = it->kind == FORM_RATING ? SLOT_RATING :
			    it->kind == FORM_CHOICE ? SLOT_CHOICE : SLOT_TEXT;
			if (sl->kind != SLOT_TEXT &&
			    (sl->scale = scale_of(f, it)) < 0) {
				snprintf(why, n, "form %s uses more than %d "
				    "different scales", f->name ? f->name :
				    f->path, SNAP_MAX_SCALES);
				return -1;
			}
		}
	}
	return 0;
}

/* Is slot `id` a commitment's "by when" ("ID.when")? */
int
form_when_slot(const char *id)
{
	size_t n = strlen(id);

	return n > 5 && strcmp(id + n - 5, ".when") == 0;
}

int
form_slot_of(const struct form *f, const char *id)
{
	for (int i = 0; i < f->n_slots; i++)
		if (strcmp(f->slots[i].id, id) == 0)
			return i;
	return -1;
}

const struct form_item *
form_item(const struct form *f, const char *id)
{
	for (int i = 0; i < f->n_items; i++)
		if (strcmp(f->items[i].id, id) == 0)
			return &f->items[i];
	return NULL;
}

void
form_free(struct form *f)
{
	for (int i = 0; f->items != NULL && i < f->n_items; i++) {
		struct form_item *it = &f->items[i];

		free(it->text);
		free(it->subscale);
		for (int j = 0; j < FORM_MAX_POINTS; j++)
			free(it->labels[j]);
	}
	for (int i = 0; i < f->n_subscales; i++)
		free(f->subscales[i]);
	free(f->items);
	free(f->name);
	free(f->path);
	free(f->title);
	free(f->source);
	free(f->licence);
	memset(f, 0, sizeof *f);
}
