/* act-breakout-export.c: a breakout's sections of the exports: notes and commitments. */
#include <stdio.h>

#include "export.h"
#include "kind-export.h"
#include "act-breakout.h"
#include "act-reportback.h"

/* CSV: what each group committed to test (export-csv.c has the
 * parameters).  With --site: the groups with a member from that site, or
 * named after it. */
#define GROUP_OK(g) "(?2 IS NULL OR " g ".name = ?2 OR EXISTS (SELECT 1 " \
    "FROM members m JOIN participants p ON p.id = m.participant WHERE " \
    "m.activity = " g ".activity AND m.grp = " g ".grp AND " \
    SITE_OK("p.site") "))"

static const char sql_commitments[] = "SELECT a.session, a.key, g.grp, "
    "g.name, g.change, g.owner, g.due, g.measure, g.updated FROM groups g "
    "JOIN activities a ON a.id = g.activity WHERE a.session " IN_SESSIONS
    " AND " GROUP_OK("g") " ORDER BY a.session, a.idx, g.grp";

static const struct export_column cols_commitments[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "breakout activity id (activities.id)" },
	{ "group", "group number, counting from 1 (notes.group)" },
	{ "name", "the group's name (often its site)" },
	{ "change", "the change the group will test" },
	{ "owner", "who will test it" },
	{ "due", "by when" },
	{ "measure", "how they will know it is an improvement" },
	{ "updated", "when the commitment was last changed (ISO-8601, UTC)" },
};

static const struct export_table breakout_tables[] = {
	{ 90, "commitments", sql_commitments, NULL, NULL, cols_commitments,
	    EXPORT_COUNT(cols_commitments) },
};

/* JSON: each activity's "commitments" (export-json.c has the
 * parameters), groups chosen as above. */
#define COMMITMENT_KEYS "'group', g.name, 'number', g.grp, 'change', "	\
    "g.change, 'owner', g.owner, 'due', g.due, 'measure', g.measure, "	\
    "'updated', g.updated"
/* With what the sites reported back on it later, when they did
 * (FOLLOWUPS_CTE, act-reportback.h). */
#define COMMITMENTS							\
    "(SELECT json_group_array(json(j)) FROM (SELECT CASE WHEN fu.j IS "	\
    "NULL THEN json_object(" COMMITMENT_KEYS ") ELSE json_object("	\
    COMMITMENT_KEYS ", 'followups', json(fu.j)) END AS j FROM groups g "	\
    "LEFT JOIN fups fu ON fu.src = g.activity AND fu.grp = g.grp WHERE "\
    "g.activity = a.id AND (?2 IS "\
    "NULL OR g.name = ?2 OR EXISTS (SELECT 1 FROM members m JOIN "	\
    "participants p ON p.id = m.participant WHERE m.activity = "	\
    "g.activity AND m.grp = g.grp AND " SITE_OK("p.site") ")) ORDER BY "\
    "g.grp))"

static const struct export_json_field breakout_json[] = {
	{ 60, FOLLOWUPS_CTE, "followups", FOLLOWUPS_CTE_OLD,
	    "'commitments', " COMMITMENTS },
};

/* The reports: each group's lines, then the groups' commitments
 * (BREAKOUT_COMMITMENTS, act-breakout.h). */
#define REPORT_GROUP_LINES REPORT_LINES("(SELECT g.name FROM groups g "	\
    "WHERE g.activity = n.activity AND g.grp = n.grp)")

static void
md_commitments(struct export_report *m, int64_t aid)
{
	sqlite3_stmt *s = export_report_query(m, BREAKOUT_COMMITMENTS, 0, aid);
	int n = 0;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fputs("**Commitments**\n\n| Group | Change to test | "
			    "Who | By when | Measure |\n|---|---|---|---|---|\n",
			    m->f);
		for (int i = 0; i < 5; i++) {
			fputs("| ", m->f);
			md_text(m->f, COL_TEXT(s, i));
			putc(' ', m->f);
		}
		fputs("|\n", m->f);
	}
	if (n > 0)
		putc('\n', m->f);
	sqlite3_finalize(s);
}

static void
html_commitments(struct export_report *p, int64_t aid)
{
	sqlite3_stmt *s = export_report_query(p, BREAKOUT_COMMITMENTS, 0, aid);
	int n = 0;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fputs("<h3>Commitments</h3><table><tr><th>Group</th>"
			    "<th>Change to test</th><th>Who</th><th>By when"
			    "</th><th>Measure</th></tr>\n", p->f);
		fputs("<tr>", p->f);
		for (int i = 0; i < 5; i++)
			html_cell(p->f, "td", COL_TEXT(s, i));
		fputs("</tr>\n", p->f);
	}
	if (n > 0)
		fputs("</table>\n", p->f);
	sqlite3_finalize(s);
}

static void
breakout_md(struct export_report *r, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	(void)state;
	(void)kind;
	(void)type;
	export_md_notes(r, aid, 0, REPORT_GROUP_LINES);
	md_commitments(r, aid);
}

static void
breakout_html(struct export_report *r, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	(void)state;
	(void)kind;
	(void)type;
	export_html_notes(r, aid, 0, REPORT_GROUP_LINES);
	html_commitments(r, aid);
}

const struct kind_export breakout_export = {
	.tables = breakout_tables,
	.n_tables = EXPORT_COUNT(breakout_tables),
	.json = breakout_json,
	.n_json = EXPORT_COUNT(breakout_json),
	.md = breakout_md,
	.html = breakout_html,
};
