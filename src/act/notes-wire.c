/* notes-wire.c: the sections kinds that seat people and keep shared
 * notes have in common: the round, the viewer's seat and the tables, and
 * the lines of the notes (kind-wire.h). */
#include <string.h>

#include "kind-wire.h"

enum {
	SEC_TABLES = 10,	/* round, seat, tables (or groups) */
	SEC_NOTES = 11		/* lines of shared notes */
};

static int
tables_present(const struct snapshot *s)
{
	return s->round > 0 || s->n_tables > 0;
}

static void
tables_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->round);
	wbuf_u8(w, s->rounds);
	wbuf_u16(w, s->my_table);
	wbuf_u8(w, s->i_host);
	wbuf_str(w, s->my_host);
	wbuf_u16(w, s->n_tables);
	for (unsigned i = 0; i < s->n_tables && i < SNAP_MAX_TABLES; i++) {
		wbuf_u16(w, s->tables[i].number);
		wbuf_u8(w, s->tables[i].seated);
		wbuf_u8(w, s->tables[i].arrived);
		wbuf_str(w, s->tables[i].host);
		wbuf_str(w, s->tables[i].people);
	}
}

static void
tables_decode(struct rbuf *r, struct snapshot *s)
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

static size_t
tables_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_tables && i < SNAP_MAX_TABLES; i++)
		n += 8 + strlen(s->tables[i].host) +
		    strlen(s->tables[i].people);
	return n;
}

static void
tables_shed(struct snapshot *s)
{
	s->n_tables /= 2;
}

static int
notes_present(const struct snapshot *s)
{
	return s->n_notes > 0 || s->more_notes > 0;
}

static void
notes_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u16(w, s->n_notes);
	wbuf_u16(w, s->more_notes);
	for (unsigned i = 0; i < s->n_notes && i < SNAP_MAX_NOTES; i++) {
		wbuf_u32(w, s->notes[i].id);
		wbuf_u16(w, s->notes[i].table);
		wbuf_u8(w, s->notes[i].round);
		wbuf_u8(w, s->notes[i].flags);
		wbuf_str(w, s->notes[i].author);
		wbuf_str(w, s->notes[i].text);
	}
}

static void
notes_decode(struct rbuf *r, struct snapshot *s)
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

static size_t
notes_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_notes && i < SNAP_MAX_NOTES; i++)
		n += 14 + strlen(s->notes[i].author) +
		    strlen(s->notes[i].text);
	return n;
}

/* The lines shed are counted, so a screen can say how many more. */
static void
notes_shed(struct snapshot *s)
{
	s->more_notes = (uint16_t)(s->more_notes + s->n_notes -
	    s->n_notes / 2);
	s->n_notes /= 2;
}

const struct wire_section wire_tables = {
	.tag = SEC_TABLES, .place = 60, .present = tables_present,
	.encode = tables_encode, .decode = tables_decode,
	.shed_rank = 3, .list_bytes = tables_bytes, .shed = tables_shed
};

const struct wire_section wire_notes = {
	.tag = SEC_NOTES, .place = 70, .present = notes_present,
	.encode = notes_encode, .decode = notes_decode,
	.shed_rank = 0, .list_bytes = notes_bytes, .shed = notes_shed
};
