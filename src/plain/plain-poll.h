/* plain-poll.h: the poll in line mode, shared by src/plain-poll*.c. */
#ifndef CONVENE_PLAIN_POLL_H
#define CONVENE_PLAIN_POLL_H

#include "plain-int.h"

/* plain-poll-parse.c */
int	plain_poll_parse(const struct plain_view *, const struct snapshot *,
	    const char *, struct plain_input *);
void	plain_poll_help(const struct plain_view *, const struct snapshot *,
	    const struct plain_out *);

#endif
