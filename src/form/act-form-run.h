/* act-form-run.h: a form activity's runtime state, shared by act-form.c
 * (self-ratings) and act-form-faculty.c (faculty's ratings of sites). */
#ifndef CONVENE_ACT_FORM_RUN_H
#define CONVENE_ACT_FORM_RUN_H

#include "act-form.h"

enum by { BY_PERSON = 0, BY_SITE, BY_TEAM };

/*
 * A form's runtime state, rebuilt from the store after every commit:
 * each person's answers by slot (a site's, merged, when the form is
 * answered once per site), and the scores by site.  `prev` holds the
 * scores of the same form in the collaborative's previous session,
 * computed once.
 */
struct resp {
	int64_t pid;
	char site[SITE_MAX_LEN + 1];
	char *vals[SNAP_MAX_SLOTS];
	int submitted;
};


/*
 * Faculty's ratings of sites on a `rater = faculty` form: one response
 * per faculty member and site rated (`pid` the rater, `site` the site),
 * their scores by site in `fscores` (row 0: all sites), and the site
 * each faculty member is rating now (`picks`: not stored; after a
 * restart they choose again).
 */
struct form_pick {
	int64_t pid;
	char site[SITE_MAX_LEN + 1];
};

struct form_faculty {
	struct resp *r;
	int n, cap;
	struct form_site_score scores[SNAP_MAX_SITES + 1];
	int n_scores;
	struct form_pick *picks;
	int n_picks, cap_picks;
};

struct form_run {
	struct resp *r;
	int n, cap;
	struct form_site_score scores[SNAP_MAX_SITES + 1];
	int n_scores;
	struct form_site_score prev[SNAP_MAX_SITES + 1];
	int n_prev;		/* -1: not looked up yet */
	struct form_faculty fac;	/* rater = faculty */
};

/* form-intent.c */
#define FORM_SUBMIT (-2)
int	form_parse_intent(const struct form *, const char *, char *, size_t,
	    char *, size_t, char *, size_t);

/* act-form.c */
void	form_resp_clear(struct resp *);
void	form_run_score(const struct form *, const struct resp *, int,
	    struct form_site_score *, int *);

/* act-form-faculty.c */
void	form_fac_refresh(struct session *, int, struct form_faculty *);
int	form_fac_intent(struct session *, int, struct form_faculty *,
	    struct participant *, const char *, char *, size_t);
void	form_fac_viewer(const struct session *, int,
	    const struct form_faculty *, const struct participant *,
	    struct snapshot *);
void	form_fac_scores(const struct session *, int,
	    const struct form_faculty *, const struct form_site_score *, int,
	    struct snapshot *);
void	form_fac_free(struct form_faculty *);

#endif
