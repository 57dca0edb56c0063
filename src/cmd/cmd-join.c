/* cmd-join.c: `convene join`: take part from this terminal. */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
/* term.h defines capability names as macros; these clash with fields. */
#undef lines
#undef columns
#include <unistd.h>

#include "convene.h"
#include "plain.h"
#include "tui.h"

struct join {
	struct tui *tui;
	struct plain *plain;
	int said;		/* the line mode has said why it stopped */
	char sock[108];
	char tokfile[4200];
	char reason[TEXT_MAX_LEN + 1];
};

static void
on_plain_quit(void *arg)
{
	struct join *j = arg;

	if (j->plain == NULL)
		return;
	snprintf(j->reason, sizeof j->reason, "%s", plain_exit_reason(j->plain));
	j->said = 1;
	plain_stop(j->plain);
	j->plain = NULL;
}

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
	return usage_error("join");
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

/*
 * Under sshd's ForceCommand (see convene-ssh(7)), the command a participant
 * typed after the address arrives in SSH_ORIGINAL_COMMAND.  It may carry
 * the word `plain` (the line mode) and a join code, in either order, and
 * nothing else: a word that is not 1-32 letters, digits and hyphens makes
 * it all ignored, and nothing from it is ever run.
 */
static int
ssh_code(char *out, size_t cap, int *plain)
{
	const char *s = getenv("SSH_ORIGINAL_COMMAND");
	int want_plain = 0, words = 0;

	out[0] = '\0';
	if (s == NULL)
		return 0;
	for (s += strspn(s, " \t"); *s != '\0'; s += strspn(s, " \t")) {
		size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-");
		int is_plain = n == 5 && strncmp(s, "plain", 5) == 0;

		if (n == 0 || n > CODE_MAX_LEN || n >= cap || ++words > 2 ||
		    (s[n] != '\0' && s[n] != ' ' && s[n] != '\t') ||
		    (out[0] != '\0' && !is_plain)) {
			out[0] = '\0';
			return 0;
		}
		if (is_plain && !want_plain)
			want_plain = 1;
		else {
			memcpy(out, s, n);
			out[n] = '\0';
		}
		s += n;
	}
	*plain |= want_plain;
	return out[0] != '\0';
}

/*
 * The ssh command a participant should have typed, rebuilt from what sshd
 * tells us ("ssh -t -p 2222 convene@192.0.2.7"), for hints.  Only for the
 * participant account's forced command: its wrapper sets CONVENE_SSH_JOIN,
 * and sshd sets SSH_ORIGINAL_COMMAND only under ForceCommand.  Someone who
 * logged in to a shell account gets "" (they would need more than -t).
 */
static void
ssh_command(const char *code, char *out, size_t cap)
{
	const char *conn = getenv("SSH_CONNECTION");
	const struct passwd *pw = getpwuid(getuid());
	char addr[64] = "", port[8] = "";

	out[0] = '\0';
	if (getenv("CONVENE_SSH_JOIN") == NULL &&
	    getenv("SSH_ORIGINAL_COMMAND") == NULL)
		return;
	/* SSH_CONNECTION: client address, client port, server address,
	 * server port. */
	if (conn == NULL || sscanf(conn, "%*s %*s %63s %7s", addr, port) != 2)
		return;
	snprintf(out, cap, "ssh -t%s%s %s@%s%s%s", strcmp(port, "22") == 0 ?
	    "" : " -p ", strcmp(port, "22") == 0 ? "" : port,
	    pw != NULL ? pw->pw_name : "USER", addr, code[0] ? " " : "", code);
}

/* An unknown TERM (a name this machine has no terminfo for, common over
 * ssh) falls back to xterm-256color, then vt100, before anything is drawn:
 * the name-and-site form and the session screen both read TERM. */
static void
term_fallback(void)
{
	static const char *fallbacks[] = { NULL, "xterm-256color", "vt100" };

	for (size_t i = 0; i < 3; i++) {
		int err;

		if (fallbacks[i] != NULL)
			setenv("TERM", fallbacks[i], 1);
		if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
			del_curterm(cur_term);
			return;
		}
	}
}

/*
 * The locale says how the terminal encodes text, but over ssh it is often
 * missing (Windows' ssh sends none) or names one this machine lacks (a Mac
 * sends en_US.UTF-8).  In the C locale ncurses cannot decode the UTF-8 the
 * terminal sends anyway, and an accented letter swallows the keys after
 * it.  Returns 1 when keys should be read as UTF-8 while the screen stays
 * ASCII (no locale at all: the session is drawn for any terminal).
 */
