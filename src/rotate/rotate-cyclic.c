/* rotate-cyclic.c: repeat-free rounds from cyclic base rounds, found by a small tabu search. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rotate.h"

/*
 * Cyclic rounds, for shapes near the counting bound that no field gives
 * (21 people at 7 tables of 3 for 10 rounds, 28 at 7 tables of 4 for 9, 60
 * at 10 tables of 6 for 7).  The points are f fixed points and k cycles of
 * length m; the permutation sigma moves every point of a cycle one step on.
 * A search chooses `a` base rounds B_b, and round b * m + j is sigma^j(B_b).
 * Two base pairs in one orbit of pairs under sigma make every pair of that
 * orbit meet twice, and a pair whose orbit is shorter than m (two fixed
 * points, two points half a cycle apart) meets itself again; otherwise no
 * pair meets twice in all a * m rounds.  So the repeats of the whole
 * schedule are counted on the base rounds alone, and a search over a few
 * dozen seats finds in milliseconds what a search over whole schedules
 * misses in minutes (the idea of difference families and 1-rotational
 * designs, where the symmetry is the construction).
 *
 * Fixed point j sits at table j in every base round, hence in every round:
 * with hosts who stay, the f = tables fixed points are the hosts; empty
 * seats are fixed points too, so each round has them at different tables.
 */
#define CYC_FORBID	1000	/* cost of one base pair that must not meet */
#define CYC_SAMPLE	8	/* conflicting seats scored per step */
#define CYC_TENURE	10	/* a move back is tabu for 2 + [0, CYC_TENURE) steps */
#define CYC_STALL	300	/* steps without a new best before a kick */
#define CYC_FREE	(-2)	/* orbit of a pair with an empty seat: costs nothing */
#define CYC_TRIES	8	/* shapes of cyclic rounds tried at most */
#define CYC_UNITS_PER_MS 300000L /* work per millisecond, roughly */

/*
 * Search state.  Invariants: mem/slot describe table for every base round;
 * count[o] is the number of base pairs in orbit o; cost is the sum over
 * orbits of (count - 1)+ plus CYC_FORBID per base pair of orbit -1.
 */
struct cyc {
	int		 np, T, seats, m, a, f, empty;
	int		 norbit;
	int		*orbit;		/* [u * np + v] orbit id, -1 or CYC_FREE */
	int		*count;		/* [norbit] */
	int		*table;		/* [b * np + u] */
	int		*mem;		/* [(b * T + t) * seats + k] */
	int		*slot;		/* [b * np + u] index of u in its table */
	long		*tabu;		/* [(b * np + u) * T + t] u may not go back to t before */
	int		*conf;		/* scratch: conflicting b * np + u */
	unsigned char	*mark;		/* scratch: [a * np] */
	long long	 cost;
	long		 work, budget;
	uint64_t	 rng;
};

static int
cyc_next(const struct cyc *c, int u)
{
	if (u < c->f)
		return u;
	u -= c->f;
	return c->f + u / c->m * c->m + (u % c->m + 1) % c->m;
}

/*
 * Label each pair with its orbit under sigma.  Empty seats are the last
 * `empty` fixed points: two of them must not meet (so tables stay within
 * one of each other), a person and an empty seat may meet freely.
 */
static void
cyc_orbits(struct cyc *c)
{
	int	n = c->np, u, v, x, y, len, id, k;

	for (u = 0; u < n * n; u++)
		c->orbit[u] = -3;
	c->norbit = 0;
	for (u = 0; u < n; u++)
		for (v = u + 1; v < n; v++) {
			if (c->orbit[u * n + v] != -3)
				continue;
			x = u;
			y = v;
			len = 0;
			do {
				x = cyc_next(c, x);
				y = cyc_next(c, y);
				len++;
			} while (!((x == u && y == v) || (x == v && y == u)));
			id = len < c->m ? -1 : c->norbit++;
			if (id >= 0 && v >= c->f - c->empty && v < c->f)
				id = CYC_FREE;
			for (k = 0; k < len; k++) {
				c->orbit[x * n + y] = c->orbit[y * n + x] = id;
				x = cyc_next(c, x);
				y = cyc_next(c, y);
			}
		}
}

static int *
cyc_members(const struct cyc *c, int b, int t)
{
	return c->mem + ((size_t)b * c->T + t) * c->seats;
}

