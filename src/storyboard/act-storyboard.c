/* act-storyboard.c: the storyboard: every site's run chart of one measure
 * as a board; in rounds, people are sent to other sites' boards (never
 * their own) and leave what impressed them, a question and an idea to
 * try; each site reads the feedback on its own board as it comes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-storyboard.h"
#include "kind-plan.h"
#include "measures.h"

/*
 * A board: a site's series (NULL when the site has no data for the
 * measure, and so nothing to visit) and its signals.  Boards with data
 * come first, by site; the sites of people without data follow as they
 * are met, so a board's index never changes while the activity runs.
 */
struct board {
	char site[SITE_MAX_LEN + 1];
	struct measure_series *ms;
	struct runchart_signal sig[MEASURE_SIGNALS_MAX];
	int nsig;
};

/*
 * The runtime state.  `who[i]` is the participant of column i (added,
 * never removed); visit[i * rounds + r] is the board person i is sent to
 * in round r (from 0), -1 for none.  The feedback is cached after each
 * commit so cutting a snapshot per viewer costs no query.
 */
struct story {
	int rounds, round;
	struct board *boards;
	int n_boards, n_data;
	struct participant **who;
	int n;
	int *visit;
	struct story_line *lines;
	size_t n_lines;
};

static int
rounds_of(const struct plan_activity *a)
{
	const char *v = plan_kv_get(a, "rounds");

	return v != NULL ? atoi(v) : 3;
}

static const char *
collab_of(const struct session *s)
{
	return s->plan->collaborative ? s->plan->collaborative : "";
}

static struct story *
story_of(const struct session *s, int idx)
{
	return s->runs[idx].data;
}

static int
board_of_site(const struct story *c, const char *site)
{
	for (int b = 0; b < c->n_boards; b++)
		if (strcmp(c->boards[b].site, site) == 0)
			return b;
	return -1;
}

static int
index_of(const struct story *c, const struct participant *p)
{
	for (int i = 0; i < c->n; i++)
		if (c->who[i] == p)
			return i;
	return -1;
}

/* The board of person i's site: added without data if new. */
static int
own_board(struct story *c, const char *site)
{
	int b = board_of_site(c, site);
	struct board *nb;

	if (b >= 0 || site[0] == '\0')
		return b;
	if ((nb = realloc(c->boards, (size_t)(c->n_boards + 1) *
	    sizeof *nb)) == NULL)
		return -1;
	c->boards = nb;
	memset(&nb[c->n_boards], 0, sizeof *nb);
	util_strlcpy(nb[c->n_boards].site, site, sizeof nb->site);
	return c->n_boards++;
}

static int
add_person(struct story *c, struct participant *p)
{
	struct participant **w = realloc(c->who, (size_t)(c->n + 1) *
	    sizeof *w);
	int *v;

	if (w == NULL)
		return -1;
	c->who = w;
	if ((v = realloc(c->visit, (size_t)(c->n + 1) * (size_t)c->rounds *
	    sizeof *v)) == NULL)
		return -1;
	c->visit = v;
	for (int r = 0; r < c->rounds; r++)
		c->visit[c->n * c->rounds + r] = -1;
	c->who[c->n] = p;
	own_board(c, p->site);
	return c->n++;
}

