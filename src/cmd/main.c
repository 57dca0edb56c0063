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
	{ "measures", cmd_measures },
	{ "ssh-gateway", cmd_ssh_gateway },	/* started by host --ssh */
};

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		return usage_error(NULL);
	if (strcmp(argv[1], "version") == 0 && argc > 2 &&
	    usage_asked(argv[2]))
		return usage_help("version");
	if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version")
	    == 0) {
		printf("convene %s\n", CONVENE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0 || usage_asked(argv[1])) {
		if (argc > 2 && strcmp(argv[1], "help") == 0)
			return usage_help(argv[2]);	/* convene help host */
		usage_print(stdout, NULL);
		puts("\nconvene COMMAND --help describes a command's options; "
		    "man convene, all of it.");
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "convene: unknown command \"%s\"", argv[1]);
	if (usage_nearest(argv[1]) != NULL)
		fprintf(stderr, "; did you mean %s?", usage_nearest(argv[1]));
	fputs("\n", stderr);
	return usage_error(NULL);
}