/* Count the pair u, v in (d = 1) or out (d = -1); returns the cost change. */
static long long
cyc_pair(struct cyc *c, int u, int v, int d)
{
	int	o = c->orbit[u * c->np + v];

	if (o == CYC_FREE)
		return 0;
	if (o < 0)
		return d * CYC_FORBID;
	if (d > 0)
		return c->count[o]++ >= 1;
	return --c->count[o] >= 1 ? -1 : 0;
}

/* Exchange u and v, at two tables of base round b; returns the cost change. */
static long long
cyc_swap(struct cyc *c, int b, int u, int v)
{
	int		 n = c->np, A = c->table[b * n + u], B = c->table[b * n + v];
	int		*ma = cyc_members(c, b, A), *mb = cyc_members(c, b, B);
	int		 k, su = c->slot[b * n + u], sv = c->slot[b * n + v];
	long long	 d = 0;

	for (k = 0; k < c->seats; k++)
		if (ma[k] != u)
			d += cyc_pair(c, u, ma[k], -1) + cyc_pair(c, v, ma[k], 1);
	for (k = 0; k < c->seats; k++)
		if (mb[k] != v)
			d += cyc_pair(c, v, mb[k], -1) + cyc_pair(c, u, mb[k], 1);
	ma[su] = v;
	mb[sv] = u;
	c->slot[b * n + u] = sv;
	c->slot[b * n + v] = su;
	c->table[b * n + u] = B;
	c->table[b * n + v] = A;
	c->work += 4 * c->seats;
	return d;
}

static void
cyc_start(struct cyc *c)
{
	int	n = c->np, b, u, k, t, s;

	memset(c->count, 0, sizeof *c->count * (size_t)(c->norbit + 1));
	c->cost = 0;
	for (b = 0; b < c->a; b++) {
		int *order = c->conf;

		for (u = c->f; u < n; u++)
			order[u - c->f] = u;
		for (k = n - c->f - 1; k > 0; k--) {
			int j = rotate_rand_below(&c->rng, k + 1), x = order[k];

			order[k] = order[j];
			order[j] = x;
		}
		for (t = 0, k = 0; t < c->T; t++)
			for (s = 0; s < c->seats; s++) {
				u = t < c->f && s == 0 ? t : order[k++];
				c->table[b * n + u] = t;
				c->slot[b * n + u] = s;
				cyc_members(c, b, t)[s] = u;
			}
		for (t = 0; t < c->T; t++) {
			int *m = cyc_members(c, b, t);

			for (s = 0; s < c->seats; s++)
				for (k = s + 1; k < c->seats; k++)
					c->cost += cyc_pair(c, m[s], m[k], 1);
		}
	}
}

/* Seats (b * np + u) of movable points that share a table with a conflict. */
static int
cyc_conflicts(struct cyc *c)
{
	int	n = c->np, b, t, s, k, nc = 0;

	memset(c->mark, 0, (size_t)c->a * n);
	for (b = 0; b < c->a; b++)
		for (t = 0; t < c->T; t++) {
			const int *m = cyc_members(c, b, t);

			for (s = 0; s < c->seats; s++)
				for (k = s + 1; k < c->seats; k++) {
					int o = c->orbit[m[s] * n + m[k]], e, w;

					if (o == CYC_FREE || (o >= 0 && c->count[o] < 2))
						continue;
					for (e = 0; e < 2; e++) {
						w = e ? m[k] : m[s];
						if (w >= c->f && !c->mark[b * n + w]) {
							c->mark[b * n + w] = 1;
							c->conf[nc++] = b * n + w;
						}
					}
				}
		}
	c->work += (long)c->a * c->T * c->seats * c->seats;
	return nc;
}

static int
past(const struct timespec *deadline)
{
	struct timespec	t;

	if (deadline == NULL)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec > deadline->tv_sec || (t.tv_sec == deadline->tv_sec &&
	    t.tv_nsec >= deadline->tv_nsec);
}

