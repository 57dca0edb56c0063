/* test-export.c: CSV cells, the CSV tables, the JSON document, the commands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "store.h"

/* Ballot keys no export may ever contain. */
#define BALLOT_X "BALLOTSECRETX"
#define BALLOT_Y "BALLOTSECRETY"
#define BALLOT_Z "BALLOTSECRETZ"

static const char plan_text[] =
    "title = Sepsis LS2\n"
    "collaborative = Sepsis collaborative\n"
    "[poll]\n"
    "id = ready\n"
    "question = Ready to test a change?\n"
    "type = single\n"
    "options = Yes | No | =cmd\n"
    "[poll]\n"
    "id = secret\n"
    "question = Honestly?\n"
    "type = single\n"
    "options = a | b | c\n"
    "anonymous = yes\n"
    "[breakout]\n"
    "prompt = What will you test by Tuesday?\n"
    "groups = site\n";

/* One database for the whole file: session 1 with answers, session 2
 * (the latest) without.  The tests only read it. */
struct fixture {
	char path[64];
	char dir[64];
	struct store *st;
	struct plan plan;
};

static struct fixture fx;

/* One single-choice answer: `choice` counts from 0, as options do. */
static int
put_one(struct store *st, int64_t aid, int64_t pid, const char *ballot,
    const char *site, const char *value, int choice)
{
	struct answer a;

	memset(&a, 0, sizeof a);
	a.n = 1;
	a.rows[0].choice = choice + 1;
	snprintf(a.rows[0].value, sizeof a.rows[0].value, "%s", value);
	return store_answer_put(st, aid, pid, ballot, site, &a);
}

static int
group_setup(void **state)
{
	char err[512];
	int64_t sid, ann, bob, cy, ready, secret;
	int st8;

	(void)state;
	strcpy(fx.path, "/tmp/test-export-XXXXXX");
	close(mkstemp(fx.path));
	strcpy(fx.dir, "/tmp/test-export-dir-XXXXXX");
	assert_non_null(mkdtemp(fx.dir));
	assert_int_equal(store_open(fx.path, &fx.st, err, sizeof err), 0);
	assert_int_equal(plan_parse(plan_text, strlen(plan_text), "test.plan",
	    &fx.plan, err, sizeof err), 0);
	sid = store_session_create(fx.st, &fx.plan);
	assert_int_equal(sid, 1);
	ann = store_participant_add(fx.st, sid, "Ann", "Site A", "h1");
	bob = store_participant_add(fx.st, sid, "=Bob", "Site, \"B\"", "h2");
	cy = store_participant_add(fx.st, sid, "Zoë 東京", "Site A", "h3");
	assert_true(ann > 0 && bob > 0 && cy > 0);
	ready = store_activity_id(fx.st, sid, 0, &st8);
	secret = store_activity_id(fx.st, sid, 1, &st8);
	assert_int_equal(store_activity_state(fx.st, ready, 2), 0);
	/* ready: Yes, =cmd, Yes; nobody chose No. */
	assert_int_equal(put_one(fx.st, ready, ann, NULL, "Site A",
	    "Yes", 0), 0);
	assert_int_equal(put_one(fx.st, ready, bob, NULL,
	    "Site, \"B\"", "=cmd", 2), 0);
	assert_int_equal(put_one(fx.st, ready, cy, NULL, "Site A",
	    "Yes", 0), 0);
	/* secret (anonymous): c first, then b twice; nobody chose a.  The
	 * export must list b, b, c: by answer, not in arrival order. */
	assert_int_equal(put_one(fx.st, secret, 0, BALLOT_X,
	    "Site A", "c", 2), 0);
	assert_int_equal(put_one(fx.st, secret, 0, BALLOT_Y,
	    "Site A", "b", 1), 0);
	assert_int_equal(put_one(fx.st, secret, 0, BALLOT_Z,
	    "Site, \"B\"", "b", 1), 0);
	assert_int_equal(store_session_end(fx.st, sid), 0);
	assert_int_equal(store_session_create(fx.st, &fx.plan), 2);
	return 0;
}

static int
group_teardown(void **state)
{
	char cmd[512];

	(void)state;
	store_close(fx.st);
	plan_free(&fx.plan);
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", fx.dir,
	    fx.path, fx.path, fx.path);
	return system(cmd);
}

