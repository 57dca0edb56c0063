/* act-reportback-rows.c: which session to report back on, its commitments
 * by site, and the followups rows the sites' reports are kept in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store.h"
#include "export.h"
#include "act-breakout.h"
#include "act-form-export.h"
#include "act-reportback.h"

static const char *const status_names[FOLLOW_STATUSES] = {
	"", "tested", "partly", "not yet", "dropped"
};
static const char *const part_names[RB_PARTS] = {
	"status", "learned", "next"
};

const char *
reportback_status_name(int st)
{
	return st > 0 && st < FOLLOW_STATUSES ? status_names[st] : "";
}

/* "tested", "partly", "not yet" (or "not-yet", "notyet"), "dropped", or
 * their number 1 to 4; FOLLOW_NONE for "" (clears); -1 for anything else. */
int
reportback_status_parse(const char *w)
{
	char t[16];
	size_t k = 0;

	for (; *w != '\0' && k + 1 < sizeof t; w++)
		if (*w != ' ' && *w != '-' && *w != '_')
			t[k++] = *w;
	if (*w != '\0')
		return -1;
	t[k] = '\0';
	if (k == 0)
		return FOLLOW_NONE;
	if (k == 1 && t[0] >= '1' && t[0] <= '4')
		return t[0] - '0';
	if (strcasecmp(t, "notyet") == 0)
		return FOLLOW_NOT_YET;
	for (int i = 1; i < FOLLOW_STATUSES; i++)
		if (strcasecmp(t, status_names[i]) == 0)
			return i;
	return -1;
}

const char *
reportback_part_name(int part)
{
	return part >= 0 && part < RB_PARTS ? part_names[part] : "";
}

int
reportback_part_parse(const char *w, size_t len)
{
	for (int i = 0; i < RB_PARTS; i++)
		if (strlen(part_names[i]) == len && strncmp(part_names[i], w,
		    len) == 0)
			return i;
	return -1;
}

/*
 * The session to report back on, for session `sid`: `from` when the plan
 * names one (it must be in this database, and not `sid` itself), else the
 * latest session before `sid` of the same collaborative (sessions.
 * collaborative, the plan's `collaborative =`), whatever sessions of
 * other collaboratives lie between.  0 when there is none: the first
 * session of a collaborative, or a plan without `collaborative`.  -1 with
 * a reason.
 */
int64_t
reportback_prev(struct store *st, int64_t sid, int64_t from, char *why,
    size_t n)
{
	static const char sql_from[] = "SELECT id FROM sessions WHERE id = ?";
	static const char sql_prev[] = "SELECT id FROM sessions WHERE "
	    "collaborative = (SELECT collaborative FROM sessions WHERE id = "
	    "?1) AND id < ?1 ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc;

	if (from > 0 && from == sid) {
		snprintf(why, n, "from = %lld is this session: name an earlier "
		    "one", (long long)from);
		return -1;
	}
	if (sqlite3_prepare_v2(store_db(st), from > 0 ? sql_from : sql_prev,
	    -1, &s, NULL) != SQLITE_OK) {
		snprintf(why, n, "earlier session: %s",
		    sqlite3_errmsg(store_db(st)));
		return -1;
	}
	sqlite3_bind_int64(s, 1, from > 0 ? from : sid);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		snprintf(why, n, "earlier session: %s",
		    sqlite3_errmsg(store_db(st)));
		return -1;
	}
	if (from > 0 && id == 0) {
		snprintf(why, n, "from = %lld: there is no session %lld in this "
		    "database (convene sessions lists them)", (long long)from,
		    (long long)from);
		return -1;
	}
	return id;
}

/* Which session activity `aid` reports on (0: none earlier), kept for
 * the exports; inside the caller's transaction or on its own. */
int
reportback_save_from(struct store *st, int64_t aid, int64_t from)
{
	static const char sql[] = "INSERT OR REPLACE INTO reportbacks "
	    "(activity, session) VALUES (?, nullif(?, 0))";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int64(s, 2, from);
	return store_run(st, s, "report-back");
}

/* The session activity `aid` reported on: 0 none earlier, -1 not known
 * (never opened). */
