/* store.c: open the SQLite database, migrate its schema, group commits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "kind-store.h"

/*
 * Schema migrations, oldest first.  Migration i brings `user_version` from
 * i to i + 1: the shared tables here, then the tables activity kinds add
 * at that version (their `ddl`, kind-store.h).  Only ever append: a
 * database written by this version must open in every later one.
 */
static const char *migrations[] = {
	/* 1: sessions, sites, participants, activities, options, answers. */
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  collaborative TEXT,"
	"  plan_path TEXT NOT NULL,"
	"  started TEXT NOT NULL,"
	"  ended TEXT,"
	"  current INTEGER NOT NULL DEFAULT -1,"
	"  state INTEGER NOT NULL DEFAULT 0,"
	"  revealed INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE sites ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE participants ("
	"  id INTEGER PRIMARY KEY,"
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  name TEXT NOT NULL,"
	"  site INTEGER REFERENCES sites(id),"
	"  role TEXT,"
	"  token_hash TEXT NOT NULL,"
	"  joined TEXT NOT NULL,"
	"  UNIQUE (session, token_hash));"
	"CREATE TABLE activities ("
	"  id INTEGER PRIMARY KEY,"
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  idx INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  type TEXT,"
	"  title TEXT NOT NULL,"
	"  question TEXT,"
	"  anonymous INTEGER NOT NULL DEFAULT 0,"
	"  state INTEGER NOT NULL DEFAULT 0,"
	"  opened TEXT,"
	"  closed TEXT,"
	"  UNIQUE (session, idx));"
	"CREATE TABLE options ("
	"  activity INTEGER NOT NULL REFERENCES activities(id),"
	"  n INTEGER NOT NULL,"
	"  label TEXT NOT NULL,"
	"  PRIMARY KEY (activity, n));"
	/* An answer names its participant, or (anonymous activities) holds
	 * a ballot key that only the participant's own token can recompute. */
	"CREATE TABLE answers ("
	"  id INTEGER PRIMARY KEY,"
	"  activity INTEGER NOT NULL REFERENCES activities(id),"
	"  participant INTEGER REFERENCES participants(id),"
	"  ballot TEXT,"
	"  site INTEGER REFERENCES sites(id),"
	"  item TEXT,"
	"  choice INTEGER,"
	"  value TEXT NOT NULL,"
	"  hidden INTEGER NOT NULL DEFAULT 0,"
	"  at TEXT NOT NULL,"
	"  CHECK ((participant IS NULL) <> (ballot IS NULL)));"
	"CREATE UNIQUE INDEX answers_person ON answers"
	"  (activity, participant, coalesce(item, '')) "
	"  WHERE participant IS NOT NULL;"
	"CREATE UNIQUE INDEX answers_ballot ON answers"
	"  (activity, ballot, coalesce(item, '')) WHERE ballot IS NOT NULL;",

	/* 2: shared notes (tablecloths, breakout notes) with their author
	 * and time per line, and an activity's round; café seats and
	 * breakout groups and commitments come from their kinds. */
	"ALTER TABLE activities ADD COLUMN round INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE notes ("
	"  id INTEGER PRIMARY KEY,"
	"  activity INTEGER NOT NULL REFERENCES activities(id),"
	"  round INTEGER,"
	"  tbl INTEGER,"
	"  grp INTEGER,"
	"  participant INTEGER REFERENCES participants(id),"
	"  text TEXT NOT NULL,"
	"  theme INTEGER NOT NULL DEFAULT 0,"
	"  at TEXT NOT NULL);"
	"CREATE INDEX notes_place ON notes (activity, round, tbl, grp);",

	/* 3: the questions of each form activity, from the form kind. */
	"",

	/* 4: indexes for what grew slow with size: counting answers per
	 * option and site (exports: 100,000 answers went from 21 s to under
	 * a second) and telling apart two people of the same name on join. */
	"CREATE INDEX answers_tally ON answers (activity, choice, site);"
	"CREATE INDEX participants_name ON participants (session, name);",

	/* 5: the sites' measures of a collaborative, imported from CSV for
	 * run charts (src/measures/): one row a point. */
	"CREATE TABLE measures ("
	"  id INTEGER PRIMARY KEY,"
	"  collaborative TEXT NOT NULL,"
	"  site TEXT NOT NULL,"
	"  measure TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  value REAL NOT NULL,"
	"  numerator REAL,"
	"  denominator REAL,"
	"  note TEXT,"
	"  baseline INTEGER NOT NULL DEFAULT 0,"
	"  imported TEXT NOT NULL,"
	"  UNIQUE (collaborative, site, measure, period));",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int
store_fail(struct store *st, const char *what)
{
	snprintf(st->err, sizeof st->err, "%s: %s", what,
	    sqlite3_errmsg(st->db));
	return -1;
}

const char *
store_error(struct store *st)
{
	return st->err;
}

void *
store_db(struct store *st)
{
	return st->db;
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql)
{
	int i;

	for (i = 0; i < STORE_STMTS && st->stmts[i].sql != NULL; i++)
		if (st->stmts[i].sql == sql) {
			sqlite3_reset(st->stmts[i].stmt);
			sqlite3_clear_bindings(st->stmts[i].stmt);
			return st->stmts[i].stmt;
		}
	if (i == STORE_STMTS) {
		snprintf(st->err, sizeof st->err, "statement cache full");
		return NULL;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &st->stmts[i].stmt, NULL) !=
	    SQLITE_OK) {
		store_fail(st, "prepare");
		return NULL;
	}
	st->stmts[i].sql = sql;
	return st->stmts[i].stmt;
}

