/* act-breakout-rows.c: breakout groups with their commitment, and members (their tables: act-breakout-store.c). */
#include <string.h>

#include "store.h"
#include "act-breakout.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Create group `grp` (from 1) or rename it; its commitment stays. */
int
store_group_put(struct store *st, int64_t aid, int grp, const char *name)
{
	static const char sql[] = "INSERT INTO groups (activity, grp, name) "
	    "VALUES (?, ?, ?) ON CONFLICT (activity, grp) DO UPDATE SET "
	    "name = excluded.name";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, grp);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	return store_run(st, s, "group");
}

/*
 * Set one part of a group's commitment (enum commit_field); "" clears
 * it.  Only that column is written, so two members filling different
 * parts at the same time both keep what they typed.
 */
int
store_group_set(struct store *st, int64_t aid, int grp, int field,
    const char *value)
{
	static const char sql[] = "UPDATE groups SET "
	    "change = CASE ?3 WHEN 0 THEN nullif(?4, '') ELSE change END, "
	    "owner = CASE ?3 WHEN 1 THEN nullif(?4, '') ELSE owner END, "
	    "due = CASE ?3 WHEN 2 THEN nullif(?4, '') ELSE due END, "
	    "measure = CASE ?3 WHEN 3 THEN nullif(?4, '') ELSE measure END, "
	    "updated = " NOW " WHERE activity = ?1 AND grp = ?2";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, grp);
	sqlite3_bind_int(s, 3, field);
	sqlite3_bind_text(s, 4, value, -1, SQLITE_STATIC);
	if (store_run(st, s, "commitment") != 0)
		return -1;
	return sqlite3_changes(st->db) > 0 ? 0 : -1;
}

/* Groups in order; the commitment parts are "" when unset. */
int
store_groups(struct store *st, int64_t aid,
    void (*fn)(void *, int, const char *, const char *const *), void *arg)
{
	static const char sql[] = "SELECT grp, name, coalesce(change, ''), "
	    "coalesce(owner, ''), coalesce(due, ''), coalesce(measure, '') "
	    "FROM groups WHERE activity = ? ORDER BY grp";
	sqlite3_stmt *s = store_stmt(st, sql);
	const char *parts[COMMIT_FIELDS];
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int k = 0; k < COMMIT_FIELDS; k++)
			parts[k] = (const char *)sqlite3_column_text(s, 2 + k);
		fn(arg, sqlite3_column_int(s, 0),
		    (const char *)sqlite3_column_text(s, 1), parts);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "groups");
}

/* Put a participant in group `grp` (from 1), or move them there. */
int
store_member_put(struct store *st, int64_t aid, int64_t pid, int grp)
{
	static const char sql[] = "INSERT INTO members (activity, "
	    "participant, grp) VALUES (?, ?, ?) ON CONFLICT (activity, "
	    "participant) DO UPDATE SET grp = excluded.grp";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int64(s, 2, pid);
	sqlite3_bind_int(s, 3, grp);
	return store_run(st, s, "member");
}

int
store_members(struct store *st, int64_t aid,
    void (*fn)(void *, int64_t, int), void *arg)
{
	static const char sql[] = "SELECT participant, grp FROM members "
	    "WHERE activity = ? ORDER BY grp, participant";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "members");
}
