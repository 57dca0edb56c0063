/* cmd-rotate.c: `convene rotate`: plan a café rotation and print cards, CSV or JSON. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rotate.h"
#include "usage.h"

enum format { FMT_TEXT, FMT_CSV, FMT_JSON };

/*
 * Everything the command prints comes from here: names and sites are either
 * the roster's (already cleaned) or generated P1..PN with no site.
 */
struct room {
	int			 n;
	char			(*name)[ROSTER_FIELD + 1];
	char			(*site)[ROSTER_FIELD + 1];
	char			**site_names;	/* [site id], the roster's */
	int			  nsites;
	struct rotate_person	*people;
	struct rotate_pair	*avoid;
	int			 navoid;
};

static int
usage(const char *why)
{
	if (why != NULL)
		fprintf(stderr, "convene rotate: %s\n", why);
	return usage_error("rotate");
}

static int
parse_int(const char *s, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0)
		return -1;
	if (v < lo || v > hi)
		return 1;
	*out = v;
	return 0;
}

/* A name from the roster, or P<k> for the k-th person. */
static int
resolve(const struct room *rm, const char *who)
{
	long	k;
	int	i;

	for (i = 0; i < rm->n; i++)
		if (strcmp(rm->name[i], who) == 0)
			return i;
	if ((who[0] == 'P' || who[0] == 'p') &&
	    parse_int(who + 1, 1, rm->n, &k) == 0)
		return (int)k - 1;
	return -1;
}

static void
room_free(struct room *rm)
{
	free(rm->name);
	free(rm->site);
	for (int i = 0; i < rm->nsites; i++)
		free(rm->site_names[i]);
	free(rm->site_names);
	free(rm->people);
	free(rm->avoid);
	memset(rm, 0, sizeof *rm);
}

static int
room_alloc(struct room *rm, int n, int navoid)
{
	rm->n = n;
	rm->name = calloc((size_t)n, sizeof *rm->name);
	rm->site = calloc((size_t)n, sizeof *rm->site);
	rm->people = calloc((size_t)n, sizeof *rm->people);
	rm->avoid = calloc((size_t)navoid + 1, sizeof *rm->avoid);
	return rm->name && rm->site && rm->people && rm->avoid ? 0 : -1;
}

/* Members of one table, host first, in roster order. */
static int
members(const struct rotate_schedule *s, int r, int t, int *out)
{
	int	i, k = 0, h = s->host[r * s->tables + t];

	if (h >= 0)
		out[k++] = h;
	for (i = 0; i < s->npeople; i++)
		if (s->table[r * s->npeople + i] == t && i != h)
			out[k++] = i;
	return k;
}

static void
print_report(FILE *f, const struct rotate_report *rep, const char *why)
{
	fprintf(f, "Report\n");
	fprintf(f, "  repeated pairs:           %d\n", rep->repeated_pairs);
	fprintf(f, "  most meetings of a pair:  %d\n", rep->max_meetings);
	fprintf(f, "  same-site seatings:       %d\n", rep->same_site);
	if (rep->forbidden > 0)
		fprintf(f, "  pairs kept apart broken:  %d\n", rep->forbidden);
	fprintf(f, "  new people met:           min %d, mean %.1f\n",
	    rep->new_min, rep->new_mean);
	fprintf(f, "  table revisits:           %d\n", rep->table_revisits);
	fprintf(f, "  %s\n", why);
}

static void
print_text(const struct room *rm, const struct rotate_problem *p,
    const struct rotate_schedule *s, const struct rotate_report *rep,
    const char *why, int *buf)
{
	int	r, t, k, m;

	printf("World café: %d people, %d tables, %d rounds (hosts %s%s, "
	    "seed %" PRIu64 ")\n", rm->n, p->tables, p->rounds,
	    p->hosts == ROT_HOSTS_STAY ? "stay" : "move",
	    p->mix == ROT_MIX_SITE ? ", sites mixed" : "", p->seed);
	for (r = 0; r < s->rounds; r++) {
		printf("\nRound %d\n", r + 1);
		for (t = 0; t < s->tables; t++) {
			int h = s->host[r * s->tables + t];

			printf("  Table %d", t + 1);
			if (h >= 0)
				printf(" (host: %s)", rm->name[h]);
			printf("\n");
			m = members(s, r, t, buf);
			for (k = 0; k < m; k++) {
				printf("    %s", rm->name[buf[k]]);
				if (rm->site[buf[k]][0] != '\0')
					printf(" (%s)", rm->site[buf[k]]);
				printf("\n");
			}
		}
	}
	printf("\n");
	print_report(stdout, rep, why);
}

