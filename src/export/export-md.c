/* export-md.c: a readable Markdown summary for an email or a wiki. */
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"

static void
session(struct export_report *m, sqlite3_stmt *ss)
{
	int64_t sid = sqlite3_column_int64(ss, 0);
	sqlite3_stmt *s;
	int total = 0;

	fputs("# ", m->f);
	md_text(m->f, COL_TEXT(ss, 1));
	fputs("\n\n", m->f);
	if (sqlite3_column_type(ss, 2) != SQLITE_NULL) {
		md_text(m->f, COL_TEXT(ss, 2));
		fputs(" · ", m->f);
	}
	fprintf(m->f, "%.10s", COL_TEXT(ss, 3));
	if (m->j->site != NULL) {
		fputs(" · site: ", m->f);
		md_text(m->f, m->j->site);
	}
	fputs("\n\n## Participants\n\n| Site | People |\n|---|---:|\n", m->f);
	if ((s = export_report_query(m, REPORT_SITES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		fputs("| ", m->f);
		md_text(m->f, COL_TEXT(s, 0));
		fprintf(m->f, " | %d |\n", sqlite3_column_int(s, 1));
		total += sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	fprintf(m->f, "| **Total** | %d |\n\n", total);
	if ((s = export_report_query(m, REPORT_ACTIVITIES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t aid = sqlite3_column_int64(s, 0);
		const char *kind = COL_TEXT(s, 2);
		const struct kind_export *x;
		enum act_kind k;
		unsigned slot;

		fprintf(m->f, "## %d. ", sqlite3_column_int(s, 1));
		md_text(m->f, COL_TEXT(s, 4));
		fprintf(m->f, " (%s%s%s%s)\n\n", kind, *COL_TEXT(s, 3) ? ", " :
		    "", COL_TEXT(s, 3), sqlite3_column_int(s, 6) ?
		    ", anonymous" : "");
		if (*COL_TEXT(s, 5) && strcmp(COL_TEXT(s, 5), COL_TEXT(s, 4))) {
			fputs("> ", m->f);
			md_text(m->f, COL_TEXT(s, 5));
			fputs("\n\n", m->f);
		}
		if ((x = export_kind_named(kind, &k, &slot)) != NULL &&
		    x->md != NULL)
			x->md(m, m->state[slot], aid, k, COL_TEXT(s, 3));
	}
	sqlite3_finalize(s);
}

static int
write_md(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	struct export_report m = { st, export_job(o), ids, f, 0, { 0 } };
	sqlite3_stmt *s;
	int n = 0;

	if (export_report_load(&m) != 0)
		m.failed = 1;
	else
		for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
			const struct kind_export *x = export_kind(k);

			if (x != NULL && x->md_front != NULL)
				x->md_front(&m, m.state[k]);
		}
	s = m.failed ? NULL : export_report_query(&m, REPORT_SESSIONS, 0, 0);

	if (s != NULL) {
		while (sqlite3_step(s) == SQLITE_ROW && !m.failed) {
			if (n++ > 0)
				fputs("\n---\n\n", f);
			export_progress(m.j, "sessions", n, n);
			session(&m, s);
		}
		sqlite3_finalize(s);
	}
	export_report_release(&m);
	if (m.failed) {
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	if (n == 0)
		fputs("No sessions.\n", f);
	fprintf(f, "\n*Exported by convene %s.*\n", CONVENE_VERSION);
	return EXIT_OK;
}

const struct export_writer export_md = {
	.name = "md",
	.write = write_md,
	.multi = 0,
};
