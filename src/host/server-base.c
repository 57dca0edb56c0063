/* server-base.c: what every part of the host uses: its log, and
 * re-reading the tallies.  It calls no other server file, so the host's
 * files call one way: server.c, server-intent.c, server-client.c, here. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "server.h"

void
server_log(struct server *srv, const char *fmt, ...)
{
	va_list ap;
	char when[32];
	time_t t = time(NULL);
	struct tm tm;

	if (srv->log == NULL)
		return;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	fprintf(srv->log, "%s convene: ", when);
	va_start(ap, fmt);
	vfprintf(srv->log, fmt, ap);
	va_end(ap);
	fputc('\n', srv->log);
	fflush(srv->log);
}

/* Re-read the tallies, and learn what that costs. */
void
server_refresh(struct server *srv)
{
	uint64_t t0 = uv_hrtime();

	if (!srv->sess->tallies_stale)
		return;
	session_refresh(srv->sess);
	srv->refresh_at = uv_hrtime();
	srv->refresh_cost = srv->refresh_at - t0;
}
