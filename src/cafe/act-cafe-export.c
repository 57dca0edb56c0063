/* act-cafe-export.c: a café's sections of the exports: seats, and its tablecloths. */
#include <stdio.h>

#include "export.h"
#include "kind-export.h"

/* CSV: who sat where, round by round (export-csv.c has the parameters). */
static const char sql_seats[] = "SELECT a.session, a.key, t.round, "
    "t.tbl, t.participant, t.host FROM seats t JOIN activities a ON a.id = "
    "t.activity JOIN participants p ON p.id = t.participant WHERE "
    "a.session " IN_SESSIONS " AND " SITE_OK("p.site") " ORDER BY "
    "a.session, a.idx, "
    "t.round, t.tbl, t.host DESC, t.participant";

static const struct export_column cols_seats[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "café activity id (activities.id)" },
	{ "round", "café round, counting from 1" },
	{ "table", "table number, counting from 1" },
	{ "participant", "participant id (participants.id)" },
	{ "host", "1 if this person hosted the table that round, else 0" },
};

static const struct export_table cafe_tables[] = {
	{ 60, "seats", sql_seats, NULL, NULL, cols_seats,
	    EXPORT_COUNT(cols_seats) },
};

/* JSON: each activity's "seats": who sat at which table in which round,
 * hosts marked (export-json.c has the parameters). */
#define SEATS								\
    "(SELECT json_group_array(json(j)) FROM (SELECT json_object("	\
    "'round', t.round, 'table', t.tbl, 'participant', t.participant, "\
    "'host', json(CASE WHEN t.host THEN 'true' ELSE 'false' END)) AS j "\
    "FROM seats t JOIN participants p ON p.id = t.participant "	\
    "WHERE t.activity = a.id AND " SITE_OK("p.site") " "		\
    "ORDER BY t.round, t.tbl, "						\
    "t.host DESC, t.participant))"

static const struct export_json_field cafe_json[] = {
	{ 40, NULL, NULL, NULL, "'seats', " SEATS },
};

/* The reports: the themes, then the lines per table. */
static void
cafe_md(struct export_report *r, void *state, int64_t aid, enum act_kind kind,
    const char *type)
{
	(void)state;
	(void)kind;
	(void)type;
	export_md_notes(r, aid, 1, REPORT_LINES("NULL"));
}

static void
cafe_html(struct export_report *r, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	(void)state;
	(void)kind;
	(void)type;
	export_html_notes(r, aid, 1, REPORT_LINES("NULL"));
}

const struct kind_export cafe_export = {
	.tables = cafe_tables,
	.n_tables = EXPORT_COUNT(cafe_tables),
	.json = cafe_json,
	.n_json = EXPORT_COUNT(cafe_json),
	.md = cafe_md,
	.html = cafe_html,
};
