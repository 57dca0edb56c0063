/* export.c: export formats by name, and which sessions an export covers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"

/*
 * Every export format, looked up by the name given to --format.  Adding a
 * format is one new export-NAME.c file and one line here.
 */
static const struct export_writer *const writers[] = {
	&export_csv,
	&export_json,
	&export_md,
	&export_html,
};

#define N_WRITERS (sizeof writers / sizeof writers[0])

const struct export_writer *
export_writer(const char *name)
{
	for (size_t i = 0; i < N_WRITERS; i++)
		if (strcmp(writers[i]->name, name) == 0)
			return writers[i];
	return NULL;
}

/* The format names as "csv|json", for usage and error messages. */
void
export_writer_names(char *out, size_t cap)
{
	size_t used = 0;

	if (cap > 0)
		out[0] = '\0';
	for (size_t i = 0; i < N_WRITERS && used < cap; i++)
		used += (size_t)snprintf(out + used, cap - used, "%s%s",
		    i > 0 ? "|" : "", writers[i]->name);
}

static int
is_id(const char *s)
{
	if (*s == '\0' || *s == '0' || strlen(s) > 18)
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * Resolve `--session ID|latest|all` (NULL means latest) to the session
 * ids it covers, as a JSON array such as "[1,2]" that every export query
 * reads through json_each(?).  Passing the set as one bound value keeps
 * each query a single prepared statement, whatever the number of
 * sessions.  `*ids` is allocated; the caller frees it.  Returns an exit
 * code: 0, EXIT_USAGE for a malformed selector, EXIT_BADINPUT when it
 * names no session (an empty database exported with "all" is not an
 * error: the export is simply empty), EXIT_UNREACHABLE when the database
 * cannot be read.
 */
int
export_session_ids(struct store *st, const char *sel, char **ids, char *err,
    size_t errlen)
{
	static const char sql[] = "SELECT json_group_array(id), count(*) "
	    "FROM (SELECT id FROM sessions WHERE ?1 = 'all' OR (?1 = 'latest' "
	    "AND id = (SELECT max(id) FROM sessions)) OR id = ?2 "
	    "ORDER BY id)";
	sqlite3_stmt *s;
	const char *text;
	int n;

	*ids = NULL;
	if (sel == NULL)
		sel = "latest";
	if (strcmp(sel, "all") != 0 && strcmp(sel, "latest") != 0 &&
	    !is_id(sel)) {
		snprintf(err, errlen, "--session takes a session id, latest or "
		    "all, not \"%s\"", sel);
		return EXIT_USAGE;
	}
	if ((s = store_stmt(st, sql)) == NULL) {
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	sqlite3_bind_text(s, 1, sel, -1, SQLITE_STATIC);
	if (is_id(sel))
		sqlite3_bind_int64(s, 2, strtoll(sel, NULL, 10));
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, "sessions");
		snprintf(err, errlen, "%s", store_error(st));
		sqlite3_reset(s);
		return EXIT_UNREACHABLE;
	}
	text = (const char *)sqlite3_column_text(s, 0);
	n = sqlite3_column_int(s, 1);
	*ids = text != NULL ? strdup(text) : NULL;
	sqlite3_reset(s);
	if (*ids == NULL) {
		snprintf(err, errlen, "out of memory");
		return EXIT_BADINPUT;
	}
	if (n == 0 && strcmp(sel, "all") != 0) {
		free(*ids);
		*ids = NULL;
		if (strcmp(sel, "latest") == 0)
			snprintf(err, errlen, "no sessions yet");
		else
			snprintf(err, errlen, "no session %s (see convene "
			    "sessions)", sel);
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}

/*
 * The sessions a job covers: --session as above, narrowed to the
 * sessions of --collaborative when it is given (alone, it means every
 * session of that collaborative).
 */
int
export_select(struct store *st, const struct export_job *j, char **ids,
    char *err, size_t errlen)
{
	static const char sql[] = "SELECT json_group_array(id), count(*) "
	    "FROM (SELECT s.id FROM sessions s, json_each(?1) e WHERE s.id = "
	    "e.value AND s.collaborative = ?2 ORDER BY s.id)";
	const char *sel = j->o.session;
	sqlite3_stmt *s;
	char *all;
	int rc, n;

	if (j->collaborative == NULL)
		return export_session_ids(st, sel, ids, err, errlen);
	rc = export_session_ids(st, sel != NULL ? sel : "all", &all, err,
	    errlen);
	if (rc != EXIT_OK)
		return rc;
	*ids = NULL;
	if ((s = store_stmt(st, sql)) == NULL) {
		free(all);
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	sqlite3_bind_text(s, 1, all, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, j->collaborative, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		n = sqlite3_column_int(s, 1);
		*ids = strdup((const char *)sqlite3_column_text(s, 0));
	} else
		n = -1;
	sqlite3_reset(s);
	free(all);
	if (n < 0 || *ids == NULL) {
		free(*ids);
		*ids = NULL;
		snprintf(err, errlen, "%s", n < 0 ? store_error(st) :
		    "out of memory");
		return EXIT_UNREACHABLE;
	}
	if (n == 0) {
		free(*ids);
		*ids = NULL;
		snprintf(err, errlen, "no session of collaborative \"%s\"%s",
		    j->collaborative, sel != NULL ? " among those chosen" : "");
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}

/*
 * Name the source of every session in temp.export_source, which the
 * queries read through SOURCE_OF().  A merge fills it first with the
 * databases each session came from; otherwise every session is from
 * `name`.  TEMP tables live outside the database file, so this works
 * on a read-only connection and changes nothing a host could see.
 */
int
export_begin(struct store *st, const char *name, char *err, size_t errlen)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_exec(st->db, "CREATE TEMP TABLE IF NOT EXISTS "
	    "export_source (session INTEGER PRIMARY KEY, source TEXT NOT "
	    "NULL)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, "INSERT OR IGNORE INTO "
	    "temp.export_source SELECT id, ?1 FROM main.sessions", -1, &s,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(st->db));
		return EXIT_UNREACHABLE;
	}
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(st->db));
		return EXIT_UNREACHABLE;
	}
	return EXIT_OK;
}

