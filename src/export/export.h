/* export.h: internals shared by the export-*.c files (not for other layers). */
#ifndef CONVENE_EXPORT_H
#define CONVENE_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "store.h"

/*
 * Every export query reads the same bound parameters, so one binding
 * helper serves every writer:
 *   ?1  the session ids as a JSON array (export_session_ids)
 *   ?2  --site NAME, or NULL for every site
 *   ?3  --min-group N: per-site figures of fewer people are suppressed
 */
#define IN_SESSIONS "IN (SELECT value FROM json_each(?1))"
/* Does a sites.id column pass --site? */
#define SITE_OK(col) "(?2 IS NULL OR " col " IN (SELECT id FROM sites " \
    "WHERE name = ?2))"
/* Where a session's rows came from (see export_begin). */
#define SOURCE_OF(col) "(SELECT source FROM temp.export_source WHERE " \
    "session = " col ")"

#define EXPORT_MIN_GROUP 5

/*
 * One export run.  `o` comes first so a writer, which is handed the
 * struct export_opts of convene.h, can reach the rest: every caller
 * passes the `o` of a struct export_job (export_job() converts back).
 */
struct export_job {
	struct export_opts o;
	const char *collaborative;	/* --collaborative: its sessions */
	const char *site;		/* --site: only that site's rows */
	int	min_group;		/* suppression threshold */
	int	progress;		/* stderr is a terminal: show progress */
	int64_t	started_ms;		/* for progress: only long exports */
};

static inline const struct export_job *
export_job(const struct export_opts *o)
{
	return (const struct export_job *)(const void *)o;
}

/* export.c */
int	export_select(struct store *, const struct export_job *, char **,
	    char *, size_t);
int	export_begin(struct store *, const char *, char *, size_t);
sqlite3_stmt *export_query(struct store *, const struct export_job *,
	    const char *, const char *);
void	export_progress(const struct export_job *, const char *, int, int);
void	export_progress_done(const struct export_job *);

/* export-measures.c: the sites' measures of the exported collaboratives,
 * with their medians and run-chart signals in TEMP tables; the number of
 * series (0: the exports are as without measures), or -1. */
struct export_table;
int	export_measures_load(struct store *, const struct export_job *,
	    const char *, char *, size_t);
extern const char export_measures_json[];
const struct export_table *export_measures_table(int);	/* 0, 1 */

/* export-measures-html.c: the report's run charts, one per site and
 * measure. */
struct export_report;
void	export_measures_html(struct export_report *);

/* export-merge.c */
int	export_merge(char **, int, struct store **, char *, size_t);

/* export-md.c */
extern const struct export_writer export_md;

/* export-html.c */
extern const struct export_writer export_html;

/* export-svg.c: the escaping writer and the inline SVG charts. */
void	html_text(FILE *, const char *);
void	html_cut(FILE *, const char *, int);
struct svg_bar {
	const char *label;
	double	value;		/* bar length, in the chart's own unit */
	char	note[40];	/* printed after the bar: "7 (58%)" */
};
void	svg_bars(FILE *, const struct svg_bar *, int, int);
void	svg_diverging(FILE *, const char *const *, const int *, int, int);
/* One line per site across sessions: y[x] is drawn where n[x] > 0 (a
 * suppressed or missing point is a gap); x labels short, tips full. */
struct svg_series {
	const char *label;
	const double *y;
	const int *n;
	/* Faculty's points beside the line, hollow, where fn[x] > 0 (how
	 * many rated); fy NULL: none. */
	const double *fy;
	const int *fn;
};
/* Under a line chart: at[x] of of[x] lines at `cut` or above. */
struct svg_share {
	const char *label;
	const int *at, *of;
	double cut;
};
void	svg_lines(FILE *, const char *const *, const char *const *, int,
	    const struct svg_series *, int, double, double,
	    const struct svg_share *, int);
/* Bars over a scale's whole range (lo..hi); n 0: suppressed, no bar. */
struct svg_range {
	const char *label;
	double	value;
	int	n;
};
void	svg_ranges(FILE *, const struct svg_range *, int, double, double,
	    int, int);
void	svg_meter(FILE *, double, double, double, int);

/*
 * A Markdown or HTML report being written, handed to the kinds' hooks
 * (kind-export.h): `state` holds what each kind's `load` hook read for
 * the whole report, by kind.
 */
