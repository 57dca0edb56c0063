/* store-answer.c: answers, written idempotently, and their tallies. */
#include <string.h>

#include "store.h"

/*
 * Store one answer; the last answer of a person (or ballot) to an item
 * replaces the earlier one.  Exactly one of `participant` (> 0) and
 * `ballot` is given: anonymous activities pass a ballot and no person,
 * and their time is kept only to the minute so it cannot be matched
 * against when a person joined or answered something else.
 */
int
store_answer_put(struct store *st, int64_t aid, int64_t participant,
    const char *ballot, const char *site, const char *value, int choice)
{
	static const char upd[] = "UPDATE answers SET value = ?4, "
	    "choice = ?5, site = nullif(?6, 0), at = CASE WHEN ?3 IS NULL "
	    "THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ELSE "
	    "strftime('%Y-%m-%dT%H:%M:00Z', 'now') END WHERE activity = ?1 "
	    "AND item IS NULL AND (participant = ?2 OR ballot = ?3)";
	static const char ins[] = "INSERT INTO answers (activity, "
	    "participant, ballot, site, item, choice, value, at) VALUES "
	    "(?1, ?2, ?3, nullif(?6, 0), NULL, ?5, ?4, CASE WHEN ?3 IS NULL "
	    "THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ELSE "
	    "strftime('%Y-%m-%dT%H:%M:00Z', 'now') END)";
	const char *sqls[2] = { upd, ins };
	int64_t site_row = store_site_id(st, site);

	if (site_row < 0)
		return -1;
	if ((participant > 0) == (ballot != NULL)) {
		strcpy(st->err, "an answer needs a participant or a ballot");
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *s = store_stmt(st, sqls[i]);
		int rc;

		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, aid);
		if (participant > 0)
			sqlite3_bind_int64(s, 2, participant);
		if (ballot != NULL)
			sqlite3_bind_text(s, 3, ballot, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, value, -1, SQLITE_STATIC);
		if (choice >= 0)
			sqlite3_bind_int(s, 5, choice + 1);
		sqlite3_bind_int64(s, 6, site_row);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_fail(st, "store answer");
		if (sqlite3_changes(st->db) > 0)
			return 0;
	}
	return 0;
}

/* A person's (or ballot's) current answer: its choice if it has one,
 * else its value.  Returns 1 when found, 0 when not, -1 on error. */
int
store_answer_get(struct store *st, int64_t aid, int64_t participant,
    const char *ballot, char *out, size_t cap)
{
	static const char sql[] = "SELECT coalesce(choice, value) FROM "
	    "answers WHERE activity = ?1 AND item IS NULL AND "
	    "(participant = ?2 OR ballot = ?3)";
	sqlite3_stmt *s = store_stmt(st, sql);
	int found = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	if (participant > 0)
		sqlite3_bind_int64(s, 2, participant);
	if (ballot != NULL)
		sqlite3_bind_text(s, 3, ballot, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		util_strlcpy(out, (const char *)sqlite3_column_text(s, 0), cap);
		found = 1;
	}
	sqlite3_reset(s);
	return found;
}

int
store_answer_count(struct store *st, int64_t aid)
{
	static const char sql[] = "SELECT count(*) FROM answers WHERE "
	    "activity = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int n = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return n;
}

/* Counts per choice (numbered from 1), as the room will see them. */
int
store_tally(struct store *st, int64_t aid,
    void (*fn)(void *, const char *, int), void *arg)
{
	static const char sql[] = "SELECT choice, count(*) FROM answers "
	    "WHERE activity = ? AND choice IS NOT NULL GROUP BY choice";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int(s, 1));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "tally");
}

/* Who has answered (attributed activities only). */
int
store_answered(struct store *st, int64_t aid, void (*fn)(void *, int64_t),
    void *arg)
{
	static const char sql[] = "SELECT DISTINCT participant FROM answers "
	    "WHERE activity = ? AND participant IS NOT NULL";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "answered");
}
