/* act-cafe-store.c: the café's own table: who sat at which table, round by round. */
#include "kind-store.h"

/* Schema 2 (kind-store.h): a person's seat and whether they host it. */
static const struct store_sql cafe_ddl[] = {
	{ 2,
	    "CREATE TABLE seats ("
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  round INTEGER NOT NULL,"
	    "  tbl INTEGER NOT NULL,"
	    "  participant INTEGER NOT NULL REFERENCES participants(id),"
	    "  host INTEGER NOT NULL DEFAULT 0,"
	    "  PRIMARY KEY (activity, round, participant));" },
};

/* --merge (export-merge.c): a seat is (activity, round, participant). */
static const struct store_sql cafe_merge[] = {
	{ 2,
	    "INSERT OR IGNORE INTO main.seats (activity, round, tbl, participant,"
	    "  host) SELECT ma.new, t.round, t.tbl, mp.new, t.host FROM src.seats t"
	    "  JOIN temp.ma ON ma.old = t.activity JOIN temp.mp ON mp.old ="
	    "  t.participant;" },
};

const struct kind_store cafe_store = {
	.ddl = cafe_ddl,
	.n_ddl = STORE_COUNT(cafe_ddl),
	.merge = cafe_merge,
	.n_merge = STORE_COUNT(cafe_merge),
};
