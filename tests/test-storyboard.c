/* test-storyboard.c: the storyboard kind's pure parts: the run chart as
 * lines of text (80x24 and 60x20, UTF-8 and ASCII), who visits which
 * board, its plan section and its sections of the wire. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "convene.h"
#include "act-storyboard.h"
#include "measures.h"
#include "ui.h"

static char lines[64][CHART_LINE_MAX];

/* 14 months from Jan 2025: six around 60, then eight at 80 and up. */
static void
series(struct measure_series *ms, int n)
{
	memset(ms, 0, sizeof *ms);
	snprintf(ms->site, sizeof ms->site, "St Elsewhere");
	snprintf(ms->measure, sizeof ms->measure, "Sepsis Six");
	for (int i = 0; i < n; i++) {
		snprintf(ms->pts[i].period, sizeof ms->pts[i].period,
		    "%04d-%02d", 2025 + i / 12, i % 12 + 1);
		ms->pts[i].value = i < 6 ? 58 + i % 3 : 80 + i % 4;
	}
	ms->n = n;
	ms->median = 70;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static int
count_all(int n, const char *needle)
{
	int c = 0;

	for (int i = 0; i < n; i++)
		c += count(lines[i], needle);
	return c;
}

static int
find(int n, const char *needle)
{
	for (int i = 0; i < n; i++)
		if (strstr(lines[i], needle) != NULL)
			return i;
	return -1;
}

static void
shift_signal(struct runchart_signal *sig)
{
	memset(sig, 0, sizeof *sig);
	sig->rule = RC_SHIFT;
	sig->from = 6;
	sig->to = 13;
	sig->above = 1;
	snprintf(sig->text, sizeof sig->text, "shift: 8 points above the "
	    "median since Jul 2025");
}

/* The layout at one size: every line fits, every point is drawn once
 * (the signal's eight marked), the median line is labelled, the periods
 * run from the first to the last, and the signal is named in words. */
static void
check_layout(int cols, int rows, int utf8)
{
	struct measure_series ms;
	struct runchart_signal sig;
	int n, axis;

	series(&ms, 14);
	shift_signal(&sig);
	n = story_chart(&ms, &sig, 1, cols, rows, utf8, lines, 64);
	assert_true(n >= 10 && n <= rows);
	for (int i = 0; i < n; i++) {
		assert_true(text_width(lines[i], utf8) <= cols);
		if (!utf8)
			for (const char *p = lines[i]; *p; p++)
				assert_true((unsigned char)*p < 0x80);
	}
	axis = find(n, utf8 ? "\u2514" : " +-");
	assert_true(axis > 0);
	assert_int_equal(count_all(axis, utf8 ? "\u25c6" : "*"), 8);
	assert_int_equal(count_all(axis, utf8 ? "\u25cf" : "o"), 6);
	assert_int_equal(strncmp(lines[axis + 2], utf8 ? "\u25cf value  "
	    "\u25c6 signal  \u2504\u2504 median 70" : "o value  * signal  -- "
	    "median 70", 20), 0);
	/* The median's row is labelled and drawn across. */
	assert_true(find(n, utf8 ? "70\u2524" : "70+") >= 0);
	assert_true(count(lines[find(n, utf8 ? "70\u2524" : "70+")],
	    utf8 ? "\u2504" : "-") > cols / 2);
	/* The top is the highest value, the bottom the lowest. */
	assert_true(strncmp(lines[0], "83", 2) == 0);
	assert_true(strncmp(lines[axis - 1], "58", 2) == 0);
	assert_non_null(strstr(lines[axis + 1], "Jan 25"));
	assert_non_null(strstr(lines[axis + 1], "Feb 26"));
	assert_non_null(strstr(lines[axis + 2], "median 70"));
	assert_int_equal(find(n, "Signal: shift: 8 points above the median "
	    "since Jul 2025"), n - 1);
}

static void
test_chart_80x24(void **state)
{
	(void)state;
	check_layout(80, 24, 1);
	check_layout(80, 24, 0);
}

static void
test_chart_60x20(void **state)
{
	(void)state;
	check_layout(60, 20, 1);
	check_layout(60, 20, 0);
}

/* More points than columns: the latest, and it says so. */
static void
test_chart_long(void **state)
{
	struct measure_series *ms = malloc(sizeof *ms);
	int n;

	(void)state;
	assert_non_null(ms);
	series(ms, MEASURE_POINTS_MAX);
	n = story_chart(ms, NULL, 0, 60, 20, 1, lines, 64);
	assert_true(n > 5 && n <= 20);
	assert_true(find(n, "(last 56 of 120)") >= 0);
	assert_int_equal(find(n, "No signal: no shift, trend or unusual "
	    "number of runs."), n - 1);
	for (int i = 0; i < n; i++)
		assert_true(text_width(lines[i], 1) <= 60);
	free(ms);
}

/* No data, all equal values, and too little room for a chart. */
static void
test_chart_edges(void **state)
{
	struct measure_series ms;
	struct runchart_signal sig;
	int n;

	(void)state;
	series(&ms, 0);
	assert_int_equal(story_chart(&ms, NULL, 0, 80, 24, 1, lines, 64), 1);
	assert_string_equal(lines[0], "No data for Sepsis Six from St "
	    "Elsewhere.");
	series(&ms, 12);
	for (int i = 0; i < 12; i++)
		ms.pts[i].value = 5;
	ms.median = 5;
	n = story_chart(&ms, NULL, 0, 80, 24, 0, lines, 64);
	assert_true(n > 5);
	/* Every point on the median's row, which is labelled 5. */
	assert_int_equal(count(lines[find(n, "5+--")], "o"), 12);
	series(&ms, 14);
	shift_signal(&sig);
	n = story_chart(&ms, &sig, 1, 80, 4, 1, lines, 64);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "14 points, median 70");
	assert_non_null(strstr(lines[1], "shift: 8 points"));
	assert_int_equal(story_chart(&ms, &sig, 1, 5, 24, 1, lines, 64), 0);
}

