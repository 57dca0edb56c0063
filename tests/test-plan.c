/* test-plan.c: the plan parser on good plans and on every error path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "convene.h"
#include "act-poll.h"

#define ERRLEN 8192

/* A plan and its error text, fresh for every test. */
struct fix {
	struct plan plan;
	char err[ERRLEN];
	int nerr;
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	plan_free(&f->plan);
	free(f);
	return 0;
}

static int
parse_n(struct fix *f, const char *text, size_t len)
{
	plan_free(&f->plan);
	f->nerr = plan_parse(text, len, "t.plan", &f->plan, f->err,
	    sizeof f->err);
	return f->nerr;
}

static int
parse(struct fix *f, const char *text)
{
	return parse_n(f, text, strlen(text));
}

/* Does `err` hold a line "t.plan:LINE: ..." containing `what`? */
static int
has_error(const char *err, int line, const char *what)
{
	char prefix[32];
	const char *p = err;

	snprintf(prefix, sizeof prefix, "t.plan:%d: ", line);
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char one[1024];

		if (n >= sizeof one)
			n = sizeof one - 1;
		memcpy(one, p, n);
		one[n] = '\0';
		if (strncmp(one, prefix, strlen(prefix)) == 0 &&
		    strstr(one + strlen(prefix), what) != NULL)
			return 1;
		p += nl ? n + 1 : n;
	}
	return 0;
}

static int
count_lines(const char *s)
{
	int n = *s != '\0';

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* The text must give exactly one error, on `line`, saying `what`. */
#define expect_one(f, text, line, what) do {				\
	assert_int_equal(parse((f), (text)), 1);			\
	if (!has_error((f)->err, (line), (what)))			\
		fail_msg("wanted line %d \"%s\", got: %s", (line),	\
		    (what), (f)->err);					\
	assert_int_equal(count_lines((f)->err), 1);			\
} while (0)

#define HEAD "title = T\n"
#define POLL "[poll]\nquestion = Q\ntype = single\noptions = a | b\n"

