/* rotate-plan.h: the planner's context, shared by rotate.c (the plan's
 * course: construction, search, exact rounds) and rotate-greedy.c (hosts,
 * weights and the greedy rounds every method starts from). */
#ifndef CONVENE_ROTATE_PLAN_H
#define CONVENE_ROTATE_PLAN_H

#include <stdint.h>
#include <time.h>

#include "rotate.h"

/*
 * Planning context.  Invariants while planning: out->table holds every round
 * in [0, from) exactly as the caller's past (plus late joiners), and in rounds
 * [from, R) exactly the present people, table sizes differing by at most one;
 * host_of[t] (hosts=stay) is present and sits at t in every planned round;
 * meet[] counts shared rounds of out->table.
 */
#define EPISODES	4

struct plan {
	const struct rotate_problem	*p;
	struct rotate_schedule		*out;
	int				 n, T, R, from;
	int				 npresent;
	int				*host_of;	/* [T] stay host of t, or -1 */
	unsigned char			*present;	/* [n] seated from round from */
	int				*weight;	/* [n * n] */
	unsigned char			*meet;		/* [n * n] */
	unsigned char			*fixed;		/* [R * n] */
	uint64_t			 rng;
	struct timespec			 t0;		/* when planning began */
	struct rotate_info		*info;		/* what the planner did */
};

/* rotate-greedy.c */
void	rotate_shuffle(int *v, int n, uint64_t *rng);
void	rotate_meet_round(struct plan *pl, int r, int d);
void	rotate_choose_hosts(struct plan *pl);
void	rotate_build_weights(struct plan *pl);
void	rotate_greedy_round(struct plan *pl, int r);
int	rotate_seed_from_past(struct plan *pl);

/* rotate-late.c: after seeding from the past, late arrivals take over the
 * seats of people who left where that keeps them clean; 1 when all are. */
int	rotate_place_late(struct plan *pl);

#endif