/* RFC 4180 cell; text a spreadsheet would run as a formula gets a leading '. */
static void
csv_cell(const char *v)
{
	const char	*c;
	int		 quote = strpbrk(v, ",\"\r\n") != NULL;

	if (quote)
		putchar('"');
	if (strchr("=+-@\t\r", v[0]) != NULL && v[0] != '\0')
		putchar('\'');
	for (c = v; *c != '\0'; c++) {
		if (*c == '"')
			putchar('"');
		putchar(*c);
	}
	if (quote)
		putchar('"');
}

static void
print_csv(const struct room *rm, const struct rotate_schedule *s, int *buf)
{
	int	r, t, k, m;

	printf("round,table,name,site,host\n");
	for (r = 0; r < s->rounds; r++)
		for (t = 0; t < s->tables; t++) {
			m = members(s, r, t, buf);
			for (k = 0; k < m; k++) {
				printf("%d,%d,", r + 1, t + 1);
				csv_cell(rm->name[buf[k]]);
				putchar(',');
				csv_cell(rm->site[buf[k]]);
				printf(",%d\n", buf[k] ==
				    s->host[r * s->tables + t]);
			}
		}
}

/* JSON is built by SQLite's JSON functions, never by hand (a project rule). */
static int
print_json(const struct room *rm, const struct rotate_problem *p,
    const struct rotate_schedule *s, const struct rotate_report *rep,
    const char *why, int *buf)
{
	static const char *q =
	    "SELECT json_object('format', 1, 'people', ?1, 'tables', ?2,"
	    " 'rounds', ?3, 'hosts', ?4, 'mix', ?5, 'seed', ?6,"
	    " 'seats', (SELECT json_group_array(json_object('round', rnd,"
	    "   'table', tbl, 'name', name, 'site', nullif(site, ''),"
	    "   'host', json(CASE WHEN host THEN 'true' ELSE 'false' END)))"
	    "   FROM (SELECT * FROM seat ORDER BY ord)),"
	    " 'report', json_object('repeated_pairs', ?7,"
	    "   'repeat_meetings', ?8, 'max_meetings', ?9, 'same_site', ?10,"
	    "   'forbidden', ?11, 'new_people_min', ?12,"
	    "   'new_people_mean', round(?13, 2), 'table_revisits', ?14,"
	    "   'size_spread', ?15, 'unavoidable_repeats', ?16, 'why', ?17))";
	sqlite3		*db = NULL;
	sqlite3_stmt	*ins = NULL, *sel = NULL;
	int		 r, t, k, m, ord = 0, rc = 1;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE TABLE seat(ord INTEGER, rnd INTEGER,"
	    " tbl INTEGER, name TEXT, site TEXT, host INTEGER)", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO seat VALUES(?,?,?,?,?,?)", -1,
	    &ins, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	for (r = 0; r < s->rounds; r++)
		for (t = 0; t < s->tables; t++) {
			m = members(s, r, t, buf);
			for (k = 0; k < m; k++) {
				sqlite3_bind_int(ins, 1, ord++);
				sqlite3_bind_int(ins, 2, r + 1);
				sqlite3_bind_int(ins, 3, t + 1);
				sqlite3_bind_text(ins, 4, rm->name[buf[k]], -1,
				    SQLITE_STATIC);
				sqlite3_bind_text(ins, 5, rm->site[buf[k]], -1,
				    SQLITE_STATIC);
				sqlite3_bind_int(ins, 6, buf[k] ==
				    s->host[r * s->tables + t]);
				if (sqlite3_step(ins) != SQLITE_DONE)
					goto out;
				sqlite3_reset(ins);
			}
		}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, q, -1, &sel, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int(sel, 1, rm->n);
	sqlite3_bind_int(sel, 2, p->tables);
	sqlite3_bind_int(sel, 3, p->rounds);
	sqlite3_bind_text(sel, 4, p->hosts == ROT_HOSTS_STAY ? "stay" : "move",
	    -1, SQLITE_STATIC);
	sqlite3_bind_text(sel, 5, p->mix == ROT_MIX_SITE ? "site" : "none",
	    -1, SQLITE_STATIC);
	sqlite3_bind_int64(sel, 6, (sqlite3_int64)p->seed);
	sqlite3_bind_int(sel, 7, rep->repeated_pairs);
	sqlite3_bind_int(sel, 8, rep->repeat_meetings);
	sqlite3_bind_int(sel, 9, rep->max_meetings);
	sqlite3_bind_int(sel, 10, rep->same_site);
	sqlite3_bind_int(sel, 11, rep->forbidden);
	sqlite3_bind_int(sel, 12, rep->new_min);
	sqlite3_bind_double(sel, 13, rep->new_mean);
	sqlite3_bind_int(sel, 14, rep->table_revisits);
	sqlite3_bind_int(sel, 15, rep->size_spread);
	sqlite3_bind_int(sel, 16, rep->unavoidable);
	sqlite3_bind_text(sel, 17, why, -1, SQLITE_STATIC);
	if (sqlite3_step(sel) != SQLITE_ROW)
		goto out;
	printf("%s\n", (const char *)sqlite3_column_text(sel, 0));
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "convene rotate: json: %s\n",
		    db ? sqlite3_errmsg(db) : "cannot open SQLite");
	sqlite3_finalize(ins);
	sqlite3_finalize(sel);
	sqlite3_close(db);
	return rc;
}

