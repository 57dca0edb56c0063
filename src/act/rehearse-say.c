/* rehearse-say.c: what simulated participants say, for every kind. */
#include <stdlib.h>

#include "kind-rehearse.h"

static const char *lines[] = { "Antibiotics kept in a locked room",
    "No sepsis lead on nights", "Blood culture bottles run out",
    "Screening tool lives on paper", "Doctors wait for lactate results",
    "Try a grab bag in resus", "Nurse-led cultures worked at our site",
    "Daily huddle to review yesterday's cases" };
static const char *texts[] = { "staffing at night", "waiting for senior "
    "review", "antibiotics not on the ward", "cultures before antibiotics",
    "porters", "screening tool not used", "handover gaps", "IV access",
    "busy emergency department", "sepsis trolley empty" };

/* In (0, 1), never 0: think times take its log. */
double
rehearse_uniform(unsigned *seed)
{
	return (rand_r(seed) + 1.0) / ((double)RAND_MAX + 2.0);
}

const char *
rehearse_line(unsigned *seed)
{
	return lines[rand_r(seed) % (sizeof lines / sizeof lines[0])];
}

const char *
rehearse_text(unsigned *seed)
{
	return texts[rand_r(seed) % (sizeof texts / sizeof texts[0])];
}
