/* export-md.c: a readable Markdown summary for an email or a wiki. */
#include <stdio.h>
#include <string.h>

#include "export.h"

/*
 * User text (titles, labels, answers, notes) is written so that no
 * Markdown or HTML it contains takes effect: every character Markdown
 * gives meaning to is backslash-escaped, and line breaks become spaces
 * so a note cannot start a heading or break a table.  `.`, `-` and `+`
 * only mean something at the start of a line, where user text never is.
 */
void
md_text(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\r' || c == '\t')
			putc(' ', f);
		else if (c < 0x20 || c == 0x7f)
			continue;
		else {
			if (strchr("\\`*_{}[]<>()#!|~&$", c) != NULL)
				putc('\\', f);
			putc(c, f);
		}
	}
}

/* A prepared report query, or NULL after setting the error. */
struct md {
	struct store *st;
	const struct export_job *j;
	const char *ids;
	FILE *f;
	int failed;
	int forms;		/* the database stores its forms' items */
};

static sqlite3_stmt *
q(struct md *m, const char *sql, int64_t session, int64_t activity)
{
	sqlite3_stmt *s = export_query(m->st, m->j, m->ids, sql);

	if (s == NULL) {
		m->failed = 1;
		return NULL;
	}
	export_bind_ids(s, session, activity);
	return s;
}

static void
poll(struct md *m, int64_t aid, const char *type)
{
	sqlite3_stmt *s = q(m, REPORT_ANSWERED, 0, aid);
	int answered = 0, hush = 0, rank = strcmp(type, "rank") == 0;

	if (s == NULL)
		return;
	if (sqlite3_step(s) == SQLITE_ROW) {
		answered = sqlite3_column_int(s, 0);
		hush = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (hush) {
		fprintf(m->f, "Results suppressed: fewer than %d answered.\n\n",
		    m->j->min_group);
		return;
	}
	fprintf(m->f, "Answered: %d\n\n", answered);
	if (strcmp(type, "text") == 0) {
		if ((s = q(m, REPORT_TEXTS, 0, aid)) == NULL)
			return;
		while (sqlite3_step(s) == SQLITE_ROW) {
			fputs("- ", m->f);
			md_text(m->f, COL_TEXT(s, 1));
			putc('\n', m->f);
		}
		sqlite3_finalize(s);
		putc('\n', m->f);
		return;
	}
	if ((s = q(m, REPORT_OPTIONS, 0, aid)) == NULL)
		return;
	fputs(rank ? "| Option | Mean rank |\n|---|---:|\n" :
	    "| Option | Count | % |\n|---|---:|---:|\n", m->f);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int c = sqlite3_column_int(s, 1);

		fputs("| ", m->f);
		md_text(m->f, COL_TEXT(s, 0));
		if (rank && sqlite3_column_type(s, 2) != SQLITE_NULL)
			fprintf(m->f, " | %.2f |\n",
			    sqlite3_column_double(s, 2));
		else if (rank)
			fputs(" | |\n", m->f);
		else
			fprintf(m->f, " | %d | %.0f |\n", c, answered > 0 ?
			    100.0 * c / answered : 0.0);
	}
	sqlite3_finalize(s);
	putc('\n', m->f);
}

/* Café: themes, then the lines per table; breakout: lines per group. */
static void
notes(struct md *m, int64_t aid, int cafe)
{
	sqlite3_stmt *s;
	int last = -1, n = 0;

	if (cafe && (s = q(m, REPORT_THEMES, 0, aid)) != NULL) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (n++ == 0)
				fputs("**Themes**\n\n", m->f);
			fputs("- ", m->f);
			md_text(m->f, COL_TEXT(s, 0));
			putc('\n', m->f);
		}
		if (n > 0)
			putc('\n', m->f);
		sqlite3_finalize(s);
	}
	if ((s = q(m, REPORT_LINES, 0, aid)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int place = sqlite3_column_int(s, 0);

		if (place != last) {
			if (last != -1)
				putc('\n', m->f);
			if (sqlite3_column_int(s, 1))
				fprintf(m->f, "**Table %d**\n\n", place);
			else if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
				fputs("**", m->f);
				md_text(m->f, COL_TEXT(s, 4));
				fputs("**\n\n", m->f);
			} else
				fprintf(m->f, "**Group %d**\n\n", place);
			last = place;
		}
		fputs("- ", m->f);
		if (sqlite3_column_int(s, 2) > 0)
			fprintf(m->f, "(round %d) ", sqlite3_column_int(s, 2));
		md_text(m->f, COL_TEXT(s, 3));
		putc('\n', m->f);
	}
	if (last != -1)
		putc('\n', m->f);
	sqlite3_finalize(s);
}