static void
test_demo_plan(void **state)
{
	struct fix *f = *state;
	char path[4096];
	const char *p;
	const struct plan_activity *a;
	int rc;

	/* From the top of the tree (make check), else beside this file. */
	rc = plan_load("sessions/demo.plan", &f->plan, f->err, sizeof f->err);
	if (rc != 0 && strstr(f->err, "No such file") != NULL) {
		plan_free(&f->plan);
		snprintf(path, sizeof path, "%s", __FILE__);
		if ((p = strrchr(path, '/')) != NULL)
			path[p - path] = '\0';
		else
			snprintf(path, sizeof path, ".");
		strncat(path, "/../sessions/demo.plan", sizeof path -
		    strlen(path) - 1);
		rc = plan_load(path, &f->plan, f->err, sizeof f->err);
	}
	if (rc != 0)
		fail_msg("%s", f->err);
	assert_string_equal(f->err, "");
	assert_string_equal(f->plan.title, "Demo learning session");
	assert_string_equal(f->plan.collaborative, "Demo collaborative");
	assert_int_equal(f->plan.n_acts, 10);

	a = &f->plan.acts[0];
	assert_int_equal(a->kind, ACT_POLL);
	assert_string_equal(a->id, "confidence");
	assert_string_equal(a->title, "Opening poll");
	assert_int_equal(a->poll_type, POLL_SINGLE);
	assert_int_equal(a->n_options, 5);
	assert_string_equal(a->options[0], "Not at all");
	assert_string_equal(a->options[4], "Completely");
	assert_int_equal(a->minutes, 3);
	assert_int_equal(a->anonymous, 0);
	assert_int_equal(a->reveal, REVEAL_MANUAL);

	a = &f->plan.acts[1];
	assert_string_equal(a->id, "sepsis-six");
	assert_int_equal(a->poll_type, POLL_MULTI);
	assert_string_equal(plan_kv_get(a, "max"), "2");
	assert_int_equal(a->anonymous, 1);
	assert_int_equal(a->reveal, REVEAL_AFTER_CLOSE);
	assert_int_equal(a->n_options, 6);

	/* Scales get one option per point, labelled as the plan says. */
	a = &f->plan.acts[2];
	assert_int_equal(a->poll_type, POLL_SCALE);
	assert_int_equal(a->reveal, REVEAL_LIVE);
	assert_int_equal(a->n_options, 5);
	assert_string_equal(a->options[0], "1 Strongly disagree");
	assert_string_equal(a->options[4], "5 Strongly agree");
	a = &f->plan.acts[3];
	assert_int_equal(a->n_options, 11);
	assert_string_equal(a->options[0], "0 Not at all likely");
	assert_string_equal(a->options[5], "5");
	assert_string_equal(a->options[10], "10 Extremely likely");

	assert_int_equal(f->plan.acts[4].poll_type, POLL_TEXT);
	assert_int_equal(f->plan.acts[4].anonymous, 1);
	assert_int_equal(f->plan.acts[4].n_options, 0);
	assert_int_equal(f->plan.acts[5].poll_type, POLL_RANK);
	assert_int_equal(f->plan.acts[5].n_options, 4);

	a = &f->plan.acts[6];
	assert_int_equal(a->kind, ACT_CAFE);
	assert_string_equal(a->id, "cafe-7");
	assert_int_equal(a->minutes, 20);
	assert_string_equal(plan_kv_get(a, "hosts"), "stay");
	a = &f->plan.acts[7];
	assert_int_equal(a->kind, ACT_ASSESS);
	assert_string_equal(a->id, "assess-8");
	assert_string_equal(plan_kv_get(a, "form"), "oric");
	/* The form's own title names the agenda item. */
	assert_string_equal(a->title,
	    "Organizational Readiness for Implementing Change (ORIC)");
	assert_int_equal(f->plan.acts[8].kind, ACT_BREAKOUT);
	assert_string_equal(f->plan.acts[8].question,
	    "What change will you test by next Tuesday?");
	assert_int_equal(f->plan.acts[9].kind, ACT_FEEDBACK);
	assert_string_equal(f->plan.acts[9].title, "Learning session evaluation");
	for (size_t i = 0; i < f->plan.n_acts; i++)
		assert_int_equal(f->plan.acts[i].runnable, 1);
}

static void
test_load_missing(void **state)
{
	struct fix *f = *state;

	assert_int_equal(plan_load("/nonexistent/convene/x.plan", &f->plan,
	    f->err, sizeof f->err), 1);
	assert_non_null(strstr(f->err, "/nonexistent/convene/x.plan: "));
	assert_int_equal(f->plan.n_acts, 0);
}

static void
test_minimal(void **state)
{
	struct fix *f = *state;
	const struct plan_activity *a;

	assert_int_equal(parse(f, HEAD POLL), 0);
	assert_string_equal(f->err, "");
	assert_string_equal(f->plan.path, "t.plan");
	assert_string_equal(f->plan.title, "T");
	assert_null(f->plan.collaborative);
	assert_int_equal(f->plan.n_acts, 1);
	a = &f->plan.acts[0];
	assert_int_equal(a->kind, ACT_POLL);
	assert_int_equal(a->line, 2);
	assert_string_equal(a->id, "poll-1");
	assert_string_equal(a->question, "Q");
	assert_string_equal(a->title, "Q");	/* the question by default */
	assert_int_equal(a->minutes, 0);
	assert_int_equal(a->auto_close, 1);
	assert_int_equal(a->reveal, REVEAL_MANUAL);
	assert_int_equal(a->anonymous, 0);
	assert_int_equal(a->poll_type, POLL_SINGLE);
	assert_int_equal(a->runnable, 1);
	assert_int_equal(a->n_options, 2);
	assert_int_equal(a->n_kv, 3);
	assert_string_equal(plan_kv_get(a, "type"), "single");
	assert_null(plan_kv_get(a, "minutes"));

	/* No trailing newline, minimal everything. */
	assert_int_equal(parse(f, "title=T\n[cafe]\nquestion=Why?"), 0);
	assert_string_equal(f->plan.acts[0].id, "cafe-1");
	assert_string_equal(f->plan.acts[0].question, "Why?");
}

