/* rotate.h: world-café rotation engine (the Social Golfer Problem with real-room rules). */
#ifndef CONVENE_ROTATE_H
#define CONVENE_ROTATE_H

#include <stddef.h>
#include <stdint.h>

#define ROT_MAX_PEOPLE	2000
#define ROT_MAX_ROUNDS	100
#define ROT_WHY_LEN	1024

enum rotate_hosts {
	ROT_HOSTS_MOVE,		/* hosts travel like everyone; flagged hosts kept apart */
	ROT_HOSTS_STAY		/* one host per table who never leaves it */
};

enum rotate_mix {
	ROT_MIX_NONE,
	ROT_MIX_SITE		/* keep people of one site at different tables */
};

struct rotate_person {
	int	site;		/* site id >= 0, or -1 when unknown */
	int	host;		/* asked to host a table */
	int	absent;		/* re-planning: gone, seated in no future round */
	int	late;		/* re-planning: arrived during the last frozen round */
};

struct rotate_pair {
	int	a, b;		/* person indexes that must never share a table */
};

/*
 * A schedule.  Invariants: table[r * npeople + i] is in [-1, tables), -1 meaning
 * "not seated in round r" (absent, or not yet arrived); host[r * tables + t] is -1
 * or a person seated at table t in round r, and a person hosts at most one table
 * per round.  The engine only ever writes schedules whose table sizes within a
 * round differ by at most one among the rounds it planned.
 */
struct rotate_schedule {
	int	 npeople;
	int	 tables;
	int	 rounds;
	int	*table;		/* [round * npeople + person] */
	int	*host;		/* [round * tables + table] */
};

/*
 * What to plan.  people[] and avoid[] are borrowed.  With frozen > 0, rounds
 * [0, frozen) are copied from past (which must have the same npeople and tables,
 * and at least frozen rounds); people flagged late are added to the smallest
 * tables of round frozen - 1; the remaining rounds are planned afresh around
 * everything that already happened.
 */
struct rotate_problem {
	int				 npeople;
	const struct rotate_person	*people;
	int				 tables;
	int				 rounds;
	enum rotate_hosts		 hosts;
	enum rotate_mix			 mix;
	const struct rotate_pair	*avoid;
	int				 navoid;
	uint64_t			 seed;
	int				 frozen;
	const struct rotate_schedule	*past;
	long				 effort;	/* search budget, 0 = default */
	int				 time_ms;	/* wall-clock cap, 0 = none */
	const char * const		*site_names;	/* [site id] for the report, or NULL */
	int				 nsite_names;
	int				 no_exact;	/* search only (benchmarks) */
};

/* Every figure is recomputed from a schedule; nothing is trusted from the planner. */
struct rotate_report {
	int	repeated_pairs;	/* pairs who share a table in two or more rounds */
	int	repeat_meetings;/* sum over pairs of (meetings - 1) when positive */
	int	max_meetings;	/* most rounds any one pair shared a table */
	int	same_site;	/* co-seatings of two people of one site, over rounds */
	int	forbidden;	/* co-seatings of a pair that must stay apart */
	int	new_min;	/* fewest distinct people met by a seated person */
	double	new_mean;	/* mean distinct people met per seated person */
	int	table_revisits;	/* times someone sits at a table they sat at before */
	int	size_spread;	/* largest (biggest - smallest table) in any round */
	int	host_moves;	/* hosts=stay: times a host was away from their table */
	int	unavoidable;	/* lower bound on repeat_meetings for this request */
	int	site_unavoidable; /* lower bound on same_site */
};

/*
 * What the planner did, for the report's words: only what a schedule cannot
 * tell.  exact is ROT_EXACT_NOT_RUN, or rotate_sat_solve's answer: 1 a
 * perfect plan found, 0 proven that none exists, -1 ran out of time.
 */
#define ROT_EXACT_NOT_RUN	(-2)
struct rotate_info {
	long	ms;		/* planning took this long */
	int	exact;
	long	exact_ms;	/* time in the exact method */
	int	short_of_bounds;/* the plan has more repeats or same-site
				   seatings than the proven lower bounds */
};

/* rotate.c */
int	rotate_schedule_init(struct rotate_schedule *, int npeople, int tables,
	    int rounds);
void	rotate_schedule_free(struct rotate_schedule *);
int	rotate_plan(const struct rotate_problem *, struct rotate_schedule *,
	    char *err, size_t errlen);
int	rotate_plan_info(const struct rotate_problem *,
	    struct rotate_schedule *, struct rotate_info *, char *err,
	    size_t errlen);
int	rotate_seat_late(const struct rotate_problem *, struct rotate_schedule *,
	    int round, int person);
int	rotate_table_size(const struct rotate_schedule *, int round, int table);

/* rotate-report.c */
void	rotate_report_compute(const struct rotate_problem *,
	    const struct rotate_schedule *, struct rotate_report *);
int	rotate_unavoidable_repeats(const struct rotate_problem *);
int	rotate_unavoidable_same_site(const struct rotate_problem *);
size_t	rotate_report_why(const struct rotate_problem *,
	    const struct rotate_report *, char *buf, size_t len);
size_t	rotate_report_explain(const struct rotate_problem *,
	    const struct rotate_report *, const struct rotate_info *,
	    char *buf, size_t len);
int	rotate_best_known(int seats, int tables);

/* rotate-proof.c: 1 and a sentence in why (may be NULL) when a counting or
 * pigeonhole argument proves that no plan has zero repeats and (--mix
 * site) zero same-site seatings; 0 when none applies. */
int	rotate_proof(const struct rotate_problem *, char *why, size_t len);

/* roster.c */
#define ROSTER_FIELD	64	/* bytes kept of a name, site or role */

