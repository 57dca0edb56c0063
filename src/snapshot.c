/* snapshot.c: encode and decode snapshots as tagged, skippable sections. */
#include <stddef.h>
#include <string.h>

#include "snapshot.h"

enum snap_section {
	SEC_HEAD = 1,		/* seq, view, title, join hint, counts, banner */
	SEC_AGENDA,		/* items and the current index */
	SEC_ACTIVITY,		/* current activity, options, counts */
	SEC_MINE,		/* the viewer's own answer */
	SEC_PEOPLE,		/* facilitator only */
	SEC_POLL,		/* poll type, statistics */
	SEC_SITES,		/* per-site breakdown */
	SEC_TEXTS,		/* free-text answers */
	SEC_WORDS,		/* word frequencies of free text */
	SEC_TABLES,		/* café round, seat, tables; breakout groups */
	SEC_NOTES,		/* lines of shared notes */
	SEC_FORM,		/* assessment/feedback form: the item on screen */
	SEC_SCORES,		/* form results: completion and scores by site */
	SEC_COMMIT,		/* breakout: the group's commitment */
	SEC_TEXT_LIMIT		/* a text poll's own limit (max =) */
};

static const char *kind_names[ACT_KIND_MAX] = {
	"poll", "cafe", "assess", "breakout", "feedback"
};

const char *
act_kind_name(unsigned k)
{
	return k < ACT_KIND_MAX ? kind_names[k] : "unknown";
}

/* The first form question without an answer (n_slots: all answered). */
int
snapshot_first_blank(const struct snapshot *s)
{
	for (int i = 0; i < s->n_slots; i++)
		if (s->slots[i].mine[0] == '\0')
			return i;
	return s->n_slots;
}

const char *
act_state_name(unsigned s)
{
	static const char *names[] = { "waiting", "open", "closed" };

	return s < 3 ? names[s] : "unknown";
}

static size_t
sec_begin(struct wbuf *w, enum snap_section tag)
{
	size_t at;

	wbuf_u8(w, (uint8_t)tag);
	at = w->len;
	wbuf_u16(w, 0);
	return at;
}

static void
sec_end(struct wbuf *w, size_t at)
{
	size_t n;

	if (w->oom)
		return;
	n = w->len - at - 2;
	if (n > 0xffff)
		return;	/* the frame is too long too: frame_end() refuses
			 * it and snapshot_fit() sheds list entries */
	w->data[at] = n & 0xff;
	w->data[at + 1] = (n >> 8) & 0xff;
}

/*
 * The viewer's own part.  It is the last section of every view but the
 * facilitator's, so the host can encode the rest once per change and
 * append this per participant (see server-client.c).
 */
void
snapshot_encode_mine(struct wbuf *w, int16_t mine, const char *value)
{
	size_t sec = sec_begin(w, SEC_MINE);

	wbuf_u16(w, (uint16_t)mine);
	wbuf_str(w, value);
	sec_end(w, sec);
}