static char *
cell(const char *in)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	csv_cell(f, in);
	fclose(f);
	return buf;
}

/* Run a writer into a string; returns its exit code. */
static int
export_string(const struct export_writer *w, const char *sel,
    const char *table, char **out)
{
	struct export_opts o = { sel, table, NULL };
	char err[512], *ids = NULL;
	size_t len = 0;
	FILE *f = open_memstream(out, &len);
	int rc;

	rc = export_session_ids(fx.st, sel, &ids, err, sizeof err);
	if (rc == EXIT_OK)
		rc = w->write(fx.st, &o, f, ids, err, sizeof err);
	fclose(f);
	free(ids);
	return rc;
}

/* A scalar from SQLite's JSON functions over `doc`, as text ("" = NULL). */
static char *
jq(const char *doc, const char *expr)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char sql[512], *out;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "SELECT %s", expr);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, doc, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	out = strdup(sqlite3_column_text(s, 0) ?
	    (const char *)sqlite3_column_text(s, 0) : "");
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

#define assert_jq(doc, expr, want) do {					\
	char *got_ = jq(doc, expr);					\
	assert_string_equal(got_, want);				\
	free(got_);							\
} while (0)

static void
assert_no_ballot(const char *text)
{
	assert_null(strstr(text, "BALLOT"));
	assert_null(strstr(text, "ballot"));
}

/* csv_cell: what goes in, and what a spreadsheet must be given. */
static const struct {
	const char *in, *want;
} cells[] = {
	{ "abc", "abc" }, { "", "" }, { NULL, "" }, { "it's", "it's" },
	/* RFC 4180: quoted for a comma, quote, CR or LF; quotes doubled. */
	{ "a,b", "\"a,b\"" },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
	{ "\"", "\"\"\"\"" },
	{ "two\nlines", "\"two\nlines\"" },
	{ "two\r\nlines", "\"two\r\nlines\"" },
	/* Each formula starter gets an apostrophe, so it shows as text. */
	{ "=1+1", "'=1+1" }, { "+1", "'+1" }, { "-1+2", "'-1+2" },
	{ "-", "'-" }, { "@SUM(A1)", "'@SUM(A1)" }, { "\tx", "'\tx" },
	{ "\rx", "\"'\rx\"" },
	{ "=HYPERLINK(\"x\",\"y\")",
	    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"" },
	/* Plain numbers stay numbers, so scales sort and sum. */
	{ "-3", "-3" }, { "-2.5", "-2.5" }, { "3", "3" },
	/* Only the first character matters. */
	{ "a=b", "a=b" },
	/* UTF-8 passes through untouched. */
	{ "Zoë — 東京 🙂", "Zoë — 東京 🙂" },
	{ "Zoë, 東京", "\"Zoë, 東京\"" },
};

static void
test_cell(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		char *got = cell(cells[i].in);

		assert_string_equal(got, cells[i].want);
		free(got);
	}
}

static void
test_writer_lookup(void **state)
{
	char names[64];

	(void)state;
	assert_ptr_equal(export_writer("csv"), &export_csv);
	assert_ptr_equal(export_writer("json"), &export_json);
	assert_null(export_writer("xml"));
	assert_null(export_writer(""));
	export_writer_names(names, sizeof names);
	assert_string_equal(names, "csv|json");
}

static void
test_session_ids(void **state)
{
	char err[256], *ids;

	(void)state;
	assert_int_equal(export_session_ids(fx.st, NULL, &ids, err,
	    sizeof err), EXIT_OK);
	assert_string_equal(ids, "[2]");
	free(ids);
	assert_int_equal(export_session_ids(fx.st, "all", &ids, err,
	    sizeof err), EXIT_OK);
	assert_string_equal(ids, "[1,2]");
	free(ids);
	assert_int_equal(export_session_ids(fx.st, "1", &ids, err,
	    sizeof err), EXIT_OK);
	assert_string_equal(ids, "[1]");
	free(ids);
	assert_int_equal(export_session_ids(fx.st, "9", &ids, err,
	    sizeof err), EXIT_BADINPUT);
	assert_null(ids);
	assert_non_null(strstr(err, "no session 9"));
	assert_int_equal(export_session_ids(fx.st, "x", &ids, err,
	    sizeof err), EXIT_USAGE);
	assert_int_equal(export_session_ids(fx.st, "0", &ids, err,
	    sizeof err), EXIT_USAGE);
	assert_int_equal(export_session_ids(fx.st, "1; DROP", &ids, err,
	    sizeof err), EXIT_USAGE);
}

