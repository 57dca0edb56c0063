/* kind-wire.h: an activity kind's part of the wire, the sections of the
 * snapshot it fills, for the kind's own src/act-KIND-wire.c and for the
 * shared encoder, decoder and fit (snapshot.c, snapshot-decode.c,
 * snapshot-fit.c), which find them through the registry (activity.c). */
#ifndef CONVENE_KIND_WIRE_H
#define CONVENE_KIND_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"
#include "snapshot-sec.h"

/*
 * One section, `u8 tag | u16 length | body`: the shared encoder writes
 * the tag and length, `encode` the body.  The sections of every kind go
 * out after the activity section and before the viewer's own (SEC_MINE),
 * in the order of `place`, each when `present` says so, whatever the
 * current kind.  A decoder takes a section by its tag, and skips a tag it
 * does not know (a newer host's).  Tags and places are the protocol:
 * never renumber one; a new section takes a new tag (from
 * SEC_KIND_FIRST on) and a new place.  test-wire checks that no two
 * sections share either, and pins the bytes.
 */
struct wire_section {
	uint8_t	tag;
	uint8_t	place;
	int	(*present)(const struct snapshot *);
	void	(*encode)(struct wbuf *, const struct snapshot *);
	void	(*decode)(struct rbuf *, struct snapshot *);
	/*
	 * The list this section carries, if it gives way when a snapshot is
	 * too big for one frame (NULL: none): about how many bytes it takes,
	 * and how to halve it.  The biggest list gives way first; of two as
	 * big, the one of the lower shed_rank.
	 */
	uint8_t	shed_rank;
	size_t	(*list_bytes)(const struct snapshot *);
	void	(*shed)(struct snapshot *);
};

/* A kind's sections.  Kinds may share a section (notes-wire.c): listed
 * by two, it still goes out once. */
struct kind_wire {
	const struct wire_section *const *sections;	/* NULL-terminated */
};

#define WIRE_SECTIONS_MAX 32

/* snapshot.c: every kind's sections, each once, in the order of place. */
size_t	snapshot_sections(const struct wire_section **, size_t);

/* The fit's rank of the shared list of people (snapshot-fit.c). */
#define SHED_RANK_PEOPLE 1

/* notes-wire.c: sections kinds share, the tables and their notes. */
extern const struct wire_section wire_tables, wire_notes;

#endif
