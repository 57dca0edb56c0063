/* rotate-greedy.c: the planner's start: stay hosts, pair weights, and a
 * greedy seating round by round that later methods improve on. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rotate-plan.h"

void
rotate_shuffle(int *v, int n, uint64_t *rng)
{
	int	i;

	for (i = n - 1; i > 0; i--) {
		int j = rotate_rand_below(rng, i + 1), x;

		x = v[i];
		v[i] = v[j];
		v[j] = x;
	}
}

void
rotate_meet_round(struct plan *pl, int r, int d)
{
	const int	*tab = pl->out->table + (size_t)r * pl->n;
	int		 i, j;

	for (i = 0; i < pl->n; i++)
		if (tab[i] >= 0)
			for (j = i + 1; j < pl->n; j++)
				if (tab[j] == tab[i]) {
					pl->meet[i * pl->n + j] += d;
					pl->meet[j * pl->n + i] += d;
				}
}

/*
 * Stay hosts: keep whoever hosted a table in the last kept round, then the
 * people flagged as hosts, then fill empty tables preferring someone already
 * sitting there and a site no other host has, so hosts spread the sites too.
 */
void
rotate_choose_hosts(struct plan *pl)
{
	const struct rotate_problem	*p = pl->p;
	int				 t, i, pass, want;
	unsigned char			*is_host = calloc((size_t)pl->n + 1, 1);

	for (t = 0; t < pl->T; t++)
		pl->host_of[t] = -1;
	if (p->hosts != ROT_HOSTS_STAY || is_host == NULL) {
		free(is_host);
		return;
	}
	want = pl->npresent < pl->T ? pl->npresent : pl->T;
	if (pl->from > 0)
		for (t = 0; t < pl->T; t++) {
			i = pl->out->host[(pl->from - 1) * pl->T + t];
			if (i >= 0 && pl->present[i] && !is_host[i]) {
				pl->host_of[t] = i;
				is_host[i] = 1;
			}
		}
	for (pass = 0; pass < 4; pass++)
		for (t = 0; t < pl->T; t++) {
			int got = 0;

			for (i = 0; i < pl->T; i++)
				got += pl->host_of[i] >= 0;
			if (got >= want)
				break;
			if (pl->host_of[t] >= 0)
				continue;
			for (i = 0; i < pl->n; i++) {
				int ok = pl->present[i] && !is_host[i], h;

				if (ok && pass == 0)
					ok = p->people[i].host;
				if (ok && pass == 1 && pl->from > 0)
					ok = pl->out->table[(pl->from - 1) *
					    pl->n + i] == t;
				for (h = 0; ok && pass <= 2 && h < pl->T; h++)
					if (pl->host_of[h] >= 0 &&
					    p->people[i].site >= 0 &&
					    p->people[pl->host_of[h]].site ==
					    p->people[i].site)
						ok = pass == 0;
				if (ok) {
					pl->host_of[t] = i;
					is_host[i] = 1;
					break;
				}
			}
		}
	free(is_host);
}

void
rotate_build_weights(struct plan *pl)
{
	const struct rotate_problem	*p = pl->p;
	int				 i, j, n = pl->n;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			int w = 0;

			if (i != j && p->mix == ROT_MIX_SITE &&
			    p->people[i].site >= 0 &&
			    p->people[i].site == p->people[j].site)
				w += ROT_W_SITE;
			if (i != j && p->hosts == ROT_HOSTS_MOVE &&
			    p->people[i].host && p->people[j].host)
				w++;
			pl->weight[i * n + j] = w;
		}
	for (i = 0; i < p->navoid; i++) {
		int a = p->avoid[i].a, b = p->avoid[i].b;

		pl->weight[a * n + b] = pl->weight[b * n + a] = ROT_W_FORBID;
	}
}

/* Balanced capacities; host tables take the larger size first. */
static void
capacities(struct plan *pl, int *cap)
{
	int	order[ROT_MAX_PEOPLE], t, k = 0, m, base, extra;

	base = pl->npresent / pl->T;
	extra = pl->npresent % pl->T;
	for (t = 0; t < pl->T; t++)
		if (pl->host_of[t] >= 0)
			order[k++] = t;
	rotate_shuffle(order, k, &pl->rng);
	for (t = 0, m = k; t < pl->T; t++)
		if (pl->host_of[t] < 0)
			order[m++] = t;
	rotate_shuffle(order + k, pl->T - k, &pl->rng);
	for (t = 0; t < pl->T; t++)
		cap[order[t]] = base + (t < extra);
}