/* The sites with data for the measure, each board's series and signals. */
static int
load_boards(struct session *s, int idx, struct story *c, char *why,
    size_t n)
{
	const char *measure = plan_kv_get(&s->plan->acts[idx], "measure");
	char (*sites)[SITE_MAX_LEN + 1] = calloc(SNAP_MAX_BOARDS,
	    sizeof *sites);
	int ns = 0, rc = -1;

	if (sites == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	if (measures_sites(s->store, collab_of(s), measure, sites,
	    SNAP_MAX_BOARDS, &ns, why, n) != 0)
		goto out;
	if (ns > SNAP_MAX_BOARDS)
		ns = SNAP_MAX_BOARDS;
	if ((c->boards = calloc((size_t)ns + 1, sizeof *c->boards)) == NULL) {
		snprintf(why, n, "out of memory");
		goto out;
	}
	for (int b = 0; b < ns; b++) {
		struct board *bd = &c->boards[b];

		util_strlcpy(bd->site, sites[b], sizeof bd->site);
		if ((bd->ms = calloc(1, sizeof *bd->ms)) == NULL) {
			snprintf(why, n, "out of memory");
			goto out;
		}
		c->n_boards = b + 1;
		if (measures_load(s->store, collab_of(s), sites[b], measure,
		    bd->ms, why, n) != 0)
			goto out;
		bd->nsig = runchart_signals(bd->ms, bd->sig,
		    MEASURE_SIGNALS_MAX);
		if (bd->nsig < 0)
			bd->nsig = 0;
	}
	c->n_data = ns;
	rc = 0;
out:
	free(sites);
	return rc;
}

/* Write the visits of rounds `from` (from 0) on to the store. */
static int
save_visits(struct session *s, int idx, struct story *c, int from, int only)
{
	int64_t aid = s->runs[idx].store_id;

	if (only < 0 && story_visits_clear(s->store, aid, from + 1) != 0)
		return -1;
	for (int i = 0; i < c->n; i++) {
		if (only >= 0 && i != only)
			continue;
		for (int r = from; r < c->rounds; r++) {
			int b = c->visit[i * c->rounds + r];

			if (b >= 0 && story_visit_put(s->store, aid, r + 1,
			    c->who[i]->id, c->boards[b].site) != 0)
				return -1;
		}
	}
	return 0;
}

/* The rotation's view: the boards with data are the ones visited. */
static int
plan_visits(struct session *s, int idx, struct story *c, char *why, size_t n)
{
	int *site = calloc((size_t)c->n + 1, sizeof *site);
	int *bsite = calloc((size_t)c->n_data + 1, sizeof *bsite);
	int *v = calloc((size_t)c->n * (size_t)c->rounds + 1, sizeof *v), rc;

	if (site == NULL || bsite == NULL || v == NULL) {
		free(site), free(bsite), free(v);
		snprintf(why, n, "out of memory");
		return -1;
	}
	for (int i = 0; i < c->n; i++)
		site[i] = board_of_site(c, c->who[i]->site);
	for (int b = 0; b < c->n_data; b++)
		bsite[b] = b;
	rc = story_visits_plan(site, c->n, bsite, c->n_data, c->rounds,
	    (uint64_t)s->id * 1000003u + (uint64_t)idx, v, why, n);
	for (int i = 0; rc == 0 && i < c->n; i++)
		for (int r = 0; r < c->rounds; r++)
			c->visit[i * c->rounds + r] = v[r * c->n + i];
	free(site), free(bsite), free(v);
	return rc;
}

static void
free_story(struct story *c)
{
	if (c == NULL)
		return;
	for (int b = 0; b < c->n_boards; b++)
		free(c->boards[b].ms);
	free(c->boards);
	free(c->who);
	free(c->visit);
	story_lines_free(c->lines, c->n_lines);
	free(c);
}

static int
open_storyboard(struct session *s, int idx, char *why, size_t n)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct story *c = story_of(s, idx);

	if (c != NULL && c->round > 0)
		return 0;	/* reopened: carry on with the same visits */
	free_story(c);
	s->runs[idx].data = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	c->rounds = rounds_of(a);
	if (load_boards(s, idx, c, why, n) != 0) {
		free_story(c);
		return -1;
	}
	if (c->n_data == 0) {
		snprintf(why, n, "no site has data for measure \"%s\" in %s: "
		    "import it first (convene measures import)",
		    plan_kv_get(a, "measure"), s->plan->collaborative);
		free_story(c);
		return -1;
	}
	for (size_t i = 0; i < s->n_people; i++)
		if (s->people[i]->connected > 0 && add_person(c,
		    s->people[i]) < 0) {
			snprintf(why, n, "out of memory");
			free_story(c);
			return -1;
		}
	why[0] = '\0';
	if (plan_visits(s, idx, c, why, n) != 0 ||
	    save_visits(s, idx, c, 0, -1) != 0) {
		if (why[0] == '\0')
			snprintf(why, n, "cannot save visits: %s",
			    store_error(s->store));
		free_story(c);
		return -1;
	}
	s->runs[idx].data = c;
	why[0] = '\0';
	if (c->n_data == 1)
		snprintf(why, n, "only %s has data for %s: others visit it, "
		    "its people have no other board", c->boards[0].site,
		    plan_kv_get(a, "measure"));
	c->round = 1;
	store_activity_round(s->store, s->runs[idx].store_id, 1);
	s->tallies_stale = 1;
	return 0;
}