int
store_exec(struct store *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, "exec");
	return 0;
}

/* Step a bound statement that returns no rows, then reset it. */
int
store_run(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, what);
}

/* Run a cached statement that returns no rows (the hot path's
 * savepoints: parsed once, not on every answer). */
int
store_step(struct store *st, const char *sql)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(st, sql);
}

/*
 * After a failed commit (a full disk, most often): copy the WAL back into
 * the database and truncate it.  On a small disk the WAL would otherwise
 * grow back to the limit before SQLite's own checkpoint (at 1000 pages)
 * ever ran, and answers would stay paused after space came back.
 */
int
store_reclaim_space(struct store *st)
{
	return sqlite3_wal_checkpoint_v2(st->db, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "PRAGMA user_version");
	int v = -1;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	if (s != NULL)
		sqlite3_reset(s);
	return v;
}

/* The registry's storage, kind by kind; a kind sharing the ops of an
 * earlier one (assess and feedback) shares its tables: NULL. */
const struct kind_store *
store_kind(unsigned k)
{
	const struct activity_ops *o;

	if (k >= ACT_KIND_MAX)
		return NULL;
	o = activity_ops((enum act_kind)k);
	for (unsigned e = 0; e < k; e++)
		if (activity_ops((enum act_kind)e) == o)
			return NULL;
	return o->store;
}

/* The kinds' tables of schema `version`. */
static int
migrate_kinds(struct store *st, int version)
{
	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_store *ks = store_kind(k);

		for (size_t i = 0; ks != NULL && i < ks->n_ddl; i++)
			if (ks->ddl[i].version == version &&
			    store_exec(st, ks->ddl[i].sql) != 0)
				return -1;
	}
	return 0;
}

/* The schema this convene writes: the shared migrations', or a kind's
 * newer tables' (a new kind with tables takes the next version in its
 * own kind_store, and store.c does not change). */
static int
schema_latest(void)
{
	int latest = N_MIGRATIONS;

	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct kind_store *ks = store_kind(k);

		for (size_t i = 0; ks != NULL && i < ks->n_ddl; i++)
			if (ks->ddl[i].version > latest)
				latest = ks->ddl[i].version;
	}
	return latest;
}

static int
migrate(struct store *st)
{
	int v = store_schema_version(st), latest = schema_latest();
	char sql[64];

	if (v < 0)
		return -1;
	if (v > latest) {
		snprintf(st->err, sizeof st->err, "database schema %d is newer "
		    "than this convene (%d); upgrade convene", v, latest);
		return -1;
	}
	for (; v < latest; v++) {
		if (store_exec(st, "BEGIN IMMEDIATE") != 0)
			return -1;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((v < N_MIGRATIONS && store_exec(st, migrations[v]) != 0) ||
		    migrate_kinds(st, v + 1) != 0 ||
		    store_exec(st, sql) != 0) {
			char keep[sizeof st->err];

			memcpy(keep, st->err, sizeof keep);
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			memcpy(st->err, keep, sizeof keep);
			return -1;
		}
		if (store_exec(st, "COMMIT") != 0)
			return -1;
	}
	return 0;
}

int
store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	struct store *st = calloc(1, sizeof *st);

	*out = NULL;
	if (st == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, st->db ?
		    sqlite3_errmsg(st->db) : "cannot open");
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* WAL: readers (exports) never block the host's writes; NORMAL sync
	 * in WAL mode still never loses a committed transaction to a crash
	 * of the process, which is what an acknowledgement promises. */
	if (store_exec(st, "PRAGMA journal_mode = WAL") != 0 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL") != 0 ||
	    /* A smaller WAL (2 MiB between checkpoints, cut back to 4 MiB
	     * after one) so a nearly full disk is not filled by the WAL
	     * alone, with nothing left to checkpoint into. */
	    store_exec(st, "PRAGMA wal_autocheckpoint = 500") != 0 ||
	    store_exec(st, "PRAGMA journal_size_limit = 4194304") != 0 ||
	    store_exec(st, "PRAGMA foreign_keys = ON") != 0 ||
	    migrate(st) != 0) {
		snprintf(err, errlen, "%s: %s", path, st->err);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < STORE_STMTS && st->stmts[i].sql != NULL; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(st->db);
	free(st);
}

/* Group commit: the server opens one transaction per loop turn at the
 * first write and commits it before any acknowledgement goes out. */
int
store_begin(struct store *st)
{
	if (st->in_tx)
		return 0;
	if (store_exec(st, "BEGIN IMMEDIATE") != 0)
		return -1;
	st->in_tx = 1;
	return 0;
}

int
store_commit(struct store *st)
{
	if (!st->in_tx)
		return 0;
	if (store_exec(st, "COMMIT") != 0) {
		store_rollback(st);
		return -1;
	}
	st->in_tx = 0;
	return 0;
}

void
store_rollback(struct store *st)
{
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

int
store_in_tx(struct store *st)
{
	return st->in_tx;
}