static void
test_default_ids(void **state)
{
	struct fix *f = *state;

	assert_int_equal(parse(f, HEAD POLL "[cafe]\nquestions = a | b | c\n"
	    POLL "[poll]\nid = mine\nquestion = Q\ntype = text\n"), 0);
	assert_int_equal(f->plan.n_acts, 4);
	assert_string_equal(f->plan.acts[0].id, "poll-1");
	assert_string_equal(f->plan.acts[1].id, "cafe-2");
	assert_string_equal(f->plan.acts[2].id, "poll-3");
	assert_string_equal(f->plan.acts[3].id, "mine");
	assert_string_equal(f->plan.acts[1].title, "a");	/* first question */
}

static void
test_crlf_bom_comments(void **state)
{
	struct fix *f = *state;
	const struct plan_activity *a;
	static const char text[] =
	    "\xef\xbb\xbf# a plan from a Windows editor\r\n"
	    "title = Sepsis #2\r\n"
	    "   # an indented comment\r\n"
	    "\r\n"
	    "\t\r\n"
	    "[poll]\r\n"
	    "question = Is #1 the best? # not a comment\r\n"
	    "type = single\r\n"
	    "options =  first |second  |  third #3 \t\r\n"
	    "# options = x | y\r\n"
	    "minutes = 5\r\n";

	assert_int_equal(parse(f, text), 0);
	assert_string_equal(f->plan.title, "Sepsis #2");
	assert_int_equal(f->plan.n_acts, 1);
	a = &f->plan.acts[0];
	assert_int_equal(a->line, 6);
	assert_string_equal(a->question, "Is #1 the best? # not a comment");
	assert_int_equal(a->n_options, 3);
	assert_string_equal(a->options[0], "first");
	assert_string_equal(a->options[1], "second");
	assert_string_equal(a->options[2], "third #3");
	assert_int_equal(a->minutes, 5);
	assert_null(strchr(plan_kv_get(a, "minutes"), '\r'));
}

static void
test_values(void **state)
{
	struct fix *f = *state;
	const struct plan_activity *a;

	assert_int_equal(parse(f, HEAD "collaborative = Sepsis\n"
	    "[poll]\nid = Q_1-b\ntitle = Short\nquestion = Long question?\n"
	    "type = single\noptions = a|b|c\nanonymous = yes\n"
	    "auto_close = no\nreveal = live\nminutes = 600\n"
	    "[poll]\nquestion = Q\ntype = scale\nscale = 0..10\n"
	    "reveal = after-close\n"
	    "[poll]\nquestion = Q\ntype = multi\noptions = a|b|c\nmax = 2\n"
	    "[poll]\nquestion = Q\ntype = rank\noptions = a|b|c\n"
	    "[poll]\nquestion = Q\ntype = scale\nlikert = agreement\n"
	    "[poll]\nquestion = Q\ntype = single\n"
	    "options = 1|2|3|4|5|6|7|8|9\n"
	    "[poll]\nquestion = Q\ntype = scale\nscale = -2..2\n"
	    "labels = cold | cool | mild | warm | hot\n"), 0);
	assert_string_equal(f->plan.collaborative, "Sepsis");
	a = &f->plan.acts[0];
	assert_string_equal(a->id, "Q_1-b");
	assert_string_equal(a->title, "Short");
	assert_string_equal(a->question, "Long question?");
	assert_int_equal(a->anonymous, 1);
	assert_int_equal(a->auto_close, 0);
	assert_int_equal(a->reveal, REVEAL_LIVE);
	assert_int_equal(a->minutes, 600);
	assert_int_equal(f->plan.acts[1].poll_type, POLL_SCALE);
	assert_int_equal(f->plan.acts[1].reveal, REVEAL_AFTER_CLOSE);
	assert_int_equal(f->plan.acts[1].n_options, 11);
	assert_string_equal(f->plan.acts[1].options[0], "0");
	assert_string_equal(f->plan.acts[1].options[10], "10");
	assert_int_equal(f->plan.acts[2].poll_type, POLL_MULTI);
	assert_int_equal(f->plan.acts[3].poll_type, POLL_RANK);
	assert_int_equal(f->plan.acts[4].poll_type, POLL_SCALE);
	assert_int_equal(f->plan.acts[4].n_options, 5);
	assert_string_equal(f->plan.acts[4].options[2],
	    "3 Neither agree nor disagree");
	assert_int_equal(f->plan.acts[5].n_options, 9);
	/* One label per point. */
	assert_string_equal(f->plan.acts[6].options[0], "-2 cold");
	assert_string_equal(f->plan.acts[6].options[4], "2 hot");

	/* A repeated key: the last value counts. */
	assert_int_equal(parse(f, HEAD POLL "question = Again?\n"
	    "options = x | y | z\n"), 0);
	assert_string_equal(f->plan.acts[0].question, "Again?");
	assert_int_equal(f->plan.acts[0].n_options, 3);
	assert_string_equal(plan_kv_get(&f->plan.acts[0], "question"),
	    "Again?");
}

