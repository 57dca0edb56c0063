/* plain-stdio.c: the line mode on standard input and output: a
 * terminal, pipes or a file, for `convene join --plain`. */
#include <errno.h>
#include <unistd.h>

#include "convene.h"
#include "plain-int.h"

/* Standard output: whole writes, waiting out a full pipe. */
static void
stdout_write(void *arg, const char *s, size_t n)
{
	struct plain *p = arg;

	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			plain_quit(p);	/* nobody is reading */
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

static void
on_stdin(uv_poll_t *h, int status, int events)
{
	struct plain *p = h->data;
	unsigned char buf[4096];
	ssize_t n;

	(void)events;
	n = status < 0 ? 0 : read(STDIN_FILENO, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		uv_poll_stop(h);
		plain_feed_end(p);
		return;
	}
	plain_feed(p, buf, (size_t)n);
}

/* A file given as standard input cannot be polled: it is read whole on
 * the first turn of the loop, once the name is known or asked. */
void
plain_stdio_read(struct plain *p)
{
	unsigned char buf[4096];
	ssize_t n;

	while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0 && !p->quitting)
		plain_feed(p, buf, (size_t)n);
	plain_feed_end(p);
}

/* The line mode on standard input and output (a terminal or pipes). */
struct plain *
plain_start(uv_loop_t *loop, const char *sock, const struct msg_hello *hello,
    void (*on_quit)(void *), void *qarg)
{
	struct plain *p = plain_start_io(loop, sock, hello, stdout_write, NULL,
	    on_quit, qarg);

	if (p == NULL)
		return NULL;
	p->warg = p;
	if (uv_poll_init(loop, &p->in, STDIN_FILENO) == 0) {
		p->in.data = p;
		p->in_polled = 1;
		uv_poll_start(&p->in, UV_READABLE, on_stdin);
	} else
		p->file_input = 1;	/* read on the first turn */
	return p;
}
