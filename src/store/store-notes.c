/* store-notes.c: an activity's round and shared notes, one row per line. */
#include <string.h>

#include "store.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

int
store_activity_round(struct store *st, int64_t aid, int round)
{
	static const char sql[] = "UPDATE activities SET round = ? WHERE "
	    "id = ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, round);
	sqlite3_bind_int64(s, 2, aid);
	return store_run(st, s, "activity round");
}

int
store_activity_get_round(struct store *st, int64_t aid)
{
	static const char sql[] = "SELECT round FROM activities WHERE id = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int round = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	if (sqlite3_step(s) == SQLITE_ROW)
		round = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return round;
}

/* A new line of a shared note; returns its id.  `round`, `tbl` and `grp`
 * place it (0 for "not applicable"). */
int64_t
store_note_add(struct store *st, int64_t aid, int round, int tbl, int grp,
    int64_t pid, const char *text)
{
	static const char sql[] = "INSERT INTO notes (activity, round, tbl, "
	    "grp, participant, text, at) VALUES (?, nullif(?, 0), nullif(?, 0),"
	    " nullif(?, 0), nullif(?, 0), ?, " NOW ")";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, round);
	sqlite3_bind_int(s, 3, tbl);
	sqlite3_bind_int(s, 4, grp);
	sqlite3_bind_int64(s, 5, pid);
	sqlite3_bind_text(s, 6, text, -1, SQLITE_STATIC);
	if (store_run(st, s, "add note") != 0)
		return -1;
	return sqlite3_last_insert_rowid(st->db);
}

/* Change a line; only its author may (returns 1 when changed). */
int
store_note_edit(struct store *st, int64_t aid, int64_t id, int64_t pid,
    const char *text)
{
	static const char sql[] = "UPDATE notes SET text = ?, at = " NOW
	    " WHERE id = ? AND activity = ? AND participant = ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, aid);
	sqlite3_bind_int64(s, 4, pid);
	if (store_run(st, s, "edit note") != 0)
		return -1;
	return sqlite3_changes(st->db) > 0;
}

/* Mark (or unmark) a line as a theme of the harvest. */
int
store_note_theme(struct store *st, int64_t aid, int64_t id, int theme)
{
	static const char sql[] = "UPDATE notes SET theme = ? WHERE id = ? "
	    "AND activity = ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, theme);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, aid);
	if (store_run(st, s, "theme") != 0)
		return -1;
	return sqlite3_changes(st->db) > 0;
}

/* Lines of an activity's notes in order, optionally only one round
 * (> 0), table (> 0) or group (> 0). */
int
store_notes(struct store *st, int64_t aid, int round, int tbl, int grp,
    void (*fn)(void *, const struct store_note *), void *arg)
{
	static const char sql[] = "SELECT n.id, coalesce(n.round, 0), "
	    "coalesce(n.tbl, 0), coalesce(n.grp, 0), coalesce(n.participant, "
	    "0), coalesce(p.name, ''), n.text, n.theme, n.at FROM notes n "
	    "LEFT JOIN participants p ON p.id = n.participant WHERE "
	    "n.activity = ?1 AND (?2 = 0 OR n.round = ?2) AND (?3 = 0 OR "
	    "n.tbl = ?3) AND (?4 = 0 OR n.grp = ?4) ORDER BY n.tbl, n.grp, "
	    "n.round, n.id";
	sqlite3_stmt *s = store_stmt(st, sql);
	struct store_note n;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, round);
	sqlite3_bind_int(s, 3, tbl);
	sqlite3_bind_int(s, 4, grp);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n.id = sqlite3_column_int64(s, 0);
		n.round = sqlite3_column_int(s, 1);
		n.tbl = sqlite3_column_int(s, 2);
		n.grp = sqlite3_column_int(s, 3);
		n.participant = sqlite3_column_int64(s, 4);
		util_strlcpy(n.author, (const char *)sqlite3_column_text(s, 5),
		    sizeof n.author);
		n.text = (const char *)sqlite3_column_text(s, 6);
		n.theme = sqlite3_column_int(s, 7);
		util_strlcpy(n.at, (const char *)sqlite3_column_text(s, 8),
		    sizeof n.at);
		fn(arg, &n);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "notes");
}
