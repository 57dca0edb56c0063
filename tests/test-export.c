/* test-export.c: CSV cells, the CSV tables, the JSON document, the commands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "export.h"

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

/* A note a participant typed, as SQL text and as it must appear. */
#define NOTE_SQL "<script>alert(1)</script> & \"q\" ''s"
#define NOTE_HTML "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; " \
    "&#39;s"
#define NOTE_MD "\\<script\\>alert\\(1\\)\\</script\\> \\& \"q\" 's"

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
	/* A breakout group with a commitment and a note holding markup. */
	{
		int64_t brk = store_activity_id(fx.st, sid, 2, &st8);
		char sql[1024];

		snprintf(sql, sizeof sql, "INSERT INTO groups VALUES (%lld, 1, "
		    "'Site A', '=Try <b>it</b>', 'Ann', 'Tuesday', "
		    "'door-to-needle', '2026-01-01T00:00:00Z');"
		    "INSERT INTO members VALUES (%lld, %lld, 1);"
		    "INSERT INTO notes (activity, grp, participant, text, at) "
		    "VALUES (%lld, 1, %lld, '" NOTE_SQL "', "
		    "'2026-01-01T00:00:00Z');", (long long)brk, (long long)brk,
		    (long long)ann, (long long)brk, (long long)ann);
		assert_int_equal(sqlite3_exec(fx.st->db, sql, NULL, NULL,
		    NULL), SQLITE_OK);
	}
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
export_job_string(struct store *st, const struct export_writer *w,
    struct export_job *j, char **out)
{
	char err[512], *ids = NULL;
	size_t len = 0;
	FILE *f = open_memstream(out, &len);
	int rc;

	if (j->min_group == 0)
		j->min_group = EXPORT_MIN_GROUP;
	rc = export_begin(st, "test.db", err, sizeof err);
	if (rc == EXIT_OK)
		rc = export_select(st, j, &ids, err, sizeof err);
	if (rc == EXIT_OK)
		rc = w->write(st, &j->o, f, ids, err, sizeof err);
	fclose(f);
	free(ids);
	return rc;
}

static int
export_string(const struct export_writer *w, const char *sel,
    const char *table, char **out)
{
	struct export_job j;

	memset(&j, 0, sizeof j);
	j.o.session = sel;
	j.o.table = table;
	return export_job_string(fx.st, w, &j, out);
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
	assert_ptr_equal(export_writer("md"), &export_md);
	assert_ptr_equal(export_writer("html"), &export_html);
	assert_null(export_writer("xml"));
	assert_null(export_writer(""));
	export_writer_names(names, sizeof names);
	assert_string_equal(names, "csv|json|md|html");
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
		"session,activity,participant,site,item,choice,value,at,hidden",
		"1,ready,1,Site A,,1,Yes,",
		"1,ready,2,\"Site, \"\"B\"\"\",,3,'=cmd,",
		"1,ready,3,Site A,,1,Yes,",
		/* Anonymous: no site where fewer than 5 of it answered. */
		"1,secret,,,,2,b,",
		"1,secret,,,,2,b,",
		"1,secret,,,,3,c,",
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
		assert_int_equal(len - strlen(want[n]), 26);
		assert_string_equal(line + len - 6, ",false");
		assert_int_equal(line[len - 7], 'Z');
		if (strstr(want[n], "secret") != NULL)
			assert_memory_equal(line + len - 10, ":00Z", 4);
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
	    "session,activity,option,label,count,percent,suppressed\r\n"
	    "1,ready,1,Yes,2,66.7,false\r\n"
	    "1,ready,2,No,0,0.0,false\r\n"
	    "1,ready,3,'=cmd,1,33.3,false\r\n"
	    "1,secret,1,a,0,0.0,false\r\n"
	    "1,secret,2,b,2,66.7,false\r\n"
	    "1,secret,3,c,1,33.3,false\r\n");
	free(csv);
	/* The latest session has no answers: every option still listed. */
	assert_int_equal(export_string(&export_csv, NULL, "results", &csv), 0);
	assert_non_null(strstr(csv, "2,ready,2,No,0,,false\r\n"));
	assert_non_null(strstr(csv, "2,secret,3,c,0,,false\r\n"));
	free(csv);
}

static void
test_csv_tables(void **state)
{
	static const char sessions_head[] = "id,title,collaborative,started,"
	    "ended,source\r\n1,Sepsis LS2,Sepsis collaborative,";
	char *csv;

	(void)state;
	assert_int_equal(export_string(&export_csv, "1", "sessions", &csv), 0);
	assert_int_equal(strncmp(csv, sessions_head, strlen(sessions_head)),
	    0);
	assert_non_null(strstr(csv, "Z,test.db\r\n"));
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
	    "site_results", "commitments", "followups", "scores", "agreement",
	    "faculty_scores", "faculty_ratings", "data-dictionary" };
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
		if (i == 14)
			for (char *p = text; *p != '\0'; p++)
				lines += *p == '\n';
		free(text);
	}
	/* One line per column of the fourteen tables, and a header. */
	assert_int_equal(lines, 1 + 6 + 5 + 11 + 9 + 7 + 6 + 11 + 9 + 9 + 15 +
	    10 + 9 + 10 + 7);
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
	assert_non_null(strstr(text, "1,secret,2,b,2,66.7,false\r\n"));
	free(text);
	assert_int_equal(run(cmd_sessions, "sessions", "--db", fx.path, NULL),
	    EXIT_OK);
}


static char *
escaped(void (*fn)(FILE *, const char *), const char *in)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fn(f, in);
	fclose(f);
	return buf;
}

