/* rotate-net.c: each site on a spare line of a net, the net's other classes as the rounds. */

#include <stdlib.h>
#include <string.h>

#include "rotate.h"

/*
 * A net of order q has q * q points x * q + y and k parallel classes of q
 * lines each; two lines of different classes meet in exactly one point, so
 * two points share exactly one line of at most one class.  Class 0 is the
 * columns (line x), class 1 the rows (line y).  AG(2,q) gives q + 1 classes
 * when q is a prime power.  For q = 12, which is not, the (12,6,1)
 * difference matrix below over Z2 x Z6 gives 7: row i puts point (x, y) on
 * line dm12[i][x] + y, five mutually orthogonal Latin squares, the most
 * known for order 12 (the Handbook of Combinatorial Designs, III.3).  It was
 * found with this project's SAT solver; test-rotate-mix.c checks every
 * difference.  For q = 10 a pair of orthogonal Latin squares (Parker
 * found the first in 1959; no third orthogonal square is known) gives 4
 * classes: point (x, y) is on line ls10[k][y][x] of class 2 + k.  These two
 * were found by a search for ten disjoint transversals of a random square;
 * test-rotate-mix.c checks them.
 *
 * Cut to s columns the net has q * s points, and every class but the
 * columns has lines of s points: q tables of s.  The last R classes are the
 * rounds; the others are spare.  Two people on one spare line never meet,
 * and no pair meets twice.  So a plan without repeats in which no two people
 * of one site share a table is any packing of each site onto one spare line:
 * the site partition is a round already played.  Empty seats pack the same
 * way, so no round has two at one table.  Hosts who stay take column 0,
 * which has one point on each line of every round: the host of table t sits
 * on point t, and in every round the table of a line is the host's on it.
 * When nobody asked to host, whoever the packing puts on column 0 hosts, so
 * a site may fill column 0 (every host from one site: hosts never meet).
 */

#define SPARE_MAX	4	/* spare classes tried for sites */
#define NODES		5000	/* packing search nodes before giving up */

static const unsigned char dm12[6][12] = {	/* a * 6 + b is (a, b) */
	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 },
	{ 0, 9, 3, 2, 7, 6, 10, 5, 1, 11, 4, 8 },
	{ 0, 6, 1, 11, 2, 8, 4, 10, 9, 3, 5, 7 },
	{ 0, 4, 7, 1, 11, 9, 3, 8, 2, 5, 6, 10 },
	{ 0, 8, 11, 4, 10, 3, 5, 9, 7, 6, 2, 1 },
};

static const char ls10[2][10][11] = {
	{
	    "8054267913",
	    "1708425369",
	    "5136042798",
	    "3285679041",
	    "0419538672",
	    "6892150437",
	    "9647803125",
	    "7921384506",
	    "4573916280",
	    "2360791854",
	}, {
	    "3621054789",
	    "2174860395",
	    "9503428617",
	    "1365792840",
	    "5738649021",
	    "8042971563",
	    "6290135478",
	    "7956283104",
	    "0487316952",
	    "4819507236",
	},
};

static int
z2z6_add(int a, int b)
{
	return ((a / 6 + b / 6) % 2) * 6 + (a % 6 + b % 6) % 6;
}

int
rotate_net_dm12(int row, int col)
{
	return dm12[row][col];
}

int
rotate_net_group12(int a, int b)
{
	return z2z6_add(a, b);
}

int
rotate_net_ls10(int k, int row, int col)
{
	return ls10[k][row][col] - '0';
}

struct net {
	int	 q, s, k, np;
	int	*line;		/* [c * np + pt] line of class c through point pt */
	int	*mem;		/* points of each line, from at(): */
	int	*cnt;		/* [c * q + ln] how many */
};

/* Where the points of line ln of class c start in mem: columns have q. */
static const int *
at(const struct net *nt, int c, int ln)
{
	return nt->mem + (c == 0 ? (size_t)ln * nt->q : (size_t)nt->q * nt->q +
	    ((size_t)(c - 1) * nt->q + ln) * nt->s);
}

