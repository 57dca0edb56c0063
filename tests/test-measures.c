/* test-measures.c: the run-chart rules on hand-made series, the measures
 * CSV reader's every error, and import into the store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "store.h"
#include "measures.h"

/* A series of monthly values from Jan 2025; `base` marks the first k
 * points as baseline (0: none). */
static void
series(struct measure_series *s, const double *v, int n, int base)
{
	memset(s, 0, sizeof *s);
	snprintf(s->site, sizeof s->site, "North");
	snprintf(s->measure, sizeof s->measure, "Sepsis Six");
	for (int i = 0; i < n; i++) {
		snprintf(s->pts[i].period, sizeof s->pts[i].period,
		    "%04d-%02d", 2025 + i / 12, i % 12 + 1);
		s->pts[i].value = v[i];
		s->pts[i].baseline = i < base;
	}
	s->n = n;
	s->median = runchart_median(s);
}

static int
signals(const double *v, int n, int base, struct runchart_signal *sig)
{
	struct measure_series s;

	series(&s, v, n, base);
	return runchart_signals(&s, sig, MEASURE_SIGNALS_MAX);
}

#define N(a) ((int)(sizeof (a) / sizeof (a)[0]))

static void
test_median(void **state)
{
	static const double odd[] = { 5, 1, 3 }, even[] = { 4, 1, 3, 2 };
	static const double base[] = { 1, 2, 3, 50, 60, 70, 80 };
	struct measure_series s;

	(void)state;
	series(&s, odd, N(odd), 0);
	assert_true(s.median == 3);
	series(&s, even, N(even), 0);
	assert_true(s.median == 2.5);
	/* Only the baseline points count when some are marked. */
	series(&s, base, N(base), 3);
	assert_true(s.median == 2);
	series(&s, base, 0, 0);
	assert_true(runchart_median(&s) == 0);
}

static void
test_shift_edges(void **state)
{
	/* Median of the 4 baseline points is 10: then 5 above (no shift),
	 * and in the second series 6 above (a shift). */
	static const double five[] = { 12, 8, 11, 9, 15, 16, 17, 18, 19 };
	static const double six[] = { 12, 8, 11, 9, 15, 16, 17, 18, 19, 20 };
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	int n;

	(void)state;
	n = signals(five, N(five), 4, sig);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(sig[i].rule, RC_SHIFT);
	n = signals(six, N(six), 4, sig);
	assert_true(n >= 1);
	assert_int_equal(sig[0].rule, RC_SHIFT);
	assert_int_equal(sig[0].from, 4);
	assert_int_equal(sig[0].to, 9);
	assert_int_equal(sig[0].above, 1);
	assert_string_equal(sig[0].text, "shift: 6 points above the median "
	    "since May 2025");
}

static void
test_shift_ties_on_median(void **state)
{
	/* Baseline median 10; points on the median neither add to nor break
	 * the run: 5 below, two on it, 1 below = a shift of 6, from Mar to
	 * Oct 2025, then one above. */
	static const double v[] = { 10, 10, 9, 8, 7, 10, 6, 5, 10, 4, 12 };
	static const double broken[] = { 10, 10, 9, 8, 7, 11, 6, 5, 4 };
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	int n;

	(void)state;
	n = signals(v, N(v), 2, sig);
	assert_true(n >= 1);
	assert_int_equal(sig[0].rule, RC_SHIFT);
	assert_int_equal(sig[0].from, 2);
	assert_int_equal(sig[0].to, 9);
	assert_int_equal(sig[0].above, 0);
	assert_string_equal(sig[0].text, "shift: 6 points below the median, "
	    "Mar 2025 to Oct 2025");
	/* One point across the median breaks it: 3 and 3. */
	n = signals(broken, N(broken), 2, sig);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(sig[i].rule, RC_SHIFT);
}

