/* plain-form-rate.c: faculty rating each site of a `rater = faculty` form, as plain lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene.h"
#include "plain-int.h"

/*
 * A faculty member first hears the list of sites, numbered, each with
 * "rated" or "started"; typing a number (or a site's name) rates that
 * site: its questions follow one at a time, as for any form.  "submit"
 * sends that site's rating and comes back to the list; "sites" comes
 * back without submitting.
 */

int
plain_rate_picking(const struct snapshot *s)
{
	return s->rate_mode && s->rate_cur == RATE_PICK;
}

void
plain_rate_list(const struct snapshot *s, const struct plain_out *out)
{
	char list[PLAIN_LINE_MAX] = "";
	int done = 0;

	if (s->n_rate == 0) {
		plain_say(out, "No sites to rate yet: sites appear as their "
		    "people join.");
		return;
	}
	for (int i = 0; i < s->n_rate; i++) {
		done += s->rate[i].state == RATE_DONE;
		plain_add(list, sizeof list, "%s%d %s%s", i ? ", " : "", i + 1,
		    s->rate[i].site, s->rate[i].state == RATE_DONE ?
		    " (rated)" : s->rate[i].state == RATE_STARTED ?
		    " (started)" : "");
	}
	plain_say(out, "Sites to rate, %d of %d rated: %s.", done, s->n_rate,
	    list);
	plain_say(out, done == s->n_rate ? "All sites rated, thank you. Type "
	    "a site's number to change its rating." : "Type a site's number "
	    "to rate it.");
}

void
plain_rate_render(struct plain_view *v, const struct snapshot *s,
    const struct plain_out *out, int full, int again)
{
	const char *site = plain_rate_picking(s) ? "" :
	    s->rate[s->rate_cur].site;

	if (full) {
		plain_say(out, "Form: %s, %d questions. You rate each site, as "
		    "faculty.", s->form_title, s->n_slots);
		v->rate_said = 0;
	}
	if (!full && !again && v->rate_said && strcmp(v->rating, site) == 0)
		return;
	v->rate_said = 1;
	snprintf(v->rating, sizeof v->rating, "%s", site);
	v->form_asked = -1;
	if (plain_rate_picking(s)) {
		plain_rate_list(s, out);
		return;
	}
	v->form_cur = snapshot_first_blank(s);
	plain_say(out, "Rating %s. One question at a time: skip, back, go N "
	    "and submit move around; sites goes back to the list.", site);
	plain_form_next(v, s, out);
}

/* A line while faculty pick a site, or "sites" while rating one; 0 for
 * a line the form itself takes. */
int
plain_rate_parse(const struct plain_view *v, const struct snapshot *s,
    const char *line, struct plain_input *in)
{
	char value[VALUE_MAX_LEN + 1], *end;
	long n;

	(void)v;
	in->slot = -1;
	if (!plain_rate_picking(s)) {
		if (strcasecmp(line, "sites") != 0)
			return 0;
		plain_answer(in, "@rate=", "Back to the list of sites.");
		return 1;
	}
	if (s->n_rate == 0) {
		plain_error(in, "No sites to rate yet: sites appear as their "
		    "people join.");
		return 1;
	}
	n = strtol(line, &end, 10);
	if (*end != '\0' || end == line) {
		n = 0;
		for (int i = 0; i < s->n_rate && n == 0; i++)
			if (strcasecmp(line, s->rate[i].site) == 0)
				n = i + 1;
	}
	if (n < 1 || n > s->n_rate) {
		plain_error(in, "Type a site's number, 1-%d.", s->n_rate);
		return 1;
	}
	snprintf(value, sizeof value, "@rate=%s", s->rate[n - 1].site);
	plain_answer(in, value, "Chosen: %s.", s->rate[n - 1].site);
	return 1;
}