static int
advance_storyboard(struct session *s, int idx, char *out, size_t n)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	struct story *c = story_of(s, idx);

	if (c == NULL || c->round >= c->rounds)
		return 0;
	c->round++;
	store_activity_round(s->store, s->runs[idx].store_id, c->round);
	s->runs[idx].deadline_ms = a->minutes > 0 ? s->now() +
	    (int64_t)a->minutes * 60000 : 0;
	s->runs[idx].warned = 0;
	s->tallies_stale = 1;
	s->seq++;
	snprintf(out, n, "round %d of %d", c->round, c->rounds);
	return 1;
}

/* Someone arrived (or came back) while it runs: boards for this round on,
 * if they have none yet. */
static void
joined_storyboard(struct session *s, int idx, struct participant *p)
{
	struct story *c = story_of(s, idx);
	int i, *site, *bsite;

	if (c == NULL || c->round == 0 || s->runs[idx].state != ACT_OPEN ||
	    c->n_data == 0)
		return;
	if ((i = index_of(c, p)) >= 0)
		return;
	if ((i = add_person(c, p)) < 0)
		return;
	site = calloc((size_t)c->n, sizeof *site);
	bsite = calloc((size_t)c->n_data, sizeof *bsite);
	int *v = calloc((size_t)c->n * (size_t)c->rounds, sizeof *v);

	if (site != NULL && bsite != NULL && v != NULL) {
		for (int k = 0; k < c->n; k++) {
			site[k] = board_of_site(c, c->who[k]->site);
			for (int r = 0; r < c->rounds; r++)
				v[r * c->n + k] = c->visit[k * c->rounds + r];
		}
		for (int b = 0; b < c->n_data; b++)
			bsite[b] = b;
		story_visits_late(site, c->n, bsite, c->n_data, c->rounds,
		    c->round - 1, i, v);
		for (int r = 0; r < c->rounds; r++)
			c->visit[i * c->rounds + r] = v[r * c->n + i];
		save_visits(s, idx, c, c->round - 1, i);
	}
	free(site);
	free(bsite);
	free(v);
	s->seq++;
}

/* "impressed TEXT", "question TEXT" or "idea TEXT": the visitor's line of
 * that part on the board they visit this round ("" takes it back). */
static int
intent_storyboard(struct session *s, int idx, struct participant *p,
    const char *value, char *why, size_t n)
{
	struct story *c = story_of(s, idx);
	int i = c ? index_of(c, p) : -1, b, part;
	size_t w = strcspn(value, " ");
	char text[VALUE_MAX_LEN + 1];

	if (c == NULL || c->round == 0 || i < 0 ||
	    (b = c->visit[i * c->rounds + c->round - 1]) < 0) {
		snprintf(why, n, "you have no board to visit this round");
		return -1;
	}
	if ((part = story_part_parse(value, w)) < 0) {
		snprintf(why, n, "unknown storyboard message (expected "
		    "impressed, question or idea, then the line)");
		return -1;
	}
	util_strlcpy(text, value[w] == ' ' ? value + w + 1 : "", sizeof text);
	if (util_text_check(text, STORY_LINE_CHARS, why, n) != 0)
		return -1;
	if (story_line_put(s->store, s->runs[idx].store_id, c->round, p->id,
	    c->boards[b].site, part, text) != 0) {
		snprintf(why, n, "not saved: %s", store_error(s->store));
		return -1;
	}
	s->tallies_stale = 1;
	s->seq++;
	return 0;
}

