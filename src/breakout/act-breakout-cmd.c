/* act-breakout-cmd.c: the breakout's ctl commands, recall and move. */
#include <stdio.h>
#include <stdlib.h>

#include "convene.h"
#include "act-breakout.h"

/* `recall MINUTES`: everyone back, with a countdown on every screen. */
static int
recall(struct session *s, int argc, char **argv, char *out, size_t n)
{
	long m;
	int rc;

	if ((rc = util_minutes_arg(argc, argv, &m, out, n)) != 0)
		return rc;
	if (s->current < 0) {
		snprintf(out, n, "%s", SESSION_NO_CURRENT);
		return 1;
	}
	return breakout_recall(s, (int)m, out, n);
}

/* `move PARTICIPANT-ID GROUP`: GROUP is a number or a group's name. */
static int
move(struct session *s, int argc, char **argv, char *out, size_t n)
{
	long id;
	char *end;

	if (argc != 3 || (id = strtol(argv[1], &end, 10)) <= 0 ||
	    *end != '\0') {
		snprintf(out, n, "usage: move PARTICIPANT-ID GROUP");
		return 2;
	}
	if (s->current < 0) {
		snprintf(out, n, "%s", SESSION_NO_CURRENT);
		return 1;
	}
	return breakout_move(s, id, argv[2], out, n);
}

const struct kind_cmd breakout_commands[] = {
	{ "recall", recall },
	{ "move", move },
	{ NULL, NULL }
};
