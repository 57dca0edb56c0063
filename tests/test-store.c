/* test-store.c: opening and migrating the database, sessions, people,
 * answers (attributed and anonymous) and group commit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <unistd.h>

#include "store.h"

static const char plan_text[] =
    "title = Store test\n"
    "collaborative = Tests\n"
    "[poll]\n"
    "id = ready\n"
    "question = Ready?\n"
    "type = single\n"
    "options = Yes | No | Maybe\n"
    "[poll]\n"
    "id = secret\n"
    "question = Honestly?\n"
    "type = single\n"
    "options = a | b\n"
    "anonymous = yes\n"
    "[cafe]\n"
    "question = Why?\n";

/* A temporary directory, a database in it, and a parsed plan. */
struct fix {
	char dir[256];
	char db[300];
	struct store *st;
	struct plan plan;
	int64_t sid;
};

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct fix *f = calloc(1, sizeof *f);
	char err[512];

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/test-store-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/convene.db", f->dir);
	if (plan_parse(plan_text, strlen(plan_text), "store.plan", &f->plan,
	    err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = f;
	return 0;
}

/* Setup plus an open store holding one session. */
static int
setup_session(void **state)
{
	struct fix *f;
	char err[512];

	if (setup(state) != 0)
		return -1;
	f = *state;
	if (store_open(f->db, &f->st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	f->sid = store_session_create(f->st, &f->plan);
	return f->sid > 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	DIR *d;
	struct dirent *e;
	char path[600];

	store_close(f->st);
	plan_free(&f->plan);
	if ((d = opendir(f->dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", f->dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* One integer from a query, straight from SQLite. */
static int64_t
sql_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -999;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL),
	    SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
sql_text(struct store *st, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL),
	    SQLITE_OK);
	out[0] = '\0';
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, cap, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* A one-row answer (a single choice, or a text when `choice` < 0). */
static int
put(struct fix *f, int64_t aid, int64_t who, const char *ballot,
    const char *site, const char *value, int choice)
{
	struct answer *a = calloc(1, sizeof *a);
	int rc;

	assert_non_null(a);
	a->n = 1;
	a->rows[0].choice = choice + 1;
	snprintf(a->rows[0].value, sizeof a->rows[0].value, "%s", value);
	rc = store_answer_put(f->st, aid, who, ballot, site, a);
	free(a);
	return rc;
}

struct rows {
	int n;
	char item[ANSWER_MAX_ROWS][16];
	int choice[ANSWER_MAX_ROWS];
	char value[ANSWER_MAX_ROWS][64];
};

static void
row(void *arg, const char *item, int choice, const char *value)
{
	struct rows *r = arg;

	assert_true(r->n < ANSWER_MAX_ROWS);
	snprintf(r->item[r->n], sizeof r->item[r->n], "%s", item);
	r->choice[r->n] = choice;
	snprintf(r->value[r->n], sizeof r->value[r->n], "%s", value);
	r->n++;
}

/* An author's stored answer: its choice if it has one, else its value.
 * Returns 1 when there is one, 0 when not. */
static int
get(struct fix *f, int64_t aid, int64_t who, const char *ballot, char *out,
    size_t cap)
{
	struct rows r;

	memset(&r, 0, sizeof r);
	assert_int_equal(store_answer_rows(f->st, aid, who, ballot, row, &r),
	    0);
	out[0] = '\0';
	if (r.n == 0)
		return 0;
	if (r.choice[0] > 0)
		snprintf(out, cap, "%d", r.choice[0]);
	else
		snprintf(out, cap, "%s", r.value[0]);
	return 1;
}

static int64_t
activity(struct fix *f, int idx)
{
	int state = -1;
	int64_t id = store_activity_id(f->st, f->sid, idx, &state);

	assert_true(id > 0);
	return id;
}

static void
test_fresh_schema(void **state)
{
	struct fix *f = *state;
	char err[512], mode[32];

	assert_int_equal(access(f->db, F_OK), -1);
	assert_int_equal(store_open(f->db, &f->st, err, sizeof err), 0);
	assert_non_null(f->st);
	assert_int_equal(access(f->db, F_OK), 0);
	/* Version 1 at least; later migrations only ever append. */
	assert_true(store_schema_version(f->st) >= 1);
	assert_int_equal(sql_int(f->st, "PRAGMA user_version"),
	    store_schema_version(f->st));
	sql_text(f->st, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "wal");
	assert_int_equal(sql_int(f->st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name IN ('sessions', 'sites', "
	    "'participants', 'activities', 'options', 'answers')"), 6);
	assert_int_equal(store_in_tx(f->st), 0);
}

static void
test_reopen(void **state)
{
	struct fix *f = *state;
	char err[512];
	int64_t sid;
	int version;

	assert_int_equal(store_open(f->db, &f->st, err, sizeof err), 0);
	version = store_schema_version(f->st);
	sid = store_session_create(f->st, &f->plan);
	assert_true(sid > 0);
	store_close(f->st);
	f->st = NULL;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_open(f->db, &f->st, err, sizeof err), 0);
		assert_int_equal(store_schema_version(f->st), version);
		assert_int_equal(store_session_find(f->st, &f->plan), sid);
		assert_int_equal(sql_int(f->st, "SELECT count(*) FROM "
		    "activities"), 3);
		store_close(f->st);
		f->st = NULL;
	}
}

static void
test_newer_schema_refused(void **state)
{
	struct fix *f = *state;
	sqlite3 *db;
	char err[512];

	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE x (y); "
	    "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	err[0] = '\0';
	assert_int_equal(store_open(f->db, &f->st, err, sizeof err), -1);
	assert_null(f->st);
	assert_non_null(strstr(err, f->db));
	assert_non_null(strstr(err, "schema 99 is newer than this convene"));
	assert_non_null(strstr(err, "upgrade convene"));
	/* Nothing was touched. */
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	{
		sqlite3_stmt *s;

		sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(s, 0), 99);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
}

/* One version past what this build knows is refused, naming both. */
static void
test_next_schema_refused(void **state)
{
	struct fix *f = *state;
	char err[512], want[128];
	int latest;

	assert_int_equal(store_open(f->db, &f->st, err, sizeof err), 0);
	latest = store_schema_version(f->st);
	snprintf(want, sizeof want, "PRAGMA user_version = %d", latest + 1);
	assert_int_equal(sqlite3_exec(store_db(f->st), want, NULL, NULL, NULL),
	    SQLITE_OK);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(f->db, &f->st, err, sizeof err), -1);
	assert_null(f->st);
	snprintf(want, sizeof want, "schema %d is newer than this convene (%d)",
	    latest + 1, latest);
	assert_non_null(strstr(err, want));
}

static void
test_not_a_database(void **state)
{
	struct fix *f = *state;
	FILE *fp = fopen(f->db, "w");
	char err[512];

	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fprintf(fp, "name,site\nAmal,North\n");
	fclose(fp);
	err[0] = '\0';
	assert_int_equal(store_open(f->db, &f->st, err, sizeof err), -1);
	assert_null(f->st);
	assert_non_null(strstr(err, f->db));
	assert_non_null(strstr(err, "not a database"));

	/* A path that cannot be created is refused too. */
	snprintf(err, sizeof err, "%s/no/such/dir/x.db", f->dir);
	{
		char path[600];

		snprintf(path, sizeof path, "%s", err);
		assert_int_equal(store_open(path, &f->st, err, sizeof err), -1);
		assert_null(f->st);
		assert_non_null(strstr(err, path));
	}
}

static void
test_session_lifecycle(void **state)
{
	struct fix *f = *state;
	int current = 99, st8 = 99, revealed = 99;
	int64_t ids[3], again;
	char text[128];

	assert_int_equal(f->sid, 1);
	assert_int_equal(store_session_find(f->st, &f->plan), f->sid);
	assert_int_equal(store_session_load(f->st, f->sid, &current, &st8,
	    &revealed), 0);
	assert_int_equal(current, -1);
	assert_int_equal(st8, 0);
	assert_int_equal(revealed, 0);
	assert_int_equal(store_session_load(f->st, 999, &current, &st8,
	    &revealed), -1);

	/* The agenda and its options are recorded. */
	for (int i = 0; i < 3; i++) {
		ids[i] = store_activity_id(f->st, f->sid, i, &st8);
		assert_true(ids[i] > 0);
		assert_int_equal(st8, 0);
	}
	assert_int_equal(store_activity_id(f->st, f->sid, 3, &st8), -1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM options"), 5);
	sql_text(f->st, "SELECT label FROM options WHERE n = 3", text,
	    sizeof text);
	assert_string_equal(text, "Maybe");
	assert_int_equal(sql_int(f->st, "SELECT anonymous FROM activities "
	    "WHERE key = 'secret'"), 1);
	sql_text(f->st, "SELECT kind || '/' || coalesce(type, '-') FROM "
	    "activities WHERE idx = 2", text, sizeof text);
	assert_string_equal(text, "cafe/-");
	sql_text(f->st, "SELECT collaborative FROM sessions", text,
	    sizeof text);
	assert_string_equal(text, "Tests");

	assert_int_equal(store_session_save(f->st, f->sid, 1, 2, 1), 0);
	assert_int_equal(store_session_load(f->st, f->sid, &current, &st8,
	    &revealed), 0);
	assert_int_equal(current, 1);
	assert_int_equal(st8, 2);
	assert_int_equal(revealed, 1);

	/* Activity state, stamped when it first opened and when it closed. */
	assert_int_equal(store_activity_state(f->st, ids[0], 1), 0);
	store_activity_id(f->st, f->sid, 0, &st8);
	assert_int_equal(st8, 1);
	assert_int_equal(sql_int(f->st, "SELECT opened IS NOT NULL AND "
	    "closed IS NULL FROM activities WHERE idx = 0"), 1);
	assert_int_equal(store_activity_state(f->st, ids[0], 2), 0);
	assert_int_equal(sql_int(f->st, "SELECT opened IS NOT NULL AND "
	    "closed IS NOT NULL FROM activities WHERE idx = 0"), 1);

	/* A second session from the same plan is the one to resume. */
	again = store_session_create(f->st, &f->plan);
	assert_int_equal(again, 2);
	assert_int_equal(store_session_find(f->st, &f->plan), again);
	assert_int_equal(store_session_end(f->st, again), 0);
	assert_int_equal(store_session_find(f->st, &f->plan), f->sid);
	assert_int_equal(store_session_end(f->st, f->sid), 0);
	assert_int_equal(store_session_find(f->st, &f->plan), 0);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM sessions WHERE "
	    "ended IS NOT NULL"), 2);
	/* Ending twice keeps the first time. */
	sql_text(f->st, "SELECT ended FROM sessions WHERE id = 1", text,
	    sizeof text);
	assert_int_equal(store_session_end(f->st, f->sid), 0);
	{
		char later[128];

		sql_text(f->st, "SELECT ended FROM sessions WHERE id = 1",
		    later, sizeof later);
		assert_string_equal(text, later);
	}
}

static void
count_person(void *arg, const struct store_participant *p)
{
	int *n = arg;

	assert_true(p->id > 0);
	(*n)++;
}

static void
test_participants(void **state)
{
	struct fix *f = *state;
	struct store_participant p;
	int64_t a, b, c;
	int n = 0;

	a = store_participant_add(f->st, f->sid, "Amal", "North", "hash-a");
	b = store_participant_add(f->st, f->sid, "Bo", "", "hash-b");
	c = store_participant_add(f->st, f->sid, "Amal (2)", "North",
	    "hash-c");
	assert_true(a > 0 && b > a && c > b);
	/* The same token twice in one session is refused. */
	assert_int_equal(store_participant_add(f->st, f->sid, "X", "North",
	    "hash-a"), -1);
	assert_non_null(strstr(store_error(f->st), "UNIQUE"));

	memset(&p, 0, sizeof p);
	assert_int_equal(store_participant_by_token(f->st, f->sid, "hash-a",
	    &p), 1);
	assert_int_equal(p.id, a);
	assert_string_equal(p.name, "Amal");
	assert_string_equal(p.site, "North");
	assert_int_equal(store_participant_by_token(f->st, f->sid, "hash-b",
	    &p), 1);
	assert_int_equal(p.id, b);
	assert_string_equal(p.site, "");
	assert_int_equal(store_participant_by_token(f->st, f->sid, "nope",
	    &p), 0);
	assert_int_equal(store_participant_by_token(f->st, f->sid + 1,
	    "hash-a", &p), 0);

	assert_int_equal(store_participant_count_name(f->st, f->sid, "Amal"),
	    1);
	assert_int_equal(store_participant_count_name(f->st, f->sid,
	    "Amal (2)"), 1);
	assert_int_equal(store_participant_count_name(f->st, f->sid, "amal"),
	    0);
	assert_int_equal(store_participant_count_name(f->st, f->sid, "Cy"),
	    0);
	/* One site row for North, none for the empty site. */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM sites"), 1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM participants "
	    "WHERE site IS NULL"), 1);

	assert_int_equal(store_participants(f->st, f->sid, count_person, &n),
	    0);
	assert_int_equal(n, 3);
}

