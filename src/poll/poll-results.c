/* poll-results.c: what a poll's answers add up to, as the room sees it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-poll.h"
#include "act-cafe.h"

struct refresh {
	struct poll_results *res;
	const struct plan_activity *a;
	double sums[SNAP_MAX_OPTIONS];
	uint32_t rows[SNAP_MAX_OPTIONS];
	char **texts;
	size_t n_texts, cap_texts;
};

static void
tally_row(void *arg, int choice, int count, double sum)
{
	struct refresh *r = arg;

	if (choice >= 1 && choice <= SNAP_MAX_OPTIONS) {
		r->rows[choice - 1] = (uint32_t)count;
		r->sums[choice - 1] = sum;
	}
}

static struct snap_site *
site_slot(struct poll_results *res, const char *name)
{
	for (int i = 0; i < res->n_sites; i++)
		if (strcmp(res->sites[i].name, name) == 0)
			return &res->sites[i];
	if (res->n_sites < SNAP_MAX_SITES - 1) {
		struct snap_site *s = &res->sites[res->n_sites++];

		memset(s, 0, sizeof *s);
		util_strlcpy(s->name, name, sizeof s->name);
		return s;
	}
	/* More sites than fit: the rest share the last slot. */
	if (res->n_sites == SNAP_MAX_SITES - 1) {
		struct snap_site *s = &res->sites[res->n_sites++];

		memset(s, 0, sizeof *s);
		util_strlcpy(s->name, "other sites", sizeof s->name);
	}
	return &res->sites[SNAP_MAX_SITES - 1];
}

static void
site_row(void *arg, const char *site, int choice, int count)
{
	struct refresh *r = arg;
	struct snap_site *s = site_slot(r->res, site[0] ? site : "no site");

	if (choice == 0)
		s->n += (uint32_t)count;
	else if (choice <= SNAP_MAX_OPTIONS)
		s->counts[choice - 1] += (uint32_t)count;
}

static void
text_row(void *arg, int64_t id, int hidden, const char *value)
{
	struct refresh *r = arg;

	if (r->res->n_texts < SNAP_MAX_TEXTS) {
		struct snap_text *t = &r->res->texts[r->res->n_texts++];

		t->id = (uint32_t)id;
		t->hidden = (uint8_t)hidden;
		util_strlcpy(t->text, value, sizeof t->text);
	}
	if (hidden)
		return;
	if (r->n_texts == r->cap_texts) {
		size_t cap = r->cap_texts ? r->cap_texts * 2 : 64;
		char **n = realloc(r->texts, cap * sizeof *n);

		if (n == NULL)
			return;
		r->texts = n;
		r->cap_texts = cap;
	}
	if ((r->texts[r->n_texts] = strdup(value)) != NULL)
		r->n_texts++;
}

/*
 * Re-read the results of activity `idx` from the store.  Counts per
 * option are people who chose it, except for a ranking where they are
 * Borda points (k - rank for k options) and `stat` holds the mean rank.
 */
void
poll_refresh(struct session *s, int idx)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct act_run *run = &s->runs[idx];
	struct refresh r;
	int n;

	memset(&r, 0, sizeof r);
	r.res = &run->res;
	r.a = a;
	memset(&run->res, 0, sizeof run->res);
	store_tally(s->store, run->store_id, tally_row, &r);
	n = store_answer_count(s->store, run->store_id);
	run->res.answered = n > 0 ? (uint32_t)n : 0;
	for (int i = 0; i < a->n_options && i < SNAP_MAX_OPTIONS; i++) {
		if (a->poll_type == POLL_RANK) {
			run->res.counts[i] = (uint32_t)(a->n_options *
			    (double)r.rows[i] - r.sums[i] + 0.5);
			run->res.stat[i] = r.rows[i] ? (int32_t)(r.sums[i] *
			    100 / r.rows[i] + 0.5) : 0;
		} else
			run->res.counts[i] = r.rows[i];
	}
	if (a->poll_type == POLL_SCALE) {
		double sum = 0, cnt = 0;

		for (int i = 0; i < a->n_options; i++) {
			sum += r.sums[i];
			cnt += r.rows[i];
		}
		run->res.mean100 = cnt > 0 ? (int32_t)(sum * 100 / cnt +
		    (sum >= 0 ? 0.5 : -0.5)) : 0;
	}
	if (a->poll_type != POLL_TEXT)
		store_tally_sites(s->store, run->store_id, site_row, &r);
	else {
		store_texts(s->store, run->store_id, -1, text_row, &r);
		run->res.n_words = (uint8_t)poll_words(
		    (const char *const *)r.texts, r.n_texts, run->res.words,
		    SNAP_MAX_WORDS);
		for (size_t i = 0; i < r.n_texts; i++)
			free(r.texts[i]);
		free(r.texts);
	}
}

