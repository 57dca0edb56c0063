/* breakout-groups.c: who goes in which breakout group; commitment rules. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"

/*
 * Everything here is pure: people come in as site numbers (a small
 * integer per distinct site, -1 for "no site given"), groups go out as
 * indexes from 0.  The activity (act-breakout.c) turns them into rows.
 */

/* `groups = site | mixed | choose | N`: the mode, and for N the count. */
int
breakout_mode_parse(const char *v, enum breakout_mode *mode, int *count)
{
	char *end;
	long k;

	*count = 0;
	if (v == NULL || strcmp(v, "site") == 0) {
		*mode = BREAKOUT_SITE;
		return 0;
	}
	if (strcmp(v, "mixed") == 0) {
		*mode = BREAKOUT_MIXED;
		return 0;
	}
	if (strcmp(v, "choose") == 0) {
		*mode = BREAKOUT_CHOOSE;
		return 0;
	}
	k = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || k < 1 || k > SNAP_MAX_GROUPS)
		return -1;
	*mode = BREAKOUT_MIXED;
	*count = (int)k;
	return 0;
}

/* Groups for `people` of about `size` each: rounded, at least one.  13
 * people of size 6 make 2 groups (7 and 6), 9 make 2 (5 and 4). */
int
breakout_group_count(int people, int size)
{
	int g;

	if (size < 1)
		size = BREAKOUT_SIZE;
	g = (people + size / 2) / size;
	if (g < 1)
		g = 1;
	return g > SNAP_MAX_GROUPS ? SNAP_MAX_GROUPS : g;
}

/*
 * Site mode: each site's people together, in order of the site's first
 * person; a site bigger than about `size` is split into groups whose
 * sizes differ by at most one.  People without a site form one group of
 * their own (split alike).  grp[i] gets person i's group; site_of[g] the
 * site number of group g.  Returns the number of groups.
 */
int
breakout_assign_site(const int *site, int n, int size, int *grp,
    int *site_of)
{
	int ng = 0;

	for (int i = 0; i < n; i++)
		grp[i] = -1;
	for (int i = 0; i < n; i++) {
		int k = 0, g, j = 0;

		if (grp[i] >= 0)
			continue;
		for (int m = i; m < n; m++)
			k += site[m] == site[i];
		g = breakout_group_count(k, size);
		if (ng + g > SNAP_MAX_GROUPS)
			g = SNAP_MAX_GROUPS - ng > 0 ? SNAP_MAX_GROUPS - ng : 0;
		if (g == 0) {
			/* Past the cap: fold into the last group. */
			for (int m = i; m < n; m++)
				if (site[m] == site[i])
					grp[m] = ng - 1;
			continue;
		}
		for (int m = i; m < n; m++)
			if (site[m] == site[i])
				grp[m] = ng + j++ % g;
		for (int x = 0; x < g; x++)
			site_of[ng + x] = site[i];
		ng += g;
	}
	return ng;
}

/*
 * Mixed mode: people dealt round the `groups` like cards, biggest site
 * first, so every group gets its share of each site (counts per group
 * differ by at most one) and group sizes differ by at most one.
 */
void
breakout_assign_mixed(const int *site, int n, int groups, int *grp)
{
	int *order = malloc((size_t)(n > 0 ? n : 1) * sizeof *order);
	int *count = malloc((size_t)(n > 0 ? n : 1) * sizeof *count);
	int k = 0;

	if (groups < 1)
		groups = 1;
	if (order == NULL || count == NULL) {
		for (int i = 0; i < n; i++)
			grp[i] = i % groups;
		free(order);
		free(count);
		return;
	}
	for (int i = 0; i < n; i++) {
		count[i] = 0;
		for (int m = 0; m < n; m++)
			count[i] += site[m] == site[i];
	}
	/* Sites by size, biggest first; ties by first appearance. */
	for (int done = 0; done < n;) {
		int best = -1;

		for (int i = 0; i < n; i++) {
			int first = 1;

			for (int m = 0; m < i; m++)
				if (site[m] == site[i])
					first = 0;
			if (!first || count[i] == 0)
				continue;
			if (best < 0 || count[i] > count[best])
				best = i;
		}
		if (best < 0)
			break;
		for (int m = 0; m < n; m++)
			if (site[m] == site[best]) {
				order[k++] = m;
				done++;
			}
		for (int m = 0; m < n; m++)
			if (site[m] == site[best])
				count[m] = 0;
	}
	for (int i = 0; i < k; i++)
		grp[order[i]] = i % groups;
	free(order);
	free(count);
}