static void
refresh_storyboard(struct session *s, int idx)
{
	struct story *c = story_of(s, idx);
	struct story_line *v;
	size_t n;

	if (c == NULL || story_lines_read(s->store, s->runs[idx].store_id, &v,
	    &n) != 0)
		return;
	story_lines_free(c->lines, c->n_lines);
	c->lines = v;
	c->n_lines = n;
	/* Who has written this round: the dashboard's count. */
	s->runs[idx].res.answered = 0;
	for (int i = 0; i < c->n; i++) {
		int wrote = 0;

		for (size_t k = 0; k < n && !wrote; k++)
			wrote = v[k].participant == c->who[i]->id &&
			    v[k].round == c->round;
		s->runs[idx].res.answered += (uint32_t)wrote;
	}
}

static void
add_chart(const struct story *c, int b, struct snapshot *snap)
{
	const struct board *bd = &c->boards[b];
	struct snap_chart *ch;

	if (bd->ms == NULL || snap->n_charts >= SNAP_STORY_CHARTS)
		return;
	ch = &snap->charts[snap->n_charts++];
	ch->board = (uint8_t)(b + 1);
	ch->median = bd->ms->median;
	ch->n_points = (uint16_t)(bd->ms->n < SNAP_STORY_POINTS ? bd->ms->n :
	    SNAP_STORY_POINTS);
	for (int k = 0; k < ch->n_points; k++) {
		util_strlcpy(ch->points[k].period, bd->ms->pts[k].period,
		    sizeof ch->points[k].period);
		ch->points[k].value = bd->ms->pts[k].value;
	}
	for (int k = 0; k < bd->nsig && ch->n_signals < SNAP_STORY_SIGNALS;
	    k++) {
		struct snap_story_signal *g = &ch->signals[ch->n_signals];

		if (bd->sig[k].from < 0 || bd->sig[k].to >= ch->n_points ||
		    bd->sig[k].from > bd->sig[k].to)
			continue;
		g->rule = (uint8_t)bd->sig[k].rule;
		g->above = (uint8_t)(bd->sig[k].above != 0);
		g->from = (uint16_t)bd->sig[k].from;
		g->to = (uint16_t)bd->sig[k].to;
		util_strlcpy(g->text, bd->sig[k].text, sizeof g->text);
		ch->n_signals++;
	}
}

static void
add_line(const struct story *c, const struct story_line *l,
    const struct participant *viewer, struct snapshot *snap)
{
	struct snap_story_line *sl;

	if (snap->n_story_lines >= SNAP_STORY_LINES) {
		snap->more_story_lines++;
		return;
	}
	sl = &snap->story_lines[snap->n_story_lines++];
	memset(sl, 0, sizeof *sl);
	sl->id = (uint32_t)l->id;
	sl->board = (uint8_t)(board_of_site(c, l->board) + 1);
	sl->round = (uint8_t)l->round;
	sl->part = (uint8_t)l->part;
	sl->flags = viewer != NULL && viewer->id == l->participant ?
	    NOTE_MINE : 0;
	util_strlcpy(sl->author, l->author, sizeof sl->author);
	util_strlcpy(sl->site, l->author_site, sizeof sl->site);
	util_strlcpy(sl->text, l->text, sizeof sl->text);
}

/*
 * What one viewer sees.  Everyone: the boards in brief.  A participant:
 * the chart of the board they visit this round and their own lines
 * there, and their own site's chart with the feedback left on it.  The
 * facilitator and the projector: every line, newest first.
 */
