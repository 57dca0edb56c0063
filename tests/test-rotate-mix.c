/* test-rotate-mix.c: --mix site as a hard goal: perfect plans, proofs that none exists, re-planning. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rotate.h"

#define MAXN	120

/* nsites teams of `team` people (the last may be smaller), n in all. */
static void
teams(struct rotate_person *pe, int n, int team)
{
	int	i;

	memset(pe, 0, sizeof *pe * (size_t)n);
	for (i = 0; i < n; i++)
		pe[i].site = i / team;
}

static void
problem(struct rotate_problem *p, const struct rotate_person *pe, int n,
    int T, int R, int stay)
{
	memset(p, 0, sizeof *p);
	p->npeople = n;
	p->people = pe;
	p->tables = T;
	p->rounds = R;
	p->hosts = stay ? ROT_HOSTS_STAY : ROT_HOSTS_MOVE;
	p->mix = ROT_MIX_SITE;
	p->seed = 3;
	p->time_ms = 2000;
}

/* Balanced tables, stay hosts at their tables, absent people unseated. */
static void
check_rules(const struct rotate_problem *p, const struct rotate_schedule *s)
{
	int	r, t, i;

	for (r = p->frozen; r < p->rounds; r++) {
		int lo = MAXN + 1, hi = -1;

		for (t = 0; t < p->tables; t++) {
			int k = rotate_table_size(s, r, t);

			lo = k < lo ? k : lo;
			hi = k > hi ? k : hi;
			if (p->hosts == ROT_HOSTS_STAY) {
				int h = s->host[r * p->tables + t];

				assert_true(h >= 0);
				assert_int_equal(s->table[r * p->npeople + h], t);
				if (r > 0)
					assert_int_equal(h,
					    s->host[(r - 1) * p->tables + t]);
			}
		}
		assert_true(hi - lo <= 1);
		for (i = 0; i < p->npeople; i++)
			assert_true((s->table[r * p->npeople + i] < 0) ==
			    (p->people[i].absent != 0));
	}
}

static void
plan_perfect(const struct rotate_problem *p)
{
	struct rotate_schedule	s;
	struct rotate_report	rep;
	struct rotate_info	info;
	char			err[128], why[ROT_WHY_LEN];

	assert_int_equal(rotate_plan_info(p, &s, &info, err, sizeof err), 0);
	check_rules(p, &s);
	rotate_report_compute(p, &s, &rep);
	if (rep.repeat_meetings != 0 || rep.same_site != 0)
		print_error("%d people, %d tables, %d rounds, hosts %s: %d "
		    "repeats, %d same-site\n", p->npeople, p->tables,
		    p->rounds, p->hosts == ROT_HOSTS_STAY ? "stay" : "move",
		    rep.repeat_meetings, rep.same_site);
	assert_int_equal(rep.repeat_meetings, 0);
	assert_int_equal(rep.same_site, 0);
	/* No proof may claim that what was just done is impossible. */
	assert_int_equal(rotate_proof(p, why, sizeof why), 0);
	rotate_report_explain(p, &rep, &info, why, sizeof why);
	assert_non_null(strstr(why, "nor with someone of their own site"));
	rotate_schedule_free(&s);
}

/*
 * The room (7 sites of 6, 7 tables of 6, 3 rounds, hosts move) and
 * a generated family of equal-team rooms known feasible: tables a prime
 * power, teams no larger than a table and no more teams than tables, up to
 * tables - 1 rounds (the rows of an affine plane), hosts stay and move;
 * then rooms whose tables are no prime power, from stored designs.
 */