struct roster_entry {
	char	name[ROSTER_FIELD + 1];
	char	site[ROSTER_FIELD + 1];
	char	role[ROSTER_FIELD + 1];
	int	site_id;	/* index into roster sites, -1 when the site is empty */
	int	host;
	int	line;		/* where the record started, for messages */
};

struct roster {
	struct roster_entry	 *people;
	int			  n;
	char			(*sites)[ROSTER_FIELD + 1];
	int			  nsites;
};

int	roster_parse(const char *buf, size_t len, const char *filename,
	    struct roster *out, char *err, size_t errlen);
int	roster_load(const char *path, struct roster *out, char *err,
	    size_t errlen);
void	roster_free(struct roster *);
int	roster_find(const struct roster *, const char *name);

/* cmd-rotate.c */
int	cmd_rotate(int argc, char **argv);

/*
 * Engine internals shared by rotate.c, rotate-construct.c, rotate-cyclic.c
 * and rotate-search.c.
 * Not for callers outside the engine.
 */
/* rotate-construct.c */
#define ROT_CYCLIC_MAX	160	/* cyclic rounds only for rooms up to this size */
int	rotate_construct(int tables, int seats, int rounds, int hosts_stay,
	    int dummies, long effort, int time_ms, int *columns_apart,
	    int **out);

int	rotate_construct_rows(int tables, int seats, int rounds, int **out);

/* rotate-net.c: the first R rounds into table[], R from rounds down to
 * fewest, when every site (and the empty seats) packs onto a spare line of
 * a net of order tables: AG(2, q), five orthogonal Latin squares of order
 * 12 or two of order 10; returns R, or 0. */
int	rotate_net_plan(const struct rotate_problem *, const unsigned char *present,
	    int npresent, int *host_of, int *table, int rounds, int fewest);
int	rotate_net_dm12(int row, int col);	/* the difference matrix, for tests */
int	rotate_net_group12(int a, int b);	/* Z2 x Z6, a * 6 + b */
int	rotate_net_ls10(int k, int row, int col); /* the two squares of order 10 */

/* rotate-rows.c: all p->rounds from a net, or from a construction of one
 * round more whose first round holds each site within one table; else the
 * most rounds a net gives (the rest are left to the caller); 0 for none. */
int	rotate_rows_plan(const struct rotate_problem *, const unsigned char *present,
	    int npresent, int *host_of, int *table);

/* rotate-cyclic.c: fills out (rounds * tables * seats) and returns 1, or
 * 0 when no shape of cyclic rounds was found in the effort and time. */
int	rotate_cyclic(int tables, int seats, int rounds, int hosts_stay,
	    int dummies, long effort, int time_ms, int *out);

/* rotate-designs.c */
struct rotate_design {
	int		 tables, seats, rounds;
	const char	*table;	/* digit per point per round: its table */
};
extern const struct rotate_design rotate_designs[];
extern const size_t rotate_ndesigns;
extern const struct rotate_design rotate_stay_designs[];	/* column 0 stays */
extern const size_t rotate_nstay_designs;

/* rotate-search.c */
struct rotate_search {
	int		 n, tables, rounds;
	int		 from;		/* rounds before this one never change */
	int		*table;		/* [r * n + i], -1 = not seated */
	const unsigned char *fixed;	/* [r * n + i] nonzero: may not move */
	const int	*weight;	/* [i * n + j] cost of one co-seating */
	unsigned char	*meet;		/* [i * n + j] rounds shared so far */
	long long	 target;	/* stop once the cost is this low */
	long		 effort;
	int		 time_ms;
	uint64_t	 rng;
};

#define ROT_EFFORT	60000000L	/* default search budget, about 0.3 s */
#define ROT_W_REPEAT	10000LL		/* one pair meeting once more */
#define ROT_W_SITE	(ROT_W_REPEAT - 1) /* two of one site at a table, --mix site */
#define ROT_W_FORBID	1000000000	/* one co-seating of a forbidden pair */

long long rotate_search_run(struct rotate_search *);

/* rotate-sat.c: 1 found (table[] and host_of[] filled for rounds from on),
 * 0 proven impossible, -1 unknown (too big, out of time, no solver). */
#define ROT_SAT_MAX_CLAUSES	4000000L
#define ROT_SAT_MAX_PEOPLE	60	/* the issue: an exact method for rooms up to 60 */
#define ROT_SAT_MS		400	/* at the default effort, without a time limit */
struct rotate_sat {
	int			 n, T, R, from;
	const unsigned char	*present;	/* [n] seated in rounds from on */
	const unsigned char	*apart;		/* [n * n] never together again */
	const int		*order;		/* [n] a permutation, classes adjacent */
	const int		*cls;		/* [n] interchangeable class or -1 */
	int			*table;		/* [R * n] out, rounds from on */
	int			*host_of;	/* [T] stay: pinned or -1 (picked); NULL: move */
	long			 time_ms;	/* 0: none */
	long			 conflicts;	/* 0: none */
	long			 elapsed_ms;	/* out */
	int			 nvars;		/* out */
	long			 nclauses;	/* out */
};

int	rotate_sat_solve(struct rotate_sat *);
int	rotate_sat_available(void);
int	rotate_sat_plan(const struct rotate_problem *, int from,
	    const unsigned char *present, int *table, int *host_of,
	    long time_ms, long *elapsed_ms);
long long rotate_search_cost(const struct rotate_search *);
struct timespec;
long	rotate_ms_since(const struct timespec *);	/* CLOCK_MONOTONIC */
uint64_t rotate_rand(uint64_t *);
int	rotate_rand_below(uint64_t *, int);

#endif
