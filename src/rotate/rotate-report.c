/* rotate-report.c: judge any schedule from scratch, and explain what could not be done. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rotate.h"

/*
 * Nothing here trusts the planner: every figure is recounted from the
 * schedule, so the same code checks hand-made and re-planned schedules.
 */

/* Best-known repeat-free rounds for g tables of p (DOMAIN.md, OEIS A107431). */
static const signed char best_known[4][7] = {
	/* g:  4   5   6   7   8   9  10 */
	{      4,  7,  8, 10, 11, 13, 14 },	/* p = 3 */
	{      5,  5,  7,  9, 10, 11, 13 },	/* p = 4 */
	{     -1,  6,  6,  7,  8,  9,  9 },	/* p = 5 */
	{     -1, -1,  3,  7,  8,  9,  7 },	/* p = 6 */
};

int
rotate_best_known(int seats, int tables)
{
	if (seats < 3 || seats > 6 || tables < 4 || tables > 10)
		return 0;
	return best_known[seats - 3][tables - 4];
}

static long
pairs(long k)
{
	return k * (k - 1) / 2;
}

/* Fewest pairs sharing a group when s people are drawn from g groups. */
static long
pigeon(long s, long g)
{
	long	q = s / g, r = s % g;

	return r * pairs(q + 1) + (g - r) * pairs(q);
}

static int
present_count(const struct rotate_problem *p)
{
	int	i, m = 0;

	for (i = 0; i < p->npeople; i++)
		m += !p->people[i].absent;
	return m;
}

/*
 * Three bounds, the best of which is reported: all co-seatings against all
 * pairs; each person's meetings against the people there are; and, when
 * tables have more seats than there are tables, round 1's tablemates who must
 * meet again in every later round.  Past rounds count as they happened.
 */
int
rotate_unavoidable_repeats(const struct rotate_problem *p)
{
	long	m = present_count(p), T = p->tables, R, base, extra;
	long	k, lb = 0, b, big, per, rem, i;

	if (p->frozen > 0 && p->past != NULL) {
		struct rotate_report	rep;
		struct rotate_schedule	kept = *p->past;

		kept.rounds = p->frozen;
		rotate_report_compute(NULL, &kept, &rep);
		return rep.repeat_meetings;
	}
	R = p->rounds;
	if (m < 2 || T < 1)
		return 0;
	base = m / T;
	extra = m % T;
	k = R * (extra * pairs(base + 1) + (T - extra) * pairs(base));
	if (k - pairs(m) > lb)
		lb = k - pairs(m);
	/* Big-table seats spread as evenly as possible minimise the excess. */
	big = R * extra;
	per = big / m;
	rem = big % m;
	b = 0;
	for (i = 0; i < 2; i++) {
		long cnt = i == 0 ? rem : m - rem;
		long meet = R * (base - 1) + per + (i == 0);

		if (meet > m - 1)
			b += cnt * (meet - (m - 1));
	}
	b = (b + 1) / 2;
	if (b > lb)
		lb = b;
	if (base + (extra > 0) > T) {
		b = (R - 1) * (extra * pigeon(base + 1, T) +
		    (T - extra) * pigeon(base, T));
		if (b > lb)
			lb = b;
	}
	return lb > 1000000000 ? 1000000000 : (int)lb;
}

