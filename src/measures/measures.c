/* measures.c: the sites' measures in the store: import, sites, load, list. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "measures.h"

/*
 * The `measures` table (schema 5, store.c) holds one row a point, keyed
 * by collaborative, site, measure and period: re-importing a period
 * replaces its row whole (value, ratio, note, baseline), and periods not
 * in the file stay as they were.
 */

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define FILE_MAX ((size_t)16 << 20)

static int
db_fail(struct store *st, const char *what, char *err, size_t errlen)
{
	store_fail(st, what);
	snprintf(err, errlen, "%s", store_error(st));
	return -1;
}

/* The whole file, or NULL with the message. */
static char *
slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t cap = 0;

	*len = 0;
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (*len == cap) {
			if (cap >= FILE_MAX) {
				snprintf(err, errlen, "%s: file too large",
				    path);
				goto fail;
			}
			cap = cap ? cap * 2 : 8192;
			if ((p = realloc(buf, cap)) == NULL) {
				snprintf(err, errlen, "%s: out of memory",
				    path);
				goto fail;
			}
			buf = p;
		}
		got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

/* A collaborative's name: printable UTF-8 text, not empty. */
static int
check_name(const char *c, char *err, size_t errlen)
{
	size_t n = c != NULL ? strlen(c) : 0;

	if (n == 0 || n > MEASURE_NAME_MAX || !util_utf8_valid(c, n)) {
		snprintf(err, errlen, "the collaborative's name must be UTF-8 "
		    "text of 1 to %d bytes", MEASURE_NAME_MAX);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)c[i] < 0x20 || c[i] == 0x7f) {
			snprintf(err, errlen, "the collaborative's name holds "
			    "a control character");
			return -1;
		}
	return 0;
}

static int
put_rows(struct store *st, const char *collab, const struct measure_file *m,
    char *err, size_t errlen)
{
	static const char sql[] = "INSERT INTO measures (collaborative, "
	    "site, measure, period, value, numerator, denominator, note, "
	    "baseline, imported) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "nullif(?8, ''), ?9, " NOW ") ON CONFLICT (collaborative, site, "
	    "measure, period) DO UPDATE SET value = excluded.value, "
	    "numerator = excluded.numerator, denominator = "
	    "excluded.denominator, note = excluded.note, baseline = "
	    "excluded.baseline, imported = excluded.imported";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return db_fail(st, "measures", err, errlen);
	for (int i = 0; i < m->n; i++) {
		const struct measure_row *r = &m->rows[i];

		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		sqlite3_bind_text(s, 1, collab, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, r->site, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, r->measure, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, r->pt.period, -1, SQLITE_STATIC);
		sqlite3_bind_double(s, 5, r->pt.value);
		if (r->pt.has_ratio) {
			sqlite3_bind_double(s, 6, r->pt.numerator);
			sqlite3_bind_double(s, 7, r->pt.denominator);
		}
		sqlite3_bind_text(s, 8, r->pt.note, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 9, r->pt.baseline);
		if (store_run(st, s, "measures") != 0) {
			snprintf(err, errlen, "%s", store_error(st));
			return -1;
		}
	}
	return 0;
}

/* After the rows went in: no series of more points than a chart holds. */
static int
check_sizes(struct store *st, const char *path, const char *collab,
    char *err, size_t errlen)
{
	static const char sql[] = "SELECT site, measure, count(*) FROM "
	    "measures WHERE collaborative = ?1 GROUP BY site, measure "
	    "HAVING count(*) > ?2 ORDER BY site, measure LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return db_fail(st, "measures", err, errlen);
	sqlite3_bind_text(s, 1, collab, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, MEASURE_POINTS_MAX);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(err, errlen, "%s: %s at %s would have %d points with "
		    "those already stored (at most %d)", path,
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int(s, 2), MEASURE_POINTS_MAX);
	else if (rc != SQLITE_DONE)
		db_fail(st, "measures", err, errlen);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Read FILE whole, then store it in one transaction: a file with any
 * mistake stores nothing, and neither does one that would make a series
 * longer than MEASURE_POINTS_MAX.
 */
int
measures_import(struct store *st, const char *collab, const char *path,
    char *err, size_t errlen)
{
	struct measure_file m;
	size_t len;
	char *buf;
	int rc;

	if (check_name(collab, err, errlen) != 0)
		return -1;
	if ((buf = slurp(path, &len, err, errlen)) == NULL)
		return -1;
	rc = measures_parse(buf, len, path, &m, err, errlen);
	free(buf);
	if (rc != 0)
		return -1;
	if (store_in_tx(st) || store_begin(st) != 0) {
		snprintf(err, errlen, "%s", store_in_tx(st) ?
		    "a transaction is open" : store_error(st));
		measures_file_free(&m);
		return -1;
	}
	rc = put_rows(st, collab, &m, err, errlen);
	if (rc == 0)
		rc = check_sizes(st, path, collab, err, errlen);
	measures_file_free(&m);
	if (rc != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st) != 0) {
		snprintf(err, errlen, "%s", store_error(st));
		return -1;
	}
	return 0;
}