int
snapshot_encode(struct wbuf *w, const struct snapshot *s)
{
	size_t at = frame_begin(w, MSG_SNAPSHOT), sec;
	unsigned i;

	sec = sec_begin(w, SEC_HEAD);
	wbuf_u32(w, s->seq);
	wbuf_u8(w, s->view);
	wbuf_str(w, s->title);
	wbuf_str(w, s->join_hint);
	wbuf_u32(w, s->joined);
	wbuf_u32(w, s->connected);
	wbuf_str(w, s->banner);
	sec_end(w, sec);

	sec = sec_begin(w, SEC_AGENDA);
	wbuf_u16(w, s->n_items);
	for (i = 0; i < s->n_items && i < SNAP_MAX_ITEMS; i++) {
		wbuf_str(w, s->items[i].id);
		wbuf_str(w, s->items[i].title);
		wbuf_u8(w, s->items[i].kind);
		wbuf_u8(w, s->items[i].flags);
		wbuf_u8(w, s->items[i].state);
	}
	wbuf_u16(w, (uint16_t)s->current);
	sec_end(w, sec);

	if (s->current >= 0) {
		sec = sec_begin(w, SEC_ACTIVITY);
		wbuf_u8(w, s->kind);
		wbuf_u8(w, s->state);
		wbuf_u8(w, s->flags);
		wbuf_str(w, s->activity);
		wbuf_str(w, s->question);
		wbuf_u8(w, s->n_options);
		for (i = 0; i < s->n_options && i < SNAP_MAX_OPTIONS; i++) {
			wbuf_str(w, s->options[i]);
			wbuf_u32(w, s->counts[i]);
		}
		wbuf_u32(w, s->answered);
		wbuf_i32(w, s->remaining);
		sec_end(w, sec);
	}

	if (s->current >= 0 && s->kind == ACT_POLL) {
		sec = sec_begin(w, SEC_POLL);
		wbuf_u8(w, s->poll_type);
		wbuf_u8(w, s->max_picks);
		wbuf_u16(w, (uint16_t)s->scale_min);
		wbuf_i32(w, s->mean100);
		for (i = 0; i < s->n_options && i < SNAP_MAX_OPTIONS; i++)
			wbuf_i32(w, s->stat[i]);
		sec_end(w, sec);
	}
	if (s->current >= 0 && s->text_max > 0) {
		sec = sec_begin(w, SEC_TEXT_LIMIT);
		wbuf_u16(w, s->text_max);
		sec_end(w, sec);
	}
	/* Site counts follow the options of the activity section, so they
	 * go only with it (a decoder would read them short otherwise). */
	if (s->current >= 0 && s->n_sites > 0) {
		sec = sec_begin(w, SEC_SITES);
		wbuf_u8(w, s->n_sites);
		for (i = 0; i < s->n_sites && i < SNAP_MAX_SITES; i++) {
			wbuf_str(w, s->sites[i].name);
			wbuf_u32(w, s->sites[i].n);
			for (unsigned k = 0; k < s->n_options &&
			    k < SNAP_MAX_OPTIONS; k++)
				wbuf_u32(w, s->sites[i].counts[k]);
		}
		sec_end(w, sec);
	}
	if (s->n_texts > 0) {
		sec = sec_begin(w, SEC_TEXTS);
		wbuf_u8(w, s->n_texts);
		for (i = 0; i < s->n_texts && i < SNAP_MAX_TEXTS; i++) {
			wbuf_u32(w, s->texts[i].id);
			wbuf_u8(w, s->texts[i].hidden);
			wbuf_str(w, s->texts[i].text);
		}
		sec_end(w, sec);
	}
	if (s->n_words > 0) {
		sec = sec_begin(w, SEC_WORDS);
		wbuf_u8(w, s->n_words);
		for (i = 0; i < s->n_words && i < SNAP_MAX_WORDS; i++) {
			wbuf_str(w, s->words[i].word);
			wbuf_u32(w, s->words[i].count);
		}
		sec_end(w, sec);
	}

	if (s->round > 0 || s->n_tables > 0) {
		sec = sec_begin(w, SEC_TABLES);
		wbuf_u8(w, s->round);
		wbuf_u8(w, s->rounds);
		wbuf_u16(w, s->my_table);
		wbuf_u8(w, s->i_host);
		wbuf_str(w, s->my_host);
		wbuf_u16(w, s->n_tables);
		for (i = 0; i < s->n_tables && i < SNAP_MAX_TABLES; i++) {
			wbuf_u16(w, s->tables[i].number);
			wbuf_u8(w, s->tables[i].seated);
			wbuf_u8(w, s->tables[i].arrived);
			wbuf_str(w, s->tables[i].host);
			wbuf_str(w, s->tables[i].people);
		}
		sec_end(w, sec);
	}
	if (s->n_notes > 0 || s->more_notes > 0) {
		sec = sec_begin(w, SEC_NOTES);
		wbuf_u16(w, s->n_notes);
		wbuf_u16(w, s->more_notes);
		for (i = 0; i < s->n_notes && i < SNAP_MAX_NOTES; i++) {
			wbuf_u32(w, s->notes[i].id);
			wbuf_u16(w, s->notes[i].table);
			wbuf_u8(w, s->notes[i].round);
			wbuf_u8(w, s->notes[i].flags);
			wbuf_str(w, s->notes[i].author);
			wbuf_str(w, s->notes[i].text);
		}
		sec_end(w, sec);
	}

	if (s->current >= 0 && s->kind == ACT_BREAKOUT) {
		sec = sec_begin(w, SEC_COMMIT);
		wbuf_u8(w, s->recall);
		wbuf_u8(w, s->group_mode);
		wbuf_u8(w, s->n_groups);
		for (i = 0; i < s->n_groups && i < SNAP_MAX_GROUPS; i++) {
			const struct snap_group *g = &s->groups[i];

			wbuf_str(w, g->name);
			wbuf_str(w, g->last);
			wbuf_u16(w, g->size);
			wbuf_u16(w, g->n_lines);
			for (unsigned k = 0; k < COMMIT_FIELDS; k++)
				wbuf_str(w, g->commit[k]);
			wbuf_u8(w, g->n_members);
			for (unsigned k = 0; k < g->n_members &&
			    k < SNAP_GROUP_MEMBERS; k++) {
				wbuf_u32(w, g->member_id[k]);
				wbuf_str(w, g->member[k]);
			}
		}
		sec_end(w, sec);
	}

	if (s->n_slots > 0) {
		sec = sec_begin(w, SEC_FORM);
		wbuf_str(w, s->form_title);
		wbuf_str(w, s->form_source);
		wbuf_u8(w, s->form_by);
		wbuf_u8(w, s->submitted);
		wbuf_u8(w, s->n_scales);
		for (i = 0; i < s->n_scales && i < SNAP_MAX_SCALES; i++) {
			wbuf_u8(w, s->scales[i].n);
			for (unsigned k = 0; k < s->scales[i].n &&
			    k < SNAP_MAX_OPTIONS; k++) {
				wbuf_str(w, s->scales[i].labels[k]);
				wbuf_str(w, s->scales[i].values[k]);
			}
		}
		wbuf_u8(w, s->n_slots);
		for (i = 0; i < s->n_slots && i < SNAP_MAX_SLOTS; i++) {
			wbuf_str(w, s->slots[i].id);
			wbuf_u8(w, s->slots[i].kind);
			wbuf_u8(w, s->slots[i].scale);
			wbuf_str(w, s->slots[i].text);
			wbuf_str(w, s->slots[i].mine);
		}
		sec_end(w, sec);
	}
	if (s->n_scores > 0) {
		sec = sec_begin(w, SEC_SCORES);
		wbuf_u8(w, s->n_subscales);
		for (i = 0; i < s->n_subscales && i < FORM_SUBSCALES; i++)
			wbuf_str(w, s->subscales[i]);
		wbuf_u8(w, s->n_scores);
		for (i = 0; i < s->n_scores && i < SNAP_MAX_SITES + 1; i++) {
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
			for (unsigned k = 0; k < s->n_slots &&
			    k < SNAP_MAX_SLOTS; k++)
				wbuf_u16(w, (uint16_t)sc->item10[k]);
		}
		sec_end(w, sec);
	}

	snapshot_encode_mine(w, s->mine, s->mine_value);

	if (s->n_people > 0) {
		sec = sec_begin(w, SEC_PEOPLE);
		wbuf_u16(w, s->n_people);
		for (i = 0; i < s->n_people && i < SNAP_MAX_PEOPLE; i++) {
			wbuf_u32(w, s->people[i].id);
			wbuf_str(w, s->people[i].name);
			wbuf_str(w, s->people[i].site);
			wbuf_u8(w, s->people[i].connected);
			wbuf_u8(w, s->people[i].answered);
		}
		sec_end(w, sec);
	}
	return frame_end(w, at);
}

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

