/* rotate-construct.c: repeat-free rounds from finite fields, stored designs and cyclic base rounds. */

#include <stdlib.h>
#include <string.h>

#include "rotate.h"

/*
 * Points are laid out as seats columns of tables rows: point x * tables + y.
 * Both constructions keep row y of column 0 at table y in every round they
 * emit when hosts stay, so the caller can put hosts there.
 */

#define MAX_Q	256	/* field tables are q * q bytes; larger rooms use search */
#define MAX_K	8

/*
 * GF(q), q = p^k.  An element is coded as the base-p number of its polynomial
 * coefficients, so codes 0 and 1 are the field's 0 and 1 and, for k == 1,
 * codes are plain residues.  The tables are built once per plan, which is cheap
 * next to the search.
 */
struct field {
	int		 q, p, k;
	unsigned char	*add;	/* [a * q + b] */
	unsigned char	*mul;	/* [a * q + b] */
	unsigned char	*neg;	/* [a] */
};

static int
prime_power(int q, int *p, int *k)
{
	int	d, r, e = 0;

	if (q < 2)
		return 0;
	for (d = 2; q % d != 0; d++)
		;
	for (r = q; r % d == 0; r /= d)
		e++;
	if (r != 1)
		return 0;
	*p = d;
	*k = e;
	return 1;
}

static void
digits(int code, int p, int k, int *out)
{
	int	i;

	for (i = 0; i < k; i++) {
		out[i] = code % p;
		code /= p;
	}
}

static int
undigits(const int *c, int p, int k)
{
	int	i, code = 0;

	for (i = k - 1; i >= 0; i--)
		code = code * p + c[i];
	return code;
}

/* Product of two polynomials reduced modulo the monic x^k + f(x). */
static int
poly_mul(int a, int b, int p, int k, const int *f)
{
	int	ca[MAX_K], cb[MAX_K], c[2 * MAX_K] = { 0 };
	int	i, j, d;

	digits(a, p, k, ca);
	digits(b, p, k, cb);
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			c[i + j] = (c[i + j] + ca[i] * cb[j]) % p;
	for (d = 2 * k - 2; d >= k; d--) {
		int t = c[d];

		c[d] = 0;
		for (i = 0; t != 0 && i < k; i++)
			c[d - k + i] = ((c[d - k + i] - t * f[i]) % p + p) % p;
	}
	return undigits(c, p, k);
}

static void
field_free(struct field *fl)
{
	free(fl->add);
	free(fl->mul);
	free(fl->neg);
	memset(fl, 0, sizeof *fl);
}

/*
 * The quotient ring is a field exactly when the modulus is irreducible, which
 * is exactly when it has no zero divisors: testing that directly is simpler
 * than factoring and costs at most q^2 products per candidate.
 */
static int
field_init(struct field *fl, int q)
{
	int	p, k, a, b, cand, ok;
	int	da[MAX_K], db[MAX_K], s[MAX_K], f[MAX_K];

	memset(fl, 0, sizeof *fl);
	if (q > MAX_Q || !prime_power(q, &p, &k))
		return -1;
	fl->q = q;
	fl->p = p;
	fl->k = k;
	fl->add = malloc((size_t)q * q);
	fl->mul = malloc((size_t)q * q);
	fl->neg = malloc((size_t)q);
	if (fl->add == NULL || fl->mul == NULL || fl->neg == NULL)
		goto fail;
	for (a = 0; a < q; a++) {
		digits(a, p, k, da);
		for (b = 0; b < q; b++) {
			digits(b, p, k, db);
			for (int i = 0; i < k; i++)
				s[i] = (da[i] + db[i]) % p;
			fl->add[a * q + b] = (unsigned char)undigits(s, p, k);
		}
		for (int i = 0; i < k; i++)
			s[i] = (p - da[i]) % p;
		fl->neg[a] = (unsigned char)undigits(s, p, k);
	}
	for (cand = 0; cand < q; cand++) {
		digits(cand, p, k, f);
		ok = 1;
		for (a = 0; a < q && ok; a++)
			for (b = 0; b < q; b++) {
				int m = poly_mul(a, b, p, k, f);

				fl->mul[a * q + b] = (unsigned char)m;
				if (a != 0 && b != 0 && m == 0) {
					ok = 0;
					break;
				}
			}
		if (ok)
			return 0;
	}
fail:
	field_free(fl);
	return -1;
}

/*
 * Affine plane AG(2,q) cut to `seats` columns: in the round of slope m, point
 * (x,y) sits at table y - m*x.  Two points of one column are never together
 * (a non-vertical line meets each column once), and two points of different
 * columns share exactly one slope, so no pair meets twice.  With a full plane
 * the vertical lines (the columns themselves) are one more round.
 */
