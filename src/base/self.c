/* self.c: how to name this program in a command a person can type. */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene.h"

/* Is the file at `path` the running binary? */
static int
same_file(const char *path, const struct stat *self)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_dev == self->st_dev &&
	    st.st_ino == self->st_ino;
}

/*
 * "convene" when that word, looked up on PATH, runs this very binary (it
 * was installed); otherwise the binary's absolute path (build/convene
 * before `make install`), so that a join line or a resume hint printed
 * for the facilitator works when typed into another shell.
 */
void
self_command(char *out, size_t cap)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	const char *path = getenv("PATH");
	struct stat self;
	ssize_t n;

	snprintf(out, cap, "convene");
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[n] = '\0';
	if (stat(exe, &self) != 0)
		return;
	while (path != NULL && *path != '\0') {
		const char *colon = strchr(path, ':');
		size_t len = colon != NULL ? (size_t)(colon - path) :
		    strlen(path);

		/* The first convene on PATH is the one a shell would run. */
		if (len > 0 && len < sizeof dir - 9) {
			snprintf(dir, sizeof dir, "%.*s/convene", (int)len,
			    path);
			if (access(dir, X_OK) == 0) {
				if (same_file(dir, &self))
					return;
				break;
			}
		}
		path = colon != NULL ? colon + 1 : NULL;
	}
	out[0] = '\0';
	self_append_word(out, cap, exe);
}

/* Append `arg` to `out` as one shell word, quoted only when it needs it. */
void
self_append_word(char *out, size_t cap, const char *arg)
{
	size_t used = strlen(out);
	int plain = *arg != '\0';

	for (const char *p = arg; *p != '\0'; p++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789_./:@%+=,-", *p) == NULL)
			plain = 0;
	if (used > 0 && used + 1 < cap)
		out[used++] = ' ', out[used] = '\0';
	if (plain) {
		snprintf(out + used, cap - used, "%s", arg);
		return;
	}
	if (used + 1 < cap)
		out[used++] = '\'', out[used] = '\0';
	for (const char *p = arg; *p != '\0' && used + 5 < cap; p++) {
		if (*p == '\'')
			used += (size_t)snprintf(out + used, cap - used, "'\\''");
		else
			out[used++] = *p, out[used] = '\0';
	}
	if (used + 1 < cap)
		out[used++] = '\'', out[used] = '\0';
}

#ifndef CONVENE_TREE
#define CONVENE_TREE ""
#endif

/*
 * The forms of the source tree this binary was built in, when it runs
 * from inside that tree (build/convene before `make install`), so that a
 * plan of one's own anywhere can name the bundled forms; else "".
 */
void
self_tree_forms(char *out, size_t cap)
{
	char exe[PATH_MAX];
	size_t len = strlen(CONVENE_TREE);
	ssize_t n;

	out[0] = '\0';
	if (len == 0 || (n = readlink("/proc/self/exe", exe, sizeof exe - 1))
	    <= 0)
		return;
	exe[n] = '\0';
	if (strncmp(exe, CONVENE_TREE, len) == 0 && exe[len] == '/')
		snprintf(out, cap, "%s/sessions/forms", CONVENE_TREE);
}