/* The answers table, with each row's `at` cut off (times vary). */
static void
test_csv_answers(void **state)
{
	static const char *want[] = {
		"session,activity,participant,site,item,choice,value,at",
		"1,ready,1,Site A,,1,Yes,",
		"1,ready,2,\"Site, \"\"B\"\"\",,3,'=cmd,",
		"1,ready,3,Site A,,1,Yes,",
		"1,secret,,Site A,,2,b,",
		"1,secret,,\"Site, \"\"B\"\"\",,2,b,",
		"1,secret,,Site A,,3,c,",
	};
	char *csv, *line, *save = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(export_string(&export_csv, "1", NULL, &csv), 0);
	assert_no_ballot(csv);
	for (line = strtok_r(csv, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), n++) {
		size_t len = strlen(line);

		assert_true(n < sizeof want / sizeof want[0]);
		assert_true(len > 0 && line[len - 1] == '\r');
		line[--len] = '\0';
		if (n == 0) {
			assert_string_equal(line, want[0]);
			continue;
		}
		assert_int_equal(strncmp(line, want[n], strlen(want[n])), 0);
		/* ISO-8601 UTC; anonymous answers only to the minute. */
		assert_int_equal(len - strlen(want[n]), 20);
		assert_int_equal(line[len - 1], 'Z');
		if (strstr(want[n], "secret") != NULL)
			assert_string_equal(line + len - 4, ":00Z");
	}
	assert_int_equal(n, sizeof want / sizeof want[0]);
	free(csv);
}

static void
test_csv_results(void **state)
{
	char *csv;

	(void)state;
	assert_int_equal(export_string(&export_csv, "1", "results", &csv), 0);
	assert_string_equal(csv,
	    "session,activity,option,label,count,percent\r\n"
	    "1,ready,1,Yes,2,66.7\r\n"
	    "1,ready,2,No,0,0.0\r\n"
	    "1,ready,3,'=cmd,1,33.3\r\n"
	    "1,secret,1,a,0,0.0\r\n"
	    "1,secret,2,b,2,66.7\r\n"
	    "1,secret,3,c,1,33.3\r\n");
	free(csv);
	/* The latest session has no answers: every option still listed. */
	assert_int_equal(export_string(&export_csv, NULL, "results", &csv), 0);
	assert_non_null(strstr(csv, "2,ready,2,No,0,\r\n"));
	assert_non_null(strstr(csv, "2,secret,3,c,0,\r\n"));
	free(csv);
}

static void
test_csv_tables(void **state)
{
	static const char sessions_head[] = "id,title,collaborative,started,"
	    "ended\r\n1,Sepsis LS2,Sepsis collaborative,";
	char *csv;

	(void)state;
	assert_int_equal(export_string(&export_csv, "1", "sessions", &csv), 0);
	assert_int_equal(strncmp(csv, sessions_head, strlen(sessions_head)),
	    0);
	free(csv);
	assert_int_equal(export_string(&export_csv, "1", "participants",
	    &csv), 0);
	assert_string_equal(csv, "session,id,name,site,role\r\n"
	    "1,1,Ann,Site A,\r\n"
	    "1,2,'=Bob,\"Site, \"\"B\"\"\",\r\n"
	    "1,3,Zoë 東京,Site A,\r\n");
	free(csv);
	assert_int_equal(export_string(&export_csv, "2", "activities", &csv),
	    0);
	assert_string_equal(csv, "session,id,index,kind,type,title,question,"
	    "anonymous,state,opened,closed\r\n"
	    "2,ready,1,poll,single,Ready to test a change?,Ready to test a "
	    "change?,false,waiting,,\r\n"
	    "2,secret,2,poll,single,Honestly?,Honestly?,true,waiting,,\r\n"
	    "2,breakout-3,3,breakout,,What will you test by Tuesday?,What "
	    "will you test by Tuesday?,false,waiting,,\r\n");
	free(csv);
	assert_int_equal(export_string(&export_csv, "1", "data-dictionary",
	    &csv), 0);
	assert_non_null(strstr(csv, "\r\nanswers,participant,"));
	free(csv);
	assert_int_equal(export_string(&export_csv, "1", "ballots", &csv),
	    EXIT_USAGE);
	free(csv);
}