/* The lists that give way when a snapshot is too big for a frame. */
enum fit_list { FIT_NOTES, FIT_PEOPLE, FIT_TEXTS, FIT_TABLES, FIT_GROUPS,
	FIT_LISTS };

/* About how many bytes list `l` takes in the frame: what decides which
 * list gives way. */
static size_t
list_bytes(const struct snapshot *s, enum fit_list l)
{
	size_t n = 0;

	switch (l) {
	case FIT_NOTES:
		for (unsigned i = 0; i < s->n_notes && i < SNAP_MAX_NOTES; i++)
			n += 14 + strlen(s->notes[i].author) +
			    strlen(s->notes[i].text);
		break;
	case FIT_PEOPLE:
		for (unsigned i = 0; i < s->n_people && i < SNAP_MAX_PEOPLE;
		    i++)
			n += 10 + strlen(s->people[i].name) +
			    strlen(s->people[i].site);
		break;
	case FIT_TEXTS:
		for (unsigned i = 0; i < s->n_texts && i < SNAP_MAX_TEXTS; i++)
			n += 7 + strlen(s->texts[i].text);
		break;
	case FIT_TABLES:
		for (unsigned i = 0; i < s->n_tables && i < SNAP_MAX_TABLES;
		    i++)
			n += 8 + strlen(s->tables[i].host) +
			    strlen(s->tables[i].people);
		break;
	case FIT_GROUPS:
		for (unsigned i = 0; i < s->n_groups && i < SNAP_MAX_GROUPS;
		    i++) {
			const struct snap_group *g = &s->groups[i];

			n += 20 + strlen(g->name) + 6 * g->n_members;
			for (unsigned k = 0; k < COMMIT_FIELDS; k++)
				n += strlen(g->commit[k]);
			for (unsigned k = 0; k < g->n_members &&
			    k < SNAP_GROUP_MEMBERS; k++)
				n += strlen(g->member[k]);
		}
		break;
	case FIT_LISTS:
		break;
	}
	return n;
}

/*
 * Encode, shedding list entries if the whole would not fit in one frame:
 * the list taking the most bytes (people, notes, texts, tables, groups)
 * is halved, again and again until it fits, so one list of long texts
 * gives way before the others lose a line.  Entries are shed from the
 * end, never cut, and the counts that say how many there are stay
 * exact (more_notes counts the lines shed).
 */
int
snapshot_fit(struct wbuf *w, struct snapshot *s)
{
	for (int tries = 0; tries < 48; tries++) {
		enum fit_list big = FIT_LISTS;
		size_t most = 0;

		if (snapshot_encode(w, s) == 0)
			return 0;
		if (w->oom)
			return -1;
		for (int l = 0; l < FIT_LISTS; l++) {
			size_t b = list_bytes(s, (enum fit_list)l);

			if (b > most) {
				most = b;
				big = (enum fit_list)l;
			}
		}
		switch (big) {
		case FIT_NOTES:
			s->more_notes = (uint16_t)(s->more_notes + s->n_notes -
			    s->n_notes / 2);
			s->n_notes /= 2;
			break;
		case FIT_PEOPLE:
			s->n_people /= 2;
			break;
		case FIT_TEXTS:
			s->n_texts /= 2;
			break;
		case FIT_TABLES:
			s->n_tables /= 2;
			break;
		case FIT_GROUPS:
			s->n_groups /= 2;
			break;
		case FIT_LISTS:
			return -1;	/* nothing left to shed */
		}
	}
	return -1;
}
