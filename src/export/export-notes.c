/* export-notes.c: an activity's shared notes in the Markdown and HTML reports. */
#include <stdio.h>

#include "export.h"

/*
 * Notes are lines written together: by table and round, or by group
 * (store-notes.c).  A kind that keeps them shows them through these,
 * the themes the facilitator marked first when `themes` is set, its
 * lines read by `lines` (REPORT_LINES, export.h).
 */
void
export_md_notes(struct export_report *r, int64_t aid, int themes,
    const char *lines)
{
	sqlite3_stmt *s;
	int last = -1, n = 0;

	if (themes && (s = export_report_query(r, REPORT_THEMES, 0, aid)) !=
	    NULL) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (n++ == 0)
				fputs("**Themes**\n\n", r->f);
			fputs("- ", r->f);
			md_text(r->f, COL_TEXT(s, 0));
			putc('\n', r->f);
		}
		if (n > 0)
			putc('\n', r->f);
		sqlite3_finalize(s);
	}
	if ((s = export_report_query(r, lines, 0, aid)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int place = sqlite3_column_int(s, 0);

		if (place != last) {
			if (last != -1)
				putc('\n', r->f);
			if (sqlite3_column_int(s, 1))
				fprintf(r->f, "**Table %d**\n\n", place);
			else if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
				fputs("**", r->f);
				md_text(r->f, COL_TEXT(s, 4));
				fputs("**\n\n", r->f);
			} else
				fprintf(r->f, "**Group %d**\n\n", place);
			last = place;
		}
		fputs("- ", r->f);
		if (sqlite3_column_int(s, 2) > 0)
			fprintf(r->f, "(round %d) ", sqlite3_column_int(s, 2));
		md_text(r->f, COL_TEXT(s, 3));
		putc('\n', r->f);
	}
	if (last != -1)
		putc('\n', r->f);
	sqlite3_finalize(s);
}

void
export_html_notes(struct export_report *r, int64_t aid, int themes,
    const char *lines)
{
	sqlite3_stmt *s;
	int last = -1, n = 0;

	if (themes && (s = export_report_query(r, REPORT_THEMES, 0, aid)) !=
	    NULL) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (n++ == 0)
				fputs("<h3>Themes</h3><ul>\n", r->f);
			html_cell(r->f, "li class=\"theme\"", COL_TEXT(s, 0));
			putc('\n', r->f);
		}
		if (n > 0)
			fputs("</ul>\n", r->f);
		sqlite3_finalize(s);
	}
	if ((s = export_report_query(r, lines, 0, aid)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int place = sqlite3_column_int(s, 0);

		if (place != last) {
			if (last != -1)
				fputs("</table>\n", r->f);
			fputs("<h3>", r->f);
			if (sqlite3_column_int(s, 1))
				fprintf(r->f, "Table %d", place);
			else if (sqlite3_column_type(s, 4) != SQLITE_NULL)
				html_text(r->f, COL_TEXT(s, 4));
			else
				fprintf(r->f, "Group %d", place);
			fputs("</h3><table><tr><th>Round</th><th>Line</th>"
			    "</tr>\n", r->f);
			last = place;
		}
		fprintf(r->f, "<tr><td class=\"n\">%d</td>",
		    sqlite3_column_int(s, 2));
		html_cell(r->f, "td", COL_TEXT(s, 3));
		fputs("</tr>\n", r->f);
	}
	if (last != -1)
		fputs("</table>\n", r->f);
	sqlite3_finalize(s);
}