static void
test_html_escape(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain Zoë 東京", "plain Zoë 東京" },
		{ "&", "&amp;" }, { "<", "&lt;" }, { ">", "&gt;" },
		{ "\"", "&quot;" }, { "'", "&#39;" },
		{ "<script>alert(1)</script>",
		    "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ "<img src=x onerror=\"a()\">",
		    "&lt;img src=x onerror=&quot;a()&quot;&gt;" },
		{ "&amp;", "&amp;amp;" },
		/* Control characters go; line breaks and tabs stay. */
		{ "a\x01\x1b[31mb\x7f\nc\td", "a[31mb\nc\td" },
		{ NULL, "" },
	};
	char *got;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = escaped(html_text, cases[i].in);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void
test_md_escape(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain text, 3.5 - ok", "plain text, 3.5 - ok" },
		{ "*b* _i_ `c`", "\\*b\\* \\_i\\_ \\`c\\`" },
		{ "[x](http://e)", "\\[x\\]\\(http://e\\)" },
		{ "<b>&", "\\<b\\>\\&" },
		{ "# h | t ~s~ !\\", "\\# h \\| t \\~s\\~ \\!\\\\" },
		/* A line break cannot start a heading or end a table row. */
		{ "a\n# b\r\nc", "a \\# b  c" },
		{ NULL, "" },
	};
	char *got;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = escaped(md_text, cases[i].in);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void
test_html_document(void **state)
{
	char *doc;

	(void)state;
	assert_int_equal(export_string(&export_html, "1", NULL, &doc), 0);
	assert_int_equal(strncmp(doc, "<!DOCTYPE html>", 15), 0);
	assert_non_null(strstr(doc, NOTE_HTML));
	assert_null(strstr(doc, "<script"));
	assert_null(strstr(doc, "src="));
	assert_null(strstr(doc, "href="));
	assert_non_null(strstr(doc, "@media print"));
	assert_non_null(strstr(doc, "<svg"));
	/* Plan text and participants' text alike are escaped. */
	assert_non_null(strstr(doc, "=Try &lt;b&gt;it&lt;/b&gt;"));
	assert_non_null(strstr(doc, "Site, &quot;B&quot;"));
	/* Every site under 5: named as not shown, no per-site chart. */
	assert_non_null(strstr(doc, "Not shown by site"));
	assert_null(strstr(doc, "<h3>By site</h3>"));
	assert_no_ballot(doc);
	free(doc);
}

static void
test_md_document(void **state)
{
	char *doc;

	(void)state;
	assert_int_equal(export_string(&export_md, "1", NULL, &doc), 0);
	assert_int_equal(strncmp(doc, "# Sepsis LS2\n", 13), 0);
	assert_non_null(strstr(doc, NOTE_MD));
	assert_non_null(strstr(doc, "| Yes | 2 | 67 |"));
	assert_non_null(strstr(doc, "| \\'=cmd | 1 | 33 |") == NULL ?
	    strstr(doc, "| =cmd | 1 | 33 |") : doc);
	assert_non_null(strstr(doc, "| Site A | =Try \\<b\\>it\\</b\\> | Ann "
	    "| Tuesday | door-to-needle |"));
	assert_no_ballot(doc);
	free(doc);
}

static void
test_suppression(void **state)
{
	struct export_job j;
	char *out;

	(void)state;
	memset(&j, 0, sizeof j);
	j.o.session = "1";
	j.o.table = "results";
	j.site = "Site A";
	/* Two of Site A answered: under 5, nothing but "suppressed". */
	assert_int_equal(export_job_string(fx.st, &export_csv, &j, &out), 0);
	assert_non_null(strstr(out, "1,ready,1,Yes,,,true\r\n"));
	free(out);
	j.min_group = 2;
	assert_int_equal(export_job_string(fx.st, &export_csv, &j, &out), 0);
	assert_non_null(strstr(out, "1,ready,1,Yes,2,100.0,false\r\n"));
	free(out);
	/* By site: Site A (2) shown at 2, Site B (1) never. */
	memset(&j, 0, sizeof j);
	j.o.session = "1";
	j.o.table = "site_results";
	assert_int_equal(export_job_string(fx.st, &export_csv, &j, &out), 0);
	assert_non_null(strstr(out, "1,ready,Site A,1,Yes,,,,true\r\n"));
	free(out);
	j.min_group = 2;
	assert_int_equal(export_job_string(fx.st, &export_csv, &j, &out), 0);
	assert_non_null(strstr(out, "1,ready,Site A,1,Yes,2,100.0,2,false\r\n"));
	assert_non_null(strstr(out, "1,ready,\"Site, \"\"B\"\"\",1,Yes,,,,"
	    "true\r\n"));
	free(out);
	/* JSON: a suppressed site has no figures at all. */
	j.o.table = NULL;
	j.min_group = 3;
	assert_int_equal(export_job_string(fx.st, &export_json, &j, &out), 0);
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[0]"
	    ".results.by_site[0]')", "{\"site\":\"Site A\",\"suppressed\":"
	    "true}");
	free(out);
	j.min_group = 2;
	assert_int_equal(export_job_string(fx.st, &export_json, &j, &out), 0);
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[0]"
	    ".results.by_site[0].options[0].count')", "2");
	/* Anonymous answers get a site only at the threshold. */
	assert_jq(out, "(SELECT count(*) FROM json_each(?1, '$.sessions[0]"
	    ".activities[1].answers') WHERE json_extract(value, '$.site') = "
	    "'Site A')", "2");
	free(out);
	/* The same in CSV, as README and convene(1) say: Site A's two
	 * anonymous answers keep their site at --min-group 2, Site B's one
	 * does not. */
	j.o.table = "answers";
	assert_int_equal(export_job_string(fx.st, &export_csv, &j, &out), 0);
	assert_non_null(strstr(out, "\r\n1,secret,,Site A,,2,b,"));
	assert_non_null(strstr(out, "\r\n1,secret,,Site A,,3,c,"));
	assert_non_null(strstr(out, "\r\n1,secret,,,,2,b,"));
	assert_null(strstr(out, "1,secret,,\"Site"));
	free(out);
	/* --site narrows the people too. */
	memset(&j, 0, sizeof j);
	j.o.session = "1";
	j.o.table = "participants";
	j.site = "Site A";
	assert_int_equal(export_job_string(fx.st, &export_csv, &j, &out), 0);
	assert_null(strstr(out, "Bob"));
	assert_non_null(strstr(out, "1,3,Zoë 東京,Site A,\r\n"));
	free(out);
}

