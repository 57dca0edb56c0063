/* due.c: "by when" of a commitment: the words a team types, as a day. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "convene.h"

/*
 * A commitment's "by when" must say when, so the team can check it at the
 * next learning session: the words are resolved to a day when they are
 * typed, against the host's today, and stored as that day (ISO) followed
 * by the words: "2026-12-08 next Tuesday".  A stored value typed back in
 * keeps its day, so editing the words later does not move it.  Accepted,
 * case aside, after an optional "by", "on", "before" or "until" (and
 * "the"):
 *   a date: 2026-03-14, 14/3, 14/03/2026, 14.3., 14 March, March 14th 2026
 *     (without a year: the next such day; a date past is refused);
 *   a day: Tuesday (or Tue), next Tuesday, this Friday, Tuesday 14 March;
 *   today, tomorrow, next week, this month, end of (the|next) week|month,
 *   in|within N days|weeks|months (N a number up to 99, or a..twelve).
 * "Tuesday" and "next Tuesday" are the first Tuesday after today, "this
 * Tuesday" the first on or after it; a week ends on its Friday.
 */

#define WORDS_MAX 12

static const char *const day_names[] = { "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "tues", "weds", "thur", "thurs", NULL };
static const int day_of_name[] = { 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6,
    1, 2, 3, 3 };
static const char *const month_names[] = { "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "may", "jun", "jul",
    "aug", "sep", "oct", "nov", "dec", "sept", NULL };
static const char *const counts[] = { "a", "an", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", NULL };

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's). */
static long
days_of(int y, int m, int d)
{
	long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void
date_of(long z, struct due_day *out)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	out->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->m = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->y = (int)(yoe + era * 400 + (out->m <= 2));
}

/* Monday 0 .. Sunday 6 (1970-01-01 was a Thursday). */
static int
weekday(long z)
{
	return (int)(((z % 7) + 7 + 3) % 7);
}

static int
month_days(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}

static int
valid(int y, int m, int d)
{
	return y >= 1970 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Today by the host's clock, or CONVENE_TODAY=YYYY-MM-DD (for tests). */
void
due_today(struct due_day *t)
{
	const char *env = getenv("CONVENE_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env != NULL && sscanf(env, "%4d-%2d-%2d", &t->y, &t->m, &t->d) ==
	    3 && valid(t->y, t->m, t->d))
		return;
	localtime_r(&now, &tm);
	t->y = tm.tm_year + 1900;
	t->m = tm.tm_mon + 1;
	t->d = tm.tm_mday;
}

static int
find(const char *const *list, const char *w)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], w) == 0)
			return i;
	return -1;
}

static int
month_of(const char *w)
{
	int k = find(month_names, w);

	return k < 0 ? 0 : k < 12 ? k + 1 : k < 24 ? k - 11 : 9;
}

/* "14", "14th", "1st", "22nd", "3rd": a day of the month, or 0. */
static int
day_of_month(const char *w)
{
	char *end;
	long d = strtol(w, &end, 10);

	if (end == w || !isdigit((unsigned char)*w) || d < 1 || d > 31)
		return 0;
	return *end == '\0' || strcmp(end, "st") == 0 ||
	    strcmp(end, "nd") == 0 || strcmp(end, "rd") == 0 ||
	    strcmp(end, "th") == 0 ? (int)d : 0;
}

/* A year of 4 digits, or 2 (20xx); 0 when not one. */
static int
year_of(const char *w)
{
	size_t n = strlen(w);

	if ((n != 4 && n != 2) || strspn(w, "0123456789") != n)
		return 0;
	return n == 2 ? 2000 + atoi(w) : atoi(w);
}

/* Day d of month m in year y, or (y 0) the next one on or after today. */
static long
dated(int y, int m, int d, long today)
{
	struct due_day t;

	if (y != 0)
		return valid(y, m, d) ? days_of(y, m, d) : -1;
	date_of(today, &t);
	for (y = t.y; y <= t.y + 4; y++)	/* 29 February: up to 4 */
		if (valid(y, m, d) && days_of(y, m, d) >= today)
			return days_of(y, m, d);
	return -1;
}

/* 2026-03-14, 14/3, 14/03/2026, 14.3., 3/14/26: a day and a month in
 * range, day first unless only the other order makes sense. */
