/* act-reportback-export.c: a report-back in the exports: followups.csv,
 * and in the reports each site's commitments of last time with what
 * became of them.  (In JSON, a breakout's commitments carry their
 * followups: act-breakout-export.c, with FOLLOWUPS_CTE below.) */
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "kind-export.h"
#include "act-reportback.h"

/* CSV (export-csv.c has the parameters): one row per site and
 * commitment reported on, with the commitment's change for reading. */
#define FOLLOWUP_CHANGE "coalesce((SELECT g.change FROM groups g WHERE "\
    "g.activity = f.source AND g.grp = f.grp), (SELECT x.value FROM "	\
    "answers x WHERE x.activity = f.source AND x.item = f.item || "	\
    "'.what' AND (x.participant = f.person OR (f.person IS NULL AND "	\
    "x.site = f.site)) ORDER BY x.id DESC LIMIT 1))"

static const char sql_followups[] = "SELECT a.session, a.key, si.name, "
    "b.session, b.key, f.grp, (SELECT g.name FROM groups g WHERE "
    "g.activity = f.source AND g.grp = f.grp), f.item, f.person, "
    FOLLOWUP_CHANGE ", f.status, f.learned, f.next, f.participant, f.at "
    "FROM followups f JOIN activities a ON a.id = f.activity JOIN "
    "activities b ON b.id = f.source JOIN sites si ON si.id = f.site WHERE "
    "a.session " IN_SESSIONS " AND " SITE_OK("f.site") " ORDER BY "
    "a.session, a.idx, si.name, b.session, b.idx, f.grp, f.item, f.person";
static const char sql_no_followups[] = "SELECT NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
    "WHERE 0";

static const struct export_column cols_followups[] = {
	{ "session", "session id of the report-back (sessions.id)" },
	{ "activity", "report-back activity id (activities.id)" },
	{ "site", "the site reporting back" },
	{ "source_session", "session id where the commitment was made" },
	{ "source_activity", "activity id there: the breakout, or the form "
	    "with a commitment item (commitments.csv has a breakout's)" },
	{ "group", "breakout group number (commitments.group); empty for a "
	    "form's commitment" },
	{ "group_name", "the breakout group's name (commitments.name)" },
	{ "item", "the form's commitment item; empty for a breakout's" },
	{ "person", "participant id who made a form's commitment "
	    "(participants.id); empty for a group's, or a form answered by "
	    "site" },
	{ "change", "the change that was to be tested (a form's what)" },
	{ "status", "tested, partly, not yet or dropped; empty: not said" },
	{ "learned", "what the site learned" },
	{ "next", "the site's next step" },
	{ "participant", "who gave the report's last part (participants.id "
	    "of the report-back's session)" },
	{ "at", "when the last part was given (ISO-8601, UTC)" },
};

static const struct export_table reportback_tables[] = {
	{ 92, "followups", sql_followups, "followups", sql_no_followups,
	    cols_followups, EXPORT_COUNT(cols_followups) },
};

/* The reports: per site, the commitments of the session reported on
 * (the same list the sites saw, act-reportback-rows.c) with the site's
 * report; with --site, that site only. */
static const char *const status_word[FOLLOW_STATUSES] = {
	"not reported", "tested", "partly", "not yet", "dropped"
};

static int
load_list(struct export_report *r, int64_t aid, struct rb_list *l,
    int64_t *from)
{
	memset(l, 0, sizeof *l);
	if ((*from = reportback_from(r->st, aid)) <= 0)
		return *from == 0 ? 0 : -1;
	if (reportback_gather(r->st, *from, l) != 0 ||
	    reportback_load(r->st, aid, l) != 0) {
		reportback_list_free(l);
		return -1;
	}
	return 0;
}

static int
site_ok(const struct export_report *r, const char *site)
{
	return r->j->site == NULL || strcmp(r->j->site, site) == 0;
}