/* Seat each traveller, in random order, where it adds the least cost. */
void
rotate_greedy_round(struct plan *pl, int r)
{
	int	*tab = pl->out->table + (size_t)r * pl->n, n = pl->n;
	int	*cap = malloc(sizeof *cap * (size_t)pl->T);
	int	*size = calloc((size_t)pl->T, sizeof *size);
	int	*order = malloc(sizeof *order * (size_t)n);
	int	 i, k, t, c, m = 0;

	if (cap == NULL || size == NULL || order == NULL)
		goto out;
	capacities(pl, cap);
	for (t = 0; t < pl->T; t++)
		if (pl->host_of[t] >= 0) {
			tab[pl->host_of[t]] = t;
			size[t]++;
		}
	for (i = 0; i < n; i++)
		if (pl->present[i] && tab[i] < 0)
			order[m++] = i;
	rotate_shuffle(order, m, &pl->rng);
	for (k = 0; k < m; k++) {
		long long	best = 0, cost;
		int		bt = -1, ties = 0;

		i = order[k];
		for (t = 0; t < pl->T; t++) {
			if (size[t] >= cap[t])
				continue;
			cost = 0;
			for (c = 0; c < n; c++)
				if (tab[c] == t)
					cost += pl->weight[i * n + c] +
					    (pl->meet[i * n + c] ? ROT_W_REPEAT : 0);
			if (bt < 0 || cost < best) {
				best = cost;
				bt = t;
				ties = 1;
			} else if (cost == best &&
			    rotate_rand_below(&pl->rng, ++ties) == 0)
				bt = t;
		}
		tab[i] = bt;
		size[bt]++;
	}
	rotate_meet_round(pl, r, 1);
out:
	free(cap);
	free(size);
	free(order);
}

/* What seating i at table t of round r adds to the cost. */
static long long
seat_cost(const struct plan *pl, int r, int i, int t)
{
	const int	*tab = pl->out->table + (size_t)r * pl->n;
	long long	 cost = 0;
	int		 c, n = pl->n;

	for (c = 0; c < n; c++)
		if (c != i && tab[c] == t)
			cost += pl->weight[i * n + c] +
			    (pl->meet[i * n + c] ? ROT_W_REPEAT : 0);
	return cost;
}

/*
 * Re-planning: start the rounds to come from the plan they had, which was
 * good for them, rather than from scratch: drop who left, seat who came at
 * the cheapest of the smallest tables, keep stay hosts home, then move the
 * cheapest travellers from the largest to the smallest tables until sizes
 * are within one.  Returns the rounds seeded.
 */
int
rotate_seed_from_past(struct plan *pl)
{
	const struct rotate_schedule	*past = pl->p->past;
	int				 n = pl->n, T = pl->T, r, i, t;
	int				*size = malloc(sizeof *size * (size_t)T);

	if (pl->from == 0 || past == NULL || past->rounds < pl->R ||
	    size == NULL) {
		free(size);
		return 0;
	}
	for (r = pl->from; r < pl->R; r++) {
		int *tab = pl->out->table + (size_t)r * n;

		for (i = 0; i < n; i++)
			tab[i] = i < past->npeople && pl->present[i] ?
			    past->table[r * past->npeople + i] : -1;
		for (t = 0; t < T; t++)
			if (pl->host_of[t] >= 0)
				tab[pl->host_of[t]] = t;
		for (;;) {
			long long	best = 0, c;
			int		bi = -1, bt = -1, from = -1, lo, hi, k;

			memset(size, 0, sizeof *size * (size_t)T);
			for (i = 0; i < n; i++)
				if (tab[i] >= 0)
					size[tab[i]]++;
			for (t = 1, lo = hi = 0; t < T; t++) {
				lo = size[t] < size[lo] ? t : lo;
				hi = size[t] > size[hi] ? t : hi;
			}
			for (i = 0; i < n && from < 0; i++)
				if (pl->present[i] && tab[i] < 0)
					from = i;
			if (from < 0 && size[hi] - size[lo] <= 1)
				break;
			/* Someone unseated, or a traveller of a largest table. */
			for (i = 0; i < n; i++) {
				if (from >= 0 ? i != from : tab[i] < 0 ||
				    size[tab[i]] != size[hi])
					continue;
				for (k = 0; from < 0 && k < T; k++)
					if (pl->host_of[k] == i)
						break;
				if (from < 0 && k < T)
					continue;
				for (t = 0; t < T; t++) {
					if (size[t] != size[lo] || t == tab[i])
						continue;
					c = seat_cost(pl, r, i, t) - (tab[i] >= 0 ?
					    seat_cost(pl, r, i, tab[i]) : 0);
					if (bi < 0 || c < best) {
						best = c;
						bi = i;
						bt = t;
					}
				}
			}
			if (bi < 0)
				break;
			tab[bi] = bt;
		}
		rotate_meet_round(pl, r, 1);
	}
	free(size);
	return pl->R - pl->from;
}
