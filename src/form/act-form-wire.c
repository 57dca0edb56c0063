/* act-form-wire.c: the sections of the snapshot of a form (assess,
 * feedback): the form with the viewer's answers (SEC_FORM), and its
 * results by site (SEC_SCORES), with the faculty's scores and rwg(j)
 * beside them (SEC_FACULTY); a faculty viewer's sites to rate
 * (SEC_RATE) (kind-wire.h). */
#include <stddef.h>

#include "kind-wire.h"

enum {
	SEC_FORM = 12,		/* the form: scales and items */
	SEC_SCORES = 13,	/* completion and scores by site */
	SEC_FACULTY = 28,	/* beside the scores: faculty's, and rwg(j) */
	SEC_RATE = 29		/* a faculty viewer: the sites they rate */
};

static int
form_present(const struct snapshot *s)
{
	return s->n_slots > 0;
}

static void
form_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_str(w, s->form_title);
	wbuf_str(w, s->form_source);
	wbuf_u8(w, s->form_by);
	wbuf_u8(w, s->submitted);
	wbuf_u8(w, s->n_scales);
	for (unsigned i = 0; i < s->n_scales && i < SNAP_MAX_SCALES; i++) {
		wbuf_u8(w, s->scales[i].n);
		for (unsigned k = 0; k < s->scales[i].n &&
		    k < SNAP_MAX_OPTIONS; k++) {
			wbuf_str(w, s->scales[i].labels[k]);
			wbuf_str(w, s->scales[i].values[k]);
		}
	}
	wbuf_u8(w, s->n_slots);
	for (unsigned i = 0; i < s->n_slots && i < SNAP_MAX_SLOTS; i++) {
		wbuf_str(w, s->slots[i].id);
		wbuf_u8(w, s->slots[i].kind);
		wbuf_u8(w, s->slots[i].scale);
		wbuf_str(w, s->slots[i].text);
		wbuf_str(w, s->slots[i].mine);
	}
}

static void
form_decode(struct rbuf *r, struct snapshot *s)
{
	rbuf_str(r, s->form_title, sizeof s->form_title);
	rbuf_str(r, s->form_source, sizeof s->form_source);
	s->form_by = rbuf_u8(r);
	s->submitted = rbuf_u8(r);
	s->n_scales = rbuf_u8(r);
	if (s->n_scales > SNAP_MAX_SCALES) {
		r->err = "too many scales";
		return;
	}
	for (unsigned i = 0; i < s->n_scales && r->err == NULL; i++) {
		struct snap_scale *sc = &s->scales[i];

		sc->n = rbuf_u8(r);
		if (sc->n > SNAP_MAX_OPTIONS) {
			r->err = "too many scale points";
			return;
		}
		for (unsigned k = 0; k < sc->n; k++) {
			rbuf_str(r, sc->labels[k], sizeof sc->labels[k]);
			rbuf_str(r, sc->values[k], sizeof sc->values[k]);
		}
	}
	s->n_slots = rbuf_u8(r);
	if (s->n_slots > SNAP_MAX_SLOTS) {
		r->err = "too many form items";
		return;
	}
	for (unsigned i = 0; i < s->n_slots && r->err == NULL; i++) {
		struct snap_slot *sl = &s->slots[i];

		rbuf_str(r, sl->id, sizeof sl->id);
		sl->kind = rbuf_u8(r);
		sl->scale = rbuf_u8(r);
		rbuf_str(r, sl->text, sizeof sl->text);
		rbuf_str(r, sl->mine, sizeof sl->mine);
		if (sl->kind > SLOT_TEXT || (sl->kind != SLOT_TEXT &&
		    sl->scale >= s->n_scales))
			r->err = "bad form item";
	}
}

static int
scores_present(const struct snapshot *s)
{
	return s->n_scores > 0;
}

static void
scores_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_subscales);
	for (unsigned i = 0; i < s->n_subscales && i < FORM_SUBSCALES; i++)
		wbuf_str(w, s->subscales[i]);
	wbuf_u8(w, s->n_scores);
	for (unsigned i = 0; i < s->n_scores && i < SNAP_MAX_SITES + 1; i++) {
		const struct snap_score *sc = &s->scores[i];

		wbuf_str(w, sc->site);
		wbuf_u16(w, sc->members);
		wbuf_u16(w, sc->started);
		wbuf_u16(w, sc->complete);
		wbuf_u16(w, sc->partial);
		wbuf_u8(w, sc->suppressed);
		for (unsigned k = 0; k < s->n_subscales &&
		    k < FORM_SUBSCALES; k++) {
			wbuf_i32(w, sc->mean100[k]);
			wbuf_i32(w, sc->sd100[k]);
			wbuf_u16(w, sc->n[k]);
			wbuf_i32(w, sc->prev100[k]);
		}
		for (unsigned k = 0; k < s->n_slots && k < SNAP_MAX_SLOTS; k++)
			wbuf_u16(w, (uint16_t)sc->item10[k]);
	}
}

