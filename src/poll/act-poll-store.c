/* act-poll-store.c: what the store keeps of a poll beyond its options: its type. */
#include "kind-store.h"

static const char *poll_types[] = { "single", "multi", "scale", "text",
    "rank" };

/* The activities row's type. */
static const char *
type(const struct plan_activity *a)
{
	return poll_types[a->poll_type];
}

const struct kind_store poll_store = {
	.type = type,
};
