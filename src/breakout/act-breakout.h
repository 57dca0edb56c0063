/* act-breakout.h: the breakout kind (act-breakout*.c, breakout-groups.c). */
#ifndef CONVENE_ACT_BREAKOUT_H
#define CONVENE_ACT_BREAKOUT_H

#include "convene.h"

/* The kind's parts, gathered in its activity_ops (act-breakout.c). */
extern const struct kind_plan breakout_plan;
extern const struct kind_rehearse breakout_rehearse;
extern const struct kind_wire breakout_wire;
extern const struct kind_export breakout_export;
extern const struct kind_store breakout_store;
extern const struct kind_cmd breakout_commands[];	/* act-breakout-cmd.c */

/* act-breakout.c */
extern const struct activity_ops act_breakout_ops;
int	breakout_move(struct session *, int64_t, const char *, char *, size_t);
int	breakout_recall(struct session *, int, char *, size_t);

/* breakout-groups.c */
#define BREAKOUT_SIZE 6		/* people per group unless `size =` says */
int	breakout_mode_parse(const char *, enum breakout_mode *, int *);
int	breakout_group_count(int, int);
int	breakout_assign_site(const int *, int, int, int *, int *);
void	breakout_assign_mixed(const int *, int, int, int *);
int	breakout_pick_late(const int *, const int *, const int *, int);
int	breakout_split_names(const char *, char[][SNAP_SHORT_NAME + 1], int);

/*
 * A breakout's commitments, one row per group: name, change, owner, due,
 * measure (never NULL), group number.  ?5 is the activity; with ?2 a
 * site's name, only the groups with a member from that site, or named
 * after it; SITE_OK comes from export.h.  The reports show these
 * (act-breakout-export.c) and a report-back brings them back to their
 * sites (src/reportback/act-reportback-rows.c).
 */
#define BREAKOUT_COMMITMENTS "SELECT g.name, coalesce(g.change, ''), "	\
    "coalesce(g.owner, ''), coalesce(g.due, ''), coalesce(g.measure, "	\
    "'') , g.grp FROM groups g WHERE g.activity = ?5 AND (?2 IS NULL OR "\
    "g.name = ?2 OR EXISTS (SELECT 1 FROM members m JOIN participants p "\
    "ON p.id = m.participant WHERE m.activity = g.activity AND m.grp = "	\
    "g.grp AND " SITE_OK("p.site") ")) ORDER BY g.grp"

/* act-breakout-rows.c: breakout groups (with their commitment) and members */
int	store_group_put(struct store *, int64_t, int, const char *);
int	store_group_set(struct store *, int64_t, int, int, const char *);
int	store_groups(struct store *, int64_t,
	    void (*)(void *, int, const char *, const char *const *), void *);
int	store_member_put(struct store *, int64_t, int64_t, int);
int	store_members(struct store *, int64_t,
	    void (*)(void *, int64_t, int), void *);

#endif
