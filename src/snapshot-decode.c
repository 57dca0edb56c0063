/* snapshot-decode.c: a snapshot frame back into a struct snapshot; any
 * byte string gives a snapshot or a clear error. */
#include <stddef.h>
#include <string.h>

#include "snapshot.h"
#include "snapshot-sec.h"

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

static void
decode_poll(struct rbuf *r, struct snapshot *s)
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

static void
decode_sites(struct rbuf *r, struct snapshot *s)
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

static void
decode_texts(struct rbuf *r, struct snapshot *s)
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

static void
decode_words(struct rbuf *r, struct snapshot *s)
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

static void
decode_tables(struct rbuf *r, struct snapshot *s)
{
	s->round = rbuf_u8(r);
	s->rounds = rbuf_u8(r);
	s->my_table = rbuf_u16(r);
	s->i_host = rbuf_u8(r);
	rbuf_str(r, s->my_host, sizeof s->my_host);
	s->n_tables = rbuf_u16(r);
	if (s->n_tables > SNAP_MAX_TABLES) {
		r->err = "too many tables";
		return;
	}
	for (unsigned i = 0; i < s->n_tables && r->err == NULL; i++) {
		struct snap_table *t = &s->tables[i];

		t->number = rbuf_u16(r);
		t->seated = rbuf_u8(r);
		t->arrived = rbuf_u8(r);
		rbuf_str(r, t->host, sizeof t->host);
		rbuf_str(r, t->people, sizeof t->people);
	}
}

static void
decode_notes(struct rbuf *r, struct snapshot *s)
{
	s->n_notes = rbuf_u16(r);
	s->more_notes = rbuf_u16(r);
	if (s->n_notes > SNAP_MAX_NOTES) {
		r->err = "too many notes";
		return;
	}
	for (unsigned i = 0; i < s->n_notes && r->err == NULL; i++) {
		struct snap_note *n = &s->notes[i];

		n->id = rbuf_u32(r);
		n->table = rbuf_u16(r);
		n->round = rbuf_u8(r);
		n->flags = rbuf_u8(r);
		rbuf_str(r, n->author, sizeof n->author);
		rbuf_str(r, n->text, sizeof n->text);
	}
}

static void
decode_commit(struct rbuf *r, struct snapshot *s)
{
	s->recall = rbuf_u8(r);
	s->group_mode = rbuf_u8(r);
	s->n_groups = rbuf_u8(r);
	if (s->n_groups > SNAP_MAX_GROUPS || s->group_mode > BREAKOUT_CHOOSE) {
		r->err = "bad breakout groups";
		return;
	}
	for (unsigned i = 0; i < s->n_groups && r->err == NULL; i++) {
		struct snap_group *g = &s->groups[i];

		rbuf_str(r, g->name, sizeof g->name);
		rbuf_str(r, g->last, sizeof g->last);
		g->size = rbuf_u16(r);
		g->n_lines = rbuf_u16(r);
		for (unsigned k = 0; k < COMMIT_FIELDS; k++)
			rbuf_str(r, g->commit[k], sizeof g->commit[k]);
		g->n_members = rbuf_u8(r);
		if (g->n_members > SNAP_GROUP_MEMBERS) {
			r->err = "too many group members";
			return;
		}
		for (unsigned k = 0; k < g->n_members && r->err == NULL; k++) {
			g->member_id[k] = rbuf_u32(r);
			rbuf_str(r, g->member[k], sizeof g->member[k]);
		}
	}
}

static void
decode_form(struct rbuf *r, struct snapshot *s)
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

static void
decode_scores(struct rbuf *r, struct snapshot *s)
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

int
snapshot_decode(const struct frame *f, struct snapshot *s, const char **err)
{
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
		case SEC_POLL:
			decode_poll(&sub, s);
			break;
		case SEC_SITES:
			decode_sites(&sub, s);
			break;
		case SEC_TEXTS:
			decode_texts(&sub, s);
			break;
		case SEC_WORDS:
			decode_words(&sub, s);
			break;
		case SEC_TABLES:
			decode_tables(&sub, s);
			break;
		case SEC_NOTES:
			decode_notes(&sub, s);
			break;
		case SEC_FORM:
			decode_form(&sub, s);
			break;
		case SEC_SCORES:
			decode_scores(&sub, s);
			break;
		case SEC_COMMIT:
			decode_commit(&sub, s);
			break;
		case SEC_PEOPLE:
			decode_people(&sub, s);
			break;
		case SEC_TEXT_LIMIT:
			s->text_max = rbuf_u16(&sub);
			if (s->text_max == 0 || s->text_max > TEXT_CHARS_MAX)
				sub.err = "bad text limit";
			break;
		default:
			/* A section from a newer host: skip it whole. */
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
