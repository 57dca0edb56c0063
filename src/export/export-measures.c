/* export-measures.c: the sites' measures and their run-chart signals in the exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"
#include "measures.h"

/*
 * An export holds the measures of the collaboratives its sessions belong
 * to (with --collaborative, that one's), and with --site only that
 * site's.  The medians and signals are the run-chart rules' (runchart.c),
 * so they are worked out here, in C, once per export, into two TEMP
 * tables the JSON document, the CSV tables and the report read:
 *
 *   temp.export_series   id, collaborative, site, measure, median
 *   temp.export_signals  series, n, rule, from_period, to_period, text
 *
 * A database without measures (or from before schema 5) gets none of
 * this: its exports stay as they were, byte for byte.
 */

#define SCOPE "m.collaborative IN (SELECT collaborative FROM sessions " \
    "WHERE id " IN_SESSIONS ") AND (?2 IS NULL OR m.site = ?2)"

static int
exec(struct store *st, const char *sql, char *err, size_t errlen)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	snprintf(err, errlen, "measures: %s", sqlite3_errmsg(st->db));
	return -1;
}

/* One series' row and its signals. */
static int
put_series(struct store *st, sqlite3_stmt *ins, sqlite3_stmt *sig,
    const char *collab, const struct measure_series *s, int id, char *err,
    size_t errlen)
{
	struct runchart_signal g[MEASURE_SIGNALS_MAX];
	int n = runchart_signals(s, g, MEASURE_SIGNALS_MAX);

	sqlite3_reset(ins);
	sqlite3_bind_int(ins, 1, id);
	sqlite3_bind_text(ins, 2, collab, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 3, s->site, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 4, s->measure, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(ins, 5, s->median);
	if (sqlite3_step(ins) != SQLITE_DONE)
		goto fail;
	for (int i = 0; i < n; i++) {
		sqlite3_reset(sig);
		sqlite3_bind_int(sig, 1, id);
		sqlite3_bind_int(sig, 2, i + 1);
		sqlite3_bind_text(sig, 3, runchart_rule_name(g[i].rule), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(sig, 4, s->pts[g[i].from].period, -1,
		    SQLITE_TRANSIENT);
		sqlite3_bind_text(sig, 5, s->pts[g[i].to].period, -1,
		    SQLITE_TRANSIENT);
		sqlite3_bind_text(sig, 6, g[i].text, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(sig) != SQLITE_DONE)
			goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "measures: %s", sqlite3_errmsg(st->db));
	return -1;
}

/*
 * Fill the TEMP tables for this export; returns the number of series, or
 * -1 with a message.  Run again, it starts afresh.
 */
int
export_measures_load(struct store *st, const struct export_job *j,
    const char *ids, char *err, size_t errlen)
{
	static const char keys[] = "SELECT DISTINCT m.collaborative, "
	    "m.site, m.measure FROM measures m WHERE " SCOPE " ORDER BY "
	    "m.collaborative, m.measure, m.site";
	sqlite3_stmt *k = NULL, *ins = NULL, *sig = NULL;
	struct measure_series *s = NULL;
	int n = 0, rc;

	if (exec(st, "CREATE TEMP TABLE IF NOT EXISTS export_series (id "
	    "INTEGER PRIMARY KEY, collaborative TEXT, site TEXT, measure "
	    "TEXT, median REAL); CREATE TEMP TABLE IF NOT EXISTS "
	    "export_signals (series INTEGER, n INTEGER, rule TEXT, "
	    "from_period TEXT, to_period TEXT, text TEXT); DELETE FROM "
	    "temp.export_series; DELETE FROM temp.export_signals", err,
	    errlen) != 0)
		return -1;
	if (!export_has_table(st, "measures"))
		return 0;
	if ((k = export_query(st, j, ids, keys)) == NULL ||
	    sqlite3_prepare_v2(st->db, "INSERT INTO temp.export_series "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, "INSERT INTO temp.export_signals "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &sig, NULL) != SQLITE_OK ||
	    (s = malloc(sizeof *s)) == NULL) {
		snprintf(err, errlen, "measures: %s", s == NULL && k != NULL &&
		    sig != NULL ? "out of memory" : sqlite3_errmsg(st->db));
		n = -1;
		goto out;
	}
	while ((rc = sqlite3_step(k)) == SQLITE_ROW) {
		const char *c = COL_TEXT(k, 0);

		if (measures_load(st, c, COL_TEXT(k, 1), COL_TEXT(k, 2), s,
		    err, errlen) != 0 || put_series(st, ins, sig, c, s, n + 1,
		    err, errlen) != 0) {
			n = -1;
			goto out;
		}
		n++;
	}
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "measures: %s", sqlite3_errmsg(st->db));
		n = -1;
	}
out:
	free(s);
	sqlite3_finalize(k);
	sqlite3_finalize(ins);
	sqlite3_finalize(sig);
	return n;
}

