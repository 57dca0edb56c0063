/* usage.c: every command's usage line and options, for --help and errors.
 * The SYNOPSIS of convene(1) says the same; tests/e2e-usage.sh checks
 * that both name the same options and ctl commands. */
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "usage.h"

struct usage {
	const char *name;
	const char *synopsis;	/* after "convene ", wrapped by hand */
	const char *options;	/* for `convene NAME --help` */
};

static const struct usage usages[] = {
	{ "host",
	  "host PLAN [--db PATH] [--socket PATH] [--code CODE] [--ssh [ADDR:]PORT]\n"
	  "       [--faculty-code CODE] [--roster CSV] [--headless] [--resume]\n"
	  "       [--rehearse N]",
	  "Serve a session of PLAN and show the facilitator's dashboard.\n"
	  "  --db PATH        the database (default $CONVENE_DB, else\n"
	  "                   ~/.local/share/convene/convene.db)\n"
	  "  --socket PATH    the socket to serve (default $CONVENE_SOCKET, else\n"
	  "                   $XDG_RUNTIME_DIR/convene/convene.sock)\n"
	  "  --code CODE      participants must give this join code\n"
	  "  --ssh [ADDR:]PORT  serve participants over SSH too, no root\n"
	  "  --faculty-code CODE  who joins with this code is faculty\n"
	  "  --roster CSV     people's roles by name (role = faculty)\n"
	  "  --headless       no dashboard: steer it with convene ctl\n"
	  "  --resume         go on with the latest unfinished session of PLAN\n"
	  "  --rehearse N     add N simulated participants\n" },
	{ "join",
	  "join [--socket PATH] [--name NAME] [--site SITE] [--code CODE]\n"
	  "       [--view participant|projector|facilitator] [--plain]",
	  "Join the session served on the socket (asks for name and site).\n"
	  "  --socket PATH    the host's socket (default as for host)\n"
	  "  --name NAME      your name, instead of typing it\n"
	  "  --site SITE      your site\n"
	  "  --code CODE      the join code, if the host asks for one\n"
	  "  --view VIEW      participant (default); projector or facilitator,\n"
	  "                   for the host's own user\n"
	  "  --plain          plain lines, for screen readers and scripts\n" },
	{ "ctl",
	  "ctl [--socket PATH] next|prev|goto N|open|close|reveal|hide|\n"
	  "       timer MINUTES|extend MINUTES|recall MINUTES|\n"
	  "       move PARTICIPANT-ID GROUP|show [SITE]|\n"
	  "       reclaim REQUEST-ID yes|no|say TEXT|bysite [on|off]|\n"
	  "       moderate ANSWER-ID [hide|show]|theme LINE-ID [on|off]|status|end",
	  "Steer a running host from any shell of the host's own user.\n"
	  "  --socket PATH    the host's socket (default as for host)\n"
	  "  status prints one JSON object; see convene(1) for each command.\n" },
	{ "export",
	  "export [--db PATH | --merge DB DB...] [--session ID|latest|all]\n"
	  "       [--collaborative NAME] [--site SITE] [--min-group N]\n"
	  "       [--format csv|json|md|html] [--out PATH] [--table NAME]",
	  "Write what the database holds (read-only) as CSV, JSON, Markdown\n"
	  "or HTML.\n"
	  "  --db PATH              the database (default as for host)\n"
	  "  --merge DB DB...       several databases of one event, counted once\n"
	  "  --session ID|latest|all  which sessions (default latest)\n"
	  "  --collaborative NAME   only that collaborative's sessions\n"
	  "  --site SITE            only that site's people and answers\n"
	  "  --min-group N          withhold figures of fewer people (default 5)\n"
	  "  --format FORMAT        csv (default), json, md or html; or from\n"
	  "                         --out's extension\n"
	  "  --out PATH             a directory (csv) or a file\n"
	  "  --table NAME           one CSV table on standard output\n" },
	{ "sessions",
	  "sessions [--db PATH]",
	  "List the sessions in the database.\n"
	  "  --db PATH        the database (default as for host)\n" },
	{ "check",
	  "check FILE...",
	  "Check plan and form files; print FILE:LINE: message for every\n"
	  "mistake and exit 1 if there is one.\n" },
	{ "rotate",
	  "rotate (--people N | --roster CSV) --tables T --rounds R\n"
	  "       [--hosts stay|move] [--mix site] [--seed S]\n"
	  "       [--format text|csv|json] [--avoid A,B]... [--effort N]",
	  "Plan a world-cafe seating on paper.\n"
	  "  --people N       N people P1..PN, or\n"
	  "  --roster CSV     a roster with name, site and host columns\n"
	  "  --tables T       tables per round\n"
	  "  --rounds R       rounds (1 to 100)\n"
	  "  --hosts stay|move  a host stays at each table, or all move\n"
	  "  --mix site|none  keep people of one site apart where possible\n"
	  "  --seed S         the search's seed (default 1)\n"
	  "  --format FMT     text (default), csv or json\n"
	  "  --avoid A,B      keep A and B apart (repeatable)\n"
	  "  --effort N       search longer (1 default; larger tries harder)\n" },
	{ "measures",
	  "measures import [--db PATH] --collaborative NAME FILE.csv\n"
	  "       measures list [--db PATH] [--collaborative NAME]",
	  "Import the sites' measures (site, measure, period, value columns)\n"
	  "for run charts, or list what is stored with the run-chart signals.\n"
	  "  --db PATH              the database (default as for host)\n"
	  "  --collaborative NAME   the collaborative the measures belong to\n"
	  "                         (import: required; list: only that one)\n" },
	{ "version", "version", "Print the version.\n" },
};
#define N_USAGES (sizeof usages / sizeof usages[0])

