/* fuzz-measures.c: libFuzzer target for the measures CSV reader.
 *
 * Any bytes give rows or one FILE:LINE message.  Rows that read hold
 * only clean text (valid UTF-8, no control characters, within their
 * fields), real periods, finite numbers, a positive denominator where
 * there is a ratio, no period twice in a series and no series longer
 * than a chart holds; and the run-chart rules, run on every series the
 * rows make, give signals inside the series.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "measures.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); abort(); } } while (0)

static void
clean_text(const char *s, size_t max)
{
	size_t n = strlen(s);

	CHECK(n <= max);
	CHECK(util_utf8_valid(s, n));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		CHECK(c >= 0x20 && c != 0x7f);
		if (c == 0xc2 && i + 1 < n)
			CHECK((unsigned char)s[i + 1] >= 0xa0);
	}
	CHECK(n == 0 || (s[0] != ' ' && s[n - 1] != ' '));
}

static int
by_key(const void *x, const void *y)
{
	const struct measure_row *a = x, *b = y;
	int c = strcmp(a->site, b->site);

	if (c == 0)
		c = strcmp(a->measure, b->measure);
	return c != 0 ? c : strcmp(a->pt.period, b->pt.period);
}

/* Each series the rows make, through the rules. */
static void
rules(struct measure_row *r, int n)
{
	static struct measure_series s;
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];

	qsort(r, (size_t)n, sizeof *r, by_key);
	for (int i = 0; i < n; ) {
		int k = 0;

		memset(&s, 0, sizeof s);
		while (i + k < n && strcmp(r[i + k].site, r[i].site) == 0 &&
		    strcmp(r[i + k].measure, r[i].measure) == 0) {
			CHECK(k < MEASURE_POINTS_MAX);
			if (k > 0)
				CHECK(strcmp(r[i + k - 1].pt.period,
				    r[i + k].pt.period) < 0);
			s.pts[k] = r[i + k].pt;
			k++;
		}
		s.n = k;
		s.median = runchart_median(&s);
		CHECK(isfinite(s.median));
		int m = runchart_signals(&s, sig, MEASURE_SIGNALS_MAX);

		CHECK(m >= 0 && m <= MEASURE_SIGNALS_MAX);
		for (int j = 0; j < m; j++) {
			CHECK(sig[j].from >= 0 && sig[j].from <= sig[j].to &&
			    sig[j].to < s.n);
			CHECK(strncmp(sig[j].text,
			    runchart_rule_name(sig[j].rule),
			    strlen(runchart_rule_name(sig[j].rule))) == 0);
		}
		i += k;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char err[512];
	struct measure_file m;
	char *buf = malloc(size ? size : 1);

	CHECK(buf != NULL);
	memcpy(buf, data, size);
	if (measures_parse(buf, size, "fuzz.csv", &m, err, sizeof err) == 0) {
		CHECK(m.n >= 1 && m.n <= MEASURES_ROWS_MAX);
		for (int i = 0; i < m.n; i++) {
			const struct measure_row *r = &m.rows[i];
			size_t p = strlen(r->pt.period);

			clean_text(r->site, SITE_MAX_LEN);
			clean_text(r->measure, MEASURE_NAME_MAX);
			clean_text(r->pt.note, MEASURE_NOTE_MAX);
			CHECK(r->site[0] != '\0' && r->measure[0] != '\0');
			CHECK(p == 7 || p == 10);
			CHECK(isfinite(r->pt.value));
			if (r->pt.has_ratio)
				CHECK(isfinite(r->pt.numerator) &&
				    r->pt.denominator > 0 &&
				    isfinite(r->pt.denominator));
			CHECK(r->pt.baseline == 0 || r->pt.baseline == 1);
			CHECK(r->line >= 2);
		}
		rules(m.rows, m.n);
		measures_file_free(&m);
	} else
		CHECK(strncmp(err, "fuzz.csv:", 9) == 0);
	free(buf);
	return 0;
}
