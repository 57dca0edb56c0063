/* store-answer.c: answers, replaced whole on every change, and tallies. */
#include <string.h>

#include "store.h"

/* Anonymous answers keep their time only to the minute, so it cannot be
 * matched against when a person joined or answered something else. */
#define AT "CASE WHEN ?3 IS NULL THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') " \
	"ELSE strftime('%Y-%m-%dT%H:%M:00Z', 'now') END"

/*
 * Store one answer, replacing the author's earlier answer to the same
 * activity: the last answer counts.  Exactly one of `participant` (> 0)
 * and `ballot` is given; anonymous activities pass a ballot, which only
 * the participant's own token can recompute, and no person.
 */
int
store_answer_put(struct store *st, int64_t aid, int64_t participant,
    const char *ballot, const char *site, const struct answer *a)
{
	/* One statement per case, not "participant = ? OR ballot = ?":
	 * with the OR, SQLite may walk every answer of the activity by the
	 * tally index, making each answer cost as much as all the others
	 * (5,000 answers/s fell to 2,000). */
	static const char del_person[] = "DELETE FROM answers WHERE "
	    "activity = ?1 AND participant = ?2";
	static const char del_ballot[] = "DELETE FROM answers WHERE "
	    "activity = ?1 AND ballot = ?2";
	static const char ins[] = "INSERT INTO answers (activity, "
	    "participant, ballot, site, item, choice, value, at) VALUES "
	    "(?1, ?2, ?3, nullif(?4, 0), nullif(?5, ''), nullif(?6, 0), ?7, "
	    AT ")";
	sqlite3_stmt *s;
	int64_t site_row = store_site_id(st, site);

	if (site_row < 0)
		return -1;
	if ((participant > 0) == (ballot != NULL)) {
		strcpy(st->err, "an answer needs a participant or a ballot");
		return -1;
	}
	/* All or nothing: a failed insert must not leave the old answer
	 * deleted inside the turn's shared transaction. */
	if (store_step(st, "SAVEPOINT answer") != 0)
		return -1;
	if ((s = store_stmt(st, participant > 0 ? del_person : del_ballot)) ==
	    NULL)
		goto undo;
	sqlite3_bind_int64(s, 1, aid);
	if (participant > 0)
		sqlite3_bind_int64(s, 2, participant);
	else
		sqlite3_bind_text(s, 2, ballot, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		store_fail(st, "replace answer");
		goto undo;
	}
	sqlite3_reset(s);
	for (int i = 0; i < a->n; i++) {
		const struct answer_row *r = &a->rows[i];
		int rc;

		if ((s = store_stmt(st, ins)) == NULL)
			goto undo;
		sqlite3_bind_int64(s, 1, aid);
		if (participant > 0)
			sqlite3_bind_int64(s, 2, participant);
		else
			sqlite3_bind_text(s, 3, ballot, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, site_row);
		sqlite3_bind_text(s, 5, r->item, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 6, r->choice);
		sqlite3_bind_text(s, 7, r->value, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			store_fail(st, "store answer");
			goto undo;
		}
	}
	return store_step(st, "RELEASE answer");
undo:
	{
		char keep[sizeof st->err];

		memcpy(keep, st->err, sizeof keep);
		store_step(st, "ROLLBACK TO answer");
		store_step(st, "RELEASE answer");
		memcpy(st->err, keep, sizeof keep);
	}
	return -1;
}

/* The rows of one author's answer, for restoring it after a resume. */
int
store_answer_rows(struct store *st, int64_t aid, int64_t participant,
    const char *ballot, void (*fn)(void *, const char *, int, const char *),
    void *arg)
{
	static const char by_person[] = "SELECT coalesce(item, ''), "
	    "coalesce(choice, 0), value FROM answers WHERE activity = ?1 AND "
	    "participant = ?2 ORDER BY id";
	static const char by_ballot[] = "SELECT coalesce(item, ''), "
	    "coalesce(choice, 0), value FROM answers WHERE activity = ?1 AND "
	    "ballot = ?2 ORDER BY id";
	sqlite3_stmt *s = store_stmt(st, participant > 0 ? by_person :
	    by_ballot);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	if (participant > 0)
		sqlite3_bind_int64(s, 2, participant);
	else
		sqlite3_bind_text(s, 2, ballot, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int(s, 1),
		    (const char *)sqlite3_column_text(s, 2));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "answer rows");
}

/* How many people (or ballots) answered. */
int
store_answer_count(struct store *st, int64_t aid)
{
	static const char sql[] = "SELECT count(DISTINCT coalesce("
	    "participant, ballot)) FROM answers WHERE activity = ?";
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

/* Per option (from 1): how many rows chose it, and the sum of their
 * values (a ranking's ranks). */
int
store_tally(struct store *st, int64_t aid,
    void (*fn)(void *, int, int, double), void *arg)
{
	static const char sql[] = "SELECT choice, count(*), "
	    "total(CAST(value AS REAL)) FROM answers WHERE activity = ? AND "
	    "choice IS NOT NULL GROUP BY choice";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
		    sqlite3_column_double(s, 2));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "tally");
}

