/* breakout-groups.c: who goes in which breakout group; commitment rules. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "act-breakout.h"

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


/* The `names = a | b` list, trimmed; returns how many (at most max). */
int
breakout_split_names(const char *v, char out[][SNAP_SHORT_NAME + 1], int max)
{
	int k = 0;

	while (v != NULL && *v != '\0' && k < max) {
		size_t len = strcspn(v, "|");
		const char *b = v, *e = v + len;

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		snprintf(out[k], SNAP_SHORT_NAME + 1, "%.*s", (int)util_utf8_cut(
		    b, (size_t)(e - b) < SNAP_SHORT_NAME ? (size_t)(e - b) :
		    SNAP_SHORT_NAME), b);
		k++;
		v += len;
		if (*v == '|')
			v++;
	}
	return k;
}