/* Fold sites with fewer than `min` answers into one "other sites" row,
 * so a small site's people cannot be read off a shared screen. */
static void
fold_sites(const struct poll_results *res, int min, int n_options,
    struct snapshot *snap)
{
	struct snap_site other;
	int folded = 0;

	memset(&other, 0, sizeof other);
	util_strlcpy(other.name, "other sites", sizeof other.name);
	snap->n_sites = 0;
	for (int i = 0; i < res->n_sites; i++) {
		const struct snap_site *s = &res->sites[i];

		if ((int)s->n >= min && strcmp(s->name, "other sites") != 0) {
			snap->sites[snap->n_sites++] = *s;
			continue;
		}
		other.n += s->n;
		for (int k = 0; k < n_options; k++)
			other.counts[k] += s->counts[k];
		folded = 1;
	}
	if (!folded)
		return;
	if ((int)other.n < min) {
		/* Too few even together: show the count, never the split. */
		memset(other.counts, 0, sizeof other.counts);
	}
	snap->sites[snap->n_sites++] = other;
}

void
poll_snapshot(const struct session *s, int idx, int results,
    const struct participant *viewer, struct snapshot *snap)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const struct poll_results *res = &s->runs[idx].res;
	int shared = snap->view != VIEW_FACILITATOR;
	const char *max = plan_kv_get(a, "max");
	int lo, hi;

	(void)viewer;
	snap->poll_type = (uint8_t)a->poll_type;
	snap->n_options = (uint8_t)a->n_options;
	snap->max_picks = (uint8_t)(max ? atoi(max) : a->n_options);
	if (a->poll_type == POLL_TEXT)
		snap->text_max = (uint16_t)poll_text_max(a);
	if (poll_scale_points(a, &lo, &hi) == 0)
		snap->scale_min = (int16_t)lo;
	for (int i = 0; i < a->n_options && i < SNAP_MAX_OPTIONS; i++)
		util_strlcpy(snap->options[i], a->options[i],
		    sizeof snap->options[i]);
	if (!results)
		return;
	memcpy(snap->counts, res->counts, sizeof snap->counts);
	memcpy(snap->stat, res->stat, sizeof snap->stat);
	snap->mean100 = res->mean100;
	if (s->by_site && a->poll_type != POLL_TEXT) {
		snap->flags |= SNAP_BY_SITE;
		if (shared)
			fold_sites(res, s->min_group, a->n_options, snap);
		else {
			snap->n_sites = res->n_sites;
			memcpy(snap->sites, res->sites, sizeof snap->sites);
		}
	}
	for (int i = 0; i < res->n_texts; i++)
		if (!shared || !res->texts[i].hidden)
			snap->texts[snap->n_texts++] = res->texts[i];
	snap->n_words = res->n_words;
	memcpy(snap->words, res->words, sizeof snap->words);
}

