/* act-reportback.h: the report-back kind (act-reportback*.c): each site
 * tells what became of the commitments its people made last time. */
#ifndef CONVENE_ACT_REPORTBACK_H
#define CONVENE_ACT_REPORTBACK_H

#include "convene.h"

/* The kind's parts, gathered in its activity_ops (act-reportback.c). */
extern const struct kind_plan reportback_plan;
extern const struct kind_rehearse reportback_rehearse;
extern const struct kind_wire reportback_wire;
extern const struct kind_export reportback_export;
extern const struct kind_store reportback_store;
extern const struct kind_cmd reportback_commands[];

/* act-reportback.c */
extern const struct activity_ops act_reportback_ops;
int	reportback_show(struct session *, const char *, char *, size_t);

/*
 * One commitment of the earlier session as one site reports back on it.
 * A commitment is a breakout group's (`grp`) or a form's commitment item
 * (`item`, made by `person`, or by the site when the form was answered
 * once per site: person 0); a group with members from two sites is two
 * entries, one per site, each with its own report.  The report is the
 * latest of each part the site's people gave (followups rows).
 */
struct rb_item {
	int64_t source;		/* activities.id of the breakout or form */
	int grp;		/* breakout group, from 1; 0 for a form's */
	char item[48];		/* form: the commitment item's id; "" */
	int64_t person;		/* form: participants.id who made it; 0 */
	char site[SITE_MAX_LEN + 1];	/* the site reporting back */
	char label[SNAP_SHORT_NAME + 1];	/* the group, or the person */
	char *commit[COMMIT_FIELDS];	/* owned, never NULL */
	int status;		/* enum followup_status */
	char *learned, *next;	/* owned, never NULL */
	char by[SNAP_SHORT_NAME + 1];	/* who reported it last */
};

/* The commitments of one earlier session, every site's. */
struct rb_list {
	int64_t from;		/* the session, 0: none earlier */
	char from_title[SNAP_TITLE_LEN + 1];
	struct rb_item *v;
	int n, cap;
};

/* The parts of a report: status, what was learned, the next step. */
enum rb_part {
	RB_STATUS = 0,
	RB_LEARNED,
	RB_NEXT,
	RB_PARTS
};

/*
 * The followups of breakout groups for the JSON export, as a common table
 * expression fups (src, grp, j): per group (activities.id, group), the
 * sites' reports as a JSON array, from report-backs in the exported
 * sessions (?1) and, with --site (?2), that site's.  A breakout's
 * commitments carry it as "followups" only when there is one, so a
 * document without report-backs stays as it was (act-breakout-export.c).
 * FOLLOWUPS_CTE_OLD stands in for a database without the table.
 */
#define FOLLOWUPS_CTE "fups (src, grp, j) AS (SELECT source, grp, "	\
    "json_group_array(json(j)) FROM (SELECT f.source, f.grp, "		\
    "json_object('session', a.session, 'site', si.name, 'status', "	\
    "f.status, 'learned', f.learned, 'next', f.next, 'at', f.at) AS j "	\
    "FROM followups f JOIN activities a ON a.id = f.activity JOIN sites "\
    "si ON si.id = f.site WHERE f.grp IS NOT NULL AND a.session "		\
    IN_SESSIONS " AND " SITE_OK("f.site") " ORDER BY f.source, f.grp, "	\
    "a.session, si.name) GROUP BY source, grp)"
#define FOLLOWUPS_CTE_OLD "fups (src, grp, j) AS (SELECT NULL, NULL, "	\
    "NULL WHERE 0)"

/* act-reportback-rows.c */
int64_t	reportback_prev(struct store *, int64_t, int64_t, char *, size_t);
int	reportback_save_from(struct store *, int64_t, int64_t);
int64_t	reportback_from(struct store *, int64_t);
int	reportback_gather(struct store *, int64_t, struct rb_list *);
int	reportback_load(struct store *, int64_t, struct rb_list *);
int	reportback_put(struct store *, int64_t, const struct rb_item *, int64_t,
	    int, const char *);
void	reportback_list_free(struct rb_list *);
const char *reportback_status_name(int);
int	reportback_status_parse(const char *);
const char *reportback_part_name(int);
int	reportback_part_parse(const char *, size_t);

#endif