struct tally {
	int counts[12];
	double sums[12];
	int rows;
};

static void
tally_row(void *arg, int choice, int count, double sum)
{
	struct tally *t = arg;

	assert_true(choice >= 1 && choice < 12);
	t->counts[choice] = count;
	t->sums[choice] = sum;
	t->rows++;
}

static void
test_answer_upsert(void **state)
{
	struct fix *f = *state;
	int64_t aid = activity(f, 0), amal, bo, cy;
	struct tally t;
	char v[64];

	amal = store_participant_add(f->st, f->sid, "Amal", "North", "h1");
	bo = store_participant_add(f->st, f->sid, "Bo", "South", "h2");
	cy = store_participant_add(f->st, f->sid, "Cy", "North", "h3");

	assert_int_equal(get(f, aid, amal, NULL, v, sizeof v),
	    0);
	assert_int_equal(put(f, aid, amal, NULL, "North", "Yes", 0), 0);
	assert_int_equal(put(f, aid, amal, NULL, "North", "Maybe", 2), 0);
	assert_int_equal(store_answer_count(f->st, aid), 1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers WHERE "
	    "participant IS NOT NULL AND ballot IS NULL"), 1);
	assert_int_equal(get(f, aid, amal, NULL, v, sizeof v),
	    1);
	assert_string_equal(v, "3");	/* the choice, counted from 1 */
	sql_text(f->st, "SELECT value FROM answers", v, sizeof v);
	assert_string_equal(v, "Maybe");

	assert_int_equal(put(f, aid, bo, NULL, "South", "Yes", 0), 0);
	assert_int_equal(put(f, aid, cy, NULL, "North", "Maybe", 2), 0);
	assert_int_equal(put(f, aid, bo, NULL, "South", "Maybe", 2), 0);
	assert_int_equal(store_answer_count(f->st, aid), 3);

	memset(&t, 0, sizeof t);
	assert_int_equal(store_tally(f->st, aid, tally_row, &t), 0);
	assert_int_equal(t.rows, 1);
	assert_int_equal(t.counts[1], 0);
	assert_int_equal(t.counts[3], 3);

	assert_int_equal(put(f, aid, cy, NULL, "North", "No", 1), 0);
	memset(&t, 0, sizeof t);
	assert_int_equal(store_tally(f->st, aid, tally_row, &t), 0);
	assert_int_equal(t.rows, 2);
	assert_int_equal(t.counts[2], 1);
	assert_int_equal(t.counts[3], 2);

	/* Answers to another activity do not mix in. */
	assert_int_equal(store_answer_count(f->st, activity(f, 1)), 0);
	/* An answer without a choice keeps its value. */
	assert_int_equal(put(f, activity(f, 2), amal, NULL, "North",
	    "Staffing", -1), 0);
	assert_int_equal(get(f, activity(f, 2), amal, NULL, v,
	    sizeof v), 1);
	assert_string_equal(v, "Staffing");
	/* Each answer carries its site. */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers a JOIN "
	    "sites s ON s.id = a.site WHERE s.name = 'North'"), 3);
	/* An activity that does not exist is refused (foreign key). */
	assert_int_equal(put(f, 9999, amal, NULL, "North", "Yes", 0), -1);
	assert_string_not_equal(store_error(f->st), "");
}

