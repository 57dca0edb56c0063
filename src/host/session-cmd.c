/* session-cmd.c: the facilitator's commands, from keys or `convene ctl`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"

/*
 * Every command returns an exit status (0 done, 1 refused with a reason a
 * facilitator can act on, 2 usage) and writes a one-line reply.  Each
 * change is saved to the store so `--resume` finds the session as it was.
 */

/* Move to item `to`, closing an open one first: answers become final. */
static int
go(struct session *s, int to, char *out, size_t n)
{
	if (to < 0 || to >= (int)s->plan->n_acts) {
		snprintf(out, n, "there is no activity %d (the plan has %zu)",
		    to + 1, s->plan->n_acts);
		return 1;
	}
	if (s->current >= 0 && s->runs[s->current].state == ACT_OPEN &&
	    session_set_state(s, ACT_CLOSED, out, n) != 0)
		return 1;
	s->current = to;
	if (session_save(s, out, n) != 0)
		return 1;
	snprintf(out, n, "activity %d of %zu: %s (%s)", to + 1,
	    s->plan->n_acts, s->plan->acts[to].title,
	    s->plan->acts[to].runnable ? act_state_name(s->runs[to].state) :
	    "coming in a later version");
	return 0;
}

static int
need_current(struct session *s, char *out, size_t n)
{
	if (s->current < 0) {
		snprintf(out, n, "%s", SESSION_NO_CURRENT);
		return 1;
	}
	return 0;
}

/* Hide a free-text answer from shared screens, or show it again. */
static int
moderate(struct session *s, int argc, char **argv, char *out, size_t n)
{
	struct act_run *run = &s->runs[s->current];
	long id;
	char *end;
	int hidden = 1, rc;

	if (argc < 2 || argc > 3 || (id = strtol(argv[1], &end, 10)) <= 0 ||
	    *end != '\0' || (argc == 3 && strcmp(argv[2], "show") != 0 &&
	    strcmp(argv[2], "hide") != 0)) {
		snprintf(out, n, "usage: moderate ANSWER-ID [hide|show]");
		return 2;
	}
	for (int i = 0; i < run->res.n_texts; i++)
		if (run->res.texts[i].id == (uint32_t)id && argc == 2)
			hidden = !run->res.texts[i].hidden;
	if (argc == 3)
		hidden = argv[2][0] == 'h';
	rc = store_answer_hide(s->store, run->store_id, id, hidden);
	if (rc < 0) {
		snprintf(out, n, "could not save: %s", store_error(s->store));
		return 1;
	}
	if (rc == 0) {
		snprintf(out, n, "no answer %ld in this activity", id);
		return 1;
	}
	s->tallies_stale = 1;
	s->seq++;
	snprintf(out, n, hidden ? "answer %ld hidden from shared screens" :
	    "answer %ld shown again", id);
	return 0;
}

/* Mark a line of a shared note as a theme for the harvest (or unmark). */
static int
theme(struct session *s, int argc, char **argv, char *out, size_t n)
{
	long id;
	char *end;
	int on = 1, rc;

	if (argc < 2 || argc > 3 || (id = strtol(argv[1], &end, 10)) <= 0 ||
	    *end != '\0' || (argc == 3 && strcmp(argv[2], "on") != 0 &&
	    strcmp(argv[2], "off") != 0)) {
		snprintf(out, n, "usage: theme NOTE-ID [on|off]");
		return 2;
	}
	if (argc == 3)
		on = argv[2][1] == 'n';
	rc = store_note_theme(s->store, s->runs[s->current].store_id, id, on);
	if (rc < 0) {
		snprintf(out, n, "could not save: %s", store_error(s->store));
		return 1;
	}
	if (rc == 0) {
		snprintf(out, n, "no line %ld in this activity", id);
		return 1;
	}
	s->tallies_stale = 1;
	s->seq++;
	snprintf(out, n, on ? "line %ld marked as a theme" : "line %ld is no "
	    "longer a theme", id);
	return 0;
}

