/* act-cafe-wire.c: a café's sections of the snapshot: the round, the
 * viewer's seat and the tables, and the tablecloths' lines; both are
 * shared with other kinds that seat people (notes-wire.c). */
#include <stddef.h>

#include "kind-wire.h"

static const struct wire_section *const cafe_sections[] = {
	&wire_tables, &wire_notes, NULL
};

const struct kind_wire cafe_wire = { .sections = cafe_sections };