static void
test_anonymous_answers(void **state)
{
	struct fix *f = *state;
	int64_t aid = activity(f, 1), amal;
	struct tally t;
	char v[64];

	amal = store_participant_add(f->st, f->sid, "Amal", "North", "h1");
	assert_int_equal(put(f, aid, 0, "ballot-1", "North", "a", 0), 0);
	assert_int_equal(put(f, aid, 0, "ballot-2", "South", "a", 0), 0);
	assert_int_equal(store_answer_count(f->st, aid), 2);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers WHERE "
	    "participant IS NULL AND ballot IS NOT NULL"), 2);
	/* Anonymous times are kept only to the minute. */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers WHERE "
	    "at LIKE '%:00Z'"), 2);

	/* The same ballot again replaces its answer. */
	assert_int_equal(put(f, aid, 0, "ballot-1", "North", "b", 1), 0);
	assert_int_equal(store_answer_count(f->st, aid), 2);
	assert_int_equal(get(f, aid, 0, "ballot-1", v,
	    sizeof v), 1);
	assert_string_equal(v, "2");
	assert_int_equal(get(f, aid, 0, "ballot-3", v,
	    sizeof v), 0);
	/* A ballot tells nothing about the person. */
	assert_int_equal(get(f, aid, amal, NULL, v, sizeof v),
	    0);
	memset(&t, 0, sizeof t);
	assert_int_equal(store_tally(f->st, aid, tally_row, &t), 0);
	assert_int_equal(t.counts[1], 1);
	assert_int_equal(t.counts[2], 1);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers WHERE "
	    "participant IS NOT NULL"), 0);
}