/* Words a word cloud should skip; kept in strcmp order (bsearch). */
static const char *const stop_words[] = {
	"a", "about", "after", "again", "all", "also", "am", "an", "and",
	"any", "are", "as", "at", "be", "been", "but", "by", "can", "could",
	"do", "does", "for", "from", "get", "got", "had", "has", "have", "he",
	"her", "his", "how", "i", "if", "in", "into", "is", "it", "its",
	"just", "me", "more", "most", "my", "no", "not", "of", "on", "or",
	"our", "out", "she", "so", "some", "than", "that", "the", "their",
	"them", "then", "there", "these", "they", "this", "to", "too", "up",
	"us", "very", "was", "we", "were", "what", "when", "which", "who",
	"will", "with", "would", "you", "your",
};

static int
cmp_stop(const void *key, const void *elt)
{
	return strcmp(key, *(const char *const *)elt);
}

static int
is_stop(const char *w)
{
	return bsearch(w, stop_words, sizeof stop_words / sizeof stop_words[0],
	    sizeof stop_words[0], cmp_stop) != NULL;
}

struct wc {
	char word[32];
	uint32_t count;		/* 0: an empty slot of the table */
};

/* Open addressing, FNV-1a: a word's slot in a table of `cap` (a power
 * of two, never full), found or empty. */
static size_t
slot_of(const struct wc *tab, size_t cap, const char *w)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (const unsigned char *p = (const unsigned char *)w; *p; p++)
		h = (h ^ *p) * 16777619u;
	for (i = h & (cap - 1); tab[i].count != 0 &&
	    strcmp(tab[i].word, w) != 0; i = (i + 1) & (cap - 1))
		;
	return i;
}

/* Double the table; 0, or -1 out of memory (the table is kept). */
static int
grow(struct wc **tab, size_t *cap)
{
	size_t ncap = *cap ? *cap * 2 : 256;
	struct wc *nt = calloc(ncap, sizeof *nt);

	if (nt == NULL)
		return -1;
	for (size_t i = 0; i < *cap; i++)
		if ((*tab)[i].count != 0)
			nt[slot_of(nt, ncap, (*tab)[i].word)] = (*tab)[i];
	free(*tab);
	*tab = nt;
	*cap = ncap;
	return 0;
}

static int
by_count(const void *x, const void *y)
{
	const struct wc *a = x, *b = y;

	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return strcmp(a->word, b->word);
}

/*
 * Count words across texts: ASCII letters folded to lower case, any
 * non-ASCII byte kept (so "Día" and "王" count as words), everything
 * else separates words.  Returns how many of the most frequent went to
 * `out`.
 */
int
poll_words(const char *const *texts, size_t n, struct snap_word *out, int max)
{
	struct wc *tab = NULL;
	size_t used = 0, cap = 0;
	int k;

	for (size_t t = 0; t < n; t++) {
		const unsigned char *p = (const unsigned char *)texts[t];

		while (*p != '\0') {
			char w[128];
			size_t len = 0, i;

			while (*p != '\0' && !isalnum(*p) && *p < 0x80)
				p++;
			while (*p != '\0' && (isalnum(*p) || *p >= 0x80 ||
			    *p == '\'' || *p == '-')) {
				if (len + 1 < sizeof w)
					w[len++] = (char)tolower(*p);
				p++;
			}
			w[len] = '\0';
			len = util_utf8_cut(w, sizeof tab->word - 1);
			while (len > 0 && (w[len - 1] == '\'' ||
			    w[len - 1] == '-'))
				len--;
			w[len] = '\0';
			if (len < 2 || is_stop(w))
				continue;
			if (2 * (used + 1) > cap && grow(&tab, &cap) != 0)
				goto done;
			i = slot_of(tab, cap, w);
			if (tab[i].count == 0) {
				memcpy(tab[i].word, w, len + 1);
				used++;
			}
			tab[i].count++;
		}
	}
done:
	/* The words to the front, most frequent first. */
	for (size_t i = 0, j = 0; i < cap; i++)
		if (tab[i].count != 0)
			tab[j++] = tab[i];
	if (used > 0)
		qsort(tab, used, sizeof *tab, by_count);
	for (k = 0; k < max && (size_t)k < used; k++) {
		util_strlcpy(out[k].word, tab[k].word, sizeof out[k].word);
		out[k].count = tab[k].count;
	}
	free(tab);
	return k;
}
