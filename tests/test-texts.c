/* test-texts.c: long typed texts, end to end.
 *
 * A text answer, a note line and a commitment hold TEXT_CHARS_MAX
 * characters of any script: 1,000 four-byte characters go through the
 * answer frame, the host's checks, the store, every export and a
 * snapshot whole; 1,001 are refused with a reason.  A snapshot full of
 * long texts still fits one frame, shedding list entries, never cutting
 * one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "export.h"
#include "act-breakout.h"

/* `chars` characters, each the 4-byte U+1F600, then `tail`. */
static char *
long_text(int chars, const char *tail)
{
	char *s = malloc(4 * (size_t)chars + strlen(tail) + 1);

	assert_non_null(s);
	for (int i = 0; i < chars; i++)
		memcpy(s + 4 * i, "\xf0\x9f\x98\x80", 4);
	strcpy(s + 4 * chars, tail);
	return s;
}

static void
test_check(void **state)
{
	char *t = long_text(TEXT_CHARS_MAX, ""), why[256];

	(void)state;
	assert_int_equal(util_utf8_chars(t), TEXT_CHARS_MAX);
	assert_int_equal(util_text_check(t, 0, why, sizeof why), 0);
	assert_int_equal(strlen(t), 4 * TEXT_CHARS_MAX);
	free(t);
	t = long_text(TEXT_CHARS_MAX, "x");
	assert_int_equal(util_text_check(t, 0, why, sizeof why), -1);
	assert_string_equal(why, "too long: 1001 characters, at most 1000 "
	    "here; shorten it and send it again");
	/* Nothing was cut. */
	assert_int_equal(strlen(t), 4 * TEXT_CHARS_MAX + 1);
	free(t);
	/* A poll's own limit, in characters, not bytes. */
	t = long_text(40, "");
	assert_int_equal(util_text_check(t, 40, why, sizeof why), 0);
	free(t);
	t = strdup("forty-one characters, one more than forty");
	assert_int_equal(util_utf8_chars(t), 41);
	assert_int_equal(util_text_check(t, 40, why, sizeof why), -1);
	assert_non_null(strstr(why, "41 characters, at most 40"));
	free(t);
	/* Sanitised first: blanks that fold do not count. */
	t = strdup("  a   b  ");
	assert_int_equal(util_text_check(t, 3, why, sizeof why), 0);
	assert_string_equal(t, "a b");
	free(t);
}

/* The longest message a client sends: a note line with its prefix. */
static void
test_answer_frame(void **state)
{
	struct msg_answer in, out;
	struct wbuf w = { 0 };
	struct frame f;
	size_t used;
	const char *err = NULL;
	char *t = long_text(TEXT_CHARS_MAX, "");

	(void)state;
	memset(&in, 0, sizeof in);
	in.seq = 9;
	snprintf(in.activity, sizeof in.activity, "cafe");
	snprintf(in.value, sizeof in.value, "=4294967295 %s", t);
	assert_int_equal(strlen(in.value), strlen(t) + 12);
	assert_int_equal(msg_answer_encode(&w, &in), 0);
	assert_int_equal(frame_decode(w.data, w.len, &f, &used, &err), 1);
	assert_int_equal(msg_answer_decode(&f, &out, &err), 0);
	assert_string_equal(out.value, in.value);
	wbuf_free(&w);
	free(t);
}

static struct snapshot *
base_snapshot(void)
{
	struct snapshot *s = calloc(1, sizeof *s);

	assert_non_null(s);
	snprintf(s->title, sizeof s->title, "Long texts");
	s->n_items = 1;
	snprintf(s->items[0].id, sizeof s->items[0].id, "a");
	s->current = 0;
	s->kind = ACT_CAFE;
	s->state = ACT_OPEN;
	snprintf(s->activity, sizeof s->activity, "a");
	s->mine = -1;
	s->remaining = -1;
	return s;
}

static struct snapshot *
fit_and_decode(struct snapshot *in)
{
	struct snapshot *out = malloc(sizeof *out);
	struct wbuf w = { 0 };
	struct frame f;
	size_t used;
	const char *err = NULL;

	assert_non_null(out);
	assert_int_equal(snapshot_fit(&w, in), 0);
	assert_true(w.len <= FRAME_HEADER + FRAME_MAX);
	assert_int_equal(frame_decode(w.data, w.len, &f, &used, &err), 1);
	assert_int_equal(used, w.len);
	assert_int_equal(snapshot_decode(&f, out, &err), 0);
	wbuf_free(&w);
	return out;
}

