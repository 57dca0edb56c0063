/* test-wire.c: the snapshot's bytes on the wire, kind by kind, pinned.
 *
 * Each case builds a snapshot of one activity kind (and a few that mix
 * every section), encodes it, and compares the frame with a fingerprint
 * (length and FNV-1a hash) taken from the encoder before the sections
 * moved into the kinds' own files (src/act-*-wire.c).  A changed byte
 * fails here: a change of the wire is a new protocol version, never a
 * side effect.  With CONVENE_WIRE_DUMP set, the test prints what it got.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "convene.h"
#include "kind-wire.h"
#include "snapshot.h"

struct pin {
	const char *name;
	size_t len;
	uint64_t hash;
};

static uint64_t
fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Encode `s` (fitted when `fit`), compare with the pin, and check that
 * the frame decodes and encodes again to the same bytes. */
static void
check_pin(const struct pin *pin, struct snapshot *s, int fit)
{
	struct wbuf w = { 0 }, w2 = { 0 };
	struct snapshot *back = malloc(sizeof *back);
	struct frame f;
	size_t used = 0;
	const char *err = NULL;
	uint64_t h;

	assert_non_null(back);
	if (fit)
		assert_int_equal(snapshot_fit(&w, s), 0);
	else
		assert_int_equal(snapshot_encode(&w, s), 0);
	h = fnv1a(w.data, w.len);
	if (getenv("CONVENE_WIRE_DUMP") != NULL)
		printf("\t{ \"%s\", %zu, 0x%016llxULL },\n", pin->name, w.len,
		    (unsigned long long)h);
	assert_int_equal(w.len, pin->len);
	assert_true(h == pin->hash);

	assert_int_equal(frame_decode(w.data, w.len, &f, &used, &err), 1);
	assert_int_equal(snapshot_decode(&f, back, &err), 0);
	assert_int_equal(snapshot_encode(&w2, back), 0);
	assert_int_equal(w2.len, w.len);
	assert_memory_equal(w2.data, w.data, w.len);
	wbuf_free(&w);
	wbuf_free(&w2);
	free(back);
}

static void
head(struct snapshot *s, uint8_t view)
{
	memset(s, 0, sizeof *s);
	s->seq = 7;
	s->view = view;
	strcpy(s->title, "Learning session 3");
	strcpy(s->join_hint, "ssh join@host");
	s->joined = 20;
	s->connected = 18;
	strcpy(s->banner, "lunch at 12");
	s->n_items = 5;
	for (unsigned i = 0; i < 5; i++) {
		snprintf(s->items[i].id, sizeof s->items[i].id, "item-%u", i);
		snprintf(s->items[i].title, sizeof s->items[i].title,
		    "Item %u", i);
		s->items[i].kind = (uint8_t)i;
		s->items[i].flags = SNAP_RUNNABLE;
		s->items[i].state = (uint8_t)(i % 3);
	}
	s->mine = -1;
	s->remaining = -1;
}

static void
activity(struct snapshot *s, enum act_kind kind, int current)
{
	s->current = (int16_t)current;
	s->kind = (uint8_t)kind;
	s->state = ACT_OPEN;
	s->flags = SNAP_RESULTS | SNAP_BY_SITE;
	snprintf(s->activity, sizeof s->activity, "item-%d", current);
	strcpy(s->question, "What gets in the way?");
	s->answered = 9;
	s->remaining = 300;
}

static void
people(struct snapshot *s, unsigned n)
{
	s->n_people = (uint16_t)n;
	for (unsigned i = 0; i < n; i++) {
		s->people[i].id = 100 + i;
		snprintf(s->people[i].name, sizeof s->people[i].name,
		    "Person %u", i);
		snprintf(s->people[i].site, sizeof s->people[i].site,
		    "Site %u", i % 3);
		s->people[i].connected = i % 2;
		s->people[i].answered = i % 3 == 0;
	}
}

