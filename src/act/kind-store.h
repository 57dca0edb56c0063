/* kind-store.h: an activity kind's own tables and rows, behind its ops. */
#ifndef CONVENE_KIND_STORE_H
#define CONVENE_KIND_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "convene.h"

/*
 * The store (store.c, store-session.c) and --merge (export-merge.c)
 * name no activity kind: a kind's tables, the rows it writes with a new
 * session and how --merge copies its tables come from its
 * `struct kind_store`, found through the registry (store_kind()).
 */

/*
 * SQL run at one schema version: for `ddl`, by the migration that brings
 * a database to `version` (after the shared tables of that version,
 * store.c), so the numbering stays the one existing databases have; for
 * `merge`, when the sources are of `version` or later (after the shared
 * tables, export-merge.c, with temp.ma and temp.mp mapping activities and
 * participants).
 */
struct store_sql {
	int	version;
	const char *sql;
};

struct kind_store {
	const struct store_sql *ddl;
	size_t	n_ddl;
	const struct store_sql *merge;
	size_t	n_merge;
	/* The activities row's `type` (a poll's type, a form's name), or
	 * NULL; NULL hook: none. */
	const char *(*type)(const struct plan_activity *);
	/* Rows of its own written with a new session's activity `aid`
	 * (store_session_create()); 0 or -1 with the store's error. */
	int	(*save)(struct store *, int64_t, const struct plan_activity *);
};

#define STORE_COUNT(a) (sizeof (a) / sizeof (a)[0])

/* store.c: kind `k`'s tables and rows, or NULL (none, or a kind that
 * shares the ops, and so the tables, of an earlier one). */
const struct kind_store *store_kind(unsigned);

#endif
