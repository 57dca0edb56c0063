/* act-form.h: the assess and feedback kinds and their forms (act-form*.c,
 * form.c, form-score.c). */
#ifndef CONVENE_ACT_FORM_H
#define CONVENE_ACT_FORM_H

#include "convene.h"

/*
 * A form: an assessment or evaluation instrument read from a .form file
 * (see convene-plan(5)).  Rating items carry their scale as the stored
 * value and the shown label of each point; choice items their options.
 */
enum form_item_kind {
	FORM_RATING = 0,
	FORM_CHOICE,
	FORM_TEXT,
	FORM_COMMITMENT		/* what / who / by when: three parts */
};

#define FORM_MAX_ITEMS 40
#define FORM_MAX_POINTS SNAP_MAX_OPTIONS
#define FORM_MAX_SUBSCALES 4

struct form_item {
	char id[ID_MAX_LEN + 1];
	enum form_item_kind kind;
	char *text;
	char *subscale;		/* rating: which subscale, or NULL */
	int reverse;		/* rating: scored lo + hi - value */
	int n_points;
	char *labels[FORM_MAX_POINTS];	/* shown for each point or option */
	char values[FORM_MAX_POINTS][8];	/* stored: "1", "0.5", "3" */
	double lo, hi;		/* rating: first and last value */
	int line;
};

/* What a participant answers, question by question: one slot per item,
 * three for a commitment (what, who, by when). */
struct form_slot {
	char id[48];		/* item id, or "id.what" / "id.who" / "id.when" */
	int item;		/* index into items */
	int kind;		/* enum slot_kind */
	int scale;		/* index into the form's scales */
	char text[SNAP_SLOT_TEXT + 1];
};

struct form {
	char *name;		/* as the plan names it */
	char *path;
	char *title;
	char *source;		/* authors and citation, if published */
	char *licence;
	struct form_item *items;
	int n_items;
	char *subscales[FORM_MAX_SUBSCALES];
	int n_subscales;
	struct form_slot slots[SNAP_MAX_SLOTS];
	int n_slots;
	struct snap_scale scales[SNAP_MAX_SCALES];
	int n_scales;
};

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
/* `rater = faculty`: faculty rate each site, beside its self-rating. */
int	form_rater_faculty(const struct plan_activity *);

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

/* form-rated.c: faculty's ratings of sites (table faculty_ratings). */
int	form_rated_put(struct store *, int64_t, int64_t, const char *,
	    const char *, const char *);
int	form_rated_all(struct store *, int64_t,
	    void (*)(void *, int64_t, const char *, const char *, const char *),
	    void *);

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
	/* Within-site agreement per subscale (form-score.c): rwg(j), or
	 * FORM_RWG_NONE where it is not defined; the items it took. */
	double rwg[FORM_MAX_SUBSCALES];
	int rwg_items[FORM_MAX_SUBSCALES];
};
#define FORM_RWG_NONE (-1.0)
#define FORM_RWG_LOW 0.7	/* below: "low agreement" (Shea et al. 2014) */
int	form_score(const struct form *, const struct form_response *, int,
	    struct form_site_score *, int);
double	form_rwg(int, double);
double	form_rwg_null(int);
int	form_rwg_low(double);

#endif
