/* number.c: a number typed on a scale names the point with that label. */
#include <stdio.h>
#include <string.h>

#include "screen.h"

/*
 * A digit always means the point labelled with it, on polls and forms
 * alike.  Where a label has two digits (10 on a 0..10 scale), a digit that
 * starts one waits: "1" then "0" is 10, "1" then Enter is 1.  A digit that
 * names no point does nothing but say which may be typed.
 */
void
number_reset(struct number *n)
{
	n->typed[0] = '\0';
}

/* Is `s` the start of a longer value than itself? */
static int
starts_longer(const char *const *values, int n, const char *s)
{
	size_t len = strlen(s);

	for (int i = 0; i < n; i++)
		if (strlen(values[i]) > len && strncmp(values[i], s, len) == 0)
			return 1;
	return 0;
}

static int
exact(const char *const *values, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(values[i], s) == 0)
			return i;
	return -1;
}

int
number_key(struct number *n, const char *const *values, int nv, int key,
    int *point)
{
	char cand[sizeof n->typed];
	int i;

	*point = -1;
	if (key == SK_ENTER && n->typed[0] != '\0') {
		*point = exact(values, nv, n->typed);
		number_reset(n);
		return *point >= 0 ? NUMBER_CHOSEN : NUMBER_NONE;
	}
	if (key < '0' || key > '9') {
		number_reset(n);
		return NUMBER_NONE;
	}
	if (strlen(n->typed) + 1 >= sizeof cand)
		number_reset(n);
	snprintf(cand, sizeof cand, "%s%c", n->typed, key);
	if (exact(values, nv, cand) < 0 && !starts_longer(values, nv, cand)) {
		number_reset(n);
		return NUMBER_BAD;
	}
	i = exact(values, nv, cand);
	if (starts_longer(values, nv, cand)) {
		snprintf(n->typed, sizeof n->typed, "%s", cand);
		*point = i;	/* the cursor goes there while waiting */
		return NUMBER_WAIT;
	}
	number_reset(n);
	*point = i;
	return NUMBER_CHOSEN;
}

/* "1-5", "0-10": what may be typed, for hints and refusals. */
void
number_range(const char *const *values, int nv, char *out, size_t cap)
{
	if (nv <= 0)
		snprintf(out, cap, "a number");
	else if (nv == 1)
		snprintf(out, cap, "%s", values[0]);
	else
		snprintf(out, cap, "%s-%s", values[0], values[nv - 1]);
}

/* Does any value have two digits or more (so a digit may wait)? */
int
number_waits(const char *const *values, int nv)
{
	for (int i = 0; i < nv; i++)
		if (starts_longer(values, nv, values[i]))
			return 1;
	return 0;
}