/* The top-level "measures" of the JSON document: one object per site and
 * measure, in the order of the CSV table. */
const char export_measures_json[] = "'measures', (SELECT "
    "json_group_array(json(j)) FROM (SELECT json_object('collaborative', "
    "e.collaborative, 'site', e.site, 'measure', e.measure, 'median', "
    "e.median, 'points', (SELECT json_group_array(json(p)) FROM (SELECT "
    "json_object('period', m.period, 'value', m.value, 'numerator', "
    "m.numerator, 'denominator', m.denominator, 'note', m.note, "
    "'baseline', json(CASE WHEN m.baseline THEN 'true' ELSE 'false' END)) "
    "AS p FROM main.measures m WHERE m.collaborative = e.collaborative "
    "AND m.site = e.site AND m.measure = e.measure ORDER BY m.period)), "
    "'signals', (SELECT json_group_array(json(g)) FROM (SELECT "
    "json_object('rule', x.rule, 'from', x.from_period, 'to', "
    "x.to_period, 'text', x.text) AS g FROM temp.export_signals x WHERE "
    "x.series = e.id ORDER BY x.n))) AS j FROM temp.export_series e "
    "ORDER BY e.id))";

/* The CSV tables.  A point's `signal` names the shifts and trends it is
 * part of (the runs rule is about a whole series: see signals.csv). */
static const char sql_measures[] = "SELECT e.collaborative, e.site, "
    "e.measure, m.period, m.value, m.numerator, m.denominator, m.note, "
    "CASE WHEN m.baseline THEN 'true' ELSE 'false' END, e.median, "
    "(SELECT group_concat(rule, ';') FROM (SELECT DISTINCT x.rule FROM "
    "temp.export_signals x WHERE x.series = e.id AND x.rule <> 'runs' AND "
    "m.period BETWEEN x.from_period AND x.to_period ORDER BY x.rule)) "
    "FROM temp.export_series e JOIN main.measures m ON m.collaborative = "
    "e.collaborative AND m.site = e.site AND m.measure = e.measure ORDER "
    "BY e.id, m.period";
static const char sql_measures_old[] = "SELECT NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0";
static const char sql_signals[] = "SELECT e.collaborative, e.site, "
    "e.measure, x.rule, x.from_period, x.to_period, x.text FROM "
    "temp.export_signals x JOIN temp.export_series e ON e.id = x.series "
    "ORDER BY e.id, x.n";

static const struct export_column cols_measures[] = {
	{ "collaborative", "the collaborative the measures were imported "
	    "into (convene measures import)" },
	{ "site", "the site whose measure it is" },
	{ "measure", "the measure's name, as imported" },
	{ "period", "the point's month (YYYY-MM) or day (YYYY-MM-DD)" },
	{ "value", "the point's value, as plotted on the run chart" },
	{ "numerator", "its numerator, if imported" },
	{ "denominator", "its denominator, if imported" },
	{ "note", "the note imported with the point" },
	{ "baseline", "true if the median is taken from the points so "
	    "marked (with none marked, from all of the series)" },
	{ "median", "the series' median: the run chart's centre line" },
	{ "signal", "the run-chart signals the point is part of: shift, "
	    "trend, or both separated by \";\" (Perla, Provost & Murray, "
	    "BMJ Qual Saf 2011)" },
};

static const struct export_column cols_signals[] = {
	{ "collaborative", "the collaborative (measures.collaborative)" },
	{ "site", "the site (measures.site)" },
	{ "measure", "the measure (measures.measure)" },
	{ "rule", "shift (6 or more points on one side of the median), "
	    "trend (5 or more going one way) or runs (too few or too many)" },
	{ "from", "the period of the signal's first point" },
	{ "to", "the period of its last point" },
	{ "text", "the signal in words" },
};

static const struct export_table tables[] = {
	{ 200, "measures", sql_measures, "measures", sql_measures_old,
	    cols_measures, EXPORT_COUNT(cols_measures) },
	{ 210, "signals", sql_signals, NULL, NULL, cols_signals,
	    EXPORT_COUNT(cols_signals) },
};

/* measures.csv (0) and signals.csv (1). */
const struct export_table *
export_measures_table(int i)
{
	return &tables[i];
}