static void
commitments(struct md *m, int64_t aid)
{
	sqlite3_stmt *s = q(m, REPORT_COMMITMENTS, 0, aid);
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

/* A form's commitments: one row each, what, who and by when together,
 * as the breakout's table has them. */
static int
form_commitments(struct md *m, int64_t aid)
{
	sqlite3_stmt *s = q(m, REPORT_FORM_COMMITMENTS, 0, aid);
	char last[256] = "", question[256];
	int n = 0;

	if (s == NULL)
		return 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0 || strcmp(last, COL_TEXT(s, 0)) != 0) {
			export_commit_question(COL_TEXT(s, 1), question,
			    sizeof question);
			fputs(n > 1 ? "\n**" : "**", m->f);
			md_text(m->f, question);
			fputs("**\n\n| What | Who | By when |\n|---|---|---|\n",
			    m->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		for (int i = 2; i < 5; i++) {
			fputs("| ", m->f);
			md_text(m->f, COL_TEXT(s, i));
			fputs(" ", m->f);
		}
		fputs("|\n", m->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		putc('\n', m->f);
	return n;
}

/* Forms: the mean of each rated item, by its question; then the
 * comments, under the question they answer; then the commitments. */
static void
evaluation(struct md *m, int64_t aid)
{
	sqlite3_stmt *s = q(m, m->forms ? REPORT_RATINGS_FORM :
	    REPORT_RATINGS, 0, aid);
	char last[256] = "";
	int n = 0, rated;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int k = sqlite3_column_int(s, 1);

		if (n++ == 0)
			fputs("| Question | n | Mean |\n|---|---:|---:|\n", m->f);
		fputs("| ", m->f);
		md_text(m->f, COL_TEXT(s, 3));
		/* A site's own answer (by = site) is shown whatever n. */
		if (m->j->site != NULL && k < m->j->min_group &&
		    !sqlite3_column_int(s, 6))
			fprintf(m->f, " | suppressed | |\n");
		else
			fprintf(m->f, " | %d | %.2f |\n", k,
			    sqlite3_column_double(s, 2));
	}
	sqlite3_finalize(s);
	if (n > 0)
		putc('\n', m->f);
	if ((s = q(m, m->forms ? REPORT_TEXTS_FORM : REPORT_TEXTS_ITEMS, 0,
	    aid)) == NULL)
		return;
	rated = n;
	n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			fputs("**Comments**\n\n", m->f);
		if (n == 1 || strcmp(last, COL_TEXT(s, 0)) != 0) {
			fputs(n > 1 ? "\n*" : "*", m->f);
			md_text(m->f, COL_TEXT(s, 2));
			fputs("*\n\n", m->f);
			util_strlcpy(last, COL_TEXT(s, 0), sizeof last);
		}
		fputs("- ", m->f);
		md_text(m->f, COL_TEXT(s, 1));
		putc('\n', m->f);
	}
	sqlite3_finalize(s);
	if (n > 0)
		putc('\n', m->f);
	if (m->forms)
		n += form_commitments(m, aid);
	if (n == 0 && rated == 0)
		fputs("No answers yet.\n\n", m->f);
}

static void
session(struct md *m, sqlite3_stmt *ss)
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
	if ((s = q(m, REPORT_SITES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		fputs("| ", m->f);
		md_text(m->f, COL_TEXT(s, 0));
		fprintf(m->f, " | %d |\n", sqlite3_column_int(s, 1));
		total += sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	fprintf(m->f, "| **Total** | %d |\n\n", total);
	if ((s = q(m, REPORT_ACTIVITIES, sid, 0)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t aid = sqlite3_column_int64(s, 0);
		const char *kind = COL_TEXT(s, 2);

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
		if (strcmp(kind, "poll") == 0)
			poll(m, aid, COL_TEXT(s, 3));
		else if (strcmp(kind, "cafe") == 0)
			notes(m, aid, 1);
		else if (strcmp(kind, "breakout") == 0) {
			notes(m, aid, 0);
			commitments(m, aid);
		} else
			evaluation(m, aid);
	}
	sqlite3_finalize(s);
}

static int
write_md(struct store *st, const struct export_opts *o, FILE *f,
    const char *ids, char *err, size_t errlen)
{
	struct md m = { st, export_job(o), ids, f, 0, 0 };
	struct scores *sc = NULL;
	sqlite3_stmt *s;
	int n = 0;

	m.forms = export_has_scores(st);
	if (scores_load(st, m.j, ids, &sc) != 0)
		m.failed = 1;
	else
		scores_md_across(f, sc, m.j);
	scores_free(sc);
	s = m.failed ? NULL : q(&m, REPORT_SESSIONS, 0, 0);

	if (s != NULL) {
		while (sqlite3_step(s) == SQLITE_ROW && !m.failed) {
			if (n++ > 0)
				fputs("\n---\n\n", f);
			export_progress(m.j, "sessions", n, n);
			session(&m, s);
		}
		sqlite3_finalize(s);
	}
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
