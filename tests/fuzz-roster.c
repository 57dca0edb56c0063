/* fuzz-roster.c: libFuzzer target for the roster CSV reader.
 *
 * Any bytes give a roster or one FILE:LINE message.  A roster that reads
 * holds only clean text: valid UTF-8 with no control characters, each
 * field within ROSTER_FIELD bytes, names unique and non-empty.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "rotate.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); abort(); } } while (0)

static void
clean_text(const char *s)
{
	size_t n = strlen(s);

	CHECK(n <= ROSTER_FIELD);
	CHECK(util_utf8_valid(s, n));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		CHECK(c >= 0x20 && c != 0x7f);
		if (c == 0xc2 && i + 1 < n)
			CHECK((unsigned char)s[i + 1] >= 0xa0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char err[512];
	struct roster r;
	char *buf = malloc(size ? size : 1);

	CHECK(buf != NULL);
	memcpy(buf, data, size);
	if (roster_parse(buf, size, "fuzz.csv", &r, err, sizeof err) == 0) {
		CHECK(r.n >= 1);
		for (int i = 0; i < r.n; i++) {
			clean_text(r.people[i].name);
			clean_text(r.people[i].site);
			clean_text(r.people[i].role);
			CHECK(r.people[i].name[0] != '\0');
			CHECK(r.people[i].site_id >= -1 &&
			    r.people[i].site_id < r.nsites);
			CHECK(roster_find(&r, r.people[i].name) == i);
		}
		roster_free(&r);
	} else
		CHECK(strncmp(err, "fuzz.csv:", 9) == 0);
	free(buf);
	return 0;
}
