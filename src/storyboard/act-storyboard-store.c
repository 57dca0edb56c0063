/* act-storyboard-store.c: the storyboard's own tables: who was sent to
 * which site's board in each round, and the feedback they left there. */
#include "kind-store.h"

/*
 * Schema 6 (kind-store.h).  A board is known by its site's name, as the
 * measures are.  A visitor leaves at most one line of each part (what
 * impressed us, a question, an idea to try) a round; writing it again
 * changes it.
 */
static const struct store_sql storyboard_ddl[] = {
	{ 6,
	    "CREATE TABLE story_visits ("
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  round INTEGER NOT NULL,"
	    "  participant INTEGER NOT NULL REFERENCES participants(id),"
	    "  board TEXT NOT NULL,"
	    "  PRIMARY KEY (activity, round, participant));"
	    "CREATE TABLE story_feedback ("
	    "  id INTEGER PRIMARY KEY,"
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  round INTEGER NOT NULL,"
	    "  participant INTEGER NOT NULL REFERENCES participants(id),"
	    "  board TEXT NOT NULL,"
	    "  part TEXT NOT NULL CHECK (part IN ('impressed', 'question',"
	    "    'idea')),"
	    "  text TEXT NOT NULL,"
	    "  at TEXT NOT NULL,"
	    "  UNIQUE (activity, round, participant, part));"
	    "CREATE INDEX story_feedback_board ON story_feedback"
	    "  (activity, board);" },
};

/* --merge (export-merge.c): rows follow their activity and person. */
static const struct store_sql storyboard_merge[] = {
	{ 6,
	    "INSERT OR IGNORE INTO main.story_visits (activity, round,"
	    "  participant, board) SELECT ma.new, t.round, mp.new, t.board"
	    "  FROM src.story_visits t JOIN temp.ma ON ma.old = t.activity"
	    "  JOIN temp.mp ON mp.old = t.participant;"
	    "INSERT OR IGNORE INTO main.story_feedback (activity, round,"
	    "  participant, board, part, text, at) SELECT ma.new, t.round,"
	    "  mp.new, t.board, t.part, t.text, t.at FROM src.story_feedback t"
	    "  JOIN temp.ma ON ma.old = t.activity JOIN temp.mp ON mp.old ="
	    "  t.participant ORDER BY t.id;" },
};

/* The activities row's type: the measure the boards show. */
static const char *
storyboard_type(const struct plan_activity *a)
{
	return plan_kv_get(a, "measure");
}

const struct kind_store storyboard_store = {
	.ddl = storyboard_ddl,
	.n_ddl = STORE_COUNT(storyboard_ddl),
	.merge = storyboard_merge,
	.n_merge = STORE_COUNT(storyboard_merge),
	.type = storyboard_type,
};
