/* plain-form.c: an assessment or evaluation as plain lines, one question
 * at a time, each with its scale's labels in words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "plain-int.h"

/* A form's scale; a label that starts with its value loses the value. */
static void
slot_points(const struct snapshot *s, const struct snap_slot *sl,
    const struct plain_out *out)
{
	const struct snap_scale *sc = &s->scales[sl->scale < SNAP_MAX_SCALES ?
	    sl->scale : 0];
	char value[SNAP_MAX_OPTIONS][8];
	const char *word[SNAP_MAX_OPTIONS];
	int n = sc->n < SNAP_MAX_OPTIONS ? sc->n : SNAP_MAX_OPTIONS;

	for (int i = 0; i < n; i++) {
		size_t vl = strlen(sc->values[i]);

		snprintf(value[i], sizeof value[i], "%s", sc->values[i]);
		word[i] = sc->labels[i];
		if (strncmp(word[i], sc->values[i], vl) == 0 &&
		    (word[i][vl] == ' ' || word[i][vl] == '\0'))
			word[i] += vl + (word[i][vl] == ' ');
	}
	if (n > 0)
		plain_points(out, n, value, word);
}

/* The form's question `form_cur`, unless it was the last one read out. */
void
plain_form_next(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	const struct snap_slot *sl;
	char list[PLAIN_LINE_MAX] = "";
	int done = 0, open = 0;

	if (s->kind != ACT_ASSESS && s->kind != ACT_FEEDBACK)
		return;
	if (s->state != ACT_OPEN || v->form_asked == v->form_cur ||
	    plain_rate_picking(s))
		return;
	v->form_asked = v->form_cur;
	if (v->form_cur >= s->n_slots) {
		for (int i = 0; i < s->n_slots; i++) {
			if (s->slots[i].mine[0] != '\0')
				done++;
			else
				plain_add(list, sizeof list, "%s%d", open++ ? ", " : "",
				    i + 1);
		}
		plain_say(out, "End of the form: you answered %d of %d.", done,
		    s->n_slots);
		if (list[0] != '\0')
			plain_say(out, "Not answered: %s.", list);
		plain_say(out, s->submitted ? "Submitted. You can still change "
		    "answers with go N until the form closes." : "Type submit "
		    "to send the form, or go N to change an answer.");
		return;
	}
	sl = &s->slots[v->form_cur];
	plain_say(out, "Question %d of %d: %s", v->form_cur + 1, s->n_slots,
	    sl->text);
	if (sl->kind == SLOT_TEXT)
		plain_say(out, "Type your answer, up to %d characters, or skip.",
		    PLAIN_TEXT_MAX);
	else
		slot_points(s, sl, out);
	if (sl->mine[0] != '\0')
		plain_say(out, "Your answer: %s.", sl->mine);
}

static void
form_block(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int again)
{
	int done = 0;

	for (int i = 0; i < s->n_slots; i++)
		done += s->slots[i].mine[0] != '\0';
	plain_say(out, "Form: %s, %d questions.", s->form_title, s->n_slots);
	if (s->form_by)
		plain_say(out, "One answer per site: agree it with your team.");
	if (s->state != ACT_OPEN) {
		plain_say(out, "Form closed. Thank you.");
		return;
	}
	if (!again) {
		v->form_cur = snapshot_first_blank(s);
		plain_say(out, "One question at a time: type your answer; skip, "
		    "back, go N and submit move around.");
		if (done > 0 && done < s->n_slots)
			plain_say(out, "You answered %d of %d: carrying on at "
			    "question %d.", done, s->n_slots, v->form_cur + 1);
	}
	v->submitted = s->submitted;
	v->form_asked = -1;
	plain_form_next(v, s, out);
}

static void
render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
	if (s->rate_mode && s->state == ACT_OPEN) {
		plain_rate_render(v, s, out, full, again);
		v->state = s->state;
		return;
	}
	if (full)
		form_block(v, s, out, again);
	else if (v->state != s->state && s->state == ACT_CLOSED)
		plain_say(out, "Form closed. Thank you.");
	else if (v->state != s->state)
		form_block(v, s, out, 0);
	else if (s->submitted && !v->submitted && s->form_by)
		plain_say(out, "Form submitted for your site.");
	v->submitted = s->submitted;
}

