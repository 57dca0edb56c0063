/* rotate.c: plan a world-café rotation: hosts, construction, greedy start, search, labels. */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rotate.h"
#include "rotate-plan.h"


int
rotate_schedule_init(struct rotate_schedule *s, int npeople, int tables,
    int rounds)
{
	size_t	i, nt = (size_t)rounds * npeople, nh = (size_t)rounds * tables;

	memset(s, 0, sizeof *s);
	if (npeople < 0 || tables < 1 || rounds < 1)
		return -1;
	s->table = malloc(sizeof *s->table * (nt ? nt : 1));
	s->host = malloc(sizeof *s->host * nh);
	if (s->table == NULL || s->host == NULL) {
		rotate_schedule_free(s);
		return -1;
	}
	for (i = 0; i < nt; i++)
		s->table[i] = -1;
	for (i = 0; i < nh; i++)
		s->host[i] = -1;
	s->npeople = npeople;
	s->tables = tables;
	s->rounds = rounds;
	return 0;
}

void
rotate_schedule_free(struct rotate_schedule *s)
{
	free(s->table);
	free(s->host);
	memset(s, 0, sizeof *s);
}

int
rotate_table_size(const struct rotate_schedule *s, int round, int table)
{
	int	i, c = 0;

	for (i = 0; i < s->npeople; i++)
		c += s->table[round * s->npeople + i] == table;
	return c;
}

static int
validate(const struct rotate_problem *p, char *err, size_t errlen)
{
	int	i;

	if (p->npeople < 0 || p->npeople > ROT_MAX_PEOPLE) {
		snprintf(err, errlen, "between 0 and %d people, please",
		    ROT_MAX_PEOPLE);
		return -1;
	}
	if (p->npeople > 0 && p->people == NULL) {
		snprintf(err, errlen, "no people given");
		return -1;
	}
	if (p->tables < 1 || p->tables > ROT_MAX_PEOPLE) {
		snprintf(err, errlen, "between 1 and %d tables, please",
		    ROT_MAX_PEOPLE);
		return -1;
	}
	if (p->rounds < 1 || p->rounds > ROT_MAX_ROUNDS) {
		snprintf(err, errlen, "between 1 and %d rounds, please",
		    ROT_MAX_ROUNDS);
		return -1;
	}
	if (p->navoid < 0 || (p->navoid > 0 && p->avoid == NULL)) {
		snprintf(err, errlen, "bad list of pairs to keep apart");
		return -1;
	}
	for (i = 0; i < p->navoid; i++) {
		const struct rotate_pair *a = &p->avoid[i];

		if (a->a < 0 || a->b < 0 || a->a >= p->npeople ||
		    a->b >= p->npeople || a->a == a->b) {
			snprintf(err, errlen, "pair %d to keep apart names "
			    "an unknown person or the same person twice", i + 1);
			return -1;
		}
	}
	if (p->frozen < 0 || p->frozen > p->rounds) {
		snprintf(err, errlen, "cannot keep %d past rounds of %d",
		    p->frozen, p->rounds);
		return -1;
	}
	if (p->frozen > 0 && (p->past == NULL ||
	    p->past->npeople > p->npeople || p->past->tables != p->tables ||
	    p->past->rounds < p->frozen)) {
		snprintf(err, errlen, "the past schedule does not match the room");
		return -1;
	}
	return 0;
}

/*
 * Map people onto the construction's points.  Column 0 takes the stay hosts
 * (row t stays at table t), empty seats go to the bottom of the last column,
 * and, when the design keeps columns apart, each site (or the group of
 * travelling hosts) fills as few columns as it can, so people of one site
 * never meet.
 */