int64_t
reportback_from(struct store *st, int64_t aid)
{
	static const char sql[] = "SELECT coalesce(session, 0) FROM "
	    "reportbacks WHERE activity = ?";
	sqlite3_stmt *s;
	int64_t id = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

static char *
dup_text(const char *t)
{
	char *d = strdup(t != NULL ? t : "");

	if (d == NULL)
		abort();
	return d;
}

static void
item_free(struct rb_item *it)
{
	for (int k = 0; k < COMMIT_FIELDS; k++)
		free(it->commit[k]);
	free(it->learned);
	free(it->next);
}

void
reportback_list_free(struct rb_list *l)
{
	for (int i = 0; i < l->n; i++)
		item_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static struct rb_item *
add_item(struct rb_list *l, const char *site)
{
	struct rb_item *it;

	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 16;

		if ((it = realloc(l->v, (size_t)cap * sizeof *it)) == NULL)
			abort();
		l->v = it;
		l->cap = cap;
	}
	it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	util_strlcpy(it->site, site, sizeof it->site);
	it->learned = dup_text("");
	it->next = dup_text("");
	return it;
}

/* A label cut to fit, whole characters. */
static void
set_label(struct rb_item *it, const char *t)
{
	snprintf(it->label, sizeof it->label, "%.*s",
	    (int)util_utf8_cut(t, sizeof it->label - 1), t);
}

static int
all_empty(sqlite3_stmt *s, int first)
{
	for (int k = first; k < first + COMMIT_FIELDS; k++)
		if (*COL_TEXT(s, k) != '\0')
			return 0;
	return 1;
}

/* A breakout's groups with a member from `site` (the reports' own query). */
static int
gather_breakout(sqlite3 *db, int64_t aid, const char *site,
    struct rb_list *l)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, BREAKOUT_COMMITMENTS, -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 2, site, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rb_item *it;

		if (all_empty(s, 1))
			continue;	/* a group that committed to nothing */
		it = add_item(l, site);
		it->source = aid;
		it->grp = sqlite3_column_int(s, 5);
		set_label(it, COL_TEXT(s, 0));
		for (int k = 0; k < COMMIT_FIELDS; k++)
			it->commit[k] = dup_text(COL_TEXT(s, 1 + k));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* A form's commitment items answered by people of `site` (the reports'
 * own query): what, who and by when are the change, owner and due. */
static int
gather_form(sqlite3 *db, int64_t aid, const char *title, const char *site,
    struct rb_list *l)
{
	static const char sql_name[] = "SELECT name FROM participants WHERE "
	    "id = ?";
	sqlite3_stmt *s, *nm;
	int rc;