static void
test_labels(void **state)
{
	char b[32];

	(void)state;
	story_period_label("2026-01", b, sizeof b);
	assert_string_equal(b, "Jan 26");
	story_period_label("2026-03-15", b, sizeof b);
	assert_string_equal(b, "15 Mar");
	story_period_label("week 3", b, sizeof b);
	assert_string_equal(b, "week 3");
	story_number(72.5, b, sizeof b);
	assert_string_equal(b, "72.5");
	story_number(0.85, b, sizeof b);
	assert_string_equal(b, "0.85");
	story_number(1234.4, b, sizeof b);
	assert_string_equal(b, "1234");
	story_number(3.0, b, sizeof b);
	assert_string_equal(b, "3");
	story_number(-0.001, b, sizeof b);
	assert_string_equal(b, "0");
}

/* Nobody visits their own site's board; each visits a different board
 * each round while there are boards they have not seen; the groups mix
 * sites; every board gets visitors. */
static void
test_visits(void **state)
{
	int site[9] = { 0, 0, 0, 1, 1, 1, 2, 2, 2 }, bsite[3] = { 0, 1, 2 };
	int visit[2 * 9];
	char why[256];

	(void)state;
	assert_int_equal(story_visits_plan(site, 9, bsite, 3, 2, 7, visit,
	    why, sizeof why), 0);
	for (int r = 0; r < 2; r++) {
		int load[3] = { 0 };

		for (int i = 0; i < 9; i++) {
			int b = visit[r * 9 + i];

			assert_true(b >= 0 && b < 3);
			assert_int_not_equal(bsite[b], site[i]);
			load[b]++;
		}
		for (int b = 0; b < 3; b++)
			assert_true(load[b] >= 2 && load[b] <= 4);
	}
	for (int i = 0; i < 9; i++)
		assert_int_not_equal(visit[i], visit[9 + i]);
}

/* One board with data: its own people have nowhere to go; a person of
 * no site goes anywhere; a late arrival is never sent home. */
