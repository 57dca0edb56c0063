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
 * Would i meet nobody twice and no colleague in the rounds before the
 * running one and at seats[r] in the rounds to come?  Leaves in seen[] (n
 * bytes) everyone met there, for the running round's table to be checked.
 */
static int
clean_around(const struct plan *pl, int i, const int *seats,
    unsigned char *seen)
{
	int	r, f = pl->from - 1;

	memset(seen, 0, (size_t)pl->n);
	for (r = 0; r < pl->R; r++) {
		int t = r < f ? pl->out->table[r * pl->n + i] : seats[r];

		if (r != f && t >= 0 && clashes(pl, r, i, t, seen))
			return 0;
	}
	return 1;
}

/* Sizes of round r within one with i at t?  sz[]: round r's, without i. */
static int
balanced_with(const int *sz, int T, int t)
{
	int	u, lo = -1, hi = -1;

	for (u = 0; u < T; u++) {
		int k = sz[u] + (u == t);

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

/*
 * One late arrival: 1 when their seats are clean (now or after a move).
 * sz[] is scratch of R * T: each round's table sizes without i.
 */
static int
place(struct plan *pl, int i, int *seats, int *sz, unsigned char *seen)
{
	const struct rotate_schedule	*past = pl->p->past;
	int				 r, a, t0, c, lo, f = pl->from - 1;
	int				 pn = past->npeople, T = pl->T;
	unsigned char			*mark;

	memset(sz, 0, sizeof *sz * (size_t)pl->R * T);
	for (r = 0; r < pl->R; r++) {
		seats[r] = pl->out->table[r * pl->n + i];
		for (c = 0; c < pl->n; c++)
			if (c != i && pl->out->table[r * pl->n + c] >= 0)
				sz[r * T + pl->out->table[r * pl->n + c]]++;
	}
	for (t0 = 1, lo = sz[f * T]; t0 < T; t0++)
		lo = sz[f * T + t0] < lo ? sz[f * T + t0] : lo;
	if ((mark = malloc((size_t)pl->n)) == NULL)
		return 0;
	/* a == pn: the seats the seeding gave. */
	for (a = pn; a >= 0; a--) {
		if (a < pn && (a == i || pl->present[a] ||
		    past->table[f * pn + a] < 0))
			continue;
		for (r = pl->from; r < pl->R && a < pn; r++)
			seats[r] = past->table[r * pn + a];
		for (r = pl->from; r < pl->R; r++)
			if (seats[r] < 0 ||
			    !balanced_with(sz + (size_t)r * T, T, seats[r]))
				break;
		if (r < pl->R || !clean_around(pl, i, seats, seen))
			continue;
		/* The running round: the table they have, or a smallest. */
		for (t0 = -1; t0 < T; t0++) {
			int t = t0 < 0 ? pl->out->table[f * pl->n + i] : t0;

			if (t0 >= 0 && sz[f * T + t0] != lo)
				continue;
			memcpy(mark, seen, (size_t)pl->n);
			if (clashes(pl, f, i, t, mark))
				continue;
			if (a < pn || t0 >= 0)
				move(pl, i, t, seats);
			free(mark);
			return 1;
		}
	}
	free(mark);
	return 0;
}

int
rotate_place_late(struct plan *pl)
{
	int		*seats = malloc(sizeof *seats * (size_t)pl->R);
	int		*sz = malloc(sizeof *sz * (size_t)pl->R * pl->T);
	unsigned char	*seen = malloc((size_t)pl->n);
	int		 i, ok = 0;

	if (seats != NULL && sz != NULL && seen != NULL && pl->from > 0 &&
	    pl->p->past != NULL && pl->p->past->rounds >= pl->R)
		for (i = 0, ok = 1; i < pl->n; i++)
			if (pl->present[i] && pl->p->people[i].late)
				ok &= place(pl, i, seats, sz, seen);
	free(seats);
	free(sz);
	free(seen);
	return ok;
}
