/* act-breakout-store.c: the breakout's own tables: groups, their commitment, members. */
#include "kind-store.h"

/* Schema 2 (kind-store.h); act-breakout-rows.c reads and writes them. */
static const struct store_sql breakout_ddl[] = {
	{ 2,
	    "CREATE TABLE groups ("
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  grp INTEGER NOT NULL,"
	    "  name TEXT NOT NULL,"
	    "  change TEXT,"
	    "  owner TEXT,"
	    "  due TEXT,"
	    "  measure TEXT,"
	    "  updated TEXT,"
	    "  PRIMARY KEY (activity, grp));"
	    "CREATE TABLE members ("
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  participant INTEGER NOT NULL REFERENCES participants(id),"
	    "  grp INTEGER NOT NULL,"
	    "  PRIMARY KEY (activity, participant));" },
};

/* --merge (export-merge.c): a group is (activity, group), the later
 * `updated` winning; a member is (activity, participant). */
static const struct store_sql breakout_merge[] = {
	{ 2,
	    "INSERT INTO main.groups (activity, grp, name, change, owner, due,"
	    "  measure, updated) SELECT ma.new, g.grp, g.name, g.change, g.owner,"
	    "  g.due, g.measure, g.updated FROM src.groups g JOIN temp.ma ON"
	    "  ma.old = g.activity WHERE true ON CONFLICT (activity, grp) DO UPDATE"
	    "  SET name = excluded.name, change = excluded.change, owner ="
	    "  excluded.owner, due = excluded.due, measure = excluded.measure,"
	    "  updated = excluded.updated WHERE coalesce(excluded.updated, '') >"
	    "  coalesce(groups.updated, '');"
	    "INSERT OR IGNORE INTO main.members (activity, participant, grp)"
	    "  SELECT ma.new, mp.new, m.grp FROM src.members m JOIN temp.ma ON"
	    "  ma.old = m.activity JOIN temp.mp ON mp.old = m.participant;" },
};

const struct kind_store breakout_store = {
	.ddl = breakout_ddl,
	.n_ddl = STORE_COUNT(breakout_ddl),
	.merge = breakout_merge,
	.n_merge = STORE_COUNT(breakout_merge),
};