static void
test_visits_edges(void **state)
{
	int site[4] = { 0, 1, -1, 0 }, bsite[1] = { 0 }, visit[3 * 4];
	int site2[4] = { 0, 1, 2, 1 }, bsite2[3] = { 0, 1, 2 };
	char why[256];

	(void)state;
	assert_int_equal(story_visits_plan(site, 4, bsite, 1, 3, 1, visit,
	    why, sizeof why), 0);
	for (int r = 0; r < 3; r++) {
		assert_int_equal(visit[r * 4 + 0], -1);
		assert_int_equal(visit[r * 4 + 1], 0);
		assert_int_equal(visit[r * 4 + 2], 0);
		assert_int_equal(visit[r * 4 + 3], -1);
	}
	assert_int_equal(story_visits_plan(site, 0, bsite, 1, 3, 1, visit,
	    why, sizeof why), 0);
	/* Three people planned, the fourth (site 1) arrives in round 2. */
	assert_int_equal(story_visits_plan(site2, 3, bsite2, 3, 3, 1, visit,
	    why, sizeof why), 0);
	{
		int v[3 * 4];

		for (int r = 0; r < 3; r++)
			for (int i = 0; i < 4; i++)
				v[r * 4 + i] = i < 3 ? visit[r * 3 + i] : -1;
		story_visits_late(site2, 4, bsite2, 3, 3, 1, 3, v);
		assert_int_equal(v[0 * 4 + 3], -1);
		for (int r = 1; r < 3; r++)
			assert_true(v[r * 4 + 3] == 0 || v[r * 4 + 3] == 2);
		assert_int_not_equal(v[1 * 4 + 3], v[2 * 4 + 3]);
	}
}

static void
test_parts(void **state)
{
	(void)state;
	assert_int_equal(story_part_parse("impressed", 9), STORY_IMPRESSED);
	assert_int_equal(story_part_parse("question", 8), STORY_QUESTION);
	assert_int_equal(story_part_parse("idea", 4), STORY_IDEA);
	assert_int_equal(story_part_parse("ide", 3), -1);
	assert_int_equal(story_part_parse("ideas", 5), -1);
	assert_string_equal(story_part_label(STORY_IDEA), "An idea to try");
	assert_string_equal(story_part_word(9), "?");
}

static int
parse(const char *text, struct plan *p, char *err, size_t n)
{
	return plan_parse(text, strlen(text), "t.plan", p, err, n);
}

static void
test_plan(void **state)
{
	struct plan p;
	char err[2048];

	(void)state;
	assert_int_equal(parse("title = T\ncollaborative = Sepsis\n"
	    "[storyboard]\nmeasure = Sepsis Six\nrounds = 2\nminutes = 5\n", &p,
	    err, sizeof err), 0);
	assert_int_equal(p.acts[0].kind, ACT_STORYBOARD);
	assert_true(p.acts[0].runnable);
	assert_string_equal(p.acts[0].question, "Storyboards: Sepsis Six");
	plan_free(&p);
	assert_int_not_equal(parse("title = T\ncollaborative = S\n"
	    "[storyboard]\nrounds = 2\n", &p, err, sizeof err), 0);
	assert_non_null(strstr(err, "t.plan:3: [storyboard] needs measure ="));
	plan_free(&p);
	assert_int_not_equal(parse("title = T\n[storyboard]\nmeasure = X\n",
	    &p, err, sizeof err), 0);
	assert_non_null(strstr(err, "t.plan:3: [storyboard] measure = needs "
	    "the plan's collaborative"));
	plan_free(&p);
	assert_int_not_equal(parse("title = T\ncollaborative = S\n"
	    "[storyboard]\nmeasure = X\nrounds = 13\n", &p, err, sizeof err),
	    0);
	assert_non_null(strstr(err, "t.plan:5:"));
	plan_free(&p);
	assert_int_not_equal(parse("title = T\ncollaborative = S\n"
	    "[storyboard]\nmeasure = X\ntables = 3\n", &p, err, sizeof err),
	    0);
	assert_non_null(strstr(err, "t.plan:5: unknown key \"tables\" in "
	    "[storyboard]"));
	plan_free(&p);
}

/* A storyboard snapshot through the wire and back, field by field; a
 * frame with a signal outside its chart is refused. */