static void
test_trend_edges(void **state)
{
	static const double four[] = { 50, 1, 2, 3, 4, 0 };
	static const double five[] = { 50, 1, 2, 3, 4, 5, 0 };
	static const double down[] = { 9, 8, 7, 6, 5, 6 };
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	int n, trends = 0;

	(void)state;
	/* 1..4 is 4 points going up (and 50..1 two going down): none. */
	n = signals(four, N(four), 0, sig);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(sig[i].rule, RC_TREND);
	n = signals(five, N(five), 0, sig);
	for (int i = 0; i < n; i++)
		if (sig[i].rule == RC_TREND) {
			trends++;
			assert_int_equal(sig[i].from, 1);
			assert_int_equal(sig[i].to, 5);
			assert_int_equal(sig[i].above, 1);
			assert_string_equal(sig[i].text, "trend: 5 points "
			    "going up, Feb 2025 to Jun 2025");
		}
	assert_int_equal(trends, 1);
	n = signals(down, N(down), 0, sig);
	assert_int_equal(n, 1);
	assert_int_equal(sig[0].rule, RC_TREND);
	assert_int_equal(sig[0].above, 0);
	assert_int_equal(sig[0].from, 0);
	assert_int_equal(sig[0].to, 4);
}

static void
test_trend_equal_neighbours(void **state)
{
	/* 1, 2, 2, 3, 4 is four points (the 2s count once): no trend; add
	 * a 5 and it is five, from the first point to the last. */
	static const double four[] = { 1, 2, 2, 3, 4 };
	static const double five[] = { 1, 2, 2, 3, 3, 3, 4, 5 };
	/* Like values first and last: the trend runs from the last of the
	 * first like values to the first of the last. */
	static const double ends[] = { 1, 1, 2, 3, 4, 5, 5 };
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	int n;

	(void)state;
	n = signals(four, N(four), 0, sig);
	assert_int_equal(n, 0);
	n = signals(five, N(five), 0, sig);
	assert_int_equal(n, 1);
	assert_int_equal(sig[0].rule, RC_TREND);
	assert_int_equal(sig[0].from, 0);
	assert_int_equal(sig[0].to, 7);
	assert_string_equal(sig[0].text, "trend: 5 points going up since "
	    "Jan 2025");
	n = signals(ends, N(ends), 0, sig);
	assert_int_equal(n, 1);
	assert_int_equal(sig[0].from, 1);
	assert_int_equal(sig[0].to, 5);
}

static void
test_runs(void **state)
{
	/* 20 points alternating around the median: 20 runs, more than the
	 * 16 the table allows for 20 useful observations. */
	double alt[20], few[20], ok[20];
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	int n, lo, hi;

	(void)state;
	for (int i = 0; i < 20; i++) {
		alt[i] = i % 2 ? 10 : 20;
		/* 2 runs of 10 (and a shift each) */
		few[i] = i < 10 ? 10 + i % 2 : 20 + i % 2;
		/* runs of 2: 10 runs, inside 6..16 */
		ok[i] = (i / 2) % 2 ? 10 + i % 2 * 0.5 : 20 + i % 2 * 0.5;
	}
	assert_int_equal(runchart_runs_limits(20, &lo, &hi), 0);
	assert_int_equal(lo, 6);
	assert_int_equal(hi, 16);
	assert_int_equal(runchart_runs_limits(9, &lo, &hi), -1);
	assert_int_equal(runchart_runs_limits(10, &lo, &hi), 0);
	assert_int_equal(lo, 3);
	assert_int_equal(hi, 9);
	assert_int_equal(runchart_runs_limits(60, &lo, &hi), 0);
	assert_int_equal(lo, 25);
	assert_int_equal(hi, 37);
	assert_int_equal(runchart_runs_limits(61, &lo, &hi), -1);

	n = signals(alt, 20, 0, sig);
	assert_int_equal(n, 1);
	assert_int_equal(sig[0].rule, RC_RUNS);
	assert_int_equal(sig[0].above, 1);
	assert_string_equal(sig[0].text, "runs: too many (20 in 20 points "
	    "off the median; 6 to 16 expected)");
	n = signals(few, 20, 0, sig);
	assert_int_equal(n, 3);		/* a shift below, one above, runs */
	assert_int_equal(sig[0].rule, RC_SHIFT);
	assert_int_equal(sig[1].rule, RC_SHIFT);
	assert_int_equal(sig[2].rule, RC_RUNS);
	assert_int_equal(sig[2].above, 0);
	assert_string_equal(sig[2].text, "runs: too few (2 in 20 points off "
	    "the median; 6 to 16 expected)");
	n = signals(ok, 20, 0, sig);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(sig[i].rule, RC_RUNS);
}