static void
test_equal_teams(void **state)
{
	static const int	tables[] = { 4, 5, 7, 8, 9, 11 };
	struct rotate_person	pe[MAXN];
	struct rotate_problem	p;
	size_t			k;
	int			team, nt, R, stay, cases = 0;

	(void)state;
	teams(pe, 42, 6);
	problem(&p, pe, 42, 7, 3, 0);
	plan_perfect(&p);
	for (k = 0; k < sizeof tables / sizeof tables[0]; k++) {
		int T = tables[k];

		for (team = 3; team <= T && team * T <= MAXN; team++)
			for (nt = T - 1; nt <= T; nt++)
				for (R = 3; R <= 6 && R < T; R++)
					for (stay = 0; stay < 2; stay++) {
						int n = nt * team;

						/* Stay hosts need T sites. */
						if (n < 2 * T || (stay && nt < T))
							continue;
						teams(pe, n, team);
						problem(&p, pe, n, T, R, stay);
						plan_perfect(&p);
						cases++;
					}
	}
	assert_true(cases > 100);
	/* Tables no prime power, from stored designs: 6 teams of 5 at 6
	 * tables, 10 teams of 6 at 10 tables and 10 of 5 at 10. */
	teams(pe, 30, 5);
	problem(&p, pe, 30, 6, 4, 0);
	plan_perfect(&p);
	teams(pe, 60, 6);
	problem(&p, pe, 60, 10, 6, 0);
	plan_perfect(&p);
	teams(pe, 50, 5);
	problem(&p, pe, 50, 10, 6, 0);
	plan_perfect(&p);
}

/*
 * Twelve tables, which is no prime power: the (12,6,1) difference matrix
 * differs once by every element between any two rows, and the net it gives
 * seats 12 teams of up to 10 (MAXN) at 12 tables for up to 5 rounds, the
 * issue's 120-person room among them, hosts staying or moving.
 */
static void
test_twelve_tables(void **state)
{
	struct rotate_person	pe[MAXN];
	struct rotate_problem	p;
	int			i, j, c, team, nt, R, stay;

	(void)state;
	for (i = 0; i < 6; i++)
		for (j = i + 1; j < 6; j++) {
			int seen[12] = { 0 };

			for (c = 0; c < 12; c++) {
				int a = rotate_net_dm12(i, c), b, d;

				/* d = dm[j][c] - a: the b with a + b = dm[j][c] */
				for (b = 0, d = -1; b < 12; b++)
					if (rotate_net_group12(a, b) ==
					    rotate_net_dm12(j, c))
						d = b;
				assert_true(d >= 0);
				seen[d]++;
			}
			for (c = 0; c < 12; c++)
				assert_int_equal(seen[c], 1);
		}
	for (team = 4; team <= 10; team += 3)
		for (nt = 11; nt <= 12; nt++)
			for (R = 3; R <= 5; R++)
				for (stay = 0; stay < 2; stay++) {
					if (stay && nt < 12)
						continue;
					teams(pe, nt * team, team);
					problem(&p, pe, nt * team, 12, R, stay);
					plan_perfect(&p);
				}
}

/*
 * Ten tables: the two squares are Latin and orthogonal, and their net seats
 * 10 teams of 10, or 9 or 7 teams of 10, at 10 tables for 3 rounds (the
 * teams on columns, the rounds rows and the two squares).
 */
static void
test_ten_tables(void **state)
{
	struct rotate_person	pe[MAXN];
	struct rotate_problem	p;
	int			i, j, k, stay, nt, R;
	unsigned char		pair[100];

	(void)state;
	memset(pair, 0, sizeof pair);
	for (i = 0; i < 10; i++)
		for (j = 0; j < 10; j++) {
			int a = rotate_net_ls10(0, i, j), b = rotate_net_ls10(1, i, j);

			assert_int_equal(pair[a * 10 + b]++, 0);
			for (k = 0; k < 2; k++) {
				int v = rotate_net_ls10(k, i, j), c;

				for (c = 0; c < 10; c++) {
					if (c != j)
						assert_int_not_equal(
						    rotate_net_ls10(k, i, c), v);
					if (c != i)
						assert_int_not_equal(
						    rotate_net_ls10(k, c, j), v);
				}
			}
		}
	for (nt = 7; nt <= 10; nt += 1)
		for (R = 2; R <= 3; R++)
			for (stay = 0; stay < 2; stay++) {
				if (nt == 8)
					continue;
				teams(pe, nt * 10, 10);
				problem(&p, pe, nt * 10, 10, R, stay);
				plan_perfect(&p);
			}
}

