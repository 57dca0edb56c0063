/* runchart.c: the run-chart rules read on one site's series (no store). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measures.h"

/*
 * The rules are those of Perla RJ, Provost LP, Murray SK, "The run
 * chart: a simple analytical tool for learning from variation in
 * healthcare processes", BMJ Qual Saf 2011;20:46-51
 * (doi:10.1136/bmjqs.2009.037895):
 *
 *   shift  6 or more consecutive points all above or all below the
 *          median; a point on the median neither adds to nor breaks it.
 *   trend  5 or more consecutive points all going up or all going down;
 *          like values in a row count as one point (they neither make
 *          nor break a trend).
 *   runs   too few or too many runs for the number of useful
 *          observations (points not on the median): a run is one or
 *          more points in a row on one side of the median, and their
 *          number is the crossings of the median plus one.  The limits
 *          are the paper's Table 1, below.
 *   astronomical points are left to the people reading the chart.
 *
 * The median is that of the baseline points when some are marked, else
 * of every point.
 */

#define SHIFT_LEN 6
#define TREND_LEN 5

/*
 * Perla, Provost & Murray 2011, Table 1 ("Table for checking for too many
 * or too few runs on a run chart", after Swed & Eisenhart 1943, about a
 * 5% risk of a false signal): for 10 to 60 useful observations, fewer
 * runs than `lo` are too few, more than `hi` too many.  Outside that range
 * the paper gives no limits and the rule is not applied.
 */
#define RUNS_FIRST 10
static const struct {
	unsigned char lo, hi;
} runs_limits[] = {
	{ 3, 9 },	/* 10 */
	{ 3, 10 },	/* 11 */
	{ 3, 11 },	/* 12 */
	{ 4, 11 },	/* 13 */
	{ 4, 12 },	/* 14 */
	{ 5, 12 },	/* 15 */
	{ 5, 13 },	/* 16 */
	{ 5, 13 },	/* 17 */
	{ 6, 14 },	/* 18 */
	{ 6, 15 },	/* 19 */
	{ 6, 16 },	/* 20 */
	{ 7, 16 },	/* 21 */
	{ 7, 17 },	/* 22 */
	{ 7, 17 },	/* 23 */
	{ 8, 18 },	/* 24 */
	{ 8, 18 },	/* 25 */
	{ 9, 19 },	/* 26 */
	{ 10, 19 },	/* 27 */
	{ 10, 20 },	/* 28 */
	{ 10, 20 },	/* 29 */
	{ 11, 21 },	/* 30 */
	{ 11, 22 },	/* 31 */
	{ 11, 23 },	/* 32 */
	{ 11, 23 },	/* 33 */
	{ 12, 24 },	/* 34 */
	{ 13, 24 },	/* 35 */
	{ 13, 25 },	/* 36 */
	{ 13, 25 },	/* 37 */
	{ 14, 26 },	/* 38 */
	{ 14, 26 },	/* 39 */
	{ 15, 27 },	/* 40 */
	{ 16, 27 },	/* 41 */
	{ 16, 28 },	/* 42 */
	{ 17, 28 },	/* 43 */
	{ 17, 29 },	/* 44 */
	{ 17, 30 },	/* 45 */
	{ 17, 31 },	/* 46 */
	{ 18, 31 },	/* 47 */
	{ 18, 32 },	/* 48 */
	{ 19, 32 },	/* 49 */
	{ 19, 33 },	/* 50 */
	{ 20, 33 },	/* 51 */
	{ 21, 33 },	/* 52 */
	{ 21, 34 },	/* 53 */
	{ 22, 34 },	/* 54 */
	{ 22, 35 },	/* 55 */
	{ 23, 35 },	/* 56 */
	{ 23, 36 },	/* 57 */
	{ 24, 36 },	/* 58 */
	{ 24, 37 },	/* 59 */
	{ 25, 37 },	/* 60 */
};
#define RUNS_LAST (RUNS_FIRST + (int)(sizeof runs_limits / \
    sizeof runs_limits[0]) - 1)

const char *
runchart_rule_name(enum runchart_rule r)
{
	switch (r) {
	case RC_SHIFT: return "shift";
	case RC_TREND: return "trend";
	case RC_RUNS: return "runs";
	}
	return "?";
}

/* The runs rule's limits for `useful` observations: 0, or -1 when the
 * paper's table has none. */
