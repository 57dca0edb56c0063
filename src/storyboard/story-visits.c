/* story-visits.c: who visits which site's board, round by round.  The
 * rotation engine (rotate.h) mixes people into groups that travel
 * together, as many as there are boards; each group is then given a
 * board none of its members comes from, and anyone the groups cannot
 * place (a group holding someone of every board's site) is sent on their
 * own to the least visited board that is not theirs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-storyboard.h"
#include "rotate.h"

/* What sending person i to board b costs: their own board is never
 * allowed; a board they saw in an earlier round costs more than a full
 * one, so everyone sees each other board before seeing one twice. */
#define OWN_COST 1000000L
#define SEEN_COST 1000L

static long
person_cost(const int *site, const int *board_site, const int *seen,
    int nboards, int i, int b)
{
	if (site[i] >= 0 && site[i] == board_site[b])
		return OWN_COST;
	return SEEN_COST * seen[i * nboards + b];
}

/* The least costly board for person i in round r, given the loads so
 * far; -1 when every board is their own. */
static int
best_board(const int *site, const int *board_site, const int *seen,
    const int *load, int nboards, int i)
{
	long best = OWN_COST;
	int pick = -1;

	for (int b = 0; b < nboards; b++) {
		long c = person_cost(site, board_site, seen, nboards, i, b) +
		    load[b];

		if (c < best) {
			best = c;
			pick = b;
		}
	}
	return pick;
}

static long
group_cost(const int *site, const int *board_site, const int *seen,
    int nboards, const int *group, int npeople, int g, int b)
{
	long c = 0;

	for (int i = 0; i < npeople; i++)
		if (group[i] == g)
			c += person_cost(site, board_site, seen, nboards, i, b);
	return c;
}

/* Give the `tables` groups distinct boards, cheapest first, then swap
 * while a swap (or a board left over) lowers the cost. */
static void
assign_groups(const int *site, const int *board_site, const int *seen,
    int nboards, const int *group, int npeople, int tables, int r, int *gb)
{
	int *used = calloc((size_t)nboards, sizeof *used);
	int better = 1;

	if (used == NULL)
		abort();
	for (int g = 0; g < tables; g++) {
		gb[g] = (g + r) % nboards;
		used[gb[g]] = 1;
	}
	for (int pass = 0; better && pass < 50; pass++) {
		better = 0;
		for (int g = 0; g < tables; g++) {
			long now = group_cost(site, board_site, seen, nboards,
			    group, npeople, g, gb[g]);

			for (int h = g + 1; h < tables; h++) {
				long before = now + group_cost(site, board_site,
				    seen, nboards, group, npeople, h, gb[h]);
				long after = group_cost(site, board_site, seen,
				    nboards, group, npeople, g, gb[h]) +
				    group_cost(site, board_site, seen, nboards,
				    group, npeople, h, gb[g]);

				if (after < before) {
					int t = gb[g];

					gb[g] = gb[h];
					gb[h] = t;
					now = group_cost(site, board_site, seen,
					    nboards, group, npeople, g, gb[g]);
					better = 1;
				}
			}
			for (int b = 0; b < nboards; b++) {
				long c;

				if (used[b])
					continue;
				c = group_cost(site, board_site, seen, nboards,
				    group, npeople, g, b);
				if (c < now) {
					used[gb[g]] = 0;
					gb[g] = b;
					used[b] = 1;
					now = c;
					better = 1;
				}
			}
		}
	}
	free(used);
}

int
story_visits_plan(const int *site, int npeople, const int *board_site,
    int nboards, int rounds, uint64_t seed, int *visit, char *why, size_t n)
{
	struct rotate_person *people = NULL;
	struct rotate_schedule sched;
	struct rotate_problem prob;
	int *seen = NULL, *load = NULL, *gb = NULL, tables, rc = -1;

	memset(&sched, 0, sizeof sched);
	for (int k = 0; k < npeople * rounds; k++)
		visit[k] = -1;
	if (npeople <= 0 || nboards <= 0)
		return 0;
	tables = nboards < npeople ? nboards : npeople;
	people = calloc((size_t)npeople, sizeof *people);
	seen = calloc((size_t)npeople * (size_t)nboards, sizeof *seen);
	load = calloc((size_t)nboards, sizeof *load);
	gb = calloc((size_t)tables, sizeof *gb);
	if (people == NULL || seen == NULL || load == NULL || gb == NULL) {
		snprintf(why, n, "out of memory");
		goto out;
	}
	for (int i = 0; i < npeople; i++)
		people[i].site = site[i];
	memset(&prob, 0, sizeof prob);
	prob.npeople = npeople;
	prob.people = people;
	prob.tables = tables;
	prob.rounds = rounds;
	prob.hosts = ROT_HOSTS_MOVE;
	prob.mix = ROT_MIX_SITE;
	prob.seed = seed;
	prob.time_ms = 300;
	if (rotate_plan(&prob, &sched, why, n) != 0)
		goto out;
	for (int r = 0; r < rounds; r++) {
		const int *group = &sched.table[r * npeople];

		assign_groups(site, board_site, seen, nboards, group, npeople,
		    tables, r, gb);
		memset(load, 0, (size_t)nboards * sizeof *load);
		for (int i = 0; i < npeople; i++) {
			int b = group[i] >= 0 ? gb[group[i]] : -1;

			/* Sent alone when the group's board is their own,
			 * or one seen while another is not. */
			if (b < 0 || person_cost(site, board_site, seen,
			    nboards, i, b) > 0)
				b = -2;
			visit[r * npeople + i] = b;
			if (b >= 0)
				load[b]++;
		}
		for (int i = 0; i < npeople; i++) {
			int *v = &visit[r * npeople + i];

			if (*v == -2) {
				*v = best_board(site, board_site, seen, load,
				    nboards, i);
				if (*v >= 0)
					load[*v]++;
			}
			if (*v >= 0)
				seen[i * nboards + *v]++;
		}
	}
	rc = 0;
out:
	rotate_schedule_free(&sched);
	free(people);
	free(seen);
	free(load);
	free(gb);
	return rc;
}

void
story_visits_late(const int *site, int npeople, const int *board_site,
    int nboards, int rounds, int from, int person, int *visit)
{
	int *seen = calloc((size_t)nboards + 1, sizeof *seen);
	int *load = calloc((size_t)nboards + 1, sizeof *load);

	if (seen == NULL || load == NULL)
		abort();
	for (int r = 0; r < from && r < rounds; r++)
		if (visit[r * npeople + person] >= 0)
			seen[visit[r * npeople + person]]++;
	for (int r = from; r < rounds; r++) {
		int *v = &visit[r * npeople + person];

		memset(load, 0, (size_t)nboards * sizeof *load);
		for (int i = 0; i < npeople; i++)
			if (i != person && visit[r * npeople + i] >= 0)
				load[visit[r * npeople + i]]++;
		/* best_board reads seen[] as person 0's row. */
		*v = best_board(site + person, board_site, seen, load, nboards,
		    0);
		if (*v >= 0)
			seen[*v]++;
	}
	free(seen);
	free(load);
}
