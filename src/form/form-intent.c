/* form-intent.c: a participant's form message, read and checked against the form. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "act-form-run.h"

/*
 * "ITEM=VALUE" saves one answer (empty clears it); "submit" marks the
 * form done.  Values are checked against the item's scale or options.
 * Puts the row's item and value in `item` and `text`; returns the slot,
 * FORM_SUBMIT, or -1 with a reason.
 */
int
form_parse_intent(const struct form *f, const char *value, char *item,
    size_t item_n, char *text, size_t text_n, char *why, size_t n)
{
	const char *eq = strchr(value, '=');
	int k;

	if (strcmp(value, "submit") == 0) {
		util_strlcpy(item, "_submitted", item_n);
		util_strlcpy(text, "1", text_n);
		return FORM_SUBMIT;
	}
	if (eq == NULL || (size_t)(eq - value) >= item_n) {
		snprintf(why, n, "unknown form message");
		return -1;
	}
	snprintf(item, item_n, "%.*s", (int)(eq - value), value);
	util_strlcpy(text, eq + 1, text_n);
	if ((k = form_slot_of(f, item)) < 0) {
		snprintf(why, n, "this form has no item %s", item);
		return -1;
	}
	if (f->slots[k].kind == SLOT_TEXT) {
		if (util_text_check(text, 0, why, n) != 0)
			return -1;
		/* A commitment's "by when": the same rules as in breakouts,
		 * stored as its day and the words. */
		if (f->items[f->slots[k].item].kind == FORM_COMMITMENT &&
		    form_when_slot(item) && text[0] != '\0' &&
		    commit_check(COMMIT_DUE, text, why, n) != 0)
			return -1;
	} else if (text[0] != '\0') {
		const struct snap_scale *sc = &f->scales[f->slots[k].scale];
		int ok = 0;

		for (int i = 0; i < sc->n; i++)
			ok |= strcmp(sc->values[i], text) == 0;
		if (!ok) {
			snprintf(why, n, "%s is not on the scale of %s", text,
			    item);
			return -1;
		}
	}
	return k;
}