static void
test_runs_edges(void **state)
{
	/* 10 useful points alternating: 10 runs > 9, too many; with one
	 * point on the median among 11, still 10 useful.  9 useful: the
	 * table has nothing, so no signal. */
	double v[11];
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	struct measure_series s;
	int n;

	(void)state;
	for (int i = 0; i < 10; i++)
		v[i] = i % 2 ? 1 : 3;
	n = signals(v, 10, 0, sig);
	assert_int_equal(n, 1);
	assert_int_equal(sig[0].rule, RC_RUNS);
	/* The median of 1,3,... (even) is 2; a point at 2 is on it. */
	v[10] = 2;
	series(&s, v, 11, 0);
	assert_true(s.median == 2);
	n = runchart_signals(&s, sig, MEASURE_SIGNALS_MAX);
	assert_int_equal(n, 1);
	assert_int_equal(sig[0].rule, RC_RUNS);
	assert_int_equal(sig[0].from, 0);
	assert_int_equal(sig[0].to, 9);
	n = signals(v, 9, 0, sig);
	assert_int_equal(n, 0);
}

static void
test_fewer_than_ten(void **state)
{
	/* Seven points: shift and trend still apply, runs does not. */
	static const double v[] = { 1, 2, 3, 4, 5, 6, 7 };
	static const double flat[] = { 3, 1, 3, 1, 3, 1, 3, 1, 3 };
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	int n;

	(void)state;
	n = signals(v, N(v), 0, sig);
	assert_int_equal(n, 1);
	assert_int_equal(sig[0].rule, RC_TREND);
	assert_string_equal(sig[0].text, "trend: 7 points going up since "
	    "Jan 2025");
	n = signals(flat, N(flat), 0, sig);
	assert_int_equal(n, 0);
}

static void
test_all_equal(void **state)
{
	double v[24];
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	struct measure_series s;

	(void)state;
	for (int i = 0; i < 24; i++)
		v[i] = 92.5;
	series(&s, v, 24, 6);
	assert_true(s.median == 92.5);
	/* Every point on the median, one point of like values: nothing. */
	assert_int_equal(runchart_signals(&s, sig, MEASURE_SIGNALS_MAX), 0);
	series(&s, v, 0, 0);
	assert_int_equal(runchart_signals(&s, sig, MEASURE_SIGNALS_MAX), 0);
}

static void
test_signals_max(void **state)
{
	/* Five shifts, room for two. */
	double v[40];
	struct runchart_signal sig[2];
	struct measure_series s;

	(void)state;
	for (int i = 0; i < 40; i++)
		v[i] = (i / 7) % 2 ? 1 + (i % 7 == 3) : 9 - (i % 7 == 3);
	series(&s, v, 40, 0);
	assert_int_equal(runchart_signals(&s, sig, 2), 2);
	assert_int_equal(sig[0].rule, RC_SHIFT);
	assert_int_equal(sig[1].rule, RC_SHIFT);
}

static void
test_period_words(void **state)
{
	char w[32];

	(void)state;
	runchart_period_words("2026-01", w, sizeof w);
	assert_string_equal(w, "Jan 2026");
	runchart_period_words("2025-12-05", w, sizeof w);
	assert_string_equal(w, "5 Dec 2025");
	runchart_period_words("odd", w, sizeof w);
	assert_string_equal(w, "odd");
	assert_string_equal(runchart_rule_name(RC_TREND), "trend");
}

/* ---- the CSV reader ---- */

static int
parse(const char *text, struct measure_file *m, char *err, size_t n)
{
	return measures_parse(text, strlen(text), "m.csv", m, err, n);
}

