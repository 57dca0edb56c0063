/* commit.c: a commitment's parts (change, owner, by when, measure), which
 * breakouts and forms' commitment items share, and their checks. */
#include <stdio.h>
#include <string.h>

#include "convene.h"

/* Commitment parts, as the answer path names them ("!owner TEXT"). */
static const char *const commit_names[COMMIT_FIELDS] = {
	"change", "owner", "due", "measure"
};

const char *
commit_name(int field)
{
	return field >= 0 && field < COMMIT_FIELDS ? commit_names[field] : "";
}

int
commit_field(const char *name, size_t len)
{
	for (int f = 0; f < COMMIT_FIELDS; f++)
		if (strlen(commit_names[f]) == len &&
		    strncmp(commit_names[f], name, len) == 0)
			return f;
	return -1;
}

/*
 * Check one part of a commitment, trimming it in place.  An empty text
 * clears the part.  Limits (characters): change and measure 3 to
 * TEXT_CHARS_MAX, owner 2 to COMMIT_OWNER_CHARS, by when 1 to
 * COMMIT_DUE_CHARS, said as due_check() reads it and rewritten as it is
 * stored (the day, then the words).  A longer part is refused, not cut.
 * 0 when fine, else -1 with a reason.  `text` has room for VALUE_MAX_LEN.
 */
int
commit_check(int field, char *text, char *why, size_t n)
{
	static const size_t max[COMMIT_FIELDS] = { TEXT_CHARS_MAX,
	    COMMIT_OWNER_CHARS, COMMIT_DUE_CHARS + 11, TEXT_CHARS_MAX };
	static const size_t min[COMMIT_FIELDS] = { 3, 2, 1, 3 };
	static const char *const label[COMMIT_FIELDS] = { "the change to "
	    "test", "the owner", "by when", "the measure" };
	char *s = text, *e;

	if (field < 0 || field >= COMMIT_FIELDS) {
		snprintf(why, n, "unknown part of the commitment");
		return -1;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	memmove(text, s, strlen(s) + 1);
	for (e = text + strlen(text); e > text && (e[-1] == ' ' ||
	    e[-1] == '\t');)
		*--e = '\0';
	if (text[0] == '\0')
		return 0;
	if (util_utf8_chars(text) > max[field]) {
		snprintf(why, n, "%s is too long: %zu characters, at most %zu",
		    label[field], util_utf8_chars(text), max[field]);
		return -1;
	}
	if (util_utf8_chars(text) < min[field]) {
		snprintf(why, n, "%s is too short: at least %zu characters",
		    label[field], min[field]);
		return -1;
	}
	if (field == COMMIT_DUE) {
		struct due_day today;

		due_today(&today);
		return due_check(text, VALUE_MAX_LEN + 1, &today, why, n);
	}
	return 0;
}
