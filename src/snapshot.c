/* snapshot.c: encode snapshots as tagged, skippable sections (decoding
 * is in snapshot-decode.c, fitting a frame in snapshot-fit.c). */
#include <stddef.h>
#include <string.h>

#include "snapshot.h"
#include "snapshot-sec.h"


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