/* A form: answers go to the question being asked; words move around. */
static int
parse(const struct plain_view *v, const struct snapshot *s,
    const char *line, struct plain_input *in)
{
	const struct snap_slot *sl;
	const struct snap_scale *sc;
	char value[VALUE_MAX_LEN + 1], *end;
	long n;

	if (s->rate_mode && plain_rate_parse(v, s, line, in))
		return in->what;
	in->slot = v->form_cur;
	if (strcasecmp(line, "skip") == 0 || strcasecmp(line, "next") == 0) {
		if (v->form_cur >= s->n_slots)
			return plain_error(in, "This is the end of "
			    "the form: type submit.");
		in->slot = v->form_cur + 1;
		return in->what = PW_MOVE;
	}
	if (strcasecmp(line, "back") == 0) {
		if (v->form_cur <= 0)
			return plain_error(in, "This is the first question.");
		in->slot = v->form_cur - 1;
		return in->what = PW_MOVE;
	}
	if (strncasecmp(line, "go ", 3) == 0) {
		n = strtol(line + 3, &end, 10);
		if (*end != '\0' || n < 1 || n > s->n_slots)
			return plain_error(in, "Pick a question 1-%d.",
			    s->n_slots);
		in->slot = (int)n - 1;
		return in->what = PW_MOVE;
	}
	if (strcasecmp(line, "submit") == 0) {
		in->slot = -1;
		return plain_answer(in, "submit", "Submitted. Thank you. "
		    "You can still change answers until the "
		    "form closes.");
	}
	if (v->form_cur >= s->n_slots)
		return plain_error(in, "End of the form: type "
		    "submit, or go N to change an "
		    "answer.");
	sl = &s->slots[v->form_cur];
	if (sl->kind == SLOT_TEXT) {
		snprintf(value, sizeof value, "%s=", sl->id);
		if (!plain_text_ok(in, value, line))
			return PW_ERROR;
		snprintf(value, sizeof value, "%s=%s", sl->id, line);
		return plain_answer(in, value, "Saved, question %d: "
		    "%zu characters.", v->form_cur + 1,
		    util_utf8_chars(line));
	}
	sc = &s->scales[sl->scale < SNAP_MAX_SCALES ? sl->scale : 0];
	for (int i = 0; i < sc->n && i < SNAP_MAX_OPTIONS; i++) {
		const char *w = sc->labels[i];
		size_t vl = strlen(sc->values[i]);

		if (strncmp(w, sc->values[i], vl) == 0 && w[vl] == ' ')
			w += vl + 1;
		if (plain_point(line, sc->values[i]) || strcasecmp(line, w) ==
		    0) {
			snprintf(value, sizeof value, "%s=%s", sl->id,
			    sc->values[i]);
			return plain_answer(in, value, "Saved, question "
			    "%d: %s.", v->form_cur + 1, sc->labels[i]);
		}
	}
	if (sc->n == 0)
		return plain_error(in, "This question takes no "
		    "answer: type skip.");
	return plain_error(in, "Pick %s-%s, or type skip.", sc->values[0],
	    sc->values[sc->n - 1]);
}

static void
status(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	int done = 0;

	if (plain_rate_picking(s)) {
		plain_rate_list(s, out);
		return;
	}
	for (int i = 0; i < s->n_slots; i++)
		done += s->slots[i].mine[0] != '\0';
	if (v->form_cur < s->n_slots)
		plain_say(out, "You answered %d of %d questions%s; now "
		    "at question %d.", done, s->n_slots, s->submitted ?
		    " and submitted" : "", v->form_cur + 1);
	else
		plain_say(out, "You answered %d of %d questions%s; now "
		    "at the end.", done, s->n_slots, s->submitted ?
		    " and submitted" : "");
}

static void
help(const struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out)
{
	if (plain_rate_picking(s)) {
		plain_say(out, "Now: type the number of the site to rate.");
		return;
	}
	plain_say(out, "Now: type the answer to question %d. skip or "
	    "next, back, go N and submit move around the form.%s",
	    v->form_cur + 1, s->rate_mode ? " sites goes back to the list "
	    "of sites." : "");
}

/* A form moves on at once, so lines typed ahead answer the next
 * questions; the next question is read out with the ack. */
static void
sent(struct plain_view *v, const struct plain_input *in)
{
	if (strcmp(in->answer, "submit") == 0)
		v->submitted = 1;	/* no news when it comes back */
	if (in->slot >= 0 && v->form_cur == in->slot)
		v->form_cur = in->slot + 1;
}

/* The next question once the answers are in, or the refused one again.
 * The end of the form counts answers: it waits for the snapshot that
 * brings the last one. */
static int
acked(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int ok, int slot)
{
	if (!ok && slot >= 0)
		v->form_cur = slot;
	if (v->form_cur < s->n_slots) {
		plain_form_next(v, s, out);
		return 0;
	}
	return 1;
}

static void
move(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int slot)
{
	v->form_cur = slot;
	v->form_asked = -1;
	plain_form_next(v, s, out);
}

const struct plain_kind plain_kind_form = {
	.render = render,
	.status = status,
	.parse = parse,
	.help = help,
	.sent = sent,
	.acked = acked,
	.move = move,
	.next = plain_form_next,
};