static void
test_commitments(void **state)
{
	char *out;

	(void)state;
	assert_int_equal(export_string(&export_csv, "1", "commitments", &out),
	    0);
	assert_string_equal(out, "session,activity,group,name,change,owner,"
	    "due,measure,updated\r\n1,breakout-3,1,Site A,'=Try <b>it</b>,Ann,"
	    "Tuesday,door-to-needle,2026-01-01T00:00:00Z\r\n");
	free(out);
	assert_int_equal(export_string(&export_csv, "1", "scores", &out), 0);
	assert_string_equal(out, "session,activity,site,subscale,mean,sd,n,"
	    "suppressed,by,all_sites\r\n");
	free(out);
	assert_int_equal(export_string(&export_json, "1", NULL, &out), 0);
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[2]"
	    ".commitments[0].change')", "=Try <b>it</b>");
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[2]"
	    ".commitments[0].group')", "Site A");
	free(out);
}

static void
test_collaborative(void **state)
{
	struct export_job j;
	char err[256], *ids;

	(void)state;
	memset(&j, 0, sizeof j);
	j.collaborative = "Sepsis collaborative";
	assert_int_equal(export_select(fx.st, &j, &ids, err, sizeof err), 0);
	assert_string_equal(ids, "[1,2]");
	free(ids);
	j.o.session = "latest";
	assert_int_equal(export_select(fx.st, &j, &ids, err, sizeof err), 0);
	assert_string_equal(ids, "[2]");
	free(ids);
	j.collaborative = "Falls";
	assert_int_equal(export_select(fx.st, &j, &ids, err, sizeof err),
	    EXIT_BADINPUT);
	assert_null(ids);
}

/* Sessions, participants, answers and notes in a whole export. */
static void
counts(struct store *st, char *got)
{
	struct export_job j;
	char *doc;

	memset(&j, 0, sizeof j);
	j.o.session = "all";
	assert_int_equal(export_job_string(st, &export_json, &j, &doc), 0);
	{
		char *a = jq(doc, "json_array_length(?1, '$.sessions')");
		char *b = jq(doc, "(SELECT count(*) FROM json_tree(?1) WHERE "
		    "path LIKE '%.participants')");
		char *c = jq(doc, "(SELECT count(*) FROM json_tree(?1) WHERE "
		    "path LIKE '%.answers')");
		char *d = jq(doc, "(SELECT count(*) FROM json_tree(?1) WHERE "
		    "path LIKE '%.notes')");

		sprintf(got, "%s/%s/%s/%s", a, b, c, d);
		free(a), free(b), free(c), free(d);
	}
	free(doc);
}

static void
test_merge(void **state)
{
	static const char plan3[] = "title = Sepsis LS3\n"
	    "collaborative = Sepsis collaborative\n[poll]\nid = ready\n"
	    "question = Ready?\ntype = single\noptions = Yes | No\n";
	char err[512], once[64], got[64], other[64], later[96], sql[256];
	char *paths[3], *doc;
	struct store *m, *o;
	struct plan p;
	struct export_job j;
	int64_t sid, pid, aid;
	int st8;

	(void)state;
	counts(fx.st, once);
	/* The same database twice counts once, and names its source. */
	paths[0] = paths[1] = fx.path;
	assert_int_equal(export_merge(paths, 2, &m, err, sizeof err), 0);
	counts(m, got);
	assert_string_equal(got, once);
	memset(&j, 0, sizeof j);
	j.o.session = "all";
	assert_int_equal(export_job_string(m, &export_json, &j, &doc), 0);
	{
		char *src = jq(doc, "json_extract(?1, '$.sessions[0].source')");

		assert_string_equal(src, fx.path);
		free(src);
	}
	assert_no_ballot(doc);
	free(doc);
	store_close(m);

	/* A later copy, where Ann changed her answer: still once, and
	 * her newer answer counts. */
	snprintf(later, sizeof later, "%s-later", fx.path);
	snprintf(sql, sizeof sql, "VACUUM INTO '%s'", later);
	assert_int_equal(sqlite3_exec(fx.st->db, sql, NULL, NULL, NULL), 0);
	assert_int_equal(store_open(later, &o, err, sizeof err), 0);
	assert_int_equal(sqlite3_exec(o->db, "UPDATE answers SET choice = 2, "
	    "value = 'No', at = '2099-01-01T00:00:00Z' WHERE participant = 1 "
	    "AND activity = 1", NULL, NULL, NULL), 0);
	store_close(o);
	paths[1] = later;
	assert_int_equal(export_merge(paths, 2, &m, err, sizeof err), 0);
	counts(m, got);
	assert_string_equal(got, once);
	assert_int_equal(export_job_string(m, &export_json, &j, &doc), 0);
	assert_jq(doc, "(SELECT json_extract(value, '$.value') FROM "
	    "json_each(?1, '$.sessions[0].activities[0].answers') WHERE "
	    "json_extract(value, '$.participant') = 1)", "No");
	{
		char want[256];

		snprintf(want, sizeof want, "%s; %s", fx.path, later);
		assert_jq(doc, "json_extract(?1, '$.sessions[0].source')",
		    want);
	}
	free(doc);
	store_close(m);

	/* Another room's database: its session is added and named. */
	snprintf(other, sizeof other, "%s-other", fx.path);
	assert_int_equal(store_open(other, &o, err, sizeof err), 0);
	assert_int_equal(plan_parse(plan3, strlen(plan3), "ls3.plan", &p, err,
	    sizeof err), 0);
	sid = store_session_create(o, &p);
	pid = store_participant_add(o, sid, "Dee", "Site C", "h9");
	aid = store_activity_id(o, sid, 0, &st8);
	assert_int_equal(put_one(o, aid, pid, NULL, "Site C", "No", 1), 0);
	store_close(o);
	plan_free(&p);
	paths[1] = other;
	assert_int_equal(export_merge(paths, 2, &m, err, sizeof err), 0);
	counts(m, got);
	assert_int_equal(strncmp(got, "3/4/", 4), 0);
	assert_int_equal(export_job_string(m, &export_json, &j, &doc), 0);
	assert_jq(doc, "json_extract(?1, '$.sessions[2].title')", "Sepsis LS3");
	assert_jq(doc, "json_extract(?1, '$.sessions[2].source')", other);
	assert_jq(doc, "json_extract(?1, '$.sessions[0].source')", fx.path);
	assert_jq(doc, "json_extract(?1, '$.sessions[2].participants[0].site')",
	    "Site C");
	free(doc);
	store_close(m);
	/* Not a database: an error, nothing exported. */
	paths[1] = fx.dir;
	assert_int_equal(export_merge(paths, 2, &m, err, sizeof err), -1);
	assert_null(m);
	snprintf(sql, sizeof sql, "rm -f '%s' '%s' '%s'-wal '%s'-shm '%s'-wal "
	    "'%s'-shm", later, other, later, later, other, other);
	assert_int_equal(system(sql), 0);
}

