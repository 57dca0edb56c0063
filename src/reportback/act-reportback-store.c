/* act-reportback-store.c: the report-back's own table: what each site
 * says became of each commitment of the earlier session. */
#include "kind-store.h"

/*
 * Schema 7 (kind-store.h); act-reportback-rows.c reads and writes it.  A
 * row is one site's report on one commitment in one report-back
 * activity: the commitment is a breakout group (source, grp) or a form's
 * commitment item (source, item, and person who made it, NULL when the
 * form was answered once per site); each part holds its latest value,
 * `participant` and `at` say who gave the last one and when.  A
 * reportbacks row says which session an activity reported on (NULL: none
 * earlier), written when it opens, so the exports need not work it out.
 */
static const struct store_sql reportback_ddl[] = {
	{ 7,
	    "CREATE TABLE followups ("
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  source INTEGER NOT NULL REFERENCES activities(id),"
	    "  grp INTEGER,"
	    "  item TEXT,"
	    "  person INTEGER REFERENCES participants(id),"
	    "  site INTEGER NOT NULL REFERENCES sites(id),"
	    "  status TEXT,"
	    "  learned TEXT,"
	    "  next TEXT,"
	    "  participant INTEGER REFERENCES participants(id),"
	    "  at TEXT NOT NULL);"
	    "CREATE UNIQUE INDEX followups_key ON followups (activity, source,"
	    "  coalesce(grp, 0), coalesce(item, ''), coalesce(person, 0), site);"
	    "CREATE INDEX followups_source ON followups (source, grp);"
	    "CREATE TABLE reportbacks ("
	    "  activity INTEGER PRIMARY KEY REFERENCES activities(id),"
	    "  session INTEGER REFERENCES sessions(id));" },
};

/* --merge (export-merge.c): a report is (activity, commitment, site),
 * the later `at` winning whole. */
static const struct store_sql reportback_merge[] = {
	{ 7,
	    "INSERT INTO main.followups (activity, source, grp, item, person,"
	    "  site, status, learned, next, participant, at) SELECT ma.new,"
	    "  mb.new, f.grp, f.item, mq.new, msite.new, f.status, f.learned,"
	    "  f.next, mp.new, f.at FROM src.followups f JOIN temp.ma ON ma.old"
	    "  = f.activity JOIN temp.ma mb ON mb.old = f.source JOIN"
	    "  temp.msite ON msite.old = f.site LEFT JOIN temp.mp ON mp.old ="
	    "  f.participant LEFT JOIN temp.mp mq ON mq.old = f.person WHERE"
	    "  true ON CONFLICT (activity, source, coalesce(grp, 0),"
	    "  coalesce(item, ''), coalesce(person, 0), site) DO UPDATE SET"
	    "  status = excluded.status, learned = excluded.learned, next ="
	    "  excluded.next, participant = excluded.participant, at ="
	    "  excluded.at WHERE excluded.at > followups.at;"
	    "INSERT OR IGNORE INTO main.reportbacks (activity, session) SELECT"
	    "  ma.new, ms.new FROM src.reportbacks r JOIN temp.ma ON ma.old ="
	    "  r.activity LEFT JOIN temp.ms ON ms.old = r.session;" },
};

const struct kind_store reportback_store = {
	.ddl = reportback_ddl,
	.n_ddl = STORE_COUNT(reportback_ddl),
	.merge = reportback_merge,
	.n_merge = STORE_COUNT(reportback_merge),
};
