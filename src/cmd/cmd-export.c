/* cmd-export.c: `convene export` and `convene sessions`, both read-only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"

/*
 * `--name VALUE` or `--name=VALUE` at argv[*i]: its value, or NULL when
 * argv[*i] is another option.  A missing value sets *missing.
 */
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

/*
 * Open the database read-only: an export must never create, migrate or
 * lock out a database a host may be writing (WAL lets both run at once).
 * store_open() is not used because it creates and migrates.
 */
static int
open_readonly(const char *path, struct store **out, char *err, size_t errlen)
{
	struct store *st = calloc(1, sizeof *st);
	int v;

	*out = NULL;
	if (st == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, st->db ?
		    sqlite3_errmsg(st->db) : "cannot open");
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* The first read is where SQLite finds out a file is not a
	 * database; the store keeps no message for that case. */
	if ((v = store_schema_version(st)) < 0) {
		snprintf(err, errlen, "%s: %s", path, *store_error(st) ?
		    store_error(st) : sqlite3_errmsg(st->db));
		store_close(st);
		return -1;
	}
	if (v == 0) {
		snprintf(err, errlen, "%s: not a convene database", path);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

static int
has_suffix(const char *s, const char *dot, const char *ext)
{
	size_t n = strlen(s), d = strlen(dot), e = strlen(ext);

	return n > d + e && strcmp(s + n - e, ext) == 0 &&
	    strncmp(s + n - e - d, dot, d) == 0;
}

/* Run the writer over the chosen sessions, inside one read transaction
 * so every table comes from the same moment of a live session. */
static int
run_export(struct store *st, const char *db, const struct export_writer *w,
    const struct export_job *j, int to_dir)
{
	const struct export_opts *o = &j->o;
	const char *base = strrchr(db, '/') != NULL ? strrchr(db, '/') + 1 :
	    db;
	char err[512] = "";
	char *ids = NULL;
	FILE *f = NULL;
	int rc;

	if (store_exec(st, "BEGIN") != 0) {
		fprintf(stderr, "convene export: %s: %s\n", db,
		    store_error(st));
		return EXIT_UNREACHABLE;
	}
	rc = export_begin(st, base, err, sizeof err);
	if (rc == EXIT_OK)
		rc = export_select(st, j, &ids, err, sizeof err);
	if (rc != EXIT_OK) {
		fprintf(stderr, "convene export: %s: %s\n", db, err);
		store_exec(st, "ROLLBACK");
		return rc;
	}
	if (to_dir)
		f = NULL;
	else if (o->out == NULL || strcmp(o->out, "-") == 0)
		f = stdout;
	else if ((f = fopen(o->out, "w")) == NULL) {
		fprintf(stderr, "convene export: %s: %s\n", o->out,
		    strerror(errno));
		free(ids);
		store_exec(st, "ROLLBACK");
		return EXIT_BADINPUT;
	}
	rc = w->write(st, o, f, ids, err, sizeof err);
	export_progress_done(j);
	if (f != NULL) {
		int bad = ferror(f);

		if ((f == stdout ? fflush(f) : fclose(f)) != 0 || bad) {
			if (rc == EXIT_OK)
				snprintf(err, sizeof err, "%s: write failed",
				    f == stdout ? "stdout" : o->out);
			rc = rc != EXIT_OK ? rc : EXIT_BADINPUT;
		}
		/* Leave no half-written file that looks like an export. */
		if (f != stdout && rc != EXIT_OK)
			remove(o->out);
	}
	if (rc != EXIT_OK)
		fprintf(stderr, "convene export: %s\n", err);
	free(ids);
	store_exec(st, "COMMIT");
	return rc;
}

/* "--min-group N": a whole number from 1 to 1000. */
static int
parse_min_group(const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < 1 || n > 1000)
		return -1;
	*out = (int)n;
	return 0;
}

/* The format a path's extension asks for, or NULL. */
static const char *
format_of(const char *out)
{
	static const char *const exts[] = { "json", "md", "html", "csv" };

	if (out == NULL || strcmp(out, "-") == 0)
		return NULL;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (has_suffix(out, ".", exts[i]))
			return exts[i];
	return NULL;
}

int
cmd_export(int argc, char **argv)
{
	struct export_job j;
	const struct export_writer *w;
	const char *db = NULL, *format = NULL, *v;
	char dbpath[4096], names[64], err[4200];
	char **merge = NULL;
	struct store *st;
	int missing = 0, to_dir, rc, n_merge = 0;

	memset(&j, 0, sizeof j);
	j.min_group = EXPORT_MIN_GROUP;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") ==
		    0) {
			return usage_help("export");
		}
		if ((v = option(argc, argv, &i, "--db", &missing)) != NULL)
			db = v;
		else if ((v = option(argc, argv, &i, "--session", &missing)))
			j.o.session = v;
		else if ((v = option(argc, argv, &i, "--format", &missing)))
			format = v;
		else if ((v = option(argc, argv, &i, "--out", &missing)))
			j.o.out = v;
		else if ((v = option(argc, argv, &i, "--table", &missing)))
			j.o.table = v;
		else if ((v = option(argc, argv, &i, "--collaborative",
		    &missing)))
			j.collaborative = v;
		else if ((v = option(argc, argv, &i, "--site", &missing)))
			j.site = v;
		else if ((v = option(argc, argv, &i, "--min-group",
		    &missing))) {
			if (parse_min_group(v, &j.min_group) != 0) {
				fprintf(stderr, "convene export: --min-group "
				    "takes a number from 1 to 1000, not "
				    "\"%s\"\n", v);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--merge") == 0) {
			/* Every following argument up to the next option. */
			merge = argv + i + 1;
			while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) !=
			    0) {
				i++;
				n_merge++;
			}
			if (n_merge == 0) {
				fprintf(stderr, "convene export: --merge "
				    "takes the databases to combine\n");
				usage_print(stderr, "export");
				return EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "convene export: %s \"%s\"\n", missing ?
			    "missing value after" : "unexpected argument",
			    argv[i]);
			usage_print(stderr, "export");
			return EXIT_USAGE;
		}
	}
	if (merge != NULL && db != NULL) {
		fprintf(stderr, "convene export: --db and --merge: give the "
		    "databases to --merge\n");
		usage_print(stderr, "export");
		return EXIT_USAGE;
	}
	/* `--out x.json` alone says which format is wanted. */
	if (format == NULL)
		format = format_of(j.o.out) != NULL ? format_of(j.o.out) :
		    "csv";
	if ((w = export_writer(format)) == NULL) {
		export_writer_names(names, sizeof names);
		fprintf(stderr, "convene export: unknown format \"%s\" "
		    "(expected %s)\n", format, names);
		usage_print(stderr, "export");
		return EXIT_USAGE;
	}
	/* A multi-table format writes a directory unless --out names one
	 * file of its kind (`--out results.csv --table results`). */
	to_dir = w->multi && j.o.out != NULL && strcmp(j.o.out, "-") != 0 &&
	    !has_suffix(j.o.out, ".", w->name);
	if (j.o.table != NULL && (!w->multi || to_dir)) {
		fprintf(stderr, "convene export: --table picks the one CSV "
		    "table for stdout or a .csv file; --out DIR writes them "
		    "all\n");
		usage_print(stderr, "export");
		return EXIT_USAGE;
	}
	j.progress = isatty(STDERR_FILENO);
	j.started_ms = util_now_ms();
	if (merge != NULL) {
		/* Merged sessions get new ids: all of them unless asked. */
		if (j.o.session == NULL)
			j.o.session = "all";
		if (export_merge(merge, n_merge, &st, err, sizeof err) != 0) {
			fprintf(stderr, "convene export: %s\n", err);
			return EXIT_UNREACHABLE;
		}
		rc = run_export(st, "merge", w, &j, to_dir);
		store_close(st);
		return rc;
	}
	if (db == NULL) {
		util_default_db(dbpath, sizeof dbpath);
		db = dbpath;
	}
	if (open_readonly(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "convene export: %s\n", err);
		return EXIT_UNREACHABLE;
	}
	rc = run_export(st, db, w, &j, to_dir);
	store_close(st);
	return rc;
}

