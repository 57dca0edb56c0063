/* measures-csv.c: read a sites' measures CSV (site,measure,period,value,...) safely. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "measures.h"

/*
 * The reader is total, as the roster's (rotate/roster.c): any bytes give
 * rows or one message "FILE:LINE: text".  Fields are RFC 4180 (quotes,
 * doubled quotes, line breaks inside quotes); a UTF-8 byte-order mark is
 * skipped; text must be UTF-8, and control characters are dropped, since
 * site and measure names end up on other people's terminals.  A header
 * row names the columns, in any order: site, measure, period and value,
 * and optionally numerator, denominator, note and baseline.  Nothing is
 * cut: a name or note too long is an error, so two names never become
 * one.
 */

enum col {
	COL_SITE, COL_MEASURE, COL_PERIOD, COL_VALUE, COL_NUMERATOR,
	COL_DENOMINATOR, COL_NOTE, COL_BASELINE, COL_N
};

static const char *const col_names[COL_N] = {
	"site", "measure", "period", "value", "numerator", "denominator",
	"note", "baseline"
};
#define REQUIRED 4	/* the first four */
#define EXPECTED "site, measure, period, value, numerator, denominator, " \
    "note, baseline"

#define RAW_MAX 1024	/* bytes kept of one raw field; longer is too long */
#define FIELDS_MAX 16	/* the columns, and a spreadsheet's empty ones */

/*
 * Clean a raw field in place: valid UTF-8 or -1; control characters (C0,
 * DEL, C1) dropped; spaces trimmed.  Returns its length.
 */
static int
clean(char *s, size_t n)
{
	size_t i = 0, o = 0;

	if (!util_utf8_valid(s, n))
		return -1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			i++;
			continue;
		}
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0) {
			i += 2;
			continue;
		}
		if (o == 0 && c == ' ') {
			i++;
			continue;
		}
		s[o++] = s[i++];
	}
	while (o > 0 && s[o - 1] == ' ')
		o--;
	s[o] = '\0';
	return (int)o;
}

/* The header: each column once, known, with the four required. */
static int
header(struct csv *rd, char cells[][RAW_MAX + 2], int nf, enum col *cols,
    int line)
{
	int seen[COL_N] = { 0 };

	for (int i = 0; i < nf; i++) {
		int k;

		/* A spreadsheet's empty column: kept empty, and ignored. */
		if (cells[i][0] == '\0') {
			cols[i] = COL_N;
			continue;
		}
		for (k = 0; k < COL_N; k++)
			if (strcasecmp(cells[i], col_names[k]) == 0)
				break;
		if (k == COL_N)
			return csv_fail(rd, line, "unknown column \"%.40s\" "
			    "(expected " EXPECTED ")", cells[i]);
		if (seen[k])
			return csv_fail(rd, line, "column \"%s\" appears twice",
			    col_names[k]);
		seen[k] = 1;
		cols[i] = (enum col)k;
	}
	for (int k = 0; k < REQUIRED; k++)
		if (!seen[k])
			return csv_fail(rd, line, "no \"%s\" column (the header "
			    "must name site, measure, period and value)",
			    col_names[k]);
	return 0;
}

/* A plain decimal number: -12, 3.5, .5, 1e3; no thousands separators,
 * no hex, no inf or nan. */
