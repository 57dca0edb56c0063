/* act-storyboard-rows.c: a storyboard's visits and feedback in the store
 * (the tables: act-storyboard-store.c). */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "act-storyboard.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Forget the visits of rounds `from` (from 1) on, before a new plan. */
int
story_visits_clear(struct store *st, int64_t aid, int from)
{
	static const char sql[] = "DELETE FROM story_visits WHERE activity = ? "
	    "AND round >= ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, from);
	return store_run(st, s, "visits");
}

int
story_visit_put(struct store *st, int64_t aid, int round, int64_t pid,
    const char *board)
{
	static const char sql[] = "INSERT OR REPLACE INTO story_visits "
	    "(activity, round, participant, board) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, round);
	sqlite3_bind_int64(s, 3, pid);
	sqlite3_bind_text(s, 4, board, -1, SQLITE_STATIC);
	return store_run(st, s, "visit");
}

int
story_visits_read(struct store *st, int64_t aid,
    void (*fn)(void *, int, int64_t, const char *), void *arg)
{
	static const char sql[] = "SELECT round, participant, board FROM "
	    "story_visits WHERE activity = ? ORDER BY round, participant";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int(s, 0), sqlite3_column_int64(s, 1),
		    (const char *)sqlite3_column_text(s, 2));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "visits");
}

/* A visitor's line of one part on a board in a round: "" takes it
 * back; writing it again changes it. */
int
story_line_put(struct store *st, int64_t aid, int round, int64_t pid,
    const char *board, int part, const char *text)
{
	static const char put[] = "INSERT INTO story_feedback (activity, "
	    "round, participant, board, part, text, at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, " NOW ") ON CONFLICT (activity, round, participant, "
	    "part) DO UPDATE SET board = excluded.board, text = excluded.text, "
	    "at = excluded.at";
	static const char del[] = "DELETE FROM story_feedback WHERE "
	    "activity = ?1 AND round = ?2 AND participant = ?3 AND part = ?4";
	sqlite3_stmt *s = store_stmt(st, text[0] ? put : del);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, round);
	sqlite3_bind_int64(s, 3, pid);
	if (text[0] == '\0') {
		sqlite3_bind_text(s, 4, story_part_word(part), -1,
		    SQLITE_STATIC);
		return store_run(st, s, "feedback");
	}
	sqlite3_bind_text(s, 4, board, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, story_part_word(part), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, text, -1, SQLITE_STATIC);
	return store_run(st, s, "feedback");
}

/* Every line of the activity, oldest first. */
int
story_lines_read(struct store *st, int64_t aid, struct story_line **out,
    size_t *n)
{
	static const char sql[] = "SELECT f.id, f.round, f.participant, "
	    "p.name, coalesce(si.name, ''), f.board, f.part, f.text FROM "
	    "story_feedback f JOIN participants p ON p.id = f.participant "
	    "LEFT JOIN sites si ON si.id = p.site WHERE f.activity = ? "
	    "ORDER BY f.id";
	sqlite3_stmt *s = store_stmt(st, sql);
	struct story_line *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct story_line *l;
		const char *part = (const char *)sqlite3_column_text(s, 6);

		if (k == cap) {
			struct story_line *nv;

			cap = cap ? cap * 2 : 16;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL)
				break;
			v = nv;
		}
		l = &v[k];
		memset(l, 0, sizeof *l);
		l->id = sqlite3_column_int64(s, 0);
		l->round = sqlite3_column_int(s, 1);
		l->participant = sqlite3_column_int64(s, 2);
		util_strlcpy(l->author, (const char *)sqlite3_column_text(s, 3),
		    sizeof l->author);
		util_strlcpy(l->author_site, (const char *)
		    sqlite3_column_text(s, 4), sizeof l->author_site);
		util_strlcpy(l->board, (const char *)sqlite3_column_text(s, 5),
		    sizeof l->board);
		l->part = story_part_parse(part, strlen(part));
		if ((l->text = strdup((const char *)sqlite3_column_text(s, 7)))
		    == NULL)
			break;
		k++;
	}
	sqlite3_reset(s);
	*out = v;
	*n = k;
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? -1 : store_fail(st, "feedback");
	return 0;
}

void
story_lines_free(struct story_line *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}