int
runchart_runs_limits(int useful, int *lo, int *hi)
{
	if (useful < RUNS_FIRST || useful > RUNS_LAST)
		return -1;
	*lo = runs_limits[useful - RUNS_FIRST].lo;
	*hi = runs_limits[useful - RUNS_FIRST].hi;
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
runchart_median(const struct measure_series *s)
{
	double v[MEASURE_POINTS_MAX];
	int n = 0, base = 0;

	for (int i = 0; i < s->n && i < MEASURE_POINTS_MAX; i++)
		base |= s->pts[i].baseline;
	for (int i = 0; i < s->n && i < MEASURE_POINTS_MAX; i++)
		if (!base || s->pts[i].baseline)
			v[n++] = s->pts[i].value;
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof v[0], cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* "Jan 2026" for "2026-01", "15 Jan 2026" for "2026-01-15". */
void
runchart_period_words(const char *period, char *out, size_t cap)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, d, used = 0;

	if (sscanf(period, "%4d-%2d%n", &y, &m, &used) == 2 && m >= 1 &&
	    m <= 12) {
		if (period[used] == '\0')
			snprintf(out, cap, "%s %04d", mon[m - 1], y);
		else if (sscanf(period + used, "-%2d", &d) == 1)
			snprintf(out, cap, "%d %s %04d", d, mon[m - 1], y);
		else
			snprintf(out, cap, "%s", period);
	} else
		snprintf(out, cap, "%s", period);
}

/* " since Jan 2026" when the signal runs to the series' end, else
 * ", Jan 2025 to Jun 2025". */
static void
span_words(const struct measure_series *s, int from, int to, char *out,
    size_t cap)
{
	char a[32], b[32];

	runchart_period_words(s->pts[from].period, a, sizeof a);
	runchart_period_words(s->pts[to].period, b, sizeof b);
	if (to == s->n - 1)
		snprintf(out, cap, " since %s", a);
	else
		snprintf(out, cap, ", %s to %s", a, b);
}

struct found {
	struct runchart_signal *sig;
	int max, n;
};

static void
add(struct found *f, const struct measure_series *s, enum runchart_rule r,
    int from, int to, int above, const char *what)
{
	struct runchart_signal *g;
	char when[80];

	if (f->n >= f->max)
		return;
	g = &f->sig[f->n++];
	g->rule = r;
	g->from = from;
	g->to = to;
	g->above = above;
	if (r == RC_RUNS) {
		snprintf(g->text, sizeof g->text, "%s: %s", runchart_rule_name(r),
		    what);
		return;
	}
	span_words(s, from, to, when, sizeof when);
	snprintf(g->text, sizeof g->text, "%s: %s%s", runchart_rule_name(r),
	    what, when);
}

/* Which side of the median a point is on: 1 above, -1 below, 0 on it. */
static int
side(double v, double median)
{
	return v > median ? 1 : v < median ? -1 : 0;
}

static void
shifts(struct found *f, const struct measure_series *s, double median)
{
	int run = 0, dir = 0, from = 0, to = 0;
	char what[64];

	for (int i = 0; i <= s->n; i++) {
		int d = i < s->n ? side(s->pts[i].value, median) : 2;

		if (d == 0)
			continue;	/* on the median: neither adds nor breaks */
		if (d == dir) {
			run++;
			to = i;
			continue;
		}
		if (run >= SHIFT_LEN) {
			snprintf(what, sizeof what, "%d points %s the median",
			    run, dir > 0 ? "above" : "below");
			add(f, s, RC_SHIFT, from, to, dir > 0, what);
		}
		dir = d;
		run = 1;
		from = to = i;
	}
}

static void
trends(struct found *f, const struct measure_series *s)
{
	/* Groups of like values in a row, as first and last index. */
	int first[MEASURE_POINTS_MAX], last[MEASURE_POINTS_MAX], g = 0;
	char what[64];

	for (int i = 0; i < s->n && i < MEASURE_POINTS_MAX; i++) {
		if (g > 0 && s->pts[i].value == s->pts[last[g - 1]].value) {
			last[g - 1] = i;
			continue;
		}
		first[g] = last[g] = i;
		g++;
	}
	/* Stretches of groups each higher (or each lower) than the one
	 * before: a stretch of k steps is k + 1 points. */
	for (int a = 0; a + 1 < g; ) {
		int up = s->pts[first[a + 1]].value > s->pts[first[a]].value;
		int b = a + 1;

		while (b + 1 < g && (s->pts[first[b + 1]].value >
		    s->pts[first[b]].value) == up)
			b++;
		if (b - a + 1 >= TREND_LEN) {
			snprintf(what, sizeof what, "%d points going %s",
			    b - a + 1, up ? "up" : "down");
			add(f, s, RC_TREND, last[a], first[b], up, what);
		}
		a = b;
	}
}

static void
runs(struct found *f, const struct measure_series *s, double median)
{
	int useful = 0, nruns = 0, prev = 0, from = -1, to = -1, lo, hi;
	char what[96];

	for (int i = 0; i < s->n; i++) {
		int d = side(s->pts[i].value, median);

		if (d == 0)
			continue;
		if (from < 0)
			from = i;
		to = i;
		useful++;
		if (d != prev)
			nruns++;
		prev = d;
	}
	if (runchart_runs_limits(useful, &lo, &hi) != 0)
		return;
	/* For runs, `above` says too many (1) or too few (0). */
	if (nruns < lo) {
		snprintf(what, sizeof what, "too few (%d in %d points off "
		    "the median; %d to %d expected)", nruns, useful, lo, hi);
		add(f, s, RC_RUNS, from, to, 0, what);
	} else if (nruns > hi) {
		snprintf(what, sizeof what, "too many (%d in %d points off "
		    "the median; %d to %d expected)", nruns, useful, lo, hi);
		add(f, s, RC_RUNS, from, to, 1, what);
	}
}

/* The series' signals, shifts then trends then runs, each in order of
 * time; at most `max`.  Returns how many. */
int
runchart_signals(const struct measure_series *s, struct runchart_signal *sig,
    int max)
{
	struct found f = { sig, max, 0 };
	double median;

	if (s->n <= 0 || s->n > MEASURE_POINTS_MAX)
		return 0;
	median = runchart_median(s);
	shifts(&f, s, median);
	trends(&f, s);
	runs(&f, s, median);
	return f.n;
}
