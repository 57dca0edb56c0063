/* kind-plan.h: what an activity kind brings to the plan file: the word of
 * its section ([poll]), the keys it takes, what they set and its checks. */
#ifndef CONVENE_KIND_PLAN_H
#define CONVENE_KIND_PLAN_H

#include "convene.h"

/* How plan.c checks a value before the kind sees it, so that `convene
 * check` reports every mistake, with the same messages for every kind. */
enum key_type { K_TEXT, K_INT, K_ENUM, K_LIST, K_BOOL, K_RANGE };

struct plan_key {
	const char *name;
	enum key_type type;
	const char *choices;	/* K_ENUM: "a|b|c"; K_INT: "min max" */
};

/*
 * One section word and the keys it takes besides those every activity
 * takes (plan.c).  A kind's ops may run more than one section: the form
 * machinery runs [assess] and [feedback], whose keys differ.
 */
struct kind_section {
	enum act_kind kind;
	const char *name;	/* the word in [brackets], stored and shown */
	const struct plan_key *keys;
	size_t n_keys;
};

struct kind_plan {
	const struct kind_section *sections;
	size_t n_sections;
	/* Take one key's value, already checked against its type (NULL:
	 * the kind reads its keys with plan_kv_get only). */
	void	(*set)(struct plan_activity *, const char *, const char *);
	/* Check the item once its section is read and decide whether it
	 * can run (sets runnable); the complaint goes to `why`, naming the
	 * `key =` it is about so plan.c can point at its line. */
	int	(*check)(struct plan_activity *, char *, size_t);
	/* Free what set and check kept beyond plan_activity's own
	 * fields (NULL: nothing); called however far the check got. */
	void	(*free)(struct plan_activity *);
	/* A file of the kind's own that `convene check FILE` validates,
	 * known by its name's ending (NULL: none). */
	const char *file_ext;
	int	(*check_file)(const char *);
};

#define KIND_KEYS(k) (k), sizeof (k) / sizeof (k)[0]

/* activity.c: the section of a kind (NULL for none). */
const struct kind_section *activity_section(enum act_kind);

#endif