static void
test_answer_needs_one_owner(void **state)
{
	struct fix *f = *state;
	int64_t aid = activity(f, 0), amal;
	char *msg = NULL;
	int rc;

	amal = store_participant_add(f->st, f->sid, "Amal", "North", "h1");
	/* Both a person and a ballot, or neither: refused before SQL. */
	assert_int_equal(put(f, aid, amal, "ballot", "North", "Yes", 0), -1);
	assert_non_null(strstr(store_error(f->st), "participant or a ballot"));
	assert_int_equal(put(f, aid, 0, NULL, "North", "Yes", 0), -1);
	assert_int_equal(store_answer_count(f->st, aid), 0);

	/* And the schema itself refuses them. */
	rc = sqlite3_exec(store_db(f->st), "INSERT INTO answers (activity, "
	    "participant, ballot, value, at) VALUES (1, 1, 'x', 'v', 'now')",
	    NULL, NULL, &msg);
	assert_int_equal(rc, SQLITE_CONSTRAINT);
	assert_non_null(strstr(msg, "CHECK"));
	sqlite3_free(msg);
	msg = NULL;
	rc = sqlite3_exec(store_db(f->st), "INSERT INTO answers (activity, "
	    "participant, ballot, value, at) VALUES (1, NULL, NULL, 'v', "
	    "'now')", NULL, NULL, &msg);
	assert_int_equal(rc, SQLITE_CONSTRAINT);
	sqlite3_free(msg);
	assert_int_equal(store_answer_count(f->st, aid), 0);
}

