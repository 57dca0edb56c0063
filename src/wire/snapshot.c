/* snapshot.c: encode snapshots as tagged, skippable sections: the shared
 * ones here, each activity kind's own from its wire file through the
 * registry (kind-wire.h).  Decoding is in snapshot-decode.c, fitting a
 * frame in snapshot-fit.c. */
#include <stddef.h>
#include <string.h>

#include "convene.h"
#include "kind-wire.h"


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
sec_begin(struct wbuf *w, uint8_t tag)
{
	size_t at;

	wbuf_u8(w, tag);
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

/*
 * Every kind's sections (kind-wire.h), each once, in the order of their
 * place.  A kind the registry returns for two act_kinds (forms) or a
 * section two kinds list (notes-wire.c) is taken once.
 */
size_t
snapshot_sections(const struct wire_section **out, size_t max)
{
	size_t n = 0;

	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_wire *kw =
		    activity_ops((enum act_kind)k)->wire;

		for (size_t j = 0; kw != NULL && kw->sections[j] != NULL; j++) {
			const struct wire_section *ws = kw->sections[j];
			size_t i = 0;

			while (i < n && out[i] != ws)
				i++;
			if (i < n || n == max)
				continue;
			/* Insert in order of place. */
			for (i = n++; i > 0 && out[i - 1]->place > ws->place;
			    i--)
				out[i] = out[i - 1];
			out[i] = ws;
		}
	}
	return n;
}

int
snapshot_encode(struct wbuf *w, const struct snapshot *s)
{
	const struct wire_section *secs[WIRE_SECTIONS_MAX];
	size_t at = frame_begin(w, MSG_SNAPSHOT), sec, n;
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

	n = snapshot_sections(secs, WIRE_SECTIONS_MAX);
	for (i = 0; i < n; i++)
		if (secs[i]->present(s)) {
			sec = sec_begin(w, secs[i]->tag);
			secs[i]->encode(w, s);
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