/* Every kind runs in this build. */
static void
test_runnable(void **state)
{
	struct fix *f = *state;

	assert_int_equal(parse(f, HEAD POLL
	    "[poll]\nquestion = Q\ntype = multi\noptions = a|b\n"
	    "[poll]\nquestion = Q\ntype = scale\nscale = 1..5\n"
	    "[poll]\nquestion = Q\ntype = text\n"
	    "[poll]\nquestion = Q\ntype = rank\noptions = a|b|c\n"
	    "[cafe]\nquestion = Q\n[assess]\nform = oric\n"
	    "[breakout]\nprompt = P\n[feedback]\nform = ls-evaluation\n"), 0);
	assert_int_equal(f->plan.n_acts, 9);
	for (size_t i = 0; i < f->plan.n_acts; i++)
		assert_int_equal(f->plan.acts[i].runnable, 1);
}

static void
test_err_unknown_kind(void **state)
{
	struct fix *f = *state;

	/* Keys under an unknown kind are not reported again. */
	expect_one(f, HEAD POLL "[quiz]\nquestion = Q\ncolour = red\n", 6,
	    "unknown activity [quiz]");
	expect_one(f, HEAD "[]\n", 2, "unknown activity []");
	expect_one(f, HEAD "[Poll]\n", 2, "unknown activity [Poll]");
}

static void
test_err_unknown_key(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD POLL "colour = red\n", 6,
	    "unknown key \"colour\" in [poll]");
	/* A key of another kind is unknown here. */
	expect_one(f, HEAD POLL "tables = 3\n", 6,
	    "unknown key \"tables\" in [poll]");
	expect_one(f, HEAD "[cafe]\nquestion = Q\nform = x\n", 4,
	    "unknown key \"form\" in [cafe]");
	expect_one(f, "title = T\nfoo = bar\n" POLL, 2,
	    "unknown key \"foo\" before the first activity");
	expect_one(f, "question = Q\n" HEAD POLL, 1,
	    "unknown key \"question\" before the first activity");
}

static void
test_err_syntax(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD POLL "minutes\n", 6, "expected key = value");
	expect_one(f, "title\n" POLL, 1, "expected key = value");
	expect_one(f, HEAD POLL "[poll\n", 6,
	    "expected [kind] on a line of its own");
	expect_one(f, HEAD POLL "[poll] extra\n", 6,
	    "expected [kind] on a line of its own");
}

static void
test_err_empty_value(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD POLL "minutes =\n", 6, "minutes needs a value");
	expect_one(f, HEAD POLL "question =   \n", 6,
	    "question needs a value");
	expect_one(f, "title =\n" POLL, 1, "title needs a value");
	expect_one(f, HEAD "collaborative = \n" POLL, 2,
	    "collaborative needs a value");
}