	if (sqlite3_prepare_v2(db, REPORT_FORM_COMMITMENTS, -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql_name, -1, &nm, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_bind_text(s, 2, site, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct rb_item *it;

		if (*COL_TEXT(s, 2) == '\0' && *COL_TEXT(s, 3) == '\0' &&
		    *COL_TEXT(s, 4) == '\0')
			continue;
		it = add_item(l, site);
		it->source = aid;
		util_strlcpy(it->item, COL_TEXT(s, 0), sizeof it->item);
		it->person = sqlite3_column_int64(s, 5);
		set_label(it, title);
		if (it->person > 0) {
			sqlite3_reset(nm);
			sqlite3_bind_int64(nm, 1, it->person);
			if (sqlite3_step(nm) == SQLITE_ROW)
				set_label(it, COL_TEXT(nm, 0));
		}
		it->commit[COMMIT_CHANGE] = dup_text(COL_TEXT(s, 2));
		it->commit[COMMIT_OWNER] = dup_text(COL_TEXT(s, 3));
		it->commit[COMMIT_DUE] = dup_text(COL_TEXT(s, 4));
		it->commit[COMMIT_MEASURE] = dup_text("");
	}
	sqlite3_finalize(nm);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Every commitment session `from` made, by site: for each site of its
 * participants (by name), the breakout groups and form commitments the
 * exports list under that site (--site), in the order of the agenda.
 * 0, or -1 with the store's error.
 */
int
reportback_gather(struct store *st, int64_t from, struct rb_list *l)
{
	static const char sql_title[] = "SELECT title FROM sessions WHERE "
	    "id = ?";
	static const char sql_sites[] = "SELECT DISTINCT si.name FROM "
	    "participants p JOIN sites si ON si.id = p.site WHERE p.session = "
	    "? AND si.name <> '' ORDER BY si.name";
	static const char sql_acts[] = "SELECT id, kind, title FROM activities "
	    "WHERE session = ? AND kind IN ('breakout', 'assess', 'feedback') "
	    "ORDER BY idx";
	sqlite3 *db = store_db(st);
	sqlite3_stmt *t = NULL, *si = NULL, *ac = NULL;
	int rc = -1, r;

	reportback_list_free(l);
	l->from = from;
	if (from <= 0)
		return 0;
	if (sqlite3_prepare_v2(db, sql_title, -1, &t, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_sites, -1, &si, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_acts, -1, &ac, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(t, 1, from);
	if (sqlite3_step(t) == SQLITE_ROW)
		util_strlcpy(l->from_title, COL_TEXT(t, 0),
		    sizeof l->from_title);
	sqlite3_bind_int64(si, 1, from);
	while ((r = sqlite3_step(si)) == SQLITE_ROW) {
		const char *site = COL_TEXT(si, 0);

		sqlite3_reset(ac);
		sqlite3_bind_int64(ac, 1, from);
		while ((r = sqlite3_step(ac)) == SQLITE_ROW) {
			int64_t aid = sqlite3_column_int64(ac, 0);

			if ((strcmp(COL_TEXT(ac, 1), "breakout") == 0 ?
			    gather_breakout(db, aid, site, l) : gather_form(db,
			    aid, COL_TEXT(ac, 2), site, l)) != 0)
				goto out;
		}
		if (r != SQLITE_DONE)
			goto out;
	}
	rc = r == SQLITE_DONE ? 0 : -1;
out:
	if (rc != 0)
		store_fail(st, "earlier commitments");
	sqlite3_finalize(t);
	sqlite3_finalize(si);
	sqlite3_finalize(ac);
	return rc;
}

static int
same(const struct rb_item *it, sqlite3_stmt *s)
{
	return it->source == sqlite3_column_int64(s, 0) && it->grp ==
	    sqlite3_column_int(s, 1) && strcmp(it->item, COL_TEXT(s, 2)) == 0 &&
	    it->person == sqlite3_column_int64(s, 3) && strcmp(it->site,
	    COL_TEXT(s, 4)) == 0;
}

/* The sites' reports of activity `aid` onto the list (the latest of each
 * part: a row holds each part's latest). */
int
reportback_load(struct store *st, int64_t aid, struct rb_list *l)
{
	static const char sql[] = "SELECT f.source, coalesce(f.grp, 0), "
	    "coalesce(f.item, ''), coalesce(f.person, 0), si.name, "
	    "coalesce(f.status, ''), coalesce(f.learned, ''), coalesce(f.next, "
	    "''), coalesce(p.name, '') FROM followups f JOIN sites si ON si.id "
	    "= f.site LEFT JOIN participants p ON p.id = f.participant WHERE "
	    "f.activity = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	for (int i = 0; i < l->n; i++) {
		l->v[i].status = FOLLOW_NONE;
		l->v[i].learned[0] = l->v[i].next[0] = l->v[i].by[0] = '\0';
	}
	sqlite3_bind_int64(s, 1, aid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (int i = 0; i < l->n; i++) {
			struct rb_item *it = &l->v[i];
			int status;

			if (!same(it, s))
				continue;
			status = reportback_status_parse(COL_TEXT(s, 5));
			it->status = status > 0 ? status : FOLLOW_NONE;
			free(it->learned);
			free(it->next);
			it->learned = dup_text(COL_TEXT(s, 6));
			it->next = dup_text(COL_TEXT(s, 7));
			snprintf(it->by, sizeof it->by, "%.*s",
			    (int)util_utf8_cut(COL_TEXT(s, 8), sizeof it->by - 1),
			    COL_TEXT(s, 8));
			break;
		}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "followups");
}

/*
 * One part of a site's report on a commitment, by participant `pid`:
 * the row of (activity, commitment, site) gets the part and who gave it
 * last; an empty text clears the part.  Inside the caller's transaction.
 */
int
reportback_put(struct store *st, int64_t aid, const struct rb_item *it,
    int64_t pid, int part, const char *text)
{
	static const char sql_up[] = "UPDATE followups SET status = CASE "
	    "WHEN ?1 = 0 THEN nullif(?2, '') ELSE status END, learned = CASE "
	    "WHEN ?1 = 1 THEN nullif(?2, '') ELSE learned END, next = CASE WHEN "
	    "?1 = 2 THEN nullif(?2, '') ELSE next END, participant = ?3, at = "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE activity = ?4 AND "
	    "source = ?5 AND grp IS ?6 AND item IS ?7 AND person IS ?8 AND "
	    "site = (SELECT id FROM sites WHERE name = ?9)";
	static const char sql_in[] = "INSERT INTO followups (activity, "
	    "source, grp, item, person, site, status, learned, next, "
	    "participant, at) SELECT ?4, ?5, ?6, ?7, ?8, id, CASE WHEN ?1 = 0 "
	    "THEN nullif(?2, '') END, CASE WHEN ?1 = 1 THEN nullif(?2, '') END, "
	    "CASE WHEN ?1 = 2 THEN nullif(?2, '') END, ?3, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM sites WHERE name = ?9";
	sqlite3_stmt *s;

	for (int pass = 0; pass < 2; pass++) {
		if ((s = store_stmt(st, pass == 0 ? sql_up : sql_in)) == NULL)
			return -1;
		sqlite3_bind_int(s, 1, part);
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, pid);
		sqlite3_bind_int64(s, 4, aid);
		sqlite3_bind_int64(s, 5, it->source);
		if (it->grp > 0)
			sqlite3_bind_int(s, 6, it->grp);
		if (it->item[0] != '\0')
			sqlite3_bind_text(s, 7, it->item, -1, SQLITE_STATIC);
		if (it->person > 0)
			sqlite3_bind_int64(s, 8, it->person);
		sqlite3_bind_text(s, 9, it->site, -1, SQLITE_STATIC);
		if (store_run(st, s, "followup") != 0)
			return -1;
		if (sqlite3_changes(store_db(st)) > 0)
			return 0;
	}
	return store_fail(st, "followup: no such site");
}
