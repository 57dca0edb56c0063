/* rotate-search.c: tabu search over seat swaps at conflicting positions. */

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rotate.h"

/*
 * The method of Dotu and Van Hentenryck (2005) for the social golfer problem:
 * only people who sit with someone they should not (a pair met before, a
 * forbidden pair, a same-site pair) are candidates; for a sampled few of them
 * every swap with a person at another table of the same round is scored
 * incrementally, the best move that is not tabu is taken (or a tabu one that
 * beats the best cost ever seen), and a long stall restarts from the best
 * schedule with a few random swaps.
 *
 * Besides swaps, a person may move alone from a table of size s to one of size
 * s - 1: that keeps the round's multiset of sizes, hence the balance, and
 * gives uneven rooms a larger neighbourhood.
 *
 * The cost of a pair is weight * meetings + ROT_W_REPEAT * (meetings - 1)+,
 * so lowering it first removes forbidden co-seatings, then repeats, then
 * same-site co-seatings, which is the objective order of the issue.
 */

#define SAMPLE	32	/* conflicting positions scored per iteration */
#define STALL	1500	/* iterations without a new best before a kick */
#define TENURE	2	/* a move back is tabu for TENURE + [0, SPREAD) */
#define SPREAD	10
#define KICK	16	/* a kick makes 2 + n / KICK random swaps */

/*
 * Working state.  Invariants: mem/size/slot describe exactly s->table for
 * every round; s->meet[i*n+j] == s->meet[j*n+i] counts the rounds in which i
 * and j share a table; cost equals rotate_search_cost(s).
 */
struct state {
	struct rotate_search	*s;
	int			 n, T, R;
	int			 cap;	/* member slots per table */
	int			*mem;	/* [(r * T + t) * cap + k] */
	int			*size;	/* [r * T + t] */
	int			*slot;	/* [r * n + i] index of i in its table */
	long			*tabu;	/* [hash(r, i, t)] i may not go back to t in r before */
	size_t			 ntabu;
	int			*best;	/* best table[] found */
	int			*conf;	/* scratch: conflicting r * n + i */
	long long		 cost, best_cost;
	long			 iter;
	long			 work;
};

uint64_t
rotate_rand(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int
rotate_rand_below(uint64_t *x, int n)
{
	if (n <= 1)
		return 0;
	return (int)(((rotate_rand(x) >> 32) * (uint64_t)n) >> 32);
}

long long
rotate_search_cost(const struct rotate_search *s)
{
	long long	cost = 0;
	int		i, j, n = s->n;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			int m = s->meet[i * n + j];

			cost += (long long)s->weight[i * n + j] * m;
			if (m > 1)
				cost += ROT_W_REPEAT * (m - 1);
		}
	return cost;
}

static inline long long
gain(const struct rotate_search *s, int i, int j)
{
	int	k = i * s->n + j;

	return s->weight[k] + (s->meet[k] >= 1 ? ROT_W_REPEAT : 0);
}

static inline long long
loss(const struct rotate_search *s, int i, int j)
{
	int	k = i * s->n + j;

	return -(long long)s->weight[k] - (s->meet[k] >= 2 ? ROT_W_REPEAT : 0);
}

static inline void
meet_add(struct rotate_search *s, int i, int j, int d)
{
	s->meet[i * s->n + j] = (unsigned char)(s->meet[i * s->n + j] + d);
	s->meet[j * s->n + i] = s->meet[i * s->n + j];
}

static int *
members(struct state *st, int r, int t)
{
	return st->mem + ((size_t)r * st->T + t) * st->cap;
}

static int
index_tables(struct state *st)
{
	struct rotate_search	*s = st->s;
	int			 r, i, t, *m;

	memset(st->size, 0, sizeof *st->size * (size_t)st->R * st->T);
	for (r = 0; r < st->R; r++)
		for (i = 0; i < st->n; i++) {
			t = s->table[r * st->n + i];
			if (t < 0)
				continue;
			if (st->size[r * st->T + t] >= st->cap)
				return -1;
			m = members(st, r, t);
			st->slot[r * st->n + i] = st->size[r * st->T + t];
			m[st->size[r * st->T + t]++] = i;
		}
	return 0;
}

static int
movable(const struct state *st, int r, int i)
{
	const struct rotate_search *s = st->s;

	return r >= s->from && s->table[r * st->n + i] >= 0 &&
	    (s->fixed == NULL || !s->fixed[r * st->n + i]);
}

static int
in_conflict(const struct state *st, int r, int i)
{
	const struct rotate_search	*s = st->s;
	int				 t = s->table[r * st->n + i], k;
	const int			*m = members((struct state *)st, r, t);

	for (k = 0; k < st->size[r * st->T + t]; k++) {
		int c = m[k], x = i * st->n + c;

		if (c != i && (s->weight[x] > 0 || s->meet[x] >= 2))
			return 1;
	}
	return 0;
}

