/* cmd-measures.c: `convene measures import|list`: the sites' run-chart data. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measures.h"
#include "usage.h"

static int
usage(const char *why, const char *arg)
{
	if (why != NULL)
		fprintf(stderr, "convene measures: %s%s%s%s\n", why,
		    arg != NULL ? " \"" : "", arg != NULL ? arg : "",
		    arg != NULL ? "\"" : "");
	return usage_error("measures");
}

/* `--name VALUE` or `--name=VALUE`: its value, or NULL. */
static const char *
option(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

struct listing {
	struct store *st;
	int rows;
	int failed;
	char err[512];
};

/* Text from the database on a terminal: no control bytes. */
static void
put(const char *s, size_t cap)
{
	char buf[512];

	util_strlcpy(buf, s != NULL ? s : "", cap < sizeof buf ? cap :
	    sizeof buf);
	util_sanitize(buf, sizeof buf);
	fputs(buf, stdout);
}

/* One series: its line, then its signals in words, indented. */
static int
list_one(void *arg, const struct measure_key *k)
{
	struct listing *l = arg;
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	struct measure_series *s = malloc(sizeof *s);
	int n;

	if (s == NULL || measures_load(l->st, k->collaborative, k->site,
	    k->measure, s, l->err, sizeof l->err) != 0) {
		if (s == NULL)
			snprintf(l->err, sizeof l->err, "out of memory");
		free(s);
		l->failed = 1;
		return 1;
	}
	if (l->rows++ == 0)
		printf("COLLABORATIVE\tMEASURE\tSITE\tPOINTS\tFROM\tTO\t"
		    "MEDIAN\n");
	put(k->collaborative, 512);
	putchar('\t');
	put(k->measure, 512);
	putchar('\t');
	put(k->site, 512);
	printf("\t%d\t%s\t%s\t%g\n", k->points, k->first, k->last, s->median);
	n = runchart_signals(s, sig, MEASURE_SIGNALS_MAX);
	for (int i = 0; i < n; i++)
		printf("\t%s\n", sig[i].text);
	free(s);
	return 0;
}

static int
list(struct store *st, const char *db, const char *collab)
{
	struct listing l = { st, 0, 0, "" };

	if (measures_each(st, collab, list_one, &l, l.err, sizeof l.err) != 0
	    || l.failed) {
		fprintf(stderr, "convene measures: %s: %s\n", db, l.err);
		return EXIT_UNREACHABLE;
	}
	if (l.rows == 0) {
		if (collab != NULL) {
			printf("no measures of \"");
			put(collab, 512);
			printf("\" in %s\n", db);
		} else
			printf("no measures yet in %s\n", db);
	}
	return EXIT_OK;
}

int
cmd_measures(int argc, char **argv)
{
	const char *db = NULL, *collab = NULL, *file = NULL, *v, *sub;
	char dbpath[4096], err[4200];
	struct store *st;
	int missing = 0, rc;

	if (argc < 2)
		return usage("import or list?", NULL);
	sub = argv[1];
	if (usage_asked(sub))
		return usage_help("measures");
	if (strcmp(sub, "import") != 0 && strcmp(sub, "list") != 0)
		return usage("unknown subcommand", sub);
	for (int i = 2; i < argc; i++) {
		if (usage_asked(argv[i]))
			return usage_help("measures");
		if ((v = option(argc, argv, &i, "--db", &missing)) != NULL)
			db = v;
		else if ((v = option(argc, argv, &i, "--collaborative",
		    &missing)) != NULL)
			collab = v;
		else if (missing)
			return usage("missing value after", argv[i]);
		else if (strcmp(sub, "import") == 0 && file == NULL &&
		    strncmp(argv[i], "--", 2) != 0)
			file = argv[i];
		else
			return usage("unexpected argument", argv[i]);
	}
	if (strcmp(sub, "import") == 0 && (collab == NULL || file == NULL))
		return usage(collab == NULL ? "import needs --collaborative "
		    "NAME" : "import needs the CSV file", NULL);
	if (db == NULL) {
		util_default_db(dbpath, sizeof dbpath);
		db = dbpath;
	}
	/* Listing never creates a database; importing before the day may. */
	if (strcmp(sub, "list") == 0 && access(db, F_OK) != 0) {
		fprintf(stderr, "convene measures: %s: %s\n", db,
		    strerror(errno));
		return EXIT_UNREACHABLE;
	}
	if (strcmp(sub, "import") == 0 && access(file, R_OK) != 0) {
		fprintf(stderr, "convene measures: %s: %s\n", file,
		    strerror(errno));
		return EXIT_BADINPUT;
	}
	if (store_open(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "convene measures: %s\n", err);
		return EXIT_UNREACHABLE;
	}
	if (strcmp(sub, "list") == 0) {
		rc = list(st, db, collab);
		store_close(st);
		return rc;
	}
	if (measures_import(st, collab, file, err, sizeof err) != 0) {
		/* A mistake in the file says FILE:LINE: message, alone on
		 * its line as convene check's are, for editors to jump to. */
		if (strncmp(err, file, strlen(file)) == 0 &&
		    err[strlen(file)] == ':')
			fprintf(stderr, "%s\n", err);
		else
			fprintf(stderr, "convene measures: %s\n", err);
		store_close(st);
		return EXIT_BADINPUT;
	}
	printf("imported %s into \"", file);
	put(collab, 512);
	printf("\" in %s\n", db);
	rc = list(st, db, collab);
	store_close(st);
	return rc;
}