/*
 * Sites of mixed sizes that no packing into rows fits: 15 sites (8, 7, 7,
 * five of 5, three of 4, 2 and three of 1) at 8 tables of 8 for 6 rounds,
 * hosts staying.  Sites also take columns and a spare slope of AG(2,8).
 */
static void
test_mixed_sizes(void **state)
{
	static const int	size[] = { 8, 7, 7, 5, 5, 5, 5, 5, 4, 4, 4, 2,
				    1, 1, 1 };
	struct rotate_person	pe[64];
	struct rotate_problem	p;
	size_t			k;
	int			n = 0, i;

	(void)state;
	memset(pe, 0, sizeof pe);
	for (k = 0; k < sizeof size / sizeof size[0]; k++)
		for (i = 0; i < size[k]; i++)
			pe[n++].site = (int)k;
	for (i = 0; i < 2; i++) {
		problem(&p, pe, 64, 8, 6, i);
		plan_perfect(&p);
	}
	/* 6 sites of 5 at 6 tables for 4 rounds, hosts staying: the stored
	 * design that keeps column 0 in place. */
	teams(pe, 30, 5);
	problem(&p, pe, 30, 6, 4, 1);
	plan_perfect(&p);
}

/* Every proof, on a room where it applies, with the words it must use. */
static void
test_proofs(void **state)
{
	static const char *const names[] = { "Ayr ED", "Troon" };
	struct rotate_person	pe[MAXN];
	struct rotate_problem	p;
	struct rotate_schedule	s;
	struct rotate_report	rep;
	char			why[ROT_WHY_LEN], err[128];
	int			i;

	(void)state;
	/* A site larger than the tables. */
	teams(pe, 30, 1);
	for (i = 0; i < 7; i++)
		pe[i].site = 0;
	problem(&p, pe, 30, 6, 3, 0);
	p.site_names = names;
	p.nsite_names = 2;
	assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
	assert_non_null(strstr(why, "Site Ayr ED has 7 people but there are "
	    "6 tables: two of them must share a table in every round"));
	assert_non_null(strstr(why, "at least 7 tables"));
	assert_int_equal(rotate_plan(&p, &s, err, sizeof err), 0);
	rotate_report_compute(&p, &s, &rep);
	assert_true(rep.same_site >= 3);
	rotate_report_why(&p, &rep, why, sizeof why);
	assert_non_null(strstr(why, "Site Ayr ED has 7 people"));
	rotate_schedule_free(&s);

	/* The largest site speaks, whatever the others. */
	for (i = 0; i < 20; i++)
		pe[i].site = i % 4;
	problem(&p, pe, 20, 4, 3, 0);
	assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
	assert_non_null(strstr(why, "Site 1 has 5 people but there are 4 "
	    "tables"));

	/* Hosts who stay: more rounds than tables. */
	teams(pe, 30, 1);
	problem(&p, pe, 30, 5, 6, 1);
	p.mix = ROT_MIX_NONE;
	assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
	assert_non_null(strstr(why, "6 rounds need at least 6 tables"));
	/* Hosts who stay, two of them flagged from one site. */
	teams(pe, 36, 6);
	pe[0].host = pe[1].host = 1;
	problem(&p, pe, 36, 6, 5, 1);
	assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
	assert_non_null(strstr(why, "has 2 hosts who stay"));
	assert_non_null(strstr(why, "can sit at only 4 tables"));
	pe[0].host = pe[1].host = 0;

	/* Counting: everyone meets 4 new people a round, 31 people, 8 rounds. */
	teams(pe, 31, 1);
	problem(&p, pe, 31, 6, 8, 0);
	assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
	assert_non_null(strstr(why, "only 30 others are here: at most 7 "
	    "rounds"));
	/* Counting for one site: 6 of one site, tables of 5, 7 rounds, 30. */
	teams(pe, 30, 1);
	for (i = 0; i < 6; i++)
		pe[i].site = 100;
	problem(&p, pe, 30, 6, 7, 0);
	assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
	assert_non_null(strstr(why, "Each of the 6 people of Site 101 meets "
	    "at least 4 people in every round, 28 over 7 rounds"));
	assert_non_null(strstr(why, "only 24 people are from other sites: "
	    "at most 6 rounds"));

	/* Euler's 36 officers: 6 sites of 6 at 6 tables, 3 rounds, hosts
	 * moving or staying; 2 rounds have no proof (one Latin square). */
	teams(pe, 36, 6);
	for (i = 0; i < 2; i++) {
		problem(&p, pe, 36, 6, 3, i);
		assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
		assert_non_null(strstr(why, "two orthogonal Latin squares of "
		    "order 6, which do not exist"));
		assert_non_null(strstr(why, "at most 2 rounds"));
	}
	problem(&p, pe, 36, 6, 2, 0);
	assert_int_equal(rotate_proof(&p, why, sizeof why), 0);
	plan_perfect(&p);
	/* Fewer sites of 6 at 6 tables for 6 rounds: a resolvable TD(g, 6). */
	for (i = 3; i <= 5; i++) {
		teams(pe, 6 * i, 6);
		problem(&p, pe, 6 * i, 6, 6, i == 4);
		assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
		assert_non_null(strstr(why, "meet each person of the other "
		    "sites exactly once"));
		assert_non_null(strstr(why, "at most 5 rounds"));
		p.rounds = 5;
		assert_int_equal(rotate_proof(&p, why, sizeof why), 0);
	}

	/* Feasible rooms have no proof. */
	teams(pe, 42, 6);
	problem(&p, pe, 42, 7, 6, 1);
	assert_int_equal(rotate_proof(&p, why, sizeof why), 0);
}

