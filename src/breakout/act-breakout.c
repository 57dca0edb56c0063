/* act-breakout.c: breakout groups, their shared note and commitment. */
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "convene.h"
#include "act-breakout.h"
#include "kind-plan.h"
#include "kind-rehearse.h"
#include "kind-wire.h"

/*
 * A breakout's runtime state.  Groups are numbered from 1 in the store
 * (groups.grp, notes.grp, members.grp) and indexed from 0 here; they are
 * added, never removed, so numbers stay stable while people move.  Each
 * group's note is rows of `notes`, one per line with its author, so two
 * members writing at once each add their own rows and nobody's line is
 * overwritten; a line is changed only by its author.  The commitment is
 * four columns of `groups`, each written on its own.  Everything is
 * written as it is typed; `notes` caches the lines after each commit so
 * cutting a snapshot per viewer costs no query.
 */
struct breakout {
	enum breakout_mode mode;
	int size;		/* people per group, about */
	int formed;		/* groups exist (opened once) */
	struct bgroup {
		char name[SNAP_SHORT_NAME + 1];
		char site[SITE_MAX_LEN + 1];	/* site mode: whose group */
		char commit[COMMIT_FIELDS][COMMIT_TEXT_MAX + 1];
		int64_t last_ms;	/* last edit (wall clock), 0 none */
		int lines;		/* lines in its note (refreshed) */
	} *groups;
	int n_groups;
	struct bmember {
		struct participant *p;
		int grp;	/* from 0 */
	} *members;
	int n_members;
	struct notes notes;	/* every group's lines; grp from 1 */
	int recall;		/* everyone called back: closes at the deadline */
	int auto_close;		/* the plan's own setting, kept during a recall */
};

static struct breakout *
breakout_of(const struct session *s, int idx)
{
	return s->runs[idx].data;
}

static int
group_of(const struct breakout *b, const struct participant *p)
{
	for (int i = 0; i < b->n_members; i++)
		if (b->members[i].p == p)
			return b->members[i].grp;
	return -1;
}

static int
set_member(struct breakout *b, struct participant *p, int grp)
{
	struct bmember *m;

	for (int i = 0; i < b->n_members; i++)
		if (b->members[i].p == p) {
			b->members[i].grp = grp;
			return 0;
		}
	if ((m = realloc(b->members, (size_t)(b->n_members + 1) * sizeof *m))
	    == NULL)
		return -1;
	b->members = m;
	b->members[b->n_members].p = p;
	b->members[b->n_members++].grp = grp;
	return 0;
}

static int
add_group(struct breakout *b, const char *name, const char *site)
{
	struct bgroup *g;

	if (b->n_groups >= SNAP_MAX_GROUPS || (g = realloc(b->groups,
	    (size_t)(b->n_groups + 1) * sizeof *g)) == NULL)
		return -1;
	b->groups = g;
	g = &b->groups[b->n_groups];
	memset(g, 0, sizeof *g);
	util_strlcpy(g->name, name, sizeof g->name);
	util_strlcpy(g->site, site, sizeof g->site);
	return b->n_groups++;
}

/* "St Mary's" or, for a site split in parts, "St Mary's 2". */
static void
site_group_name(const char *site, int part, char *out, size_t cap)
{
	char num[16] = "";
	const char *base = site[0] != '\0' ? site : "No site";

	if (part > 0)
		snprintf(num, sizeof num, " %d", part);
	snprintf(out, cap, "%.*s%s", (int)util_utf8_cut(base, cap - 1 -
	    strlen(num)), base, num);
}

/* Rows for every group and member, as they are now. */
static int
save_all(struct session *s, int idx, struct breakout *b)
{
	int64_t aid = s->runs[idx].store_id;

	for (int g = 0; g < b->n_groups; g++)
		if (store_group_put(s->store, aid, g + 1, b->groups[g].name) != 0)
			return -1;
	for (int i = 0; i < b->n_members; i++)
		if (b->members[i].grp >= 0 && store_member_put(s->store, aid,
		    b->members[i].p->id, b->members[i].grp + 1) != 0)
			return -1;
	return 0;
}