static void
scores_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_subscales = rbuf_u8(r);
	if (s->n_subscales > FORM_SUBSCALES) {
		r->err = "too many subscales";
		return;
	}
	for (unsigned i = 0; i < s->n_subscales; i++)
		rbuf_str(r, s->subscales[i], sizeof s->subscales[i]);
	s->n_scores = rbuf_u8(r);
	if (s->n_scores > SNAP_MAX_SITES + 1) {
		r->err = "too many score rows";
		return;
	}
	for (unsigned i = 0; i < s->n_scores && r->err == NULL; i++) {
		struct snap_score *sc = &s->scores[i];

		rbuf_str(r, sc->site, sizeof sc->site);
		sc->members = rbuf_u16(r);
		sc->started = rbuf_u16(r);
		sc->complete = rbuf_u16(r);
		sc->partial = rbuf_u16(r);
		sc->suppressed = rbuf_u8(r);
		for (unsigned k = 0; k < s->n_subscales; k++) {
			sc->mean100[k] = rbuf_i32(r);
			sc->sd100[k] = rbuf_i32(r);
			sc->n[k] = rbuf_u16(r);
			sc->prev100[k] = rbuf_i32(r);
		}
		/* Slots come before scores, so their count is known. */
		for (unsigned k = 0; k < s->n_slots; k++)
			sc->item10[k] = (int16_t)rbuf_u16(r);
	}
}

/*
 * SEC_FACULTY follows SEC_SCORES (it adds to its rows, whose count it
 * repeats): whether faculty rate this form, then per row and subscale
 * the faculty's mean x 100 (INT32_MIN: none), how many faculty rated,
 * and rwg(j) x 100 (-1: not defined).  Sent only when there is such a
 * figure, so a form without them goes out as it always did.
 */
static int
faculty_present(const struct snapshot *s)
{
	return s->form_extra;
}

static void
faculty_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->form_rater);
	wbuf_u8(w, s->n_scores);
	for (unsigned i = 0; i < s->n_scores && i < SNAP_MAX_SITES + 1; i++)
		for (unsigned k = 0; k < s->n_subscales &&
		    k < FORM_SUBSCALES; k++) {
			wbuf_i32(w, s->scores[i].fac100[k]);
			wbuf_u16(w, s->scores[i].fac_n[k]);
			wbuf_u16(w, (uint16_t)s->scores[i].rwg100[k]);
		}
}

static void
faculty_decode(struct rbuf *r, struct snapshot *s)
{
	unsigned n;

	s->form_rater = rbuf_u8(r);
	n = rbuf_u8(r);
	if (n != s->n_scores) {
		r->err = "faculty scores do not match the scores";
		return;
	}
	for (unsigned i = 0; i < n && r->err == NULL; i++)
		for (unsigned k = 0; k < s->n_subscales; k++) {
			int16_t rwg;

			s->scores[i].fac100[k] = rbuf_i32(r);
			s->scores[i].fac_n[k] = rbuf_u16(r);
			rwg = (int16_t)rbuf_u16(r);
			s->scores[i].rwg100[k] = rwg < -1 || rwg > 100 ? -1 :
			    rwg;
		}
	if (r->err == NULL)
		s->form_extra = 1;
}

/* SEC_RATE: the sites, each with how far the viewer got, and which one
 * they are rating (RATE_PICK: none, they choose). */
static int
rate_present(const struct snapshot *s)
{
	return s->rate_mode;
}

static void
rate_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->form_rater);
	wbuf_u8(w, s->rate_cur);
	wbuf_u8(w, s->n_rate);
	for (unsigned i = 0; i < s->n_rate && i < SNAP_MAX_RATE; i++) {
		wbuf_str(w, s->rate[i].site);
		wbuf_u8(w, s->rate[i].state);
	}
}

static void
rate_decode(struct rbuf *r, struct snapshot *s)
{
	s->form_rater = rbuf_u8(r);
	s->rate_cur = rbuf_u8(r);
	s->n_rate = rbuf_u8(r);
	if (s->n_rate > SNAP_MAX_RATE) {
		r->err = "too many sites to rate";
		return;
	}
	if (s->rate_cur != RATE_PICK && s->rate_cur >= s->n_rate) {
		r->err = "bad site to rate";
		return;
	}
	for (unsigned i = 0; i < s->n_rate && r->err == NULL; i++) {
		rbuf_str(r, s->rate[i].site, sizeof s->rate[i].site);
		s->rate[i].state = rbuf_u8(r);
		if (s->rate[i].state > RATE_DONE)
			r->err = "bad site to rate";
	}
	if (r->err == NULL)
		s->rate_mode = 1;
}

static const struct wire_section form_sec = {
	.tag = SEC_FORM, .place = 90, .present = form_present,
	.encode = form_encode, .decode = form_decode
};
static const struct wire_section scores_sec = {
	.tag = SEC_SCORES, .place = 100, .present = scores_present,
	.encode = scores_encode, .decode = scores_decode
};

static const struct wire_section faculty_sec = {
	.tag = SEC_FACULTY, .place = 228, .present = faculty_present,
	.encode = faculty_encode, .decode = faculty_decode
};
static const struct wire_section rate_sec = {
	.tag = SEC_RATE, .place = 229, .present = rate_present,
	.encode = rate_encode, .decode = rate_decode
};

static const struct wire_section *const form_sections[] = {
	&form_sec, &scores_sec, &faculty_sec, &rate_sec, NULL
};

const struct kind_wire form_wire = { .sections = form_sections };
