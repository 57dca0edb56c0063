/* main.c: dispatch `convene COMMAND` to its cmd_*() function. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "convene.h"
#include "ssh.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
} cmds[] = {
	{ "host", cmd_host },
	{ "join", cmd_join },
	{ "ctl", cmd_ctl },
	{ "export", cmd_export },
	{ "sessions", cmd_sessions },
	{ "check", cmd_check },
	{ "rotate", cmd_rotate },
	{ "ssh-gateway", cmd_ssh_gateway },	/* started by host --ssh */
};

static int
usage(FILE *f)
{
	fputs("usage: convene host PLAN [--db PATH] [--socket PATH] "
	    "[--code CODE] [--headless] [--resume] [--rehearse N]\n"
	    "       convene join [--socket PATH] [--name NAME] [--site SITE] "
	    "[--code CODE] [--view participant|projector|facilitator]\n"
	    "       convene ctl [--socket PATH] next|prev|goto N|open|close|"
	    "reveal|hide|timer MIN|extend MIN|say TEXT|status|end\n"
	    "       convene export [--db PATH] [--session ID|latest|all] "
	    "[--format csv|json] [--out PATH] [--table NAME]\n"
	    "       convene sessions [--db PATH]\n"
	    "       convene check FILE...\n"
	    "       convene rotate (--people N | --roster CSV) --tables T "
	    "--rounds R [--hosts stay|move] [--mix site] [--seed S] "
	    "[--format text|csv|json]\n"
	    "       convene version\n", f);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		return usage(stderr);
	if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version")
	    == 0) {
		printf("convene %s\n", CONVENE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)
		return usage(stdout);
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "convene: unknown command \"%s\"\n", argv[1]);
	return usage(stderr);
}