static void
test_json_document(void **state)
{
	char *doc;
	size_t len;

	(void)state;
	assert_int_equal(export_string(&export_json, "1", NULL, &doc), 0);
	len = strlen(doc);
	assert_true(len > 2 && doc[len - 1] == '\n' && doc[len - 2] == '}');
	assert_no_ballot(doc);
	assert_jq(doc, "json_valid(?1)", "1");
	assert_jq(doc, "json_extract(?1, '$.format')", "1");
	assert_jq(doc, "json_extract(?1, '$.generator')",
	    "convene " CONVENE_VERSION);
	assert_jq(doc, "json_array_length(?1, '$.sessions')", "1");
	assert_jq(doc, "json_extract(?1, '$.sessions[0].id')", "1");
	assert_jq(doc, "json_extract(?1, '$.sessions[0].collaborative')",
	    "Sepsis collaborative");
	assert_jq(doc, "json_type(?1, '$.sessions[0].ended')", "text");
	assert_jq(doc, "json_extract(?1, '$.sessions[0].participants[1].name')",
	    "=Bob");
	assert_jq(doc, "json_extract(?1, '$.sessions[0].participants[2].name')",
	    "Zoë 東京");
	assert_jq(doc, "json_type(?1, '$.sessions[0].participants[0].role')",
	    "null");
	free(doc);
	assert_int_equal(export_string(&export_json, "all", NULL, &doc), 0);
	assert_jq(doc, "json_array_length(?1, '$.sessions')", "2");
	assert_jq(doc, "json_type(?1, '$.sessions[1].ended')", "null");
	assert_jq(doc, "json_array_length(?1, '$.sessions[1].participants')",
	    "0");
	free(doc);
}

static void
test_json_activities(void **state)
{
	char *doc;

	(void)state;
	assert_int_equal(export_string(&export_json, "1", NULL, &doc), 0);
#define A0 "'$.sessions[0].activities[0]"
#define A1 "'$.sessions[0].activities[1]"
#define A2 "'$.sessions[0].activities[2]"
	assert_jq(doc, "json_extract(?1, " A0 ".id')", "ready");
	assert_jq(doc, "json_extract(?1, " A0 ".index')", "1");
	assert_jq(doc, "json_extract(?1, " A0 ".kind')", "poll");
	assert_jq(doc, "json_type(?1, " A0 ".anonymous')", "false");
	assert_jq(doc, "json_extract(?1, " A0 ".state')", "closed");
	assert_jq(doc, "json_extract(?1, " A0 ".answers[1].participant')",
	    "2");
	assert_jq(doc, "json_extract(?1, " A0 ".answers[1].value')", "=cmd");
	assert_jq(doc, "json_type(?1, " A0 ".answers[1].item')", "null");
	assert_jq(doc, "json_extract(?1, " A0 ".results.type')", "single");
	assert_jq(doc, "json_extract(?1, " A0 ".results.answered')", "3");
	assert_jq(doc, "json_array_length(?1, " A0 ".results.options')", "3");
	assert_jq(doc, "json_extract(?1, " A0 ".results.options[0].count')",
	    "2");
	assert_jq(doc, "json_extract(?1, " A0 ".results.options[1].label')",
	    "No");
	assert_jq(doc, "json_extract(?1, " A0 ".results.options[1].count')",
	    "0");
	assert_jq(doc, "json_type(?1, " A0 ".scores')", "array");
	assert_jq(doc, "json_array_length(?1, " A0 ".commitments')", "0");
	/* Anonymous: no person, minute times, listed by answer. */
	assert_jq(doc, "json_type(?1, " A1 ".anonymous')", "true");
	assert_jq(doc, "(SELECT count(*) FROM json_each(?1, " A1 ".answers') "
	    "WHERE json_type(value, '$.participant') = 'null')", "3");
	assert_jq(doc, "(SELECT count(*) FROM json_each(?1, " A1 ".answers') "
	    "WHERE json_extract(value, '$.at') LIKE '%:00Z')", "3");
	assert_jq(doc, "(SELECT group_concat(json_extract(value, '$.value')) "
	    "FROM json_each(?1, " A1 ".answers'))", "b,b,c");
	assert_jq(doc, "json_extract(?1, " A1 ".results.options[0].count')",
	    "0");
	assert_jq(doc, "json_extract(?1, " A1 ".results.answered')", "3");
	/* Kinds without results yet still give the contract's shape. */
	assert_jq(doc, "json_extract(?1, " A2 ".kind')", "breakout");
	assert_jq(doc, "json_extract(?1, " A2 ".results')", "{}");
	assert_jq(doc, "json_extract(?1, " A2 ".answers')", "[]");
	free(doc);
}

