/* csv.c: one record at a time from a CSV file (see csv.h). */
#include <stdarg.h>
#include <stdio.h>

#include "csv.h"

/* FILE:LINE: message into the reader's error buffer; returns -1. */
int
csv_fail(struct csv *rd, int line, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (rd->errlen == 0)
		return -1;
	w = snprintf(rd->err, rd->errlen, "%s:%d: ", rd->file, line);
	if (w < 0 || (size_t)w >= rd->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(rd->err + w, rd->errlen - (size_t)w, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Read one record into fields of `cap` bytes each, one after another in
 * `raw` (room for rd->fields_max of them).  A field keeps at most cap - 1
 * bytes and a NUL; rlen[i] is how many it kept, so a caller that gives a
 * byte more than it accepts can tell a field that was too long.  Quoted
 * fields may hold commas, doubled quotes and line breaks.  Returns the
 * number of fields, 0 at the end of the file, -1 with a message; *start is
 * the line the record began on.
 */
int
csv_record(struct csv *rd, char *raw, size_t cap, size_t *rlen, int *start)
{
	int nf = 0, c;

	*start = rd->line;
	if (rd->at >= rd->len)
		return 0;
	for (;;) {
		char *field = raw + (size_t)nf * cap;
		size_t o = 0;
		int quoted = rd->at < rd->len && rd->buf[rd->at] == '"';

		if (nf == rd->fields_max)
			return csv_fail(rd, *start, "%s", rd->too_many);
		if (quoted)
			rd->at++;
		for (;;) {
			if (rd->at >= rd->len) {
				if (quoted)
					return csv_fail(rd, *start,
					    "unterminated quoted field");
				c = '\n';
			} else
				c = (unsigned char)rd->buf[rd->at++];
			if (quoted && c == '"') {
				if (rd->at < rd->len && rd->buf[rd->at] == '"')
					rd->at++;
				else {
					quoted = 0;
					if (rd->at < rd->len &&
					    rd->buf[rd->at] != ',' &&
					    rd->buf[rd->at] != '\n' &&
					    rd->buf[rd->at] != '\r')
						return csv_fail(rd, rd->line,
						    "text after a closing "
						    "quote");
					continue;
				}
			} else if (!quoted && (c == ',' || c == '\n' ||
			    c == '\r'))
				break;
			if (c == '\n')
				rd->line++;
			if (o + 1 < cap)
				field[o++] = (char)c;
		}
		rlen[nf] = o;
		field[o] = '\0';
		nf++;
		if (c == ',')
			continue;
		if (c == '\r' && rd->at < rd->len && rd->buf[rd->at] == '\n')
			rd->at++;
		rd->line++;
		return nf;
	}
}
