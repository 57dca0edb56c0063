/* measures.h: the sites' measures of a collaborative (run-chart data),
 * imported from CSV before a learning session, and the run-chart rules
 * read on them.  Not an activity kind: the storyboard kind shows them.
 *
 * Rules: Perla, Provost & Murray, "The run chart: a simple analytical
 * tool for learning from variation in healthcare processes", BMJ Qual
 * Saf 2011;20:46-51.  A shift is 6 or more consecutive points all above
 * or all below the median (points on the median neither add to nor break
 * it); a trend is 5 or more consecutive points all going up or all going
 * down (equal neighbours count as one point); too few or too many runs
 * against the paper's table.  Astronomical points are left to people. */
#ifndef CONVENE_MEASURES_H
#define CONVENE_MEASURES_H

#include "convene.h"

struct store;

#define MEASURE_NAME_MAX 80	/* bytes of a measure's name */
#define MEASURE_POINTS_MAX 120	/* points of one site's series */
#define MEASURE_NOTE_MAX 200	/* bytes of a point's note */
#define MEASURE_SIGNALS_MAX 16

/* One point: its period as imported ("2026-01" or "2026-01-15"). */
struct measure_point {
	char period[11];
	double value;
	int has_ratio;		/* numerator and denominator given */
	double numerator, denominator;
	char note[MEASURE_NOTE_MAX + 1];
	int baseline;		/* the median is taken from these (all if none) */
};

/* One site's series of one measure, oldest first. */
struct measure_series {
	char site[SITE_MAX_LEN + 1];
	char measure[MEASURE_NAME_MAX + 1];
	struct measure_point pts[MEASURE_POINTS_MAX];
	int n;
	double median;		/* of the baseline points (runchart_median) */
};

enum runchart_rule {
	RC_SHIFT = 0,
	RC_TREND,
	RC_RUNS			/* too few or too many runs */
};

/* A signal, over points `from` to `to` (indexes into pts), with its words
 * ("shift: 8 points above the median since Jan 2026"). */
struct runchart_signal {
	enum runchart_rule rule;
	int from, to;
	int above;		/* shift: above the median; trend: going up */
	char text[160];
};

/* runchart.c: pure functions, no store. */
double	runchart_median(const struct measure_series *);
int	runchart_signals(const struct measure_series *,
	    struct runchart_signal *, int);
const char *runchart_rule_name(enum runchart_rule);	/* "shift" ... */

/* measures.c: the store's `measures` table (schema 5).
 * measures_import: read FILE (header row; columns site, measure, period,
 * value, optional numerator, denominator, note, baseline) into the
 * collaborative; a bad file stores nothing and says FILE:LINE: message.
 * Re-importing replaces that site's points for those periods.
 * measures_sites: the sites with a series of `measure`, sorted.
 * measures_load: one site's series, oldest first, median computed.
 * All return 0, or -1 with a message in err. */
int	measures_import(struct store *, const char *, const char *, char *,
	    size_t);
int	measures_sites(struct store *, const char *, const char *,
	    char (*)[SITE_MAX_LEN + 1], int, int *, char *, size_t);
int	measures_load(struct store *, const char *, const char *,
	    const char *, struct measure_series *, char *, size_t);

/* Added to the contract above (nothing there changes). */

/* runchart.c: the runs rule's limits for that many useful observations
 * (the paper's Table 1): 0, or -1 outside its 10 to 60; a period in
 * words, "Jan 2026" or "15 Jan 2026". */
int	runchart_runs_limits(int, int *, int *);
void	runchart_period_words(const char *, char *, size_t);

/* measures-csv.c: a measures file read, row by row, before it is stored
 * (measures_import uses it; so do the fuzz target and the tests).  Total:
 * any bytes give rows or one "FILE:LINE: message". */
#define MEASURES_ROWS_MAX 50000
struct measure_row {
	int	line;
	char	site[SITE_MAX_LEN + 1];
	char	measure[MEASURE_NAME_MAX + 1];
	struct measure_point pt;
};
struct measure_file {
	struct measure_row *rows;
	int	n;
};
int	measures_parse(const char *, size_t, const char *,
	    struct measure_file *, char *, size_t);
void	measures_file_free(struct measure_file *);

/* measures.c: every stored series (collaborative NULL: of every
 * collaborative), in order of collaborative, measure and site, with its
 * number of points and first and last period; `fn` returns nonzero to
 * stop.  0, or -1 with a message in err. */
struct measure_key {
	const char *collaborative, *site, *measure;
	int	points;
	const char *first, *last;
};
int	measures_each(struct store *, const char *,
	    int (*)(void *, const struct measure_key *), void *, char *,
	    size_t);

#endif