struct export_report {
	struct store *st;
	const struct export_job *j;
	const char *ids;
	FILE	*f;
	int	 failed;
	void	*state[ACT_KIND_MAX];
};
/* A fresh statement for a report's query with ?4 and ?5 bound (0: leave
 * unbound), or NULL and `failed` set. */
sqlite3_stmt *export_report_query(struct export_report *, const char *,
	    int64_t, int64_t);
int	export_report_load(struct export_report *);
void	export_report_release(struct export_report *);

/* export-text.c: user text made safe for Markdown and HTML. */
void	md_text(FILE *, const char *);
void	html_cell(FILE *, const char *, const char *);

/* export-notes.c: the shared notes of an activity (its lines by place,
 * from REPORT_LINES, with the themes first when asked) in the reports. */
void	export_md_notes(struct export_report *, int64_t, int, const char *);
void	export_html_notes(struct export_report *, int64_t, int,
	    const char *);

/*
 * Queries shared by the md and html writers.  ?4 is a session id, ?5 an
 * activity's row id; ?1 to ?3 as above.
 */
#define REPORT_SESSIONS "SELECT id, title, collaborative, started, "	\
    "ended, " SOURCE_OF("id") " FROM sessions WHERE id " IN_SESSIONS	\
    " ORDER BY id"
#define REPORT_SITES "SELECT coalesce(si.name, '(no site)'), count(*) "	\
    "FROM participants p LEFT JOIN sites si ON si.id = p.site WHERE "	\
    "p.session = ?4 AND " SITE_OK("p.site") " GROUP BY 1 ORDER BY 1"
#define REPORT_ACTIVITIES "SELECT id, idx + 1, kind, coalesce(type, ''), "\
    "title, coalesce(question, ''), anonymous FROM activities WHERE "	\
    "session = ?4 ORDER BY idx"
/* Free text that was not hidden, by what it says (never by arrival):
 * a form's ratings (numbers) and its bookkeeping items ("_submitted")
 * are not comments. */
#define NOT_BOOKKEEPING "coalesce(item, '') NOT LIKE '\\_%' ESCAPE '\\'"
#define TEXTS_WHERE "FROM answers WHERE activity = ?5 AND NOT hidden "\
    "AND choice IS NULL AND trim(value) <> '' AND NOT (item IS NOT NULL "\
    "AND value GLOB '[0-9]*') AND " NOT_BOOKKEEPING " AND "		\
    SITE_OK("site") " ORDER BY item, value"
#define REPORT_TEXTS "SELECT coalesce(item, ''), value " TEXTS_WHERE
/* The same with REPORT_TEXTS_FORM's columns, for a database without
 * form_items: the item id stands for its question. */
#define REPORT_TEXTS_ITEMS "SELECT coalesce(item, ''), value, "	\
    "coalesce(item, '') " TEXTS_WHERE
#define REPORT_THEMES "SELECT n.text FROM notes n LEFT JOIN participants "\
    "p ON p.id = n.participant WHERE n.activity = ?5 AND n.theme AND "	\
    "(?2 IS NULL OR " SITE_OK("p.site") ") ORDER BY n.id"
/* Notes by place: a table's lines (by round), or a group's; `name` is
 * the SQL of a group's name (NULL: "Group N"), read with the note as n. */
#define REPORT_LINES(name) "SELECT coalesce(n.tbl, n.grp, 0), n.tbl IS "	\
    "NOT NULL, coalesce(n.round, 0), n.text, " name " FROM notes n "	\
    "LEFT JOIN participants p ON p.id = n.participant WHERE n.activity "\
    "= ?5 AND (?2 IS NULL OR " SITE_OK("p.site") ") ORDER BY "		\
    "n.tbl IS NULL, coalesce(n.tbl, n.grp), n.round, n.id"
int	export_has_table(struct store *, const char *);
int	export_has_rows(struct store *, const char *);

/* Run `s` with ?4 and ?5 bound (0: leave unbound). */
int	export_bind_ids(sqlite3_stmt *, int64_t, int64_t);
#define COL_TEXT(s, i) ((const char *)sqlite3_column_text(s, i) ?	\
    (const char *)sqlite3_column_text(s, i) : "")
#endif