static void
test_err_minutes(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD POLL "minutes = abc\n", 6,
	    "minutes must be a whole number, not \"abc\"");
	expect_one(f, HEAD POLL "minutes = 2.5\n", 6,
	    "minutes must be a whole number, not \"2.5\"");
	expect_one(f, HEAD POLL "minutes = +3\n", 6,
	    "minutes must be a whole number");
	expect_one(f, HEAD POLL "minutes = 99999999999999999999999\n", 6,
	    "minutes must be a whole number");
	expect_one(f, HEAD POLL "minutes = 0\n", 6,
	    "minutes must be from 1 to 600");
	expect_one(f, HEAD POLL "minutes = 601\n", 6,
	    "minutes must be from 1 to 600");
	expect_one(f, HEAD POLL "minutes = -5\n", 6,
	    "minutes must be from 1 to 600");
	expect_one(f, HEAD "[cafe]\nquestion = Q\ntables = 0\n", 4,
	    "tables must be from 1 to 200");
}

static void
test_err_enum(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = pie\n", 4,
	    "type must be one of single|multi|scale|text|rank, not \"pie\"");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = Single\n", 4,
	    "type must be one of");
	/* A prefix of a choice is not the choice. */
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = sing\n", 4,
	    "type must be one of");
	expect_one(f, HEAD POLL "reveal = sometimes\n", 6,
	    "reveal must be one of manual|live|after-close, not "
	    "\"sometimes\"");
	expect_one(f, HEAD "[cafe]\nquestion = Q\nhosts = wander\n", 4,
	    "hosts must be one of stay|move, not \"wander\"");
}

static void
test_err_bool(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD POLL "anonymous = maybe\n", 6,
	    "anonymous must be yes or no");
	expect_one(f, HEAD POLL "auto_close = true\n", 6,
	    "auto_close must be yes or no");
	expect_one(f, HEAD POLL "anonymous = Yes\n", 6,
	    "anonymous must be yes or no");
}

#define SCALE "[poll]\nquestion = Q\ntype = scale\n"

static void
test_err_scale(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD SCALE "scale = 5..1\n", 5,
	    "scale bounds are reversed or equal (5..1)");
	expect_one(f, HEAD SCALE "scale = 3..3\n", 5,
	    "scale bounds are reversed or equal (3..3)");
	expect_one(f, HEAD SCALE "scale = 1-5\n", 5,
	    "scale must look like 1..5");
	expect_one(f, HEAD SCALE "scale = 1..5x\n", 5,
	    "scale must look like 1..5");
	expect_one(f, HEAD SCALE "scale = five\n", 5,
	    "scale must look like 1..5");
	expect_one(f, HEAD SCALE "scale = 0..11\n", 5,
	    "scale may have at most 11 points");
	assert_int_equal(parse(f, HEAD SCALE "scale = 0..10\n"), 0);
	assert_int_equal(parse(f, HEAD SCALE "scale = -2..2\n"), 0);
}

static void
test_err_ids(void **state)
{
	struct fix *f = *state;
	char text[512];

	/* Both lines are named: where the duplicate is and the first. */
	expect_one(f, HEAD "[poll]\nid = same\nquestion = Q\ntype = single\n"
	    "options = a|b\n" "[cafe]\nid = same\nquestion = Q\n", 8,
	    "duplicate id \"same\" (first used on line 3)");
	/* A chosen id may collide with a default one. */
	expect_one(f, HEAD POLL "[poll]\nid = poll-1\nquestion = Q\n"
	    "type = text\n", 7, "duplicate id \"poll-1\" (first used on "
	    "line 2)");
	expect_one(f, HEAD POLL "id = has space\n", 6,
	    "id may hold only letters, digits, - and _");
	expect_one(f, HEAD POLL "id = caf\xc3\xa9\n", 6,
	    "id may hold only letters, digits, - and _");
	expect_one(f, HEAD POLL "id = a/b\n", 6,
	    "id may hold only letters, digits, - and _");
	snprintf(text, sizeof text, HEAD POLL "id = %0*d\n", ID_MAX_LEN + 1, 0);
	expect_one(f, text, 6, "id is longer than 32 bytes");
	snprintf(text, sizeof text, HEAD POLL "id = %0*d\n", ID_MAX_LEN, 0);
	assert_int_equal(parse(f, text), 0);
	assert_int_equal(strlen(f->plan.acts[0].id), ID_MAX_LEN);
}

