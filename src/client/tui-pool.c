/* tui-pool.c: screens in memory (SSH), kept and reused, never deleted. */
#define _GNU_SOURCE		/* memfd_create */
#include <sys/mman.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui-int.h"

/*
 * Many SCREENs in one process, as the SSH gateway runs them, meet a limit
 * of the ncursesw Debian ships (built without USE_SP_WINDOWLIST): every
 * window of every SCREEN is on one list, and both resize_term() and
 * delscreen() walk all of it.  resize_term() on one SCREEN resizes the
 * windows of all the others (their next refresh crashes), delscreen()
 * frees them.  So a screen in memory is never resized nor deleted: it
 * is made at its size (newterm() reads LINES and COLUMNS), a new size
 * takes another, and one no longer used waits here for the next of its
 * terminal type and size.  Memory stays at the most screens in use at
 * once, not at every screen ever opened.
 *
 * ncurses writes a screen's bytes with write(2) to its stream's
 * descriptor (a stream without one, like fopencookie's, gets nothing),
 * so each screen draws into its own memfd: a file in memory that grows
 * as a redraw needs (a pipe would fill on a big window and ncurses would
 * spin on it), emptied by tui_drain().
 */
struct pooled {
	SCREEN *s;
	FILE *out;
	int fd;
	int rows, cols;
	char type[65];
	struct pooled *next;
};

static struct pooled *pool;

static SCREEN *
make(const char *type, int rows, int cols, FILE *in, FILE **out, int *fd)
{
	char r[16], c[16];
	SCREEN *s;
	int mfd;
	FILE *f;

	if ((mfd = memfd_create("convene-screen", MFD_CLOEXEC)) < 0)
		return NULL;
	if ((f = fdopen(mfd, "w")) == NULL) {
		close(mfd);
		return NULL;
	}
	snprintf(r, sizeof r, "%d", rows);
	snprintf(c, sizeof c, "%d", cols);
	setenv("LINES", r, 1);
	setenv("COLUMNS", c, 1);
	s = newterm(type, f, in);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	if (s == NULL) {
		fclose(f);
		return NULL;
	}
	*out = f;
	*fd = mfd;
	return s;
}

/* A screen of `type` (already checked to be a terminal name) at this
 * size, from the pool or new; NULL if the type is unknown. */
static SCREEN *
tui_pool_take(const char *type, int rows, int cols, FILE *in, FILE **out,
    int *fd)
{
	struct pooled **pp, *p;
	SCREEN *s;

	for (pp = &pool; (p = *pp) != NULL; pp = &p->next)
		if (p->rows == rows && p->cols == cols &&
		    strcmp(p->type, type) == 0) {
			*pp = p->next;
			s = p->s;
			*out = p->out;
			*fd = p->fd;
			free(p);
			set_term(s);
			/* Whatever the last user's terminal showed, this one
			 * shows something else: the first refresh clears. */
			clearok(curscr, TRUE);
			erase();
			return s;
		}
	return make(type, rows, cols, in, out, fd);
}

/* Done with a screen: keep it for the next of its type and size. */
static void
tui_pool_give(SCREEN *s, FILE *out, int fd, const char *type, int rows,
    int cols)
{
	struct pooled *p = calloc(1, sizeof *p);

	if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 ||
	    p == NULL) {
		free(p);
		return;		/* lost, not reused half-written */
	}
	p->s = s;
	p->out = out;
	p->fd = fd;
	p->rows = rows;
	p->cols = cols;
	util_strlcpy(p->type, type, sizeof p->type);
	p->next = pool;
	pool = p;
}

/*
 * The bytes a memory screen drew since the last call, into *buf (grown
 * as needed); the screen's file is emptied for the next.  Returns the
 * count, 0 when nothing was drawn, -1 on failure.
 */
ssize_t
tui_drain(struct tui *t, unsigned char **buf, size_t *cap)
{
	off_t n;

	if (t->mem_fd < 0 || (n = lseek(t->mem_fd, 0, SEEK_CUR)) <= 0)
		return 0;
	if ((size_t)n > *cap) {
		unsigned char *p = realloc(*buf, (size_t)n);

		if (p == NULL)
			return -1;
		*buf = p;
		*cap = (size_t)n;
	}
	if (pread(t->mem_fd, *buf, (size_t)n, 0) != n ||
	    ftruncate(t->mem_fd, 0) != 0 || lseek(t->mem_fd, 0, SEEK_SET) != 0)
		return -1;
	return (ssize_t)n;
}

/* A memory screen for `t` at this size; an unknown type falls back to
 * xterm-256color, then vt100, as open_term() does. */
SCREEN *
tui_pool_open(struct tui *t, const char *type, int rows, int cols)
{
	const char *tries[] = { type, "xterm-256color", "vt100" };

	for (size_t i = 0; i < 3; i++) {
		SCREEN *s;

		if (tries[i] == NULL || strlen(tries[i]) > 64 ||
		    strspn(tries[i], "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-._") !=
		    strlen(tries[i]))
			continue;	/* not a terminal name: never a path */
		if ((s = tui_pool_take(tries[i], rows, cols, t->in, &t->out,
		    &t->mem_fd)) != NULL) {
			util_strlcpy(t->mem_type, tries[i], sizeof t->mem_type);
			t->mem_rows = rows;
			t->mem_cols = cols;
			return s;
		}
	}
	return NULL;
}

/* `t` is done with its memory screen (stopping, or taking another size). */
void
tui_pool_close(struct tui *t)
{
	tui_pool_give(t->term, t->out, t->mem_fd, t->mem_type, t->mem_rows,
	    t->mem_cols);
	t->term = NULL;
	t->out = NULL;
	t->mem_fd = -1;
}
