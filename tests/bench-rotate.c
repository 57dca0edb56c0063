/* bench-rotate.c: rounds reached without repeats versus best known, timing of a big room, and --mix site rooms. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rotate.h"

#define BUDGET_MS	2000	/* per instance, over all its attempts */

static double
now_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Repeats of one plan, or -1 on error. */
static int
attempt(const struct rotate_problem *p)
{
	struct rotate_schedule	s;
	struct rotate_report	rep;
	char			err[128];

	if (rotate_plan(p, &s, err, sizeof err) != 0) {
		fprintf(stderr, "bench: %s\n", err);
		return -1;
	}
	rotate_report_compute(p, &s, &rep);
	rotate_schedule_free(&s);
	return rep.repeat_meetings;
}

/*
 * Where a plan of this shape gets its repeat-free rounds: a stored design,
 * a finite field, cyclic rounds found at the default effort, or the search
 * over whole schedules.
 */
static const char *
how(int g, int seats, int rounds)
{
	int	apart, got, *buf;
	size_t	i;

	for (i = 0; i < rotate_ndesigns; i++)
		if (rotate_designs[i].tables == g &&
		    rotate_designs[i].seats == seats &&
		    rotate_designs[i].rounds >= rounds)
			return "stored";
	got = rotate_construct(g, seats, rounds, 0, 0, 0, 0, &apart, &buf);
	free(buf);
	if (got >= rounds)
		return "field";
	got = rotate_construct(g, seats, rounds, 0, 0, 2 * ROT_EFFORT, 0,
	    &apart, &buf);
	free(buf);
	return got >= rounds ? "cyclic" : "search";
}

/*
 * Climb one round at a time while a repeat-free schedule is found: successes
 * are quick, so nearly all of the budget goes to the first round count that
 * resists.  The climb stops at the best known, so ms is the time to reach it.
 */