static void
snapshot_storyboard(const struct session *s, int idx, int results,
    const struct participant *viewer, struct snapshot *snap)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const struct story *c = story_of(s, idx);
	int i = -1, visit = -1, own = -1;

	(void)results;
	util_strlcpy(snap->story_measure, plan_kv_get(a, "measure"),
	    sizeof snap->story_measure);
	snap->story_rounds = (uint8_t)rounds_of(a);
	if (c == NULL || c->round == 0)
		return;
	snap->story_round = (uint8_t)c->round;
	for (int b = 0; b < c->n_boards && b < SNAP_MAX_BOARDS; b++) {
		struct snap_board *sb = &snap->boards[snap->n_boards++];

		memset(sb, 0, sizeof *sb);
		util_strlcpy(sb->site, c->boards[b].site, sizeof sb->site);
		sb->points = (uint16_t)(c->boards[b].ms ? c->boards[b].ms->n :
		    0);
		sb->signals = (uint8_t)c->boards[b].nsig;
		for (int k = 0; k < c->n; k++)
			for (int r = 0; r < c->round; r++)
				if (c->visit[k * c->rounds + r] == b) {
					sb->visited++;
					sb->visitors += r == c->round - 1;
				}
		for (size_t k = 0; k < c->n_lines; k++)
			sb->lines += strcmp(c->lines[k].board,
			    c->boards[b].site) == 0;
	}
	if (viewer != NULL && (i = index_of(c, viewer)) >= 0)
		visit = c->visit[i * c->rounds + c->round - 1];
	if (viewer != NULL)
		own = board_of_site(c, viewer->site);
	snap->story_visit = (uint8_t)(visit >= 0 && visit < SNAP_MAX_BOARDS ?
	    visit + 1 : 0);
	snap->story_own = (uint8_t)(own >= 0 && own < SNAP_MAX_BOARDS ? own +
	    1 : 0);
	if (visit >= 0)
		add_chart(c, visit, snap);
	if (own >= 0)
		add_chart(c, own, snap);
	for (size_t k = c->n_lines; k-- > 0;) {
		const struct story_line *l = &c->lines[k];

		if (viewer == NULL || (l->participant == viewer->id &&
		    l->round == c->round) || (own >= 0 && strcmp(l->board,
		    c->boards[own].site) == 0))
			add_line(c, l, viewer, snap);
	}
}

struct resume_arg {
	struct session *s;
	struct story *c;
};

static void
visit_row(void *arg, int round, int64_t pid, const char *board)
{
	struct resume_arg *ra = arg;
	struct story *c = ra->c;
	int i = -1, b;

	for (int k = 0; k < c->n && i < 0; k++)
		if (c->who[k]->id == pid)
			i = k;
	for (size_t k = 0; i < 0 && k < ra->s->n_people; k++)
		if (ra->s->people[k]->id == pid)
			i = add_person(c, ra->s->people[k]);
	if (i < 0 || round < 1 || round > c->rounds ||
	    (b = board_of_site(c, board)) < 0)
		return;
	c->visit[i * c->rounds + round - 1] = b;
}

/* After --resume: the boards from the measures, the visits and the round
 * from the store. */
static void
resume_storyboard(struct session *s, int idx)
{
	struct story *c;
	struct resume_arg ra;
	char why[256];
	int round = store_activity_get_round(s->store, s->runs[idx].store_id);

	if (round <= 0 || (c = calloc(1, sizeof *c)) == NULL)
		return;
	c->rounds = rounds_of(&s->plan->acts[idx]);
	if (load_boards(s, idx, c, why, sizeof why) != 0) {
		free_story(c);
		return;
	}
	ra.s = s;
	ra.c = c;
	story_visits_read(s->store, s->runs[idx].store_id, visit_row, &ra);
	c->round = round > c->rounds ? c->rounds : round;
	s->runs[idx].data = c;
	refresh_storyboard(s, idx);
}

static void
release_storyboard(struct act_run *run)
{
	free_story(run->data);
	run->data = NULL;
}

const struct activity_ops act_storyboard_ops = {
	.kind = ACT_STORYBOARD,
	.refresh = refresh_storyboard,
	.snapshot = snapshot_storyboard,
	.open = open_storyboard,
	.advance = advance_storyboard,
	.intent = intent_storyboard,
	.joined = joined_storyboard,
	.resume = resume_storyboard,
	.release = release_storyboard,
	.export = &storyboard_export,
	.store = &storyboard_store,
	.plan = &storyboard_plan,
	.rehearse = &storyboard_rehearse,
	.wire = &storyboard_wire,
};