static void
test_wire(void **state)
{
	struct snapshot *s = calloc(1, sizeof *s), *b = calloc(1, sizeof *b);
	struct wbuf w = { 0 };
	struct frame f;
	size_t used = 0;
	const char *err = NULL;

	(void)state;
	assert_non_null(s);
	assert_non_null(b);
	s->current = 0;
	s->n_items = 1;
	s->items[0].kind = ACT_STORYBOARD;
	s->kind = ACT_STORYBOARD;
	snprintf(s->activity, sizeof s->activity, "sb");
	snprintf(s->items[0].id, sizeof s->items[0].id, "sb");
	s->state = ACT_OPEN;
	s->remaining = -1;
	s->mine = -1;
	snprintf(s->story_measure, sizeof s->story_measure, "Falls");
	s->story_round = 2;
	s->story_rounds = 3;
	s->story_visit = 2;
	s->story_own = 1;
	s->n_boards = 2;
	snprintf(s->boards[0].site, sizeof s->boards[0].site, "Ward 7");
	snprintf(s->boards[1].site, sizeof s->boards[1].site, "Hôpital Nord");
	s->boards[1].points = 3;
	s->boards[1].visitors = 4;
	s->boards[1].lines = 1;
	s->n_charts = 1;
	s->charts[0].board = 2;
	s->charts[0].median = 4.25;
	s->charts[0].n_points = 3;
	for (int k = 0; k < 3; k++) {
		snprintf(s->charts[0].points[k].period, 11, "2026-0%d", k + 1);
		s->charts[0].points[k].value = 0.1 * (k + 1);
	}
	s->charts[0].n_signals = 1;
	s->charts[0].signals[0].to = 2;
	snprintf(s->charts[0].signals[0].text, 160, "trend: 3 points up");
	s->n_story_lines = 1;
	s->story_lines[0].id = 9;
	s->story_lines[0].board = 2;
	s->story_lines[0].part = STORY_IDEA;
	s->story_lines[0].flags = NOTE_MINE;
	snprintf(s->story_lines[0].text, 64, "Plot it weekly");
	assert_int_equal(snapshot_encode(&w, s), 0);
	assert_int_equal(frame_decode(w.data, w.len, &f, &used, &err), 1);
	if (snapshot_decode(&f, b, &err) != 0)
		fail_msg("%s", err);
	assert_null(err);
	assert_string_equal(b->story_measure, "Falls");
	assert_int_equal(b->story_round, 2);
	assert_int_equal(b->story_visit, 2);
	assert_int_equal(b->story_own, 1);
	assert_int_equal(b->n_boards, 2);
	assert_string_equal(b->boards[1].site, "Hôpital Nord");
	assert_int_equal(b->boards[1].visitors, 4);
	assert_int_equal(b->n_charts, 1);
	assert_true(b->charts[0].median == 4.25);
	assert_true(b->charts[0].points[2].value == 0.1 * 3);
	assert_string_equal(b->charts[0].points[1].period, "2026-02");
	assert_string_equal(b->charts[0].signals[0].text,
	    "trend: 3 points up");
	assert_int_equal(b->n_story_lines, 1);
	assert_string_equal(b->story_lines[0].text, "Plot it weekly");
	assert_int_equal(b->story_lines[0].part, STORY_IDEA);
	wbuf_free(&w);
	/* A signal past the chart's end. */
	s->charts[0].signals[0].to = 3;
	memset(&w, 0, sizeof w);
	assert_int_equal(snapshot_encode(&w, s), 0);
	assert_int_equal(frame_decode(w.data, w.len, &f, &used, &err), 1);
	assert_int_not_equal(snapshot_decode(&f, b, &err), 0);
	wbuf_free(&w);
	free(s);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_80x24),
		cmocka_unit_test(test_chart_60x20),
		cmocka_unit_test(test_chart_long),
		cmocka_unit_test(test_chart_edges),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_visits),
		cmocka_unit_test(test_visits_edges),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_wire),
	};

	/* The widths of UTF-8 glyphs, as a participant's terminal has. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