static void
reportback_md(struct export_report *r, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	struct rb_list l;
	int64_t from;
	const char *site = NULL;

	(void)state, (void)kind, (void)type;
	if (load_list(r, aid, &l, &from) != 0) {
		fputs("*Not opened: no report-back was given.*\n\n", r->f);
		return;
	}
	if (from == 0)
		fputs("*The collaborative's first session: no earlier "
		    "commitments to report back on.*\n\n", r->f);
	else
		fprintf(r->f, "Commitments of session %lld (", (long long)from);
	if (from > 0) {
		md_text(r->f, l.from_title);
		fputs("), with what became of them.\n\n", r->f);
	}
	for (int i = 0; i < l.n; i++) {
		const struct rb_item *it = &l.v[i];

		if (!site_ok(r, it->site))
			continue;
		if (site == NULL || strcmp(site, it->site) != 0) {
			fputs(site == NULL ? "**" : "\n**", r->f);
			site = it->site;
			md_text(r->f, site);
			fputs("**\n\n| From | Change to test | Who | By when | "
			    "Status | Learned | Next step |\n"
			    "|---|---|---|---|---|---|---|\n", r->f);
		}
		fputs("| ", r->f);
		md_text(r->f, it->label);
		for (int k = 0; k < 3; k++) {
			fputs(" | ", r->f);
			md_text(r->f, it->commit[k]);
		}
		fprintf(r->f, " | %s | ", status_word[it->status]);
		md_text(r->f, it->learned);
		fputs(" | ", r->f);
		md_text(r->f, it->next);
		fputs(" |\n", r->f);
	}
	if (site != NULL)
		putc('\n', r->f);
	else if (from > 0)
		fputs("*No site had commitments in that session.*\n\n", r->f);
	reportback_list_free(&l);
}

static void
reportback_html(struct export_report *r, void *state, int64_t aid,
    enum act_kind kind, const char *type)
{
	struct rb_list l;
	int64_t from;
	const char *site = NULL;

	(void)state, (void)kind, (void)type;
	if (load_list(r, aid, &l, &from) != 0) {
		fputs("<p class=\"note\">Not opened: no report-back was given."
		    "</p>\n", r->f);
		return;
	}
	if (from == 0)
		fputs("<p class=\"note\">The collaborative's first session: no "
		    "earlier commitments to report back on.</p>\n", r->f);
	else {
		fprintf(r->f, "<p>Commitments of session %lld (", (long long)
		    from);
		html_text(r->f, l.from_title);
		fputs("), with what became of them, by site.</p>\n", r->f);
	}
	for (int i = 0; i < l.n; i++) {
		const struct rb_item *it = &l.v[i];

		if (!site_ok(r, it->site))
			continue;
		if (site == NULL || strcmp(site, it->site) != 0) {
			if (site != NULL)
				fputs("</table>\n", r->f);
			site = it->site;
			fputs("<h3>", r->f);
			html_text(r->f, site);
			fputs("</h3><table><tr><th>From</th><th>Change to test"
			    "</th><th>Who</th><th>By when</th><th>Status</th>"
			    "<th>Learned</th><th>Next step</th></tr>\n", r->f);
		}
		fputs("<tr>", r->f);
		html_cell(r->f, "td", it->label);
		for (int k = 0; k < 3; k++)
			html_cell(r->f, "td", it->commit[k]);
		html_cell(r->f, "td", status_word[it->status]);
		html_cell(r->f, "td", it->learned);
		html_cell(r->f, "td", it->next);
		fputs("</tr>\n", r->f);
	}
	if (site != NULL)
		fputs("</table>\n", r->f);
	else if (from > 0)
		fputs("<p class=\"note\">No site had commitments in that "
		    "session.</p>\n", r->f);
	reportback_list_free(&l);
}

const struct kind_export reportback_export = {
	.tables = reportback_tables,
	.n_tables = EXPORT_COUNT(reportback_tables),
	.md = reportback_md,
	.html = reportback_html,
};
