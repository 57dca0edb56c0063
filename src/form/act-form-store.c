/* act-form-store.c: a form's questions, stored with its activity for the exports. */
#include "kind-store.h"
#include "store.h"
#include "act-form.h"

/* Schema 3 (kind-store.h): the questions of each form activity, so
 * exports can score answers without the form files (see
 * convene-plan(5), SCORING). */
static const struct store_sql form_ddl[] = {
	{ 3,
	    "CREATE TABLE form_items ("
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  idx INTEGER NOT NULL,"
	    "  item TEXT NOT NULL,"
	    "  kind TEXT NOT NULL,"
	    "  text TEXT NOT NULL,"
	    "  subscale TEXT,"
	    "  reverse INTEGER NOT NULL DEFAULT 0,"
	    "  lo REAL,"
	    "  hi REAL,"
	    "  PRIMARY KEY (activity, item));" },
	/* 8: faculty's ratings of sites (`rater = faculty`): one row per
	 * rater, site rated, item, the latest value; and each rating item's
	 * number of points, for rwg(j)'s uniform null (form-score.c), in a
	 * table of its own so form_items keeps its columns. */
	{ 8,
	    "CREATE TABLE faculty_ratings ("
	    "  id INTEGER PRIMARY KEY,"
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  participant INTEGER NOT NULL REFERENCES participants(id),"
	    "  site INTEGER NOT NULL REFERENCES sites(id),"
	    "  item TEXT NOT NULL,"
	    "  value TEXT NOT NULL,"
	    "  at TEXT NOT NULL,"
	    "  UNIQUE (activity, participant, site, item));"
	    "CREATE TABLE form_points ("
	    "  activity INTEGER NOT NULL REFERENCES activities(id),"
	    "  item TEXT NOT NULL,"
	    "  points INTEGER NOT NULL,"
	    "  PRIMARY KEY (activity, item));" },
};

/* --merge (export-merge.c): an item is (activity, item). */
static const struct store_sql form_merge[] = {
	{ 3,
	    "INSERT OR IGNORE INTO main.form_items (activity, idx, item, kind,"
	    "  text, subscale, reverse, lo, hi) SELECT ma.new, f.idx, f.item,"
	    "  f.kind, f.text, f.subscale, f.reverse, f.lo, f.hi FROM"
	    "  src.form_items f JOIN temp.ma ON ma.old = f.activity;" },
	{ 8,
	    "INSERT OR IGNORE INTO main.form_points (activity, item, points)"
	    "  SELECT ma.new, f.item, f.points FROM src.form_points f JOIN"
	    "  temp.ma ON ma.old = f.activity;"
	    "INSERT OR IGNORE INTO main.faculty_ratings (activity, participant,"
	    "  site, item, value, at) SELECT ma.new, mp.new, msite.new, r.item,"
	    "  r.value, r.at FROM src.faculty_ratings r JOIN temp.ma ON ma.old ="
	    "  r.activity JOIN temp.mp ON mp.old = r.participant JOIN"
	    "  temp.msite ON msite.old = r.site ORDER BY r.id;" },
};

static int
done(struct store *st, sqlite3_stmt *s, int rc, const char *what)
{
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/*
 * The questions of a form, one row per slot (commitment parts too), and
 * for a form answered once per site a row with item FORM_BY_ITEM ("_by",
 * kind "by", text "site", idx -1): the export does not read the plan,
 * and that is how it knows to take a site's answers together.
 */
static int
save_form(struct store *st, int64_t aid, const struct form *f, int by_site)
{
	static const char sql[] = "INSERT INTO form_items (activity, idx, "
	    "item, kind, text, subscale, reverse, lo, hi) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?)";
	static const char pts[] = "INSERT INTO form_points (activity, item, "
	    "points) VALUES (?, ?, ?)";
	static const char *kinds[] = { "rating", "choice", "text",
	    "commitment" };

	for (int i = 0; i < f->n_slots; i++) {
		const struct form_item *it = &f->items[f->slots[i].item];
		sqlite3_stmt *s = store_stmt(st, sql);

		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, aid);
		sqlite3_bind_int(s, 2, i);
		sqlite3_bind_text(s, 3, f->slots[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, kinds[it->kind], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, f->slots[i].text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, it->subscale, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 7, it->reverse);
		if (it->kind == FORM_RATING) {
			sqlite3_bind_double(s, 8, it->lo);
			sqlite3_bind_double(s, 9, it->hi);
		}
		if (done(st, s, sqlite3_step(s), "form item") != 0)
			return -1;
		if (it->kind != FORM_RATING)
			continue;
		if ((s = store_stmt(st, pts)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, aid);
		sqlite3_bind_text(s, 2, f->slots[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, it->n_points);
		if (done(st, s, sqlite3_step(s), "form item points") != 0)
			return -1;
	}
	if (by_site) {
		sqlite3_stmt *s = store_stmt(st, sql);

		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, aid);
		sqlite3_bind_int(s, 2, -1);
		sqlite3_bind_text(s, 3, FORM_BY_ITEM, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, "by", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, "site", -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 7, 0);
		if (done(st, s, sqlite3_step(s), "form item") != 0)
			return -1;
	}
	return 0;
}

static int
save(struct store *st, int64_t aid, const struct plan_activity *a)
{
	if (a->form == NULL)
		return 0;
	return save_form(st, aid, a->form, form_by_site(a));
}

/* The activities row's type: the form's name. */
static const char *
type(const struct plan_activity *a)
{
	return a->form != NULL ? a->form->name : NULL;
}

const struct kind_store form_store = {
	.ddl = form_ddl,
	.n_ddl = STORE_COUNT(form_ddl),
	.merge = form_merge,
	.n_merge = STORE_COUNT(form_merge),
	.type = type,
	.save = save,
};
