/* join-wait.c: a first join that finds no host says so, then waits. */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "convene.h"

/* 0 when a host accepts a connection at `sock`, else the errno. */
static int
probe(const char *sock)
{
	struct sockaddr_un sa;
	int fd, rc = 0;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	util_strlcpy(sa.sun_path, sock, sizeof sa.sun_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		return errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		rc = errno;
	close(fd);
	return rc;
}

/* The socket a plain `convene join` would use in a shell without
 * CONVENE_SOCKET. */
static void
default_socket(char *out, size_t cap)
{
	const char *e = getenv("XDG_RUNTIME_DIR");

	if (e != NULL && *e == '/')
		snprintf(out, cap, "%s/convene/convene.sock", e);
	else
		snprintf(out, cap, "/tmp/convene-%u/convene.sock",
		    (unsigned)getuid());
}

/*
 * Before the join screen, for someone not connected to this host before:
 * when nothing listens at `sock` (a typo, or a host not started yet), say
 * so and how to start one, rather than a "reconnecting" screen that never
 * ends; then wait for a host to appear there.  Over ssh the participant
 * cannot start one: they are told the session has not started.  Returns
 * 0 once a host is there, -1 (after a message) when it cannot be reached
 * at all.  `chosen`: the path came from --socket or CONVENE_SOCKET.
 */
int
join_wait_host(const char *sock, int chosen, int over_ssh)
{
	struct timespec pause = { 0, 250 * 1000 * 1000 };
	char cmd[4200], def[108];
	int err = probe(sock);

	if (err == 0)
		return 0;
	if (err != ENOENT && err != ECONNREFUSED) {
		fprintf(stderr, "convene join: cannot reach the host at %s: %s\n",
		    sock, strerror(err));
		return -1;
	}
	if (over_ssh) {
		fputs("The session has not started yet: you will join it as "
		    "soon as the facilitator\nstarts it. (Ctrl-C to leave.)\n",
		    stderr);
	} else {
		self_command(cmd, sizeof cmd);
		self_append_word(cmd, sizeof cmd, "host");
		self_append_word(cmd, sizeof cmd, "PLAN");
		if (chosen)
			self_append_word(cmd, sizeof cmd, "--socket"),
			    self_append_word(cmd, sizeof cmd, sock);
		fprintf(stderr, "convene join: nothing is listening at %s%s\n"
		    "  No host is running there. Start one first, in another "
		    "terminal:\n    %s\n", sock, err == ECONNREFUSED ?
		    " (a host that stopped left its socket behind)" : "", cmd);
		default_socket(def, sizeof def);
		if (chosen && strcmp(def, sock) != 0)
			fprintf(stderr, "  or check the path: without --socket, "
			    "host and join use %s\n", def);
		fputs("Waiting for a host there (Ctrl-C to stop)...\n", stderr);
	}
	while ((err = probe(sock)) == ENOENT || err == ECONNREFUSED)
		nanosleep(&pause, NULL);
	return 0;
}