/* The pair count: it speaks where each person alone could still fit. */
static void
test_proof_pairs(void **state)
{
	struct rotate_person	pe[MAXN];
	struct rotate_problem	p;
	char			why[ROT_WHY_LEN];

	(void)state;
	/* 13 people at tables of 5, 4 and 4 seat 22 pairs a round, 88 in 4
	 * rounds, of 78; each person alone needs only 12 of 12 others. */
	teams(pe, 13, 1);
	problem(&p, pe, 13, 3, 4, 0);
	assert_int_equal(rotate_proof(&p, why, sizeof why), 1);
	assert_non_null(strstr(why, "4 rounds of 3 tables seat 88 pairs"));
	assert_non_null(strstr(why, "of the 13 people only 78 pairs"));
	assert_non_null(strstr(why, "at most 3 rounds"));
	p.rounds = 3;
	assert_int_equal(rotate_proof(&p, why, sizeof why), 0);
}

/*
 * The proofs against the exact method on tiny rooms: where a proof says no
 * perfect plan exists, the solver must not find one; where the solver
 * finds one, it is perfect.
 */
static void
test_proofs_sound(void **state)
{
	struct rotate_person	pe[16];
	struct rotate_problem	p;
	unsigned char		present[16];
	uint64_t		rng = 11;
	int			iter, i, table[16 * 4], hosts[8], agree = 0;

	(void)state;
	if (!rotate_sat_available())
		skip();
	for (iter = 0; iter < 80; iter++) {
		int n = 6 + rotate_rand_below(&rng, 9);
		int T = 2 + rotate_rand_below(&rng, n / 3 - 1);
		int R = 1 + rotate_rand_below(&rng, 3);
		int stay = rotate_rand_below(&rng, 2), got, proof;
		long ms;

		memset(pe, 0, sizeof pe);
		for (i = 0; i < n; i++) {
			pe[i].site = rotate_rand_below(&rng, 5) - 1;
			present[i] = 1;
		}
		problem(&p, pe, n, T, R, stay);
		for (i = 0; i < R * n; i++)
			table[i] = -1;
		for (i = 0; i < T; i++)
			hosts[i] = -1;
		proof = rotate_proof(&p, NULL, 0);
		got = rotate_sat_plan(&p, 0, present, table, stay ? hosts :
		    NULL, 5000, &ms);
		assert_true(got == 0 || got == 1);
		if (proof)
			assert_int_equal(got, 0);
		if (got == 1) {
			struct rotate_schedule	s;
			struct rotate_report	rep;

			assert_int_equal(rotate_schedule_init(&s, n, T, R), 0);
			memcpy(s.table, table, sizeof *table * (size_t)R * n);
			rotate_report_compute(&p, &s, &rep);
			assert_int_equal(rep.repeat_meetings, 0);
			assert_int_equal(rep.same_site, 0);
			assert_true(rep.size_spread <= 1);
			for (i = 0; stay && i < T; i++)
				for (int r = 0; r < R; r++)
					assert_int_equal(table[r * n + hosts[i]], i);
			rotate_schedule_free(&s);
		}
		agree += proof == (got == 0);
	}
	/* Most impossible tiny rooms are caught by a short proof. */
	assert_true(agree > 40);
}

