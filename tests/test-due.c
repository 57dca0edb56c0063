/* test-due.c: "by when" words to a day (due.c), with today fixed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "convene.h"

/* Friday 4 December 2026. */
static const struct due_day today = { 2026, 12, 4 };

static void
want(const char *words, const char *day, int line)
{
	struct due_day d;
	char got[16];

	if (due_parse(words, &today, &d) != 0)
		fail_msg("line %d: \"%s\" is no day", line, words);
	snprintf(got, sizeof got, "%04d-%02d-%02d", d.y, d.m, d.d);
	if (strcmp(got, day) != 0)
		fail_msg("line %d: \"%s\" gave %s, want %s", line, words, got,
		    day);
}

#define WANT(w, d) want(w, d, __LINE__)

static void
test_days(void **state)
{
	(void)state;
	WANT("today", "2026-12-04");
	WANT("tomorrow", "2026-12-05");
	WANT("next Tuesday", "2026-12-08");
	WANT("Tuesday", "2026-12-08");
	WANT("by next Tue", "2026-12-08");
	WANT("BY NEXT TUESDAY", "2026-12-08");
	WANT("on Monday", "2026-12-07");
	WANT("Friday", "2026-12-11");		/* today is one: the next */
	WANT("this Friday", "2026-12-04");	/* ... or today */
	WANT("before Friday.", "2026-12-11");
	WANT("next week", "2026-12-11");
	WANT("this week", "2026-12-04");
	WANT("by the end of the week", "2026-12-04");
	WANT("end of next week", "2026-12-11");
	WANT("end of the month", "2026-12-31");
	WANT("end of month", "2026-12-31");
	WANT("this month", "2026-12-31");
	WANT("end of next month", "2027-01-31");
	WANT("next month", "2027-01-04");
	WANT("in 2 weeks", "2026-12-18");
	WANT("in ten days", "2026-12-14");
	WANT("within a month", "2027-01-04");
	WANT("in 3 months", "2027-03-04");
	WANT("in 99 days", "2027-03-13");
}

static void
test_dates(void **state)
{
	(void)state;
	WANT("2026-12-14", "2026-12-14");
	WANT("2027-03-14", "2027-03-14");
	WANT("14/12", "2026-12-14");
	WANT("14/3", "2027-03-14");		/* no year: the next one */
	WANT("4/12", "2026-12-04");		/* day first */
	WANT("12/25/26", "2026-12-25");		/* US, when only that fits */
	WANT("14/03/2027", "2027-03-14");
	WANT("14.3.", "2027-03-14");
	WANT("14 March", "2027-03-14");
	WANT("14th March 2027", "2027-03-14");
	WANT("March 14th, 2027", "2027-03-14");
	WANT("by 1 Oct", "2027-10-01");
	WANT("Dec 20", "2026-12-20");
	WANT("Tuesday 15th", "2026-12-15");	/* the next 15th on a Tue */
	WANT("Tue 14 March", "2027-03-14");
	WANT("29 February", "2028-02-29");
}

static void
test_refused(void **state)
{
	static const char *bad[] = { "soon", "asap", "whenever", "next",
	    "whenever we can", "2026-13-01", "32/1", "14/13/2026",
	    "in weeks", "in 200 days", "the end", "next year maybe",
	    "Tuesdayish", "March", "14", "by", "", "30 February",
	    "1 2 3 4 5 6 7 8 9 10 11 12 13", "2025-03-14", "1/1/2026",
	    "14 March 2025", "3 December 2026", "end of next day",
	    "a date well past forty characters long, surely" };
	struct due_day d;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (due_parse(bad[i], &today, &d) == 0)
			fail_msg("should not be a day: \"%s\"", bad[i]);
}

static void
test_check_and_store(void **state)
{
	char t[VALUE_MAX_LEN + 1], why[256], shown[32];

	(void)state;
	snprintf(t, sizeof t, "next Tuesday");
	assert_int_equal(due_check(t, sizeof t, &today, why, sizeof why), 0);
	assert_string_equal(t, "2026-12-08 next Tuesday");
	due_show(t, &today, shown, sizeof shown);
	assert_string_equal(shown, "by Tue 8 Dec");
	/* Sent back as stored, it keeps its day, whatever today is. */
	{
		struct due_day later = { 2026, 12, 20 };

		assert_int_equal(due_check(t, sizeof t, &later, why,
		    sizeof why), 0);
		assert_string_equal(t, "2026-12-08 next Tuesday");
	}
	snprintf(t, sizeof t, "2027-01-15");
	assert_int_equal(due_check(t, sizeof t, &today, why, sizeof why), 0);
	assert_string_equal(t, "2027-01-15");
	due_show(t, &today, shown, sizeof shown);
	assert_string_equal(shown, "by Fri 15 Jan 2027");
	due_show("Friday", &today, shown, sizeof shown);
	assert_string_equal(shown, "");
	/* Refused with an example a fortnight from today. */
	snprintf(t, sizeof t, "whenever");
	assert_int_equal(due_check(t, sizeof t, &today, why, sizeof why), -1);
	assert_non_null(strstr(why, "18 December"));
	assert_non_null(strstr(why, "2026-12-18"));
	assert_non_null(strstr(why, "next Tuesday"));
	assert_string_equal(t, "whenever");
	snprintf(t, sizeof t, "2025-03-14");
	assert_int_equal(due_check(t, sizeof t, &today, why, sizeof why), -1);
	assert_non_null(strstr(why, "still to come"));
}

/* The host's clock, unless a test sets CONVENE_TODAY. */
static void
test_today(void **state)
{
	struct due_day d;

	(void)state;
	setenv("CONVENE_TODAY", "2030-06-01", 1);
	due_today(&d);
	assert_int_equal(d.y, 2030);
	assert_int_equal(d.m, 6);
	assert_int_equal(d.d, 1);
	setenv("CONVENE_TODAY", "junk", 1);
	due_today(&d);
	assert_true(d.y >= 2024 && d.m >= 1 && d.m <= 12);
	unsetenv("CONVENE_TODAY");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_check_and_store),
		cmocka_unit_test(test_today),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