static void
instance(int seats, int g)
{
	struct rotate_person	*pe;
	struct rotate_problem	 p;
	int			 n = seats * g, best = rotate_best_known(seats, g);
	int			 reached = 1, R, i;
	double			 t0 = now_ms(), ms;

	pe = calloc((size_t)n, sizeof *pe);
	if (pe == NULL)
		return;
	for (i = 0; i < n; i++)
		pe[i].site = -1;
	for (R = 2; R <= best; R++) {
		double left = BUDGET_MS - (now_ms() - t0);

		if (left < 1)
			break;
		memset(&p, 0, sizeof p);
		p.npeople = n;
		p.people = pe;
		p.tables = g;
		p.rounds = R;
		p.seed = 1;
		p.effort = 1L << 40;
		p.time_ms = (int)left;
		if (attempt(&p) != 0)
			break;
		reached = R;
	}
	ms = now_ms() - t0;
	printf("%d %2d %10d %7d %6.0f  %s\n", seats, g, best, reached, ms,
	    how(g, seats, reached));
	free(pe);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
big_room(int n, int tables, int rounds, int nsites, enum rotate_hosts hosts)
{
	struct rotate_person	*pe = calloc((size_t)n, sizeof *pe);
	struct rotate_problem	 p;
	struct rotate_schedule	 s;
	struct rotate_report	 rep;
	double			 ms[5];
	char			 err[128];
	int			 i, k;

	if (pe == NULL)
		return;
	for (i = 0; i < n; i++)
		pe[i].site = i % nsites;
	memset(&p, 0, sizeof p);
	p.npeople = n;
	p.people = pe;
	p.tables = tables;
	p.rounds = rounds;
	p.hosts = hosts;
	p.mix = ROT_MIX_SITE;
	for (k = 0; k < 5; k++) {
		double t0 = now_ms();

		p.seed = (uint64_t)k + 1;
		if (rotate_plan(&p, &s, err, sizeof err) != 0) {
			fprintf(stderr, "bench: %s\n", err);
			free(pe);
			return;
		}
		ms[k] = now_ms() - t0;
		rotate_report_compute(&p, &s, &rep);
		rotate_schedule_free(&s);
	}
	qsort(ms, 5, sizeof ms[0], cmp_double);
	printf("%d people, %d tables, %d rounds, %d sites, hosts %s: "
	    "median %.1f ms (min %.1f, max %.1f); repeats %d, same-site %d, "
	    "new people min %d\n", n, tables, rounds, nsites,
	    hosts == ROT_HOSTS_STAY ? "stay" : "move", ms[2], ms[0], ms[4],
	    rep.repeat_meetings, rep.same_site, rep.new_min);
	free(pe);
}

/*
 * --mix site rooms at the café's budget (500 ms): equal teams and mixed
 * sizes, 20 to 120 people, 3 to 6 rounds, hosts stay and move.  Each room
 * twice: the search alone, and with the exact method (rotate-sat.c).  The
 * bound is a proven lower bound on repeats + same-site seatings: a count,
 * or "1 proof"/"1 sat" when a proof or the exact method showed that no
 * perfect plan exists, or "?" when nothing is known.
 */
struct mixroom {
	int	n, tables, rounds, stay, team;	/* team 0: mixed sizes */
};

static void
mix_sites(struct rotate_person *pe, int n, int team, uint64_t seed)
{
	int	i, site = 0, left = 0;

	memset(pe, 0, sizeof *pe * (size_t)n);
	for (i = 0; i < n; i++) {
		if (left == 0) {
			left = team > 0 ? team : 1 + rotate_rand_below(&seed, 8);
			site++;
		}
		pe[i].site = site - 1;
		left--;
	}
}

static void
mix_row(const struct mixroom *m)
{
	struct rotate_person	*pe = calloc((size_t)m->n, sizeof *pe);
	struct rotate_problem	 p;
	struct rotate_schedule	 s;
	struct rotate_report	 rep;
	struct rotate_info	 info;
	char			 err[128], bound[32], sites[16];
	int			 mode, lb, nsites, res[2][2];
	double			 ms[2];
	int			 none = 0;

	if (pe == NULL)
		return;
	mix_sites(pe, m->n, m->team, (uint64_t)m->n * 31 + m->tables);
	nsites = pe[m->n - 1].site + 1;
	memset(&p, 0, sizeof p);
	p.npeople = m->n;
	p.people = pe;
	p.tables = m->tables;
	p.rounds = m->rounds;
	p.hosts = m->stay ? ROT_HOSTS_STAY : ROT_HOSTS_MOVE;
	p.mix = ROT_MIX_SITE;
	p.seed = 1;
	p.time_ms = 500;
	for (mode = 0; mode < 2; mode++) {
		double t0 = now_ms();

		p.no_exact = mode == 0;
		if (rotate_plan_info(&p, &s, &info, err, sizeof err) != 0) {
			fprintf(stderr, "bench: %s\n", err);
			free(pe);
			return;
		}
		ms[mode] = now_ms() - t0;
		rotate_report_compute(&p, &s, &rep);
		res[mode][0] = rep.repeat_meetings;
		res[mode][1] = rep.same_site;
		none |= mode == 1 && info.exact == 0;
		rotate_schedule_free(&s);
	}
	lb = rotate_unavoidable_repeats(&p) + rotate_unavoidable_same_site(&p);
	if (lb > 0)
		snprintf(bound, sizeof bound, "%d", lb);
	else if (rotate_proof(&p, NULL, 0))
		snprintf(bound, sizeof bound, "1 proof");
	else if (none)
		snprintf(bound, sizeof bound, "1 sat");
	else if (res[0][0] + res[0][1] == 0 || res[1][0] + res[1][1] == 0)
		snprintf(bound, sizeof bound, "0");
	else
		snprintf(bound, sizeof bound, "?");
	if (m->team > 0)
		snprintf(sites, sizeof sites, "%dx%d", nsites, m->team);
	else
		snprintf(sites, sizeof sites, "%d mixed", nsites);
	printf("%4d %6d %6d %5s %-10s %4d/%-4d %6.0f %4d/%-4d %6.0f  %s\n",
	    m->n, m->tables, m->rounds, m->stay ? "stay" : "move", sites,
	    res[0][0], res[0][1], ms[0], res[1][0], res[1][1], ms[1], bound);
	free(pe);
}

static void
mix_table(void)
{
	static const struct mixroom rooms[] = {
		{ 42, 7, 3, 0, 6 }, { 42, 7, 3, 1, 6 }, { 42, 7, 6, 1, 6 },
		{ 20, 5, 3, 0, 4 }, { 24, 6, 3, 1, 4 }, { 30, 6, 4, 0, 5 },
		{ 30, 6, 4, 1, 5 }, { 36, 6, 3, 0, 6 }, { 48, 8, 5, 1, 6 },
		{ 60, 10, 4, 0, 6 }, { 60, 10, 4, 1, 6 }, { 72, 9, 6, 1, 8 },
		{ 100, 11, 6, 0, 10 }, { 120, 12, 5, 0, 10 },
		{ 120, 10, 3, 1, 12 }, { 30, 6, 8, 0, 1 },
		{ 24, 6, 3, 0, 0 }, { 40, 8, 4, 1, 0 }, { 56, 8, 5, 0, 0 },
		{ 64, 8, 6, 1, 0 }, { 80, 10, 6, 0, 0 }, { 96, 12, 4, 1, 0 },
		{ 120, 15, 6, 0, 0 }, { 120, 20, 6, 1, 0 },
	};
	size_t	i;

	printf("--mix site at the cafe budget (500 ms); repeats/same-site, "
	    "search alone then with the exact method (%s)\n",
	    rotate_sat_available() ? "CaDiCaL" : "not built");
	printf("   n tables rounds hosts sites      search     ms "
	    "   +exact     ms  bound\n");
	for (i = 0; i < sizeof rooms / sizeof rooms[0]; i++)
		mix_row(&rooms[i]);
}

int
main(int argc, char **argv)
{
	int	seats, g;

	if (argc > 1 && strcmp(argv[1], "mix") == 0) {
		mix_table();
		return 0;
	}

	printf("p  g best_known reached     ms  how\n");
	for (seats = 3; seats <= 6; seats++)
		for (g = 4; g <= 10; g++)
			if (rotate_best_known(seats, g) > 0)
				instance(seats, g);
	printf("\n");
	big_room(300, 60, 6, 20, ROT_HOSTS_STAY);
	big_room(300, 60, 6, 20, ROT_HOSTS_MOVE);
	big_room(297, 75, 6, 20, ROT_HOSTS_STAY);
	big_room(120, 24, 6, 12, ROT_HOSTS_STAY);
	return 0;
}