/* Move person a of round r to table to; b (or -1) goes the other way. */
static void
apply(struct state *st, int r, int a, int b, int to)
{
	struct rotate_search	*s = st->s;
	int			 n = st->n, from = s->table[r * n + a], k;
	int			*ma = members(st, r, from), *mb = members(st, r, to);
	int			 sa = st->size[r * st->T + from];
	int			 sb = st->size[r * st->T + to];

	for (k = 0; k < sa; k++)
		if (ma[k] != a) {
			meet_add(s, a, ma[k], -1);
			if (b >= 0)
				meet_add(s, b, ma[k], 1);
		}
	for (k = 0; k < sb; k++)
		if (mb[k] != b) {
			if (b >= 0)
				meet_add(s, b, mb[k], -1);
			meet_add(s, a, mb[k], 1);
		}
	if (b >= 0) {
		int ia = st->slot[r * n + a], ib = st->slot[r * n + b];

		ma[ia] = b;
		mb[ib] = a;
		st->slot[r * n + a] = ib;
		st->slot[r * n + b] = ia;
		s->table[r * n + b] = from;
	} else {
		int ia = st->slot[r * n + a], last = ma[sa - 1];

		ma[ia] = last;
		st->slot[r * n + last] = ia;
		st->size[r * st->T + from]--;
		mb[sb] = a;
		st->slot[r * n + a] = sb;
		st->size[r * st->T + to]++;
	}
	s->table[r * n + a] = to;
}

static size_t
tabu_slot(const struct state *st, int r, int i, int t)
{
	return (((size_t)r * st->n + i) * st->T + t) % st->ntabu;
}

struct move {
	long long	delta;
	int		r, a, b, to;
	int		ties;
};

static void
consider(struct state *st, struct move *bm, int r, int a, int b, int to,
    long long delta)
{
	struct rotate_search	*s = st->s;
	long			 lim = st->iter;
	int			 tabu;

	tabu = st->tabu[tabu_slot(st, r, a, to)] > lim || (b >= 0 &&
	    st->tabu[tabu_slot(st, r, b, s->table[r * st->n + a])] > lim);

	if (tabu && st->cost + delta >= st->best_cost)
		return;
	if (delta < bm->delta) {
		bm->delta = delta;
		bm->ties = 1;
	} else if (delta == bm->delta) {
		/* Reservoir choice among equals keeps the walk from cycling. */
		if (rotate_rand_below(&st->s->rng, ++bm->ties) != 0)
			return;
	} else
		return;
	bm->r = r;
	bm->a = a;
	bm->b = b;
	bm->to = to;
}

static void
score_position(struct state *st, struct move *bm, int r, int a)
{
	struct rotate_search	*s = st->s;
	int			 n = st->n, A = s->table[r * n + a], B, k, j;
	const int		*ma = members(st, r, A);
	int			 sa = st->size[r * st->T + A];
	long long		 lossA = 0;

	for (k = 0; k < sa; k++)
		if (ma[k] != a)
			lossA += loss(s, a, ma[k]);
	for (B = 0; B < st->T; B++) {
		const int	*mb = members(st, r, B);
		int		 sb = st->size[r * st->T + B];
		long long	 gainB = 0;

		if (B == A)
			continue;
		for (k = 0; k < sb; k++)
			gainB += gain(s, a, mb[k]);
		st->work += sb;
		if (sa == sb + 1)
			consider(st, bm, r, a, -1, B, lossA + gainB);
		for (k = 0; k < sb; k++) {
			int		b = mb[k];
			long long	d = lossA + gainB - gain(s, a, b);

			if (!movable(st, r, b))
				continue;
			for (j = 0; j < sb; j++)
				if (mb[j] != b)
					d += loss(s, b, mb[j]);
			for (j = 0; j < sa; j++)
				if (ma[j] != a)
					d += gain(s, b, ma[j]);
			st->work += sa + sb;
			consider(st, bm, r, a, b, B, d);
		}
	}
}

static void
restore(struct state *st, const int *table)
{
	struct rotate_search	*s = st->s;
	int			 r, i, n = st->n, t, k;

	memcpy(s->table, table, sizeof *table * (size_t)st->R * n);
	memset(s->meet, 0, (size_t)n * n);
	index_tables(st);
	for (r = 0; r < st->R; r++)
		for (t = 0; t < st->T; t++) {
			const int *m = members(st, r, t);

			for (i = 0; i < st->size[r * st->T + t]; i++)
				for (k = i + 1; k < st->size[r * st->T + t]; k++)
					meet_add(s, m[i], m[k], 1);
		}
	st->cost = rotate_search_cost(s);
}