static void
test_parse_good(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf" "Site,Measure,Period,Value,Numerator,Denominator,"
	    "Note,Baseline\r\n"
	    "North,Sepsis Six,2025-01,80,16,20,,yes\r\n"
	    "\r\n"
	    ",,,,,,,\r\n"
	    "\" North \",\"Sepsis Six\",2025-02,-1.5e1,,,\"a \"\"new\"\"\n"
	    "form\",no\r\n"
	    "Süd,Falls per 1,000 bed days,2024-02-29,.5\r\n";
	struct measure_file m;
	char err[256];

	(void)state;
	/* Unquoted, the comma in "1,000" makes "000 bed days" the period. */
	assert_int_equal(parse(text, &m, err, sizeof err), -1);
	assert_string_equal(err, "m.csv:7: bad period \"000 bed days\" "
	    "(expected YYYY-MM or YYYY-MM-DD)");
	{
		static const char ok[] =
		    "\xef\xbb\xbf" "Site,Measure,Period,Value,Numerator,"
		    "Denominator,Note,Baseline\r\n"
		    "North,Sepsis Six,2025-01,80,16,20,,yes\r\n"
		    "\r\n"
		    ",,,,,,,\r\n"
		    "\" North \",\"Sepsis Six\",2025-02,-1.5e1,,,\"a "
		    "\"\"new\"\"\nform\",no\r\n"
		    "Süd,\"Falls per 1,000 bed days\",2024-02-29,.5\r\n";

		assert_int_equal(parse(ok, &m, err, sizeof err), 0);
	}
	assert_int_equal(m.n, 3);
	assert_string_equal(m.rows[0].site, "North");
	assert_true(m.rows[0].pt.value == 80);
	assert_int_equal(m.rows[0].pt.has_ratio, 1);
	assert_true(m.rows[0].pt.numerator == 16);
	assert_true(m.rows[0].pt.denominator == 20);
	assert_int_equal(m.rows[0].pt.baseline, 1);
	assert_int_equal(m.rows[0].line, 2);
	assert_string_equal(m.rows[1].site, "North");
	assert_true(m.rows[1].pt.value == -15);
	/* The line break inside quotes is a control character: dropped. */
	assert_string_equal(m.rows[1].pt.note, "a \"new\"form");
	assert_int_equal(m.rows[1].pt.has_ratio, 0);
	assert_int_equal(m.rows[1].line, 5);
	assert_string_equal(m.rows[2].site, "Süd");
	assert_string_equal(m.rows[2].measure, "Falls per 1,000 bed days");
	assert_string_equal(m.rows[2].pt.period, "2024-02-29");
	assert_true(m.rows[2].pt.value == 0.5);
	assert_int_equal(m.rows[2].line, 7);
	measures_file_free(&m);
}

static void
test_parse_columns_any_order(void **state)
{
	/* In any order, and a spreadsheet's empty columns left empty. */
	static const char text[] = "value,period,,measure,site,\n"
	    "7,2026-03,,Falls,East,\n";
	struct measure_file m;
	char err[256];

	(void)state;
	assert_int_equal(parse(text, &m, err, sizeof err), 0);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.rows[0].site, "East");
	assert_string_equal(m.rows[0].measure, "Falls");
	assert_string_equal(m.rows[0].pt.period, "2026-03");
	assert_true(m.rows[0].pt.value == 7);
	measures_file_free(&m);
}

