/* act-form-export-scores.c: form scores by site, per session and across sessions. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "act-form-export.h"

/*
 * The html and md reports show subscale scores (SCORE_ROWS, the rule of
 * src/form/form-score.c) two ways:
 *   - per assess activity, a small chart per site of its subscale means
 *     over the scale's range (html);
 *   - across the learning sessions of a collaborative, for each form
 *     its assess activities used in two sessions or more, each site's
 *     subscale mean per session: a line per site (html), a site by
 *     session table (md); for the team progress form also the share of
 *     teams at 4 or above per session, which organisers compare.
 * Every score of the export is read once, by scores_load(), and kept.
 *
 * Suppression follows the live views: a site's figure on a subscale
 * where fewer than --min-group people have a score is not shown (a gap
 * in a line, "fewer than N" elsewhere), and a share counts only shown
 * figures, so it cannot tell a hidden one.  A form answered once per
 * site (`by = site` in the plan: one response per site team, agreed
 * together, as the progress form is meant to be used) is scored as one
 * response per site (FORM_COUNTS in export.h), so its n is 1, and it is
 * always shown, as on the projector: the figure is the team's own.
 * Answers stored before the host marked such forms (FORM_BY_ITEM) are
 * scored person by person.
 */

#define MAX_SITES 64
#define MAX_SESSIONS 32
#define MAX_SUBSCALES 16
#define PROGRESS_FORM "progress"
#define PROGRESS_CUT 4.0

struct srow {
	char	*collab, *form, *subscale, *title, *site, *act_title;
	int64_t	 session, activity;
	double	 mean, lo, hi;
	int	 n;
	int	 by_site;	/* answered once per site: always shown */
};

struct scores {
	struct srow *r;
	int	 n;
};

/* Every assess score of the export, grouped by collaborative, form and
 * subscale (team progress first, what organisers compare), then by
 * session, activity and site. */
#define SCORES_SQL "SELECT coalesce(se.collaborative, ''), "		\
    "coalesce(a.type, ''), r.subscale, r.session, se.title, "		\
    "coalesce(r.site, '(no site)'), r.mean, r.n, r.activity, "		\
    "(SELECT min(i.lo) FROM form_items i WHERE i.activity = r.activity "\
    "AND i.subscale = r.subscale AND i.kind = 'rating'), (SELECT "	\
    "max(i.hi) FROM form_items i WHERE i.activity = r.activity AND "	\
    "i.subscale = r.subscale AND i.kind = 'rating'), a.title, "		\
    "r.by_site FROM " SCORE_ROWS " r JOIN activities a ON a.id = "	\
    "r.activity JOIN sessions se ON se.id = r.session WHERE a.kind = "	\
    "'assess' ORDER BY 1, "						\
    "coalesce(a.type, '') <> '" PROGRESS_FORM "', 2, 3, r.session, r.idx, 6"

static char *
dup(const unsigned char *s)
{
	return strdup(s != NULL ? (const char *)s : "");
}

int
scores_load(struct store *st, const struct export_job *j, const char *ids,
    struct scores **out)
{
	struct scores *sc = calloc(1, sizeof *sc);
	sqlite3_stmt *s;
	int cap = 0, rc;