static void
poll_part(struct snapshot *s)
{
	s->n_options = 4;
	for (unsigned i = 0; i < 4; i++) {
		snprintf(s->options[i], sizeof s->options[i], "Option %u", i);
		s->counts[i] = 3 * i + 1;
		s->stat[i] = 125 * (int)i - 100;
	}
	s->poll_type = POLL_SCALE;
	s->max_picks = 2;
	s->scale_min = -1;
	s->mean100 = 237;
	s->text_max = 140;
	s->n_sites = 2;
	strcpy(s->sites[0].name, "North");
	s->sites[0].n = 6;
	s->sites[0].counts[1] = 4;
	s->sites[0].counts[3] = 2;
	strcpy(s->sites[1].name, "other sites");
	s->sites[1].n = 2;
	s->sites[1].counts[0] = 2;
	s->n_texts = 2;
	s->texts[0].id = 51;
	strcpy(s->texts[0].text, "handover at night");
	s->texts[1].id = 50;
	s->texts[1].hidden = 1;
	strcpy(s->texts[1].text, "hidden words");
	s->n_words = 2;
	strcpy(s->words[0].word, "handover");
	s->words[0].count = 3;
	strcpy(s->words[1].word, "night");
	s->words[1].count = 1;
	s->mine = 1;
	strcpy(s->mine_value, "1");
}

static void
tables_part(struct snapshot *s, unsigned n)
{
	s->round = 2;
	s->rounds = 3;
	s->my_table = 2;
	s->i_host = 1;
	strcpy(s->my_host, "Amal");
	s->n_tables = (uint16_t)n;
	for (unsigned i = 0; i < n; i++) {
		s->tables[i].number = (uint16_t)(i + 1);
		s->tables[i].seated = (uint8_t)(4 + i % 3);
		s->tables[i].arrived = (uint8_t)(3 + i % 2);
		snprintf(s->tables[i].host, sizeof s->tables[i].host,
		    "Host %u", i);
		snprintf(s->tables[i].people, sizeof s->tables[i].people,
		    "Bo, Cara, Dev, Eli, Fay and friends of table %u", i);
	}
}

static void
notes_part(struct snapshot *s, unsigned n, unsigned len)
{
	s->n_notes = (uint16_t)n;
	s->more_notes = 1;
	for (unsigned i = 0; i < n; i++) {
		struct snap_note *nt = &s->notes[i];

		nt->id = 900 + i;
		nt->table = (uint16_t)(1 + i % 3);
		nt->round = (uint8_t)(1 + i % 2);
		nt->flags = (uint8_t)(i % 8);
		snprintf(nt->author, sizeof nt->author, "Author %u", i);
		memset(nt->text, 'a' + (int)(i % 26), len);
		nt->text[len] = '\0';
	}
}

static void
groups_part(struct snapshot *s, unsigned n, unsigned members)
{
	s->recall = 1;
	s->group_mode = BREAKOUT_CHOOSE;
	s->n_groups = (uint8_t)n;
	for (unsigned i = 0; i < n; i++) {
		struct snap_group *g = &s->groups[i];

		snprintf(g->name, sizeof g->name, "Group %u", i + 1);
		strcpy(g->last, i % 2 ? "14:32" : "");
		g->size = (uint16_t)(members + i);
		g->n_lines = (uint16_t)(2 * i);
		for (unsigned k = 0; k < COMMIT_FIELDS; k++)
			snprintf(g->commit[k], sizeof g->commit[k],
			    "commit %u of group %u", k, i);
		g->n_members = (uint8_t)members;
		for (unsigned k = 0; k < members; k++) {
			g->member_id[k] = 100 + k;
			snprintf(g->member[k], sizeof g->member[k],
			    "Member %u.%u", i, k);
		}
	}
}