/* Every way a file can be wrong, with the message it gets. */
static void
test_parse_errors(void **state)
{
	static const char H[] = "site,measure,period,value\n";
	char big[3000], longsite[200], longnote[400];
	static struct {
		const char *text;
		const char *err;
	} cases[] = {
		{ "", "m.csv:1: no header row (expected site, measure, period, "
		    "value, numerator, denominator, note, baseline)" },
		{ "\n\n,,\n", "m.csv:1: no header row (expected site, measure, "
		    "period, value, numerator, denominator, note, baseline)" },
		{ "site,measure,period,value\n",
		    "m.csv:1: no measures under the header" },
		{ "site,measure,period,value,colour\n", "m.csv:1: unknown "
		    "column \"colour\" (expected site, measure, period, value, "
		    "numerator, denominator, note, baseline)" },
		{ "site,measure,period,value,Site\n",
		    "m.csv:1: column \"site\" appears twice" },
		{ "site,measure,value\nA,B,1\n", "m.csv:1: no \"period\" "
		    "column (the header must name site, measure, period and "
		    "value)" },
		{ "site,measure,period,value,note,baseline,numerator,"
		    "denominator,x\n", "m.csv:1: unknown column \"x\" "
		    "(expected site, measure, period, value, numerator, "
		    "denominator, note, baseline)" },
		{ "site,measure,period,value,,,,,,,,,,,,,\n", "m.csv:1: more "
		    "than 16 columns (expected site, measure, period, value, "
		    "numerator, denominator, note, baseline)" },
		{ "site,measure,period,value\nA,B,2025-01,1,2\n",
		    "m.csv:2: 5 columns, but the header names 4" },
		{ "site,measure,period,value\nA,B,2025-01,\n",
		    "m.csv:2: empty value" },
		{ "site,measure,period,value\n,B,2025-01,1\n",
		    "m.csv:2: empty site" },
		{ "site,measure,period,value\nA,,2025-01,1\n",
		    "m.csv:2: empty measure" },
		{ "site,measure,period,value\nA,B,,1\n",
		    "m.csv:2: empty period" },
		{ "site,measure,period,value\nA,B\n", "m.csv:2: empty period" },
		{ "site,measure,period,value\nA,B,2025-01,1,5\n",
		    "m.csv:2: 5 columns, but the header names 4" },
		{ "site,measure,period,value\nA,B,2025-01,85%\n", "m.csv:2: bad "
		    "number \"85%\" in value (digits with a decimal point, no "
		    "thousands separators or units)" },
		{ "site,measure,period,value\nA,B,2025-01,\"1,5\"\n",
		    "m.csv:2: bad number \"1,5\" in value (digits with a "
		    "decimal point, no thousands separators or units)" },
		{ "site,measure,period,value\nA,B,2025-01,nan\n", "m.csv:2: "
		    "bad number \"nan\" in value (digits with a decimal point, "
		    "no thousands separators or units)" },
		{ "site,measure,period,value\nA,B,2025-01,1e999\n", "m.csv:2: "
		    "bad number \"1e999\" in value (digits with a decimal "
		    "point, no thousands separators or units)" },
		{ "site,measure,period,value\nA,B,2025-01,0x10\n", "m.csv:2: "
		    "bad number \"0x10\" in value (digits with a decimal point, "
		    "no thousands separators or units)" },
		{ "site,measure,period,value\nA,B,2025-01,1e\n", "m.csv:2: "
		    "bad number \"1e\" in value (digits with a decimal point, "
		    "no thousands separators or units)" },
		{ "site,measure,period,value,numerator,denominator\n"
		    "A,B,2025-01,1,x,2\n", "m.csv:2: bad number \"x\" in "
		    "numerator (digits with a decimal point, no thousands "
		    "separators or units)" },
		{ "site,measure,period,value,numerator,denominator\n"
		    "A,B,2025-01,1,1,-\n", "m.csv:2: bad number \"-\" in "
		    "denominator (digits with a decimal point, no thousands "
		    "separators or units)" },
		{ "site,measure,period,value\nA,B,2025-13,1\n", "m.csv:2: bad "
		    "period \"2025-13\" (expected YYYY-MM or YYYY-MM-DD)" },
		{ "site,measure,period,value\nA,B,Jan 2025,1\n", "m.csv:2: bad "
		    "period \"Jan 2025\" (expected YYYY-MM or YYYY-MM-DD)" },
		{ "site,measure,period,value\nA,B,2025-02-29,1\n", "m.csv:2: "
		    "bad period \"2025-02-29\" (expected YYYY-MM or "
		    "YYYY-MM-DD)" },
		{ "site,measure,period,value\nA,B,2025-1,1\n", "m.csv:2: bad "
		    "period \"2025-1\" (expected YYYY-MM or YYYY-MM-DD)" },
		{ "site,measure,period,value\nA,B,0000-01,1\n", "m.csv:2: bad "
		    "period \"0000-01\" (expected YYYY-MM or YYYY-MM-DD)" },
		{ "site,measure,period,value,baseline\nA,B,2025-01,1,maybe\n",
		    "m.csv:2: baseline must be yes, no or empty, not "
		    "\"maybe\"" },
		{ "site,measure,period,value,numerator\nA,B,2025-01,1,3\n",
		    "m.csv:2: a numerator without a denominator: give both or "
		    "neither" },
		{ "site,measure,period,value,denominator\nA,B,2025-01,1,3\n",
		    "m.csv:2: a denominator without a numerator: give both or "
		    "neither" },
		{ "site,measure,period,value,numerator,denominator\n"
		    "A,B,2025-01,1,0,0\n",
		    "m.csv:2: denominator must be more than 0" },
		{ "site,measure,period,value\nA,B,2025-01,1\nA,C,2025-01,2\n"
		    "A,B,2025-01,3\n", "m.csv:4: period 2025-01 of B at A is "
		    "already on line 2" },
		{ "site,measure,period,value,\nA,B,2025-01,1,x\n",
		    "m.csv:2: \"x\" in column 5, which the header leaves "
		    "unnamed" },
		{ "site,measure,period,value\nA,B,\"2025-01,1\n",
		    "m.csv:2: unterminated quoted field" },
		{ "site,measure,period,value\nA,\"B\"x,2025-01,1\n",
		    "m.csv:2: text after a closing quote" },
		{ "site,measure,period,value\nA,\xff,2025-01,1\n",
		    "m.csv:2: not UTF-8 text (save the file as UTF-8)" },
		{ NULL, "m.csv:2: site longer than 64 bytes" },
		{ NULL, "m.csv:2: note longer than 200 bytes" },
		{ NULL, "m.csv:2: a field longer than 1024 bytes" },
	};
	struct measure_file m;
	char err[512];
	int k = 0;

	(void)state;
	memset(longsite, 'x', 65);
	snprintf(longsite + 65, sizeof longsite - 65, ",B,2025-01,1\n");
	memset(longnote, 'n', 201);
	snprintf(longnote + 201, sizeof longnote - 201, ",2025-01,1,A,B\n");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *text = cases[i].text;

		if (text == NULL) {
			if (k == 0)
				snprintf(big, sizeof big, "%s%s", H, longsite);
			else if (k == 1)
				snprintf(big, sizeof big, "note,period,value,"
				    "site,measure\n%s", longnote);
			else {
				memset(big, 'y', sizeof big);
				memcpy(big, H, strlen(H));
				memcpy(big + sizeof big - 14, ",B,2025-01,1\n",
				    14);
			}
			k++;
			text = big;
		}
		m.n = 99;
		assert_int_equal(parse(text, &m, err, sizeof err), -1);
		if (strcmp(err, cases[i].err) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, err,
			    cases[i].err);
		assert_int_equal(m.n, 0);
		assert_null(m.rows);
	}
}