	*out = sc;
	if (sc == NULL)
		return -1;
	if (!export_has_table(st, "form_items"))
		return 0;
	if ((s = export_query(st, j, ids, SCORES_SQL)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct srow *r;

		if (sc->n == cap) {
			struct srow *grown = realloc(sc->r, (size_t)(cap = cap ?
			    2 * cap : 64) * sizeof *grown);

			if (grown == NULL)
				break;
			sc->r = grown;
		}
		r = &sc->r[sc->n++];
		r->collab = dup(sqlite3_column_text(s, 0));
		r->form = dup(sqlite3_column_text(s, 1));
		r->subscale = dup(sqlite3_column_text(s, 2));
		r->session = sqlite3_column_int64(s, 3);
		r->title = dup(sqlite3_column_text(s, 4));
		r->site = dup(sqlite3_column_text(s, 5));
		r->mean = sqlite3_column_double(s, 6);
		r->n = sqlite3_column_int(s, 7);
		r->activity = sqlite3_column_int64(s, 8);
		r->lo = sqlite3_column_double(s, 9);
		r->hi = sqlite3_column_double(s, 10);
		r->act_title = dup(sqlite3_column_text(s, 11));
		r->by_site = sqlite3_column_int(s, 12);
		if (r->hi <= r->lo)
			r->hi = r->lo + 1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(st, "scores");
		return -1;
	}
	return 0;
}

void
scores_free(struct scores *sc)
{
	if (sc == NULL)
		return;
	for (int i = 0; i < sc->n; i++) {
		free(sc->r[i].collab);
		free(sc->r[i].form);
		free(sc->r[i].subscale);
		free(sc->r[i].title);
		free(sc->r[i].site);
		free(sc->r[i].act_title);
	}
	free(sc->r);
	free(sc);
}

/* "LS2" from a title naming it ("LS2", "Learning session 2"), else the
 * title itself. */
static void
short_label(const char *title, char *out, size_t cap)
{
	for (const char *p = title; *p != '\0'; p++) {
		const char *d = NULL;

		if ((p == title || !isalnum((unsigned char)p[-1])) &&
		    strncasecmp(p, "ls", 2) == 0)
			d = p + 2 + (p[2] == ' ');
		else if (strncasecmp(p, "learning session ", 17) == 0)
			d = p + 17;
		if (d != NULL && isdigit((unsigned char)*d)) {
			snprintf(out, cap, "LS%d", atoi(d));
			return;
		}
	}
	util_strlcpy(out, title, cap);
}

/*
 * One chart's worth of rows: rows [from, to) share collaborative, form
 * and subscale.  Sessions and sites in order; a cell holds the last
 * activity's figure of that session (a form used twice in a session
 * counts as its later use).
 */
struct grid {
	const struct srow *first;
	int	 nx, ns, per_site;	/* per_site: every row by site */
	int64_t	 session[MAX_SESSIONS];
	char	 label[MAX_SESSIONS][48];
	const char *tip[MAX_SESSIONS], *xlab[MAX_SESSIONS];
	const char *site[MAX_SITES];
	double	 y[MAX_SITES][MAX_SESSIONS], lo, hi;
	int	 n[MAX_SITES][MAX_SESSIONS];	/* 0: none, -1: suppressed */
	double	 fy[MAX_SITES][MAX_SESSIONS];	/* faculty's, where fn > 0 */
	int	 fn[MAX_SITES][MAX_SESSIONS], any_fac;
	int	 at[MAX_SESSIONS], of[MAX_SESSIONS];
};

static int
same_group(const struct srow *a, const struct srow *b)
{
	return strcmp(a->collab, b->collab) == 0 &&
	    strcmp(a->form, b->form) == 0 &&
	    strcmp(a->subscale, b->subscale) == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
site_at(struct grid *g, const char *site)
{
	for (int k = 0; k < g->ns; k++)
		if (strcmp(g->site[k], site) == 0)
			return k;
	return -1;
}

/* Fill `g` from rows [from, to); returns the number of sessions. */
static int
grid_fill(struct grid *g, const struct srow *r, int from, int to,
    int min_group, const struct fac_scores *fac)
{
	memset(g, 0, sizeof *g);
	g->first = &r[from];
	g->per_site = 1;
	g->lo = r[from].lo;
	g->hi = r[from].hi;
	for (int i = from; i < to; i++) {
		if (g->nx == 0 || g->session[g->nx - 1] != r[i].session) {
			if (g->nx == MAX_SESSIONS)
				break;
			g->session[g->nx] = r[i].session;
			g->tip[g->nx] = r[i].title;
			short_label(r[i].title, g->label[g->nx],
			    sizeof g->label[0]);
			g->nx++;
		}
		if (site_at(g, r[i].site) < 0 && g->ns < MAX_SITES)
			g->site[g->ns++] = r[i].site;
		g->per_site &= r[i].by_site;
		if (r[i].lo < g->lo)
			g->lo = r[i].lo;
		if (r[i].hi > g->hi)
			g->hi = r[i].hi;
	}
	qsort(g->site, (size_t)g->ns, sizeof g->site[0], by_name);
	for (int x = 0; x < g->nx; x++) {
		/* Two sessions of the same label: tell them apart. */
		for (int y = 0; y < g->nx; y++)
			if (y != x && strcmp(g->label[x], g->label[y]) == 0) {
				snprintf(g->label[x], sizeof g->label[0],
				    "Session %lld", (long long)g->session[x]);
				break;
			}
		g->xlab[x] = g->label[x];
	}
	for (int i = from, x = 0; i < to; i++) {
		int k = site_at(g, r[i].site);

		while (x < g->nx && g->session[x] != r[i].session)
			x++;
		if (x == g->nx)
			break;
		if (k < 0)
			continue;
		g->y[k][x] = r[i].mean;
		g->n[k][x] = r[i].by_site || r[i].n >= min_group ? r[i].n :
		    -1;
	}
	/* Faculty's scores of the same form, subscale, session and site. */
	for (int x = 0; fac != NULL && x < g->nx; x++)
		for (int k = 0; k < g->ns; k++) {
			g->fn[k][x] = fac_find(fac, r[from].collab, r[from].form,
			    r[from].subscale, g->session[x], g->site[k],
			    &g->fy[k][x]);
			g->any_fac |= g->fn[k][x] > 0;
		}
	for (int x = 0; x < g->nx; x++)
		for (int k = 0; k < g->ns; k++)
			if (g->n[k][x] > 0) {
				g->of[x]++;
				g->at[x] += g->y[k][x] >= PROGRESS_CUT - 1e-9;
			}
	return g->nx;
}

/* The end of the group that starts at `from`. */
static int
group_end(const struct scores *sc, int from)
{
	int to = from + 1;

	while (to < sc->n && same_group(&sc->r[from], &sc->r[to]))
		to++;
	return to;
}

static int
any_suppressed(const struct grid *g)
{
	for (int k = 0; k < g->ns; k++)
		for (int x = 0; x < g->nx; x++)
			if (g->n[k][x] < 0)
				return 1;
	return 0;
}

static void
html_grid(FILE *f, struct grid *g, const struct export_job *j, int heading)
{
	const struct srow *r = g->first;
	struct svg_series s[MAX_SITES];
	int nn[MAX_SITES][MAX_SESSIONS];
	struct svg_share share = { "Share of teams at 4 or above", NULL, NULL,
	    PROGRESS_CUT };
	int progress = strcmp(r->form, PROGRESS_FORM) == 0;

	if (heading) {
		fputs("<section><h2>", f);
		html_text(f, r->act_title);
		fputs(" across learning sessions</h2>\n<p class=\"meta\">Form ",
		    f);
		html_text(f, r->form);
		if (*r->collab) {
			fputs(" · ", f);
			html_text(f, r->collab);
		}
		fputs("</p>\n", f);
	}
	fputs("<h3>", f);
	html_text(f, r->subscale);
	fprintf(f, ": mean per site and session (scale %g to %g)</h3>\n",
	    g->lo, g->hi);
	for (int k = 0; k < g->ns; k++) {
		for (int x = 0; x < g->nx; x++)
			nn[k][x] = g->n[k][x] > 0 ? g->n[k][x] : 0;
		s[k].label = g->site[k];
		s[k].y = g->y[k];
		s[k].n = nn[k];
		s[k].fy = g->any_fac ? g->fy[k] : NULL;
		s[k].fn = g->fn[k];
	}
	share.at = g->at;
	share.of = g->of;
	svg_lines(f, g->xlab, g->tip, g->nx, s, g->ns, g->lo, g->hi,
	    progress ? &share : NULL, 640);
	if (g->any_fac)
		fputs("<p class=\"note\">Dots on the lines: each site's own "
		    "score; hollow diamonds: the faculty's score of that site "
		    "(rater = faculty).</p>\n", f);
	if (g->per_site)
		fputs("<p class=\"note\">One response per site (each site's n "
		    "is 1): shown whatever its size.</p>\n", f);
	else if (any_suppressed(g))
		fprintf(f, "<p class=\"note\">A gap in a line: fewer than %d "
		    "at that site answered in that session.</p>\n", j->min_group);
}

void
scores_html_across(FILE *f, const struct scores *sc,
    const struct fac_scores *fac, const struct export_job *j)
{
	struct grid *g = malloc(sizeof *g);
	const struct srow *last = NULL;
	int shown = 0;

	if (g == NULL || sc == NULL) {
		free(g);
		return;
	}
	for (int from = 0, to; from < sc->n; from = to) {
		to = group_end(sc, from);
		if (grid_fill(g, sc->r, from, to, j->min_group, fac) < 2)
			continue;
		if (shown++ == 0)
			fputs("<article>\n<header><h1>Across learning sessions"
			    "</h1></header>\n", f);
		if (last != NULL && (strcmp(last->collab, sc->r[from].collab) ||
		    strcmp(last->form, sc->r[from].form)))
			fputs("</section>\n", f);
		html_grid(f, g, j, last == NULL || strcmp(last->collab,
		    sc->r[from].collab) || strcmp(last->form, sc->r[from].form));
		last = &sc->r[from];
	}
	if (shown > 0)
		fputs("</section>\n</article>\n", f);
	free(g);
}

static void
md_grid(FILE *f, const struct grid *g, const struct export_job *j)
{
	const struct srow *r = g->first;

	fputs("### ", f);
	md_text(f, r->subscale);
	fprintf(f, ": mean per site and session (scale %g to %g)\n\n| Site |",
	    g->lo, g->hi);
	for (int x = 0; x < g->nx; x++) {
		putc(' ', f);
		md_text(f, g->label[x]);
		fputs(" |", f);
	}
	fputs("\n|---|", f);
	for (int x = 0; x < g->nx; x++)
		fputs("---:|", f);
	putc('\n', f);
	for (int k = 0; k < g->ns; k++) {
		fputs("| ", f);
		md_text(f, g->site[k]);
		fputs(" |", f);
		for (int x = 0; x < g->nx; x++)
			if (g->n[k][x] > 0)
				fprintf(f, " %.2f |", g->y[k][x]);
			else if (g->n[k][x] < 0)
				fprintf(f, " fewer than %d |", j->min_group);
			else
				fputs(" – |", f);
		putc('\n', f);
	}
	if (strcmp(r->form, PROGRESS_FORM) == 0) {
		fputs("| **Teams at 4 or above** |", f);
		for (int x = 0; x < g->nx; x++)
			if (g->of[x] > 0)
				fprintf(f, " %d of %d (%.0f%%) |", g->at[x],
				    g->of[x], 100.0 * g->at[x] / g->of[x]);
			else
				fputs(" – |", f);
		putc('\n', f);
	}
	putc('\n', f);
	if (g->per_site)
		fputs("One response per site (each site's n is 1): shown "
		    "whatever its size.\n\n", f);
}

void
scores_md_across(FILE *f, const struct scores *sc,
    const struct export_job *j)
{
	struct grid *g = malloc(sizeof *g);
	const struct srow *last = NULL;
	int shown = 0;

	if (g == NULL || sc == NULL) {
		free(g);
		return;
	}
	for (int from = 0, to; from < sc->n; from = to) {
		const struct srow *r = &sc->r[from];

		to = group_end(sc, from);
		if (grid_fill(g, sc->r, from, to, j->min_group, NULL) < 2)
			continue;
		if (shown++ == 0)
			fputs("# Across learning sessions\n\n", f);
		if (last == NULL || strcmp(last->collab, r->collab) ||
		    strcmp(last->form, r->form)) {
			fputs("## ", f);
			md_text(f, r->act_title);
			fputs(" across learning sessions\n\nForm ", f);
			md_text(f, r->form);
			if (*r->collab) {
				fputs(" · ", f);
				md_text(f, r->collab);
			}
			fputs("\n\n", f);
		}
		md_grid(f, g, j);
		last = r;
	}
	if (shown > 0)
		fputs("---\n\n", f);
	free(g);
}

/*
 * Per-site small multiples for one assess activity: each site's
 * subscale means over the scale's range, subscales by name.  A site
 * with no figure it may show is named with "fewer than N" and nothing
 * else.
 */
void
scores_html_sites(FILE *f, const struct scores *sc,
    const struct export_job *j, int64_t aid)
{
	const char *subs[MAX_SUBSCALES], *sites[MAX_SITES];
	double lo[MAX_SUBSCALES], hi[MAX_SUBSCALES];
	int nsub = 0, nsite = 0;
	double glo = 0, ghi = 0;

	if (sc == NULL)
		return;
	for (int i = 0; i < sc->n; i++) {
		const struct srow *r = &sc->r[i];
		int k, s;

		if (r->activity != aid)
			continue;
		for (k = 0; k < nsub && strcmp(subs[k], r->subscale); k++)
			;
		if (k == nsub && nsub < MAX_SUBSCALES) {
			subs[nsub] = r->subscale;
			lo[nsub] = r->lo;
			hi[nsub++] = r->hi;
		}
		for (s = 0; s < nsite && strcmp(sites[s], r->site); s++)
			;
		if (s == nsite && nsite < MAX_SITES)
			sites[nsite++] = r->site;
	}
	if (nsub == 0)
		return;
	qsort(sites, (size_t)nsite, sizeof sites[0], by_name);
	glo = lo[0];
	ghi = hi[0];
	for (int k = 1; k < nsub; k++) {
		glo = lo[k] < glo ? lo[k] : glo;
		ghi = hi[k] > ghi ? hi[k] : ghi;
	}
	fputs("<h3>Scores by site</h3><div class=\"multiples\">\n", f);
	for (int s = 0; s < nsite; s++) {
		struct svg_range rows[MAX_SUBSCALES];
		int any = 0, most = 0;

		for (int k = 0; k < nsub; k++) {
			rows[k].label = subs[k];
			rows[k].value = 0;
			rows[k].n = 0;
			for (int i = 0; i < sc->n; i++) {
				const struct srow *r = &sc->r[i];

				if (r->activity != aid || strcmp(r->site,
				    sites[s]) || strcmp(r->subscale, subs[k]))
					continue;
				most = r->n > most ? r->n : most;
				if (r->by_site || r->n >= j->min_group) {
					rows[k].value = r->mean;
					rows[k].n = r->n;
					any = 1;
				}
			}
		}
		fputs("<figure><figcaption>", f);
		html_text(f, sites[s]);
		if (any)
			fprintf(f, " (n=%d)</figcaption>\n", most);
		else
			fputs("</figcaption>\n", f);
		if (any)
			svg_ranges(f, rows, nsub, glo, ghi, j->min_group, 300);
		else
			fprintf(f, "<p class=\"note small\">fewer than %d "
			    "answered</p>\n", j->min_group);
		fputs("</figure>\n", f);
	}
	fputs("</div>\n", f);
}