static void
test_err_poll_checks(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD "[poll]\ntype = single\noptions = a|b\n", 2,
	    "[poll] needs question = ...");
	expect_one(f, HEAD "[poll]\nquestion = Q\noptions = a|b\n", 2,
	    "[poll] needs type = single|multi|scale|text|rank");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = single\n", 2,
	    "single poll needs options = a | b | ...");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = single\n"
	    "options = only\n", 2, "single poll needs 2 to 9 options, not 1");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = single\n"
	    "options = 1|2|3|4|5|6|7|8|9|10\n", 2,
	    "single poll needs 2 to 9 options, not 10");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = single\n"
	    "options = a | | b\n", 2, "option 2 is empty");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = single\n"
	    "options = a | b |\n", 2, "option 3 is empty");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = rank\n"
	    "options = a | b\n", 2, "rank poll needs 3 to 9 options, not 2");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = multi\n"
	    "options = a\n", 2, "multi poll needs 2 to 9 options, not 1");
	expect_one(f, HEAD SCALE "scale = 1..5\noptions = a | b\n", 6,
	    "scale poll takes scale = or likert =, not options =");
	expect_one(f, HEAD SCALE, 2,
	    "scale poll needs scale = 1..5 or likert = ...");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = text\n"
	    "options = a | b\n", 2, "text poll takes no options");
	expect_one(f, HEAD POLL "max = 2\n", 6,
	    "max = applies to multi and text polls only");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = multi\n"
	    "options = a|b\nmax = 12\n", 6, "at most 9 options");
	/* A text poll's max = is characters, up to 1,000. */
	assert_int_equal(parse(f, HEAD "[poll]\nquestion = Q\ntype = text\n"
	    "max = 40\n"), 0);
	assert_int_equal(poll_text_max(&f->plan.acts[0]), 40);
	assert_int_equal(parse(f, HEAD "[poll]\nquestion = Q\ntype = text\n"),
	    0);
	assert_int_equal(poll_text_max(&f->plan.acts[0]), TEXT_CHARS_MAX);
	assert_int_equal(parse(f, HEAD "[poll]\nquestion = Q\ntype = text\n"
	    "max = 1001\n"), 1);
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = multi\n"
	    "options = a|b\nmax = 3\n", 6, "max = 3 is more than the 2 "
	    "options");
	expect_one(f, HEAD POLL "scale = 1..5\n", 6,
	    "scale =, likert = and labels = belong to scale polls");
	expect_one(f, HEAD POLL "labels = lo | hi\n", 6,
	    "scale =, likert = and labels = belong to scale polls");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = text\n"
	    "likert = agreement\n", 5, "belong to scale polls");
	expect_one(f, HEAD SCALE "scale = 1..5\nlikert = agreement\n", 6,
	    "give scale = or likert =, not both");
	expect_one(f, HEAD SCALE "scale = 1..5\nlabels = a | b | c\n", 6,
	    "labels = needs 2 end labels or 5, one per point, not 3");
	expect_one(f, HEAD SCALE "likert = quality\nlabels = a\n", 6,
	    "labels = needs 2 end labels or 5, one per point, not 1");
	expect_one(f, HEAD "[poll]\nquestion = Q\ntype = multi\n"
	    "options = a|b\nmax = 0\n", 6, "max must be from 1 to 1000");
}

static void
test_err_plan_level(void **state)
{
	struct fix *f = *state;

	expect_one(f, POLL, 1, "the plan needs a title = line at the top");
	expect_one(f, "# nothing yet\ncollaborative = C\n" POLL, 1,
	    "the plan needs a title = line at the top");
	expect_one(f, "title = T\n\n# soon\n", 3, "the plan has no activities");
	expect_one(f, "title = T", 1, "the plan has no activities");
	assert_int_equal(parse(f, ""), 2);
	assert_true(has_error(f->err, 1, "needs a title"));
	/* An empty file has no line 0 to point at. */
	assert_true(has_error(f->err, 1, "no activities"));
}