static void
test_group_commit(void **state)
{
	struct fix *f = *state;
	int64_t aid = activity(f, 0), amal, bo;
	char err[512];

	amal = store_participant_add(f->st, f->sid, "Amal", "North", "h1");
	bo = store_participant_add(f->st, f->sid, "Bo", "North", "h2");

	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_in_tx(f->st), 1);
	assert_int_equal(store_begin(f->st), 0);	/* nests as one */
	assert_int_equal(put(f, aid, amal, NULL, "North", "Yes", 0), 0);
	assert_int_equal(put(f, aid, bo, NULL, "North", "No", 1), 0);
	assert_int_equal(store_answer_count(f->st, aid), 2);
	store_rollback(f->st);
	assert_int_equal(store_in_tx(f->st), 0);
	assert_int_equal(store_answer_count(f->st, aid), 0);
	store_rollback(f->st);		/* harmless outside a transaction */

	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(put(f, aid, amal, NULL, "North", "Yes", 0), 0);
	assert_int_equal(put(f, aid, bo, NULL, "North", "No", 1), 0);
	assert_int_equal(put(f, aid, bo, NULL, "North", "Maybe", 2), 0);
	assert_int_equal(store_commit(f->st), 0);
	assert_int_equal(store_in_tx(f->st), 0);
	assert_int_equal(store_commit(f->st), 0);	/* nothing to commit */

	/* An open transaction is rolled back when the store closes. */
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(put(f, aid, amal, NULL, "North", "No", 1), 0);
	store_close(f->st);
	f->st = NULL;

	assert_int_equal(store_open(f->db, &f->st, err, sizeof err), 0);
	assert_int_equal(store_answer_count(f->st, aid), 2);
	assert_int_equal(sql_int(f->st, "SELECT choice FROM answers WHERE "
	    "participant = 1"), 1);
	assert_int_equal(sql_int(f->st, "SELECT choice FROM answers WHERE "
	    "participant = 2"), 3);
}

