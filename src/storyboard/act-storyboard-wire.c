/* act-storyboard-wire.c: a storyboard's sections of the snapshot: the
 * measure and the viewer's boards (SEC_STORY_HEAD), every board in brief
 * (SEC_STORY_BOARDS), the run charts the viewer reads (SEC_STORY_CHARTS)
 * and the lines of feedback (SEC_STORY_LINES). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kind-wire.h"

enum {
	SEC_STORY_HEAD = 20,
	SEC_STORY_BOARDS = 21,
	SEC_STORY_CHARTS = 22,
	SEC_STORY_LINES = 23
};

static int
story_current(const struct snapshot *s)
{
	return s->current >= 0 && s->kind == ACT_STORYBOARD;
}

static void
put_double(struct wbuf *w, double v)
{
	char b[40];

	snprintf(b, sizeof b, "%.17g", v);
	wbuf_str(w, b);
}

static double
get_double(struct rbuf *r)
{
	char b[40], *end;
	double v;

	rbuf_str(r, b, sizeof b);
	v = strtod(b, &end);
	if (r->err == NULL && (end == b || *end != '\0' || !isfinite(v)))
		r->err = "bad number in a run chart";
	return v;
}

static void
head_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_str(w, s->story_measure);
	wbuf_u8(w, s->story_round);
	wbuf_u8(w, s->story_rounds);
	wbuf_u8(w, s->story_visit);
	wbuf_u8(w, s->story_own);
}

static void
head_decode(struct rbuf *r, struct snapshot *s)
{
	rbuf_str(r, s->story_measure, sizeof s->story_measure);
	s->story_round = rbuf_u8(r);
	s->story_rounds = rbuf_u8(r);
	s->story_visit = rbuf_u8(r);
	s->story_own = rbuf_u8(r);
}

static int
boards_present(const struct snapshot *s)
{
	return story_current(s) && s->n_boards > 0;
}

static void
boards_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_boards);
	for (unsigned i = 0; i < s->n_boards && i < SNAP_MAX_BOARDS; i++) {
		const struct snap_board *b = &s->boards[i];

		wbuf_str(w, b->site);
		wbuf_u16(w, b->points);
		wbuf_u8(w, b->signals);
		wbuf_u16(w, b->visitors);
		wbuf_u16(w, b->visited);
		wbuf_u16(w, b->lines);
	}
}

static void
boards_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_boards = rbuf_u8(r);
	if (s->n_boards > SNAP_MAX_BOARDS) {
		r->err = "too many boards";
		return;
	}
	for (unsigned i = 0; i < s->n_boards && r->err == NULL; i++) {
		struct snap_board *b = &s->boards[i];

		rbuf_str(r, b->site, sizeof b->site);
		b->points = rbuf_u16(r);
		b->signals = rbuf_u8(r);
		b->visitors = rbuf_u16(r);
		b->visited = rbuf_u16(r);
		b->lines = rbuf_u16(r);
	}
}

static size_t
boards_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_boards && i < SNAP_MAX_BOARDS; i++)
		n += 12 + strlen(s->boards[i].site);
	return n;
}

static void
boards_shed(struct snapshot *s)
{
	s->n_boards /= 2;
}

static int
charts_present(const struct snapshot *s)
{
	return story_current(s) && s->n_charts > 0;
}

static void
charts_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u8(w, s->n_charts);
	for (unsigned i = 0; i < s->n_charts && i < SNAP_STORY_CHARTS; i++) {
		const struct snap_chart *c = &s->charts[i];

		wbuf_u8(w, c->board);
		put_double(w, c->median);
		wbuf_u16(w, c->n_points);
		for (unsigned k = 0; k < c->n_points && k < SNAP_STORY_POINTS;
		    k++) {
			wbuf_str(w, c->points[k].period);
			put_double(w, c->points[k].value);
		}
		wbuf_u8(w, c->n_signals);
		for (unsigned k = 0; k < c->n_signals &&
		    k < SNAP_STORY_SIGNALS; k++) {
			const struct snap_story_signal *g = &c->signals[k];

			wbuf_u8(w, g->rule);
			wbuf_u8(w, g->above);
			wbuf_u16(w, g->from);
			wbuf_u16(w, g->to);
			wbuf_str(w, g->text);
		}
	}
}

static void
charts_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_charts = rbuf_u8(r);
	if (s->n_charts > SNAP_STORY_CHARTS) {
		r->err = "too many run charts";
		return;
	}
	for (unsigned i = 0; i < s->n_charts && r->err == NULL; i++) {
		struct snap_chart *c = &s->charts[i];

		c->board = rbuf_u8(r);
		c->median = get_double(r);
		c->n_points = rbuf_u16(r);
		if (c->n_points > SNAP_STORY_POINTS) {
			r->err = "too many points in a run chart";
			return;
		}
		for (unsigned k = 0; k < c->n_points && r->err == NULL; k++) {
			rbuf_str(r, c->points[k].period,
			    sizeof c->points[k].period);
			c->points[k].value = get_double(r);
		}
		c->n_signals = rbuf_u8(r);
		if (c->n_signals > SNAP_STORY_SIGNALS) {
			r->err = "too many signals in a run chart";
			return;
		}
		for (unsigned k = 0; k < c->n_signals && r->err == NULL; k++) {
			struct snap_story_signal *g = &c->signals[k];

			g->rule = rbuf_u8(r);
			g->above = rbuf_u8(r);
			g->from = rbuf_u16(r);
			g->to = rbuf_u16(r);
			rbuf_str(r, g->text, sizeof g->text);
			if (r->err == NULL && (g->from > g->to || g->to >=
			    c->n_points))
				r->err = "a signal outside its run chart";
		}
	}
}

static int
lines_present(const struct snapshot *s)
{
	return story_current(s) && (s->n_story_lines > 0 ||
	    s->more_story_lines > 0);
}

static void
lines_encode(struct wbuf *w, const struct snapshot *s)
{
	wbuf_u16(w, s->n_story_lines);
	wbuf_u16(w, s->more_story_lines);
	for (unsigned i = 0; i < s->n_story_lines && i < SNAP_STORY_LINES;
	    i++) {
		const struct snap_story_line *l = &s->story_lines[i];

		wbuf_u32(w, l->id);
		wbuf_u8(w, l->board);
		wbuf_u8(w, l->round);
		wbuf_u8(w, l->part);
		wbuf_u8(w, l->flags);
		wbuf_str(w, l->author);
		wbuf_str(w, l->site);
		wbuf_str(w, l->text);
	}
}

static void
lines_decode(struct rbuf *r, struct snapshot *s)
{
	s->n_story_lines = rbuf_u16(r);
	s->more_story_lines = rbuf_u16(r);
	if (s->n_story_lines > SNAP_STORY_LINES) {
		r->err = "too many lines of feedback";
		return;
	}
	for (unsigned i = 0; i < s->n_story_lines && r->err == NULL; i++) {
		struct snap_story_line *l = &s->story_lines[i];

		l->id = rbuf_u32(r);
		l->board = rbuf_u8(r);
		l->round = rbuf_u8(r);
		l->part = rbuf_u8(r);
		l->flags = rbuf_u8(r);
		rbuf_str(r, l->author, sizeof l->author);
		rbuf_str(r, l->site, sizeof l->site);
		rbuf_str(r, l->text, sizeof l->text);
		if (r->err == NULL && l->part >= STORY_PARTS)
			r->err = "bad part of feedback";
	}
}

static size_t
lines_bytes(const struct snapshot *s)
{
	size_t n = 0;

	for (unsigned i = 0; i < s->n_story_lines && i < SNAP_STORY_LINES;
	    i++)
		n += 16 + strlen(s->story_lines[i].author) +
		    strlen(s->story_lines[i].site) +
		    strlen(s->story_lines[i].text);
	return n;
}

/* The oldest half goes (the list is newest first). */
static void
lines_shed(struct snapshot *s)
{
	unsigned keep = s->n_story_lines / 2;

	s->more_story_lines = (uint16_t)(s->more_story_lines +
	    (s->n_story_lines - keep));
	s->n_story_lines = (uint16_t)keep;
}

static const struct wire_section head_sec = {
	.tag = SEC_STORY_HEAD, .place = 200, .present = story_current,
	.encode = head_encode, .decode = head_decode,
};

static const struct wire_section boards_sec = {
	.tag = SEC_STORY_BOARDS, .place = 201, .present = boards_present,
	.encode = boards_encode, .decode = boards_decode,
	.shed_rank = 5, .list_bytes = boards_bytes, .shed = boards_shed
};

static const struct wire_section charts_sec = {
	.tag = SEC_STORY_CHARTS, .place = 202, .present = charts_present,
	.encode = charts_encode, .decode = charts_decode,
};

static const struct wire_section lines_sec = {
	.tag = SEC_STORY_LINES, .place = 203, .present = lines_present,
	.encode = lines_encode, .decode = lines_decode,
	.shed_rank = 6, .list_bytes = lines_bytes, .shed = lines_shed
};

static const struct wire_section *const storyboard_sections[] = {
	&head_sec, &boards_sec, &charts_sec, &lines_sec, NULL
};

const struct kind_wire storyboard_wire = { .sections = storyboard_sections };
