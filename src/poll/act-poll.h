/* act-poll.h: the poll kind (act-poll*.c, poll-results.c, poll-scale.c). */
#ifndef CONVENE_ACT_POLL_H
#define CONVENE_ACT_POLL_H

#include "convene.h"

/* The kind's parts, gathered in its activity_ops (act-poll.c). */
extern const struct kind_plan poll_plan;
extern const struct kind_rehearse poll_rehearse;
extern const struct kind_wire poll_wire;
extern const struct kind_export poll_export;
extern const struct kind_store poll_store;

/* act-poll.c */
extern const struct activity_ops act_poll_ops;
int	poll_option_of(const struct plan_activity *, const char *);
void	poll_join_list(const int *, int, char *, size_t);
int	poll_text_max(const struct plan_activity *);

/* poll-results.c */
int	poll_words(const char *const *, size_t, struct snap_word *, int);
void	poll_refresh(struct session *, int);
void	poll_snapshot(const struct session *, int, int,
	    const struct participant *, struct snapshot *);

/* poll-scale.c */
const char *const *poll_likert(const char *);
int	poll_scale_points(const struct plan_activity *, int *, int *);

#endif