/*
 * A late arrival's group: the smallest of the groups marked `ok`, ties
 * going to the one with fewest people of their site, then the first.
 * -1 when no group is ok.
 */
int
breakout_pick_late(const int *size, const int *same_site, const int *ok,
    int ng)
{
	int best = -1;

	for (int g = 0; g < ng; g++) {
		if (!ok[g])
			continue;
		if (best < 0 || size[g] < size[best] || (size[g] == size[best] &&
		    same_site[g] < same_site[best]))
			best = g;
	}
	return best;
}

/* Commitment parts, as the answer path names them ("!owner TEXT"). */
static const char *const commit_names[COMMIT_FIELDS] = {
	"change", "owner", "due", "measure"
};

const char *
breakout_commit_name(int field)
{
	return field >= 0 && field < COMMIT_FIELDS ? commit_names[field] : "";
}

int
breakout_commit_field(const char *name, size_t len)
{
	for (int f = 0; f < COMMIT_FIELDS; f++)
		if (strlen(commit_names[f]) == len &&
		    strncmp(commit_names[f], name, len) == 0)
			return f;
	return -1;
}

static const char *const day_names[] = { "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun", NULL };
static const char *const month_names[] = { "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", NULL };
static const char *const counts[] = { "a", "an", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", NULL };

static int
in_list(const char *const *list, const char *w)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], w) == 0)
			return 1;
	return 0;
}

/* "14", "14th", "1st", "22nd", "3rd": a day of the month. */
static int
day_of_month(const char *w)
{
	char *end;
	long d = strtol(w, &end, 10);

	if (end == w || d < 1 || d > 31)
		return 0;
	return *end == '\0' || strcmp(end, "st") == 0 ||
	    strcmp(end, "nd") == 0 || strcmp(end, "rd") == 0 ||
	    strcmp(end, "th") == 0;
}

static int
year(const char *w)
{
	size_t n = strlen(w);

	return (n == 4 || n == 2) && strspn(w, "0123456789") == n;
}

/* 2025-03-14, 14/3, 14/03/2025, 14.3., 3-14-25: numbers with a day
 * and a month in range (either order for slashes: 3/14 is US style). */
static int
numeric_date(const char *w)
{
	long v[3];
	int k = 0;
	const char *p = w;
	char sep = 0;

	while (*p != '\0' && k < 3) {
		char *end;

		if (!isdigit((unsigned char)*p))
			return 0;
		v[k++] = strtol(p, &end, 10);
		p = end;
		if (*p == '\0')
			break;
		if (sep == 0 && (*p == '-' || *p == '/' || *p == '.'))
			sep = *p;
		if (*p != sep)
			return 0;
		p++;
		if (*p == '\0' && sep == '.')
			break;	/* "14.3." */
	}
	if (*p != '\0' || k < 2)
		return 0;
	if (k == 3 && v[0] >= 1000)	/* ISO: year-month-day */
		return v[1] >= 1 && v[1] <= 12 && v[2] >= 1 && v[2] <= 31;
	if (k == 3 && v[2] >= 100 && v[2] < 1000)
		return 0;
	return (v[0] >= 1 && v[0] <= 31 && v[1] >= 1 && v[1] <= 12) ||
	    (v[0] >= 1 && v[0] <= 12 && v[1] >= 1 && v[1] <= 31);
}

/* "14 March [2025]", "March 14[th][ 2025]": from word i, how many words
 * make a date (0: none). */
static int
word_date(char **w, int n, int i)
{
	if (i + 1 < n && day_of_month(w[i]) && in_list(month_names, w[i + 1]))
		return i + 2 < n && year(w[i + 2]) ? 3 : 2;
	if (i + 1 < n && in_list(month_names, w[i]) && day_of_month(w[i + 1]))
		return i + 2 < n && year(w[i + 2]) ? 3 : 2;
	return 0;
}

/*
 * "By when" must say when, so the team can check it at the next learning
 * session.  Accepted, case aside, after an optional "by", "on", "before"
 * or "until" (and "the"):
 *   a date: 2025-03-14, 14/3, 14/03/2025, 14.3., 14 March, March 14th 2025;
 *   a day: Tuesday (or Tue), next Tuesday, this Friday, Tuesday 14 March;
 *   today, tomorrow, next week, this month, end of (the) week|month,
 *   in|within N days|weeks|months (N a number up to 99, or a..twelve).
 */
