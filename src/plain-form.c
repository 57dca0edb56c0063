/* plain-form.c: an assessment or evaluation as plain lines, one question
 * at a time, each with its scale's labels in words. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "plain.h"

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
	if (s->state != ACT_OPEN || v->form_asked == v->form_cur)
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

void
plain_render_form(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
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
