/* export-merge.c: several databases of one event as one, without double counting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "kind-store.h"

/*
 * `convene export --merge A.db B.db ...` copies every source into one
 * in-memory database with the sources' own schema, then exports that as
 * if it were a single database.  Rows are copied in their source's id
 * order (an index must not decide it) and matched by their natural keys,
 * not their ids (ids differ between laptops):
 *
 *   sessions       (title, started)
 *   participants   (session, token_hash)
 *   activities     (session, idx)
 *   options        (activity, n)
 *   answers        (activity, participant or ballot): the newer answer
 *                  of a person wins whole, so a later copy that changed
 *                  a multiple choice does not add to the earlier one
 *   notes          (activity, round, table, group, author, text)
 *   measures       (collaborative, site, measure, period): the later
 *                  import of a point wins
 *
 * and then each activity kind's own tables, as its `merge` says
 * (kind-store.h).  So the same file given twice, or a copy and a later
 * copy of it, count once.  temp.export_source names, per session, every
 * file that held it.  Sources must share one schema version: the copy is
 * column by column, and tables of later schema versions are not merged
 * until they are added here or to their kind.
 */

/* Shared tables of schema 1 and 2, in the order their keys depend on
 * each other. */
static const char merge_v1[] =
    "DROP TABLE IF EXISTS temp.msite; DROP TABLE IF EXISTS temp.ms;"
    "DROP TABLE IF EXISTS temp.mp; DROP TABLE IF EXISTS temp.ma;"
    "DROP TABLE IF EXISTS temp.inc;"
    "INSERT OR IGNORE INTO main.sites (name) SELECT name FROM src.sites;"
    "CREATE TEMP TABLE msite AS SELECT s.id AS old, m.id AS new FROM "
    "  src.sites s JOIN main.sites m ON m.name = s.name;"
    "INSERT INTO main.sessions (title, collaborative, plan_path, started,"
    "  ended, current, state, revealed) SELECT title, collaborative,"
    "  plan_path, started, ended, current, state, revealed FROM"
    "  src.sessions s WHERE NOT EXISTS (SELECT 1 FROM main.sessions m"
    "  WHERE m.title = s.title AND m.started = s.started) ORDER BY id;"
    "CREATE TEMP TABLE ms AS SELECT s.id AS old, (SELECT min(m.id) FROM"
    "  main.sessions m WHERE m.title = s.title AND m.started = s.started)"
    "  AS new FROM src.sessions s;"
    "UPDATE main.sessions AS m SET ended = s.ended FROM src.sessions s"
    "  JOIN temp.ms ON ms.old = s.id WHERE ms.new = m.id AND m.ended IS"
    "  NULL;"
    "INSERT INTO main.participants (session, name, site, role, token_hash,"
    "  joined) SELECT ms.new, p.name, msite.new, p.role, p.token_hash,"
    "  p.joined FROM src.participants p JOIN temp.ms ON ms.old = p.session"
    "  LEFT JOIN temp.msite ON msite.old = p.site WHERE true"
    "  ORDER BY p.id ON CONFLICT DO NOTHING;"
    "CREATE TEMP TABLE mp AS SELECT p.id AS old, m.id AS new FROM"
    "  src.participants p JOIN temp.ms ON ms.old = p.session JOIN"
    "  main.participants m ON m.session = ms.new AND m.token_hash ="
    "  p.token_hash;"
    "INSERT INTO main.activities (session, idx, key, kind, type, title,"
    "  question, anonymous, state, opened, closed) SELECT ms.new, a.idx,"
    "  a.key, a.kind, a.type, a.title, a.question, a.anonymous, a.state,"
    "  a.opened, a.closed FROM src.activities a JOIN temp.ms ON ms.old ="
    "  a.session WHERE true ORDER BY a.id ON CONFLICT DO NOTHING;"
    "CREATE TEMP TABLE ma AS SELECT a.id AS old, m.id AS new FROM"
    "  src.activities a JOIN temp.ms ON ms.old = a.session JOIN"
    "  main.activities m ON m.session = ms.new AND m.idx = a.idx;"
    /* A later copy has gone further: its state and times win. */
    "UPDATE main.activities AS m SET state = a.state, opened = a.opened,"
    "  closed = a.closed FROM src.activities a JOIN temp.ma ON ma.old ="
    "  a.id WHERE ma.new = m.id AND (a.state > m.state OR"
    "  coalesce(a.closed, '') > coalesce(m.closed, ''));"
    "INSERT OR IGNORE INTO main.options (activity, n, label) SELECT"
    "  ma.new, o.n, o.label FROM src.options o JOIN temp.ma ON ma.old ="
    "  o.activity;"
    "CREATE TEMP TABLE inc AS SELECT ma.new AS activity, mp.new AS"
    "  participant, x.ballot, msite.new AS site, x.item, x.choice,"
    "  x.value, x.hidden, x.at, coalesce(mp.new, x.ballot) AS who FROM"
    "  src.answers x JOIN temp.ma ON ma.old = x.activity LEFT JOIN temp.mp"
    "  ON mp.old = x.participant LEFT JOIN temp.msite ON msite.old ="
    "  x.site WHERE (mp.new IS NULL) <> (x.ballot IS NULL);"
    "DELETE FROM main.answers WHERE id IN (SELECT m.id FROM main.answers m"
    "  JOIN (SELECT activity, who, max(at) AS at FROM temp.inc GROUP BY"
    "  1, 2) i ON i.activity = m.activity AND i.who ="
    "  coalesce(m.participant, m.ballot) WHERE i.at > (SELECT max(z.at)"
    "  FROM main.answers z WHERE z.activity = m.activity AND"
    "  coalesce(z.participant, z.ballot) = i.who));"
    "INSERT INTO main.answers (activity, participant, ballot, site, item,"
    "  choice, value, hidden, at) SELECT activity, participant, ballot,"
    "  site, item, choice, value, hidden, at FROM temp.inc i WHERE NOT"
    "  EXISTS (SELECT 1 FROM main.answers m WHERE m.activity = i.activity"
    "  AND coalesce(m.participant, m.ballot) = i.who) ORDER BY i.at;";