static long
numeric_date(const char *w, long today)
{
	long v[3];
	int k = 0, y = 0;
	const char *p = w;
	char sep = 0;

	while (*p != '\0' && k < 3) {
		char *end;

		if (!isdigit((unsigned char)*p))
			return -1;
		v[k++] = strtol(p, &end, 10);
		p = end;
		if (*p == '\0')
			break;
		if (sep == 0 && (*p == '-' || *p == '/' || *p == '.'))
			sep = *p;
		if (*p != sep)
			return -1;
		p++;
		if (*p == '\0' && sep == '.')
			break;	/* "14.3." */
	}
	if (*p != '\0' || k < 2)
		return -1;
	if (k == 3 && v[0] >= 1000)	/* ISO: year-month-day */
		return v[1] <= 12 && v[2] <= 31 ? dated((int)v[0], (int)v[1],
		    (int)v[2], today) : -1;
	if (k == 3) {
		if (v[2] >= 100 && v[2] < 1000)
			return -1;
		y = (int)(v[2] < 100 ? 2000 + v[2] : v[2]);
	}
	if (v[0] > 31 || v[1] > 31)
		return -1;
	if (v[0] >= 1 && v[0] <= 31 && v[1] >= 1 && v[1] <= 12)
		return dated(y, (int)v[1], (int)v[0], today);
	if (v[0] >= 1 && v[0] <= 12 && v[1] >= 1)	/* US: 3/14 */
		return dated(y, (int)v[0], (int)v[1], today);
	return -1;
}

/* "14 March [2026]", "March 14[th][ 2026]" from word i to the end. */
static long
word_date(char **w, int n, int i, long today)
{
	int d, m, y = 0;

	if (n - i < 2 || n - i > 3)
		return -1;
	if ((d = day_of_month(w[i])) != 0 && (m = month_of(w[i + 1])) != 0)
		;
	else if ((m = month_of(w[i])) != 0 && (d = day_of_month(w[i + 1])) !=
	    0)
		;
	else
		return -1;
	if (n - i == 3 && (y = year_of(w[i + 2])) == 0)
		return -1;
	return dated(y, m, d, today);
}

/* The first day of the week `wd` after today (on or after with `same`). */
static long
next_weekday(long today, int wd, int same)
{
	long z = today + (same ? 0 : 1);

	while (weekday(z) != wd)
		z++;
	return z;
}

static long
add_months(long today, int k, int last)
{
	struct due_day t;
	int m;

	date_of(today, &t);
	m = t.m - 1 + k;
	t.y += m / 12;
	t.m = m % 12 + 1;
	if (last || t.d > month_days(t.y, t.m))
		t.d = month_days(t.y, t.m);
	return days_of(t.y, t.m, t.d);
}

/* The words w[i..n) as a day, or -1. */
static long
resolve(char **w, int n, int i, long today)
{
	int k;

	if (n - i == 1) {
		long z;

		if ((z = numeric_date(w[i], today)) >= 0)
			return z;
		if (strcmp(w[i], "today") == 0 || strcmp(w[i], "tonight") == 0)
			return today;
		if (strcmp(w[i], "tomorrow") == 0)
			return today + 1;
		if ((k = find(day_names, w[i])) >= 0)
			return next_weekday(today, day_of_name[k], 0);
		return -1;
	}
	if ((strcmp(w[i], "next") == 0 || strcmp(w[i], "this") == 0) &&
	    n - i == 2) {
		int next = w[i][0] == 'n';

		if ((k = find(day_names, w[i + 1])) >= 0)
			return next_weekday(today, day_of_name[k], !next);
		if (strcmp(w[i + 1], "week") == 0)
			return next ? today + 7 : next_weekday(today, 4, 1);
		if (strcmp(w[i + 1], "month") == 0)
			return add_months(today, next, !next);
		return -1;
	}
	if ((k = find(day_names, w[i])) >= 0) {
		long z = -1;

		if (n - i == 2 && (z = numeric_date(w[i + 1], today)) < 0 &&
		    day_of_month(w[i + 1]) != 0) {
			/* "Tuesday 14th": the next 14th that is one. */
			for (int a = 0; a < 12 && z < 0; a++) {
				struct due_day t;
				long c;

				date_of(add_months(today, a, 0), &t);
				c = dated(t.y, t.m, day_of_month(w[i + 1]),
				    today);
				if (c >= 0 && weekday(c) == day_of_name[k])
					z = c;
			}
			return z;
		}
		return n - i == 2 ? z : word_date(w, n, i + 1, today);
	}
	if (word_date(w, n, i, today) >= 0)
		return word_date(w, n, i, today);
	if ((strcmp(w[i], "in") == 0 || strcmp(w[i], "within") == 0) &&
	    n - i == 3) {
		const char *u = w[i + 2];
		char *end;
		long c = strtol(w[i + 1], &end, 10);

		if (*end != '\0' || end == w[i + 1] || c < 1 || c > 99)
			c = (k = find(counts, w[i + 1])) < 0 ? -1 : k < 2 ? 1 :
			    k - 1;
		if (c < 1)
			return -1;
		if (strcmp(u, "day") == 0 || strcmp(u, "days") == 0)
			return today + c;
		if (strcmp(u, "week") == 0 || strcmp(u, "weeks") == 0)
			return today + 7 * c;
		if (strcmp(u, "month") == 0 || strcmp(u, "months") == 0)
			return add_months(today, (int)c, 0);
		return -1;
	}
	if (strcmp(w[i], "end") == 0 && i + 2 < n && strcmp(w[i + 1], "of") ==
	    0) {
		int j = i + 2, next = 0;

		if (j < n && (strcmp(w[j], "the") == 0 || strcmp(w[j], "this") ==
		    0))
			j++;
		else if (j < n && strcmp(w[j], "next") == 0)
			j++, next = 1;
		if (j != n - 1)
			return -1;
		if (strcmp(w[j], "day") == 0 && !next)
			return today;
		if (strcmp(w[j], "week") == 0)
			return next_weekday(today, 4, 1) + 7 * next;
		if (strcmp(w[j], "month") == 0)
			return add_months(today, next, 1);
	}
	return -1;
}