/* An answer of several rows (multiple choice, ranking) is replaced whole. */
static void
test_answer_rows(void **state)
{
	struct fix *f = *state;
	int64_t aid = activity(f, 0), amal, bo;
	struct answer *a = calloc(1, sizeof *a);
	struct rows r;
	struct tally t;
	static const int ranks[2][3] = { { 3, 1, 2 }, { 1, 2, 3 } };

	assert_non_null(a);
	amal = store_participant_add(f->st, f->sid, "Amal", "North", "h1");
	bo = store_participant_add(f->st, f->sid, "Bo", "South", "h2");

	/* Amal ranks 3, 1, 2 and Bo 1, 2, 3: a row per option, the rank as
	 * the value. */
	for (int who = 0; who < 2; who++) {
		memset(a, 0, sizeof *a);
		a->n = 3;
		for (int k = 0; k < 3; k++) {
			snprintf(a->rows[k].item, sizeof a->rows[k].item, "o%d",
			    ranks[who][k]);
			a->rows[k].choice = ranks[who][k];
			snprintf(a->rows[k].value, sizeof a->rows[k].value,
			    "%d", k + 1);
		}
		assert_int_equal(store_answer_put(f->st, aid, who ? bo : amal,
		    NULL, who ? "South" : "North", a), 0);
	}
	assert_int_equal(store_answer_count(f->st, aid), 2);	/* people */
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers"), 6);

	memset(&r, 0, sizeof r);
	assert_int_equal(store_answer_rows(f->st, aid, amal, NULL, row, &r), 0);
	assert_int_equal(r.n, 3);		/* in the order stored */
	assert_string_equal(r.item[0], "o3");
	assert_int_equal(r.choice[0], 3);
	assert_string_equal(r.value[0], "1");
	assert_int_equal(r.choice[2], 2);

	/* Per option: rows, and the sum of the ranks. */
	memset(&t, 0, sizeof t);
	assert_int_equal(store_tally(f->st, aid, tally_row, &t), 0);
	assert_int_equal(t.rows, 3);
	assert_int_equal(t.counts[1], 2);
	assert_true(t.sums[1] == 3.0);		/* 2 + 1 */
	assert_true(t.sums[2] == 5.0);		/* 3 + 2 */
	assert_true(t.sums[3] == 4.0);		/* 1 + 3 */

	/* Amal changes to one pick: her three rows become one. */
	memset(a, 0, sizeof *a);
	a->n = 1;
	strcpy(a->rows[0].item, "o2");
	a->rows[0].choice = 2;
	strcpy(a->rows[0].value, "Green");
	assert_int_equal(store_answer_put(f->st, aid, amal, NULL, "North", a),
	    0);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers"), 4);
	memset(&r, 0, sizeof r);
	assert_int_equal(store_answer_rows(f->st, aid, amal, NULL, row, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.value[0], "Green");
	/* An empty item is stored as NULL and read back as "". */
	assert_int_equal(put(f, aid, amal, NULL, "North", "Red", 0), 0);
	assert_int_equal(sql_int(f->st, "SELECT count(*) FROM answers WHERE "
	    "item IS NULL"), 1);
	memset(&r, 0, sizeof r);
	assert_int_equal(store_answer_rows(f->st, aid, amal, NULL, row, &r), 0);
	assert_string_equal(r.item[0], "");
	/* No rows at all withdraws the answer. */
	a->n = 0;
	assert_int_equal(store_answer_put(f->st, aid, amal, NULL, "North", a),
	    0);
	assert_int_equal(store_answer_count(f->st, aid), 1);
	free(a);
}

struct site_tally {
	char site[16][32];
	int choice[16];
	int count[16];
	int n;
};

static void
site_row(void *arg, const char *site, int choice, int count)
{
	struct site_tally *t = arg;

	assert_true(t->n < 16);
	snprintf(t->site[t->n], sizeof t->site[t->n], "%s", site);
	t->choice[t->n] = choice;
	t->count[t->n] = count;
	t->n++;
}

struct texts {
	int64_t id[8];
	int hidden[8];
	char value[8][64];
	int n;
};

static void
text_row(void *arg, int64_t id, int hidden, const char *value)
{
	struct texts *t = arg;

	assert_true(t->n < 8);
	t->id[t->n] = id;
	t->hidden[t->n] = hidden;
	snprintf(t->value[t->n], sizeof t->value[t->n], "%s", value);
	t->n++;
}

static void
test_sites_and_texts(void **state)
{
	struct fix *f = *state;
	int64_t q = activity(f, 0), txt = activity(f, 2), p[4];
	struct site_tally t;
	struct texts x;

	p[0] = store_participant_add(f->st, f->sid, "A", "North", "h1");
	p[1] = store_participant_add(f->st, f->sid, "B", "North", "h2");
	p[2] = store_participant_add(f->st, f->sid, "C", "South", "h3");
	p[3] = store_participant_add(f->st, f->sid, "D", "", "h4");
	assert_int_equal(put(f, q, p[0], NULL, "North", "Yes", 0), 0);
	assert_int_equal(put(f, q, p[1], NULL, "North", "No", 1), 0);
	assert_int_equal(put(f, q, p[2], NULL, "South", "No", 1), 0);
	assert_int_equal(put(f, q, p[3], NULL, "", "No", 1), 0);

	/* By site, then choice; choice 0 counts the site's people. */
	memset(&t, 0, sizeof t);
	assert_int_equal(store_tally_sites(f->st, q, site_row, &t), 0);
	assert_int_equal(t.n, 2 + 3 + 2);
	assert_string_equal(t.site[0], "");		/* no site */
	assert_int_equal(t.choice[0], 0);
	assert_int_equal(t.count[0], 1);
	assert_int_equal(t.choice[1], 2);
	assert_int_equal(t.count[1], 1);
	assert_string_equal(t.site[2], "North");
	assert_int_equal(t.choice[2], 0);
	assert_int_equal(t.count[2], 2);
	assert_int_equal(t.choice[3], 1);
	assert_int_equal(t.count[3], 1);
	assert_int_equal(t.choice[4], 2);
	assert_int_equal(t.count[4], 1);
	assert_string_equal(t.site[5], "South");
	assert_int_equal(t.count[5], 1);
	assert_int_equal(t.choice[6], 2);

	/* Free text: newest first; moderation hides, never deletes. */
	assert_int_equal(put(f, txt, p[0], NULL, "North", "staffing", -1), 0);
	assert_int_equal(put(f, txt, p[1], NULL, "North", "rude", -1), 0);
	assert_int_equal(put(f, txt, p[2], NULL, "South", "beds", -1), 0);
	memset(&x, 0, sizeof x);
	assert_int_equal(store_texts(f->st, txt, -1, text_row, &x), 0);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.value[0], "beds");
	assert_string_equal(x.value[2], "staffing");
	assert_int_equal(x.hidden[1], 0);
	assert_int_equal(store_answer_hide(f->st, txt, x.id[1], 1), 1);
	/* Only within its own activity. */
	assert_int_equal(store_answer_hide(f->st, q, x.id[0], 1), 0);
	assert_int_equal(store_answer_hide(f->st, txt, 99999, 1), 0);
	memset(&x, 0, sizeof x);
	assert_int_equal(store_texts(f->st, txt, 2, text_row, &x), 0);
	assert_int_equal(x.n, 2);			/* the limit */
	assert_int_equal(x.hidden[0], 0);
	assert_int_equal(x.hidden[1], 1);
	assert_string_equal(x.value[1], "rude");
	assert_int_equal(store_answer_hide(f->st, txt, x.id[1], 0), 1);
	assert_int_equal(sql_int(f->st, "SELECT sum(hidden) FROM answers"), 0);
	/* Text rows carry no choice, so they never reach a tally. */
	memset(&t, 0, sizeof t);
	assert_int_equal(store_tally_sites(f->st, txt, site_row, &t), 0);
	for (int i = 0; i < t.n; i++)
		assert_int_equal(t.choice[i], 0);
}