/* Scores from form_items: reverse items turned, person then site. */
static void
test_scores(void **state)
{
	char path[64], err[256], *out;
	struct store *st;
	struct export_job j;

	(void)state;
	strcpy(path, "/tmp/test-scores-XXXXXX");
	close(mkstemp(path));
	assert_int_equal(store_open(path, &st, err, sizeof err), 0);
	assert_int_equal(sqlite3_exec(st->db,
	    "INSERT INTO sessions (title, plan_path, started) VALUES "
	    "('LS1', 'p', '2026-01-01T00:00:00Z');"
	    "INSERT INTO sites (name) VALUES ('Site A');"
	    "INSERT INTO participants (session, name, site, token_hash, joined)"
	    " VALUES (1, 'Ann', 1, 'a', 'x'), (1, 'Cy', 1, 'c', 'x');"
	    "INSERT INTO activities (session, idx, key, kind, title) VALUES "
	    "(1, 0, 'oric', 'assess', 'ORIC');"
	    "INSERT INTO form_items VALUES (1, 0, 'c1', 'rating', 'q', 'C', 0,"
	    " 1, 5), (1, 1, 'c2', 'rating', 'q', 'C', 1, 1, 5),"
	    " (1, 2, 'why', 'text', 'q', NULL, 0, NULL, NULL);"
	    "INSERT INTO answers (activity, participant, site, item, value, at)"
	    " VALUES (1, 1, 1, 'c1', '4', 'x'), (1, 1, 1, 'c2', '2', 'x'),"
	    " (1, 2, 1, 'c1', '2', 'x'), (1, 2, 1, 'c2', '4', 'x'),"
	    " (1, 2, 1, 'why', 'time', 'x');", NULL, NULL, NULL), SQLITE_OK);
	memset(&j, 0, sizeof j);
	j.o.session = "1";
	j.o.table = "scores";
	/* Ann 4 and 4, Cy 2 and 2: mean 3, sd 1.41 over 2 people. */
	assert_int_equal(export_job_string(st, &export_csv, &j, &out), 0);
	assert_string_equal(out, "session,activity,site,subscale,mean,sd,n,"
	    "suppressed,by,all_sites\r\n1,oric,,C,,,,true,person,true\r\n"
	    "1,oric,Site A,C,,,,true,person,false\r\n");
	free(out);
	j.min_group = 2;
	assert_int_equal(export_job_string(st, &export_csv, &j, &out), 0);
	assert_string_equal(out, "session,activity,site,subscale,mean,sd,n,"
	    "suppressed,by,all_sites\r\n"
	    "1,oric,,C,3.00,1.41,2,false,person,true\r\n"
	    "1,oric,Site A,C,3.00,1.41,2,false,person,false\r\n");
	free(out);
	j.o.table = NULL;
	assert_int_equal(export_job_string(st, &export_json, &j, &out), 0);
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[0]"
	    ".scores[0].mean')", "3.0");
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[0]"
	    ".scores[0].n')", "2");
	free(out);
	j.min_group = 5;
	assert_int_equal(export_job_string(st, &export_json, &j, &out), 0);
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[0]"
	    ".scores[0]')", "{\"site\":\"Site A\",\"subscale\":\"C\","
	    "\"suppressed\":true,\"by\":\"person\"}");
	free(out);
	store_close(st);
	snprintf(err, sizeof err, "rm -f '%s' '%s'-wal '%s'-shm", path, path,
	    path);
	assert_int_equal(system(err), 0);
}