static int
run(int (*cmd)(int, char **), ...)
{
	char *argv[16];
	int argc = 0;
	va_list ap;

	va_start(ap, cmd);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	return cmd(argc, argv);
}

static void
test_cmd_export_errors(void **state)
{
	char missing[128];
	struct stat sb;

	(void)state;
	snprintf(missing, sizeof missing, "%s/nope.db", fx.dir);
	assert_int_equal(run(cmd_export, "export", "--db", missing, NULL),
	    EXIT_UNREACHABLE);
	/* Read-only: a mistyped path must not leave a new database. */
	assert_int_equal(stat(missing, &sb), -1);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path, "--format",
	    "xml", NULL), EXIT_USAGE);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path, "--bogus",
	    NULL), EXIT_USAGE);
	assert_int_equal(run(cmd_export, "export", "--db", NULL), EXIT_USAGE);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path,
	    "--session", "9", NULL), EXIT_BADINPUT);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path,
	    "--session", "latest", "--table", "nope", NULL), EXIT_USAGE);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path,
	    "--format", "json", "--table", "answers", NULL), EXIT_USAGE);
	assert_int_equal(run(cmd_sessions, "sessions", "--db", missing, NULL),
	    EXIT_UNREACHABLE);
	assert_int_equal(run(cmd_sessions, "sessions", "--nope", NULL),
	    EXIT_USAGE);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static void
test_cmd_export_files(void **state)
{
	static const char *names[] = { "sessions", "participants",
	    "activities", "answers", "results", "seats", "notes",
	    "data-dictionary" };
	char out[128], path[192], *text;
	int lines = 0;

	(void)state;
	snprintf(out, sizeof out, "%s/csv", fx.dir);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path,
	    "--session", "all", "--out", out, NULL), EXIT_OK);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s.csv", out, names[i]);
		text = slurp(path);
		assert_no_ballot(text);
		if (i == 7)
			for (char *p = text; *p != '\0'; p++)
				lines += *p == '\n';
		free(text);
	}
	/* One line per column of the seven tables, and a header. */
	assert_int_equal(lines, 1 + 5 + 5 + 11 + 8 + 6 + 6 + 11);
	snprintf(path, sizeof path, "%s/all.json", fx.dir);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path,
	    "--session", "all", "--out", path, NULL), EXIT_OK);
	text = slurp(path);
	assert_jq(text, "json_array_length(?1, '$.sessions')", "2");
	free(text);
	snprintf(path, sizeof path, "%s/results.csv", fx.dir);
	assert_int_equal(run(cmd_export, "export", "--db", fx.path,
	    "--session", "1", "--table", "results", "--out", path, NULL),
	    EXIT_OK);
	text = slurp(path);
	assert_non_null(strstr(text, "1,secret,2,b,2,66.7\r\n"));
	free(text);
	assert_int_equal(run(cmd_sessions, "sessions", "--db", fx.path, NULL),
	    EXIT_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_writer_lookup),
		cmocka_unit_test(test_session_ids),
		cmocka_unit_test(test_csv_answers),
		cmocka_unit_test(test_csv_results),
		cmocka_unit_test(test_csv_tables),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_json_activities),
		cmocka_unit_test(test_cmd_export_errors),
		cmocka_unit_test(test_cmd_export_files),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