static int
number(const char *s, double *out)
{
	const char *p = s;
	char *end;
	int digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	for (; isdigit((unsigned char)*p); p++)
		digits++;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			digits++;
	if (digits == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return -1;
	*out = strtod(s, &end);
	return *end == '\0' && isfinite(*out) ? 0 : -1;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM" or "YYYY-MM-DD", a real month and day. */
static int
period(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	size_t n = strlen(s);
	int y, m, d;

	if (n != 7 && n != 10)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1 || m < 1 || m > 12)
		return -1;
	if (n == 7)
		return 0;
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return d >= 1 && d <= days[m - 1] + (m == 2 && leap(y)) ? 0 : -1;
}

static int
yes_no(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "y", "1", "true" };
	static const char *const no[] = { "", "no", "n", "0", "false" };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

/* Copy a cell into a field of `cap` bytes; -1 if it does not fit. */
static int
text(struct csv *rd, int line, const char *what, const char *cell,
    char *out, size_t cap)
{
	size_t n = strlen(cell);

	if (n >= cap)
		return csv_fail(rd, line, "%s longer than %zu bytes", what,
		    cap - 1);
	memcpy(out, cell, n + 1);
	return 0;
}

/* One data row into r; 0 or -1 with the message. */
static int
row(struct csv *rd, char cells[][RAW_MAX + 2], int nf,
    const enum col *cols, int line, struct measure_row *r)
{
	int has[COL_N + 1] = { 0 };
	double num = 0, den = 0;

	memset(r, 0, sizeof *r);
	r->line = line;
	for (int i = 0; i < nf; i++) {
		const char *c = cells[i];

		has[cols[i]] = c[0] != '\0';
		if (c[0] == '\0')
			continue;
		switch (cols[i]) {
		case COL_SITE:
			if (text(rd, line, "site", c, r->site,
			    sizeof r->site) != 0)
				return -1;
			break;
		case COL_MEASURE:
			if (text(rd, line, "measure", c, r->measure,
			    sizeof r->measure) != 0)
				return -1;
			break;
		case COL_PERIOD:
			if (period(c) != 0)
				return csv_fail(rd, line, "bad period \"%.40s\" "
				    "(expected YYYY-MM or YYYY-MM-DD)", c);
			memcpy(r->pt.period, c, strlen(c) + 1);
			break;
		case COL_VALUE:
		case COL_NUMERATOR:
		case COL_DENOMINATOR: {
			double v;

			if (number(c, &v) != 0)
				return csv_fail(rd, line, "bad number \"%.40s\" in "
				    "%s (digits with a decimal point, no "
				    "thousands separators or units)", c,
				    col_names[cols[i]]);
			if (cols[i] == COL_VALUE)
				r->pt.value = v;
			else if (cols[i] == COL_NUMERATOR)
				num = v;
			else
				den = v;
			break;
		}
		case COL_NOTE:
			if (text(rd, line, "note", c, r->pt.note,
			    sizeof r->pt.note) != 0)
				return -1;
			break;
		case COL_BASELINE:
			if (yes_no(c, &r->pt.baseline) != 0)
				return csv_fail(rd, line, "baseline must be yes, "
				    "no or empty, not \"%.40s\"", c);
			break;
		case COL_N:
			return csv_fail(rd, line, "\"%.40s\" in column %d, which "
			    "the header leaves unnamed", c, i + 1);
		}
	}
	for (int k = 0; k < REQUIRED; k++)
		if (!has[k])
			return csv_fail(rd, line, "empty %s", col_names[k]);
	if (has[COL_NUMERATOR] != has[COL_DENOMINATOR])
		return csv_fail(rd, line, "a %s without a %s: give both or neither",
		    has[COL_NUMERATOR] ? "numerator" : "denominator",
		    has[COL_NUMERATOR] ? "denominator" : "numerator");
	if (has[COL_DENOMINATOR] && den <= 0)
		return csv_fail(rd, line, "denominator must be more than 0");
	r->pt.has_ratio = has[COL_NUMERATOR];
	r->pt.numerator = num;
	r->pt.denominator = den;
	return 0;
}

static int
same_series(const struct measure_row *a, const struct measure_row *b)
{
	return strcmp(a->site, b->site) == 0 &&
	    strcmp(a->measure, b->measure) == 0;
}

static int
by_series(const void *x, const void *y)
{
	const struct measure_row *a = x, *b = y;
	int c = strcmp(a->site, b->site);

	if (c == 0)
		c = strcmp(a->measure, b->measure);
	if (c == 0)
		c = strcmp(a->pt.period, b->pt.period);
	return c != 0 ? c : a->line - b->line;
}

/* No period twice in a series, no series too long. */
static int
check_series(struct csv *rd, struct measure_file *out)
{
	struct measure_row *sorted;
	int ret = 0;

	if (out->n == 0)
		return 0;
	sorted = malloc(sizeof *sorted * (size_t)out->n);
	if (sorted == NULL)
		return csv_fail(rd, 1, "out of memory");
	memcpy(sorted, out->rows, sizeof *sorted * (size_t)out->n);
	qsort(sorted, (size_t)out->n, sizeof *sorted, by_series);
	for (int i = 0, run = 0; i < out->n && ret == 0; i++) {
		const struct measure_row *a = &sorted[i];

		run = i > 0 && same_series(a, &sorted[i - 1]) ? run + 1 : 1;
		if (i > 0 && run > 1 && strcmp(a->pt.period,
		    sorted[i - 1].pt.period) == 0)
			ret = csv_fail(rd, a->line, "period %s of %s at %s is "
			    "already on line %d", a->pt.period, a->measure,
			    a->site, sorted[i - 1].line);
		else if (run > MEASURE_POINTS_MAX)
			ret = csv_fail(rd, a->line, "more than %d points of %s "
			    "at %s", MEASURE_POINTS_MAX, a->measure, a->site);
	}
	free(sorted);
	return ret;
}

void
measures_file_free(struct measure_file *f)
{
	free(f->rows);
	f->rows = NULL;
	f->n = 0;
}

int
measures_parse(const char *buf, size_t len, const char *file,
    struct measure_file *out, char *err, size_t errlen)
{
	char too_many[128];
	struct csv rd = { buf, len, 0, 1, file, err, errlen, FIELDS_MAX,
	    too_many };
	char (*cells)[RAW_MAX + 2];
	size_t rlen[FIELDS_MAX];
	enum col cols[FIELDS_MAX];
	int nf, line, ncols = 0, cap = 0, ret = -1;

	memset(out, 0, sizeof *out);
	if (errlen > 0)
		err[0] = '\0';
	snprintf(too_many, sizeof too_many, "more than %d columns (expected "
	    EXPECTED ")", FIELDS_MAX);
	if (file == NULL)
		rd.file = "measures";
	if (buf == NULL)
		rd.len = 0;
	if ((cells = malloc(sizeof *cells * FIELDS_MAX)) == NULL)
		return csv_fail(&rd, 1, "out of memory");
	if (rd.len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		rd.at = 3;
	while ((nf = csv_record(&rd, &cells[0][0], RAW_MAX + 2, rlen, &line)) != 0) {
		int blank = 1;

		if (nf < 0)
			goto out;
		for (int i = 0; i < nf; i++) {
			int n;

			if (rlen[i] > RAW_MAX) {
				csv_fail(&rd, line, "a field longer than %d bytes",
				    RAW_MAX);
				goto out;
			}
			if ((n = clean(cells[i], rlen[i])) < 0) {
				csv_fail(&rd, line, "not UTF-8 text (save the "
				    "file as UTF-8)");
				goto out;
			}
			blank &= n == 0;
		}
		if (blank)
			continue;	/* empty lines, and spreadsheets' ",,," */
		if (ncols == 0) {
			if (header(&rd, cells, nf, cols, line) != 0)
				goto out;
			ncols = nf;
			continue;
		}
		if (nf > ncols) {
			csv_fail(&rd, line, "%d columns, but the header names %d",
			    nf, ncols);
			goto out;
		}
		if (out->n == MEASURES_ROWS_MAX) {
			csv_fail(&rd, line, "more than %d rows", MEASURES_ROWS_MAX);
			goto out;
		}
		if (out->n == cap) {
			int ncap = cap ? cap * 2 : 64;
			void *p = realloc(out->rows, sizeof *out->rows *
			    (size_t)ncap);

			if (p == NULL) {
				csv_fail(&rd, line, "out of memory");
				goto out;
			}
			out->rows = p;
			cap = ncap;
		}
		if (row(&rd, cells, nf, cols, line, &out->rows[out->n]) != 0)
			goto out;
		out->n++;
	}
	if (ncols == 0) {
		csv_fail(&rd, 1, "no header row (expected " EXPECTED ")");
		goto out;
	}
	if (out->n == 0) {
		csv_fail(&rd, rd.line > 1 ? rd.line - 1 : 1, "no measures under "
		    "the header");
		goto out;
	}
	ret = check_series(&rd, out);
out:
	free(cells);
	if (ret != 0)
		measures_file_free(out);
	return ret;
}
