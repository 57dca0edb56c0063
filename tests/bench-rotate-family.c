/* bench-rotate-family.c: --mix site over a generated family of rooms at the café's budget: perfect, proven impossible, or open. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rotate.h"

/*
 * Equal teams: g >= 3 sites of s >= 3 people (20 to 120 in all) at T tables
 * for T in {s, s + 1, g, g + 1}, the shapes a facilitator meets (a table per
 * team member, or a table per site), tables of 3 or more and no fewer
 * tables than a team has people (else a short proof settles it), 3 to 6
 * rounds, hosts staying and moving.  Mixed sizes: 24 to 120 people in sites of 1 to 8 (random), tables
 * of about 4, 6 and 8.  Each room is planned once at the café's budget; a
 * room is "perfect" when the plan has no repeat and no colleagues together,
 * "proven" when a bound or proof (or the exact method) shows no perfect plan
 * exists ("at bound" counts those whose plan meets the counting bound), and
 * "open" otherwise: nobody here knows whether a perfect plan exists.
 */

#define BUDGET_MS	500
#define MAXN		120

struct tally {
	int	rooms, perfect, proven, at_bound, open;
	double	ms_sum, ms_max;
};

struct open_room {
	int	n, tables, rounds, stay, g, s, rep, site;
};

static struct open_room	opens[4096];
static int		nopen;

static double
now_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void
room(struct rotate_person *pe, int n, int T, int R, int stay, int g, int s,
    struct tally *ty)
{
	struct rotate_problem	p;
	struct rotate_schedule	sc;
	struct rotate_report	rep;
	struct rotate_info	info;
	char			err[128];
	double			t0, ms;
	int			lb;

	memset(&p, 0, sizeof p);
	p.npeople = n;
	p.people = pe;
	p.tables = T;
	p.rounds = R;
	p.hosts = stay ? ROT_HOSTS_STAY : ROT_HOSTS_MOVE;
	p.mix = ROT_MIX_SITE;
	p.seed = 1;
	p.time_ms = BUDGET_MS;
	t0 = now_ms();
	if (rotate_plan_info(&p, &sc, &info, err, sizeof err) != 0) {
		fprintf(stderr, "bench: %s\n", err);
		return;
	}
	ms = now_ms() - t0;
	rotate_report_compute(&p, &sc, &rep);
	rotate_schedule_free(&sc);
	lb = rotate_unavoidable_repeats(&p) + rotate_unavoidable_same_site(&p);
	ty->rooms++;
	ty->ms_sum += ms;
	ty->ms_max = ms > ty->ms_max ? ms : ty->ms_max;
	if (rep.repeat_meetings + rep.same_site == 0)
		ty->perfect++;
	else if (lb > 0 || rotate_proof(&p, NULL, 0) || info.exact == 0) {
		ty->proven++;
		ty->at_bound += rep.repeat_meetings + rep.same_site == lb;
	} else {
		ty->open++;
		if (nopen < (int)(sizeof opens / sizeof opens[0]))
			opens[nopen++] = (struct open_room){ n, T, R, stay, g, s,
			    rep.repeat_meetings, rep.same_site };
	}
}

static void
print_row(const char *fam, int T, const struct tally *ty)
{
	if (ty->rooms == 0)
		return;
	printf("%-6s %6d %6d %8d %7d %8d %5d %8.0f %7.0f\n", fam, T, ty->rooms,
	    ty->perfect, ty->proven, ty->at_bound, ty->open,
	    ty->ms_sum / ty->rooms, ty->ms_max);
}

static void
add(struct tally *to, const struct tally *from)
{
	to->rooms += from->rooms;
	to->perfect += from->perfect;
	to->proven += from->proven;
	to->at_bound += from->at_bound;
	to->open += from->open;
	to->ms_sum += from->ms_sum;
	to->ms_max = from->ms_max > to->ms_max ? from->ms_max : to->ms_max;
}