static int
cmp_int(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Same-site pairs forced in every planned round by sites larger than T. */
int
rotate_unavoidable_same_site(const struct rotate_problem *p)
{
	int	*s, i, j, m = 0;
	long	lb = 0;

	s = malloc(sizeof *s * ((size_t)p->npeople + 1));
	if (s == NULL)
		return 0;
	for (i = 0; i < p->npeople; i++)
		if (!p->people[i].absent && p->people[i].site >= 0)
			s[m++] = p->people[i].site;
	qsort(s, (size_t)m, sizeof *s, cmp_int);
	for (i = 0; i < m; i = j) {
		for (j = i; j < m && s[j] == s[i]; j++)
			;
		lb += pigeon(j - i, p->tables);
	}
	free(s);
	lb *= p->rounds - p->frozen;
	return lb > 1000000000 ? 1000000000 : (int)lb;
}

/*
 * With p == NULL only the schedule's own figures are computed (no sites,
 * pairs to keep apart or bounds).
 */
void
rotate_report_compute(const struct rotate_problem *p,
    const struct rotate_schedule *s, struct rotate_report *out)
{
	int		 n = s->npeople, T = s->tables, R = s->rounds;
	int		 i, j, r, seated_people = 0, *size;
	unsigned char	*meet;
	long		 met_total = 0;

	memset(out, 0, sizeof *out);
	meet = calloc((size_t)n * n + 1, 1);
	size = calloc((size_t)T, sizeof *size);
	if (meet == NULL || size == NULL)
		goto out;
	for (r = 0; r < R; r++) {
		const int *tab = s->table + (size_t)r * n;
		int lo = n + 1, hi = -1, any = 0;

		memset(size, 0, sizeof *size * (size_t)T);
		for (i = 0; i < n; i++) {
			if (tab[i] < 0 || tab[i] >= T)
				continue;
			size[tab[i]]++;
			any = 1;
			for (j = i + 1; j < n; j++) {
				if (tab[j] != tab[i])
					continue;
				meet[i * n + j]++;
				if (p != NULL && p->people[i].site >= 0 &&
				    p->people[i].site == p->people[j].site)
					out->same_site++;
			}
		}
		for (i = 0; any && i < T; i++) {
			if (size[i] < lo)
				lo = size[i];
			if (size[i] > hi)
				hi = size[i];
		}
		if (any && hi - lo > out->size_spread)
			out->size_spread = hi - lo;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			int m = meet[i * n + j];

			if (m > out->max_meetings)
				out->max_meetings = m;
			if (m > 1) {
				out->repeated_pairs++;
				out->repeat_meetings += m - 1;
			}
		}
	out->new_min = -1;
	for (i = 0; i < n; i++) {
		int distinct = 0, seated = 0;

		for (r = 0; r < R; r++) {
			int t = s->table[(size_t)r * n + i], q;

			if (t < 0)
				continue;
			seated = 1;
			/* A host staying at their own table is not revisiting it. */
			if (s->host[r * T + t] == i)
				continue;
			for (q = 0; q < r; q++)
				if (s->table[(size_t)q * n + i] == t) {
					out->table_revisits++;
					break;
				}
		}
		if (!seated)
			continue;
		for (j = 0; j < n; j++)
			if (j != i && meet[i < j ? i * n + j : j * n + i] > 0)
				distinct++;
		seated_people++;
		met_total += distinct;
		if (out->new_min < 0 || distinct < out->new_min)
			out->new_min = distinct;
	}
	if (out->new_min < 0)
		out->new_min = 0;
	out->new_mean = seated_people ? (double)met_total / seated_people : 0;
	/* A host is away when seated elsewhere, or not hosting, in a later round. */
	for (i = 0; p != NULL && p->hosts == ROT_HOSTS_STAY && i < n; i++) {
		int home = -1;

		for (r = 0; r < R; r++) {
			int t = s->table[(size_t)r * n + i];

			if (home < 0 && t >= 0 && s->host[r * T + t] == i)
				home = t;
			else if (home >= 0 && t >= 0 &&
			    (t != home || s->host[r * T + t] != i))
				out->host_moves++;
		}
	}
	if (p != NULL) {
		/* Count each pair to keep apart once, however often it is listed. */
		for (i = 0; i < p->navoid; i++) {
			int a = p->avoid[i].a, b = p->avoid[i].b, x;

			if (a < 0 || b < 0 || a >= n || b >= n || a == b)
				continue;
			x = a < b ? a * n + b : b * n + a;
			out->forbidden += meet[x];
			meet[x] = 0;
		}
		out->unavoidable = rotate_unavoidable_repeats(p);
		if (p->mix == ROT_MIX_SITE)
			out->site_unavoidable = rotate_unavoidable_same_site(p);
	}
out:
	free(meet);
	free(size);
}

static void
say(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	va_list	ap;
	int	w;

	if (*at >= len)
		return;
	va_start(ap, fmt);
	w = vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	if (w > 0)
		*at += (size_t)w < len - *at ? (size_t)w : len - *at - 1;
}

size_t
rotate_report_why(const struct rotate_problem *p,
    const struct rotate_report *r, char *buf, size_t len)
{
	return rotate_report_explain(p, r, NULL, buf, len);
}

/*
 * Plain words for a facilitator: what went wrong, then one reason, which is
 * a proof (a bound, a pigeonhole, the exact method's "none exists") or, when
 * there is none, that the search ran out of time, and after how long.
 */
size_t
rotate_report_explain(const struct rotate_problem *p,
    const struct rotate_report *r, const struct rotate_info *info,
    char *buf, size_t len)
{
	int	m = present_count(p), T = p->tables, R = p->rounds;
	int	seats = T > 0 ? (m + T - 1) / T : 0, mix = p->mix == ROT_MIX_SITE;
	int	known = rotate_best_known(seats, T);
	char	proof[ROT_WHY_LEN];
	size_t	at = 0;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	if (r->repeat_meetings == 0 && (!mix || r->same_site == 0)) {
		say(buf, len, &at, "Nobody shares a table with the same person "
		    "twice%s.", mix ? ", nor with someone of their own site" :
		    "");
		if (r->same_site > 0)
			say(buf, len, &at, " %d time%s two people of one site "
			    "share a table (sites were not mixed: use --mix "
			    "site).", r->same_site, r->same_site == 1 ? "" : "s");
		goto forbidden;
	}
	if (r->repeat_meetings > 0)
		say(buf, len, &at, "%d pair%s meet%s more than once "
		    "(%d repeated meeting%s; at most %d rounds together).",
		    r->repeated_pairs, r->repeated_pairs == 1 ? "" : "s",
		    r->repeated_pairs == 1 ? "s" : "", r->repeat_meetings,
		    r->repeat_meetings == 1 ? "" : "s", r->max_meetings);
	if (r->same_site > 0)
		say(buf, len, &at, "%s%d time%s two people of one site share a "
		    "table%s.", at > 0 ? " " : "", r->same_site,
		    r->same_site == 1 ? "" : "s", mix ? "" :
		    " (sites were not mixed: use --mix site)");
	say(buf, len, &at, " ");
	if (p->frozen > 0 && r->repeat_meetings > 0 &&
	    r->unavoidable >= r->repeat_meetings && (!mix ||
	    r->same_site == 0))
		say(buf, len, &at, "They happened in rounds already played.");
	else if (mix && rotate_proof(p, proof, sizeof proof))
		say(buf, len, &at, "%s", proof);
	else if (r->unavoidable > 0 && seats > T && R > 1)
		say(buf, len, &at, "With %d tables of up to %d, every "
		    "later round must seat together some people who "
		    "shared a table in round 1: at least %d repeated "
		    "meeting%s cannot be avoided.", T, seats,
		    r->unavoidable, r->unavoidable == 1 ? "" : "s");
	else if (r->unavoidable > 0 && seats > 1 &&
	    R > (m - 1) / (seats - 1))
		say(buf, len, &at, "Each round everyone meets about %d "
		    "people, so %d rounds need about %d different "
		    "people each, but only %d others are here: at "
		    "least %d repeated meetings cannot be avoided "
		    "(at most %d rounds could be repeat-free).",
		    seats - 1, R, R * (seats - 1), m - 1,
		    r->unavoidable, (m - 1) / (seats - 1));
	else if (!mix && rotate_proof(p, proof, sizeof proof))
		say(buf, len, &at, "%s", proof);
	else if (info != NULL && info->exact == 0)
		say(buf, len, &at, "An exhaustive search proved in %ld ms that "
		    "no plan of %s has %s, with balanced tables%s.",
		    info->exact_ms, p->frozen > 0 ? "the rounds to come" :
		    "these rounds", mix ? "no repeat and nobody at a table "
		    "with someone of their own site" : "no repeat",
		    p->hosts == ROT_HOSTS_STAY ? " and hosts who stay" : "");
	else if (!mix && known > 0 && R > known && m == seats * T)
		say(buf, len, &at, "No rotation of %d tables of %d "
		    "for more than %d rounds without repeats is known "
		    "(the social golfer problem), so a few repeats "
		    "are expected.", T, seats, known);
	else if (info != NULL)
		say(buf, len, &at, "A plan with %s may exist but was not "
		    "found: the search ran out of time after %ld ms "
		    "(--effort searches longer).", mix ? "no repeat and "
		    "nobody with someone of their own site" : "no repeats",
		    info->ms);
	else
		say(buf, len, &at, "A plan with %s may exist but was not "
		    "found: the search ran out of time (--effort searches "
		    "longer).", mix ? "no repeat and nobody with someone of "
		    "their own site" : "no repeats");
forbidden:
	if (r->forbidden > 0)
		say(buf, len, &at, " %d time%s a pair that must stay apart "
		    "shares a table: there was no other way to seat them.",
		    r->forbidden, r->forbidden == 1 ? "" : "s");
	return at;
}