/* Tabu search over swaps of conflicting seats; returns 1 once the cost is 0. */
static int
cyc_search(struct cyc *c, const struct timespec *deadline)
{
	long		iter = 0, last = 0;
	long long	best;
	int		n = c->np;

	cyc_start(c);
	best = c->cost;
	while (c->cost > 0 && c->work < c->budget) {
		long long	bd = LLONG_MAX;
		int		bb = -1, bu = -1, bv = -1, ties = 0, nc, k, j;

		if ((iter & 63) == 0 && past(deadline))
			break;
		iter++;
		nc = cyc_conflicts(c);
		for (k = 0; k < nc && k < CYC_SAMPLE; k++) {
			int x, b, u, A, t, s;

			j = k + rotate_rand_below(&c->rng, nc - k);
			x = c->conf[j];
			c->conf[j] = c->conf[k];
			c->conf[k] = x;
			b = x / n;
			u = x % n;
			A = c->table[b * n + u];
			for (t = 0; t < c->T; t++) {
				const int *m = cyc_members(c, b, t);

				for (s = 0; t != A && s < c->seats; s++) {
					int		v = m[s];
					long long	d;
					int		tabu;

					if (v < c->f)
						continue;
					d = cyc_swap(c, b, u, v);
					cyc_swap(c, b, u, v);
					tabu = c->tabu[((size_t)b * n + u) * c->T + t] > iter ||
					    c->tabu[((size_t)b * n + v) * c->T + A] > iter;
					if (tabu && c->cost + d >= best)
						continue;
					if (d < bd) {
						bd = d;
						ties = 1;
					} else if (d > bd || rotate_rand_below(&c->rng,
					    ++ties) != 0)
						continue;
					bb = b;
					bu = u;
					bv = v;
				}
			}
		}
		if (bb >= 0) {
			int A = c->table[bb * n + bu], B = c->table[bb * n + bv];

			c->cost += cyc_swap(c, bb, bu, bv);
			c->tabu[((size_t)bb * n + bu) * c->T + A] = iter + 2 +
			    rotate_rand_below(&c->rng, CYC_TENURE);
			c->tabu[((size_t)bb * n + bv) * c->T + B] = iter + 2 +
			    rotate_rand_below(&c->rng, CYC_TENURE);
		}
		if (c->cost < best) {
			best = c->cost;
			last = iter;
		} else if (iter - last > CYC_STALL) {
			/* A few random swaps to leave the basin. */
			for (k = 0; k < 3; k++) {
				int b = rotate_rand_below(&c->rng, c->a);
				int u = c->f + rotate_rand_below(&c->rng, n - c->f);
				int v = c->f + rotate_rand_below(&c->rng, n - c->f);

				if (c->table[b * n + u] != c->table[b * n + v])
					c->cost += cyc_swap(c, b, u, v);
			}
			best = c->cost;
			last = iter;
		}
	}
	return c->cost == 0;
}

static void
cyc_free(struct cyc *c)
{
	free(c->orbit);
	free(c->count);
	free(c->table);
	free(c->mem);
	free(c->slot);
	free(c->tabu);
	free(c->conf);
	free(c->mark);
}

/*
 * Try `a` base rounds of cycles of length m = ceil(rounds / a) around f
 * fixed points, for at most budget units of work; on success write `rounds`
 * rounds to out and return 1; return -1 when this shape has fewer orbits
 * of pairs than base pairs, 0 otherwise.  Points j < tables (hosts) are
 * the fixed points j; empty seats are the first of the last column.
 * *used is the work spent.
 */