static int
affine_plane(const struct field *fl, int seats, int rounds, int vertical,
    int *out)
{
	int	q = fl->q, np = q * seats, m, x, y, r = 0;

	for (m = 0; m < q && r < rounds; m++, r++)
		for (x = 0; x < seats; x++) {
			int mx = fl->mul[m * q + x];

			for (y = 0; y < q; y++)
				out[r * np + x * q + y] = fl->add[y * q + fl->neg[mx]];
		}
	if (vertical && r < rounds) {
		for (x = 0; x < seats; x++)
			for (y = 0; y < q; y++)
				out[r * np + x * q + y] = x;
		r++;
	}
	return r;
}

/*
 * Affine space AG(n,q), n >= 3: q^n points, lines of q points, one round per
 * direction, (q^n - 1)/(q - 1) rounds in which every pair meets exactly once.
 * That reaches the counting bound, but leaves no pair apart, so it is only
 * worth using when more rounds are wanted than the plane gives.
 */
static int
affine_space(const struct field *fl, int n, int rounds, int *out)
{
	int	q = fl->q, np = 1, lead, t, pt, r = 0, i;
	int	d[MAX_K], v[MAX_K];

	for (i = 0; i < n; i++)
		np *= q;
	for (lead = 0; lead < n && r < rounds; lead++) {
		int ntail = np / q;

		for (i = 0; i < lead; i++)
			ntail /= q;
		for (t = 0; t < ntail && r < rounds; t++, r++) {
			int rest = t;

			for (i = n - 1; i >= 0; i--) {
				if (i < lead)
					d[i] = 0;
				else if (i == lead)
					d[i] = 1;
				else {
					d[i] = rest % q;
					rest /= q;
				}
			}
			for (pt = 0; pt < np; pt++) {
				int code = pt, table = 0, s;

				for (i = n - 1; i >= 0; i--) {
					v[i] = code % q;
					code /= q;
				}
				s = v[lead];
				for (i = 0; i < n; i++)
					if (i != lead) {
						int sd = fl->mul[s * q + d[i]];

						table = table * q +
						    fl->add[v[i] * q + fl->neg[sd]];
					}
				out[r * np + pt] = table;
			}
		}
	}
	return r;
}

/*
 * Rounds of slopes 1, 2, ... of AG(2,q), q = tables, cut to `seats` columns,
 * into out (rounds * tables * seats, allocated here): the lines of slope 0,
 * the rows, are left out, so the caller may seat each site within a row and
 * no two people of a row ever meet; column 0 stays at its row's table.
 * Returns the rounds built (at most tables - 1), 0 when tables is no prime
 * power.
 */
int
rotate_construct_rows(int tables, int seats, int rounds, int **out)
{
	struct field	 fl;
	int		 np = tables * seats, got, r, x, y;

	*out = NULL;
	if (seats < 2 || seats > tables || rounds < 1 ||
	    field_init(&fl, tables) != 0)
		return 0;
	got = rounds < tables - 1 ? rounds : tables - 1;
	*out = malloc(sizeof **out * (size_t)np * (got > 0 ? got : 1));
	if (*out == NULL || got < 1) {
		field_free(&fl);
		free(*out);
		*out = NULL;
		return 0;
	}
	for (r = 0; r < got; r++)
		for (x = 0; x < seats; x++) {
			int mx = fl.mul[(r + 1) * tables + x];

			for (y = 0; y < tables; y++)
				(*out)[r * np + x * tables + y] =
				    fl.add[y * tables + fl.neg[mx]];
		}
	field_free(&fl);
	return got;
}

/* A stored design (rotate-designs.c) for this exact shape, if any. */
static int
stored_design(const struct rotate_design *list, size_t nlist, int tables,
    int seats, int rounds, int *out)
{
	size_t	i;
	int	k, np = tables * seats, got;

	for (i = 0; i < nlist; i++) {
		const struct rotate_design *d = &list[i];

		if (d->tables != tables || d->seats != seats)
			continue;
		got = rounds < d->rounds ? rounds : d->rounds;
		for (k = 0; k < got * np; k++)
			out[k] = d->table[k] - '0';
		return got;
	}
	return 0;
}

/*
 * Hosts who stay need tables points that never share a table, one at each
 * table of every round.  A design without that layout may still hold such a
 * set: find it (a clique in the graph of pairs that never meet, by
 * backtracking with a node limit), move it to column 0 and renumber each
 * round's tables so that row t of column 0 is at table t.  0 when none.
 */
#define HOST_NODES	200000

static int
grow(const unsigned char *met, int np, int want, int *set, int k, int from,
    long *nodes)
{
	int	pt, j;

	if (k == want)
		return 1;
	if (++*nodes > HOST_NODES || np - from < want - k)
		return 0;
	for (pt = from; pt < np; pt++) {
		for (j = 0; j < k && !met[set[j] * np + pt]; j++)
			;
		if (j < k)
			continue;
		set[k] = pt;
		if (grow(met, np, want, set, k + 1, pt + 1, nodes))
			return 1;
	}
	return 0;
}