/* 64 note lines of 4,000 bytes: the first that fit go whole, the rest
 * are counted as not fitting; nothing is cut. */
static void
test_fit_long_notes(void **state)
{
	struct snapshot *in = base_snapshot(), *out;
	char *t = long_text(TEXT_CHARS_MAX - 4, "");

	(void)state;
	in->n_notes = SNAP_MAX_NOTES;
	for (int i = 0; i < SNAP_MAX_NOTES; i++) {
		struct snap_note *n = &in->notes[i];

		n->id = (uint32_t)i + 1;
		n->table = 1;
		snprintf(n->author, sizeof n->author, "Person %d", i);
		snprintf(n->text, sizeof n->text, "%03d:%s", i, t);
	}
	out = fit_and_decode(in);
	assert_true(out->n_notes >= 8);
	assert_true(out->n_notes < SNAP_MAX_NOTES);
	assert_int_equal(out->n_notes + out->more_notes, SNAP_MAX_NOTES);
	for (int i = 0; i < out->n_notes; i++) {
		assert_int_equal(out->notes[i].id, i + 1);
		assert_int_equal(strlen(out->notes[i].text), 4 + strlen(t));
		assert_memory_equal(out->notes[i].text + 4, t, strlen(t));
	}
	free(out);
	free(in);
	free(t);
}

/* Long text answers, commitments and form comments at once. */
static void
test_fit_long_everything(void **state)
{
	struct snapshot *in = base_snapshot(), *out;
	char *t = long_text(TEXT_CHARS_MAX, "");

	(void)state;
	in->kind = ACT_BREAKOUT;
	in->n_texts = SNAP_MAX_TEXTS;
	for (int i = 0; i < SNAP_MAX_TEXTS; i++) {
		in->texts[i].id = (uint32_t)i + 1;
		snprintf(in->texts[i].text, sizeof in->texts[i].text, "%s", t);
	}
	in->n_groups = SNAP_MAX_GROUPS;
	for (int i = 0; i < SNAP_MAX_GROUPS; i++) {
		snprintf(in->groups[i].name, sizeof in->groups[i].name, "G%d",
		    i);
		snprintf(in->groups[i].commit[COMMIT_CHANGE],
		    sizeof in->groups[i].commit[0], "%s", t);
		snprintf(in->groups[i].commit[COMMIT_MEASURE],
		    sizeof in->groups[i].commit[0], "%s", t);
	}
	snprintf(in->mine_value, sizeof in->mine_value, "+%s", t);
	out = fit_and_decode(in);
	assert_true(out->n_texts >= 1 && out->n_groups >= 1);
	for (int i = 0; i < out->n_texts; i++)
		assert_string_equal(out->texts[i].text, t);
	for (int i = 0; i < out->n_groups; i++) {
		assert_string_equal(out->groups[i].commit[COMMIT_CHANGE], t);
		assert_string_equal(out->groups[i].commit[COMMIT_MEASURE], t);
	}
	assert_string_equal(out->mine_value + 1, t);
	free(out);

	/* A form: each person's own comments travel whole. */
	free(in);
	in = base_snapshot();
	in->kind = ACT_FEEDBACK;
	in->n_slots = 10;
	for (int i = 0; i < 10; i++) {
		snprintf(in->slots[i].id, sizeof in->slots[i].id, "c%d", i);
		in->slots[i].kind = SLOT_TEXT;
		snprintf(in->slots[i].mine, sizeof in->slots[i].mine, "%s", t);
	}
	out = fit_and_decode(in);
	assert_int_equal(out->n_slots, 10);
	for (int i = 0; i < 10; i++)
		assert_string_equal(out->slots[i].mine, t);
	free(out);
	free(in);
	free(t);
}

/* A text poll's own limit reaches the client; other polls have none. */
static void
test_text_max(void **state)
{
	struct snapshot *in = base_snapshot(), *out;

	(void)state;
	in->kind = ACT_POLL;
	in->poll_type = POLL_TEXT;
	in->text_max = 40;
	out = fit_and_decode(in);
	assert_int_equal(out->text_max, 40);
	free(out);
	in->poll_type = POLL_SINGLE;
	in->text_max = 0;
	out = fit_and_decode(in);
	assert_int_equal(out->text_max, 0);
	free(out);
	free(in);
}

