/* store-session.c: sessions, their activities and their participants. */
#include <string.h>

#include "kind-store.h"
#include "store.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static int
done(struct store *st, sqlite3_stmt *s, int rc, const char *what)
{
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/* Record a new session and its agenda; returns the session id or -1. */
int64_t
store_session_create(struct store *st, const struct plan *p)
{
	static const char sql_s[] = "INSERT INTO sessions (title, "
	    "collaborative, plan_path, started) VALUES (?, ?, ?, " NOW ")";
	static const char sql_a[] = "INSERT INTO activities (session, idx, "
	    "key, kind, type, title, question, anonymous) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)";
	static const char sql_o[] = "INSERT INTO options (activity, n, label) "
	    "VALUES (?, ?, ?)";
	sqlite3_stmt *s;
	int64_t sid, aid;
	int own = !st->in_tx;

	if (own && store_begin(st) != 0)
		return -1;
	if ((s = store_stmt(st, sql_s)) == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->collaborative, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, p->path, -1, SQLITE_STATIC);
	if (done(st, s, sqlite3_step(s), "new session") != 0)
		goto fail;
	sid = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < p->n_acts; i++) {
		const struct plan_activity *a = &p->acts[i];
		const struct kind_store *ks = activity_ops(a->kind)->store;

		if ((s = store_stmt(st, sql_a)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, sid);
		sqlite3_bind_int(s, 2, (int)i);
		sqlite3_bind_text(s, 3, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, act_kind_name(a->kind), -1,
		    SQLITE_STATIC);
		if (ks != NULL && ks->type != NULL)
			sqlite3_bind_text(s, 5, ks->type(a), -1,
			    SQLITE_STATIC);
		sqlite3_bind_text(s, 6, a->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, a->question, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 8, a->anonymous);
		if (done(st, s, sqlite3_step(s), "new activity") != 0)
			goto fail;
		aid = sqlite3_last_insert_rowid(st->db);
		if (ks != NULL && ks->save != NULL && ks->save(st, aid, a) != 0)
			goto fail;
		for (int o = 0; o < a->n_options; o++) {
			if ((s = store_stmt(st, sql_o)) == NULL)
				goto fail;
			sqlite3_bind_int64(s, 1, aid);
			sqlite3_bind_int(s, 2, o + 1);
			sqlite3_bind_text(s, 3, a->options[o], -1,
			    SQLITE_STATIC);
			if (done(st, s, sqlite3_step(s), "new option") != 0)
				goto fail;
		}
	}
	if (own && store_commit(st) != 0)
		return -1;
	return sid;
fail:
	if (own)
		store_rollback(st);
	return -1;
}

/* The latest unfinished session run from this plan, for --resume. */
int64_t
store_session_find(struct store *st, const struct plan *p)
{
	static const char sql[] = "SELECT id FROM sessions WHERE title = ? "
	    "AND ended IS NULL AND (SELECT count(*) FROM activities a WHERE "
	    "a.session = sessions.id) = ? ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t id = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, (int)p->n_acts);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

int
store_session_load(struct store *st, int64_t sid, int *current, int *state,
    int *revealed)
{
	static const char sql[] = "SELECT current, state, revealed FROM "
	    "sessions WHERE id = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*current = sqlite3_column_int(s, 0);
		*state = sqlite3_column_int(s, 1);
		*revealed = sqlite3_column_int(s, 2);
		rc = 0;
	}
	sqlite3_reset(s);
	return rc;
}

int
store_session_save(struct store *st, int64_t sid, int current, int state,
    int revealed)
{
	static const char sql[] = "UPDATE sessions SET current = ?, "
	    "state = ?, revealed = ? WHERE id = ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, current);
	sqlite3_bind_int(s, 2, state);
	sqlite3_bind_int(s, 3, revealed);
	sqlite3_bind_int64(s, 4, sid);
	return done(st, s, sqlite3_step(s), "save session");
}

int
store_session_end(struct store *st, int64_t sid)
{
	static const char sql[] = "UPDATE sessions SET ended = " NOW
	    " WHERE id = ? AND ended IS NULL";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	return done(st, s, sqlite3_step(s), "end session");
}

int64_t
store_activity_id(struct store *st, int64_t sid, int idx, int *state)
{
	static const char sql[] = "SELECT id, state FROM activities WHERE "
	    "session = ? AND idx = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t id = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_int(s, 2, idx);
	if (sqlite3_step(s) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		*state = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	return id;
}

/* Record an activity's state, stamping when it first opened and closed. */
int
store_activity_state(struct store *st, int64_t aid, int state)
{
	static const char sql[] = "UPDATE activities SET state = ?1, "
	    "opened = CASE WHEN ?1 >= 1 THEN coalesce(opened, " NOW ") END, "
	    "closed = CASE WHEN ?1 = 2 THEN " NOW " END WHERE id = ?2";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, state);
	sqlite3_bind_int64(s, 2, aid);
	return done(st, s, sqlite3_step(s), "activity state");
}

static int64_t
site_id(struct store *st, const char *site)
{
	static const char ins[] = "INSERT OR IGNORE INTO sites (name) "
	    "VALUES (?)";
	static const char sel[] = "SELECT id FROM sites WHERE name = ?";
	sqlite3_stmt *s;
	int64_t id = -1;

	if (site == NULL || *site == '\0')
		return 0;
	if ((s = store_stmt(st, ins)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, site, -1, SQLITE_STATIC);
	if (done(st, s, sqlite3_step(s), "new site") != 0)
		return -1;
	if ((s = store_stmt(st, sel)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, site, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

int64_t
store_site_id(struct store *st, const char *site)
{
	return site_id(st, site);
}

int64_t
store_participant_add(struct store *st, int64_t sid, const char *name,
    const char *site, const char *token_hash)
{
	static const char sql[] = "INSERT INTO participants (session, name, "
	    "site, token_hash, joined) VALUES (?, ?, nullif(?, 0), ?, " NOW ")";
	sqlite3_stmt *s;
	int64_t site_row = site_id(st, site);

	if (site_row < 0 || (s = store_stmt(st, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, site_row);
	sqlite3_bind_text(s, 4, token_hash, -1, SQLITE_STATIC);
	if (done(st, s, sqlite3_step(s), "new participant") != 0)
		return -1;
	return sqlite3_last_insert_rowid(st->db);
}

static const char sql_people[] = "SELECT p.id, p.name, "
    "coalesce(s.name, ''), coalesce(p.role, '') FROM participants p LEFT JOIN sites s ON "
    "s.id = p.site WHERE p.session = ?1 AND (?2 IS NULL OR "
    "p.token_hash = ?2) ORDER BY p.id";

static void
row_person(sqlite3_stmt *s, struct store_participant *out)
{
	out->id = sqlite3_column_int64(s, 0);
	util_strlcpy(out->name, (const char *)sqlite3_column_text(s, 1),
	    sizeof out->name);
	util_strlcpy(out->site, (const char *)sqlite3_column_text(s, 2),
	    sizeof out->site);
	util_strlcpy(out->role, (const char *)sqlite3_column_text(s, 3),
	    sizeof out->role);
}

/* A participant's role ("faculty", or a roster's word; "" clears it). */
int
store_participant_role(struct store *st, int64_t pid, const char *role)
{
	static const char sql[] = "UPDATE participants SET role = nullif(?, "
	    "'') WHERE id = ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, role, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, pid);
	return done(st, s, sqlite3_step(s), "participant role");
}

int
store_participant_by_token(struct store *st, int64_t sid,
    const char *token_hash, struct store_participant *out)
{
	sqlite3_stmt *s = store_stmt(st, sql_people);
	int found = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_text(s, 2, token_hash, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		row_person(s, out);
		found = 1;
	}
	sqlite3_reset(s);
	return found;
}

int
store_participants(struct store *st, int64_t sid,
    void (*fn)(void *, const struct store_participant *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, sql_people);
	struct store_participant p;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row_person(s, &p);
		fn(arg, &p);
	}
	return done(st, s, rc, "participants");
}

int
store_participant_count_name(struct store *st, int64_t sid, const char *name)
{
	static const char sql[] = "SELECT count(*) FROM participants WHERE "
	    "session = ? AND name = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int n = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return n;
}

/* `convene ctl status`: one JSON object, built by SQLite's JSON1. */
int
store_status_json(struct store *st, const struct session *ss, int answers,
    int connected, char *out, size_t cap)
{
	static const char sql[] = "SELECT json_object('session', ?1, "
	    "'title', ?2, 'activity', json(CASE WHEN ?3 < 0 THEN NULL ELSE "
	    "json_object('index', ?3 + 1, 'id', ?4, 'kind', ?5, 'state', ?6, "
	    "'runnable', json(CASE WHEN ?7 THEN 'true' ELSE 'false' END), "
	    "'timer', ?8) END), "
	    "'revealed', json(CASE WHEN ?9 THEN 'true' ELSE 'false' END), "
	    "'participants', json_object('connected', ?10, 'joined', ?11), "
	    "'answers', ?12, 'activities', ?13, "
	    "'ended', json(CASE WHEN ?14 THEN 'true' ELSE 'false' END))";
	sqlite3_stmt *s = store_stmt(st, sql);
	int cur = ss->current, rc = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, ss->id);
	sqlite3_bind_text(s, 2, ss->plan->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, cur);
	if (cur >= 0) {
		const struct plan_activity *a = &ss->plan->acts[cur];
		const struct act_run *r = &ss->runs[cur];

		sqlite3_bind_text(s, 4, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, act_kind_name(a->kind), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 6, act_state_name(r->state), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(s, 7, a->runnable);
		if (r->deadline_ms > 0) {
			int64_t left = (r->deadline_ms - ss->now() + 999) / 1000;

			sqlite3_bind_int64(s, 8, left > 0 ? left : 0);
		}
		sqlite3_bind_int(s, 9, r->revealed);
	} else
		sqlite3_bind_int(s, 9, 0);
	sqlite3_bind_int(s, 10, connected);
	sqlite3_bind_int64(s, 11, (sqlite3_int64)ss->n_people);
	sqlite3_bind_int(s, 12, answers);
	sqlite3_bind_int64(s, 13, (sqlite3_int64)ss->plan->n_acts);
	sqlite3_bind_int(s, 14, ss->ended);
	if (sqlite3_step(s) == SQLITE_ROW) {
		util_strlcpy(out, (const char *)sqlite3_column_text(s, 0), cap);
		rc = 0;
	} else
		store_fail(st, "status");
	sqlite3_reset(s);
	return rc;
}

/* The same form in the latest earlier session of this collaborative, to
 * show change since then; 0 when there is none. */
int64_t
store_prev_activity(struct store *st, int64_t sid, const char *kind,
    const char *form)
{
	static const char sql[] = "SELECT a.id FROM activities a JOIN "
	    "sessions s ON s.id = a.session WHERE s.collaborative = (SELECT "
	    "collaborative FROM sessions WHERE id = ?1) AND s.id < ?1 AND "
	    "a.kind = ?2 AND a.type = ?3 ORDER BY s.id DESC, a.idx DESC "
	    "LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t id = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, form, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

/* A new resume token for a seat (its hash; see session_give_seat). */
int
store_participant_token(struct store *st, int64_t pid, const char *hash)
{
	static const char sql[] = "UPDATE participants SET token_hash = ? "
	    "WHERE id = ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, pid);
	return done(st, s, sqlite3_step(s), "new token");
}
