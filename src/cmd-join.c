/* cmd-join.c: `convene join`: take part from this terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene.h"
#include "tui.h"

struct join {
	struct tui *tui;
	char reason[TEXT_MAX_LEN + 1];
};

static void
on_quit(void *arg)
{
	struct join *j = arg;

	if (j->tui == NULL)
		return;
	snprintf(j->reason, sizeof j->reason, "%s", tui_exit_reason(j->tui));
	tui_stop(j->tui);
	j->tui = NULL;
}

static int
usage(void)
{
	fputs("usage: convene join [--socket PATH] [--name NAME] [--site SITE] "
	    "[--code CODE] [--view participant|projector|facilitator]\n",
	    stderr);
	return EXIT_USAGE;
}

/* One token file per socket, name and site: the same person joining the
 * same session again gets their seat back. */
static void
token_path(const char *sock, const char *name, const char *site, char *out,
    size_t cap)
{
	static const unsigned char key[16] = "convene-tokenfil";
	char id[1024], dir[4096];
	const char *base = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	snprintf(id, sizeof id, "%s\n%s\n%s", sock, name, site);
	if (base != NULL && *base == '/')
		snprintf(dir, sizeof dir, "%s/convene", base);
	else
		snprintf(dir, sizeof dir, "%s/.local/state/convene",
		    home ? home : "/tmp");
	if (util_mkdir_p(dir, 0700) != 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, cap, "%s/seat-%016llx", dir, (unsigned long long)
	    util_siphash(key, id, strlen(id)));
}

static void
read_token(const char *path, char *out, size_t cap)
{
	FILE *f = path[0] ? fopen(path, "r") : NULL;

	out[0] = '\0';
	if (f == NULL)
		return;
	if (fgets(out, (int)cap, f) == NULL)
		out[0] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	fclose(f);
}

int
cmd_join(int argc, char **argv)
{
	static struct join j;
	struct msg_hello hello;
	char sock[108], tokfile[4200];
	int view = VIEW_PARTICIPANT;

	memset(&hello, 0, sizeof hello);
	util_default_socket(sock, sizeof sock);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (i + 1 >= argc)
			return usage();
		if (strcmp(a, "--socket") == 0) {
			if (strlen(argv[++i]) >= sizeof sock) {
				fprintf(stderr, "convene: socket path too long "
				    "(at most 107 bytes)\n");
				return EXIT_USAGE;
			}
			util_strlcpy(sock, argv[i], sizeof sock);
		}
		else if (strcmp(a, "--name") == 0)
			util_strlcpy(hello.name, argv[++i], sizeof hello.name);
		else if (strcmp(a, "--site") == 0)
			util_strlcpy(hello.site, argv[++i], sizeof hello.site);
		else if (strcmp(a, "--code") == 0)
			util_strlcpy(hello.code, argv[++i], sizeof hello.code);
		else if (strcmp(a, "--view") == 0) {
			const char *v = argv[++i];

			if (strcmp(v, "participant") == 0)
				view = VIEW_PARTICIPANT;
			else if (strcmp(v, "projector") == 0)
				view = VIEW_PROJECTOR;
			else if (strcmp(v, "facilitator") == 0)
				view = VIEW_FACILITATOR;
			else
				return usage();
		} else
			return usage();
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("convene join needs a terminal (over ssh, use ssh -t)\n",
		    stderr);
		return EXIT_USAGE;
	}
	util_sanitize(hello.name, sizeof hello.name);
	util_sanitize(hello.site, sizeof hello.site);
	if (view == VIEW_PARTICIPANT && hello.name[0] == '\0' &&
	    prompt_identity(hello.name, sizeof hello.name, hello.site,
	    sizeof hello.site) != 0)
		return EXIT_OK;
	hello.view = (uint8_t)view;
	tokfile[0] = '\0';
	if (view == VIEW_PARTICIPANT) {
		token_path(sock, hello.name, hello.site, tokfile,
		    sizeof tokfile);
		read_token(tokfile, hello.token, sizeof hello.token);
	}
	memset(&j, 0, sizeof j);
	if ((j.tui = tui_start(uv_default_loop(), sock, &hello, view, on_quit,
	    &j)) == NULL) {
		fputs("convene join: cannot use this terminal\n", stderr);
		return EXIT_UNREACHABLE;
	}
	if (tokfile[0] != '\0')
		tui_token_file(j.tui, tokfile);
	uv_run(uv_default_loop(), UV_RUN_DEFAULT);
	uv_loop_close(uv_default_loop());
	if (j.reason[0] != '\0') {
		fprintf(stderr, "convene: %s\n", j.reason);
		if (strstr(j.reason, "session has ended") != NULL)
			return EXIT_OK;
		return strstr(j.reason, "no host") != NULL ? EXIT_UNREACHABLE :
		    EXIT_BADINPUT;
	}
	return EXIT_OK;
}