int
cmd_sessions(int argc, char **argv)
{
	static const char sql[] = "SELECT s.id, s.started, coalesce(s.ended, "
	    "'running'), (SELECT count(*) FROM participants p WHERE "
	    "p.session = s.id), (SELECT count(*) FROM answers n JOIN "
	    "activities a ON a.id = n.activity WHERE a.session = s.id), "
	    "s.title FROM sessions s ORDER BY s.id";
	const char *db = NULL, *v;
	char dbpath[4096], err[4200], title[256];
	struct store *st;
	sqlite3_stmt *s;
	int missing = 0, rc, rows = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") ==
		    0) {
			return usage_help("sessions");
		}
		if ((v = option(argc, argv, &i, "--db", &missing)) != NULL)
			db = v;
		else {
			fprintf(stderr, "convene sessions: %s \"%s\"\n",
			    missing ? "missing value after" :
			    "unexpected argument", argv[i]);
			usage_print(stderr, "sessions");
			return EXIT_USAGE;
		}
	}
	if (db == NULL) {
		util_default_db(dbpath, sizeof dbpath);
		db = dbpath;
	}
	if (open_readonly(db, &st, err, sizeof err) != 0) {
		fprintf(stderr, "convene sessions: %s\n", err);
		return EXIT_UNREACHABLE;
	}
	if ((s = store_stmt(st, sql)) == NULL) {
		fprintf(stderr, "convene sessions: %s: %s\n", db,
		    store_error(st));
		store_close(st);
		return EXIT_UNREACHABLE;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (rows++ == 0)
			printf("%4s  %-20s  %-20s  %12s  %7s  %s\n", "ID",
			    "STARTED", "ENDED", "PARTICIPANTS", "ANSWERS",
			    "TITLE");
		/* A title is plan text: keep control bytes off the terminal. */
		util_strlcpy(title, (const char *)sqlite3_column_text(s, 5),
		    sizeof title);
		util_sanitize(title, sizeof title);
		printf("%4lld  %-20s  %-20s  %12d  %7d  %s\n",
		    (long long)sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3), sqlite3_column_int(s, 4), title);
	}
	if (rc != SQLITE_DONE) {
		store_fail(st, "sessions");
		fprintf(stderr, "convene sessions: %s: %s\n", db,
		    store_error(st));
		store_close(st);
		return EXIT_UNREACHABLE;
	}
	if (rows == 0)
		printf("no sessions yet in %s\n", db);
	store_close(st);
	return EXIT_OK;
}
