/* csv.h: a CSV reader for the files organisers write in a spreadsheet
 * (rosters, measures): RFC 4180 quoting, CRLF or LF, line numbers kept
 * for messages as FILE:LINE. */
#ifndef CONVENE_CSV_H
#define CONVENE_CSV_H

#include <stddef.h>

struct csv {
	const char *buf;	/* the whole file */
	size_t len, at;
	int line;		/* of `at`, from 1 */
	const char *file;	/* for messages */
	char *err;
	size_t errlen;
	int fields_max;		/* a record with more is refused ... */
	const char *too_many;	/* ... with this message */
};

int	csv_fail(struct csv *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	csv_record(struct csv *, char *, size_t, size_t *, int *);

#endif
