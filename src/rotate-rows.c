/* rotate-rows.c: sites as the round already played: each site in one row of an affine plane. */

#include <stdlib.h>
#include <string.h>

#include "rotate.h"

/*
 * With q = tables a prime power, the lines of AG(2,q) cut to `seats` columns
 * fall into q parallel classes of q tables each.  Take the rows (slope 0) as
 * the round the sites already "played": seat every site inside one row, and
 * the other slopes give q - 1 rounds in which no pair meets twice and no two
 * people of a row, so of a site, ever meet.  That is the social golfer
 * problem with a fixed first round, solved outright when the sites pack into
 * the rows: common rooms, where each site brings a team of about the table
 * size, and there are about as many sites as tables.
 *
 * Column 0 stays at its row's table in every round, so a host who stays
 * takes column 0 of row t, and their site the rest of that row.  Empty seats
 * go to the last column, one per row, or all to one row: either way no two
 * share a table in any round, so tables stay within one of each other.
 */

struct rows {
	int	*row;		/* [n] row of a person, -1 not yet */
	int	*left;		/* [T] free seats of a row */
};

/* The present people of site `site` (or person i alone when site < 0). */
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
put(struct rows *rw, const int *who, int k, int y)
{
	int	j;

	for (j = 0; j < k; j++)
		rw->row[who[j]] = y;
	rw->left[y] -= k;
}

int
rotate_rows_plan(const struct rotate_problem *p, const unsigned char *present,
    int npresent, const int *host_of, int *table)
{
	struct rows	 rw;
	int		 n = p->npeople, T = p->tables, R = p->rounds;
	int		 seats = (npresent + T - 1) / T, got = 0, i, k, y, r;
	int		*buf = malloc(sizeof *buf * ((size_t)n + 1));
	int		*x = malloc(sizeof *x * ((size_t)n + 1));
	int		*ctab = NULL;

	rw.row = malloc(sizeof *rw.row * ((size_t)n + 1));
	rw.left = malloc(sizeof *rw.left * (size_t)T);
	if (buf == NULL || x == NULL || rw.row == NULL || rw.left == NULL ||
	    seats < 2 || p->frozen > 0 ||
	    rotate_construct_rows(T, seats, R, &ctab) < R)
		goto out;
	for (i = 0; i < n; i++)
		rw.row[i] = -1;
	for (y = 0; y < T; y++)
		rw.left[y] = seats;
	/* Hosts who stay, with their sites, in their rows. */
	for (y = 0; host_of != NULL && y < T; y++) {
		if (host_of[y] < 0)
			goto out;
		if (rw.row[host_of[y]] >= 0)
			goto out;	/* two hosts of one site */
		k = group(p, present, host_of[y], buf);
		if (k > rw.left[y])
			goto out;
		put(&rw, buf, k, y);
	}
	/* Largest sites first, each into the fullest row that takes it. */
	for (;;) {
		int best = -1, bk = 0, by = -1;

		for (i = 0; i < n; i++)
			if (present[i] && rw.row[i] < 0 && p->mix == ROT_MIX_SITE &&
			    p->people[i].site >= 0 &&
			    (k = group(p, present, i, buf)) > bk) {
				best = i;
				bk = k;
			}
		if (best < 0)
			break;
		k = group(p, present, best, buf);
		for (y = 0; y < T; y++)
			if (rw.left[y] >= k && (by < 0 || rw.left[y] < rw.left[by]))
				by = y;
		if (by < 0)
			goto out;
		put(&rw, buf, k, by);
	}
	/* People without a site into the emptiest rows. */
	for (i = 0; i < n; i++)
		if (present[i] && rw.row[i] < 0) {
			for (y = 0, k = 0; y < T; y++)
				if (rw.left[y] > rw.left[k])
					k = y;
			if (rw.left[k] < 1)
				goto out;
			put(&rw, &i, 1, k);
		}
	/* Empty seats never meet when all share a column or all a row. */
	for (y = 0, k = 0, r = 0; y < T; y++) {
		k += rw.left[y] > 0;
		r += rw.left[y] > 1;
	}
	if (r > 0 && k > 1)
		goto out;
	/* Columns within a row: the host first, an empty seat last. */
	for (y = 0; y < T; y++) {
		int c = 0;

		if (host_of != NULL)
			x[host_of[y]] = c++;
		for (i = 0; i < n; i++)
			if (present[i] && rw.row[i] == y &&
			    (host_of == NULL || host_of[y] != i))
				x[i] = c++;
	}
	for (r = 0; r < R; r++)
		for (i = 0; i < n; i++)
			if (present[i])
				table[r * n + i] = ctab[(size_t)r * T * seats +
				    x[i] * T + rw.row[i]];
	got = R;
out:
	free(buf);
	free(x);
	free(rw.row);
	free(rw.left);
	free(ctab);
	return got;
}
