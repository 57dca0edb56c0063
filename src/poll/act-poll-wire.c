/* act-poll-wire.c: a poll's sections of the snapshot: its type and
 * statistics, a text poll's limit, results by site, free texts and their
 * words (kind-wire.h). */
#include <string.h>

#include "kind-wire.h"

enum {
	SEC_POLL = 6,		/* poll type, statistics */
	SEC_SITES = 7,		/* per-site breakdown */
	SEC_TEXTS = 8,		/* free-text answers */
	SEC_WORDS = 9,		/* word frequencies of free text */
	SEC_TEXT_LIMIT = 15	/* a text poll's own limit (max =) */
};

static int
poll_present(const struct snapshot *s)
{
	return s->current >= 0 && s->kind == ACT_POLL;
}

static void
poll_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->poll_type);
	wbuf_u8(w, s->max_picks);
	wbuf_u16(w, (uint16_t)s->scale_min);
	wbuf_i32(w, s->mean100);
	for (unsigned i = 0; i < s->n_options && i < SNAP_MAX_OPTIONS; i++)
		wbuf_i32(w, s->stat[i]);
}

static void
poll_decode(struct rbuf *r, struct snapshot *s)
{
	s->poll_type = rbuf_u8(r);
	s->max_picks = rbuf_u8(r);
	s->scale_min = (int16_t)rbuf_u16(r);
	s->mean100 = rbuf_i32(r);
	/* Options come before this section, so their count is known. */
	for (unsigned i = 0; i < s->n_options && r->err == NULL; i++)
		s->stat[i] = rbuf_i32(r);
	if (s->poll_type > 4)
		r->err = "unknown poll type";
}

static int
limit_present(const struct snapshot *s)
{
	return s->current >= 0 && s->text_max > 0;
}

static void
limit_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u16(w, s->text_max);
}

static void
limit_decode(struct rbuf *r, struct snapshot *s)
{
	s->text_max = rbuf_u16(r);
	if (s->text_max == 0 || s->text_max > TEXT_CHARS_MAX)
		r->err = "bad text limit";
}

/* Site counts follow the options of the activity section, so they go
 * only with it (a decoder would read them short otherwise). */
static int
sites_present(const struct snapshot *s)
{
	return s->current >= 0 && s->n_sites > 0;
}

static void
sites_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_sites);
	for (unsigned i = 0; i < s->n_sites && i < SNAP_MAX_SITES; i++) {
		wbuf_str(w, s->sites[i].name);
		wbuf_u32(w, s->sites[i].n);
		for (unsigned k = 0; k < s->n_options && k < SNAP_MAX_OPTIONS;
		    k++)
			wbuf_u32(w, s->sites[i].counts[k]);
	}
}

static void
sites_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_sites = rbuf_u8(r);
	if (s->n_sites > SNAP_MAX_SITES) {
		r->err = "too many sites";
		return;
	}
	for (unsigned i = 0; i < s->n_sites && r->err == NULL; i++) {
		rbuf_str(r, s->sites[i].name, sizeof s->sites[i].name);
		s->sites[i].n = rbuf_u32(r);
		for (unsigned k = 0; k < s->n_options; k++)
			s->sites[i].counts[k] = rbuf_u32(r);
	}
}

static int
texts_present(const struct snapshot *s)
{
	return s->n_texts > 0;
}

static void
texts_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_texts);
	for (unsigned i = 0; i < s->n_texts && i < SNAP_MAX_TEXTS; i++) {
		wbuf_u32(w, s->texts[i].id);
		wbuf_u8(w, s->texts[i].hidden);
		wbuf_str(w, s->texts[i].text);
	}
}

static void
texts_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_texts = rbuf_u8(r);
	if (s->n_texts > SNAP_MAX_TEXTS) {
		r->err = "too many texts";
		return;
	}
	for (unsigned i = 0; i < s->n_texts && r->err == NULL; i++) {
		s->texts[i].id = rbuf_u32(r);
		s->texts[i].hidden = rbuf_u8(r);
		rbuf_str(r, s->texts[i].text, sizeof s->texts[i].text);
	}
}

static size_t
texts_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_texts && i < SNAP_MAX_TEXTS; i++)
		n += 7 + strlen(s->texts[i].text);
	return n;
}

static void
texts_shed(struct snapshot *s)
{
	s->n_texts /= 2;
}

static int
words_present(const struct snapshot *s)
{
	return s->n_words > 0;
}

static void
words_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_words);
	for (unsigned i = 0; i < s->n_words && i < SNAP_MAX_WORDS; i++) {
		wbuf_str(w, s->words[i].word);
		wbuf_u32(w, s->words[i].count);
	}
}

static void
words_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_words = rbuf_u8(r);
	if (s->n_words > SNAP_MAX_WORDS) {
		r->err = "too many words";
		return;
	}
	for (unsigned i = 0; i < s->n_words && r->err == NULL; i++) {
		rbuf_str(r, s->words[i].word, sizeof s->words[i].word);
		s->words[i].count = rbuf_u32(r);
	}
}

static const struct wire_section poll_sec = {
	.tag = SEC_POLL, .place = 10, .present = poll_present,
	.encode = poll_encode, .decode = poll_decode
};
static const struct wire_section limit_sec = {
	.tag = SEC_TEXT_LIMIT, .place = 20, .present = limit_present,
	.encode = limit_encode, .decode = limit_decode
};
static const struct wire_section sites_sec = {
	.tag = SEC_SITES, .place = 30, .present = sites_present,
	.encode = sites_encode, .decode = sites_decode
};
static const struct wire_section texts_sec = {
	.tag = SEC_TEXTS, .place = 40, .present = texts_present,
	.encode = texts_encode, .decode = texts_decode,
	.shed_rank = 2, .list_bytes = texts_bytes, .shed = texts_shed
};
static const struct wire_section words_sec = {
	.tag = SEC_WORDS, .place = 50, .present = words_present,
	.encode = words_encode, .decode = words_decode
};

static const struct wire_section *const poll_sections[] = {
	&poll_sec, &limit_sec, &sites_sec, &texts_sec, &words_sec, NULL
};

const struct kind_wire poll_wire = { .sections = poll_sections };
