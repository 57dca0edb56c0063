/* export-html.c: the learning-session report as one self-contained HTML page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"

/*
 * One file that opens in any browser, offline, and prints well: inline
 * CSS (with print rules), inline SVG charts (export-svg.c), no scripts,
 * no fonts or images fetched.  Everything that came from a plan or a
 * participant passes through html_text().  Per-site charts follow the
 * live views: a site where fewer than --min-group answered is named
 * under the charts as not shown, and its figures are never read.
 */

static const char css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif;color:#1d2a33;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem;overflow-wrap:anywhere}"
    "h1{font-size:1.7rem;margin:0 0 .2rem}h2{font-size:1.25rem;"
    "border-bottom:2px solid #d5dde3;padding-bottom:.2rem;margin-top:2rem}"
    "h3{font-size:1rem;margin:1rem 0 .3rem}"
    ".meta{color:#5a6b78}.q{font-style:italic;color:#33444f}"
    "table{border-collapse:collapse;margin:.4rem 0 1rem}"
    "th,td{border:1px solid #d5dde3;padding:.25rem .5rem;text-align:left;"
    "vertical-align:top}th{background:#eef3f6}td.n{text-align:right}"
    "section{break-inside:avoid-page;margin-bottom:1.5rem}"
    ".multiples{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}"
    ".multiples figure{margin:0}.multiples figcaption{font-weight:600;"
    "font-size:.9rem}"
    ".note{color:#5a6b78;font-size:.9rem}.theme{font-weight:600}"
    "svg.chart{display:block;max-width:100%;height:auto}"
    "svg .bar{fill:#2b7a99}svg .lbl{font-size:12px;fill:#1d2a33}"
    "svg .num{font-size:12px;fill:#33444f}svg .in{font-size:11px;"
    "fill:#fff}svg .axis{stroke:#1d2a33;stroke-width:1}"
    "svg .grid{stroke:#d5dde3;stroke-width:1}svg .cut{stroke:#5a6b78;"
    "stroke-width:1;stroke-dasharray:4 3}svg .track{fill:#e6ecef}"
    "svg.meter{display:inline-block;vertical-align:middle}"
    "table.items td:first-child{max-width:34rem}"
    "h4{font-size:.95rem;margin:.8rem 0 .2rem;font-weight:600}"
    ".comments{margin:.2rem 0 .8rem}"
    "@media print{body{margin:0;max-width:none;font-size:11pt}"
    "h2{break-after:avoid}section,table,figure{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}"
    "svg .bar{fill:#555}svg .track{fill:#e8e8e8}th{background:#eee}}";

static void
session(struct export_report *p, sqlite3_stmt *ss)
{
	int64_t sid = sqlite3_column_int64(ss, 0);
	sqlite3_stmt *s;
	int total = 0;

	fputs("<header><h1>", p->f);
	html_text(p->f, COL_TEXT(ss, 1));
	fputs("</h1><p class=\"meta\">", p->f);
	if (sqlite3_column_type(ss, 2) != SQLITE_NULL) {
		html_text(p->f, COL_TEXT(ss, 2));
		fputs(" · ", p->f);
	}
	html_text(p->f, COL_TEXT(ss, 3));
	if (sqlite3_column_type(ss, 4) != SQLITE_NULL) {
		fputs(" to ", p->f);
		html_text(p->f, COL_TEXT(ss, 4));
	}
	if (p->j->site != NULL) {
		fputs(" · site: ", p->f);
		html_text(p->f, p->j->site);
	}
	fputs("</p></header>\n<section><h2>Participants</h2><table><tr><th>"
	    "Site</th><th>People</th></tr>\n", p->f);
	if ((s = export_report_query(p, REPORT_SITES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		fputs("<tr>", p->f);
		html_cell(p->f, "td", COL_TEXT(s, 0));
		fprintf(p->f, "<td class=\"n\">%d</td></tr>\n",
		    sqlite3_column_int(s, 1));
		total += sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	fprintf(p->f, "<tr><th>Total</th><th class=\"n\">%d</th></tr>"
	    "</table></section>\n", total);
	if ((s = export_report_query(p, REPORT_ACTIVITIES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW && !p->failed) {
		int64_t aid = sqlite3_column_int64(s, 0);
		const char *kind = COL_TEXT(s, 2);
		const struct kind_export *x;
		enum act_kind k;
		unsigned slot;

		fprintf(p->f, "<section><h2>%d. ", sqlite3_column_int(s, 1));
		html_text(p->f, COL_TEXT(s, 4));
		fputs("</h2>\n<p class=\"meta\">", p->f);
		html_text(p->f, kind);
		if (*COL_TEXT(s, 3)) {
			fputs(", ", p->f);
			html_text(p->f, COL_TEXT(s, 3));
		}
		fprintf(p->f, "%s</p>\n", sqlite3_column_int(s, 6) ?
		    ", anonymous" : "");
		if (*COL_TEXT(s, 5) && strcmp(COL_TEXT(s, 5), COL_TEXT(s, 4)))
			html_cell(p->f, "p class=\"q\"", COL_TEXT(s, 5));
		if ((x = export_kind_named(kind, &k, &slot)) != NULL &&
		    x->html != NULL)
			x->html(p, p->state[slot], aid, k, COL_TEXT(s, 3));
		fputs("</section>\n", p->f);
	}
	sqlite3_finalize(s);
}

static int
write_html(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	struct export_report p = { st, export_job(o), ids, f, 0, { 0 } };
	sqlite3_stmt *s;
	int n = 0;

	if (export_report_load(&p) != 0)
		p.failed = 1;
	s = export_report_query(&p, REPORT_SESSIONS, 0, 0);

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>Learning session "
	    "report</title>\n<style>%s</style>\n</head>\n<body>\n", css);
	for (unsigned k = 0; k < ACT_KIND_MAX && !p.failed; k++) {
		const struct kind_export *x = export_kind(k);

		if (x != NULL && x->html_front != NULL)
			x->html_front(&p, p.state[k]);
	}
	if (s != NULL) {
		while (sqlite3_step(s) == SQLITE_ROW && !p.failed) {
			n++;
			export_progress(p.j, "sessions", n, n);
			fputs("<article>\n", f);
			session(&p, s);
			fputs("</article>\n", f);
		}
		sqlite3_finalize(s);
	}
	if (n == 0)
		fputs("<p>No sessions.</p>\n", f);
	if (!p.failed) {
		int m = export_measures_load(st, p.j, ids, err, errlen);

		if (m < 0) {
			export_report_release(&p);
			return EXIT_UNREACHABLE;
		}
		if (m > 0)
			export_measures_html(&p);
	}
	fprintf(f, "<footer class=\"note\">Exported by convene %s. Sites "
	    "where fewer than %d people answered are not shown by site."
	    "</footer>\n</body>\n</html>\n", CONVENE_VERSION,
	    p.j->min_group);
	export_report_release(&p);
	if (p.failed) {
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	return EXIT_OK;
}

const struct export_writer export_html = {
	.name = "html",
	.write = write_html,
	.multi = 0,
};