static void
test_err_other_kinds(void **state)
{
	struct fix *f = *state;

	expect_one(f, HEAD "[cafe]\ntables = 4\n", 2,
	    "[cafe] needs question = ...");
	expect_one(f, HEAD "[cafe]\nquestion = Q\nquestions = a | b\n", 4,
	    "[cafe] give question = or questions =, not both");
	expect_one(f, HEAD "[cafe]\nrounds = 3\nquestions = a | b\n", 4,
	    "questions = lists 2 questions for 3 rounds");
	expect_one(f, HEAD "[assess]\nby = site\n", 2,
	    "[assess] needs form = ...");
	expect_one(f, HEAD "[feedback]\n", 2, "[feedback] needs form = ...");
	expect_one(f, HEAD "[breakout]\ngroups = site\n", 2,
	    "[breakout] needs prompt = ...");
	/* A café may list its questions instead. */
	assert_int_equal(parse(f, HEAD "[cafe]\nrounds = 2\nquestions = a | "
	    "b\n"), 0);
}

static void
test_err_bytes(void **state)
{
	struct fix *f = *state;
	static const char nul[] = HEAD POLL "minutes = 3\0oops\n";
	char *big;
	size_t n;

	expect_one(f, HEAD POLL "question = caf\xe9\n", 6,
	    "text is not valid UTF-8");
	expect_one(f, HEAD POLL "question = \xed\xa0\x80\n", 6,
	    "text is not valid UTF-8");
	expect_one(f, HEAD "\xc0\xaf\n" POLL, 2, "text is not valid UTF-8");

	assert_int_equal(parse_n(f, nul, sizeof nul - 1), 1);
	assert_true(has_error(f->err, 6, "binary data (a NUL byte)"));

	n = strlen(HEAD POLL "question = ") + 5000;
	big = malloc(n + 2);
	assert_non_null(big);
	snprintf(big, n + 2, "%s", HEAD POLL "question = ");
	memset(big + strlen(big), 'a', n - strlen(big));
	big[n] = '\n';
	big[n + 1] = '\0';
	expect_one(f, big, 6, "line longer than 4096 bytes");
	free(big);

	/* 4096 bytes exactly is fine, CR not counted. */
	big = malloc(4096 + 3);
	assert_non_null(big);
	memcpy(big, "title = ", 8);
	memset(big + 8, 't', 4096 - 8);
	memcpy(big + 4096, "\r\n", 3);
	assert_int_equal(parse(f, big), 1);	/* only: no activities */
	assert_true(has_error(f->err, 1, "no activities"));
	assert_int_equal(strlen(f->plan.title), 4096 - 8);
	free(big);
}

static void
test_err_too_many(void **state)
{
	struct fix *f = *state;
	size_t cap = 64 * 1024, len;
	char *text = malloc(cap);
	int i;

	assert_non_null(text);
	len = (size_t)snprintf(text, cap, HEAD);
	for (i = 0; i < SNAP_MAX_ITEMS; i++)
		len += (size_t)snprintf(text + len, cap - len, POLL);
	assert_int_equal(parse(f, text), 0);
	assert_int_equal(f->plan.n_acts, SNAP_MAX_ITEMS);
	assert_string_equal(f->plan.acts[47].id, "poll-48");

	/* The 49th stands at line 2 + 48 * 4. */
	len += (size_t)snprintf(text + len, cap - len, POLL);
	expect_one(f, text, 2 + SNAP_MAX_ITEMS * 4,
	    "a plan may hold at most 48 activities");
	free(text);
}