/* Sites as small integers (the index of the first person with it). */
static void
site_numbers(struct participant **who, int n, int *site)
{
	for (int i = 0; i < n; i++) {
		site[i] = i;
		for (int k = 0; k < i; k++)
			if (strcmp(who[k]->site, who[i]->site) == 0) {
				site[i] = site[k];
				break;
			}
	}
}

/* Form the groups from who is connected now. */
static int
make_groups(struct session *s, int idx, struct breakout *b, char *why,
    size_t n)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	char names[SNAP_MAX_GROUPS][SNAP_SHORT_NAME + 1], name[64];
	struct participant **who = calloc(s->n_people + 1, sizeof *who);
	int *site = calloc(s->n_people + 1, sizeof *site);
	int *grp = calloc(s->n_people + 1, sizeof *grp);
	int site_of[SNAP_MAX_GROUPS], k = 0, count, n_names, rc = -1;

	if (who == NULL || site == NULL || grp == NULL) {
		snprintf(why, n, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < s->n_people; i++)
		if (s->people[i]->connected > 0)
			who[k++] = s->people[i];
	site_numbers(who, k, site);
	breakout_mode_parse(plan_kv_get(a, "groups"), &b->mode, &count);
	n_names = breakout_split_names(plan_kv_get(a, "names"), names, SNAP_MAX_GROUPS);
	if (b->mode == BREAKOUT_SITE) {
		int ng = breakout_assign_site(site, k, b->size, grp, site_of);

		for (int g = 0; g < ng; g++) {
			int parts = 0, part = 0, first = -1;

			for (int x = 0; x < ng; x++)
				if (site_of[x] == site_of[g]) {
					parts++;
					part += x <= g;
				}
			for (int i = 0; i < k && first < 0; i++)
				if (site[i] == site_of[g])
					first = i;
			site_group_name(who[first]->site, parts > 1 ? part : 0,
			    name, SNAP_SHORT_NAME + 1);
			add_group(b, name, who[first]->site);
		}
	} else {
		int ng = b->mode == BREAKOUT_CHOOSE || n_names > 0 ? n_names :
		    count > 0 ? count : breakout_group_count(k, b->size);

		for (int g = 0; g < ng; g++) {
			if (g < n_names)
				util_strlcpy(name, names[g], sizeof name);
			else
				snprintf(name, sizeof name, "Group %d", g + 1);
			add_group(b, name, "");
		}
		if (b->mode == BREAKOUT_MIXED)
			breakout_assign_mixed(site, k, ng, grp);
	}
	if (b->mode != BREAKOUT_CHOOSE)
		for (int i = 0; i < k; i++)
			if (set_member(b, who[i], grp[i]) != 0) {
				snprintf(why, n, "out of memory");
				goto out;
			}
	if (save_all(s, idx, b) != 0) {
		snprintf(why, n, "cannot save groups: %s", store_error(s->store));
		goto out;
	}
	b->formed = 1;
	rc = 0;
out:
	free(who);
	free(site);
	free(grp);
	return rc;
}

static struct breakout *
new_breakout(struct session *s, int idx)
{
	const struct plan_activity *a = &s->plan->acts[idx];
	const char *size = plan_kv_get(a, "size");
	struct breakout *b = calloc(1, sizeof *b);
	int count;

	if (b == NULL)
		return NULL;
	b->size = size != NULL ? atoi(size) : BREAKOUT_SIZE;
	if (b->size < 1)
		b->size = BREAKOUT_SIZE;
	breakout_mode_parse(plan_kv_get(a, "groups"), &b->mode, &count);
	b->auto_close = a->auto_close;
	return b;
}