struct args {
	long		 people, tables, rounds, effort;
	const char	*roster;
	enum rotate_hosts hosts;
	enum rotate_mix	 mix;
	uint64_t	 seed;
	enum format	 format;
	const char	**avoid;
	int		 navoid;
};

static int
parse_args(int argc, char **argv, struct args *a)
{
	int	i;

	for (i = 1; i < argc; i++) {
		const char	*opt = argv[i], *val;
		char		 key[32];
		const char	*eq = strchr(opt, '=');
		long		 v;

		if (strncmp(opt, "--", 2) != 0)
			return usage("unexpected argument");
		if (eq != NULL) {
			if ((size_t)(eq - opt) >= sizeof key)
				return usage("unknown option");
			memcpy(key, opt, (size_t)(eq - opt));
			key[eq - opt] = '\0';
			val = eq + 1;
		} else {
			if (strlen(opt) >= sizeof key || i + 1 >= argc)
				return usage(strlen(opt) >= sizeof key ?
				    "unknown option" : "option needs a value");
			snprintf(key, sizeof key, "%s", opt);
			val = argv[++i];
		}
		if (strcmp(key, "--people") == 0 ||
		    strcmp(key, "--tables") == 0 ||
		    strcmp(key, "--rounds") == 0) {
			long hi = key[2] == 'r' ? ROT_MAX_ROUNDS : ROT_MAX_PEOPLE;
			int pr;

			pr = parse_int(val, 1, hi, &v);
			if (pr < 0)
				return usage("--people, --tables and --rounds "
				    "take a number");
			if (pr > 0) {
				fprintf(stderr, "convene rotate: %s must be "
				    "between 1 and %ld\n", key, hi);
				return 1;
			}
			*(key[2] == 'p' ? &a->people : key[2] == 't' ?
			    &a->tables : &a->rounds) = v;
		} else if (strcmp(key, "--roster") == 0)
			a->roster = val;
		else if (strcmp(key, "--hosts") == 0) {
			if (strcmp(val, "stay") != 0 && strcmp(val, "move") != 0)
				return usage("--hosts is stay or move");
			a->hosts = val[0] == 's' ? ROT_HOSTS_STAY : ROT_HOSTS_MOVE;
		} else if (strcmp(key, "--mix") == 0) {
			if (strcmp(val, "site") != 0 && strcmp(val, "none") != 0)
				return usage("--mix is site or none");
			a->mix = val[0] == 's' ? ROT_MIX_SITE : ROT_MIX_NONE;
		} else if (strcmp(key, "--seed") == 0) {
			char *end;

			errno = 0;
			a->seed = strtoull(val, &end, 10);
			if (val[0] < '0' || val[0] > '9' || *end != '\0' ||
			    errno != 0 || a->seed > INT64_MAX)
				return usage("--seed takes a whole number");
		} else if (strcmp(key, "--format") == 0) {
			if (strcmp(val, "text") == 0)
				a->format = FMT_TEXT;
			else if (strcmp(val, "csv") == 0)
				a->format = FMT_CSV;
			else if (strcmp(val, "json") == 0)
				a->format = FMT_JSON;
			else
				return usage("--format is text, csv or json");
		} else if (strcmp(key, "--effort") == 0) {
			if (parse_int(val, 1, 1000, &a->effort) != 0)
				return usage("--effort is a number from 1 to "
				    "1000 (times the default search)");
		} else if (strcmp(key, "--avoid") == 0)
			a->avoid[a->navoid++] = val;
		else
			return usage("unknown option");
	}
	if ((a->people > 0) == (a->roster != NULL))
		return usage("give --people N or --roster CSV");
	if (a->tables == 0 || a->rounds == 0)
		return usage("--tables and --rounds are required");
	return 0;
}