/*
 * Three learning sessions of one collaborative, each with the team
 * progress form (answered by site: one person per site) and ORIC
 * (answered by person).  Sites "Site A" (2 people), "Site B" (2, then
 * 1 in LS2), "Site C" (1).  Progress per site and session:
 *          LS1  LS2  LS3
 *   A      3    4    4.5
 *   B      4.5  5    -
 *   C      2    -    3.5
 */
static const char ls_plan[] = "collaborative = Falls collaborative\n"
    "[assess]\ntitle = Team progress\nform = progress\nby = site\n"
    "[assess]\ntitle = Readiness\nform = oric\n";

struct ls_answer {
	int session, who;	/* who: index into ls_people */
	const char *item, *value;
};

static const struct {
	const char *name, *site;
} ls_people[] = {
	{ "Ann", "Site A" }, { "Abe", "Site A" }, { "Bea", "Site B" },
	{ "Bob", "Site B" }, { "Cy", "Site C" },
};

static const struct ls_answer ls_progress[] = {
	{ 1, 0, "progress", "3" }, { 1, 2, "progress", "4.5" },
	{ 1, 4, "progress", "2" }, { 1, 4, "evidence", "<b>audit</b> up" },
	{ 2, 1, "progress", "4" }, { 2, 3, "progress", "5" },
	{ 3, 0, "progress", "4.5" }, { 3, 4, "progress", "3.5" },
};

/* ORIC: c1 and e1 only.  Site B's second person is away in LS2. */
static const struct ls_answer ls_oric[] = {
	{ 1, 0, "c1", "4" }, { 1, 1, "c1", "2" }, { 1, 2, "c1", "5" },
	{ 1, 3, "c1", "3" }, { 1, 0, "e1", "4" },
	{ 2, 0, "c1", "5" }, { 2, 1, "c1", "3" }, { 2, 2, "c1", "5" },
	{ 3, 0, "c1", "5" }, { 3, 1, "c1", "4" }, { 3, 2, "c1", "4" },
	{ 3, 3, "c1", "2" },
};

static struct store *
ls_database(char *path)
{
	static const char *titles[] = { "Falls LS1", "Falls LS2",
	    "Falls learning session 3" };
	char err[512], text[512];
	struct store *st;
	int64_t pid[3][5], act[3][2];
	int st8;

	setenv("CONVENE_FORMS", "sessions/forms", 0);
	strcpy(path, "/tmp/test-ls-XXXXXX");
	close(mkstemp(path));
	assert_int_equal(store_open(path, &st, err, sizeof err), 0);
	for (int k = 0; k < 3; k++) {
		struct plan p;
		int64_t sid;

		snprintf(text, sizeof text, "title = %s\n%s", titles[k],
		    ls_plan);
		assert_int_equal(plan_parse(text, strlen(text), "ls.plan", &p,
		    err, sizeof err), 0);
		sid = store_session_create(st, &p);
		assert_true(sid > 0);
		for (int i = 0; i < 5; i++) {
			char tok[16];

			snprintf(tok, sizeof tok, "t%d%d", k, i);
			pid[k][i] = store_participant_add(st, sid,
			    ls_people[i].name, ls_people[i].site, tok);
		}
		act[k][0] = store_activity_id(st, sid, 0, &st8);
		act[k][1] = store_activity_id(st, sid, 1, &st8);
		plan_free(&p);
	}
	for (size_t i = 0; i < sizeof ls_progress / sizeof ls_progress[0];
	    i++) {
		const struct ls_answer *a = &ls_progress[i];

		assert_int_equal(store_answer_item(st, act[a->session - 1][0],
		    pid[a->session - 1][a->who], ls_people[a->who].site,
		    a->item, a->value), 0);
	}
	for (size_t i = 0; i < sizeof ls_oric / sizeof ls_oric[0]; i++) {
		const struct ls_answer *a = &ls_oric[i];

		assert_int_equal(store_answer_item(st, act[a->session - 1][1],
		    pid[a->session - 1][a->who], ls_people[a->who].site,
		    a->item, a->value), 0);
	}
	return st;
}

/*
 * In `doc` after `from`: the line of `site` in the next line chart.
 * Counts its polylines, the points they join, and its dots.
 */
static void
line_of(const char *doc, const char *from, const char *site, int *lines,
    int *points, int *dots)
{
	char open[128];
	const char *g, *end, *p;

	*lines = *points = *dots = 0;
	assert_non_null(from = strstr(doc, from));
	snprintf(open, sizeof open, "<g class=\"line\"><title>%s</title>",
	    site);
	assert_non_null(g = strstr(from, open));
	assert_true(g < strstr(from, "</svg>"));
	assert_non_null(end = strstr(g, "</g>"));
	for (p = g; (p = strstr(p, "<polyline")) != NULL && p < end; p++) {
		const char *q = strstr(p, "points=\"") + 8;

		(*lines)++;
		(*points)++;
		for (; *q != '"'; q++)
			*points += *q == ' ';
	}
	for (p = g; (p = strstr(p, "<circle")) != NULL && p < end; p++)
		(*dots)++;
}