static int
construct(struct plan *pl, long effort, int time_ms)
{
	int	 T = pl->T, seats = (pl->npresent + T - 1) / T;
	int	 dummies = T * seats - pl->npresent, apart, got, r, i, k, g;
	int	 stay = pl->p->hosts == ROT_HOSTS_STAY, np = T * seats;
	int	*ctab, *point = NULL, *order = NULL, *freec = NULL, *key = NULL;

	if (pl->from > 0 || seats < 2)
		return 0;
	for (i = 0; stay && i < T; i++)
		if (pl->host_of[i] < 0)
			return 0;
	got = rotate_construct(T, seats, pl->R, stay, dummies, effort, time_ms,
	    &apart, &ctab);
	if (got == 0)
		return 0;
	point = malloc(sizeof *point * (size_t)pl->n);
	order = malloc(sizeof *order * (size_t)pl->n);
	freec = malloc(sizeof *freec * (size_t)seats);
	key = malloc(sizeof *key * (size_t)pl->n);
	if (point == NULL || order == NULL || freec == NULL || key == NULL) {
		got = 0;
		goto out;
	}
	for (k = 0; k < seats; k++)
		freec[k] = T;
	freec[seats - 1] -= dummies;
	for (i = 0; i < pl->n; i++)
		point[i] = -1;
	for (i = 0; stay && i < T; i++) {
		point[pl->host_of[i]] = i;
		freec[0]--;
	}
	/* Group keys: site, or a pseudo-site for travelling hosts. */
	for (i = 0; i < pl->n; i++) {
		const struct rotate_person *pe = &pl->p->people[i];

		key[i] = -1;
		if (pl->p->hosts == ROT_HOSTS_MOVE && pe->host)
			key[i] = ROT_MAX_PEOPLE;
		else if (pl->p->mix == ROT_MIX_SITE && pe->site >= 0)
			key[i] = pe->site % ROT_MAX_PEOPLE;
	}
	for (;;) {
		int cnt[ROT_MAX_PEOPLE + 1] = { 0 }, best = -1, col = -1, m;

		for (i = 0; i < pl->n; i++)
			if (pl->present[i] && point[i] < 0 && key[i] >= 0)
				cnt[key[i]]++;
		for (g = 0; g <= ROT_MAX_PEOPLE; g++)
			if (cnt[g] > 0 && (best < 0 || cnt[g] > cnt[best]))
				best = g;
		if (best < 0)
			break;
		/* Best fit: the fullest column that still takes the group. */
		for (k = 0; k < seats; k++)
			if (freec[k] >= cnt[best] &&
			    (col < 0 || freec[k] < freec[col]))
				col = k;
		for (k = 0; col < 0 && k < seats; k++)
			if (freec[k] > 0 && (col < 0 || freec[k] > freec[col]))
				col = k;
		m = 0;
		for (i = 0; i < pl->n; i++)
			if (pl->present[i] && point[i] < 0 && key[i] == best)
				order[m++] = i;
		rotate_shuffle(order, m, &pl->rng);
		for (k = 0; k < m && freec[col] > 0; k++) {
			point[order[k]] = col * T + (T - freec[col]);
			freec[col]--;
			key[order[k]] = -1;
		}
		for (; k < m; k++)
			key[order[k]] = -1;
	}
	for (i = 0, k = 0; i < pl->n; i++)
		if (pl->present[i] && point[i] < 0) {
			while (freec[k] == 0)
				k++;
			point[i] = k * T + (T - freec[k]);
			freec[k]--;
		}
	/* Column 0 rows were filled from the top, hosts first, so row t is host_of[t]. */
	for (r = 0; r < got; r++) {
		for (i = 0; i < pl->n; i++)
			if (pl->present[i])
				pl->out->table[r * pl->n + i] =
				    ctab[(size_t)r * np + point[i]];
		rotate_meet_round(pl, r, 1);
	}
out:
	free(ctab);
	free(point);
	free(order);
	free(freec);
	free(key);
	return got;
}

/*
 * With travelling hosts tables are only labels, so relabel each round to send
 * people to tables (and tablecloths) they have not seen: greedy pairwise label
 * swaps on the count of earlier visits.
 */
