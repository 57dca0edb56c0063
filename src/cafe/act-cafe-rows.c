/* act-cafe-rows.c: café seats, round by round (their table: act-cafe-store.c). */
#include "store.h"
#include "act-cafe.h"

/* Forget seats from `round` on (a re-plan writes them again). */
int
store_seats_clear(struct store *st, int64_t aid, int round)
{
	static const char sql[] = "DELETE FROM seats WHERE activity = ? AND "
	    "round >= ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, round);
	return store_run(st, s, "clear seats");
}

int
store_seat_put(struct store *st, int64_t aid, int round, int tbl,
    int64_t pid, int host)
{
	static const char sql[] = "INSERT OR REPLACE INTO seats (activity, "
	    "round, tbl, participant, host) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, round);
	sqlite3_bind_int(s, 3, tbl);
	sqlite3_bind_int64(s, 4, pid);
	sqlite3_bind_int(s, 5, host);
	return store_run(st, s, "seat");
}

int
store_seats(struct store *st, int64_t aid,
    void (*fn)(void *, int, int, int64_t, int), void *arg)
{
	static const char sql[] = "SELECT round, tbl, participant, host FROM "
	    "seats WHERE activity = ? ORDER BY round, tbl, participant";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
		    sqlite3_column_int64(s, 2), sqlite3_column_int(s, 3));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "seats");
}