static void
test_err_many(void **state)
{
	struct fix *f = *state;
	char *text = malloc(16384);
	size_t len;
	char small[40];
	struct plan p;

	assert_non_null(text);
	/* Every line error is reported, each with its own line. */
	assert_int_equal(parse(f, HEAD "bogus\n" POLL "minutes = x\n"
	    "anonymous = sure\n[nope]\ncolour = red\n"), 4);
	assert_int_equal(count_lines(f->err), 4);
	assert_true(has_error(f->err, 2, "expected key = value"));
	assert_true(has_error(f->err, 7, "minutes must be a whole number"));
	assert_true(has_error(f->err, 8, "anonymous must be yes or no"));
	assert_true(has_error(f->err, 9, "unknown activity [nope]"));

	/* At most 20 are shown, then that there are more. */
	len = (size_t)snprintf(text, 16384, HEAD POLL);
	for (int i = 0; i < 30; i++)
		len += (size_t)snprintf(text + len, 16384 - len,
		    "minutes = m%d\n", i);
	assert_true(parse(f, text) > 20);
	assert_int_equal(count_lines(f->err), 21);
	assert_true(has_error(f->err, 6, "not \"m0\""));
	assert_true(has_error(f->err, 25, "not \"m19\""));
	assert_false(has_error(f->err, 26, "m20"));
	assert_non_null(strstr(f->err, "\nt.plan: more mistakes after these "
	    "20"));

	/* A small error buffer is never overrun. */
	assert_true(plan_parse(text, len, "t.plan", &p, small, sizeof small) >
	    20);
	assert_true(strlen(small) < sizeof small);
	assert_int_equal(strncmp(small, "t.plan:6: ", 10), 0);
	plan_free(&p);
	free(text);
}

/* Mistakes of every sort in one file, all in one run, in the order of
 * their lines, each at the line of its key and saying what it got. */
static void
test_err_all_at_once(void **state)
{
	struct fix *f = *state;
	static const char text[] =
	    HEAD
	    "[poll]\nid = one\nquestion = Q\ntype = multi\n"
	    "max = 7\n"			/* 6: above the options */
	    "options = a | b | c\n"
	    "[poll]\n"
	    "id = one\n"			/* 9: a duplicate */
	    "question = Q\n"
	    "type = singel\n"			/* 11 */
	    "options = a | b\n"
	    "[breakout]\nprompt = P\n"
	    "groups = sitee\n"			/* 15 */
	    "[cafe]\nquestion = Q\n"
	    "tables = 0\n"			/* 18 */
	    "mix = sitee\n"			/* 19 */
	    "[poll]\nquestion = Q\ntype = scale\n"
	    "scale = 5..1\n"			/* 23 */
	    "anonymous = maybe\n"		/* 24 */
	    "colour = red\n";			/* 25 */
	const int lines[] = { 6, 9, 11, 15, 18, 19, 23, 24, 25 };
	const char *err = f->err;

	assert_int_equal(parse(f, text), 9);
	assert_int_equal(count_lines(f->err), 9);
	assert_true(has_error(f->err, 6, "max = 7 is more than the 3 options"));
	assert_true(has_error(f->err, 9, "duplicate id \"one\" (first used on "
	    "line 3)"));
	assert_true(has_error(f->err, 11, "not \"singel\""));
	assert_true(has_error(f->err, 15, "not \"sitee\""));
	assert_true(has_error(f->err, 18, "from 1 to 200, not 0"));
	assert_true(has_error(f->err, 19, "not \"sitee\""));
	assert_true(has_error(f->err, 23, "reversed or equal (5..1)"));
	assert_true(has_error(f->err, 24, "not \"maybe\""));
	assert_true(has_error(f->err, 25, "unknown key \"colour\""));
	/* In the order of the file. */
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		char prefix[32];

		snprintf(prefix, sizeof prefix, "t.plan:%d: ", lines[i]);
		assert_int_equal(strncmp(err, prefix, strlen(prefix)), 0);
		err = strchr(err, '\n') != NULL ? strchr(err, '\n') + 1 : "";
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_demo_plan),
		T(test_load_missing),
		T(test_minimal),
		T(test_default_ids),
		T(test_crlf_bom_comments),
		T(test_values),
		T(test_runnable),
		T(test_err_unknown_kind),
		T(test_err_unknown_key),
		T(test_err_syntax),
		T(test_err_empty_value),
		T(test_err_minutes),
		T(test_err_enum),
		T(test_err_bool),
		T(test_err_scale),
		T(test_err_ids),
		T(test_err_poll_checks),
		T(test_err_plan_level),
		T(test_err_other_kinds),
		T(test_err_bytes),
		T(test_err_too_many),
		T(test_err_many),
		T(test_err_all_at_once),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
