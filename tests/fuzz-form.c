/* fuzz-form.c: libFuzzer target for the form parser (assess, feedback).
 *
 * Any bytes give a form or FILE:LINE errors; never a crash, a leak or a
 * read past the end.  A form that parses has items and a title.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-form.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); abort(); } } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char err[8192];
	struct form form;
	char *buf = malloc(size ? size : 1);
	int nerr;

	CHECK(buf != NULL);
	memcpy(buf, data, size);
	nerr = form_parse(buf, size, "fuzz.form", &form, err, sizeof err);
	CHECK(nerr >= 0);
	CHECK(memchr(err, '\0', sizeof err) != NULL);
	if (nerr > 0)
		CHECK(strncmp(err, "fuzz.form:", 10) == 0);
	else {
		CHECK(err[0] == '\0');
		CHECK(form.n_items >= 1);
		CHECK(form.n_subscales >= 0 &&
		    form.n_subscales <= FORM_MAX_SUBSCALES);
	}
	form_free(&form);
	free(buf);
	return 0;
}
