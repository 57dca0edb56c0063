/* rotate-proof.c: short proofs that no perfect café plan exists, in a facilitator's words. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rotate.h"

/*
 * A perfect plan seats nobody with the same person twice and (--mix site)
 * nobody with a colleague, with balanced tables and hosts who stay at their
 * tables.  Each test below is a necessary condition with a one-line proof,
 * and its sentence says what it needs (tables, rounds).  Per-round tests
 * hold whatever was played; the counting ones assume nothing was played
 * yet.  People without a site count as a site of one.
 */

struct room {
	int	 m, T, R, base, extra, hi;	/* present people, tables, rounds to plan */
	int	 ngroup;
	int	*size;		/* [ngroup] people per site, largest first */
	int	*site;		/* [ngroup] the site id, or -1 */
};

static void
say(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;

	if (buf == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static const char *
site_name(const struct rotate_problem *p, int site, char *tmp, size_t len)
{
	if (site >= 0 && site < p->nsite_names && p->site_names != NULL &&
	    p->site_names[site] != NULL && p->site_names[site][0] != '\0')
		snprintf(tmp, len, "Site %s", p->site_names[site]);
	else if (site >= 0)
		snprintf(tmp, len, "Site %d", site + 1);
	else
		snprintf(tmp, len, "Someone");
	return tmp;
}

static long
pairs(long k)
{
	return k * (k - 1) / 2;
}

static int
cmp_desc(const void *a, const void *b)
{
	const int	*x = a, *y = b;

	return (x[0] < y[0]) - (x[0] > y[0]);
}

/* Groups of the present people: sites with --mix site, else everyone alone. */
static int
room_init(const struct rotate_problem *p, struct room *rm)
{
	int	i, g, n = p->npeople, *pair;

	memset(rm, 0, sizeof *rm);
	pair = malloc(sizeof *pair * 2 * ((size_t)n + 1));
	if (pair == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const struct rotate_person *pe = &p->people[i];

		if (pe->absent)
			continue;
		rm->m++;
		for (g = 0; p->mix == ROT_MIX_SITE && pe->site >= 0 &&
		    g < rm->ngroup; g++)
			if (pair[2 * g + 1] == pe->site)
				break;
		if (p->mix != ROT_MIX_SITE || pe->site < 0 || g == rm->ngroup) {
			g = rm->ngroup++;
			pair[2 * g] = 0;
			pair[2 * g + 1] = p->mix == ROT_MIX_SITE ? pe->site : -1;
		}
		pair[2 * g]++;
	}
	qsort(pair, (size_t)rm->ngroup, 2 * sizeof *pair, cmp_desc);
	rm->size = malloc(sizeof *rm->size * ((size_t)rm->ngroup + 1));
	rm->site = malloc(sizeof *rm->site * ((size_t)rm->ngroup + 1));
	if (rm->size == NULL || rm->site == NULL) {
		free(pair);
		return -1;
	}
	for (g = 0; g < rm->ngroup; g++) {
		rm->size[g] = pair[2 * g];
		rm->site[g] = pair[2 * g + 1];
	}
	free(pair);
	rm->T = p->tables;
	rm->R = p->rounds - p->frozen;
	rm->base = rm->m / rm->T;
	rm->extra = rm->m % rm->T;
	rm->hi = rm->base + (rm->extra > 0);
	return 0;
}

/*
 * One round: the s people of a site need s different tables.  (That is all
 * a round needs: by Gale and Ryser's theorem, balanced tables can always
 * take sites of at most T people each, one person of a site per table.)
 */
static int
per_round(const struct rotate_problem *p, const struct room *rm, char *why,
    size_t len)
{
	char	nm[ROSTER_FIELD + 8];

	if (rm->ngroup == 0 || rm->size[0] <= rm->T)
		return 0;
	say(why, len, "%s has %d people but there are %d tables: two of them "
	    "must share a table in every round. It takes at least %d tables "
	    "to keep them apart.", site_name(p, rm->site[0], nm, sizeof nm),
	    rm->size[0], rm->T, rm->size[0]);
	return 1;
}

/*
 * Hosts who stay: a traveller at a hosted table twice meets its host twice,
 * and a traveller may not sit with a host of their own site, so a traveller
 * of a site with h flagged hosts has T - h tables to visit, one per round.
 */
static int
hosts_stay(const struct rotate_problem *p, const struct room *rm, char *why,
    size_t len)
{
	char	nm[ROSTER_FIELD + 8];
	int	i, g, h, trav, hosts = 0;

	if (p->hosts != ROT_HOSTS_STAY || rm->m <= rm->T)
		return 0;
	if (p->frozen == 0 && rm->R > rm->T) {
		say(why, len, "With hosts who stay, a traveller who never "
		    "meets a host twice sits at a different table every round: "
		    "%d rounds need at least %d tables.", rm->R, rm->R);
		return 1;
	}
	if (p->frozen > 0 || p->mix != ROT_MIX_SITE)
		return 0;
	/* Flagged hosts, as the planner takes them: the first T present. */
	for (g = 0; g < rm->ngroup; g++) {
		if (rm->site[g] < 0)
			continue;
		for (i = 0, h = 0, trav = 0, hosts = 0; i < p->npeople; i++) {
			const struct rotate_person *pe = &p->people[i];
			int flagged;

			if (pe->absent)
				continue;
			flagged = pe->host && hosts < rm->T;
			hosts += flagged;
			if (pe->site == rm->site[g]) {
				h += flagged;
				trav += !flagged;
			}
		}
		if (h > 0 && trav > 0 && rm->R > rm->T - h) {
			say(why, len, "%s has %d hosts who stay, so its other "
			    "people can sit at only %d tables without meeting a "
			    "colleague, and no table twice without meeting its "
			    "host again: %d rounds need %d hosts fewer from that "
			    "site or %d tables more.",
			    site_name(p, rm->site[g], nm, sizeof nm), h,
			    rm->T - h, rm->R, rm->R - (rm->T - h),
			    rm->R - (rm->T - h));
			return 1;
		}
	}
	return 0;
}

/*
 * Counting, with the sites as a round already played.  The s people of a
 * site sit at s distinct tables; when s is more than the small tables, at
 * least s - (T - extra) of them are at tables of base + 1, so together they
 * meet at least s * (base - 1) + that many people a round, and each person
 * of another site at most once each over the whole café.  Over all pairs:
 * every round seats a fixed number of pairs together, and only pairs of
 * different sites may ever sit together, once.
 */
static int
counting(const struct rotate_problem *p, const struct room *rm, char *why,
    size_t len)
{
	char	nm[ROSTER_FIELD + 8];
	long	per, total, allowed, seated;
	int	g, s, big, w;

	if (p->frozen > 0 || p->mix != ROT_MIX_SITE || rm->R < 1)
		return 0;
	for (g = 0; g < rm->ngroup; g++) {
		s = rm->size[g];
		big = s > rm->T - rm->extra ? s - (rm->T - rm->extra) : 0;
		per = (long)s * (rm->base - 1) + big;
		total = (long)s * (rm->m - s);
		if (per <= 0 || per * rm->R <= total)
			continue;
		w = (int)(total / per);
		if (s == 1)
			say(why, len, "Everyone meets at least %d people in "
			    "every round, %ld over %d rounds, none of them twice, "
			    "but only %d others are here: at most %d round%s can "
			    "be planned that way, or smaller tables are needed.",
			    rm->base - 1, (long)rm->R * (rm->base - 1), rm->R,
			    rm->m - 1, w, w == 1 ? "" : "s");
		else if (big == 0)
			say(why, len, "Each of the %d people of %s meets at "
			    "least %d people in every round, %ld over %d rounds, "
			    "none of them twice or from their own site, but only "
			    "%d people are from other sites: at most %d round%s "
			    "can be planned that way, or smaller tables are "
			    "needed.", s, site_name(p, rm->site[g], nm,
			    sizeof nm), rm->base - 1, (long)rm->R *
			    (rm->base - 1), rm->R, rm->m - s, w,
			    w == 1 ? "" : "s");
		else
			say(why, len, "The %d people of %s meet at least %ld "
			    "people in every round (%d of them at tables of "
			    "%d), but can meet each of the %d people from "
			    "other sites only once, %ld meetings in all: at "
			    "most %d round%s can be planned that way, or "
			    "smaller tables are needed.", s, site_name(p,
			    rm->site[g], nm, sizeof nm), per, big, rm->hi,
			    rm->m - s, total, w, w == 1 ? "" : "s");
		return 1;
	}
	seated = (long)rm->extra * pairs(rm->hi) +
	    (long)(rm->T - rm->extra) * pairs(rm->base);
	allowed = pairs(rm->m);
	for (g = 0; g < rm->ngroup; g++)
		allowed -= pairs(rm->size[g]);
	if (seated <= 0 || seated * rm->R <= allowed)
		return 0;
	w = (int)(allowed / seated);
	say(why, len, "%d rounds of %d tables seat %ld pairs of people "
	    "together, but of the %d people only %ld pairs are from different "
	    "sites, and each may sit together once: at most %d round%s can be "
	    "planned without a repeat or two people of one site at a table.",
	    rm->R, rm->T, seated * rm->R, rm->m, allowed, w, w == 1 ? "" : "s");
	return 1;
}

/*
 * A square room: T sites of T people at T tables of T.  Nobody beside a
 * colleague puts one person of each site at every table, so each round
 * (and the sites themselves) cuts the room into T groups of T that meet
 * every other such cut in exactly one person.  R rounds without a repeat
 * and the sites are R + 1 such cuts, a net of order T, which is the same
 * as R - 1 mutually orthogonal Latin squares of order T (Bruck 1951).  Of
 * order 6 there is no orthogonal pair (Euler's 36 officers, proved by
 * Tarry 1900): 6 sites of 6 at 6 tables can have 2 such rounds, never 3.
 * (Of every prime power order there are T - 1 squares, and the counting
 * test above already stops at T rounds, so only order 6 needs words.)
 *
 * Fewer sites, g of 6 (3 to 5) at 6 tables of g, for 6 rounds: again each
 * table holds one person of each site, and 6 rounds of g - 1 new people are
 * all 6(g - 1) people of the other sites, so every two people of different
 * sites meet exactly once.  The rounds are then the parallel classes of a
 * resolvable transversal design TD(g, 6); naming each table by its round
 * makes a TD(g + 1, 6), which is g - 1 >= 2 orthogonal Latin squares of
 * order 6 again.
 */
static int
square_room(const struct rotate_problem *p, const struct room *rm,
    char *why, size_t len)
{
	int	g = rm->ngroup, k;

	if (p->frozen > 0 || p->mix != ROT_MIX_SITE || rm->T != 6 ||
	    rm->extra != 0 || g < 3 || g > 6 || rm->m != 6 * g ||
	    rm->base != g || rm->R < (g == 6 ? 3 : 6))
		return 0;
	for (k = 0; k < g; k++)
		if (rm->size[k] != 6 || rm->site[k] < 0)
			return 0;
	if (g == 6)
		say(why, len, "6 sites of 6 people at 6 tables of 6: with "
		    "nobody beside a colleague every table holds one person of "
		    "each site, and 3 rounds without a repeat would make two "
		    "orthogonal Latin squares of order 6, which do not exist "
		    "(Euler's 36 officers, proved by Tarry in 1900): at most 2 "
		    "rounds can be planned that way, so one round fewer makes it "
		    "possible.");
	else
		say(why, len, "%d sites of 6 people at 6 tables of %d: with "
		    "nobody beside a colleague every table holds one person of "
		    "each site, and in 6 rounds without a repeat everyone would "
		    "meet each person of the other sites exactly once, which "
		    "would make %d orthogonal Latin squares of order 6; not even "
		    "two exist (Euler's 36 officers, proved by Tarry in 1900): "
		    "at most 5 rounds can be planned that way.", g, g, g - 1);
	return 1;
}

int
rotate_proof(const struct rotate_problem *p, char *why, size_t len)
{
	struct room	rm;
	int		got = 0;

	if (why != NULL && len > 0)
		why[0] = '\0';
	if (p->tables < 1 || p->rounds <= p->frozen || room_init(p, &rm) != 0)
		return 0;
	if (rm.m >= 2) {
		if (p->mix == ROT_MIX_SITE)
			got = per_round(p, &rm, why, len);
		if (!got)
			got = hosts_stay(p, &rm, why, len);
		if (!got)
			got = counting(p, &rm, why, len);
		if (!got)
			got = square_room(p, &rm, why, len);
	}
	free(rm.size);
	free(rm.site);
	return got;
}
