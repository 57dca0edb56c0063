/* sshprobe.c: an SSH client for the tests of `host --ssh`, on libssh.
 *
 * usage: sshprobe PORT ROWS COLS [PASTE_BYTES [TERM]]
 *
 * Connects to 127.0.0.1:PORT as "join" (no key, no code), asks for a pty
 * of ROWS x COLS (any numbers, 0x0 and 10000x10000 included) of type
 * TERM and a shell; once the first screen ("return code") is in, it
 * presses Enter, sends PASTE_BYTES of text at once into the name form
 * and reads for two seconds.  Prints the bytes received and exits 0 if
 * the form ("Join the learning session") arrived, 1 if not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libssh/libssh.h>

static int
auth(ssh_session s)
{
	int rc = ssh_userauth_none(s, NULL);

	if (rc == SSH_AUTH_SUCCESS)
		return 0;
	while ((rc = ssh_userauth_kbdint(s, NULL, NULL)) == SSH_AUTH_INFO)
		;		/* no prompts without a code */
	return rc == SSH_AUTH_SUCCESS ? 0 : -1;
}

/* Up to 200 ms of what the server sends, kept in `seen` (1 MiB). */
static size_t
readsome(ssh_channel ch, char *buf, size_t cap, char *seen, size_t got)
{
	int n = ssh_channel_read_timeout(ch, buf, (uint32_t)cap, 0, 200);

	if (n <= 0)
		return 0;
	if (got + (size_t)n + 1 < (1 << 20))
		memcpy(seen + got, buf, (size_t)n);
	return (size_t)n;
}

int
main(int argc, char **argv)
{
	ssh_session s;
	ssh_channel ch;
	int port, rows, cols, rc, verbosity = SSH_LOG_NOLOG;
	size_t paste, got = 0;
	char buf[65536], *seen;
	const char *term;
	time_t end;

	if (argc < 4)
		return 2;
	port = atoi(argv[1]);
	rows = atoi(argv[2]);
	cols = atoi(argv[3]);
	paste = argc > 4 ? strtoul(argv[4], NULL, 10) : 0;
	term = argc > 5 ? argv[5] : "xterm-256color";
	if ((seen = calloc(1, 1 << 20)) == NULL || (s = ssh_new()) == NULL)
		return 2;
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s, SSH_OPTIONS_USER, "join");
	ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
	if (ssh_connect(s) != SSH_OK || auth(s) != 0 ||
	    (ch = ssh_channel_new(s)) == NULL ||
	    ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_pty_size(ch, term, cols, rows) != SSH_OK ||
	    ssh_channel_request_shell(ch) != SSH_OK) {
		fprintf(stderr, "sshprobe: %s\n", ssh_get_error(s));
		return 1;
	}
	end = time(NULL) + 15;
	while (time(NULL) < end && ssh_channel_is_open(ch) &&
	    strstr(seen, "return code") == NULL)
		got += readsome(ch, buf, sizeof buf, seen, got);
	ssh_channel_write(ch, "\r", 1);
	for (size_t sent = 0; sent < paste; ) {
		size_t n = paste - sent < sizeof buf ? paste - sent : sizeof buf;

		memset(buf, 'x', n);
		if (ssh_channel_write(ch, buf, (uint32_t)n) < 0)
			break;
		sent += n;
	}
	end = time(NULL) + 2;
	while (time(NULL) < end && ssh_channel_is_open(ch))
		got += readsome(ch, buf, sizeof buf, seen, got);
	printf("%zu\n", got);
	ssh_disconnect(s);
	ssh_free(s);
	rc = strstr(seen, "Join the learning session") != NULL ? 0 : 1;
	free(seen);
	return rc;
}