static int
open_breakout(struct session *s, int idx, char *why, size_t n)
{
	struct breakout *b = breakout_of(s, idx);

	if (b != NULL && b->formed) {
		/* Reopened: same groups; a past recall no longer applies. */
		if (b->recall)
			s->plan->acts[idx].auto_close = b->auto_close;
		b->recall = 0;
		s->tallies_stale = 1;
		return 0;
	}
	if (b == NULL && (b = new_breakout(s, idx)) == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	s->runs[idx].data = b;
	if (make_groups(s, idx, b, why, n) != 0)
		return -1;
	s->tallies_stale = 1;
	return 0;
}

/* Someone (re)connected during the breakout: a group if they have none
 * (site: their site's smallest group, or a new one for their site;
 * mixed: the smallest group; choose: they pick on their screen). */
static void
joined_breakout(struct session *s, int idx, struct participant *p)
{
	struct breakout *b = breakout_of(s, idx);
	int size[SNAP_MAX_GROUPS], same[SNAP_MAX_GROUPS], ok[SNAP_MAX_GROUPS];
	int g;

	if (b == NULL || !b->formed || s->runs[idx].state != ACT_OPEN ||
	    b->mode == BREAKOUT_CHOOSE || group_of(b, p) >= 0)
		return;
	for (g = 0; g < b->n_groups; g++) {
		size[g] = same[g] = 0;
		ok[g] = b->mode != BREAKOUT_SITE || strcmp(b->groups[g].site,
		    p->site) == 0;
	}
	for (int i = 0; i < b->n_members; i++)
		if ((g = b->members[i].grp) >= 0) {
			size[g]++;
			same[g] += strcmp(b->members[i].p->site, p->site) == 0;
		}
	g = breakout_pick_late(size, same, ok, b->n_groups);
	if (g < 0 && b->mode == BREAKOUT_SITE) {
		char name[SNAP_SHORT_NAME + 1];

		site_group_name(p->site, 0, name, sizeof name);
		g = add_group(b, name, p->site);
		if (g < 0) {
			for (int x = 0; x < b->n_groups; x++)
				ok[x] = 1;
			g = breakout_pick_late(size, same, ok, b->n_groups);
		}
	}
	if (g < 0 || set_member(b, p, g) != 0)
		return;
	save_all(s, idx, b);
	s->tallies_stale = 1;
	s->seq++;
}

/* "@N" or "@name": pick a group (choose mode). */
static int
choose_group(struct session *s, int idx, struct breakout *b,
    struct participant *p, const char *v, char *why, size_t n)
{
	char *end;
	long k = strtol(v, &end, 10);

	if (b->mode != BREAKOUT_CHOOSE) {
		snprintf(why, n, "the facilitator sets the groups in this "
		    "breakout");
		return -1;
	}
	if (*v == '\0' || *end != '\0') {
		k = 0;
		for (int g = 0; g < b->n_groups && k == 0; g++)
			if (strcasecmp(b->groups[g].name, v) == 0)
				k = g + 1;
	}
	if (k < 1 || k > b->n_groups) {
		snprintf(why, n, "there is no group %s", v);
		return -1;
	}
	if (set_member(b, p, (int)k - 1) != 0 || store_member_put(s->store,
	    s->runs[idx].store_id, p->id, (int)k) != 0) {
		snprintf(why, n, "not saved: %s", store_error(s->store));
		return -1;
	}
	return 0;
}

/* "!change TEXT", "!owner TEXT", "!due TEXT", "!measure TEXT". */
static int
set_commit(struct session *s, int idx, struct breakout *b, int g,
    const char *v, char *why, size_t n)
{
	size_t len = strcspn(v, " ");
	int field = commit_field(v, len);
	char text[VALUE_MAX_LEN + 1];

	if (field < 0) {
		snprintf(why, n, "unknown part of the commitment: %.*s",
		    (int)(len < 20 ? len : 20), v);
		return -1;
	}
	util_strlcpy(text, v[len] == ' ' ? v + len + 1 : "", sizeof text);
	util_sanitize(text, sizeof text);
	if (commit_check(field, text, why, n) != 0)
		return -1;
	if (store_group_set(s->store, s->runs[idx].store_id, g + 1, field,
	    text) != 0) {
		snprintf(why, n, "not saved: %s", store_error(s->store));
		return -1;
	}
	util_strlcpy(b->groups[g].commit[field], text,
	    sizeof b->groups[g].commit[field]);
	return 0;
}

/*
 * A member's message: "+TEXT" adds a line to their group's note, "=ID
 * TEXT" changes one of their own lines, "!PART TEXT" sets a part of the
 * commitment, "@N" picks a group (choose mode).
 */
static int
intent_breakout(struct session *s, int idx, struct participant *p,
    const char *value, char *why, size_t n)
{
	struct breakout *b = breakout_of(s, idx);
	int g = b != NULL ? group_of(b, p) : -1;

	if (b == NULL || !b->formed) {
		snprintf(why, n, "the groups are not formed yet");
		return -1;
	}
	if (value[0] == '@') {
		if (choose_group(s, idx, b, p, value + 1, why, n) != 0)
			return -1;
		g = group_of(b, p);
	} else if (g < 0) {
		snprintf(why, n, b->mode == BREAKOUT_CHOOSE ? "pick a group "
		    "first" : "you have no group yet: ask the facilitator");
		return -1;
	} else if (value[0] == '+' || value[0] == '=') {
		const struct note *nt;

		if (notes_intent(s->store, s->runs[idx].store_id, 0, 0, g + 1,
		    p->id, value, why, n) < 0)
			return -1;
		/* An edited line counts as activity in its own group. */
		if (value[0] == '=' && (nt = notes_find(&b->notes,
		    strtoll(value + 1, NULL, 10))) != NULL && nt->grp >= 1 &&
		    nt->grp <= b->n_groups)
			g = nt->grp - 1;
	} else if (value[0] == '!') {
		if (set_commit(s, idx, b, g, value + 1, why, n) != 0)
			return -1;
	} else {
		snprintf(why, n, "unknown breakout message");
		return -1;
	}
	if (g >= 0)
		b->groups[g].last_ms = util_now_ms();
	s->tallies_stale = 1;
	s->seq++;
	return 0;
}

/* Re-read the notes; `answered` counts people who wrote a line. */
static void
refresh_breakout(struct session *s, int idx)
{
	struct breakout *b = breakout_of(s, idx);
	uint32_t writers = 0;

	if (b == NULL)
		return;
	notes_load(s->store, s->runs[idx].store_id, &b->notes);
	for (int g = 0; g < b->n_groups; g++)
		b->groups[g].lines = 0;
	for (size_t i = 0; i < b->notes.n; i++) {
		int seen = 0;

		if (b->notes.v[i].grp >= 1 && b->notes.v[i].grp <= b->n_groups)
			b->groups[b->notes.v[i].grp - 1].lines++;
		for (size_t k = 0; k < i && !seen; k++)
			seen = b->notes.v[k].author == b->notes.v[i].author;
		writers += !seen && b->notes.v[i].author > 0;
	}
	s->runs[idx].res.answered = writers;
}

/* Members of group g as a table row: names, how many are connected. */
static void
add_table(const struct breakout *b, int g, struct snapshot *snap)
{
	struct snap_table *st = &snap->tables[snap->n_tables++];
	size_t used = 0;

	memset(st, 0, sizeof *st);
	st->number = (uint16_t)(g + 1);
	util_strlcpy(st->host, b->groups[g].name, sizeof st->host);
	for (int i = 0; i < b->n_members; i++) {
		const struct participant *p = b->members[i].p;

		if (b->members[i].grp != g)
			continue;
		if (st->seated < 255)
			st->seated++;
		st->arrived += p->connected > 0 && st->arrived < 255;
		if (used + 3 >= sizeof st->people)
			continue;
		used += (size_t)snprintf(st->people + used, sizeof st->people -
		    used, "%s%s%s", used ? ", " : "", p->connected ? "" :
		    "(away) ", p->name);
		if (used >= sizeof st->people)
			used = sizeof st->people - 1;
	}
}

/*
 * What one viewer sees.  A member: their group (members, note, its
 * commitment) and every group's name and size, to pick from in choose
 * mode.  The facilitator and the projector (viewer NULL): every group
 * with its members, note and commitment.  Once closed, every group's
 * commitment goes to everyone.
 */
static void
snapshot_breakout(const struct session *s, int idx, int results,
    const struct participant *viewer, struct snapshot *snap)
{
	const struct breakout *b = breakout_of(s, idx);
	int mine = -1, closed = s->runs[idx].state == ACT_CLOSED;

	(void)results;
	if (b == NULL)
		return;
	snap->group_mode = (uint8_t)b->mode;
	snap->recall = b->recall && s->runs[idx].state == ACT_OPEN;
	if (viewer != NULL)
		mine = group_of(b, viewer);
	snap->my_table = (uint16_t)(mine + 1);
	for (int g = 0; g < b->n_groups && g < SNAP_MAX_GROUPS; g++) {
		const struct bgroup *bg = &b->groups[g];
		struct snap_group *sg = &snap->groups[snap->n_groups++];

		memset(sg, 0, offsetof(struct snap_group, commit));
		for (int k = 0; k < COMMIT_FIELDS; k++)
			sg->commit[k][0] = '\0';
		sg->n_members = 0;
		util_strlcpy(sg->name, bg->name, sizeof sg->name);
		sg->n_lines = (uint16_t)bg->lines;
		if (bg->last_ms > 0) {
			time_t t = (time_t)(bg->last_ms / 1000);
			struct tm tm;

			if (localtime_r(&t, &tm) != NULL)
				strftime(sg->last, sizeof sg->last, "%H:%M", &tm);
		}
		for (int i = 0; i < b->n_members; i++) {
			if (b->members[i].grp != g)
				continue;
			sg->size++;
			if (viewer == NULL && sg->n_members < SNAP_GROUP_MEMBERS) {
				sg->member_id[sg->n_members] =
				    (uint32_t)b->members[i].p->id;
				util_strlcpy(sg->member[sg->n_members++],
				    b->members[i].p->name,
				    sizeof sg->member[0]);
			}
		}
		if (viewer == NULL || g == mine || closed)
			for (int k = 0; k < COMMIT_FIELDS; k++)
				util_strlcpy(sg->commit[k], bg->commit[k],
				    sizeof sg->commit[k]);
		if ((viewer == NULL || g == mine) && snap->n_tables <
		    SNAP_MAX_TABLES)
			add_table(b, g, snap);
	}
	for (size_t k = 0; k < b->notes.n; k++)
		if (viewer == NULL || (mine >= 0 && b->notes.v[k].grp == mine + 1))
			notes_snap(snap, &b->notes.v[k], b->notes.v[k].grp,
			    viewer, 0);
}

static void
group_row(void *arg, int grp, const char *name, const char *const *parts)
{
	struct breakout *b = arg;
	int g;

	while (b->n_groups < grp && b->n_groups < SNAP_MAX_GROUPS)
		add_group(b, "", "");
	if (grp < 1 || grp > b->n_groups)
		return;
	g = grp - 1;
	util_strlcpy(b->groups[g].name, name, sizeof b->groups[g].name);
	for (int k = 0; k < COMMIT_FIELDS; k++)
		util_strlcpy(b->groups[g].commit[k], parts[k],
		    sizeof b->groups[g].commit[k]);
}

static void
member_row(void *arg, int64_t pid, int grp)
{
	struct session *s = ((void **)arg)[0];
	struct breakout *b = ((void **)arg)[1];

	if (grp < 1 || grp > b->n_groups)
		return;
	for (size_t i = 0; i < s->n_people; i++)
		if (s->people[i]->id == pid) {
			set_member(b, s->people[i], grp - 1);
			/* A site group is the site of its members. */
			if (b->mode == BREAKOUT_SITE)
				util_strlcpy(b->groups[grp - 1].site,
				    s->people[i]->site,
				    sizeof b->groups[grp - 1].site);
		}
}

/* After --resume: the groups, their commitments and members are in the
 * store (the time of the last edit is not: it shows once someone types). */
static void
resume_breakout(struct session *s, int idx)
{
	struct breakout *b;
	void *arg[2];

	if ((b = new_breakout(s, idx)) == NULL)
		return;
	store_groups(s->store, s->runs[idx].store_id, group_row, b);
	if (b->n_groups == 0) {
		free(b->groups);
		free(b);
		return;
	}
	arg[0] = s;
	arg[1] = b;
	store_members(s->store, s->runs[idx].store_id, member_row, arg);
	b->formed = 1;
	s->runs[idx].data = b;
}

static void
release_breakout(struct act_run *run)
{
	struct breakout *b = run->data;

	if (b == NULL)
		return;
	free(b->groups);
	free(b->members);
	notes_free(&b->notes);
	free(b);
	run->data = NULL;
}

/* The open breakout, or -1 with a reason. */
static int
current_breakout(struct session *s, char *out, size_t n)
{
	if (s->current < 0 || s->plan->acts[s->current].kind != ACT_BREAKOUT ||
	    breakout_of(s, s->current) == NULL) {
		snprintf(out, n, "no breakout is running");
		return -1;
	}
	if (s->runs[s->current].state != ACT_OPEN) {
		snprintf(out, n, "the breakout is not open");
		return -1;
	}
	return s->current;
}

/* `move PARTICIPANT-ID GROUP`: GROUP is a number or a group's name. */
int
breakout_move(struct session *s, int64_t pid, const char *to, char *out,
    size_t n)
{
	int idx = current_breakout(s, out, n);
	struct breakout *b;
	struct participant *p = NULL;
	char *end;
	long g;

	if (idx < 0)
		return 1;
	b = breakout_of(s, idx);
	for (size_t i = 0; i < s->n_people; i++)
		if (s->people[i]->id == pid)
			p = s->people[i];
	if (p == NULL) {
		snprintf(out, n, "no participant %lld", (long long)pid);
		return 1;
	}
	g = strtol(to, &end, 10);
	if (*to == '\0' || *end != '\0') {
		g = 0;
		for (int k = 0; k < b->n_groups && g == 0; k++)
			if (strcasecmp(b->groups[k].name, to) == 0)
				g = k + 1;
	}
	if (g < 1 || g > b->n_groups) {
		snprintf(out, n, "there is no group %s (groups 1 to %d)", to,
		    b->n_groups);
		return 1;
	}
	if (set_member(b, p, (int)g - 1) != 0 || store_member_put(s->store,
	    s->runs[idx].store_id, p->id, (int)g) != 0) {
		snprintf(out, n, "could not save: %s", store_error(s->store));
		return 1;
	}
	s->tallies_stale = 1;
	s->seq++;
	snprintf(out, n, "%s moved to group %ld (%s)", p->name, g,
	    b->groups[g - 1].name);
	return 0;
}

/*
 * `recall MINUTES`: every screen counts down "back in the room", and at
 * zero the breakout closes whatever the plan's auto_close says (the
 * timer's own close does it; the plan's setting returns on reopen).
 */
int
breakout_recall(struct session *s, int minutes, char *out, size_t n)
{
	int idx = current_breakout(s, out, n);
	struct breakout *b;

	if (idx < 0)
		return 1;
	b = breakout_of(s, idx);
	if (!b->recall)
		b->auto_close = s->plan->acts[idx].auto_close;
	b->recall = 1;
	s->plan->acts[idx].auto_close = 1;
	s->runs[idx].deadline_ms = s->now() + (int64_t)minutes * 60000;
	s->runs[idx].warned = minutes <= 1;
	s->seq++;
	snprintf(out, n, "everyone called back: the breakout closes in %d:00",
	    minutes);
	return 0;
}

const struct activity_ops act_breakout_ops = {
	.kind = ACT_BREAKOUT,
	.refresh = refresh_breakout,
	.snapshot = snapshot_breakout,
	.open = open_breakout,
	.intent = intent_breakout,
	.joined = joined_breakout,
	.resume = resume_breakout,
	.release = release_breakout,
	.export = &breakout_export,
	.store = &breakout_store,
	.plan = &breakout_plan,
	.rehearse = &breakout_rehearse,
	.wire = &breakout_wire,
	.commands = breakout_commands,
};
