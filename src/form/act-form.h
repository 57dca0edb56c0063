/* act-form.h: the assess and feedback kinds and their forms (act-form*.c,
 * form.c, form-score.c). */
#ifndef CONVENE_ACT_FORM_H
#define CONVENE_ACT_FORM_H

#include "convene.h"

/* The kind's parts, gathered in its activity_ops (act-form.c). */
extern const struct kind_plan form_plan;
extern const struct kind_rehearse form_rehearse;
extern const struct kind_wire form_wire;
extern const struct kind_export form_export;
extern const struct kind_store form_store;

/* act-form.c: is a form activity answered once per site (`by = site` or
 * `team`)?  Stored as a form_items row with this item (act-form-store.c). */
#define FORM_BY_ITEM "_by"
int	form_by_site(const struct plan_activity *);

/* form.c */
int	form_parse(const char *, size_t, const char *, struct form *, char *,
	    size_t);
int	form_load(const char *, const char *, struct form *, char *, size_t);
int	form_find(const char *, const char *, char *, size_t, char *, size_t);
void	form_free(struct form *);
int	form_add_agenda(struct form *, const struct plan *, const char *);
const struct form_item *form_item(const struct form *, const char *);
int	form_slots(struct form *, char *, size_t);
int	form_when_slot(const char *);
int	form_slot_of(const struct form *, const char *);

/* act-form.c */
extern const struct activity_ops act_form_ops;

/* form-score.c: see the scoring rule there and in convene-plan(5). */
struct form_response {
	char site[SITE_MAX_LEN + 1];
	const char *values[FORM_MAX_ITEMS];	/* NULL: not answered */
	int submitted;
};
struct form_site_score {
	char site[SITE_MAX_LEN + 1];
	int started, complete;	/* complete: submitted */
	int partial;		/* of those, with questions left blank */
	double mean[FORM_MAX_SUBSCALES], sd[FORM_MAX_SUBSCALES];
	int n[FORM_MAX_SUBSCALES], missing[FORM_MAX_SUBSCALES];
	double item_mean[FORM_MAX_ITEMS];
	int item_n[FORM_MAX_ITEMS];
};
int	form_score(const struct form *, const struct form_response *, int,
	    struct form_site_score *, int);

#endif
