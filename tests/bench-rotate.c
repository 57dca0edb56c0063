/* bench-rotate.c: rounds reached without repeats versus best known, and timing of a big room. */

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

int
main(void)
{
	int	seats, g;

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
