/* rehearse.h: simulated participants that join through the protocol. */
#ifndef CONVENE_REHEARSE_H
#define CONVENE_REHEARSE_H

#include <uv.h>

struct rehearsal;

/* rehearse.c */
struct rehearsal *rehearse_start(uv_loop_t *, const char *, const char *,
	    int);
void	rehearse_stop(struct rehearsal *);
void	rehearse_free(struct rehearsal *);

#endif