static void
relabel(struct plan *pl)
{
	int		 T = pl->T, n = pl->n, r, i, a, b, improved, pass;
	int		*perm = malloc(sizeof *perm * (size_t)T);
	int		*cost = malloc(sizeof *cost * (size_t)T * T);
	unsigned char	*seen = calloc((size_t)n * T, 1);

	if (perm == NULL || cost == NULL || seen == NULL || T > 400 ||
	    pl->p->hosts == ROT_HOSTS_STAY)
		goto out;
	for (r = 0; r < pl->R; r++) {
		int *tab = pl->out->table + (size_t)r * n;

		if (r >= pl->from && r > 0) {
			memset(cost, 0, sizeof *cost * (size_t)T * T);
			for (i = 0; i < n; i++)
				if (tab[i] >= 0)
					for (b = 0; b < T; b++)
						cost[tab[i] * T + b] += seen[i * T + b];
			for (a = 0; a < T; a++)
				perm[a] = a;
			for (pass = 0, improved = 1; improved && pass < 8; pass++) {
				improved = 0;
				for (a = 0; a < T; a++)
					for (b = a + 1; b < T; b++) {
						int now = cost[a * T + perm[a]] +
						    cost[b * T + perm[b]];
						int swp = cost[a * T + perm[b]] +
						    cost[b * T + perm[a]];

						if (swp < now) {
							int x = perm[a];

							perm[a] = perm[b];
							perm[b] = x;
							improved = 1;
						}
					}
			}
			for (i = 0; i < n; i++)
				if (tab[i] >= 0)
					tab[i] = perm[tab[i]];
		}
		for (i = 0; i < n; i++)
			if (tab[i] >= 0)
				seen[i * T + tab[i]] = 1;
	}
out:
	free(perm);
	free(cost);
	free(seen);
}

static void
mark_hosts(struct plan *pl)
{
	int	r, t, i;
	int	any = 0;

	for (i = 0; i < pl->n; i++)
		any |= pl->p->people[i].host;
	for (r = pl->from; r < pl->R; r++)
		for (t = 0; t < pl->T; t++) {
			int *h = &pl->out->host[r * pl->T + t];

			*h = pl->host_of[t];
			if (pl->p->hosts == ROT_HOSTS_STAY || !any)
				continue;
			for (i = 0; i < pl->n && *h < 0; i++)
				if (pl->p->people[i].host &&
				    pl->out->table[r * pl->n + i] == t)
					*h = i;
		}
}

static void
regreedy(struct plan *pl)
{
	int	r, i;

	for (r = pl->from; r < pl->R; r++) {
		rotate_meet_round(pl, r, -1);
		for (i = 0; i < pl->n; i++)
			pl->out->table[r * pl->n + i] = -1;
	}
	for (r = pl->from; r < pl->R; r++)
		rotate_greedy_round(pl, r);
}

/*
 * Independent episodes: the first starts from the construction (if any),
 * later ones from fresh greedy schedules, because on hard instances whether
 * the search succeeds depends mostly on where it starts.  Easy rooms finish
 * in the first episode.
 */
static void
search(struct plan *pl, long effort, int time_ms)
{
	struct rotate_search	 s;
	long long		 best = -1;
	size_t			 nt = (size_t)pl->R * pl->n;
	int			*keep = malloc(sizeof *keep * nt);
	int			 r, i, ep;

	for (r = pl->from; r < pl->R; r++)
		for (i = 0; i < pl->T; i++)
			if (pl->host_of[i] >= 0)
				pl->fixed[r * pl->n + pl->host_of[i]] = 1;
	memset(&s, 0, sizeof s);
	s.n = pl->n;
	s.tables = pl->T;
	s.rounds = pl->R;
	s.from = pl->from;
	s.table = pl->out->table;
	s.fixed = pl->fixed;
	s.weight = pl->weight;
	s.meet = pl->meet;
	s.effort = effort / EPISODES > 0 ? effort / EPISODES : 1;
	if (time_ms > 0)
		s.time_ms = time_ms > EPISODES ? time_ms / EPISODES : 1;
	s.target = (long long)rotate_unavoidable_repeats(pl->p) * ROT_W_REPEAT;
	if (pl->p->mix == ROT_MIX_SITE)
		s.target += (long long)rotate_unavoidable_same_site(pl->p) *
		    ROT_W_SITE;
	for (ep = 0; ep < EPISODES && keep != NULL; ep++) {
		long long cost;

		if (ep > 0)
			regreedy(pl);
		s.rng = pl->rng ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(ep + 1));
		cost = rotate_search_run(&s);
		if (best < 0 || cost < best) {
			best = cost;
			memcpy(keep, pl->out->table, sizeof *keep * nt);
		}
		if (best <= s.target)
			break;
	}
	if (keep != NULL && ep > 0) {
		for (r = pl->from; r < pl->R; r++)
			rotate_meet_round(pl, r, -1);
		memcpy(pl->out->table, keep, sizeof *keep * nt);
		for (r = pl->from; r < pl->R; r++)
			rotate_meet_round(pl, r, 1);
	} else if (keep == NULL)
		rotate_search_run(&s);
	free(keep);
}