static void
form_part(struct snapshot *s, int scores)
{
	strcpy(s->form_title, "Team climate");
	strcpy(s->form_source, "after Anderson and West (1998)");
	s->form_by = 1;
	s->submitted = 1;
	s->n_scales = 2;
	for (unsigned i = 0; i < 2; i++) {
		s->scales[i].n = (uint8_t)(3 + i);
		for (unsigned k = 0; k < s->scales[i].n; k++) {
			snprintf(s->scales[i].labels[k],
			    sizeof s->scales[i].labels[k], "label %u.%u", i, k);
			snprintf(s->scales[i].values[k],
			    sizeof s->scales[i].values[k], "%u", k + 1);
		}
	}
	s->n_slots = 4;
	for (unsigned i = 0; i < 4; i++) {
		snprintf(s->slots[i].id, sizeof s->slots[i].id, "q%u", i);
		s->slots[i].kind = (uint8_t)(i % 3);
		s->slots[i].scale = (uint8_t)(i % 2);
		snprintf(s->slots[i].text, sizeof s->slots[i].text,
		    "Question %u", i);
		snprintf(s->slots[i].mine, sizeof s->slots[i].mine, "%u", i);
	}
	if (!scores)
		return;
	s->n_subscales = 2;
	strcpy(s->subscales[0], "vision");
	strcpy(s->subscales[1], "safety");
	s->n_scores = 2;
	for (unsigned i = 0; i < 2; i++) {
		struct snap_score *sc = &s->scores[i];

		strcpy(sc->site, i ? "North" : "");
		sc->members = (uint16_t)(10 + i);
		sc->started = 8;
		sc->complete = 6;
		sc->partial = 1;
		sc->suppressed = (uint8_t)i;
		for (unsigned k = 0; k < 2; k++) {
			sc->mean100[k] = 350 + (int)k;
			sc->sd100[k] = 80;
			sc->n[k] = 6;
			sc->prev100[k] = k ? INT32_MIN : 300;
		}
		for (unsigned k = 0; k < 4; k++)
			sc->item10[k] = (int16_t)(k ? 30 + (int)k : -1);
	}
}

/* Fingerprints of the encoder as it was before the move. */
static const struct pin pins[] = {
	{ "poll", 557, 0x02e374b88cc94b46ULL },
	{ "poll-participant", 392, 0x953d3cf86e9bc0b7ULL },
	{ "cafe", 644, 0x1c07aaac0adf5a46ULL },
	{ "breakout", 1070, 0x77bc2f01e6530fa9ULL },
	{ "assess", 584, 0xa4fc5f97276c34feULL },
	{ "feedback", 464, 0x3aac38232bae73c3ULL },
	{ "lobby-lists", 818, 0x64a81a07148d8a0eULL },
	{ "every-section-poll", 1069, 0x82f059c860140330ULL },
	{ "every-section-breakout", 1317, 0x1b7245b6a3e19b70ULL },
	{ "fit", 59560, 0x8d1bca30f794128cULL },
};

static const struct pin *
pin(const char *name)
{
	for (size_t i = 0; i < sizeof pins / sizeof pins[0]; i++)
		if (strcmp(pins[i].name, name) == 0)
			return &pins[i];
	fail_msg("no pin %s", name);
	return NULL;
}

static struct snapshot *
fresh(void)
{
	struct snapshot *s = malloc(sizeof *s);

	assert_non_null(s);
	return s;
}

static void
test_poll(void **state)
{
	struct snapshot *s = fresh();

	(void)state;
	head(s, VIEW_FACILITATOR);
	activity(s, ACT_POLL, 0);
	poll_part(s);
	people(s, 4);
	check_pin(pin("poll"), s, 0);
	head(s, VIEW_PARTICIPANT);
	activity(s, ACT_POLL, 0);
	poll_part(s);
	s->n_sites = 0;
	s->flags = 0;
	check_pin(pin("poll-participant"), s, 0);
	free(s);
}

static void
test_cafe(void **state)
{
	struct snapshot *s = fresh();

	(void)state;
	head(s, VIEW_PARTICIPANT);
	activity(s, ACT_CAFE, 1);
	tables_part(s, 3);
	notes_part(s, 4, 30);
	s->n_words = 1;
	strcpy(s->words[0].word, "flow");
	s->words[0].count = 4;
	check_pin(pin("cafe"), s, 0);
	free(s);
}