static void
net_free(struct net *nt)
{
	free(nt->line);
	free(nt->mem);
	free(nt->cnt);
	memset(nt, 0, sizeof *nt);
}

/* The net of order q cut to s columns; 0 when none is known. */
static int
net_init(struct net *nt, int q, int s)
{
	int	*rows = NULL, got, c, pt;

	memset(nt, 0, sizeof *nt);
	nt->q = q;
	nt->s = s;
	nt->np = q * s;
	if (q == 12) {
		nt->k = 7;
	} else if (q == 10) {
		nt->k = 4;
	} else {
		got = rotate_construct_rows(q, s, q - 1, &rows);
		if (got != q - 1 || got < 1) {
			free(rows);
			return 0;
		}
		nt->k = q + 1;
	}
	nt->line = malloc(sizeof *nt->line * (size_t)nt->k * nt->np);
	nt->mem = malloc(sizeof *nt->mem * ((size_t)q * q +
	    (size_t)(nt->k - 1) * nt->np));
	nt->cnt = calloc((size_t)nt->k * q, sizeof *nt->cnt);
	if (nt->line == NULL || nt->mem == NULL || nt->cnt == NULL) {
		free(rows);
		net_free(nt);
		return 0;
	}
	for (pt = 0; pt < nt->np; pt++) {
		int x = pt / q, y = pt % q;

		nt->line[pt] = x;
		nt->line[nt->np + pt] = y;
		for (c = 2; c < nt->k; c++)
			nt->line[c * nt->np + pt] = q == 12 ?
			    z2z6_add(dm12[c - 1][x], y) : q == 10 ?
			    ls10[c - 2][y][x] - '0' :
			    rows[(size_t)(c - 2) * nt->np + pt];
	}
	for (c = 0; c < nt->k; c++)
		for (pt = 0; pt < nt->np; pt++) {
			int ln = nt->line[c * nt->np + pt];

			((int *)at(nt, c, ln))[nt->cnt[c * q + ln]++] = pt;
		}
	free(rows);
	return nt->k;
}

/* A group that must share a spare line: a site, or the empty seats. */
struct item {
	int	 size;		/* points it needs besides its host's */
	int	 host;		/* its host's point (stay), or -1 */
	int	 cls, ln;	/* the line it has */
	int	*who;		/* members, NULL for empty seats */
	int	 nwho;
};

struct pack {
	const struct net	*nt;
	struct item		*it;
	int			 nit, nspare;
	int			 free_hosts;	/* column 0 hosts, whoever sits there */
	int			*owner;	/* [np] item, -1 free, -2 a host */
	unsigned char		*seen;	/* [np] augmenting-path marks */
	long			 nodes;
};

/* An augmenting path: a free point for item i, moving others along their lines. */
static int
augment(struct pack *pk, int i)
{
	const struct net	*nt = pk->nt;
	int			 l = pk->it[i].cls * nt->q + pk->it[i].ln, j;
	const int		*m = at(nt, pk->it[i].cls, pk->it[i].ln);

	for (j = 0; j < nt->cnt[l]; j++) {
		int pt = m[j];

		if (pk->seen[pt] || pk->owner[pt] == -2 ||
		    (pk->free_hosts && pt < nt->q && pk->it[i].who == NULL))
			continue;
		pk->seen[pt] = 1;
		if (pk->owner[pt] == -1 ||
		    (pk->owner[pt] != i && augment(pk, pk->owner[pt]))) {
			pk->owner[pt] = i;
			return 1;
		}
	}
	return 0;
}

/*
 * Give items from k on a line each, largest first, backtracking over
 * lines; a line is feasible when a matching of items to points exists.
 */