static long
elapsed(const struct plan *pl)
{
	return rotate_ms_since(&pl->t0);
}

/* What is left of the caller's time limit, at least 1 ms; 0 for none. */
static int
left_ms(const struct plan *pl)
{
	long	left;

	if (pl->p->time_ms <= 0)
		return 0;
	left = pl->p->time_ms - elapsed(pl);
	return left > 1 ? (int)left : 1;
}

/* More repeated meetings, or (--mix site) same-site seatings, than the room makes certain? */
static int
excess_repeats(const struct plan *pl)
{
	const struct rotate_problem	*p = pl->p;
	long				 sum = 0, site = 0;
	int				 i, j;

	for (i = 0; i < pl->n; i++)
		for (j = i + 1; j < pl->n; j++) {
			int m = pl->meet[i * pl->n + j];

			if (m > 1)
				sum += m - 1;
			if (m > 0 && p->mix == ROT_MIX_SITE &&
			    p->people[i].site >= 0 &&
			    p->people[i].site == p->people[j].site)
				site += m;
		}
	return sum > rotate_unavoidable_repeats(p) ||
	    (p->mix == ROT_MIX_SITE && site > rotate_unavoidable_same_site(p));
}

/* The search's cost of the schedule as it stands. */
static long long
plan_cost(const struct plan *pl)
{
	struct rotate_search	s;

	memset(&s, 0, sizeof s);
	s.n = pl->n;
	s.weight = pl->weight;
	s.meet = pl->meet;
	return rotate_search_cost(&s);
}

static void
clear_rounds(struct plan *pl)
{
	int	r, i;

	for (r = pl->from; r < pl->R; r++) {
		rotate_meet_round(pl, r, -1);
		for (i = 0; i < pl->n; i++)
			pl->out->table[r * pl->n + i] = -1;
	}
}

/*
 * Fields and stored designs, then greedy rounds and the search.  A small
 * room whose search is left with avoidable repeats tries cyclic rounds
 * (rotate-construct.c) and searches again from them: they reach rooms at
 * the counting bound that the search cannot, but cost more than the search
 * needs for an easy room, so they come second.  The better plan is kept.
 */
/*
 * The exact method (rotate-sat.c) is worth its time when a perfect plan is
 * not ruled out by a proof already and the room is small enough to write
 * out; hosts who stay must be known for every table it may not pick.
 */
static int
exact_worth(const struct plan *pl)
{
	const struct rotate_problem	*p = pl->p;

	return !p->no_exact && rotate_sat_available() &&
	    pl->npresent >= 2 * pl->T &&
	    pl->npresent <= ROT_SAT_MAX_PEOPLE && pl->R - pl->from <= 6 &&
	    rotate_unavoidable_repeats(p) == 0 &&
	    (p->mix != ROT_MIX_SITE || rotate_unavoidable_same_site(p) == 0) &&
	    rotate_proof(p, NULL, 0) == 0;
}

/*
 * Ask the exact method for a perfect plan of the rounds to come, with half
 * of the time left (or, without a time limit, time in proportion to the
 * effort).  A plan found replaces the search's; "none exists" is kept in
 * the info for the report.
 */
