/* rotate-late.c: a late arrival takes over the seats of someone who left, where that keeps the plan perfect. */

#include <stdlib.h>
#include <string.h>

#include "rotate-plan.h"

/*
 * A perfect plan stays perfect when people leave, but the tight ones (the
 * nets of rotate-net.c) leave no slack for someone who comes: in the rounds
 * to come, everyone at every other table of a round is someone they met, a
 * colleague, or will meet.  A person who left, though, leaves a seat in
 * every round whose tablemates never meet twice.  So a late arrival takes
 * over the seats of one who left, chosen with the table they join in the
 * round running now, so that they meet nobody twice and no colleague: the
 * running round's smallest tables are tried with each leaver's seats, then
 * with the seats the seeding gave.  Nothing changes when no such pair of
 * choices exists, or when the late arrival's seats are already clean.
 */

/* Does i (seated in round r at t) meet a colleague, or anyone in seen[]? */
static int
clashes(const struct plan *pl, int r, int i, int t, unsigned char *seen)
{
	const int	*tab = pl->out->table + (size_t)r * pl->n;
	int		 c, n = pl->n;

	for (c = 0; c < n; c++) {
		if (c == i || tab[c] != t)
			continue;
		if (seen[c] || pl->weight[i * n + c] >= ROT_W_SITE)
			return 1;
		seen[c] = 1;
	}
	return 0;
}

/*
 * Would i meet nobody twice and no colleague with table t0 in round from - 1
 * and seats[r] in the rounds to come?  seen[] is scratch of n bytes.
 */
static int
clean_path(const struct plan *pl, int i, int t0, const int *seats,
    unsigned char *seen)
{
	int	*tab, r, keep, ok = 1;

	memset(seen, 0, (size_t)pl->n);
	for (r = 0; r < pl->from - 1; r++) {	/* rounds before i came */
		tab = pl->out->table + (size_t)r * pl->n;
		if (tab[i] >= 0 && clashes(pl, r, i, tab[i], seen))
			return 0;
	}
	for (r = pl->from - 1; r < pl->R && ok; r++) {
		int t = r == pl->from - 1 ? t0 : seats[r];

		tab = pl->out->table + (size_t)r * pl->n;
		keep = tab[i];
		tab[i] = -1;
		ok = t >= 0 && !clashes(pl, r, i, t, seen);
		tab[i] = keep;
	}
	return ok;
}

static int
size_of(const struct plan *pl, int r, int t, int without)
{
	const int	*tab = pl->out->table + (size_t)r * pl->n;
	int		 c, k = 0;

	for (c = 0; c < pl->n; c++)
		k += c != without && tab[c] == t;
	return k;
}

/* Sizes of round r within one with i moved to t? */
static int
balanced_with(const struct plan *pl, int r, int i, int t)
{
	int	u, lo = -1, hi = -1;

	for (u = 0; u < pl->T; u++) {
		int k = size_of(pl, r, u, i) + (u == t);

		lo = lo < 0 || k < lo ? k : lo;
		hi = k > hi ? k : hi;
	}
	return hi - lo <= 1;
}

/* Move i to seats[] in the rounds to come and t0 in round from - 1. */
static void
move(struct plan *pl, int i, int t0, const int *seats)
{
	int	r;

	for (r = pl->from - 1; r < pl->R; r++)
		rotate_meet_round(pl, r, -1);
	pl->out->table[(pl->from - 1) * pl->n + i] = t0;
	for (r = pl->from; r < pl->R; r++)
		pl->out->table[r * pl->n + i] = seats[r];
	for (r = pl->from - 1; r < pl->R; r++)
		rotate_meet_round(pl, r, 1);
}

/* One late arrival: 1 when their seats are clean (now or after a move). */
static int
place(struct plan *pl, int i, int *seats, unsigned char *seen)
{
	const struct rotate_schedule	*past = pl->p->past;
	int				 r, a, t0, lo = -1, f = pl->from - 1;
	int				 pn = past->npeople;

	for (r = 0; r < pl->R; r++)
		seats[r] = pl->out->table[r * pl->n + i];
	if (clean_path(pl, i, seats[f], seats, seen))
		return 1;
	for (t0 = 0; t0 < pl->T; t0++) {
		int k = size_of(pl, f, t0, i);

		lo = lo < 0 || k < lo ? k : lo;
	}
	/* a == pn: the seats the seeding gave. */
	for (a = 0; a <= pn; a++) {
		if (a < pn && (a == i || pl->present[a] ||
		    past->table[f * pn + a] < 0))
			continue;
		for (r = pl->from; r < pl->R && a < pn; r++)
			seats[r] = past->table[r * pn + a];
		for (r = pl->from; r < pl->R; r++)
			if (seats[r] < 0 || !balanced_with(pl, r, i, seats[r]))
				break;
		if (r < pl->R)
			continue;
		for (t0 = 0; t0 < pl->T; t0++)
			if (size_of(pl, f, t0, i) == lo &&
			    clean_path(pl, i, t0, seats, seen)) {
				move(pl, i, t0, seats);
				return 1;
			}
	}
	return 0;
}

int
rotate_place_late(struct plan *pl)
{
	int		*seats = malloc(sizeof *seats * (size_t)pl->R);
	unsigned char	*seen = malloc((size_t)pl->n);
	int		 i, ok = 1;

	if (seats == NULL || seen == NULL || pl->from <= 0 ||
	    pl->p->past == NULL || pl->p->past->rounds < pl->R) {
		free(seats);
		free(seen);
		return 0;
	}
	for (i = 0; i < pl->n; i++)
		if (pl->present[i] && pl->p->people[i].late)
			ok &= place(pl, i, seats, seen);
	free(seats);
	free(seen);
	return ok;
}