static void
test_breakout(void **state)
{
	struct snapshot *s = fresh();

	(void)state;
	head(s, VIEW_FACILITATOR);
	activity(s, ACT_BREAKOUT, 3);
	tables_part(s, 2);
	s->round = 0;
	notes_part(s, 3, 20);
	groups_part(s, 3, 4);
	people(s, 3);
	check_pin(pin("breakout"), s, 0);
	free(s);
}

static void
test_forms(void **state)
{
	struct snapshot *s = fresh();

	(void)state;
	head(s, VIEW_FACILITATOR);
	activity(s, ACT_ASSESS, 2);
	form_part(s, 1);
	check_pin(pin("assess"), s, 0);
	head(s, VIEW_PARTICIPANT);
	activity(s, ACT_FEEDBACK, 4);
	form_part(s, 0);
	check_pin(pin("feedback"), s, 0);
	free(s);
}

/* Lists sent without a current activity, and every section at once: the
 * order of the sections does not hang on the kind. */
static void
test_mixed(void **state)
{
	struct snapshot *s = fresh();

	(void)state;
	head(s, VIEW_PROJECTOR);
	poll_part(s);
	tables_part(s, 2);
	notes_part(s, 2, 10);
	groups_part(s, 2, 2);
	form_part(s, 1);
	s->current = -1;
	check_pin(pin("lobby-lists"), s, 0);
	activity(s, ACT_POLL, 0);
	people(s, 2);
	check_pin(pin("every-section-poll"), s, 0);
	s->kind = ACT_BREAKOUT;
	check_pin(pin("every-section-breakout"), s, 0);
	free(s);
}

/* Too much for one frame: which lists give way, and how far. */
static void
test_fit(void **state)
{
	struct snapshot *s = fresh();

	(void)state;
	head(s, VIEW_FACILITATOR);
	activity(s, ACT_BREAKOUT, 3);
	people(s, SNAP_MAX_PEOPLE);
	tables_part(s, SNAP_MAX_TABLES);
	notes_part(s, SNAP_MAX_NOTES, 900);
	groups_part(s, SNAP_MAX_GROUPS, SNAP_GROUP_MEMBERS);
	s->n_texts = SNAP_MAX_TEXTS;
	for (unsigned i = 0; i < SNAP_MAX_TEXTS; i++) {
		s->texts[i].id = i;
		memset(s->texts[i].text, 'x', 700);
		s->texts[i].text[700] = '\0';
	}
	check_pin(pin("fit"), s, 1);
	free(s);
}

/* Every kind has its sections; no two share a tag or a place, and none
 * takes a shared section's tag. */
static void
test_registry(void **state)
{
	const struct wire_section *secs[WIRE_SECTIONS_MAX];
	size_t n = snapshot_sections(secs, WIRE_SECTIONS_MAX);

	(void)state;
	for (unsigned k = 0; k < ACT_KIND_MAX; k++)
		assert_non_null(activity_ops((enum act_kind)k)->wire);
	assert_true(n > 0 && n < WIRE_SECTIONS_MAX);
	for (size_t i = 0; i < n; i++) {
		assert_true(secs[i]->tag >= SEC_KIND_FIRST);
		assert_non_null(secs[i]->present);
		assert_non_null(secs[i]->encode);
		assert_non_null(secs[i]->decode);
		assert_true((secs[i]->list_bytes == NULL) ==
		    (secs[i]->shed == NULL));
		if (secs[i]->list_bytes != NULL)
			assert_true(secs[i]->shed_rank != SHED_RANK_PEOPLE);
		if (i > 0)
			assert_true(secs[i - 1]->place < secs[i]->place);
		for (size_t j = 0; j < i; j++) {
			assert_true(secs[j]->tag != secs[i]->tag);
			assert_true(secs[j]->list_bytes == NULL ||
			    secs[i]->list_bytes == NULL ||
			    secs[j]->shed_rank != secs[i]->shed_rank);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poll),
		cmocka_unit_test(test_cafe),
		cmocka_unit_test(test_breakout),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
