/* kvfile.c: the line reader plans and forms share, and its diagnostics. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"

#define KV_MAX_BYTES (4 * 1024 * 1024)
#define KV_MAX_LINE 4096

/* Add `FILE:LINE: message` to the diagnostics (at most KV_MAX_ERRORS). */
void
kv_fail(struct kvdiag *d, int line, const char *fmt, ...)
{
	size_t used = strlen(d->err);
	va_list ap;

	if (++d->nerr > KV_MAX_ERRORS || used + 1 >= d->errlen)
		return;
	if (used > 0)
		d->err[used++] = '\n';
	used += (size_t)snprintf(d->err + used, d->errlen - used, "%s:%d: ",
	    d->file, line > 0 ? line : 1);
	if (used >= d->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(d->err + used, d->errlen - used, fmt, ap);
	va_end(ap);
}

/* The line number of one `FILE:LINE: message` line of d's. */
static long
line_of(const struct kvdiag *d, const char *msg)
{
	return strtol(msg + strlen(d->file) + 1, NULL, 10);
}


/*
 * After the last kv_fail(): the messages in the order of their lines (the
 * checks of a whole activity come after its lines were read), and past
 * KV_MAX_ERRORS (where reading stops), that there were more.
 */
void
kv_done(struct kvdiag *d)
{
	char *lines[KV_MAX_ERRORS], *copy, *p;
	size_t n = 0, used;

	if (d->nerr < 2 || (copy = strdup(d->err)) == NULL)
		goto more;
	for (p = strtok(copy, "\n"); p != NULL && n < KV_MAX_ERRORS;
	    p = strtok(NULL, "\n"))
		lines[n++] = p;
	/* Insertion sort: stable, and there are at most KV_MAX_ERRORS. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && line_of(d, lines[j - 1]) >
		    line_of(d, lines[j]); j--) {
			char *t = lines[j];

			lines[j] = lines[j - 1];
			lines[j - 1] = t;
		}
	used = 0;
	for (size_t i = 0; i < n && used < d->errlen; i++)
		used += (size_t)snprintf(d->err + used, d->errlen - used, "%s%s",
		    i ? "\n" : "", lines[i]);
	free(copy);
more:
	if (d->nerr > KV_MAX_ERRORS && (used = strlen(d->err)) + 1 < d->errlen)
		snprintf(d->err + used, d->errlen - used, "\n%s: more "
		    "mistakes after these %d (reading stopped there); fix "
		    "these and check again", d->file, KV_MAX_ERRORS);
}

char *
kv_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/*
 * Split a `a | b | c` list: the first `max` items, trimmed and copied,
 * go to `out` (the caller frees them); returns how many items the list
 * has, which may be more than `max`.
 */
int
kv_split(const char *v, char **out, int max)
{
	int n = 0;

	for (;;) {
		const char *bar = strchr(v, '|');
		size_t len = bar ? (size_t)(bar - v) : strlen(v);

		if (n < max) {
			char *item = malloc(len + 1);

			if (item == NULL)
				abort();
			memcpy(item, v, len);
			item[len] = '\0';
			out[n] = kv_trim(item);
			memmove(item, out[n], strlen(out[n]) + 1);
			out[n] = item;
		}
		n++;
		if (bar == NULL)
			return n;
		v = bar + 1;
	}
}

/*
 * Call `fn` for every line that is not blank or a comment, as a `[name]`
 * section (key NULL, value the name) or a `key = value` pair, both
 * trimmed.  A UTF-8 BOM and CRLF line ends are accepted; NUL bytes,
 * invalid UTF-8, over-long lines and lines of neither form are errors.
 * Stops after KV_MAX_ERRORS.
 */
void
kv_lines(const char *buf, size_t len, struct kvdiag *d,
    void (*fn)(void *, const char *, const char *, int), void *arg)
{
	size_t off = 0;
	int lineno = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		off = 3;	/* a BOM from a Windows editor */
	while (off < len && d->nerr <= KV_MAX_ERRORS) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (buf + off)) : len - off;
		char *line, *p = NULL, *eq;

		lineno++;
		d->line = lineno;
		if ((line = malloc(n + 1)) == NULL) {
			kv_fail(d, lineno, "out of memory");
			return;
		}
		memcpy(line, buf + off, n);
		line[n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		off = nl ? (size_t)(nl - buf) + 1 : len;
		/* Checked before trimming, which writes NULs of its own. */
		if (memchr(line, '\0', n) != NULL)
			kv_fail(d, lineno, "binary data (a NUL byte)");
		else if (!util_utf8_valid(line, n))
			kv_fail(d, lineno, "text is not valid UTF-8");
		else if (n > KV_MAX_LINE)
			kv_fail(d, lineno, "line longer than %d bytes",
			    KV_MAX_LINE);
		else if (*(p = kv_trim(line)) == '\0' || *p == '#')
			;
		else if (*p == '[') {
			char *end = strchr(p, ']');

			if (end == NULL || kv_trim(end + 1)[0] != '\0')
				kv_fail(d, lineno, "expected [kind] on a line of "
				    "its own");
			else {
				*end = '\0';
				fn(arg, NULL, kv_trim(p + 1), lineno);
			}
		} else if ((eq = strchr(p, '=')) == NULL)
			kv_fail(d, lineno, "expected key = value");
		else {
			*eq = '\0';
			fn(arg, kv_trim(p), kv_trim(eq + 1), lineno);
		}
		free(line);
	}
}

/* Read a whole file of at most 4 MiB; 0 or -1 with `err`. */
int
kv_read(const char *path, char **out, size_t *outlen, char *err,
    size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0, n;

	*out = NULL;
	*outlen = 0;
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8192;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "%s: out of memory", path);
				return -1;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0 || len > KV_MAX_BYTES)
			break;
	}
	fclose(f);
	if (len > KV_MAX_BYTES) {
		snprintf(err, errlen, "%s: larger than %d MiB; is this the right "
		    "file?", path, KV_MAX_BYTES / (1024 * 1024));
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = len;
	return 0;
}