static void
test_status_json(void **state)
{
	struct fix *f = *state;
	struct session s;
	struct act_run runs[3];
	char out[1024];

	memset(&s, 0, sizeof s);
	memset(runs, 0, sizeof runs);
	s.plan = &f->plan;
	s.store = f->st;
	s.id = f->sid;
	s.current = -1;
	s.runs = runs;
	assert_int_equal(store_status_json(f->st, &s, 0, 0, out, sizeof out),
	    0);
	assert_non_null(strstr(out, "\"session\":1"));
	assert_non_null(strstr(out, "\"activity\":null"));
	assert_non_null(strstr(out, "\"revealed\":false"));
	assert_non_null(strstr(out, "\"participants\":{\"connected\":0,"
	    "\"joined\":0}"));
	s.current = 1;
	runs[1].state = ACT_OPEN;
	runs[1].revealed = 1;
	assert_int_equal(store_status_json(f->st, &s, 4, 3, out, sizeof out),
	    0);
	assert_non_null(strstr(out, "\"index\":2"));
	assert_non_null(strstr(out, "\"id\":\"secret\""));
	assert_non_null(strstr(out, "\"state\":\"open\""));
	assert_non_null(strstr(out, "\"revealed\":true"));
	assert_non_null(strstr(out, "\"answers\":4"));
	assert_non_null(strstr(out, "\"connected\":3"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fresh_schema, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_schema_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_lifecycle,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_participants,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_answer_upsert,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_anonymous_answers,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_answer_needs_one_owner,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_group_commit,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_answer_rows,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_sites_and_texts,
		    setup_session, teardown),
		cmocka_unit_test_setup_teardown(test_status_json,
		    setup_session, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