static int
exact_rounds(struct plan *pl, long effort)
{
	size_t	nt = (size_t)pl->R * pl->n;
	int	*tab = malloc(sizeof *tab * nt), *hosts = NULL, got, r;
	long	ms, budget;

	if (pl->p->time_ms > 0)
		budget = (left_ms(pl) + 1) / 2;
	else
		budget = (long)((double)effort / ROT_EFFORT * ROT_SAT_MS);
	if (tab == NULL || (hosts = malloc(sizeof *hosts * (size_t)pl->T)) ==
	    NULL) {
		free(tab);
		return -1;
	}
	memcpy(tab, pl->out->table, sizeof *tab * nt);
	memcpy(hosts, pl->host_of, sizeof *hosts * (size_t)pl->T);
	got = rotate_sat_plan(pl->p, pl->from, pl->present, tab, hosts,
	    budget > 0 ? budget : 1, &ms);
	pl->info->exact = got;
	pl->info->exact_ms = ms;
	if (got == 1) {
		clear_rounds(pl);
		memcpy(pl->out->table, tab, sizeof *tab * nt);
		memcpy(pl->host_of, hosts, sizeof *hosts * (size_t)pl->T);
		for (r = pl->from; r < pl->R; r++)
			rotate_meet_round(pl, r, 1);
	}
	free(tab);
	free(hosts);
	return got;
}

static void
plan_rounds(struct plan *pl)
{
	const struct rotate_problem	*p = pl->p;
	long				 effort = p->effort > 0 ? p->effort :
					    ROT_EFFORT;
	size_t				 nt = (size_t)pl->R * pl->n;
	long long			 first;
	int				 small, exact, built, r, *keep;

	if (effort > LONG_MAX / 8)
		effort = LONG_MAX / 8;
	small = pl->from == 0 && pl->npresent <= ROT_CYCLIC_MAX;
	exact = exact_worth(pl);
	built = p->mix == ROT_MIX_SITE ? rotate_rows_plan(p, pl->present,
	    pl->npresent, p->hosts == ROT_HOSTS_STAY ? pl->host_of : NULL,
	    pl->out->table) : 0;
	for (r = 0; r < built; r++)
		rotate_meet_round(pl, r, 1);
	if (built == 0)
		built = construct(pl, 0, 0);
	if (built == 0 && (built = rotate_seed_from_past(pl)) > 0)
		rotate_place_late(pl);
	for (r = pl->from + built; r < pl->R; r++)
		rotate_greedy_round(pl, r);
	/* A first look: an eighth of the default at most, however generous. */
	search(pl, small || exact ? (effort < ROT_EFFORT ? effort :
	    ROT_EFFORT) / 8 : effort, (small || exact) && p->time_ms > 0 ?
	    (p->time_ms + 7) / 8 : left_ms(pl));
	if (!excess_repeats(pl))
		return;
	if (exact && exact_rounds(pl, effort) == 1)
		return;
	if (!small || built == pl->R) {
		if (exact)
			search(pl, effort, left_ms(pl));
		return;
	}
	if ((keep = malloc(sizeof *keep * nt)) == NULL)
		return;
	first = plan_cost(pl);
	memcpy(keep, pl->out->table, sizeof *keep * nt);
	clear_rounds(pl);
	built = construct(pl, 2 * effort, (left_ms(pl) + 1) / 2);
	for (r = pl->from + built; r < pl->R; r++)
		rotate_greedy_round(pl, r);
	search(pl, effort, left_ms(pl));
	if (plan_cost(pl) > first) {
		clear_rounds(pl);
		memcpy(pl->out->table, keep, sizeof *keep * nt);
		for (r = pl->from; r < pl->R; r++)
			rotate_meet_round(pl, r, 1);
	}
	free(keep);
}

