/* rotate-rows.c: sites as the round already played: seat each site at one table of a construction's first round. */

#include <stdlib.h>
#include <string.h>

#include "rotate.h"

/*
 * The social golfer problem with a fixed first round, solved by any
 * repeat-free construction of R + 1 rounds: seat every site within one table
 * of the construction's first round, and plan its other R rounds.  People
 * who shared a table in the first round never meet again, so no two people
 * of a site ever meet, and no pair meets twice.  That solves outright the
 * common rooms where each site brings a team of about the table size and
 * there are about as many sites as tables.
 *
 * Nets come first (rotate-net.c): there a site may take a line of any
 * class the rounds leave spare, which packs more rooms.  Here the rounds come
 * from rotate_construct (fields, stored designs, affine spaces, cyclic
 * rounds) for R + 1 rounds, whose empty seats are fixed points of the last
 * column.  With hosts who stay, it keeps column 0 of row t at table t in
 * every round, so table t's host takes that point and their site the rest of
 * the first round's table t.
 */

struct pack {
	int	 n, T, seats, np;
	int	*home;		/* [n] first-round table of a person, -1 not yet */
	int	*left;		/* [T] free seats of a first-round table */
	int	*buf;		/* [n] scratch */
};

/* The present people of i's site (or i alone without --mix site or a site). */
static int
group(const struct rotate_problem *p, const unsigned char *present, int i,
    int *out)
{
	int	j, k = 0;

	if (p->mix != ROT_MIX_SITE || p->people[i].site < 0) {
		out[0] = i;
		return 1;
	}
	for (j = 0; j < p->npeople; j++)
		if (present[j] && p->people[j].site == p->people[i].site)
			out[k++] = j;
	return k;
}

static void
put(struct pack *pk, const int *who, int k, int y)
{
	int	j;

	for (j = 0; j < k; j++)
		pk->home[who[j]] = y;
	pk->left[y] -= k;
}

/*
 * Hosts' sites at their tables, then the largest sites first each at the
 * fullest table that takes it whole, then people without a site at the
 * emptiest tables.  0 when everyone has a table.
 */
static int
pack_sites(const struct rotate_problem *p, const unsigned char *present,
    const int *host_of, struct pack *pk)
{
	int	i, k, y;

	for (i = 0; i < pk->n; i++)
		pk->home[i] = -1;
	for (y = 0; host_of != NULL && y < pk->T; y++) {
		if (host_of[y] < 0 || pk->home[host_of[y]] >= 0)
			return -1;	/* no host, or two hosts of one site */
		k = group(p, present, host_of[y], pk->buf);
		if (k > pk->left[y])
			return -1;
		put(pk, pk->buf, k, y);
	}
	for (;;) {
		int best = -1, bk = 1, by = -1;

		for (i = 0; i < pk->n; i++)
			if (present[i] && pk->home[i] < 0 &&
			    (k = group(p, present, i, pk->buf)) > bk) {
				best = i;
				bk = k;
			}
		if (best < 0)
			break;
		k = group(p, present, best, pk->buf);
		for (y = 0; y < pk->T; y++)
			if (pk->left[y] >= k &&
			    (by < 0 || pk->left[y] < pk->left[by]))
				by = y;
		if (by < 0)
			return -1;
		put(pk, pk->buf, k, by);
	}
	for (i = 0; i < pk->n; i++)
		if (present[i] && pk->home[i] < 0) {
			for (y = 0, k = 0; y < pk->T; y++)
				if (pk->left[y] > pk->left[k])
					k = y;
			if (pk->left[k] < 1)
				return -1;
			put(pk, &i, 1, k);
		}
	return 0;
}

/*
 * Seat the packed people on the points of their first-round table (first:
 * [np] that table of each point, -1 for an empty seat), host first, and
 * copy rounds 1..R of ctab into table[].
 */
static void
seat(const struct rotate_problem *p, const unsigned char *present,
    const int *host_of, const struct pack *pk, const int *first,
    const int *ctab, int *table)
{
	int	 n = pk->n, y, i, k, r, *point = pk->buf;
	int	 taken[ROT_MAX_PEOPLE];

	memset(taken, 0, sizeof taken);
	for (y = 0; host_of != NULL && y < pk->T; y++) {
		point[host_of[y]] = y;		/* column 0, row y */
		taken[y] = 1;
	}
	for (i = 0; i < n; i++) {
		if (!present[i] || (host_of != NULL &&
		    host_of[pk->home[i]] == i))
			continue;
		for (k = 0; k < pk->np; k++)
			if (!taken[k] && first[k] == pk->home[i])
				break;
		point[i] = k;
		taken[k] = 1;
	}
	for (r = 0; r < p->rounds; r++)
		for (i = 0; i < n; i++)
			if (present[i])
				table[r * n + i] = ctab[(size_t)(r + 1) *
				    pk->np + point[i]];
}

/* Rounds from rotate_construct: its empty seats are fixed. */
static int
from_construct(const struct rotate_problem *p, const unsigned char *present,
    const int *host_of, struct pack *pk, int *table)
{
	int	 dummies, got, apart, k, y, *ctab, *first;
	int	 stay = host_of != NULL, filled = 0;

	for (k = 0; k < pk->n; k++)
		filled += present[k] != 0;
	dummies = pk->np - filled;
	got = rotate_construct(pk->T, pk->seats, p->rounds + 1, stay, dummies,
	    0, 0, &apart, &ctab);
	first = malloc(sizeof *first * (size_t)pk->np);
	if (got < p->rounds + 1 || first == NULL) {
		free(ctab);
		free(first);
		return 0;
	}
	for (y = 0; y < pk->T; y++)
		pk->left[y] = 0;
	for (k = 0; k < pk->np; k++) {
		int dummy = k >= (pk->seats - 1) * pk->T &&
		    k < (pk->seats - 1) * pk->T + dummies;

		first[k] = dummy ? -1 : ctab[k];
		if (!dummy)
			pk->left[ctab[k]]++;
	}
	got = pack_sites(p, present, host_of, pk) == 0;
	if (got)
		seat(p, present, host_of, pk, first, ctab, table);
	free(ctab);
	free(first);
	return got;
}

int
rotate_rows_plan(const struct rotate_problem *p, const unsigned char *present,
    int npresent, int *host_of, int *table)
{
	struct pack	pk;
	int		got;

	if ((got = rotate_net_plan(p, present, npresent, host_of, table,
	    p->rounds, p->rounds)) > 0)
		return got;
	memset(&pk, 0, sizeof pk);
	pk.n = p->npeople;
	pk.T = p->tables;
	pk.seats = pk.T > 0 ? (npresent + pk.T - 1) / pk.T : 0;
	pk.np = pk.T * pk.seats;
	if (pk.seats < 2 || p->frozen > 0 || pk.np > ROT_MAX_PEOPLE)
		return 0;
	pk.home = malloc(sizeof *pk.home * (size_t)pk.n);
	pk.left = malloc(sizeof *pk.left * (size_t)pk.T);
	pk.buf = malloc(sizeof *pk.buf * (size_t)pk.n);
	if (pk.home != NULL && pk.left != NULL && pk.buf != NULL)
		got = from_construct(p, present, host_of, &pk, table);
	free(pk.home);
	free(pk.left);
	free(pk.buf);
	if (got)
		return p->rounds;
	/* More rounds than any net has: its rounds first, the rest searched. */
	return rotate_net_plan(p, present, npresent, host_of, table,
	    p->rounds - 1, 1);
}
