/* act-storyboard.h: the storyboard kind (act-storyboard*.c): each site's
 * run chart of one measure as a board, and rounds in which people visit
 * other sites' boards and leave feedback. */
#ifndef CONVENE_ACT_STORYBOARD_H
#define CONVENE_ACT_STORYBOARD_H

#include "convene.h"

struct measure_series;
struct runchart_signal;

/* The kind's parts, gathered in its activity_ops (act-storyboard.c). */
extern const struct kind_plan storyboard_plan;
extern const struct kind_rehearse storyboard_rehearse;
extern const struct kind_wire storyboard_wire;
extern const struct kind_export storyboard_export;
extern const struct kind_store storyboard_store;

/* act-storyboard.c */
extern const struct activity_ops act_storyboard_ops;

/* act-storyboard-plan.c: the three parts of feedback, by their word in
 * intents and exports ("impressed", "question", "idea") and as people
 * read them ("What impressed us"). */
const char *story_part_word(int);
const char *story_part_label(int);
int	story_part_parse(const char *, size_t);

/*
 * story-visits.c: who visits which board in each round.  `site[i]` is
 * person i's site as a small number (-1: none), `board_site[b]` board b's.
 * The rotation engine (rotate.h) mixes people into as many groups as
 * there are boards, each round; the groups are then given boards so that
 * no one visits their own site's board and boards are not revisited
 * while others are unseen.  visit[r * npeople + i] is the board of
 * person i in round r, or -1 when there is no other board to visit.
 * 0, or -1 with a message.
 */
int	story_visits_plan(const int *, int, const int *, int, int, uint64_t,
	    int *, char *, size_t);
/* A person who arrives late: boards for rounds `from` on (from 0), the
 * least visited ones in each round that are not their own. */
void	story_visits_late(const int *, int, const int *, int, int, int, int,
	    int *);

/* text.c (base), declared for the screens in ui.h. */
size_t	text_fit(const char *, int, int, char *, size_t);

/* story-chart.c: a run chart as lines of text, `cols` wide and at most
 * `rows` lines (UTF-8 glyphs when `utf8`, else ASCII): the points, the
 * median line, the points of signals marked, the periods, a legend and
 * each signal in words.  Returns the number of lines. */
#define CHART_LINE_MAX 1024
int	story_chart(const struct measure_series *,
	    const struct runchart_signal *, int, int, int, int,
	    char (*)[CHART_LINE_MAX], int);
void	story_period_label(const char *, char *, size_t);
void	story_number(double, char *, size_t);

/* act-storyboard-rows.c: visits and feedback in the store. */
struct story_line {
	int64_t id;
	int round;
	int64_t participant;
	char author[NAME_MAX_LEN + 1];
	char author_site[SITE_MAX_LEN + 1];
	char board[SITE_MAX_LEN + 1];
	int part;
	char *text;		/* owned */
};
int	story_visits_clear(struct store *, int64_t, int);
int	story_visit_put(struct store *, int64_t, int, int64_t, const char *);
int	story_visits_read(struct store *, int64_t,
	    void (*)(void *, int, int64_t, const char *), void *);
int	story_line_put(struct store *, int64_t, int, int64_t, const char *,
	    int, const char *);
int	story_lines_read(struct store *, int64_t, struct story_line **,
	    size_t *);
void	story_lines_free(struct story_line *, size_t);

#endif
