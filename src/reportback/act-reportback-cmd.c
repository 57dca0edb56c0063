/* act-reportback-cmd.c: the report-back's ctl command, show. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "act-reportback.h"

/* `show [SITE]`: a site's report to the room; alone, every site's tally.
 * A site's name of several words may come as several arguments. */
static int
show(struct session *s, int argc, char **argv, char *out, size_t n)
{
	char site[SITE_MAX_LEN + 1] = "";
	size_t used = 0;

	for (int i = 1; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (used + len + (i > 1) > SITE_MAX_LEN) {
			snprintf(out, n, "usage: show [SITE] (a site's name is "
			    "at most %d bytes)", SITE_MAX_LEN);
			return 2;
		}
		if (i > 1)
			site[used++] = ' ';
		memcpy(site + used, argv[i], len + 1);
		used += len;
	}
	if (s->current < 0) {
		snprintf(out, n, "%s", SESSION_NO_CURRENT);
		return 1;
	}
	return reportback_show(s, site, out, n);
}

const struct kind_cmd reportback_commands[] = {
	{ "show", show },
	{ NULL, NULL }
};
