/* export-json.c: the export as one JSON document, built by SQLite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"

/*
 * The whole document is one query: every object and array comes from
 * SQLite's json_object() and json_group_array(), so quoting and escaping
 * are SQLite's, never ours.  The shape is DESIGN.md "Export contract"
 * (format 1); fields may be added, never renamed or removed.
 *
 * Arrays keep their order because each json_group_array() reads an
 * ordered subquery (SQLite does not flatten a subquery with ORDER BY
 * into an aggregate).  Values that are already JSON pass through json()
 * where they are used, since the JSON subtype does not survive a
 * subquery column.
 *
 * Anonymous activities: every answer's participant is null, its time is
 * cut to the minute, and answers are listed by what they say rather than
 * by row id, so nothing orders or times them back to a person.  The
 * ballot column is only ever counted (for "answered"), never output.
 * (ORDER BY in a subquery cannot name an outer column, hence `arrival`.)
 * Their site is given only when at least ?3 of that site answered.
 *
 * Parameters: ?1 sessions, ?2 --site or NULL, ?3 suppression threshold
 * (export.h), ?4 the generator.
 */
#define STATE_NAME(col) "CASE " col " WHEN 0 THEN 'waiting' WHEN 1 THEN " \
    "'open' WHEN 2 THEN 'closed' END"
#define BOOL(expr) "json(CASE WHEN " expr " THEN 'true' ELSE 'false' END)"

#define PARTICIPANTS							\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'id', p.id, 'name', p.name, 'site', si.name, 'role', p.role) AS j "\
    "FROM participants p LEFT JOIN sites si ON si.id = p.site "	\
    "WHERE p.session = s.id AND " SITE_OK("p.site") " ORDER BY p.id))"

#define ANSWERS								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'participant', CASE WHEN a.anonymous THEN NULL ELSE "		\
    "n.participant END, 'site', CASE WHEN NOT a.anonymous OR (SELECT "\
    "count(DISTINCT coalesce(y.participant, y.ballot)) FROM answers y "\
    "WHERE y.activity = n.activity AND y.site = n.site) >= ?3 THEN "	\
    "si.name END, 'item', n.item, "					\
    "'choice', n.choice, 'value', n.value, 'at', CASE WHEN "		\
    "a.anonymous THEN strftime('%Y-%m-%dT%H:%M:00Z', n.at) ELSE n.at "\
    "END, 'hidden', " BOOL("n.hidden") ") AS j, CASE WHEN a.anonymous "\
    "THEN 0 ELSE n.id END AS arrival "					\
    "FROM answers n LEFT JOIN sites si ON si.id = n.site "		\
    "WHERE n.activity = a.id AND " SITE_OK("n.site") " "		\
    "ORDER BY arrival, n.item, n.choice, "				\
    "n.value, si.name, n.at))"

/* Shared notes, one line each, with author and time. */
#define NOTES								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'table', n.tbl, 'group', n.grp, 'round', n.round, 'participant', "\
    "n.participant, 'text', n.text, 'theme', json(CASE WHEN n.theme "	\
    "THEN 'true' ELSE 'false' END), 'at', n.at) AS j FROM notes n "	\
    "LEFT JOIN participants p ON p.id = n.participant WHERE "		\
    "n.activity = a.id AND (?2 IS NULL OR " SITE_OK("p.site") ") "	\
    "ORDER BY n.round, n.tbl, n.grp, n.id))"

/*
 * Each activity: its own fields, then the fields every activity has
 * (`shared`) and those of every kind (kind-export.h), in the order of
 * their `order`; each kind's field is there for every activity, empty
 * where it does not apply.  Common table expressions the kinds' fields
 * read come first, as SQLite's parser has a fixed stack: nested this
 * deep inside the document, their results would overflow it.
 */
#define ACTIVITY_HEAD							\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'id', a.key, 'index', a.idx + 1, 'kind', a.kind, "		\
    "'title', a.title, 'anonymous', " BOOL("a.anonymous") ", "		\
    "'question', a.question, 'type', a.type, "				\
    "'state', " STATE_NAME("a.state") ", 'opened', a.opened, "	\
    "'closed', a.closed"
#define ACTIVITY_TAIL ") AS j FROM activities a WHERE a.session = s.id "\
    "ORDER BY a.idx))"
/*
 * With sparse fields (kind-export.h), the object above is `j0` and the
 * sparse fields whose value is not NULL are patched onto it (json_patch
 * drops a null member): an activity without them is the object as it
 * was, byte for byte.
 */
#define ACTIVITY_SPARSE_HEAD "(SELECT json_group_array(json(j)) FROM "	\
    "(SELECT CASE WHEN xp = '{}' THEN j0 ELSE json_patch(j0, xp) END AS "\
    "j FROM (SELECT json_object('id', a.key, 'index', a.idx + 1, 'kind', "\
    "a.kind, 'title', a.title, 'anonymous', " BOOL("a.anonymous") ", "	\
    "'question', a.question, 'type', a.type, "				\
    "'state', " STATE_NAME("a.state") ", 'opened', a.opened, "	\
    "'closed', a.closed"
#define ACTIVITY_SPARSE_MID ") AS j0, json_patch('{}', json_object("
#define ACTIVITY_SPARSE_TAIL ")) AS xp, a.idx AS idx FROM activities a "\
    "WHERE a.session = s.id) ORDER BY idx))"