static int
place(struct pack *pk, int k)
{
	const struct net	*nt = pk->nt;
	struct item		*it;
	int			*save, ci, c, ln, j, ok = 0, fresh;

	if (k == pk->nit)
		return 1;
	if (++pk->nodes > NODES)
		return 0;
	it = &pk->it[k];
	save = malloc(sizeof *save * (size_t)nt->np);
	if (save == NULL)
		return 0;
	memcpy(save, pk->owner, sizeof *save * (size_t)nt->np);
	for (ci = 0; ci < pk->nspare && !ok && pk->nodes <= NODES; ci++) {
		c = (ci + 1) % pk->nspare;	/* columns last */
		if (it->host >= 0 && c == 0)
			continue;	/* column 0 holds only hosts */
		fresh = 0;
		for (ln = 0; ln < (c == 0 ? nt->s : nt->q) && !ok; ln++) {
			const int *m = at(nt, c, ln);

			if (it->host >= 0 && nt->line[c * nt->np + it->host] !=
			    ln)
				continue;
			if ((c == 0 ? nt->q : nt->s) - (it->host >= 0) <
			    it->size)
				continue;
			/* One untouched line of a class stands for the rest. */
			for (j = 0; j < nt->cnt[c * nt->q + ln] &&
			    pk->owner[m[j]] == -1; j++)
				;
			if (j == nt->cnt[c * nt->q + ln] && fresh++ > 0)
				continue;
			it->cls = c;
			it->ln = ln;
			for (j = 0, ok = 1; j < it->size && ok; j++) {
				memset(pk->seen, 0, (size_t)nt->np);
				ok = augment(pk, k);
			}
			if (ok)
				ok = place(pk, k + 1);
			if (!ok)
				memcpy(pk->owner, save,
				    sizeof *save * (size_t)nt->np);
		}
	}
	free(save);
	return ok;
}

static int
by_size(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if ((x->host >= 0) != (y->host >= 0))
		return x->host >= 0 ? -1 : 1;
	return y->size - x->size;
}

/* Nobody seated, every point free but asked-for hosts' (column 0, row t). */
static void
reset(struct pack *pk, int n, const int *host_of, int *point)
{
	int	i;

	for (i = 0; i < n; i++)
		point[i] = -1;
	for (i = 0; i < pk->nt->np; i++)
		pk->owner[i] = -1;
	for (i = 0; host_of != NULL && i < pk->nt->q; i++) {
		point[host_of[i]] = i;
		pk->owner[i] = -2;
	}
	pk->nodes = 0;
}

/*
 * Items for the sites with two or more present people, and for the empty
 * seats; point[] holds the hosts' points (reset).
 */
static int
make_items(const struct rotate_problem *p, const unsigned char *present,
    struct pack *pk, int *who, const int *point)
{
	const struct net	*nt = pk->nt;
	int			 i, j, n = p->npeople, used = 0, npresent = 0;

	for (i = 0; i < n; i++)
		npresent += present[i] != 0;
	for (i = 0; i < n; i++) {
		struct item	*it = &pk->it[pk->nit];
		int		 site = p->people[i].site, k = 0, h = -1;

		if (!present[i] || site < 0 || p->mix != ROT_MIX_SITE)
			continue;
		for (j = 0; j < i; j++)
			if (present[j] && p->people[j].site == site)
				break;
		if (j < i)
			continue;	/* the site has its item */
		it->who = who + used;
		for (j = i; j < n; j++) {
			if (!present[j] || p->people[j].site != site)
				continue;
			if (point[j] >= 0) {
				if (h >= 0)
					return -1;	/* two hosts of one site */
				h = point[j];
			} else
				it->who[k++] = j;
		}
		if (k + (h >= 0) < 2)
			continue;
		it->nwho = k;
		it->size = k;
		it->host = h;
		used += k;
		pk->nit++;
	}
	if (nt->np - npresent >= 2) {
		struct item *it = &pk->it[pk->nit++];

		memset(it, 0, sizeof *it);
		it->size = nt->np - npresent;
		it->host = -1;
	}
	return 0;
}

/*
 * Seat the packed people; the rest, one to a free point, column 0 first
 * when whoever sits there hosts.  -1 when a table would have no host.
 */
static int
seat(const struct rotate_problem *p, const unsigned char *present,
    struct pack *pk, int *point)
{
	int	i, k, pt;

	for (i = 0; i < pk->nit; i++)
		for (k = 0, pt = 0; k < pk->it[i].nwho; pt++)
			if (pk->owner[pt] == i)
				point[pk->it[i].who[k++]] = pt;
	for (i = 0, pt = 0; i < p->npeople; i++)
		if (present[i] && point[i] < 0) {
			while (pk->owner[pt] != -1)
				pt++;
			point[i] = pt;
			pk->owner[pt] = -3;
		}
	for (pt = 0; pk->free_hosts && pt < pk->nt->q; pt++)
		if (pk->owner[pt] == -1)
			return -1;
	return 0;
}

