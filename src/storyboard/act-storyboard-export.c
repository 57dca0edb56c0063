/* act-storyboard-export.c: a storyboard's sections of the exports: the
 * feedback left on each site's board, by site (the run charts themselves
 * are the measures', exported from src/measures). */
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"
#include "act-storyboard.h"

/* With --site: lines on that site's board, or written by its people. */
#define LINE_OK(f) "(?2 IS NULL OR " f ".board = ?2 OR EXISTS (SELECT 1 " \
    "FROM participants q WHERE q.id = " f ".participant AND "		\
    SITE_OK("q.site") "))"

static const char sql_feedback[] = "SELECT a.session, a.key, a.type, "
    "f.board, f.round, f.part, f.text, f.participant, p.name, si.name, "
    "f.at FROM story_feedback f JOIN activities a ON a.id = f.activity "
    "JOIN participants p ON p.id = f.participant LEFT JOIN sites si ON "
    "si.id = p.site WHERE a.session " IN_SESSIONS " AND " LINE_OK("f")
    " ORDER BY a.session, a.idx, f.board, f.round, CASE f.part WHEN "
    "'impressed' THEN 0 WHEN 'question' THEN 1 ELSE 2 END, f.id";

static const struct export_column cols_feedback[] = {
	{ "session", "session id (sessions.id)" },
	{ "activity", "storyboard activity id (activities.id)" },
	{ "measure", "the measure the boards showed (activities.type)" },
	{ "board", "the site whose board the line was left on" },
	{ "round", "the round of visits, counting from 1" },
	{ "part", "impressed (what impressed us), question (a question) "
	    "or idea (an idea to try)" },
	{ "text", "the line as written" },
	{ "participant", "who wrote it (participants.id)" },
	{ "author", "their name" },
	{ "author_site", "their site (never the board's own)" },
	{ "at", "when it was written or last changed (ISO-8601, UTC)" },
};

/* Written, with its lines in the data dictionary, only when a database
 * holds feedback (kind-export.h): other databases export as before. */
static const struct export_table storyboard_tables[] = {
	{ 95, "storyboard_feedback", sql_feedback, "story_feedback", NULL,
	    cols_feedback, EXPORT_COUNT(cols_feedback) },
};

/*
 * JSON: each activity's "storyboard", the feedback by site:
 * [{"site", "feedback": [{"round", "part", "text", "participant",
 * "author_site", "at"}]}].  Written only when a database holds feedback
 * (a field that needs a table and has no stand-in, kind-export.h), so the
 * document of a database without any is as it was.
 */
#define STORY_CTE							\
    "story_by_site (id, j) AS (SELECT activity, json_group_array("	\
    "json(j)) FROM (SELECT activity, board, json_object('site', board, "\
    "'feedback', json_group_array(json(j))) AS j FROM (SELECT "	\
    "f.activity, f.board, json_object('round', f.round, 'part', f.part,"\
    " 'text', f.text, 'participant', f.participant, 'author_site', "	\
    "si.name, 'at', f.at) AS j FROM story_feedback f JOIN participants "\
    "p ON p.id = f.participant LEFT JOIN sites si ON si.id = p.site "	\
    "WHERE " LINE_OK("f") " ORDER BY f.activity, f.board, f.round, "	\
    "CASE f.part WHEN 'impressed' THEN 0 WHEN 'question' THEN 1 ELSE 2 "\
    "END, f.id) GROUP BY activity, board ORDER BY activity, board) "	\
    "GROUP BY activity)"

static const struct export_json_field storyboard_json[] = {
	{ 70, STORY_CTE, "story_feedback", NULL, "'storyboard', json("
	    "coalesce((SELECT j FROM story_by_site r WHERE r.id = a.id), "
	    "'[]'))" },
};

/* The reports: ?5 is the activity. */
#define REPORT_FEEDBACK "SELECT f.board, f.part, f.text, coalesce(si.name,"\
    " ''), f.round FROM story_feedback f JOIN participants p ON p.id = "\
    "f.participant LEFT JOIN sites si ON si.id = p.site WHERE "	\
    "f.activity = ?5 AND " LINE_OK("f") " ORDER BY f.board, CASE f.part "\
    "WHEN 'impressed' THEN 0 WHEN 'question' THEN 1 ELSE 2 END, f.round,"\
    " f.id"

static int
part_of(sqlite3_stmt *s)
{
	const char *w = COL_TEXT(s, 1);

	return story_part_parse(w, strlen(w));
}

static void
storyboard_md(struct export_report *m, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	sqlite3_stmt *s;
	char board[SITE_MAX_LEN + 1] = "";
	int n = 0;

	(void)state, (void)kind;
	if (!export_has_table(m->st, "story_feedback"))
		return;
	if ((s = export_report_query(m, REPORT_FEEDBACK, 0, aid)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0) {
			fputs("**Storyboard feedback by site** (", m->f);
			md_text(m->f, type);
			fputs(")\n", m->f);
		}
		if (strcmp(board, COL_TEXT(s, 0)) != 0) {
			util_strlcpy(board, COL_TEXT(s, 0), sizeof board);
			fputs("\n*", m->f);
			md_text(m->f, board);
			fputs("*\n\n", m->f);
		}
		fprintf(m->f, "- %s: ", story_part_label(part_of(s)));
		md_text(m->f, COL_TEXT(s, 2));
		fputs(" (from ", m->f);
		md_text(m->f, *COL_TEXT(s, 3) ? COL_TEXT(s, 3) : "no site");
		fprintf(m->f, ", round %d)\n", sqlite3_column_int(s, 4));
	}
	if (n == 0)
		fputs("No feedback was left on the boards.\n", m->f);
	putc('\n', m->f);
	sqlite3_finalize(s);
}

static void
storyboard_html(struct export_report *p, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	sqlite3_stmt *s;
	char board[SITE_MAX_LEN + 1] = "";
	int n = 0;

	(void)state, (void)kind;
	if (!export_has_table(p->st, "story_feedback"))
		return;
	if ((s = export_report_query(p, REPORT_FEEDBACK, 0, aid)) == NULL)
		return;
	fputs("<h3>Storyboard feedback by site: ", p->f);
	html_text(p->f, type);
	fputs("</h3>\n", p->f);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (strcmp(board, COL_TEXT(s, 0)) != 0) {
			if (n > 0)
				fputs("</ul>\n", p->f);
			util_strlcpy(board, COL_TEXT(s, 0), sizeof board);
			fputs("<h4>", p->f);
			html_text(p->f, board);
			fputs("</h4><ul>\n", p->f);
		}
		n++;
		fprintf(p->f, "<li><b>%s</b>: ", story_part_label(part_of(s)));
		html_text(p->f, COL_TEXT(s, 2));
		fputs(" <small>(from ", p->f);
		html_text(p->f, *COL_TEXT(s, 3) ? COL_TEXT(s, 3) : "no site");
		fprintf(p->f, ", round %d)</small></li>\n",
		    sqlite3_column_int(s, 4));
	}
	fputs(n > 0 ? "</ul>\n" : "<p>No feedback was left on the boards."
	    "</p>\n", p->f);
	sqlite3_finalize(s);
}

const struct kind_export storyboard_export = {
	.tables = storyboard_tables,
	.n_tables = EXPORT_COUNT(storyboard_tables),
	.json = storyboard_json,
	.n_json = EXPORT_COUNT(storyboard_json),
	.md = storyboard_md,
	.html = storyboard_html,
};
