/* rotate-sat.c: an exact method for small rooms: the rotation as a SAT problem for CaDiCaL. */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rotate.h"

/*
 * The planned rounds as clauses, for rooms small enough to write out
 * (ROT_SAT_MAX_CLAUSES): x(r,i,t) puts person i at table t in round r.
 * Hard: one table per person and round; every table of a round holds base or
 * base + 1 people (so sizes differ by at most one); two people who must stay
 * apart (of one site with --mix site, met in a round already played, or a
 * pair to keep apart) never share a table; any other pair shares one in at
 * most one planned round, through y(r,i,j) implied by x(r,i,t) and x(r,j,t).
 * Sites become exactly what the issue asked for: a round already played.
 * With hosts who stay, table t's pinned host sits at t in every round, and
 * for a table with no pinned host the solver picks one, h(i,t) -> x(r,i,t)
 * in every round.  So "unsatisfiable" is a proof that no plan of the rounds
 * to come has zero repeats and zero same-site seatings, with any choice of
 * the hosts left free.
 *
 * Symmetry breaking, valid together (rank is the position in `order`, which
 * lists interchangeable people next to each other): with travelling hosts,
 * table labels of each round are free, so person of rank k sits at a table
 * at most k (first appearance); people of one class, interchangeable in
 * every way, sit at increasing tables in the first planned round.  With
 * hosts who stay the labels are shared by all rounds, so the first rule is
 * used only in the first planned round and only when no host is pinned.
 */

/*
 * The exact method for a plan: who must stay apart, who is interchangeable,
 * which hosts are pinned, from the problem and the rounds already in table[]
 * (rounds before from).  Returns as rotate_sat_solve; on success table[]
 * holds the planned rounds and host_of[] (hosts=stay) every table's host.
 */
int
rotate_sat_plan(const struct rotate_problem *p, int from,
    const unsigned char *present, int *table, int *host_of, long time_ms,
    long *elapsed_ms)
{
	struct rotate_sat	 q;
	int			 n = p->npeople, T = p->tables, i, j, r, t, k;
	int			 stay = p->hosts == ROT_HOSTS_STAY, ret = -1;
	unsigned char		*apart = calloc((size_t)n * n + 1, 1);
	int			*order = malloc(sizeof *order * ((size_t)n + 1));
	int			*cls = malloc(sizeof *cls * ((size_t)n + 1));
	int			*pin = malloc(sizeof *pin * (size_t)T);

	*elapsed_ms = 0;
	if (apart == NULL || order == NULL || cls == NULL || pin == NULL)
		goto out;
	for (r = 0; r < from; r++)
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n && table[r * n + i] >= 0; j++)
				if (table[r * n + j] == table[r * n + i])
					apart[i * n + j] = apart[j * n + i] = 1;
	for (i = 0; i < n; i++) {
		cls[i] = p->mix == ROT_MIX_SITE && from == 0 ?
		    p->people[i].site : -1;
		for (j = 0; j < n && p->mix == ROT_MIX_SITE; j++)
			if (i != j && p->people[i].site >= 0 &&
			    p->people[i].site == p->people[j].site)
				apart[i * n + j] = 1;
	}
	for (k = 0; k < p->navoid; k++) {
		apart[p->avoid[k].a * n + p->avoid[k].b] = 1;
		apart[p->avoid[k].b * n + p->avoid[k].a] = 1;
		cls[p->avoid[k].a] = cls[p->avoid[k].b] = -1;
	}
	/* A host is pinned when kept from the last round played or flagged. */
	for (t = 0; stay && t < T; t++) {
		int h = host_of[t];

		pin[t] = -1;
		if (h >= 0 && (p->people[h].host || (from > 0 &&
		    p->past->host[(from - 1) * T + t] == h))) {
			pin[t] = h;
			cls[h] = -1;
		}
	}
	/* Classes together, in order of site; everyone else after. */
	for (i = 0, k = 0; i < n; i++)
		if (cls[i] < 0)
			order[k++] = i;
	while (k < n) {
		int best = -1;

		for (i = 0; i < n; i++)
			if (cls[i] >= 0 && (best < 0 || cls[i] < best))
				best = cls[i];
		for (i = 0; i < n; i++)
			if (cls[i] == best) {
				order[k++] = i;
				cls[i] = -2 - best;
			}
	}
	for (i = 0; i < n; i++)
		cls[i] = cls[i] <= -2 ? -2 - cls[i] : -1;
	memset(&q, 0, sizeof q);
	q.n = n;
	q.T = T;
	q.R = p->rounds;
	q.from = from;
	q.present = present;
	q.apart = apart;
	q.order = order;
	q.cls = cls;
	q.table = table;
	q.host_of = stay ? pin : NULL;
	q.time_ms = time_ms;
	ret = rotate_sat_solve(&q);
	*elapsed_ms = q.elapsed_ms;
	for (t = 0; ret == 1 && stay && t < T; t++)
		host_of[t] = pin[t];
