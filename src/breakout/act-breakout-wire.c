/* act-breakout-wire.c: a breakout's sections of the snapshot: its groups
 * with their commitments and members (SEC_COMMIT), and, shared with the
 * café, the groups as tables and their notes (notes-wire.c). */
#include <string.h>

#include "kind-wire.h"

enum {
	SEC_COMMIT = 14		/* the groups and their commitments */
};

static int
commit_present(const struct snapshot *s)
{
	return s->current >= 0 && s->kind == ACT_BREAKOUT;
}

static void
commit_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->recall);
	wbuf_u8(w, s->group_mode);
	wbuf_u8(w, s->n_groups);
	for (unsigned i = 0; i < s->n_groups && i < SNAP_MAX_GROUPS; i++) {
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
}

static void
commit_decode(struct rbuf *r, struct snapshot *s)
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

static size_t
groups_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_groups && i < SNAP_MAX_GROUPS; i++) {
		const struct snap_group *g = &s->groups[i];

		n += 20 + strlen(g->name) + 6 * g->n_members;
		for (unsigned k = 0; k < COMMIT_FIELDS; k++)
			n += strlen(g->commit[k]);
		for (unsigned k = 0; k < g->n_members &&
		    k < SNAP_GROUP_MEMBERS; k++)
			n += strlen(g->member[k]);
	}
	return n;
}

static void
groups_shed(struct snapshot *s)
{
	s->n_groups /= 2;
}

static const struct wire_section commit_sec = {
	.tag = SEC_COMMIT, .place = 80, .present = commit_present,
	.encode = commit_encode, .decode = commit_decode,
	.shed_rank = 4, .list_bytes = groups_bytes, .shed = groups_shed
};

static const struct wire_section *const breakout_sections[] = {
	&wire_tables, &wire_notes, &commit_sec, NULL
};

const struct kind_wire breakout_wire = { .sections = breakout_sections };