static void
test_parse_too_many_points(void **state)
{
	size_t cap = 64 + (MEASURE_POINTS_MAX + 1) * 32, used;
	char *text = malloc(cap), err[256];
	struct measure_file m;

	(void)state;
	assert_non_null(text);
	used = (size_t)snprintf(text, cap, "site,measure,period,value\n");
	for (int i = 0; i <= MEASURE_POINTS_MAX; i++)
		used += (size_t)snprintf(text + used, cap - used,
		    "A,B,%04d-%02d,%d\n", 2000 + i / 12, i % 12 + 1, i);
	assert_int_equal(parse(text, &m, err, sizeof err), -1);
	assert_string_equal(err, "m.csv:122: more than 120 points of B at A");
	/* Exactly the most: it reads. */
	*strrchr(text, 'A') = '\0';
	assert_int_equal(parse(text, &m, err, sizeof err), 0);
	assert_int_equal(m.n, MEASURE_POINTS_MAX);
	measures_file_free(&m);
	free(text);
}

/* ---- the store ---- */

struct fix {
	char dir[256], db[300], csv[300];
	struct store *st;
};

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct fix *f = calloc(1, sizeof *f);
	char err[512];

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/test-measures-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/convene.db", f->dir);
	snprintf(f->csv, sizeof f->csv, "%s/m.csv", f->dir);
	if (store_open(f->db, &f->st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char path[400];

	store_close(f->st);
	unlink(f->csv);
	unlink(f->db);
	snprintf(path, sizeof path, "%s-wal", f->db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", f->db);
	unlink(path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
write_csv(struct fix *f, const char *text)
{
	FILE *o = fopen(f->csv, "w");

	assert_non_null(o);
	fputs(text, o);
	fclose(o);
}

static int
count(struct fix *f)
{
	sqlite3_stmt *s;
	int n = -1;

	sqlite3_prepare_v2(store_db(f->st), "SELECT count(*) FROM measures",
	    -1, &s, NULL);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static int
list_cb(void *arg, const struct measure_key *k)
{
	char *out = arg;
	size_t n = strlen(out);

	snprintf(out + n, 512 - n, "%s|%s|%s|%d|%s|%s\n", k->collaborative,
	    k->measure, k->site, k->points, k->first, k->last);
	return 0;
}

static void
test_import(void **state)
{
	struct fix *f = *state;
	struct measure_series s;
	char err[512], sites[4][SITE_MAX_LEN + 1], list[512] = "";
	int n;

	write_csv(f, "site,measure,period,value,numerator,denominator,note,"
	    "baseline\n"
	    "North,Sepsis Six,2025-02,70,7,10,,yes\n"
	    "North,Sepsis Six,2025-01,60,6,10,started,yes\n"
	    "North,Sepsis Six,2025-03,90,9,10,,\n"
	    "East,Sepsis Six,2025-01,50,,,,\n"
	    "East,Falls,2025-01,3.2,,,,\n");
	assert_int_equal(measures_import(f->st, "Sepsis 2025", f->csv, err,
	    sizeof err), 0);
	assert_int_equal(count(f), 5);
	assert_int_equal(measures_sites(f->st, "Sepsis 2025", "Sepsis Six",
	    sites, 4, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(sites[0], "East");
	assert_string_equal(sites[1], "North");
	assert_int_equal(measures_sites(f->st, "Sepsis 2025", "Sepsis Six",
	    sites, 1, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(measures_load(f->st, "Sepsis 2025", "North",
	    "Sepsis Six", &s, err, sizeof err), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.pts[0].period, "2025-01");
	assert_string_equal(s.pts[0].note, "started");
	assert_int_equal(s.pts[0].has_ratio, 1);
	assert_true(s.pts[0].numerator == 6);
	assert_int_equal(s.pts[2].baseline, 0);
	assert_true(s.median == 65);	/* of the two baseline points */
	assert_int_equal(measures_load(f->st, "Sepsis 2025", "East",
	    "Falls", &s, err, sizeof err), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.pts[0].has_ratio, 0);
	assert_int_equal(measures_load(f->st, "Other", "East", "Falls", &s,
	    err, sizeof err), 0);
	assert_int_equal(s.n, 0);

	/* Re-importing replaces those periods; others stay. */
	write_csv(f, "site,period,measure,value\n"
	    "North,2025-03,Sepsis Six,95\n"
	    "North,2025-04,Sepsis Six,97\n");
	assert_int_equal(measures_import(f->st, "Sepsis 2025", f->csv, err,
	    sizeof err), 0);
	assert_int_equal(count(f), 6);
	assert_int_equal(measures_load(f->st, "Sepsis 2025", "North",
	    "Sepsis Six", &s, err, sizeof err), 0);
	assert_int_equal(s.n, 4);
	assert_true(s.pts[2].value == 95);
	assert_true(s.pts[3].value == 97);
	assert_true(s.pts[0].value == 60);
	/* The same file into another collaborative is another series. */
	assert_int_equal(measures_import(f->st, "Falls 2025", f->csv, err,
	    sizeof err), 0);
	assert_int_equal(count(f), 8);
	assert_int_equal(measures_each(f->st, NULL, list_cb, list, err,
	    sizeof err), 0);
	assert_string_equal(list,
	    "Falls 2025|Sepsis Six|North|2|2025-03|2025-04\n"
	    "Sepsis 2025|Falls|East|1|2025-01|2025-01\n"
	    "Sepsis 2025|Sepsis Six|East|1|2025-01|2025-01\n"
	    "Sepsis 2025|Sepsis Six|North|4|2025-01|2025-04\n");
	list[0] = '\0';
	assert_int_equal(measures_each(f->st, "Falls 2025", list_cb, list,
	    err, sizeof err), 0);
	assert_string_equal(list, "Falls 2025|Sepsis Six|North|2|2025-03|"
	    "2025-04\n");
}

static void
test_import_bad_stores_nothing(void **state)
{
	struct fix *f = *state;
	char err[512], want[600];
	size_t cap = 64 + MEASURE_POINTS_MAX * 32, used;
	char *text = malloc(cap);

	write_csv(f, "site,measure,period,value\nA,B,2025-01,1\n"
	    "A,B,2025-02,2\nA,B,2025-02,3\n");
	assert_int_equal(measures_import(f->st, "C", f->csv, err,
	    sizeof err), -1);
	snprintf(want, sizeof want, "%s:4: period 2025-02 of B at A is "
	    "already on line 3", f->csv);
	assert_string_equal(err, want);
	assert_int_equal(count(f), 0);
	/* No file. */
	assert_int_equal(measures_import(f->st, "C", "/nonexistent/m.csv",
	    err, sizeof err), -1);
	assert_string_equal(err, "/nonexistent/m.csv: No such file or "
	    "directory");
	/* No name. */
	assert_int_equal(measures_import(f->st, "", f->csv, err, sizeof err),
	    -1);
	assert_non_null(strstr(err, "collaborative"));
	assert_int_equal(measures_import(f->st, "a\tb", f->csv, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "control character"));

	/* 120 points stored, then one more period in a second file: the
	 * second file stores nothing, not even its good rows. */
	assert_non_null(text);
	used = (size_t)snprintf(text, cap, "site,measure,period,value\n");
	for (int i = 0; i < MEASURE_POINTS_MAX; i++)
		used += (size_t)snprintf(text + used, cap - used,
		    "A,B,%04d-%02d,%d\n", 2000 + i / 12, i % 12 + 1, i);
	write_csv(f, text);
	assert_int_equal(measures_import(f->st, "C", f->csv, err,
	    sizeof err), 0);
	assert_int_equal(count(f), MEASURE_POINTS_MAX);
	write_csv(f, "site,measure,period,value\nZ,B,2025-01,1\n"
	    "A,B,2030-01,1\n");
	assert_int_equal(measures_import(f->st, "C", f->csv, err,
	    sizeof err), -1);
	snprintf(want, sizeof want, "%s: B at A would have 121 points with "
	    "those already stored (at most 120)", f->csv);
	assert_string_equal(err, want);
	assert_int_equal(count(f), MEASURE_POINTS_MAX);
	assert_int_equal(store_in_tx(f->st), 0);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_shift_edges),
		cmocka_unit_test(test_shift_ties_on_median),
		cmocka_unit_test(test_trend_edges),
		cmocka_unit_test(test_trend_equal_neighbours),
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_runs_edges),
		cmocka_unit_test(test_fewer_than_ten),
		cmocka_unit_test(test_all_equal),
		cmocka_unit_test(test_signals_max),
		cmocka_unit_test(test_period_words),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_columns_any_order),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_too_many_points),
		cmocka_unit_test_setup_teardown(test_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bad_stores_nothing,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
