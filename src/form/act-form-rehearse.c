/* act-form-rehearse.c: a simulated participant filling in a form. */
#include <stdio.h>

#include "kind-rehearse.h"
#include "act-form.h"

/* One question at a time, until submitted. */
static int
think_form(struct rehearser *r, const struct snapshot *s)
{
	if (s->n_slots == 0 || s->submitted || r->thinking)
		return 0;
	return 300;
}

/* The next question of a form, or "submit" when all are answered. */
static int
answer_form(struct rehearser *r, const struct snapshot *s, char *out,
    size_t n)
{
	for (int i = 0; i < s->n_slots; i++) {
		const struct snap_slot *sl = &s->slots[i];

		if (sl->mine[0] != '\0')
			continue;
		if (sl->kind == SLOT_TEXT && form_when_slot(sl->id))
			snprintf(out, n, "%s=in 2 weeks", sl->id);	/* due.c */
		else if (sl->kind == SLOT_TEXT)
			snprintf(out, n, "%s=%s", sl->id,
			    rehearse_text(&r->seed));
		else {
			const struct snap_scale *sc = &s->scales[sl->scale];
			/* Somewhat agreeing people, as rooms tend to be. */
			int p = (int)(sc->n * (0.45 + 0.5 *
			    rehearse_uniform(&r->seed)));

			snprintf(out, n, "%s=%s", sl->id, sc->values[p >= sc->n ?
			    sc->n - 1 : p]);
		}
		return 0;
	}
	if (s->submitted)
		return -1;
	snprintf(out, n, "submit");
	return 0;
}

const struct kind_rehearse form_rehearse = {
	.think = think_form,
	.answer = answer_form,
};
