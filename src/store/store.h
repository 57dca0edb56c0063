/* store.h: internals shared by the store-*.c files (not for other layers). */
#ifndef CONVENE_STORE_H
#define CONVENE_STORE_H

#include <sqlite3.h>

#include "convene.h"

#define STORE_STMTS 96

/*
 * The open database.  Statements are prepared once, on first use, and
 * kept by the address of their SQL text (each call site passes a string
 * literal), so every query is a prepared statement and none is parsed
 * twice.  `in_tx` is set between store_begin() and store_commit().
 */
struct store {
	sqlite3 *db;
	int in_tx;
	char err[256];
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} stmts[STORE_STMTS];
};

/* store.c */
sqlite3_stmt *store_stmt(struct store *, const char *);
int	store_fail(struct store *, const char *);
int	store_exec(struct store *, const char *);
int	store_step(struct store *, const char *);
int	store_run(struct store *, sqlite3_stmt *, const char *);
int	store_activity_rows(struct store *, const char *, int64_t,
	    void (*)(void *, int64_t, const char *, const char *, const char *),
	    void *, const char *);

#endif
