/* act-poll-export.h: the poll's report queries, shared by its md and html parts. */
#ifndef CONVENE_ACT_POLL_EXPORT_H
#define CONVENE_ACT_POLL_EXPORT_H

#include "export.h"

/* People (or ballots) who answered ?5, and whether that is too few to
 * show (only when --site narrows the figures to one site). */
#define REPORT_ANSWERED "SELECT count(DISTINCT coalesce(participant, "	\
    "ballot)), ?2 IS NOT NULL AND count(DISTINCT coalesce(participant, "\
    "ballot)) < ?3 FROM answers WHERE activity = ?5 AND " SITE_OK("site")
/* Each option: label, count, mean rank (rank polls). */
#define REPORT_OPTIONS "SELECT o.label, (SELECT count(*) FROM answers x "\
    "WHERE x.activity = o.activity AND x.choice = o.n AND "		\
    SITE_OK("x.site") "), (SELECT avg(CAST(x.value AS REAL)) FROM "	\
    "answers x WHERE x.activity = o.activity AND x.choice = o.n AND "	\
    SITE_OK("x.site") ") FROM options o WHERE o.activity = ?5 ORDER BY "\
    "o.n"
/* Per site and option: site, answered, label, count (count NULL for a
 * site under ?3, whose figures must not reach the page). */
#define REPORT_SITE_OPTIONS "WITH w AS (SELECT x.site, count(DISTINCT "	\
    "coalesce(x.participant, x.ballot)) AS answered FROM answers x "	\
    "WHERE x.activity = ?5 AND x.site IS NOT NULL AND "		\
    SITE_OK("x.site") " GROUP BY x.site) SELECT si.name, w.answered, "	\
    "o.label, CASE WHEN w.answered >= ?3 THEN (SELECT count(*) FROM "	\
    "answers x WHERE x.activity = ?5 AND x.site = w.site AND x.choice "	\
    "= o.n) END FROM w JOIN sites si ON si.id = w.site JOIN options o "	\
    "ON o.activity = ?5 ORDER BY si.name, o.n"

/* act-poll-export-html.c */
void	poll_export_html(struct export_report *, void *, int64_t,
	    enum act_kind, const char *);

#endif