int
rotate_seat_late(const struct rotate_problem *p, struct rotate_schedule *s,
    int round, int person)
{
	int		 t, r, c, n = s->npeople, best = -1, bsize = 0;
	long long	 bcost = 0;

	if (round < 0 || round >= s->rounds || person < 0 || person >= n)
		return -1;
	if (s->table[round * n + person] >= 0)
		return s->table[round * n + person];
	for (t = 0; t < s->tables; t++) {
		int		size = rotate_table_size(s, round, t);
		long long	cost = 0;

		for (c = 0; c < n; c++) {
			if (s->table[round * n + c] != t)
				continue;
			for (r = 0; r < s->rounds; r++)
				if (r != round && s->table[r * n + c] >= 0 &&
				    s->table[r * n + c] == s->table[r * n + person])
					cost += ROT_W_REPEAT;
			for (r = 0; r < p->navoid; r++)
				if ((p->avoid[r].a == c && p->avoid[r].b == person) ||
				    (p->avoid[r].b == c && p->avoid[r].a == person))
					cost += ROT_W_FORBID;
			if (p->mix == ROT_MIX_SITE && p->people[c].site >= 0 &&
			    p->people[c].site == p->people[person].site)
				cost++;
		}
		if (best < 0 || size < bsize || (size == bsize && cost < bcost)) {
			best = t;
			bsize = size;
			bcost = cost;
		}
	}
	s->table[round * n + person] = best;
	return best;
}

int
rotate_plan(const struct rotate_problem *p, struct rotate_schedule *out,
    char *err, size_t errlen)
{
	struct rotate_info	info;

	return rotate_plan_info(p, out, &info, err, errlen);
}

int
rotate_plan_info(const struct rotate_problem *p, struct rotate_schedule *out,
    struct rotate_info *info, char *err, size_t errlen)
{
	struct plan	pl;
	int		r, i, ret = -1;

	memset(info, 0, sizeof *info);
	info->exact = ROT_EXACT_NOT_RUN;

	if (validate(p, err, errlen) != 0)
		return -1;
	if (rotate_schedule_init(out, p->npeople, p->tables, p->rounds) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(&pl, 0, sizeof pl);
	pl.p = p;
	pl.out = out;
	pl.n = p->npeople;
	pl.T = p->tables;
	pl.R = p->rounds;
	pl.from = p->frozen;
	pl.rng = p->seed ^ 0x5eed5eed5eedULL;
	pl.info = info;
	clock_gettime(CLOCK_MONOTONIC, &pl.t0);
	pl.host_of = malloc(sizeof *pl.host_of * (size_t)pl.T);
	pl.present = calloc((size_t)pl.n + 1, 1);
	pl.weight = malloc(sizeof *pl.weight * ((size_t)pl.n * pl.n + 1));
	pl.meet = calloc((size_t)pl.n * pl.n + 1, 1);
	pl.fixed = calloc((size_t)pl.R * pl.n + 1, 1);
	if (pl.host_of == NULL || pl.present == NULL || pl.weight == NULL ||
	    pl.meet == NULL || pl.fixed == NULL) {
		snprintf(err, errlen, "out of memory");
		rotate_schedule_free(out);
		goto out;
	}
	for (r = 0; r < pl.from; r++) {
		int pn = p->past->npeople;

		for (i = 0; i < pn; i++)
			out->table[r * pl.n + i] = p->past->table[r * pn + i];
		memcpy(out->host + r * pl.T, p->past->host + r * pl.T,
		    sizeof *out->host * (size_t)pl.T);
	}
	for (i = 0; i < pl.n; i++) {
		pl.present[i] = !p->people[i].absent;
		pl.npresent += pl.present[i];
		if (pl.from > 0 && p->people[i].late && pl.present[i])
			rotate_seat_late(p, out, pl.from - 1, i);
	}
	for (r = 0; r < pl.from; r++)
		rotate_meet_round(&pl, r, 1);
	rotate_build_weights(&pl);
	rotate_choose_hosts(&pl);
	if (pl.npresent > 0 && pl.from < pl.R) {
		plan_rounds(&pl);
		info->short_of_bounds = excess_repeats(&pl);
	}
	info->ms = elapsed(&pl);
	relabel(&pl);
	mark_hosts(&pl);
	ret = 0;
out:
	free(pl.host_of);
	free(pl.present);
	free(pl.weight);
	free(pl.meet);
	free(pl.fixed);
	return ret;
}