int
measures_sites(struct store *st, const char *collab, const char *measure,
    char (*out)[SITE_MAX_LEN + 1], int max, int *n, char *err,
    size_t errlen)
{
	static const char sql[] = "SELECT DISTINCT site FROM measures WHERE "
	    "collaborative = ?1 AND measure = ?2 ORDER BY site";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	*n = 0;
	if (s == NULL)
		return db_fail(st, "measures", err, errlen);
	sqlite3_bind_text(s, 1, collab, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, measure, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		util_strlcpy(out[(*n)++], (const char *)sqlite3_column_text(s,
		    0), SITE_MAX_LEN + 1);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(st, "measures", err, errlen);
	return 0;
}

/* One site's series, oldest first, its median computed; a site without
 * that measure gives a series of no points (not an error). */
int
measures_load(struct store *st, const char *collab, const char *site,
    const char *measure, struct measure_series *out, char *err,
    size_t errlen)
{
	static const char sql[] = "SELECT period, value, numerator, "
	    "denominator, coalesce(note, ''), baseline FROM measures WHERE "
	    "collaborative = ?1 AND site = ?2 AND measure = ?3 ORDER BY "
	    "period LIMIT ?4";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	memset(out, 0, sizeof *out);
	util_strlcpy(out->site, site, sizeof out->site);
	util_strlcpy(out->measure, measure, sizeof out->measure);
	if (s == NULL)
		return db_fail(st, "measures", err, errlen);
	sqlite3_bind_text(s, 1, collab, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, site, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, measure, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, MEASURE_POINTS_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct measure_point *p = &out->pts[out->n++];

		util_strlcpy(p->period, (const char *)sqlite3_column_text(s,
		    0), sizeof p->period);
		p->value = sqlite3_column_double(s, 1);
		p->has_ratio = sqlite3_column_type(s, 2) != SQLITE_NULL &&
		    sqlite3_column_type(s, 3) != SQLITE_NULL;
		p->numerator = sqlite3_column_double(s, 2);
		p->denominator = sqlite3_column_double(s, 3);
		util_strlcpy(p->note, (const char *)sqlite3_column_text(s, 4),
		    sizeof p->note);
		p->baseline = sqlite3_column_int(s, 5) != 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "measures", err, errlen);
	out->median = runchart_median(out);
	return 0;
}

int
measures_each(struct store *st, const char *collab,
    int (*fn)(void *, const struct measure_key *), void *arg, char *err,
    size_t errlen)
{
	static const char sql[] = "SELECT collaborative, site, measure, "
	    "count(*), min(period), max(period) FROM measures WHERE ?1 IS "
	    "NULL OR collaborative = ?1 GROUP BY collaborative, measure, site "
	    "ORDER BY collaborative, measure, site";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (s == NULL)
		return db_fail(st, "measures", err, errlen);
	if (collab != NULL)
		sqlite3_bind_text(s, 1, collab, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct measure_key k = {
			(const char *)sqlite3_column_text(s, 0),
			(const char *)sqlite3_column_text(s, 1),
			(const char *)sqlite3_column_text(s, 2),
			sqlite3_column_int(s, 3),
			(const char *)sqlite3_column_text(s, 4),
			(const char *)sqlite3_column_text(s, 5),
		};

		if (fn(arg, &k) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "measures", err, errlen);
	return 0;
}