static int
build_room(const struct args *a, struct room *rm)
{
	struct roster	ro;
	int		i, n;

	if (a->roster != NULL) {
		char err[256];

		if (roster_load(a->roster, &ro, err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		n = ro.n;
	} else {
		memset(&ro, 0, sizeof ro);
		n = (int)a->people;
	}
	if (room_alloc(rm, n, a->navoid) != 0) {
		roster_free(&ro);
		fprintf(stderr, "convene rotate: out of memory\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		rm->people[i].site = -1;
		if (a->roster != NULL) {
			memcpy(rm->name[i], ro.people[i].name, sizeof rm->name[i]);
			memcpy(rm->site[i], ro.people[i].site, sizeof rm->site[i]);
			rm->people[i].site = ro.people[i].site_id;
			rm->people[i].host = ro.people[i].host;
		} else
			snprintf(rm->name[i], sizeof rm->name[i], "P%d", i + 1);
	}
	if (a->roster != NULL && ro.nsites > 0) {
		rm->site_names = calloc((size_t)ro.nsites, sizeof *rm->site_names);
		for (i = 0; rm->site_names != NULL && i < ro.nsites; i++)
			if ((rm->site_names[i] = strdup(ro.sites[i])) != NULL)
				rm->nsites = i + 1;
	}
	roster_free(&ro);
	for (i = 0; i < a->navoid; i++) {
		char		pair[2 * ROSTER_FIELD + 2];
		char		*comma;
		int		 x, y;

		snprintf(pair, sizeof pair, "%s", a->avoid[i]);
		comma = strchr(pair, ',');
		if (comma == NULL) {
			fprintf(stderr, "convene rotate: --avoid %s: give two "
			    "people as A,B\n", a->avoid[i]);
			return 1;
		}
		*comma = '\0';
		x = resolve(rm, pair);
		y = resolve(rm, comma + 1);
		if (x < 0 || y < 0 || x == y) {
			fprintf(stderr, "convene rotate: --avoid %s: %s\n",
			    a->avoid[i], x == y && x >= 0 ? "same person twice" :
			    "nobody by that name");
			return 1;
		}
		rm->avoid[rm->navoid].a = x;
		rm->avoid[rm->navoid++].b = y;
	}
	return 0;
}

int
cmd_rotate(int argc, char **argv)
{
	struct args		a;
	struct room		rm;
	struct rotate_problem	p;
	struct rotate_schedule	s;
	struct rotate_report	rep;
	struct rotate_info	info;
	char			why[ROT_WHY_LEN], err[256];
	int			rc, i, hosts = 0, *buf = NULL;

	for (int i = 1; i < argc; i++)
		if (usage_asked(argv[i]))
			return usage_help("rotate");
	memset(&a, 0, sizeof a);
	memset(&rm, 0, sizeof rm);
	a.seed = 1;
	a.avoid = calloc((size_t)argc + 1, sizeof *a.avoid);
	if (a.avoid == NULL)
		return 1;
	rc = parse_args(argc, argv, &a);
	if (rc == 0)
		rc = build_room(&a, &rm);
	if (rc != 0)
		goto out;
	if (a.tables > rm.n) {
		fprintf(stderr, "convene rotate: %ld tables for %d people "
		    "leaves tables empty\n", a.tables, rm.n);
		rc = 1;
		goto out;
	}
	memset(&p, 0, sizeof p);
	p.npeople = rm.n;
	p.people = rm.people;
	p.tables = (int)a.tables;
	p.rounds = (int)a.rounds;
	p.hosts = a.hosts;
	p.mix = a.mix;
	p.avoid = rm.avoid;
	p.navoid = rm.navoid;
	p.seed = a.seed;
	p.effort = a.effort > 0 ? a.effort * ROT_EFFORT : 0;
	p.site_names = (const char *const *)rm.site_names;
	p.nsite_names = rm.nsites;
	for (i = 0; i < rm.n; i++)
		hosts += rm.people[i].host;
	if (a.hosts == ROT_HOSTS_STAY && hosts > p.tables)
		fprintf(stderr, "convene rotate: %d people are marked host "
		    "but there are %d tables; the others travel\n", hosts,
		    p.tables);
	if (rotate_plan_info(&p, &s, &info, err, sizeof err) != 0) {
		fprintf(stderr, "convene rotate: %s\n", err);
		rc = 1;
		goto out;
	}
	rotate_report_compute(&p, &s, &rep);
	rotate_report_explain(&p, &rep, &info, why, sizeof why);
	buf = malloc(sizeof *buf * ((size_t)rm.n + 1));
	if (buf == NULL)
		rc = 1;
	else if (a.format == FMT_TEXT)
		print_text(&rm, &p, &s, &rep, why, buf);
	else if (a.format == FMT_CSV) {
		print_csv(&rm, &s, buf);
		print_report(stderr, &rep, why);
	} else
		rc = print_json(&rm, &p, &s, &rep, why, buf);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "convene rotate: cannot write output\n");
		rc = 1;
	}
	rotate_schedule_free(&s);
out:
	free(buf);
	free(a.avoid);
	room_free(&rm);
	return rc;
}
