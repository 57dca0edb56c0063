/* export.c: export formats by name, and which sessions an export covers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/*
 * Every export format, looked up by the name given to --format.  Adding a
 * format is one new export-NAME.c file and one line here.
 */
static const struct export_writer *const writers[] = {
	&export_csv,
	&export_json,
};

#define N_WRITERS (sizeof writers / sizeof writers[0])

const struct export_writer *
export_writer(const char *name)
{
	for (size_t i = 0; i < N_WRITERS; i++)
		if (strcmp(writers[i]->name, name) == 0)
			return writers[i];
	return NULL;
}

/* The format names as "csv|json", for usage and error messages. */
void
export_writer_names(char *out, size_t cap)
{
	size_t used = 0;

	if (cap > 0)
		out[0] = '\0';
	for (size_t i = 0; i < N_WRITERS && used < cap; i++)
		used += (size_t)snprintf(out + used, cap - used, "%s%s",
		    i > 0 ? "|" : "", writers[i]->name);
}

static int
is_id(const char *s)
{
	if (*s == '\0' || *s == '0' || strlen(s) > 18)
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * Resolve `--session ID|latest|all` (NULL means latest) to the session
 * ids it covers, as a JSON array such as "[1,2]" that every export query
 * reads through json_each(?).  Passing the set as one bound value keeps
 * each query a single prepared statement, whatever the number of
 * sessions.  `*ids` is allocated; the caller frees it.  Returns an exit
 * code: 0, EXIT_USAGE for a malformed selector, EXIT_BADINPUT when it
 * names no session (an empty database exported with "all" is not an
 * error: the export is simply empty), EXIT_UNREACHABLE when the database
 * cannot be read.
 */
int
export_session_ids(struct store *st, const char *sel, char **ids, char *err,
    size_t errlen)
{
	static const char sql[] = "SELECT json_group_array(id), count(*) "
	    "FROM (SELECT id FROM sessions WHERE ?1 = 'all' OR (?1 = 'latest' "
	    "AND id = (SELECT max(id) FROM sessions)) OR id = ?2 "
	    "ORDER BY id)";
	sqlite3_stmt *s;
	const char *text;
	int n;

	*ids = NULL;
	if (sel == NULL)
		sel = "latest";
	if (strcmp(sel, "all") != 0 && strcmp(sel, "latest") != 0 &&
	    !is_id(sel)) {
		snprintf(err, errlen, "--session takes a session id, latest or "
		    "all, not \"%s\"", sel);
		return EXIT_USAGE;
	}
	if ((s = store_stmt(st, sql)) == NULL) {
		snprintf(err, errlen, "%s", store_error(st));
		return EXIT_UNREACHABLE;
	}
	sqlite3_bind_text(s, 1, sel, -1, SQLITE_STATIC);
	if (is_id(sel))
		sqlite3_bind_int64(s, 2, strtoll(sel, NULL, 10));
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, "sessions");
		snprintf(err, errlen, "%s", store_error(st));
		sqlite3_reset(s);
		return EXIT_UNREACHABLE;
	}
	text = (const char *)sqlite3_column_text(s, 0);
	n = sqlite3_column_int(s, 1);
	*ids = text != NULL ? strdup(text) : NULL;
	sqlite3_reset(s);
	if (*ids == NULL) {
		snprintf(err, errlen, "out of memory");
		return EXIT_BADINPUT;
	}
	if (n == 0 && strcmp(sel, "all") != 0) {
		free(*ids);
		*ids = NULL;
		if (strcmp(sel, "latest") == 0)
			snprintf(err, errlen, "no sessions yet");
		else
			snprintf(err, errlen, "no session %s (see convene "
			    "sessions)", sel);
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}