static void
test_across_sessions(void **state)
{
	char path[64], cmd[256], *out;
	struct store *st;
	struct export_job j;
	int lines, points, dots;

	(void)state;
	st = ls_database(path);
	memset(&j, 0, sizeof j);
	j.collaborative = "Falls collaborative";
	j.min_group = 2;
	assert_int_equal(export_job_string(st, &export_html, &j, &out), 0);
	assert_non_null(strstr(out, "<h1>Across learning sessions</h1>"));
	assert_null(strstr(out, "<script"));
	/* Progress: answered by site (n = 1 everywhere), never suppressed;
	 * a session without an answer is a gap. */
#define PROGRESS_H3 "<h3>progress: mean per site and session (scale 0.5 to 5)"
	line_of(out, PROGRESS_H3, "Site A", &lines, &points, &dots);
	assert_int_equal(lines, 1);
	assert_int_equal(points, 3);
	assert_int_equal(dots, 3);
	line_of(out, PROGRESS_H3, "Site B", &lines, &points, &dots);
	assert_int_equal(lines, 1);
	assert_int_equal(points, 2);
	line_of(out, PROGRESS_H3, "Site C", &lines, &points, &dots);
	assert_int_equal(lines, 0);	/* LS1 and LS3: two dots, no line */
	assert_int_equal(dots, 2);
	assert_non_null(strstr(out, "One response per site"));
	/* Teams at 4 or above: 1 of 3, 2 of 2, 1 of 2. */
	assert_non_null(strstr(out, "Share of teams at 4 or above"));
	assert_non_null(strstr(out, ">1 of 3 (33%)</text>"));
	assert_non_null(strstr(out, ">2 of 2 (100%)</text>"));
	assert_non_null(strstr(out, ">1 of 2 (50%)</text>"));
	/* Sessions labelled by their number, full title as a tooltip. */
	assert_non_null(strstr(out, "<title>Falls learning session 3</title>"
	    "LS3</text>"));
	/* ORIC commitment at --min-group 2: Site B has one person in LS2,
	 * a gap between two dots (Site C answered no ORIC). */
#define COMMIT_H3 "<h3>commitment: mean per site and session"
	line_of(out, COMMIT_H3, "Site A", &lines, &points, &dots);
	assert_int_equal(lines, 1);
	assert_int_equal(points, 3);
	line_of(out, COMMIT_H3, "Site B", &lines, &points, &dots);
	assert_int_equal(lines, 0);
	assert_int_equal(dots, 2);
	{
		const char *c = strstr(out, COMMIT_H3), *b;

		b = strstr(c, "<title>Site B, Falls LS2");
		assert_true(b == NULL || b > strstr(c, "</svg>"));
		/* Progress first, then the other forms by name. */
		assert_true(strstr(out, PROGRESS_H3) < c);
	}
	assert_non_null(strstr(out, "A gap in a line: fewer than 2"));
	/* Per-site small multiples of each assessment. */
	assert_non_null(strstr(out, "<h3>Scores by site</h3>"));
	assert_non_null(strstr(out, "<figcaption>Site B</figcaption>\n<p "
	    "class=\"note small\">fewer than 2 answered</p>"));
	assert_non_null(strstr(out, "<title>commitment: 3.00 (n=2)</title>"));
	/* Items by their question; comments under theirs. */
	assert_non_null(strstr(out, "<td>People who work here are committed "
	    "to implementing this change.</td><td class=\"n\">3.50</td>"));
	assert_non_null(strstr(out, "<h4>What tells you so? (one or two of "
	    "your measures)</h4>\n<ul class=\"comments\">\n<li>&lt;b&gt;audit"
	    "&lt;/b&gt; up</li>"));
	free(out);

	/* At --min-group 1 nothing is suppressed: Site B's line is whole. */
	j.min_group = 1;
	assert_int_equal(export_job_string(st, &export_html, &j, &out), 0);
	line_of(out, COMMIT_H3, "Site B", &lines, &points, &dots);
	assert_int_equal(points, 3);
	free(out);

	/* Markdown: the same figures as a site by session table. */
	j.min_group = 2;
	assert_int_equal(export_job_string(st, &export_md, &j, &out), 0);
	assert_int_equal(strncmp(out, "# Across learning sessions\n", 27), 0);
	assert_non_null(strstr(out, "| Site | LS1 | LS2 | LS3 |\n"
	    "|---|---:|---:|---:|\n"
	    "| Site A | 3.00 | 4.00 | 4.50 |\n"
	    "| Site B | 4.50 | 5.00 | – |\n"
	    "| Site C | 2.00 | – | 3.50 |\n"
	    "| **Teams at 4 or above** | 1 of 3 (33%) | 2 of 2 (100%) | "
	    "1 of 2 (50%) |\n"));
	assert_non_null(strstr(out, "| Site A | 3.00 | 4.00 | 4.50 |\n"
	    "| Site B | 4.00 | fewer than 2 | 3.00 |\n\n"));
	assert_non_null(strstr(out, "| People who work here are committed to "
	    "implementing this change. | 4 | 3.50 |"));
	assert_non_null(strstr(out, "*What tells you so? \\(one or two of "
	    "your measures\\)*\n\n- \\<b\\>audit\\</b\\> up\n"));
	free(out);

	/* One session alone: no chart across sessions. */
	memset(&j, 0, sizeof j);
	j.o.session = "2";
	assert_int_equal(export_job_string(st, &export_html, &j, &out), 0);
	assert_null(strstr(out, "Across learning sessions"));
	free(out);
	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s'-wal '%s'-shm", path, path,
	    path);
	assert_int_equal(system(cmd), 0);
}

/*
 * A form answered once per site, run through a live session: two
 * people of site X answer different items and overwrite each other.
 * The export must give the figures the facilitator saw (one response
 * per site, each item's latest answer from anyone of the site), and a
 * form answered by person, in the same session, stays person by person.
 */
static const char live_form[] = "title = Two\nscale = 1..5\n"
    "[rating]\nid = a\ntext = Item A\nsubscale = S\n"
    "[rating]\nid = b\ntext = Item B\nsubscale = S\nreverse = yes\n"
    "[text]\nid = t\ntext = Say\n";