int
breakout_due_ok(const char *text)
{
	char buf[4 * COMMIT_DUE_CHARS + 1], *w[12], *save = NULL;
	int n = 0, i = 0;

	if (strlen(text) > 4 * COMMIT_DUE_CHARS)
		return 0;
	util_strlcpy(buf, text, sizeof buf);
	for (char *p = buf; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *t = strtok_r(buf, " ,\t", &save); t != NULL && n < 12;
	    t = strtok_r(NULL, " ,\t", &save)) {
		size_t len = strlen(t);

		/* A final full stop is punctuation, except in "14.3.". */
		if (len > 1 && t[len - 1] == '.' && !isdigit((unsigned char)
		    t[len - 2]))
			t[len - 1] = '\0';
		w[n++] = t;
	}
	if (n == 0 || n == 12)
		return 0;
	if (strcmp(w[0], "by") == 0 || strcmp(w[0], "on") == 0 ||
	    strcmp(w[0], "before") == 0 || strcmp(w[0], "until") == 0)
		i++;
	if (i < n && strcmp(w[i], "the") == 0)
		i++;
	if (i >= n)
		return 0;
	if (n - i == 1 && (numeric_date(w[i]) || strcmp(w[i], "today") == 0 ||
	    strcmp(w[i], "tomorrow") == 0 || strcmp(w[i], "tonight") == 0))
		return 1;
	if ((strcmp(w[i], "next") == 0 || strcmp(w[i], "this") == 0) &&
	    n - i == 2)
		return in_list(day_names, w[i + 1]) ||
		    strcmp(w[i + 1], "week") == 0 ||
		    strcmp(w[i + 1], "month") == 0;
	if (in_list(day_names, w[i])) {
		if (n - i == 1)
			return 1;
		if (n - i == 2 && (numeric_date(w[i + 1]) ||
		    day_of_month(w[i + 1])))
			return 1;	/* "Tuesday 14th", "Tue 14/3" */
		return word_date(w, n, i + 1) == n - i - 1;
	}
	if (word_date(w, n, i) == n - i)
		return 1;
	if ((strcmp(w[i], "in") == 0 || strcmp(w[i], "within") == 0) &&
	    n - i == 3) {
		const char *u = w[i + 2];
		char *end;
		long k = strtol(w[i + 1], &end, 10);
		int num = (*end == '\0' && k >= 1 && k <= 99) ||
		    in_list(counts, w[i + 1]);

		return num && (strcmp(u, "day") == 0 || strcmp(u, "days") == 0 ||
		    strcmp(u, "week") == 0 || strcmp(u, "weeks") == 0 ||
		    strcmp(u, "month") == 0 || strcmp(u, "months") == 0);
	}
	if (strcmp(w[i], "end") == 0 && i + 2 < n && strcmp(w[i + 1], "of")
	    == 0) {
		int j = i + 2;

		if (j < n && (strcmp(w[j], "the") == 0 || strcmp(w[j], "this") ==
		    0 || strcmp(w[j], "next") == 0))
			j++;
		return j == n - 1 && (strcmp(w[j], "day") == 0 ||
		    strcmp(w[j], "week") == 0 || strcmp(w[j], "month") == 0);
	}
	return 0;
}

/*
 * Check one part of a commitment, trimming it in place.  An empty text
 * clears the part.  Limits (characters): change and measure 3 to
 * TEXT_CHARS_MAX, owner 2 to COMMIT_OWNER_CHARS, by when 1 to
 * COMMIT_DUE_CHARS and as breakout_due_ok() says.  A longer part is
 * refused, not cut.  0 when fine, else -1 with a reason.
 */
int
breakout_commit_check(int field, char *text, char *why, size_t n)
{
	static const size_t max[COMMIT_FIELDS] = { TEXT_CHARS_MAX,
	    COMMIT_OWNER_CHARS, COMMIT_DUE_CHARS, TEXT_CHARS_MAX };
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
	if (field == COMMIT_DUE && !breakout_due_ok(text)) {
		snprintf(why, n, "by when: give a date (14 March, 2025-03-14, "
		    "14/3) or a day (Tuesday, next Tuesday, tomorrow, in 2 "
		    "weeks, end of month)");
		return -1;
	}
	return 0;
}
