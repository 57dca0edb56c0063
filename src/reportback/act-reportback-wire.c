/* act-reportback-wire.c: a report-back's sections of the snapshot: which
 * session it reports on and for which site (SEC_RB_HEAD), every site's
 * tally for the facilitator and the projector (SEC_RB_SITES), and one
 * site's commitments with its report (SEC_RB_ITEMS). */
#include <string.h>

#include "kind-wire.h"

enum {
	SEC_RB_HEAD = 24,	/* the session reported on, the site */
	SEC_RB_SITES = 25,	/* every site's tally */
	SEC_RB_ITEMS = 26	/* one site's commitments and report */
};

static int
rb_present(const struct snapshot *s)
{
	return s->current >= 0 && s->kind == ACT_REPORTBACK;
}

static void
head_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u32(w, s->rb_from);
	wbuf_str(w, s->rb_from_title);
	wbuf_str(w, s->rb_site);
}

static void
head_decode(struct rbuf *r, struct snapshot *s)
{
	s->rb_from = rbuf_u32(r);
	rbuf_str(r, s->rb_from_title, sizeof s->rb_from_title);
	rbuf_str(r, s->rb_site, sizeof s->rb_site);
}

static int
sites_present(const struct snapshot *s)
{
	return rb_present(s) && s->n_rbsites > 0;
}

static void
sites_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_rbsites);
	for (unsigned i = 0; i < s->n_rbsites && i < SNAP_MAX_RB_SITES; i++) {
		wbuf_str(w, s->rbsites[i].name);
		wbuf_u8(w, s->rbsites[i].n);
		for (unsigned k = 0; k < FOLLOW_STATUSES; k++)
			wbuf_u8(w, s->rbsites[i].count[k]);
	}
}

static void
sites_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_rbsites = rbuf_u8(r);
	if (s->n_rbsites > SNAP_MAX_RB_SITES) {
		r->err = "too many report-back sites";
		return;
	}
	for (unsigned i = 0; i < s->n_rbsites && r->err == NULL; i++) {
		struct snap_rbsite *t = &s->rbsites[i];
		unsigned sum = 0;

		rbuf_str(r, t->name, sizeof t->name);
		t->n = rbuf_u8(r);
		for (unsigned k = 0; k < FOLLOW_STATUSES; k++)
			sum += t->count[k] = rbuf_u8(r);
		if (sum != t->n && r->err == NULL)
			r->err = "bad report-back tally";
	}
}

static size_t
sites_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_rbsites && i < SNAP_MAX_RB_SITES; i++)
		n += 3 + FOLLOW_STATUSES + strlen(s->rbsites[i].name);
	return n;
}

static void
sites_shed(struct snapshot *s)
{
	s->n_rbsites /= 2;
}

static int
items_present(const struct snapshot *s)
{
	return rb_present(s) && s->n_followups > 0;
}

static void
items_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_followups);
	for (unsigned i = 0; i < s->n_followups && i < SNAP_MAX_FOLLOWUPS;
	    i++) {
		const struct snap_followup *f = &s->followups[i];

		wbuf_u16(w, f->id);
		wbuf_u8(w, f->status);
		wbuf_str(w, f->label);
		for (unsigned k = 0; k < COMMIT_FIELDS; k++)
			wbuf_str(w, f->commit[k]);
		wbuf_str(w, f->learned);
		wbuf_str(w, f->next);
		wbuf_str(w, f->by);
	}
}

static void
items_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_followups = rbuf_u8(r);
	if (s->n_followups > SNAP_MAX_FOLLOWUPS) {
		r->err = "too many report-back commitments";
		return;
	}
	for (unsigned i = 0; i < s->n_followups && r->err == NULL; i++) {
		struct snap_followup *f = &s->followups[i];

		f->id = rbuf_u16(r);
		f->status = rbuf_u8(r);
		if (f->status >= FOLLOW_STATUSES && r->err == NULL)
			r->err = "bad report-back status";
		rbuf_str(r, f->label, sizeof f->label);
		for (unsigned k = 0; k < COMMIT_FIELDS; k++)
			rbuf_str(r, f->commit[k], sizeof f->commit[k]);
		rbuf_str(r, f->learned, sizeof f->learned);
		rbuf_str(r, f->next, sizeof f->next);
		rbuf_str(r, f->by, sizeof f->by);
	}
}

static size_t
items_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_followups && i < SNAP_MAX_FOLLOWUPS;
	    i++) {
		const struct snap_followup *f = &s->followups[i];

		n += 20 + strlen(f->label) + strlen(f->learned) +
		    strlen(f->next) + strlen(f->by);
		for (unsigned k = 0; k < COMMIT_FIELDS; k++)
			n += strlen(f->commit[k]);
	}
	return n;
}

static void
items_shed(struct snapshot *s)
{
	s->n_followups /= 2;
}

static const struct wire_section head_sec = {
	.tag = SEC_RB_HEAD, .place = 124, .present = rb_present,
	.encode = head_encode, .decode = head_decode
};

static const struct wire_section sites_sec = {
	.tag = SEC_RB_SITES, .place = 125, .present = sites_present,
	.encode = sites_encode, .decode = sites_decode,
	.shed_rank = 24, .list_bytes = sites_bytes, .shed = sites_shed
};

static const struct wire_section items_sec = {
	.tag = SEC_RB_ITEMS, .place = 126, .present = items_present,
	.encode = items_encode, .decode = items_decode,
	.shed_rank = 25, .list_bytes = items_bytes, .shed = items_shed
};

static const struct wire_section *const reportback_sections[] = {
	&head_sec, &sites_sec, &items_sec, NULL
};

const struct kind_wire reportback_wire = { .sections = reportback_sections };