static void
live_say(struct session *s, struct participant *p, const char *act,
    const char *value, int ok)
{
	char why[256];

	store_begin(s->store);
	assert_int_equal(session_answer(s, p, act, value, why, sizeof why),
	    ok ? 0 : -1);
	store_commit(s->store);
	s->tallies_stale = 1;
	session_refresh(s);
}

static void
live_cmd(struct session *s, const char *c)
{
	char out[512], *argv[] = { (char *)c };

	assert_int_equal(session_command(s, 1, argv, out, sizeof out), 0);
}

/*
 * The export's scores of activity `key` (CSV at --min-group `min`)
 * against the facilitator's live scores: the same sites, means, sds and
 * n, and `by`.  Returns the CSV for further checks.
 */
static char *
same_as_live(struct session *s, const char *key, int min, const char *by)
{
	struct snapshot *snap = malloc(sizeof *snap);
	struct export_job j;
	char *out, want[128];
	int lines = 0;

	assert_non_null(snap);
	session_snapshot(s, NULL, VIEW_FACILITATOR, snap);
	memset(&j, 0, sizeof j);
	j.o.session = "1";
	j.o.table = "scores";
	j.min_group = min;
	assert_int_equal(export_job_string(s->store, &export_csv, &j, &out),
	    0);
	assert_true(snap->n_scores > 1);
	/* Row 0 is the dashboard's "All sites": scores.csv's all_sites row
	 * (site empty) must hold the same figures. */
	for (int i = 0; i < snap->n_scores; i++) {
		const struct snap_score *sc = &snap->scores[i];
		char sup[8], b[8];
		const char *line;
		double mean, sd;
		int n;

		snprintf(want, sizeof want, "\n1,%s,%s,S,", key, i == 0 ? "" :
		    sc->site);
		if ((line = strstr(out, want)) == NULL) {
			print_error("no row for %s in:\n%s\n", want + 1, out);
			fail();
		}
		assert_int_equal(sscanf(line + strlen(want),
		    "%lf,%lf,%d,%7[a-z],%7[a-z]", &mean, &sd, &n, sup, b), 5);
		assert_true(fabs(mean - sc->mean100[0] / 100.0) < 0.006);
		assert_true(fabs(sd - sc->sd100[0] / 100.0) < 0.006);
		assert_int_equal(n, sc->n[0]);
		assert_string_equal(sup, "false");
		assert_string_equal(b, by);
	}
	snprintf(want, sizeof want, "\n1,%s,", key);
	for (const char *p = out; (p = strstr(p, want)) != NULL; p++)
		lines++;
	assert_int_equal(lines, snap->n_scores);
	free(snap);
	return out;
}

/*
 * A live session over a fresh database, of a plan whose activities are
 * `acts` with each "%s" the path of live_form, written here; Ann and Bob
 * of site X and Cy of site Y have joined and are connected.
 */
static struct session *
live_start(const char *acts, char *path, struct store **st, struct plan *p,
    struct participant **who)
{
	char form[128], plan[512], err[512];
	static const char *names[3] = { "Ann", "Bob", "Cy" };
	struct session *s;
	FILE *f;

	snprintf(form, sizeof form, "%s/two.form", fx.dir);
	assert_non_null(f = fopen(form, "w"));
	fputs(live_form, f);
	fclose(f);
	snprintf(plan, sizeof plan, "title = LS\n");
	snprintf(plan + strlen(plan), sizeof plan - strlen(plan), acts, form,
	    form);
	assert_int_equal(plan_parse(plan, strlen(plan), "live.plan", p, err,
	    sizeof err), 0);
	strcpy(path, "/tmp/test-live-XXXXXX");
	close(mkstemp(path));
	assert_int_equal(store_open(path, st, err, sizeof err), 0);
	assert_non_null(s = session_new(p, *st, 0, err, sizeof err));
	store_begin(*st);
	for (int i = 0; i < 3; i++) {
		who[i] = session_join(s, names[i], i < 2 ? "X" : "Y", NULL, err,
		    sizeof err);
		assert_non_null(who[i]);
		who[i]->connected = 1;
	}
	store_commit(*st);
	return s;
}

/* Everything live_start() made, gone. */
static void
live_end(struct session *s, struct store *st, struct plan *p,
    const char *path)
{
	char cmd[512];

	session_free(s);
	store_close(st);
	plan_free(p);
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s'-wal '%s'-shm '%s/two.form'",
	    path, path, path, fx.dir);
	assert_int_equal(system(cmd), 0);
}

/* In a form answered by site, a clear is the site's latest answer to that
 * item: it does not bring back a teammate's older one, live or in the
 * export.  X: Ann a=2 b=2, Bob clears a: b alone, reversed, 4.00. */
static void
test_by_site_clear(void **state)
{
	char path[64], *out;
	struct participant *who[3], *ann, *bob;
	struct snapshot *snap = malloc(sizeof *snap);
	struct store *st;
	struct session *s;
	struct plan p;

	(void)state;
	assert_non_null(snap);
	s = live_start("[assess]\nid = team\nform = %s\nby = site\n", path,
	    &st, &p, who);
	ann = who[0];
	bob = who[1];
	live_cmd(s, "next");
	live_cmd(s, "open");
	live_say(s, ann, "team", "a=2", 1);
	live_say(s, ann, "team", "b=2", 1);
	live_say(s, bob, "team", "a=", 1);
	session_snapshot(s, ann, VIEW_PARTICIPANT, snap);
	assert_string_equal(snap->slots[0].mine, "");
	assert_string_equal(snap->slots[1].mine, "2");
	out = same_as_live(s, "team", 5, "site");
	assert_non_null(strstr(out,
	    "\n1,team,X,S,4.00,0.00,1,false,site,false\r\n"));
	free(out);
	/* Answered again, it counts again. */
	live_say(s, ann, "team", "a=5", 1);
	out = same_as_live(s, "team", 5, "site");
	assert_non_null(strstr(out,
	    "\n1,team,X,S,4.50,0.00,1,false,site,false\r\n"));
	free(out);
	free(snap);
	live_end(s, st, &p, path);
}