/* Hosts who stay but none asked for: column 0, chosen by the packing. */
static int
hosts_free(const struct rotate_problem *p, const unsigned char *present,
    const int *host_of)
{
	int	i;

	if (host_of == NULL)
		return 0;
	for (i = 0; i < p->npeople; i++)
		if (present[i] && p->people[i].host)
			return 0;
	return 1;
}

/*
 * Plan the first R rounds, for R from `rounds` down to `fewest` (fewer only
 * when the net has too few classes or the sites do not pack): the net and
 * the items are made once, and a packing is tried once for each number of
 * spare classes, which is all it depends on.
 */
int
rotate_net_plan(const struct rotate_problem *p, const unsigned char *present,
    int npresent, int *host_of, int *table, int rounds, int fewest)
{
	struct net	 nt;
	struct pack	 pk;
	int		 q = p->tables, s, r, i, R, tried = 0, got = 0;
	int		*who = NULL, *point = NULL, *label = NULL;
	const int	*hosts;

	if (q < 2 || npresent < 2 || p->frozen > 0 || fewest < 1)
		return 0;
	s = (npresent + q - 1) / q;
	if (s < 2 || s > q || q * s > ROT_MAX_PEOPLE)
		return 0;
	if (net_init(&nt, q, s) == 0)
		return 0;
	memset(&pk, 0, sizeof pk);
	pk.nt = &nt;
	pk.free_hosts = hosts_free(p, present, host_of);
	hosts = pk.free_hosts ? NULL : host_of;
	for (i = 0; hosts != NULL && i < q; i++)
		if (hosts[i] < 0 || !present[hosts[i]])
			goto out;
	pk.it = calloc((size_t)p->npeople + 1, sizeof *pk.it);
	pk.owner = malloc(sizeof *pk.owner * (size_t)nt.np);
	pk.seen = malloc((size_t)nt.np);
	who = malloc(sizeof *who * (size_t)p->npeople);
	point = malloc(sizeof *point * (size_t)p->npeople);
	label = malloc(sizeof *label * (size_t)q);
	if (pk.it == NULL || pk.owner == NULL || pk.seen == NULL ||
	    who == NULL || point == NULL || label == NULL)
		goto out;
	reset(&pk, p->npeople, hosts, point);
	if (make_items(p, present, &pk, who, point) != 0)
		goto out;
	qsort(pk.it, (size_t)pk.nit, sizeof *pk.it, by_size);
	for (R = rounds < nt.k - 1 ? rounds : nt.k - 1; R >= fewest; R--) {
		int spare = nt.k - R < SPARE_MAX ? nt.k - R : SPARE_MAX;

		/* Asked-for hosts' sites need a spare class besides columns. */
		if (spare == tried || (spare < 2 && hosts != NULL))
			continue;
		tried = pk.nspare = spare;
		reset(&pk, p->npeople, hosts, point);
		if (place(&pk, 0) && seat(p, present, &pk, point) == 0)
			break;
	}
	if (R < fewest)
		goto out;
	for (i = 0; pk.free_hosts && i < p->npeople; i++)
		if (present[i] && point[i] < q)
			host_of[point[i]] = i;	/* column 0, row point[i] */
	for (r = 0; r < R; r++) {
		const int *ln = nt.line + (size_t)(nt.k - R + r) * nt.np;

		for (i = 0; i < q; i++)
			label[i] = i;
		for (i = 0; host_of != NULL && i < q; i++)
			label[ln[i]] = i;	/* point i is column 0, row i */
		for (i = 0; i < p->npeople; i++)
			if (present[i])
				table[r * p->npeople + i] = label[ln[point[i]]];
	}
	got = R;
out:
	net_free(&nt);
	free(pk.it);
	free(pk.owner);
	free(pk.seen);
	free(who);
	free(point);
	free(label);
	return got;
}