static int
cyclic(int tables, int seats, int rounds, int dummies, int a, int f,
    long budget, uint64_t seed, const struct timespec *deadline, int *out,
    long *used)
{
	struct cyc	c;
	int		np = tables * seats, m = (rounds + a - 1) / a, ok = 0;
	int		b, j, u, r, need;
	int		*perm = NULL, *img = NULL;

	*used = 0;
	memset(&c, 0, sizeof c);
	c.np = np;
	c.T = tables;
	c.seats = seats;
	c.m = m;
	c.a = a;
	c.f = f;
	c.empty = dummies;
	c.budget = budget;
	c.rng = seed;
	c.orbit = malloc(sizeof *c.orbit * (size_t)np * np);
	c.count = malloc(sizeof *c.count * ((size_t)np * np / 2 + 1));
	c.table = malloc(sizeof *c.table * (size_t)a * np);
	c.mem = malloc(sizeof *c.mem * (size_t)a * np);
	c.slot = malloc(sizeof *c.slot * (size_t)a * np);
	c.tabu = calloc((size_t)a * np * tables, sizeof *c.tabu);
	c.conf = malloc(sizeof *c.conf * (size_t)a * np);
	c.mark = malloc((size_t)a * np);
	perm = malloc(sizeof *perm * (size_t)np);
	img = malloc(sizeof *img * (size_t)np);
	if (c.orbit == NULL || c.count == NULL || c.table == NULL ||
	    c.mem == NULL || c.slot == NULL || c.tabu == NULL ||
	    c.conf == NULL || c.mark == NULL || perm == NULL || img == NULL)
		goto out;
	cyc_orbits(&c);
	c.work = (long)np * np;
	/* Too few orbits for the base pairs: repeats are certain. */
	need = a * (tables * seats * (seats - 1) / 2 - dummies * (seats - 1));
	if (c.norbit < need) {
		ok = -1;
		goto out;
	}
	if (!cyc_search(&c, deadline))
		goto out;
	/*
	 * The caller's points: hosts are the first, in table order; empty
	 * seats the first of the last column.
	 */
	for (u = 0, j = 0; u < np; u++)
		if (u < f - dummies || u >= f) {
			if (j == (seats - 1) * tables)
				j += dummies;
			perm[u] = j++;
		}
	for (u = f - dummies; u < f; u++)
		perm[u] = (seats - 1) * tables + u - (f - dummies);
	for (b = 0; b < a; b++) {
		for (u = 0; u < np; u++)
			img[u] = u;
		for (j = 0; j < m && (r = b * m + j) < rounds; j++) {
			for (u = 0; u < np; u++)
				out[(size_t)r * np + perm[img[u]]] =
				    c.table[b * np + u];
			for (u = 0; u < np; u++)
				img[u] = cyc_next(&c, img[u]);
		}
	}
	ok = 1;
out:
	*used = c.work;
	cyc_free(&c);
	free(perm);
	free(img);
	return ok;
}

/*
 * Every shape of cyclic rounds that fits (one cycle per round, else two or
 * three families of rounds; each number of fixed points the room allows),
 * taken in turns with doubling budgets, because which shape works is
 * unknown beforehand and a search that fails does so by running out.
 * Deterministic for a given effort; time_ms (0: none) only cuts it short.
 */
int
rotate_cyclic(int tables, int seats, int rounds, int hosts_stay, int dummies,
    long effort, int time_ms, int *out)
{
	struct timespec	 deadline, *dl = NULL;
	int		 np = tables * seats, try[CYC_TRIES][2], ntry = 0;
	int		 a, f, m, prev = 0, k, pass, nf;
	long		 share, used, left;

	if (time_ms > 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += time_ms / 1000;
		deadline.tv_nsec += (time_ms % 1000) * 1000000L;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
		dl = &deadline;
		if (effort / CYC_UNITS_PER_MS > time_ms)
			effort = (long)time_ms * CYC_UNITS_PER_MS;
	}
	for (a = 1; a <= 3; a++) {
		m = (rounds + a - 1) / a;
		if (m < 2 || m == prev)
			continue;
		prev = m;
		/* Hosts who stay are the fixed points, and only they are. */
		for (f = np % m, nf = 0; f <= tables && nf < 2 &&
		    ntry < CYC_TRIES; f += m)
			if (f >= dummies && (!hosts_stay ||
			    (f == tables && dummies == 0))) {
				try[ntry][0] = a;
				try[ntry++][1] = f;
				nf++;
			}
	}
	if (ntry == 0)
		return 0;
	left = effort;
	for (share = effort / 16 / ntry + 1, pass = 0; ntry > 0 && left > 0 &&
	    !past(dl); share = share < left ? 2 * share : left, pass++)
		for (k = 0; k < ntry && left > 0; k++) {
			uint64_t seed = 0x2545f4914f6cdd1dULL ^
			    (uint64_t)pass * 0x9e3779b97f4a7c15ULL ^
			    ((uint64_t)k << 32) ^ (uint64_t)np;

			/* One cycle per round is the likeliest: twice the share. */
			long b = try[k][0] == 1 ? 2 * share : share;

			int got = cyclic(tables, seats, rounds, dummies, try[k][0],
			    try[k][1], b < left ? b : left, seed, dl, out, &used);

			if (got > 0)
				return 1;
			left -= used > 0 ? used : 1;
			if (got < 0) {
				/* Never possible: drop it. */
				memmove(try[k], try[k + 1], sizeof try[0] *
				    (size_t)(ntry - k - 1));
				ntry--;
				k--;
			}
		}
	return 0;
}