static void
test_by_site_live(void **state)
{
	char path[64], *out;
	struct participant *who[3], *ann, *bob, *cy;
	struct snapshot *snap = malloc(sizeof *snap);
	struct export_job j;
	struct store *st;
	struct session *s;
	struct plan p;

	(void)state;
	assert_non_null(snap);
	s = live_start("[assess]\nid = team\nform = %s\nby = site\n"
	    "[assess]\nid = each\nform = %s\n", path, &st, &p, who);
	ann = who[0];
	bob = who[1];
	cy = who[2];

	/* By site.  X: Ann a=2 b=2, Bob b=5 a=4, Ann a=1 again: the site's
	 * answer is a=1, b=5 (reversed: 1), so 1.00, n 1.  Person by person
	 * it would be Ann 2.5 and Bob 2.5.  Y: Cy a=3. */
	live_cmd(s, "next");
	live_cmd(s, "open");
	live_say(s, ann, "team", "a=2", 1);
	live_say(s, ann, "team", "b=2", 1);
	live_say(s, ann, "team", "t=first", 1);
	live_say(s, bob, "team", "b=5", 1);
	live_say(s, bob, "team", "a=4", 1);
	live_say(s, bob, "team", "t=second", 1);
	live_say(s, ann, "team", "a=1", 1);
	live_say(s, cy, "team", "a=3", 1);
	live_say(s, bob, "team", "submit", 1);
	live_say(s, cy, "team", "_by=person", 0);	/* not an item */
	out = same_as_live(s, "team", 5, "site");
	assert_non_null(strstr(out,
	    "\n1,team,X,S,1.00,0.00,1,false,site,false\r\n"));
	assert_non_null(strstr(out,
	    "\n1,team,Y,S,3.00,0.00,1,false,site,false\r\n"));
	free(out);
	/* The projector counts sites: X of X and Y has finished. */
	session_snapshot(s, NULL, VIEW_PROJECTOR, snap);
	assert_int_equal(snap->scores[0].complete, 1);
	assert_int_equal(snap->scores[0].members, 2);
	assert_int_equal(snap->scores[1].suppressed, 0);

	/* By person.  X: Ann a=2 b=2 (3.0), Bob a=4 (4.0); Y: Cy a=5 b=1. */
	live_cmd(s, "next");
	live_cmd(s, "open");
	live_say(s, ann, "each", "a=2", 1);
	live_say(s, ann, "each", "b=2", 1);
	live_say(s, bob, "each", "a=4", 1);
	live_say(s, cy, "each", "a=5", 1);
	live_say(s, cy, "each", "b=1", 1);
	out = same_as_live(s, "each", 1, "person");
	assert_non_null(strstr(out,
	    "\n1,each,X,S,3.50,0.71,2,false,person,false\r\n"));
	free(out);
	session_snapshot(s, NULL, VIEW_PROJECTOR, snap);
	assert_int_equal(snap->scores[0].members, 3);	/* people here */
	memset(&j, 0, sizeof j);
	j.o.session = "1";
	j.o.table = "scores";
	j.min_group = 5;
	assert_int_equal(export_job_string(st, &export_csv, &j, &out), 0);
	assert_non_null(strstr(out, "\n1,each,X,S,,,,true,person,false\r\n"));
	assert_non_null(strstr(out,
	    "\n1,team,X,S,1.00,0.00,1,false,site,false\r\n"));
	free(out);

	/* JSON, Markdown and HTML from the same rows. */
	j.o.table = NULL;
	assert_int_equal(export_job_string(st, &export_json, &j, &out), 0);
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[0]"
	    ".scores[0]')", "{\"site\":\"X\",\"subscale\":\"S\",\"mean\":1.0,"
	    "\"sd\":0.0,\"n\":1,\"by\":\"site\"}");
	assert_jq(out, "json_extract(?1, '$.sessions[0].activities[1]"
	    ".scores[0].suppressed')", "1");
	free(out);
	assert_int_equal(export_job_string(st, &export_md, &j, &out), 0);
	/* Items of the site form count sites: a from X (1) and Y (3), b from
	 * X alone; the site's text is its latest. */
	assert_non_null(strstr(out, "| Item A | 2 | 2.00 |\n| Item B | 1 | "
	    "5.00 |\n"));
	assert_non_null(strstr(out, "- second\n"));
	assert_null(strstr(out, "- first\n"));
	free(out);
	assert_int_equal(export_job_string(st, &export_html, &j, &out), 0);
	assert_non_null(strstr(out, "<figcaption>X (n=1)</figcaption>"));
	assert_non_null(strstr(out, "<title>S: 1.00 (n=1)</title>"));
	free(out);
	/* --site keeps a site's own answer, however few answered. */
	j.site = "X";
	assert_int_equal(export_job_string(st, &export_md, &j, &out), 0);
	assert_non_null(strstr(out, "| Item A | 1 | 1.00 |\n"));
	free(out);

	free(snap);
	live_end(s, st, &p, path);
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
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_html_document),
		cmocka_unit_test(test_md_document),
		cmocka_unit_test(test_suppression),
		cmocka_unit_test(test_commitments),
		cmocka_unit_test(test_collaborative),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_across_sessions),
		cmocka_unit_test(test_by_site_live),
		cmocka_unit_test(test_by_site_clear),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