out:
	free(apart);
	free(order);
	free(cls);
	free(pin);
	return ret;
}

#ifdef HAVE_CADICAL
#include <ccadical.h>

struct enc {
	CCaDiCaL	*s;
	int		 nvar;
	long		 nclause;
	struct timespec	 t0;
	long		 time_ms;
};

static int
out_of_time(void *arg)
{
	struct enc *e = arg;

	return e->time_ms > 0 && rotate_ms_since(&e->t0) >= e->time_ms;
}

static void
clause(struct enc *e, int a, int b, int c)
{
	ccadical_add(e->s, a);
	if (b != 0)
		ccadical_add(e->s, b);
	if (c != 0)
		ccadical_add(e->s, c);
	ccadical_add(e->s, 0);
	e->nclause++;
}

/*
 * base <= sum(v[0..m)) <= hi by a sequential counter in both directions:
 * c(j,k) holds exactly when at least k of the first j + 1 literals are true.
 */
static void
cardinality(struct enc *e, const int *v, int m, int lo, int hi)
{
	int	j, k, w = hi + 1, first = e->nvar + 1;

#define C(j, k)	(first + (j) * w + (k) - 1)
	e->nvar += m * w;
	for (j = 0; j < m; j++)
		for (k = 1; k <= w; k++) {
			if (j == 0) {
				if (k == 1) {
					clause(e, -v[0], C(0, 1), 0);
					clause(e, v[0], -C(0, 1), 0);
				} else
					clause(e, -C(0, k), 0, 0);
				continue;
			}
			clause(e, -C(j - 1, k), C(j, k), 0);
			if (k == 1)
				clause(e, -v[j], C(j, 1), 0);
			else
				clause(e, -v[j], -C(j - 1, k - 1), C(j, k));
			clause(e, -C(j, k), C(j - 1, k), v[j]);
			if (k > 1)
				clause(e, -C(j, k), C(j - 1, k), C(j - 1, k - 1));
		}
	if (m > 0) {
		clause(e, -C(m - 1, w), 0, 0);
		if (lo > 0)
			clause(e, C(m - 1, lo), 0, 0);
	}
#undef C
}

/* At most one of v[0..m): pairwise when short, a sequential counter otherwise. */
static void
at_most_one(struct enc *e, const int *v, int m)
{
	int	a, b;

	if (m <= 6) {
		for (a = 0; a < m; a++)
			for (b = a + 1; b < m; b++)
				clause(e, -v[a], -v[b], 0);
		return;
	}
	cardinality(e, v, m, 0, 1);
}

