/* form-rated.c: faculty's ratings of sites on `rater = faculty` forms (rows; the table: act-form-store.c). */
#include <string.h>

#include "store.h"
#include "act-form.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/*
 * One faculty member's answer to one item for one site: the latest
 * counts (a changed answer replaces the row in place, with its time);
 * "" clears it.  `item` is a form slot's id, or "_submitted" once they
 * submitted the form for that site.
 */
int
form_rated_put(struct store *st, int64_t aid, int64_t pid, const char *site,
    const char *item, const char *value)
{
	static const char put[] = "INSERT INTO faculty_ratings (activity, "
	    "participant, site, item, value, at) VALUES (?1, ?2, ?3, ?4, ?5, "
	    NOW ") ON CONFLICT (activity, participant, site, item) DO UPDATE "
	    "SET value = excluded.value, at = excluded.at";
	static const char del[] = "DELETE FROM faculty_ratings WHERE "
	    "activity = ?1 AND participant = ?2 AND site = ?3 AND item = ?4";
	int64_t sid = store_site_id(st, site);
	sqlite3_stmt *s;

	if (sid <= 0 || (s = store_stmt(st, value[0] != '\0' ? put : del)) ==
	    NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int64(s, 2, pid);
	sqlite3_bind_int64(s, 3, sid);
	sqlite3_bind_text(s, 4, item, -1, SQLITE_STATIC);
	if (value[0] != '\0')
		sqlite3_bind_text(s, 5, value, -1, SQLITE_STATIC);
	return store_run(st, s, "faculty rating");
}

/* Every faculty rating of an activity: rater, site rated, item, value. */
int
form_rated_all(struct store *st, int64_t aid,
    void (*fn)(void *, int64_t, const char *, const char *, const char *),
    void *arg)
{
	static const char sql[] = "SELECT r.participant, s.name, r.item, "
	    "r.value FROM faculty_ratings r JOIN sites s ON s.id = r.site "
	    "WHERE r.activity = ? ORDER BY r.id";

	return store_activity_rows(st, sql, aid, fn, arg, "faculty ratings");
}