/* The exact method proves what no bound here does: 6 people at 2 tables of 3. */
static void
test_exact_impossible(void **state)
{
	struct rotate_person	pe[6];
	struct rotate_problem	p;
	struct rotate_report	rep;
	struct rotate_info	info;
	unsigned char		present[6] = { 1, 1, 1, 1, 1, 1 };
	int			table[12], i;
	long			ms;
	char			why[ROT_WHY_LEN];

	(void)state;
	if (!rotate_sat_available())
		skip();
	teams(pe, 6, 1);
	problem(&p, pe, 6, 2, 2, 0);
	for (i = 0; i < 12; i++)
		table[i] = -1;
	assert_int_equal(rotate_sat_plan(&p, 0, present, table, NULL, 5000,
	    &ms), 0);
	memset(&rep, 0, sizeof rep);
	rep.unavoidable = rotate_unavoidable_repeats(&p);
	rep.repeated_pairs = rep.repeat_meetings = 2;
	rep.max_meetings = 2;
	memset(&info, 0, sizeof info);
	info.exact = 0;
	info.exact_ms = 3;
	p.rounds = 2;
	rotate_report_explain(&p, &rep, &info, why, sizeof why);
	/* Here the round-1 bound speaks first; without it the solver would. */
	assert_non_null(strstr(why, "round 1"));
	teams(pe, 6, 1);
	problem(&p, pe, 6, 2, 1, 0);
	rep.unavoidable = 0;
	rotate_report_explain(&p, &rep, &info, why, sizeof why);
	assert_non_null(strstr(why, "An exhaustive search proved in 3 ms"));
	info.exact = -1;
	info.ms = 480;
	rotate_report_explain(&p, &rep, &info, why, sizeof why);
	assert_non_null(strstr(why, "ran out of time after 480 ms"));
}

/*
 * Re-planning during a café: two rounds played, then one person gone, and
 * one more arrived during round 2.  Rounds played stay as they were; the
 * rounds to come keep zero repeats and zero colleagues when the room allows
 * it (a no-show always does), and otherwise the report says why.
 */