static int
locale_fallback(void)
{
	const char *want = NULL, *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	for (size_t i = 0; i < 3 && want == NULL; i++)
		if ((want = getenv(vars[i])) != NULL && *want == '\0')
			want = NULL;
	if (want != NULL && (strstr(want, "UTF-8") != NULL ||
	    strstr(want, "utf8") != NULL || strstr(want, "UTF8") != NULL ||
	    strstr(want, "utf-8") != NULL)) {
		setlocale(LC_CTYPE, "C.UTF-8");	/* asked for UTF-8: use it */
		return 0;
	}
	return want == NULL && setlocale(LC_CTYPE, "C.UTF-8") != NULL &&
	    setlocale(LC_CTYPE, "C") != NULL;
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

/* The seat this name and site had in this session, from the token file
 * of an earlier join (a crash, a closed terminal). */
static void
find_seat(void *arg, struct msg_hello *hello)
{
	struct join *j = arg;

	util_sanitize(hello->name, sizeof hello->name);
	util_sanitize(hello->site, sizeof hello->site);
	token_path(j->sock, hello->name, hello->site, j->tokfile,
	    sizeof j->tokfile);
	read_token(j->tokfile, hello->token, sizeof hello->token);
	if (j->tui != NULL && j->tokfile[0] != '\0')
		tui_token_file(j->tui, j->tokfile);
	if (j->plain != NULL && j->tokfile[0] != '\0')
		plain_token_file(j->plain, j->tokfile);
}

/* Until the client quits; then why, and the exit code. */
static int
run(struct join *jp)
{
	char cmd[256];

	uv_run(uv_default_loop(), UV_RUN_DEFAULT);
	uv_loop_close(uv_default_loop());
	if (jp->reason[0] != '\0') {
		if (!jp->said)
			fprintf(stderr, "convene: %s\n", jp->reason);
		/* Over ssh there is no --code to add: the code goes after
		 * the address. */
		ssh_command("", cmd, sizeof cmd);
		if (cmd[0] != '\0' && strstr(jp->reason, "join code") != NULL)
			fprintf(stderr, "convene: over ssh, the code goes after "
			    "the address: %s CODE\n", cmd);
		if (strstr(jp->reason, "session has ended") != NULL)
			return EXIT_OK;
		return strstr(jp->reason, "no host") != NULL ? EXIT_UNREACHABLE :
		    EXIT_BADINPUT;
	}
	return EXIT_OK;
}

int
cmd_join(int argc, char **argv)
{
	static struct join j;
	struct msg_hello hello;
	char sock[108], cmd[256], code[CODE_MAX_LEN + 1];
	const char *e = getenv("CONVENE_SOCKET");
	int view = VIEW_PARTICIPANT, utf8_keys, plain = 0;
	int sock_chosen = e != NULL && *e != '\0';

	memset(&hello, 0, sizeof hello);
	util_default_socket(sock, sizeof sock);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (usage_asked(a))
			return usage_help("join");
		if (strcmp(a, "--plain") == 0) {
			plain = 1;
			continue;
		}
		if (i + 1 >= argc)
			return usage();
		if (strcmp(a, "--socket") == 0) {
			if (strlen(argv[++i]) >= sizeof sock) {
				fprintf(stderr, "convene: socket path too long "
				    "(at most 107 bytes)\n");
				return EXIT_USAGE;
			}
			util_strlcpy(sock, argv[i], sizeof sock);
			sock_chosen = 1;
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
	if (ssh_code(code, sizeof code, &plain) && hello.code[0] == '\0')
		util_strlcpy(hello.code, code, sizeof hello.code);
	ssh_command(hello.code, cmd, sizeof cmd);
	memset(&j, 0, sizeof j);
	snprintf(j.sock, sizeof j.sock, "%s", sock);
	if (plain) {
		/* Lines on standard input and output (a terminal, a pipe, an
		 * ssh session without one): no curses, no terminal needed.
		 * It asks for a name and site when none is given, then calls
		 * find_seat() before it joins. */
		if (view != VIEW_PARTICIPANT) {
			fputs("convene join: --plain is for participants; the "
			    "facilitator's commands work as lines in convene "
			    "ctl\n", stderr);
			return EXIT_USAGE;
		}
		if ((j.plain = plain_start(uv_default_loop(), sock, &hello,
		    on_plain_quit, &j)) == NULL)
			return EXIT_UNREACHABLE;
		plain_identity_hook(j.plain, find_seat);
		return run(&j);
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		/* `ssh host`, `ssh host cmd`, scp and sftp all end here when
		 * no terminal was asked for: one line on what to type. */
		if (cmd[0] != '\0')
			fprintf(stderr, "convene: joining needs a terminal; "
			    "connect with: %s\n", cmd);
		else
			fputs("convene join needs a terminal (over ssh, use "
			    "ssh -t)\n", stderr);
		return EXIT_USAGE;
	}
	term_fallback();
	utf8_keys = locale_fallback();
	util_sanitize(hello.name, sizeof hello.name);
	util_sanitize(hello.site, sizeof hello.site);
	hello.view = (uint8_t)view;
	if (view == VIEW_PARTICIPANT && hello.name[0] != '\0')
		find_seat(&j, &hello);
	/* Someone connected to this host before (a saved token) gets the
	 * quiet reconnecting screen; anyone else hears when no host is there. */
	if (hello.token[0] == '\0' && join_wait_host(sock, sock_chosen,
	    getenv("CONVENE_SSH_JOIN") != NULL) != 0)
		return EXIT_UNREACHABLE;
	/* Without --name the tui asks for name and site first, then calls
	 * find_seat() before it joins. */
	if ((j.tui = tui_start(uv_default_loop(), sock, &hello, view, on_quit,
	    &j)) == NULL) {
		fputs("convene join: cannot use this terminal\n", stderr);
		return EXIT_UNREACHABLE;
	}
	if (view == VIEW_PARTICIPANT)
		tui_identity_hook(j.tui, find_seat);
	if (j.tokfile[0] != '\0')
		tui_token_file(j.tui, j.tokfile);
	/* The screen was set up for ASCII in the C locale; from now on only
	 * decoding keys (and measuring names) sees UTF-8. */
	if (utf8_keys)
		setlocale(LC_CTYPE, "C.UTF-8");
	return run(&j);
}