/*
 * A fresh statement for the md and html writers, with the parameters
 * every export query reads bound (see export.h).  Not cached: those
 * writers run many queries once each.  The caller finalizes it; NULL
 * (with the message in the store) when it does not prepare.
 */
sqlite3_stmt *
export_query(struct store *st, const struct export_job *j, const char *ids,
    const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "export");
		return NULL;
	}
	sqlite3_bind_text(s, 1, ids, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 2) {
		if (j->site != NULL)
			sqlite3_bind_text(s, 2, j->site, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(s, 2);
	}
	if (sqlite3_bind_parameter_count(s) >= 3)
		sqlite3_bind_int(s, 3, j->min_group);
	return s;
}

/* Progress on a terminal, once an export has run for half a second:
 * a short export, or one whose stderr is a pipe, prints nothing. */
static int progress_shown;

void
export_progress(const struct export_job *j, const char *what, int i, int n)
{
	if (j == NULL || !j->progress ||
	    util_now_ms() - j->started_ms < 500)
		return;
	fprintf(stderr, "\rconvene export: %-16s %3d of %d", what, i, n);
	fflush(stderr);
	progress_shown = 1;
}

void
export_progress_done(const struct export_job *j)
{
	if (j == NULL || !progress_shown)
		return;
	fprintf(stderr, "\r%50s\r", "");
	fflush(stderr);
	progress_shown = 0;
}

int
export_bind_ids(sqlite3_stmt *s, int64_t session, int64_t activity)
{
	sqlite3_reset(s);
	if (session != 0)
		sqlite3_bind_int64(s, 4, session);
	if (activity != 0)
		sqlite3_bind_int64(s, 5, activity);
	return 0;
}

/* Does the database hold table `name` (one a later schema added)? */
int
export_has_table(struct store *st, const char *name)
{
	sqlite3_stmt *s;
	int yes = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = ?1", -1, &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	yes = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return yes;
}

/* Does table `name` exist and hold a row? */
int
export_has_rows(struct store *st, const char *name)
{
	sqlite3_stmt *s;
	char sql[160];
	int yes;

	if (!export_has_table(st, name))
		return 0;
	snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" LIMIT 1", name);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	yes = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return yes;
}

/*
 * The registry's export sections, kind by kind.  Kinds that share their
 * ops (assess and feedback share the form machinery) share their
 * sections too: only the first of them gives them, so nothing is
 * written twice.
 */
const struct kind_export *
export_kind(unsigned k)
{
	const struct activity_ops *o;

	if (k >= ACT_KIND_MAX)
		return NULL;
	o = activity_ops((enum act_kind)k);
	for (unsigned e = 0; e < k; e++)
		if (activity_ops((enum act_kind)e) == o)
			return NULL;
	return o->export;
}

/* The sections of the kind named `name` (as the activities table has
 * it), with the kind and the slot of its state in a report; NULL for a
 * name no kind has, or a kind without sections. */
const struct kind_export *
export_kind_named(const char *name, enum act_kind *kind, unsigned *slot)
{
	const struct activity_ops *o;

	if (activity_kind_parse(name, kind) != 0)
		return NULL;
	o = activity_ops(*kind);
	for (unsigned e = 0; e <= (unsigned)*kind; e++)
		if (activity_ops((enum act_kind)e) == o) {
			*slot = e;
			return export_kind(e);
		}
	return NULL;
}

sqlite3_stmt *
export_report_query(struct export_report *r, const char *sql,
    int64_t session, int64_t activity)
{
	sqlite3_stmt *s = export_query(r->st, r->j, r->ids, sql);

	if (s == NULL) {
		r->failed = 1;
		return NULL;
	}
	export_bind_ids(s, session, activity);
	return s;
}

/* What every kind shows for the whole report; -1 when one failed. */
int
export_report_load(struct export_report *r)
{
	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_export *x = export_kind(k);

		if (x != NULL && x->load != NULL &&
		    x->load(r, &r->state[k]) != 0)
			return -1;
	}
	return 0;
}

void
export_report_release(struct export_report *r)
{
	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_export *x = export_kind(k);

		if (x != NULL && x->release != NULL)
			x->release(r->state[k]);
		r->state[k] = NULL;
	}
}