static void
replan(int stay, int late, int *repeats, int *same_site, char *why)
{
	struct rotate_person	pe[43];
	struct rotate_problem	p, q;
	struct rotate_schedule	s, s2, tail;
	struct rotate_report	rep;
	struct rotate_info	info;
	char			err[128];
	int			r, i, n = 42 + late;

	teams(pe, 43, 6);
	problem(&p, pe, 42, 7, 5, stay);
	assert_int_equal(rotate_plan(&p, &s, err, sizeof err), 0);
	check_rules(&p, &s);
	pe[5].absent = 1;
	pe[42].late = late;
	problem(&q, pe, n, 7, 5, stay);
	q.frozen = 2;
	q.past = &s;
	assert_int_equal(rotate_plan_info(&q, &s2, &info, err, sizeof err), 0);
	check_rules(&q, &s2);
	for (r = 0; r < 2; r++)
		for (i = 0; i < 42; i++)
			assert_int_equal(s2.table[r * n + i], s.table[r * 42 + i]);
	if (late)
		assert_true(s2.table[1 * n + 42] >= 0);
	rotate_report_compute(&q, &s2, &rep);
	*repeats = rep.repeat_meetings;
	rotate_report_explain(&q, &rep, &info, why, ROT_WHY_LEN);
	/* Same-site seatings of the rounds to come alone. */
	assert_int_equal(rotate_schedule_init(&tail, n, 7, 3), 0);
	memcpy(tail.table, s2.table + 2 * n, sizeof *tail.table * 3 * (size_t)n);
	q.frozen = 0;
	q.rounds = 3;
	rotate_report_compute(&q, &tail, &rep);
	*same_site = rep.same_site;
	rotate_schedule_free(&tail);
	rotate_schedule_free(&s);
	rotate_schedule_free(&s2);
}

/*
 * A tight plan (13 sites of 8 at 13 tables, 6 rounds, hosts staying: from
 * a net) has no seat to spare in the rounds to come, but two people leave,
 * of the first and second sites, and a colleague of the first arrives
 * during round 2 (a common swap): the late arrival takes over the seats of
 * the one who left, and the plan stays perfect (it had 3 repeats before).
 */
static void
test_replan_late_net(void **state)
{
	struct rotate_person	pe[105];
	struct rotate_problem	p, q;
	struct rotate_schedule	s, s2;
	struct rotate_report	rep;
	char			err[128];
	int			r, i;

	(void)state;
	teams(pe, 105, 8);
	pe[104].site = 0;
	problem(&p, pe, 104, 13, 6, 1);
	assert_int_equal(rotate_plan(&p, &s, err, sizeof err), 0);
	rotate_report_compute(&p, &s, &rep);
	assert_int_equal(rep.repeat_meetings + rep.same_site, 0);
	pe[3].absent = pe[10].absent = 1;
	pe[104].late = 1;
	problem(&q, pe, 105, 13, 6, 1);
	q.frozen = 2;
	q.past = &s;
	assert_int_equal(rotate_plan(&q, &s2, err, sizeof err), 0);
	check_rules(&q, &s2);
	for (r = 0; r < 2; r++)
		for (i = 0; i < 104; i++)
			if (i != 104)
				assert_int_equal(s2.table[r * 105 + i],
				    s.table[r * 104 + i]);
	assert_true(s2.table[1 * 105 + 104] >= 0);
	rotate_report_compute(&q, &s2, &rep);
	assert_int_equal(rep.repeat_meetings, 0);
	assert_int_equal(rep.same_site, 0);
	rotate_schedule_free(&s);
	rotate_schedule_free(&s2);
}

static void
test_replan_mix(void **state)
{
	char	why[ROT_WHY_LEN];
	int	stay, rep, site;

	(void)state;
	for (stay = 0; stay < 2; stay++) {
		replan(stay, 0, &rep, &site, why);
		assert_int_equal(rep, 0);
		assert_int_equal(site, 0);
		replan(stay, 1, &rep, &site, why);
		if (rep != 0 || site != 0)
			assert_true(strstr(why, "An exhaustive search proved") ||
			    strstr(why, "ran out of time after"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_teams),
		cmocka_unit_test(test_twelve_tables),
		cmocka_unit_test(test_ten_tables),
		cmocka_unit_test(test_mixed_sizes),
		cmocka_unit_test(test_proofs),
		cmocka_unit_test(test_proof_pairs),
		cmocka_unit_test(test_proofs_sound),
		cmocka_unit_test(test_exact_impossible),
		cmocka_unit_test(test_replan_mix),
		cmocka_unit_test(test_replan_late_net),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