static const char merge_v2[] =
    "UPDATE main.activities AS m SET round = a.round FROM src.activities a"
    "  JOIN temp.ma ON ma.old = a.id WHERE ma.new = m.id AND a.round >"
    "  m.round;"
    "UPDATE main.notes AS m SET theme = 1 FROM src.notes n JOIN temp.ma ON"
    "  ma.old = n.activity LEFT JOIN temp.mp ON mp.old = n.participant"
    "  WHERE m.activity = ma.new AND m.round IS n.round AND m.tbl IS n.tbl"
    "  AND m.grp IS n.grp AND m.participant IS mp.new AND m.text = n.text"
    "  AND n.theme AND NOT m.theme;"
    "INSERT INTO main.notes (activity, round, tbl, grp, participant, text,"
    "  theme, at) SELECT ma.new, n.round, n.tbl, n.grp, mp.new, n.text,"
    "  n.theme, n.at FROM src.notes n JOIN temp.ma ON ma.old = n.activity"
    "  LEFT JOIN temp.mp ON mp.old = n.participant WHERE NOT EXISTS"
    "  (SELECT 1 FROM main.notes m WHERE m.activity = ma.new AND m.round IS"
    "  n.round AND m.tbl IS n.tbl AND m.grp IS n.grp AND m.participant IS"
    "  mp.new AND m.text = n.text) ORDER BY n.id;";

/* Schema 5: the sites' measures, by (collaborative, site, measure,
 * period); the later import of a point wins. */
static const char merge_v5[] =
    "INSERT INTO main.measures (collaborative, site, measure, period,"
    "  value, numerator, denominator, note, baseline, imported) SELECT"
    "  collaborative, site, measure, period, value, numerator, denominator,"
    "  note, baseline, imported FROM src.measures WHERE true ORDER BY id"
    "  ON CONFLICT (collaborative, site, measure, period) DO UPDATE SET"
    "  value = excluded.value, numerator = excluded.numerator,"
    "  denominator = excluded.denominator, note = excluded.note,"
    "  baseline = excluded.baseline, imported = excluded.imported WHERE"
    "  excluded.imported > imported;";

/* Each session of this source is named by it (once, however often the
 * same file is given). */
static const char name_sessions[] = "INSERT INTO temp.export_source "
    "(session, source) SELECT DISTINCT new, ?1 FROM temp.ms WHERE true "
    "ON CONFLICT (session) DO UPDATE SET source = source || '; ' || "
    "excluded.source WHERE instr('; ' || source || '; ', '; ' || "
    "excluded.source || '; ') = 0";