static const struct usage *
find(const char *name)
{
	for (size_t i = 0; i < N_USAGES; i++)
		if (strcmp(usages[i].name, name) == 0)
			return &usages[i];
	return NULL;
}

/* Every command's usage (name NULL) or one's, as "usage: convene ...". */
void
usage_print(FILE *f, const char *name)
{
	for (size_t i = 0; i < N_USAGES; i++) {
		if (name != NULL && strcmp(usages[i].name, name) != 0)
			continue;
		fprintf(f, "%s convene ", name != NULL || i == 0 ? "usage:" :
		    "      ");
		/* Continued lines start under the command's name. */
		for (const char *p = usages[i].synopsis; *p != '\0'; p++)
			if (*p == '\n')
				fputs("\n        ", f);
			else
				fputc(*p, f);
		fputc('\n', f);
	}
}

/* `convene NAME` given something it does not take: status 2. */
int
usage_error(const char *name)
{
	usage_print(stderr, name);
	return EXIT_USAGE;
}

/* `convene NAME --help`: the usage and what each option does, status 0. */
int
usage_help(const char *name)
{
	const struct usage *u = find(name);

	usage_print(stdout, name);
	if (u != NULL)
		printf("\n%s", u->options);
	printf("\nman convene has the details (from the source tree: "
	    "man -l man/convene.1).\n");
	return EXIT_OK;
}

/* Is this argument a request for help? */
int
usage_asked(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* The command nearest to a mistyped one (at most two edits away, as in
 * "hots" for host), or NULL. */
const char *
usage_nearest(const char *typed)
{
	const char *best = NULL;
	size_t best_d = 3, lt = strlen(typed);

	for (size_t i = 0; i < N_USAGES; i++) {
		const char *c = usages[i].name;
		size_t lc = strlen(c), d;
		size_t prev[16], cur[16], pp[16] = { 0 };

		if (lt >= 15 || lc >= 15)
			continue;
		/* Levenshtein distance, with adjacent swaps counting one. */
		for (size_t k = 0; k <= lc; k++)
			prev[k] = k;
		for (size_t j = 1; j <= lt; j++) {
			cur[0] = j;
			for (size_t k = 1; k <= lc; k++) {
				size_t sub = prev[k - 1] + (typed[j - 1] !=
				    c[k - 1]);
				size_t del = prev[k] + 1, ins = cur[k - 1] + 1;

				d = sub < del ? sub : del;
				d = d < ins ? d : ins;
				if (j > 1 && k > 1 && typed[j - 1] == c[k - 2] &&
				    typed[j - 2] == c[k - 1] && pp[k - 2] + 1 < d)
					d = pp[k - 2] + 1;
				cur[k] = d;
			}
			memcpy(pp, prev, sizeof pp);
			memcpy(prev, cur, sizeof prev);
		}
		if (prev[lc] < best_d) {
			best_d = prev[lc];
			best = c;
		}
	}
	return best;
}