int
rotate_sat_solve(struct rotate_sat *q)
{
	struct enc	 e;
	int		 n = q->n, T = q->T, R = q->R, F = q->from, P = R - F;
	int		 m = 0, i, j, k, r, t, base, hi, ret = -1, pinned = 0;
	int		*rank = NULL, *who = NULL, *v = NULL, *hv = NULL;
	long		 pairs;

	memset(&e, 0, sizeof e);
	clock_gettime(CLOCK_MONOTONIC, &e.t0);
	q->elapsed_ms = 0;
	for (i = 0; i < n; i++)
		m += q->present[i] != 0;
	if (P < 1 || m < 2 || T < 1 || m < T)
		return -1;
	pairs = (long)m * (m - 1) / 2;
	if (pairs * P * T + (long)P * T * m * 8 > ROT_SAT_MAX_CLAUSES)
		return -1;
	base = m / T;
	hi = base + (m % T != 0);
	rank = malloc(sizeof *rank * (size_t)n);
	who = malloc(sizeof *who * (size_t)m);
	v = malloc(sizeof *v * (size_t)(m > T ? m : T) + sizeof *v * (size_t)R);
	hv = calloc((size_t)m * T + 1, sizeof *hv);
	if (rank == NULL || who == NULL || v == NULL || hv == NULL ||
	    (e.s = ccadical_init()) == NULL)
		goto out;
	/* Ranks follow q->order, which keeps each class together. */
	for (i = 0; i < n; i++)
		rank[i] = -1;
	for (k = 0, j = 0; k < n; k++) {
		i = q->order[k];
		if (q->present[i]) {
			rank[i] = j;
			who[j++] = i;
		}
	}
	e.time_ms = q->time_ms;
	ccadical_set_terminate(e.s, &e, out_of_time);
	if (q->conflicts > 0)
		ccadical_limit(e.s, "conflicts", q->conflicts > 2000000000L ?
		    2000000000 : (int)q->conflicts);
	/* x(r, rank, t) = 1 + ((r - F) * m + rank) * T + t */
#define X(r, a, t)	(1 + (((r) - F) * m + (a)) * T + (t))
	e.nvar = P * m * T;
	for (r = F; r < R; r++) {
		for (k = 0; k < m; k++) {
			for (t = 0; t < T; t++)
				v[t] = X(r, k, t);
			for (t = 0; t < T; t++)
				ccadical_add(e.s, v[t]);
			ccadical_add(e.s, 0);
			at_most_one(&e, v, T);
		}
		for (t = 0; t < T; t++) {
			for (k = 0; k < m; k++)
				v[k] = X(r, k, t);
			cardinality(&e, v, m, base, hi);
		}
	}
	/* Hosts who stay: pinned ones at their table, the solver picks the rest. */
	if (q->host_of != NULL) {
		for (t = 0; t < T; t++) {
			int h = q->host_of[t];

			if (h >= 0 && h < n && rank[h] >= 0) {
				pinned = 1;
				for (r = F; r < R; r++)
					clause(&e, X(r, rank[h], t), 0, 0);
				continue;
			}
			for (k = 0; k < m; k++) {
				hv[k * T + t] = ++e.nvar;
				for (r = F; r < R; r++)
					clause(&e, -e.nvar, X(r, k, t), 0);
			}
			for (k = 0; k < m; k++)
				ccadical_add(e.s, hv[k * T + t]);
			ccadical_add(e.s, 0);
			e.nclause++;
		}
	}
	/* Pairs: apart ones never together, the others in one round at most. */
	for (k = 0; k < m; k++)
		for (j = k + 1; j < m; j++) {
			int a = who[k], b = who[j];

			if (q->apart[a * n + b]) {
				for (r = F; r < R; r++)
					for (t = 0; t < T; t++)
						clause(&e, -X(r, k, t), -X(r, j, t), 0);
				continue;
			}
			if (P < 2)
				continue;
			for (r = F; r < R; r++) {
				v[r - F] = ++e.nvar;
				for (t = 0; t < T; t++)
					clause(&e, -X(r, k, t), -X(r, j, t), e.nvar);
			}
			at_most_one(&e, v, P);
		}
	/* Symmetry breaking (see the comment at the top). */
	for (r = F; r < R; r++) {
		if (q->host_of != NULL && (r > F || pinned))
			break;
		for (k = 0; k < m; k++)
			for (t = k + 1; t < T; t++)
				clause(&e, -X(r, k, t), 0, 0);
	}
	for (k = 0; k + 1 < m && q->cls != NULL; k++) {
		int a = who[k], b = who[k + 1];

		if (q->cls[a] < 0 || q->cls[a] != q->cls[b])
			continue;
		/* table(a) < table(b) in round F */
		for (t = 0; t < T; t++)
			for (i = 0; i <= t; i++)
				clause(&e, -X(F, k, t), -X(F, k + 1, i), 0);
	}
	q->nvars = e.nvar;
	q->nclauses = e.nclause;
	r = ccadical_solve(e.s);
	if (r == 20)
		ret = 0;
	else if (r == 10) {
		ret = 1;
		for (r = F; r < R; r++)
			for (k = 0; k < m; k++)
				for (t = 0; t < T; t++)
					if (ccadical_val(e.s, X(r, k, t)) > 0)
						q->table[r * n + who[k]] = t;
		for (t = 0; q->host_of != NULL && t < T; t++)
			for (k = 0; k < m; k++)
				if (hv[k * T + t] != 0 &&
				    ccadical_val(e.s, hv[k * T + t]) > 0) {
					q->host_of[t] = who[k];
					break;
				}
	}
#undef X
out:
	q->elapsed_ms = rotate_ms_since(&e.t0);
	if (e.s != NULL)
		ccadical_release(e.s);
	free(rank);
	free(who);
	free(v);
	free(hv);
	return ret;
}

int
rotate_sat_available(void)
{
	return 1;
}

#else

int
rotate_sat_solve(struct rotate_sat *q)
{
	q->elapsed_ms = 0;
	return -1;
}

int
rotate_sat_available(void)
{
	return 0;
}

#endif