static int
hosts_to_column0(int tables, int seats, int rounds, int *ctab)
{
	int		 np = tables * seats, r, i, j, t, ok = 0;
	unsigned char	*met = calloc((size_t)np * np, 1);
	int		*set = malloc(sizeof *set * (size_t)tables);
	int		*order = malloc(sizeof *order * (size_t)np);
	int		*copy = malloc(sizeof *copy * (size_t)np);
	int		 label[MAX_Q];
	long		 nodes = 0;

	if (met == NULL || set == NULL || order == NULL || copy == NULL ||
	    tables > MAX_Q)
		goto out;
	for (r = 0; r < rounds; r++)
		for (i = 0; i < np; i++)
			for (j = i + 1; j < np; j++)
				if (ctab[r * np + i] == ctab[r * np + j])
					met[i * np + j] = met[j * np + i] = 1;
	if (!grow(met, np, tables, set, 0, 0, &nodes))
		goto out;
	for (i = 0; i < np; i++)
		order[i] = i;
	for (t = 0; t < tables; t++) {
		for (i = t; order[i] != set[t]; i++)
			;
		order[i] = order[t];
		order[t] = set[t];
	}
	for (r = 0; r < rounds; r++) {
		int *row = ctab + (size_t)r * np;

		for (t = 0; t < tables; t++)
			label[row[set[t]]] = t;
		for (i = 0; i < np; i++)
			copy[i] = label[row[order[i]]];
		memcpy(row, copy, sizeof *copy * (size_t)np);
	}
	ok = 1;
out:
	free(met);
	free(set);
	free(order);
	free(copy);
	return ok;
}

/*
 * Fill out (allocated here, rounds * tables * seats entries) with as many
 * repeat-free rounds as a construction gives for this shape, up to rounds.
 * Returns the number of rounds built, 0 when no construction applies.
 * dummies are empty seats the caller will put first in the last column
 * (points (seats - 1) * tables + 0 .. dummies - 1); they must land at
 * different tables in every round.  effort and
 * time_ms bound the search for cyclic rounds (0: no time limit), which is
 * only tried when the fixed constructions fall short.
 */
int
rotate_construct(int tables, int seats, int rounds, int hosts_stay,
    int dummies, long effort, int time_ms, int *columns_apart, int **out)
{
	struct field	 fl;
	int		 np = tables * seats, got = 0, p, k;
	int		*buf;

	*out = NULL;
	*columns_apart = 0;
	if (seats < 2 || tables < 2 || rounds < 1)
		return 0;
	if ((size_t)np * rounds > 50u * 1000 * 1000)
		return 0;
	buf = malloc(sizeof *buf * (size_t)np * rounds);
	if (buf == NULL)
		return 0;

	/* AG(n, seats) when tables = seats^(n-1) and the plane falls short. */
	if (!hosts_stay && dummies <= 1 && tables > seats && rounds > tables &&
	    prime_power(seats, &p, &k) && field_init(&fl, seats) == 0) {
		int n = 1, pw;

		for (pw = seats; pw < tables; pw *= seats)
			n++;
		if (pw == tables)
			got = affine_space(&fl, n + 1, rounds, buf);
		field_free(&fl);
	}
	if (got == 0 && seats <= tables && field_init(&fl, tables) == 0) {
		int vertical = seats == tables && !hosts_stay && dummies <= 1;

		got = affine_plane(&fl, seats, rounds, vertical, buf);
		*columns_apart = got <= fl.q;
		field_free(&fl);
	}
	/* A stored design when it gives more rounds than the fields do. */
	if (got < rounds && dummies == 0) {
		int *alt = malloc(sizeof *alt * (size_t)np * rounds), more;

		more = alt != NULL && hosts_stay ? stored_design(
		    rotate_stay_designs, rotate_nstay_designs, tables, seats,
		    rounds, alt) : 0;
		if (alt != NULL && more < rounds) {
			int *other = malloc(sizeof *other * (size_t)np * rounds);
			int  m = other != NULL ? stored_design(rotate_designs,
			    rotate_ndesigns, tables, seats, rounds, other) : 0;

			if (m > more && (!hosts_stay ||
			    hosts_to_column0(tables, seats, m, other))) {
				free(alt);
				alt = other;
				other = NULL;
				more = m;
			}
			free(other);
		}
		if (more > got) {
			free(buf);
			buf = alt;
			got = more;
			*columns_apart = 0;
		} else
			free(alt);
	}
	/*
	 * Cyclic rounds when still short and repeats are not certain: one
	 * cycle per round first, then two or three families of rounds.
	 */
	if (got < rounds && effort > 0 && rounds > 1 && np <= ROT_CYCLIC_MAX &&
	    tables >= seats &&
	    rounds <= (np - dummies - 1) / (seats - 1)) {
		if (rotate_cyclic(tables, seats, rounds, hosts_stay, dummies,
		    effort, time_ms, buf)) {
			got = rounds;
			*columns_apart = 0;
		}
	}
	if (got == 0) {
		free(buf);
		return 0;
	}
	*out = buf;
	return got;
}
