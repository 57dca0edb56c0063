/* snapshot-decode.c: a snapshot frame back into a struct snapshot; any
 * byte string gives a snapshot or a clear error.  The shared sections are
 * read here, each kind's own by its wire file (kind-wire.h). */
#include <stddef.h>
#include <string.h>

#include "kind-wire.h"

static void
decode_agenda(struct rbuf *r, struct snapshot *s)
{
	unsigned i;

	s->n_items = rbuf_u16(r);
	if (s->n_items > SNAP_MAX_ITEMS) {
		r->err = "agenda too long";
		return;
	}
	for (i = 0; i < s->n_items && r->err == NULL; i++) {
		struct snap_item *it = &s->items[i];

		rbuf_str(r, it->id, sizeof it->id);
		rbuf_str(r, it->title, sizeof it->title);
		it->kind = rbuf_u8(r);
		it->flags = rbuf_u8(r);
		it->state = rbuf_u8(r);
		if (it->kind >= ACT_KIND_MAX || it->state > ACT_CLOSED)
			r->err = "bad agenda item";
	}
	s->current = (int16_t)rbuf_u16(r);
	if (s->current < -1 || s->current >= (int)s->n_items)
		r->err = "current activity out of range";
}

static void
decode_activity(struct rbuf *r, struct snapshot *s)
{
	unsigned i;

	s->kind = rbuf_u8(r);
	s->state = rbuf_u8(r);
	s->flags = rbuf_u8(r);
	rbuf_str(r, s->activity, sizeof s->activity);
	rbuf_str(r, s->question, sizeof s->question);
	s->n_options = rbuf_u8(r);
	if (s->n_options > SNAP_MAX_OPTIONS) {
		r->err = "too many options";
		return;
	}
	for (i = 0; i < s->n_options && r->err == NULL; i++) {
		rbuf_str(r, s->options[i], sizeof s->options[i]);
		s->counts[i] = rbuf_u32(r);
	}
	s->answered = rbuf_u32(r);
	s->remaining = rbuf_i32(r);
	if (s->kind >= ACT_KIND_MAX || s->state > ACT_CLOSED)
		r->err = "bad activity";
}

static void
decode_people(struct rbuf *r, struct snapshot *s)
{
	unsigned i;

	s->n_people = rbuf_u16(r);
	if (s->n_people > SNAP_MAX_PEOPLE) {
		r->err = "participant list too long";
		return;
	}
	for (i = 0; i < s->n_people && r->err == NULL; i++) {
		struct snap_person *p = &s->people[i];

		p->id = rbuf_u32(r);
		rbuf_str(r, p->name, sizeof p->name);
		rbuf_str(r, p->site, sizeof p->site);
		p->connected = rbuf_u8(r);
		p->answered = rbuf_u8(r);
	}
}

int
snapshot_decode(const struct frame *f, struct snapshot *s, const char **err)
{
	const struct wire_section *secs[WIRE_SECTIONS_MAX];
	size_t n_secs = snapshot_sections(secs, WIRE_SECTIONS_MAX), k;
	struct rbuf r;
	int seen_head = 0, seen_agenda = 0;

	memset(s, 0, offsetof(struct snapshot, items));
	s->current = -1;
	s->mine = -1;
	s->remaining = -1;
	if (f->type != MSG_SNAPSHOT) {
		*err = "unexpected message type";
		return -1;
	}
	rbuf_init(&r, f->payload, f->len);
	while (r.err == NULL && r.off < r.len) {
		uint8_t tag = rbuf_u8(&r);
		uint16_t n = rbuf_u16(&r);
		struct rbuf sub;

		if (r.err != NULL || n > r.len - r.off) {
			r.err = "section ends early";
			break;
		}
		rbuf_init(&sub, r.p + r.off, n);
		r.off += n;
		switch (tag) {
		case SEC_HEAD:
			s->seq = rbuf_u32(&sub);
			s->view = rbuf_u8(&sub);
			rbuf_str(&sub, s->title, sizeof s->title);
			rbuf_str(&sub, s->join_hint, sizeof s->join_hint);
			s->joined = rbuf_u32(&sub);
			s->connected = rbuf_u32(&sub);
			rbuf_str(&sub, s->banner, sizeof s->banner);
			if (s->view >= VIEW_MAX)
				sub.err = "unknown view";
			seen_head = 1;
			break;
		case SEC_AGENDA:
			decode_agenda(&sub, s);
			seen_agenda = 1;
			break;
		case SEC_ACTIVITY:
			decode_activity(&sub, s);
			break;
		case SEC_MINE:
			s->mine = (int16_t)rbuf_u16(&sub);
			rbuf_str(&sub, s->mine_value, sizeof s->mine_value);
			if (s->mine < -1 || s->mine >= SNAP_MAX_OPTIONS)
				sub.err = "own answer out of range";
			break;
		case SEC_PEOPLE:
			decode_people(&sub, s);
			break;
		default:
			for (k = 0; k < n_secs && secs[k]->tag != tag; k++)
				;
			if (k < n_secs)
				secs[k]->decode(&sub, s);
			else	/* a section from a newer host: skip it whole */
				sub.off = sub.len;
			break;
		}
		if (rbuf_done(&sub) != 0)
			r.err = sub.err;
	}
	if (r.err == NULL && (!seen_head || !seen_agenda))
		r.err = "snapshot lacks its head or agenda";
	if (r.err == NULL && s->current >= 0 && s->activity[0] == '\0')
		r.err = "snapshot lacks the current activity";
	if (r.err != NULL) {
		*err = r.err;
		return -1;
	}
	return 0;
}