/* Per site and option: how many chose it.  Choice 0 rows carry the
 * number of people of that site who answered at all. */
int
store_tally_sites(struct store *st, int64_t aid,
    void (*fn)(void *, const char *, int, int), void *arg)
{
	static const char sql[] = "SELECT coalesce(s.name, ''), a.choice, "
	    "count(*) FROM answers a LEFT JOIN sites s ON s.id = a.site "
	    "WHERE a.activity = ?1 AND a.choice IS NOT NULL GROUP BY 1, 2 "
	    "UNION ALL SELECT coalesce(s.name, ''), 0, count(DISTINCT "
	    "coalesce(a.participant, a.ballot)) FROM answers a LEFT JOIN "
	    "sites s ON s.id = a.site WHERE a.activity = ?1 GROUP BY 1 "
	    "ORDER BY 1, 2";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int(s, 1), sqlite3_column_int(s, 2));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "site tally");
}

/* Free-text answers, newest first; `limit` < 0 for all of them. */
int
store_texts(struct store *st, int64_t aid, int limit,
    void (*fn)(void *, int64_t, int, const char *), void *arg)
{
	static const char sql[] = "SELECT id, hidden, value FROM answers "
	    "WHERE activity = ? AND choice IS NULL ORDER BY id DESC LIMIT ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1),
		    (const char *)sqlite3_column_text(s, 2));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "texts");
}

/* Moderation: hide (or show again) one answer in shared views.  Returns
 * 1 when it was found in this activity. */
int
store_answer_hide(struct store *st, int64_t aid, int64_t id, int hidden)
{
	static const char sql[] = "UPDATE answers SET hidden = ? WHERE "
	    "id = ? AND activity = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, hidden);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, aid);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "hide answer");
	return sqlite3_changes(st->db) > 0;
}

/*
 * One item of a form: replaces only that item of the person's answers, so
 * a form is saved item by item as it is filled in.  An empty value
 * removes the item (the person went back and cleared it), or with
 * `blank` leaves a row with an empty value: in a form answered once per
 * site the latest row of the site counts, and a clear must be that row,
 * not bring back a teammate's older answer.
 */
static int
put_item(struct store *st, int64_t aid, int64_t pid, const char *site,
    const char *item, const char *value, int blank)
{
	static const char del[] = "DELETE FROM answers WHERE activity = ? "
	    "AND participant = ? AND item = ?";
	static const char ins[] = "INSERT INTO answers (activity, "
	    "participant, site, item, value, at) VALUES (?, ?, nullif(?, 0), "
	    "?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
	int64_t site_row = store_site_id(st, site);
	sqlite3_stmt *s;
	int rc;

	if (site_row < 0 || (s = store_stmt(st, del)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int64(s, 2, pid);
	sqlite3_bind_text(s, 3, item, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "replace item");
	if (value[0] == '\0' && !blank)
		return 0;
	if ((s = store_stmt(st, ins)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int64(s, 2, pid);
	sqlite3_bind_int64(s, 3, site_row);
	sqlite3_bind_text(s, 4, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "store item");
}

int
store_answer_item(struct store *st, int64_t aid, int64_t pid,
    const char *site, const char *item, const char *value)
{
	return put_item(st, aid, pid, site, item, value, 0);
}

/* Clear an item of a form answered once per site (see put_item). */
int
store_answer_blank(struct store *st, int64_t aid, int64_t pid,
    const char *site, const char *item)
{
	return put_item(st, aid, pid, site, item, "", 1);
}

/* Rows of one activity (`sql` binds it as ?1): a participant and three
 * texts each, to `fn`.  The loop both answer and rating readers need. */
int
store_activity_rows(struct store *st, const char *sql, int64_t aid,
    void (*fn)(void *, int64_t, const char *, const char *, const char *),
    void *arg, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, what);
}

/* Every attributed answer row of an activity, oldest first. */
int
store_answer_all(struct store *st, int64_t aid,
    void (*fn)(void *, int64_t, const char *, const char *, const char *),
    void *arg)
{
	static const char sql[] = "SELECT a.participant, coalesce(s.name, "
	    "''), coalesce(a.item, ''), a.value FROM answers a LEFT JOIN sites "
	    "s ON s.id = a.site WHERE a.activity = ? AND a.participant IS NOT "
	    "NULL ORDER BY a.id";

	return store_activity_rows(st, sql, aid, fn, arg, "answers");
}