/* A handful of random legal swaps, to leave the basin of the best schedule. */
static void
perturb(struct state *st)
{
	struct rotate_search	*s = st->s;
	int			 kicks = 2 + st->n / KICK, tries = 0;

	while (kicks > 0 && tries++ < 100 * st->n) {
		int r = s->from + rotate_rand_below(&s->rng, st->R - s->from);
		int a = rotate_rand_below(&s->rng, st->n);
		int b = rotate_rand_below(&s->rng, st->n);
		int ta = s->table[r * st->n + a], tb = s->table[r * st->n + b];

		if (ta == tb || !movable(st, r, a) || !movable(st, r, b))
			continue;
		apply(st, r, a, b, tb);
		kicks--;
	}
	st->cost = rotate_search_cost(s);
}

long
rotate_ms_since(const struct timespec *t0)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000L +
	    (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

/*
 * Improve s->table in place for rounds [from, rounds).  s->meet must hold the
 * meetings of s->table on entry; on return both describe the best schedule
 * found.  Returns its cost.
 */
long long
rotate_search_run(struct rotate_search *s)
{
	struct state	st;
	struct timespec	t0;
	long		effort = s->effort > 0 ? s->effort : ROT_EFFORT;
	long		last_best = 0;
	int		r, i, t, nconf;
	size_t		nrn = (size_t)s->rounds * s->n;

	memset(&st, 0, sizeof st);
	st.s = s;
	st.n = s->n;
	st.T = s->tables;
	st.R = s->rounds;
	for (r = 0; r < st.R; r++) {
		int cnt[ROT_MAX_PEOPLE] = { 0 };

		for (i = 0; i < st.n; i++) {
			t = s->table[r * st.n + i];
			if (t >= 0 && t < st.T && ++cnt[t] > st.cap)
				st.cap = cnt[t];
		}
	}
	st.cap++;
	st.mem = malloc(sizeof *st.mem * (size_t)st.R * st.T * st.cap);
	st.size = malloc(sizeof *st.size * (size_t)st.R * st.T);
	st.slot = malloc(sizeof *st.slot * nrn);
	st.ntabu = nrn * st.T < (1u << 20) ? nrn * st.T : (1u << 20);
	st.tabu = calloc(st.ntabu, sizeof *st.tabu);
	st.best = malloc(sizeof *st.best * nrn);
	st.conf = malloc(sizeof *st.conf * nrn);
	if (st.mem == NULL || st.size == NULL || st.slot == NULL ||
	    st.tabu == NULL || st.best == NULL || st.conf == NULL ||
	    index_tables(&st) != 0) {
		st.cost = rotate_search_cost(s);
		goto out;
	}
	st.cost = st.best_cost = rotate_search_cost(s);
	memcpy(st.best, s->table, sizeof *st.best * nrn);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	while (st.best_cost > s->target && st.work < effort) {
		struct move	bm = { LLONG_MAX, -1, -1, -1, -1, 0 };
		int		k, sample;

		if (s->time_ms > 0 && (st.iter & 63) == 0 &&
		    rotate_ms_since(&t0) >= s->time_ms)
			break;
		nconf = 0;
		for (r = s->from; r < st.R; r++)
			for (i = 0; i < st.n; i++)
				if (movable(&st, r, i) && in_conflict(&st, r, i))
					st.conf[nconf++] = r * st.n + i;
		st.work += (long)(st.R - s->from) * st.n;
		if (nconf == 0)
			break;
		sample = nconf < SAMPLE ? nconf : SAMPLE;
		for (k = 0; k < sample; k++) {
			int j = k + rotate_rand_below(&s->rng, nconf - k);
			int x = st.conf[j];

			st.conf[j] = st.conf[k];
			st.conf[k] = x;
			score_position(&st, &bm, x / st.n, x % st.n);
		}
		st.iter++;
		if (bm.a >= 0) {
			int back = s->table[bm.r * st.n + bm.a];

			apply(&st, bm.r, bm.a, bm.b, bm.to);
			st.cost += bm.delta;
			st.tabu[tabu_slot(&st, bm.r, bm.a, back)] = st.iter +
			    TENURE + rotate_rand_below(&s->rng, SPREAD);
			if (bm.b >= 0)
				st.tabu[tabu_slot(&st, bm.r, bm.b, bm.to)] =
				    st.iter + TENURE +
				    rotate_rand_below(&s->rng, SPREAD);
		}
		if (st.cost < st.best_cost) {
			st.best_cost = st.cost;
			memcpy(st.best, s->table, sizeof *st.best * nrn);
			last_best = st.iter;
		} else if (st.iter - last_best > STALL || bm.a < 0) {
			restore(&st, st.best);
			perturb(&st);
			last_best = st.iter;
		}
	}
	restore(&st, st.best);
out:
	free(st.mem);
	free(st.size);
	free(st.slot);
	free(st.tabu);
	free(st.best);
	free(st.conf);
	return st.cost;
}