static char *
export_all(struct store *st, const struct export_writer *w, const char *table)
{
	struct export_job j;
	char err[512], *ids = NULL, *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	memset(&j, 0, sizeof j);
	j.o.session = "1";
	j.o.table = table;
	j.min_group = EXPORT_MIN_GROUP;
	assert_int_equal(export_begin(st, "test.db", err, sizeof err), 0);
	assert_int_equal(export_select(st, &j, &ids, err, sizeof err), 0);
	assert_int_equal(w->write(st, &j.o, f, ids, err, sizeof err), 0);
	fclose(f);
	free(ids);
	return out;
}

/* Through the host's own checks into the store, and out of every export
 * whole. */
static void
test_store_and_export(void **state)
{
	static const char plan_text[] = "title = Long\n"
	    "[poll]\nid = words\nquestion = Q\ntype = text\nreveal = live\n"
	    "[cafe]\nid = cafe\nquestion = Q\n"
	    "[breakout]\nid = plan\nprompt = P\ngroups = site\n";
	char path[] = "/tmp/test-texts-XXXXXX", err[512], cmd[256];
	char *t = long_text(TEXT_CHARS_MAX, ""), *t2, *out;
	const struct export_writer *w[] = { &export_csv, &export_json,
	    &export_md, &export_html };
	struct store *st;
	struct plan plan;
	struct answer a;
	int64_t sid, pid, poll, cafe, brk;
	int st8;

	(void)state;
	close(mkstemp(path));
	assert_int_equal(store_open(path, &st, err, sizeof err), 0);
	assert_int_equal(plan_parse(plan_text, strlen(plan_text), "t.plan",
	    &plan, err, sizeof err), 0);
	sid = store_session_create(st, &plan);
	pid = store_participant_add(st, sid, "Ann", "Site A", "h1");
	poll = store_activity_id(st, sid, 0, &st8);
	cafe = store_activity_id(st, sid, 1, &st8);
	brk = store_activity_id(st, sid, 2, &st8);
	memset(&a, 0, sizeof a);
	a.n = 1;
	snprintf(a.rows[0].value, sizeof a.rows[0].value, "%s", t);
	assert_int_equal(store_answer_put(st, poll, pid, NULL, "Site A", &a),
	    0);
	/* A note line through notes_intent, as a participant sends it. */
	t2 = malloc(strlen(t) + 2);
	snprintf(t2, strlen(t) + 2, "+%s", t);
	assert_int_equal(notes_intent(st, cafe, 1, 1, 0, pid, t2, err,
	    sizeof err), 1);
	free(t2);
	t2 = long_text(TEXT_CHARS_MAX, "!");
	{
		char *plus = malloc(strlen(t2) + 2);

		snprintf(plus, strlen(t2) + 2, "+%s", t2);
		assert_int_equal(notes_intent(st, cafe, 1, 1, 0, pid, plus,
		    err, sizeof err), -1);
		assert_non_null(strstr(err, "too long: 1001 characters"));
		free(plus);
	}
	free(t2);
	assert_int_equal(store_group_put(st, brk, 1, "Site A"), 0);
	assert_int_equal(store_group_set(st, brk, 1, COMMIT_CHANGE, t), 0);

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		out = export_all(st, w[i], w[i] == &export_csv ? "answers" :
		    NULL);
		if (strstr(out, t) == NULL)
			fail_msg("%s export lacks the whole answer", w[i]->name);
		free(out);
	}
	out = export_all(st, &export_csv, "notes");
	assert_non_null(strstr(out, t));
	free(out);
	out = export_all(st, &export_csv, "commitments");
	assert_non_null(strstr(out, t));
	free(out);
	/* The JSON document and the reports hold the note and the
	 * commitment too. */
	for (size_t i = 1; i < sizeof w / sizeof w[0]; i++) {
		const char *p;

		out = export_all(st, w[i], NULL);
		assert_non_null(p = strstr(out, t));
		assert_non_null(p = strstr(p + 1, t));
		assert_non_null(strstr(p + 1, t));
		free(out);
	}
	store_close(st);
	plan_free(&plan);
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'", path, path,
	    path);
	assert_int_equal(system(cmd), 0);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_answer_frame),
		cmocka_unit_test(test_fit_long_notes),
		cmocka_unit_test(test_fit_long_everything),
		cmocka_unit_test(test_text_max),
		cmocka_unit_test(test_store_and_export),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