#define SESSION_HEAD "SELECT json_object('format', 1, " \
    "'generator', ?4, 'min_group', ?3, 'site', ?2, 'sessions', (SELECT " \
    "json_group_array(json(j)) FROM " \
    "(SELECT json_object('id', s.id, 'title', s.title, 'collaborative', " \
    "s.collaborative, 'started', s.started, 'ended', s.ended, " \
    "'source', " SOURCE_OF("s.id") ", " \
    "'participants', " PARTICIPANTS ", 'activities', "
#define SESSION_TAIL ") AS j " \
    "FROM sessions s WHERE s.id IN (SELECT value FROM json_each(?1)) " \
    "ORDER BY s.id))"

static const struct export_json_field shared[] = {
	{ 10, NULL, NULL, NULL, "'answers', " ANSWERS },
	{ 50, NULL, NULL, NULL, "'notes', " NOTES },
};

#define MAX_FIELDS 32

/* Every field, shared and the kinds', in order; returns how many. */
static size_t
all_fields(const struct export_json_field **t)
{
	size_t n = 0;

	for (size_t i = 0; i < EXPORT_COUNT(shared); i++)
		t[n++] = &shared[i];
	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_export *x = export_kind(k);

		for (size_t i = 0; x != NULL && i < x->n_json &&
		    n < MAX_FIELDS; i++)
			t[n++] = &x->json[i];
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && t[k - 1]->order > t[k]->order;
		    k--) {
			const struct export_json_field *swap = t[k];

			t[k] = t[k - 1];
			t[k - 1] = swap;
		}
	return n;
}

struct buf {
	char	*s;
	size_t	 len, cap;
	int	 failed;
};

static void
put(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 16384;
		char *grown;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((grown = realloc(b->s, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

/* A field that needs a table and has no stand-in for a database without
 * it (cte_old NULL) is written only when that table has rows: a kind
 * added later leaves the document of a database without its data as it
 * was. */
static int
field_shown(struct store *st, const struct export_json_field *f)
{
	return f->needs == NULL || f->cte_old != NULL ||
	    export_has_rows(st, f->needs);
}

/* The whole document's query, for this database, with the top-level
 * "measures" when it has some; NULL when out of memory.  The caller
 * frees it. */
static char *
document(struct store *st, int measures)
{
	const struct export_json_field *f[MAX_FIELDS];
	size_t n = all_fields(f);
	struct buf b = { NULL, 0, 0, 0 };
	int ctes = 0, sparse = 0;

	for (size_t i = 0; i < n; i++) {
		const char *cte = f[i]->needs != NULL &&
		    !export_has_table(st, f[i]->needs) ? f[i]->cte_old :
		    f[i]->cte;

		if (cte == NULL || !field_shown(st, f[i]))
			continue;
		put(&b, ctes++ == 0 ? "WITH " : ", ");
		put(&b, cte);
	}
	if (ctes > 0)
		put(&b, " ");
	for (size_t i = 0; i < n; i++)
		sparse += f[i]->order >= EXPORT_JSON_SPARSE;
	put(&b, SESSION_HEAD);
	put(&b, sparse ? ACTIVITY_SPARSE_HEAD : ACTIVITY_HEAD);
	for (size_t i = 0; i < n; i++) {
		if (f[i]->order >= EXPORT_JSON_SPARSE || !field_shown(st, f[i]))
			continue;
		put(&b, ", ");
		put(&b, f[i]->field);
	}
	if (sparse > 0) {
		put(&b, ACTIVITY_SPARSE_MID);
		for (size_t i = 0, k = 0; i < n; i++) {
			if (f[i]->order < EXPORT_JSON_SPARSE ||
			    !field_shown(st, f[i]))
				continue;
			put(&b, k++ > 0 ? ", " : "");
			put(&b, f[i]->field);
		}
		put(&b, ACTIVITY_SPARSE_TAIL);
	} else
		put(&b, ACTIVITY_TAIL);
	put(&b, SESSION_TAIL);
	if (measures) {
		put(&b, ", ");
		put(&b, export_measures_json);
	}
	put(&b, ")");
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

static int
write_json(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	int measures = export_measures_load(st, export_job(o), ids, err,
	    errlen);
	char *sql = measures < 0 ? NULL : document(st, measures > 0);
	sqlite3_stmt *s = NULL;
	const char *doc;
	int rc = EXIT_OK;

	if (measures < 0)
		return EXIT_UNREACHABLE;
	if (sql == NULL) {
		snprintf(err, errlen, "out of memory");
		return EXIT_UNREACHABLE;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		free(sql);
		store_fail(st, "prepare");
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	free(sql);
	sqlite3_bind_text(s, 1, ids, -1, SQLITE_STATIC);
	if (export_job(o)->site != NULL)
		sqlite3_bind_text(s, 2, export_job(o)->site, -1,
		    SQLITE_STATIC);
	sqlite3_bind_int(s, 3, export_job(o)->min_group);
	sqlite3_bind_text(s, 4, "convene " CONVENE_VERSION, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    (doc = (const char *)sqlite3_column_text(s, 0)) != NULL) {
		fputs(doc, f);
		putc('\n', f);
	} else {
		store_fail(st, "export");
		snprintf(err, errlen, "%s", store_error(st));
		rc = EXIT_UNREACHABLE;
	}
	sqlite3_finalize(s);
	return rc;
}

const struct export_writer export_json = {
	.name = "json",
	.write = write_json,
	.multi = 0,
};