static void
equal_teams(struct tally *all)
{
	static struct rotate_person	pe[MAXN];
	struct tally			by[MAXN + 1];
	int				g, s, a, b, T, R, stay, i;

	memset(by, 0, sizeof by);
	for (s = 3; s <= 12; s++)
		for (g = 3; g * s <= MAXN; g++) {
			int n = g * s, shape[4] = { s, s + 1, g, g + 1 };

			if (n < 20)
				continue;
			for (a = 0; a < 4; a++) {
				T = shape[a];
				for (b = 0; b < a && shape[b] != T; b++)
					;
				if (b < a || T < s || T > n / 3)
					continue;
				memset(pe, 0, sizeof pe);
				for (i = 0; i < n; i++)
					pe[i].site = i / s;
				for (R = 3; R <= 6; R++)
					for (stay = 0; stay < 2; stay++)
						room(pe, n, T, R, stay, g, s,
						    &by[T]);
			}
		}
	for (T = 0; T <= MAXN; T++) {
		print_row("equal", T, &by[T]);
		add(all, &by[T]);
	}
}

static void
mixed_sizes(struct tally *all)
{
	static struct rotate_person	pe[MAXN];
	static const int		seat[] = { 4, 6, 8 };
	struct tally			by[MAXN + 1];
	int				n, k, T, R, stay, i;

	memset(by, 0, sizeof by);
	for (n = 24; n <= MAXN; n += 8)
		for (k = 0; k < 3; k++) {
			uint64_t	seed = (uint64_t)n * 7919 + (uint64_t)k;
			int		left = 0, site = 0;

			T = n / seat[k];
			if (T < 3)
				continue;
			memset(pe, 0, sizeof pe);
			for (i = 0; i < n; i++) {
				if (left == 0) {
					left = 1 + rotate_rand_below(&seed, 8);
					site++;
				}
				pe[i].site = site - 1;
				left--;
			}
			for (R = 3; R <= 6; R++)
				for (stay = 0; stay < 2; stay++)
					room(pe, n, T, R, stay, site, 0, &by[T]);
		}
	for (T = 0; T <= MAXN; T++) {
		print_row("mixed", T, &by[T]);
		add(all, &by[T]);
	}
}

static int
by_tables(const void *a, const void *b)
{
	const struct open_room *x = a, *y = b;

	if (x->tables != y->tables)
		return x->tables - y->tables;
	if (x->n != y->n)
		return x->n - y->n;
	if (x->rounds != y->rounds)
		return x->rounds - y->rounds;
	return x->stay - y->stay;
}

int
main(void)
{
	struct tally	all;
	int		i, T = -1;

	memset(&all, 0, sizeof all);
	printf("--mix site over a generated family at the cafe budget (%d ms), "
	    "3-6 rounds, hosts stay and move\n", BUDGET_MS);
	printf("family tables  rooms  perfect  proven at_bound  open  mean ms"
	    "  max ms\n");
	equal_teams(&all);
	mixed_sizes(&all);
	print_row("all", 0, &all);
	printf("open rooms (no perfect plan found, none proven impossible): "
	    "people=sites x team, tables, rounds, hosts: repeats/same-site\n");
	qsort(opens, (size_t)nopen, sizeof *opens, by_tables);
	for (i = 0; i < nopen; i++) {
		const struct open_room *o = &opens[i];

		if (o->tables != T) {
			printf("%s  T=%d:", i > 0 ? "\n" : "", o->tables);
			T = o->tables;
		}
		if (o->s > 0)
			printf(" %d=%dx%d R%d %s %d/%d;", o->n, o->g, o->s,
			    o->rounds, o->stay ? "stay" : "move", o->rep, o->site);
		else
			printf(" %d=%d sites R%d %s %d/%d;", o->n, o->g,
			    o->rounds, o->stay ? "stay" : "move", o->rep, o->site);
	}
	printf("\n");
	return 0;
}