int
due_parse(const char *text, const struct due_day *today, struct due_day *out)
{
	char buf[4 * COMMIT_DUE_CHARS + 1], *w[WORDS_MAX], *save = NULL;
	int n = 0, i = 0;
	long t = days_of(today->y, today->m, today->d), z;

	if (strlen(text) >= sizeof buf)
		return -1;
	util_strlcpy(buf, text, sizeof buf);
	for (char *p = buf; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *s = strtok_r(buf, " ,\t", &save); s != NULL;
	    s = strtok_r(NULL, " ,\t", &save)) {
		size_t len = strlen(s);

		if (n == WORDS_MAX)
			return -1;
		/* A final full stop is punctuation, except in "14.3.". */
		if (len > 1 && s[len - 1] == '.' && !isdigit((unsigned char)
		    s[len - 2]))
			s[len - 1] = '\0';
		w[n++] = s;
	}
	if (n > 0 && (strcmp(w[0], "by") == 0 || strcmp(w[0], "on") == 0 ||
	    strcmp(w[0], "before") == 0 || strcmp(w[0], "until") == 0))
		i++;
	if (i < n && strcmp(w[i], "the") == 0)
		i++;
	if (i >= n || (z = resolve(w, n, i, t)) < t)
		return -1;
	date_of(z, out);
	return 0;
}

/* A stored value's day ("2026-12-08 ..."): 0, or -1 when it has none. */
int
due_stored(const char *s, struct due_day *d, const char **words)
{
	if (strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d", &d->y, &d->m, &d->d) !=
	    3 || s[4] != '-' || s[7] != '-' || (s[10] != '\0' && s[10] !=
	    ' ') || !valid(d->y, d->m, d->d))
		return -1;
	if (words != NULL)
		*words = s[10] == ' ' ? s + 11 : s + 10;
	return 0;
}

/*
 * Check a typed "by when" (trimmed, not empty) said on `today` and
 * rewrite it in place as it is stored: "2026-12-08 next Tuesday", or the
 * day alone when that is what was typed.  0, or -1 with a reason whose
 * example date is a fortnight from today.
 */
int
due_check(char *text, size_t cap, const struct due_day *today, char *why,
    size_t n)
{
	struct due_day d, ex;
	char *copy;

	if (due_stored(text, &d, NULL) == 0 && strlen(text) > 10)
		return 0;	/* a stored value sent back: its day stays */
	if (util_utf8_chars(text) > COMMIT_DUE_CHARS) {
		snprintf(why, n, "by when is too long: %zu characters, at most "
		    "%d", util_utf8_chars(text), COMMIT_DUE_CHARS);
		return -1;
	}
	if (due_parse(text, today, &d) != 0) {
		static const char *const mon[] = { "January", "February",
		    "March", "April", "May", "June", "July", "August",
		    "September", "October", "November", "December" };

		date_of(days_of(today->y, today->m, today->d) + 14, &ex);
		snprintf(why, n, "by when: give a date still to come (%d %s, "
		    "%04d-%02d-%02d, %d/%d) or a day (Tuesday, next Tuesday, "
		    "tomorrow, in 2 weeks, end of the month)", ex.d,
		    mon[ex.m - 1], ex.y, ex.m, ex.d, ex.d, ex.m);
		return -1;
	}
	if ((copy = strdup(text)) == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	if (strlen(copy) == 10 && due_stored(copy, &ex, NULL) == 0)
		snprintf(text, cap, "%04d-%02d-%02d", d.y, d.m, d.d);
	else
		snprintf(text, cap, "%04d-%02d-%02d %s", d.y, d.m, d.d, copy);
	free(copy);
	return 0;
}

/* A stored value as a screen shows it: "by Tue 8 Dec" (with the year
 * when it is not this one's), or "" when it holds no day. */
void
due_show(const char *stored, const struct due_day *today, char *out,
    size_t cap)
{
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct due_day d;

	if (due_stored(stored, &d, NULL) != 0) {
		snprintf(out, cap, "%s", "");
		return;
	}
	if (today != NULL && d.y != today->y)
		snprintf(out, cap, "by %s %d %s %d", wd[weekday(days_of(d.y,
		    d.m, d.d))], d.d, mon[d.m - 1], d.y);
	else
		snprintf(out, cap, "by %s %d %s", wd[weekday(days_of(d.y, d.m,
		    d.d))], d.d, mon[d.m - 1]);
}
