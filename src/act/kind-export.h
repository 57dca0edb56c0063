/* kind-export.h: an activity kind's sections of the exports, behind its ops. */
#ifndef CONVENE_KIND_EXPORT_H
#define CONVENE_KIND_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "convene.h"

/*
 * The export writers (export-csv.c, export-json.c, export-md.c,
 * export-html.c) name no activity kind: they walk the registry
 * (export_kind() in export.c) and take each kind's sections from its
 * `struct kind_export`.  Sections from every kind and the writers' own
 * are put together by `order`, so a new kind's table or JSON field goes
 * where its number says, and existing output does not move.
 */

/* One column of a CSV table: its name and its line in the data
 * dictionary. */
struct export_column {
	const char *name;
	const char *about;
};

/*
 * One CSV table.  `sql` returns exactly the columns of `cols`, in order,
 * and reads the parameters of export.h (?1 sessions, ?2 --site, ?3 the
 * threshold).  When `sql` reads a table a later schema added (`needs`,
 * NULL: none), `sql_old` stands in for a database without it, with the
 * same columns; with `needs` and no `sql_old`, the table (its file and
 * its lines in the data dictionary) is written only when `needs` has
 * rows, so a database without the kind's data exports as before.  Tables may only grow: a column is never renamed or
 * removed.
 */
struct export_table {
	int	order;
	const char *name;
	const char *sql;
	const char *needs;
	const char *sql_old;
	const struct export_column *cols;
	size_t	n_cols;
};

/*
 * One field of each activity object in the JSON document (export-json.c):
 * `field` is "'key', expression" for json_object(), evaluated with the
 * activity as `a`.  `cte` (NULL: none) is a common table expression the
 * field reads, "name (id, j) AS (...)", computed once before the
 * document; `cte_old` replaces it for a database without the table
 * `needs` (NULL: none).  A field with `needs` and no `cte_old` is written
 * only when that table has rows, so a database without the kind's data
 * exports as it did before the kind.
 */
struct export_json_field {
	int	order;
	const char *cte;
	const char *needs;
	const char *cte_old;
	const char *field;
};

/* A field of `order` EXPORT_JSON_SPARSE or more is left out of an
 * activity where its value is NULL (others are there with null), so a
 * field for data few databases have leaves the other documents as they
 * were; such fields come after all the others. */
#define EXPORT_JSON_SPARSE 1000

/* A Markdown or HTML report being written (export.h). */
struct export_report;

/*
 * The Markdown and HTML reports: `load` reads what the kind shows for
 * the whole report (its state, freed by `release`); `md_front` and
 * `html_front` write it before the sessions; `md` and `html` write the
 * kind's part of one activity (`aid`, of kind `kind` and type `type`),
 * under its heading.  Any hook may be NULL.
 */
struct kind_export {
	const struct export_table *tables;
	size_t	n_tables;
	const struct export_json_field *json;
	size_t	n_json;
	int	(*load)(struct export_report *, void **);
	void	(*release)(void *);
	void	(*md_front)(struct export_report *, void *);
	void	(*html_front)(struct export_report *, void *);
	void	(*md)(struct export_report *, void *, int64_t, enum act_kind,
		    const char *);
	void	(*html)(struct export_report *, void *, int64_t, enum act_kind,
		    const char *);
};

#define EXPORT_COUNT(a) (sizeof (a) / sizeof (a)[0])

/* export.c: the kind `k`'s sections, or NULL (no sections, or a kind that
 * shares the ops, and so the sections, of an earlier one). */
const struct kind_export *export_kind(unsigned);
const struct kind_export *export_kind_named(const char *, enum act_kind *,
	    unsigned *);

#endif