/* "file:PATH?mode=ro" with the bytes a URI reserves escaped. */
static char *
ro_uri(const char *path)
{
	size_t n = strlen(path);
	char *u = malloc(3 * n + 16), *p = u;

	if (u == NULL)
		return NULL;
	p += sprintf(p, "file:");
	for (; *path != '\0'; path++) {
		unsigned char c = (unsigned char)*path;

		if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f)
			p += sprintf(p, "%%%02X", c);
		else
			*p++ = (char)c;
	}
	strcpy(p, "?mode=ro");
	return u;
}

static int
exec(struct store *st, const char *sql, const char *path, char *err,
    size_t errlen)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
	return -1;
}

/* An int from one row of `sql`, or -1. */
static int
scalar(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The first source's tables and indexes (not its triggers) in main. */
static int
copy_schema(struct store *st, const char *path, char *err, size_t errlen)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT sql FROM src.sqlite_master "
	    "WHERE type IN ('table', 'index') AND sql IS NOT NULL AND name "
	    "NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid", -1, &s,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (exec(st, (const char *)sqlite3_column_text(s, 0), path, err,
		    errlen) != 0) {
			sqlite3_finalize(s);
			return -1;
		}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

/* The kinds' own tables (kind-store.h), as far as schema `v` has them. */
static int
merge_kinds(struct store *st, int v, const char *path, char *err,
    size_t errlen)
{
	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_store *ks = store_kind(k);

		for (size_t i = 0; ks != NULL && i < ks->n_merge; i++)
			if (ks->merge[i].version <= v && exec(st,
			    ks->merge[i].sql, path, err, errlen) != 0)
				return -1;
	}
	return 0;
}

static int
merge_one(struct store *st, const char *path, int *version, char *err,
    size_t errlen)
{
	char *uri = ro_uri(path), pragma[64];
	sqlite3_stmt *s;
	int v, rc = -1;

	if (uri == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_prepare_v2(st->db, "ATTACH ?1 AS src", -1, &s, NULL) !=
	    SQLITE_OK) {
		free(uri);
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		return -1;
	}
	sqlite3_bind_text(s, 1, uri, -1, SQLITE_TRANSIENT);
	free(uri);
	v = sqlite3_step(s);
	sqlite3_finalize(s);
	if (v != SQLITE_DONE) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		return -1;
	}
	if ((v = scalar(st, "PRAGMA src.user_version")) <= 0) {
		snprintf(err, errlen, "%s: %s", path, v < 0 ?
		    sqlite3_errmsg(st->db) : "not a convene database");
		goto out;
	}
	if (*version == 0) {
		if (copy_schema(st, path, err, errlen) != 0)
			goto out;
		snprintf(pragma, sizeof pragma, "PRAGMA main.user_version = %d",
		    v);
		if (exec(st, pragma, path, err, errlen) != 0)
			goto out;
		*version = v;
	} else if (v != *version) {
		snprintf(err, errlen, "%s: schema %d, but the first database "
		    "has %d; open each with the same convene first", path, v,
		    *version);
		goto out;
	}
	if (exec(st, "BEGIN", path, err, errlen) != 0)
		goto out;
	if (exec(st, merge_v1, path, err, errlen) != 0 ||
	    (v >= 2 && exec(st, merge_v2, path, err, errlen) != 0) ||
	    (v >= 5 && exec(st, merge_v5, path, err, errlen) != 0) ||
	    merge_kinds(st, v, path, err, errlen) != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	if (sqlite3_prepare_v2(st->db, name_sessions, -1, &s, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	v = sqlite3_step(s);
	sqlite3_finalize(s);
	if (v != SQLITE_DONE) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	rc = exec(st, "COMMIT", path, err, errlen);
out:
	sqlite3_exec(st->db, "DETACH src", NULL, NULL, NULL);
	return rc;
}

/*
 * Merge the databases `paths` into a new in-memory store, opened only
 * for reading each source.  Returns 0, or -1 with a message.
 */
int
export_merge(char **paths, int n, struct store **out, char *err,
    size_t errlen)
{
	struct store *st = calloc(1, sizeof *st);
	int version = 0;

	*out = NULL;
	if (st == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* URI names let ATTACH open each source read-only. */
	if (sqlite3_open_v2(":memory:", &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "merge: cannot open memory database");
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if (exec(st, "CREATE TEMP TABLE export_source (session INTEGER "
	    "PRIMARY KEY, source TEXT NOT NULL)", "merge", err, errlen) != 0)
		goto fail;
	for (int i = 0; i < n; i++)
		if (merge_one(st, paths[i], &version, err, errlen) != 0)
			goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}