/*
 * The command a kind adds (the breakout's recall and move) by its name;
 * with no name, their names as "recall, move, " into `list`.
 */
static const struct kind_cmd *
kind_command(const char *name, char *list, size_t cap)
{
	size_t used = 0;

	if (list != NULL)
		list[0] = '\0';
	for (unsigned k = 0; k < ACT_KIND_MAX; k++) {
		const struct activity_ops *ops = activity_ops((enum act_kind)k);

		if (ops->kind != (enum act_kind)k || ops->commands == NULL)
			continue;	/* a kind sharing another's table */
		for (const struct kind_cmd *c = ops->commands; c->name; c++) {
			if (name != NULL && strcmp(c->name, name) == 0)
				return c;
			if (list != NULL && used < cap)
				used += (size_t)snprintf(list + used, cap - used,
				    "%s, ", c->name);
		}
	}
	return NULL;
}

int
session_command(struct session *s, int argc, char **argv, char *out,
    size_t n)
{
	const char *cmd = argc > 0 ? argv[0] : "";
	const struct kind_cmd *kc;
	struct act_run *run;
	char info[256];
	long m;
	int rc;

	out[0] = '\0';
	if (strcmp(cmd, "status") == 0)
		return session_status(s, out, n) == 0 ? 0 : 1;
	session_touch(s, NULL, DIRTY_ALL);
	if (strcmp(cmd, "next") == 0) {
		const struct activity_ops *ops = s->current >= 0 ?
		    activity_ops(s->plan->acts[s->current].kind) : NULL;

		/* An activity with steps (café rounds) moves through them
		 * first, then closes to its harvest; the next `next` leaves. */
		if (ops != NULL && ops->advance != NULL &&
		    s->runs[s->current].state == ACT_OPEN) {
			int r = ops->advance(s, s->current, out, n);

			if (r != 0)
				return r < 0 ? 1 :
				    session_save(s, out, n) ? 1 : 0;
			if (session_set_state(s, ACT_CLOSED, out, n) != 0)
				return 1;
			snprintf(out, n, "%s closed: the harvest is on every "
			    "screen; next moves on", s->plan->acts[
			    s->current].id);
			return 0;
		}
		return go(s, s->current + 1, out, n);
	}
	if (strcmp(cmd, "prev") == 0) {
		if (s->current <= 0) {
			snprintf(out, n, "already at the start of the agenda");
			return 1;
		}
		return go(s, s->current - 1, out, n);
	}
	if (strcmp(cmd, "goto") == 0) {
		char *end;
		long to = argc == 2 ? strtol(argv[1], &end, 10) : 0;

		if (argc != 2 || *argv[1] == '\0' || *end != '\0') {
			snprintf(out, n, "usage: goto N (counting from 1)");
			return 2;
		}
		return go(s, (int)to - 1, out, n);
	}
	if (strcmp(cmd, "say") == 0) {
		char text[TEXT_MAX_LEN + 1] = "";

		for (int i = 1; i < argc; i++) {
			size_t used = strlen(text);

			snprintf(text + used, sizeof text - used, "%s%s",
			    i > 1 ? " " : "", argv[i]);
		}
		util_sanitize(text, sizeof text);
		util_strlcpy(s->banner, text, sizeof s->banner);
		s->seq++;
		snprintf(out, n, *text ? "message shown to everyone" :
		    "message cleared");
		return 0;
	}
	if (strcmp(cmd, "end") == 0) {
		if (s->current >= 0 && s->runs[s->current].state == ACT_OPEN)
			session_set_state(s, ACT_CLOSED, out, n);
		if (store_session_end(s->store, s->id) != 0) {
			snprintf(out, n, "could not end: %s",
			    store_error(s->store));
			return 1;
		}
		s->ended = 1;
		s->seq++;
		snprintf(out, n, "session %lld ended", (long long)s->id);
		return 0;
	}
	if (strcmp(cmd, "bysite") == 0) {
		if (argc > 2 || (argc == 2 && strcmp(argv[1], "on") != 0 &&
		    strcmp(argv[1], "off") != 0)) {
			snprintf(out, n, "usage: bysite [on|off]");
			return 2;
		}
		s->by_site = argc == 2 ? argv[1][1] == 'n' : !s->by_site;
		s->seq++;
		snprintf(out, n, s->by_site ? "results by site (sites under "
		    "%d answers fold into \"other sites\" on shared screens)" :
		    "results for everyone together", s->min_group);
		return 0;
	}
	if ((kc = kind_command(cmd, NULL, 0)) != NULL)
		return kc->exec(s, argc, argv, out, n);
	if (strcmp(cmd, "open") != 0 && strcmp(cmd, "close") != 0 &&
	    strcmp(cmd, "reveal") != 0 && strcmp(cmd, "hide") != 0 &&
	    strcmp(cmd, "timer") != 0 && strcmp(cmd, "extend") != 0 &&
	    strcmp(cmd, "moderate") != 0 && strcmp(cmd, "theme") != 0) {
		char kinds[200];

		kind_command(NULL, kinds, sizeof kinds);
		snprintf(out, n, "unknown command \"%s\" (try next, prev, goto, "
		    "open, close, reveal, hide, timer, extend, %s"
		    "say, bysite, moderate, theme, status, end)", cmd, kinds);
		return 2;
	}
	if ((rc = need_current(s, out, n)) != 0)
		return rc;
	run = &s->runs[s->current];
	if (strcmp(cmd, "open") == 0) {
		if (!s->plan->acts[s->current].runnable) {
			snprintf(out, n, "%s activities are coming in a later "
			    "version of convene; use next to move on",
			    act_kind_name(s->plan->acts[s->current].kind));
			return 1;
		}
		if (run->state == ACT_OPEN) {
			snprintf(out, n, "already open");
			return 0;
		}
		{
			const struct activity_ops *ops = activity_ops(
			    s->plan->acts[s->current].kind);

			if (ops->open != NULL && ops->open(s, s->current, out,
			    n) != 0)
				return 1;
		}
		/* What open said on success (the café: why fewer tables). */
		util_strlcpy(info, out, sizeof info);
		rc = session_set_state(s, ACT_OPEN, out, n);
		if (rc == 0)
			snprintf(out, n, "opened %s%s%s", s->plan->acts[
			    s->current].id, info[0] ? ": " : "", info);
		return rc;
	}
	if (strcmp(cmd, "close") == 0) {
		if (run->state != ACT_OPEN) {
			snprintf(out, n, "not open");
			return 1;
		}
		rc = session_set_state(s, ACT_CLOSED, out, n);
		if (rc == 0)
			snprintf(out, n, "closed %s", s->plan->acts[
			    s->current].id);
		return rc;
	}
	if (strcmp(cmd, "reveal") == 0 || strcmp(cmd, "hide") == 0) {
		run->revealed = cmd[0] == 'r';
		rc = session_save(s, out, n);
		if (rc == 0)
			snprintf(out, n, run->revealed ? "results shown to "
			    "everyone" : "results hidden from participants");
		return rc;
	}
	if (strcmp(cmd, "moderate") == 0)
		return moderate(s, argc, argv, out, n);
	if (strcmp(cmd, "theme") == 0)
		return theme(s, argc, argv, out, n);
	if ((rc = util_minutes_arg(argc, argv, &m, out, n)) != 0)
		return rc;
	if (run->state != ACT_OPEN) {
		snprintf(out, n, "open the activity before setting its timer");
		return 1;
	}
	run->warned = 0;
	if (cmd[0] == 't')
		run->deadline_ms = m > 0 ? s->now() + m * 60000 : 0;
	else if (run->deadline_ms > 0)
		run->deadline_ms += m * 60000;
	else
		run->deadline_ms = s->now() + m * 60000;
	s->seq++;
	snprintf(out, n, run->deadline_ms ? "timer: %lld s left" :
	    "timer cleared", (long long)((run->deadline_ms - s->now() + 999) /
	    1000));
	return 0;
}
