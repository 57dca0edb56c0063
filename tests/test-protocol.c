/* test-protocol.c: framing, every message codec and snapshots, with
 * truncated, oversized and random input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocol.h"
#include "snapshot.h"

/* Each test gets a fresh, empty output buffer. */
static int
setup_wbuf(void **state)
{
	struct wbuf *w = calloc(1, sizeof *w);

	if (w == NULL)
		return -1;
	*state = w;
	return 0;
}

static int
teardown_wbuf(void **state)
{
	struct wbuf *w = *state;

	wbuf_free(w);
	free(w);
	return 0;
}

/* A copy of `n` bytes in a block of exactly that size, so AddressSanitizer
 * catches any read past the end. */
static unsigned char *
exact_copy(const void *p, size_t n)
{
	unsigned char *c = malloc(n ? n : 1);

	assert_non_null(c);
	if (n > 0)
		memcpy(c, p, n);
	return c;
}

/* Decode the one whole frame in `w`; the frame points into `w`. */
static void
decode_whole(const struct wbuf *w, struct frame *f)
{
	const char *err = NULL;
	size_t used = 0;

	assert_int_equal(frame_decode(w->data, w->len, f, &used, &err), 1);
	assert_null(err);
	assert_int_equal(used, w->len);
	assert_int_equal(f->len, w->len - FRAME_HEADER);
	assert_int_equal(f->version, PROTO_VERSION);
}

/*
 * Every strict prefix of a frame asks for more bytes, and no prefix is
 * read past its end; every strict prefix of the payload fails the
 * message decoder with an error when `strict` (all fields required).
 */
typedef int (*decode_fn)(const struct frame *, const char **);

static void
check_prefixes(const struct wbuf *w, decode_fn dec, int strict)
{
	for (size_t n = 0; n < w->len; n++) {
		unsigned char *c = exact_copy(w->data, n);
		struct frame f;
		const char *err = NULL;
		size_t used = 12345;

		assert_int_equal(frame_decode(c, n, &f, &used, &err), 0);
		assert_int_equal(used, 12345);
		assert_null(err);
		free(c);
	}
	for (size_t n = 0; n + FRAME_HEADER < w->len; n++) {
		unsigned char *c = exact_copy(w->data + FRAME_HEADER, n);
		struct frame f = { (uint16_t)(w->data[4] | w->data[5] << 8),
		    PROTO_VERSION, c, n };
		const char *err = NULL;
		int rc = dec(&f, &err);

		if (strict) {
			assert_int_equal(rc, -1);
			assert_non_null(err);
		} else
			assert_true(rc == 0 || (rc == -1 && err != NULL));
		free(c);
	}
}

static int
dec_hello(const struct frame *f, const char **err)
{
	struct msg_hello m;

	return msg_hello_decode(f, &m, err);
}

static int
dec_welcome(const struct frame *f, const char **err)
{
	struct msg_welcome m;

	return msg_welcome_decode(f, &m, err);
}

static int
dec_refused(const struct frame *f, const char **err)
{
	char out[TEXT_MAX_LEN + 1];

	return msg_refused_decode(f, out, sizeof out, err);
}

static int
dec_answer(const struct frame *f, const char **err)
{
	struct msg_answer m;

	return msg_answer_decode(f, &m, err);
}

static int
dec_ack(const struct frame *f, const char **err)
{
	struct msg_ack m;

	return msg_ack_decode(f, &m, err);
}

static int
dec_ctl(const struct frame *f, const char **err)
{
	struct msg_ctl m;

	return msg_ctl_decode(f, &m, err);
}

static int
dec_reply(const struct frame *f, const char **err)
{
	struct msg_reply m;

	return msg_reply_decode(f, &m, err);
}

static int
dec_snapshot(const struct frame *f, const char **err)
{
	static struct snapshot s;

	return snapshot_decode(f, &s, err);
}

static void
test_hello_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct msg_hello in, out;
	struct frame f;
	const char *err = NULL;

	memset(&in, 0, sizeof in);
	in.proto = PROTO_VERSION;
	in.view = VIEW_PROJECTOR;
	strcpy(in.name, "Amal Said\xc3\xa9");
	strcpy(in.site, "St Mary's");
	strcpy(in.code, "ABC-123");
	memset(in.token, 'f', TOKEN_LEN);
	assert_int_equal(msg_hello_encode(w, &in), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_HELLO);
	assert_int_equal(msg_hello_decode(&f, &out, &err), 0);
	assert_int_equal(out.proto, PROTO_VERSION);
	assert_int_equal(out.view, VIEW_PROJECTOR);
	assert_string_equal(out.name, in.name);
	assert_string_equal(out.site, in.site);
	assert_string_equal(out.code, in.code);
	assert_string_equal(out.token, in.token);
	check_prefixes(w, dec_hello, 1);
}

static void
test_hello_empty_fields(void **state)
{
	struct wbuf *w = *state;
	struct msg_hello in, out;
	struct frame f;
	const char *err = NULL;

	memset(&in, 0, sizeof in);
	memset(&out, 'x', sizeof out);
	assert_int_equal(msg_hello_encode(w, &in), 0);
	assert_int_equal(w->len, FRAME_HEADER + 2 + 1 + 4 * 2);
	decode_whole(w, &f);
	assert_int_equal(msg_hello_decode(&f, &out, &err), 0);
	assert_string_equal(out.name, "");
	assert_string_equal(out.token, "");
}

static void
test_hello_bad_view(void **state)
{
	struct wbuf *w = *state;
	struct msg_hello in, out;
	struct frame f;
	const char *err = NULL;

	memset(&in, 0, sizeof in);
	in.view = VIEW_MAX;
	assert_int_equal(msg_hello_encode(w, &in), 0);
	decode_whole(w, &f);
	assert_int_equal(msg_hello_decode(&f, &out, &err), -1);
	assert_string_equal(err, "unknown view");
}

static void
test_welcome_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct msg_welcome in, out;
	struct frame f;
	const char *err = NULL;

	memset(&in, 0, sizeof in);
	in.participant = 0xdeadbeef;
	in.view = VIEW_FACILITATOR;
	strcpy(in.token, "0123456789abcdef0123456789abcdef");
	strcpy(in.name, "Amal (2)");
	strcpy(in.site, "North");
	assert_int_equal(msg_welcome_encode(w, &in), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_WELCOME);
	assert_int_equal(msg_welcome_decode(&f, &out, &err), 0);
	assert_int_equal(out.participant, 0xdeadbeef);
	assert_int_equal(out.view, VIEW_FACILITATOR);
	assert_string_equal(out.token, in.token);
	assert_string_equal(out.name, in.name);
	assert_string_equal(out.site, in.site);
	check_prefixes(w, dec_welcome, 1);
}

static void
test_refused_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct frame f;
	const char *err = NULL;
	char out[TEXT_MAX_LEN + 1], tiny[4];

	assert_int_equal(msg_refused_encode(w, "wrong join code"), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_REFUSED);
	assert_int_equal(msg_refused_decode(&f, out, sizeof out, &err), 0);
	assert_string_equal(out, "wrong join code");
	/* A caller's buffer too small for the reason is an error, not a cut. */
	assert_int_equal(msg_refused_decode(&f, tiny, sizeof tiny, &err), -1);
	assert_string_equal(err, "text field too long");
	assert_string_equal(tiny, "");
	check_prefixes(w, dec_refused, 1);
}

static void
test_answer_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct msg_answer in, out;
	struct frame f;
	const char *err = NULL;

	memset(&in, 0, sizeof in);
	in.seq = 42;
	strcpy(in.activity, "confidence");
	memset(in.value, 'v', VALUE_MAX_LEN);	/* the longest allowed */
	assert_int_equal(msg_answer_encode(w, &in), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_ANSWER);
	assert_int_equal(msg_answer_decode(&f, &out, &err), 0);
	assert_int_equal(out.seq, 42);
	assert_string_equal(out.activity, "confidence");
	assert_int_equal(strlen(out.value), VALUE_MAX_LEN);
	assert_memory_equal(out.value, in.value, VALUE_MAX_LEN);
	check_prefixes(w, dec_answer, 1);
}

static void
test_ack_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct msg_ack in, out;
	struct frame f;
	const char *err = NULL;

	memset(&in, 0, sizeof in);
	in.seq = 7;
	in.ok = 0;
	strcpy(in.text, "this question has closed");
	assert_int_equal(msg_ack_encode(w, &in), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_ACK);
	assert_int_equal(msg_ack_decode(&f, &out, &err), 0);
	assert_int_equal(out.seq, 7);
	assert_int_equal(out.ok, 0);
	assert_string_equal(out.text, in.text);
	check_prefixes(w, dec_ack, 1);
}

static void
test_ctl_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct msg_ctl in, out;
	struct frame f;
	const char *err = NULL;

	memset(&in, 0, sizeof in);
	in.argc = 3;
	strcpy(in.argv[0], "say");
	strcpy(in.argv[1], "coffee");
	strcpy(in.argv[2], "");
	assert_int_equal(msg_ctl_encode(w, &in), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_CTL);
	assert_int_equal(msg_ctl_decode(&f, &out, &err), 0);
	assert_int_equal(out.argc, 3);
	assert_string_equal(out.argv[0], "say");
	assert_string_equal(out.argv[1], "coffee");
	assert_string_equal(out.argv[2], "");
	check_prefixes(w, dec_ctl, 1);
}

static void
test_ctl_bad_argc(void **state)
{
	struct wbuf *w = *state;
	struct msg_ctl out;
	struct frame f;
	const char *err = NULL;
	size_t at;

	at = frame_begin(w, MSG_CTL);
	wbuf_u8(w, 0);
	assert_int_equal(frame_end(w, at), 0);
	decode_whole(w, &f);
	assert_int_equal(msg_ctl_decode(&f, &out, &err), -1);
	assert_string_equal(err, "bad command argument count");

	w->len = 0;
	err = NULL;
	at = frame_begin(w, MSG_CTL);
	wbuf_u8(w, CTL_MAX_ARGS + 1);
	for (int i = 0; i < CTL_MAX_ARGS + 1; i++)
		wbuf_str(w, "x");
	assert_int_equal(frame_end(w, at), 0);
	decode_whole(w, &f);
	assert_int_equal(msg_ctl_decode(&f, &out, &err), -1);
	assert_string_equal(err, "bad command argument count");
}

static void
test_reply_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct msg_reply *in = calloc(1, sizeof *in), *out = malloc(sizeof *out);
	struct frame f;
	const char *err = NULL;

	assert_non_null(in);
	assert_non_null(out);
	in->status = 2;
	memset(in->text, 'j', sizeof in->text - 1);
	assert_int_equal(msg_reply_encode(w, in), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_CTL_REPLY);
	assert_int_equal(msg_reply_decode(&f, out, &err), 0);
	assert_int_equal(out->status, 2);
	assert_string_equal(out->text, in->text);
	check_prefixes(w, dec_reply, 1);
	free(in);
	free(out);
}

/* A snapshot with every section filled in, as a facilitator sees it. */
static void
full_snapshot(struct snapshot *s)
{
	memset(s, 0, sizeof *s);
	s->seq = 99;
	s->view = VIEW_FACILITATOR;
	strcpy(s->title, "Sepsis collaborative: learning session 2");
	strcpy(s->join_hint, "ssh join@host");
	s->n_items = 3;
	strcpy(s->items[0].id, "confidence");
	strcpy(s->items[0].title, "Opening poll");
	s->items[0].kind = ACT_POLL;
	s->items[0].flags = SNAP_RUNNABLE;
	s->items[0].state = ACT_CLOSED;
	strcpy(s->items[1].id, "sepsis-six");
	strcpy(s->items[1].title, "Sepsis Six");
	s->items[1].kind = ACT_POLL;
	s->items[1].flags = SNAP_RUNNABLE;
	s->items[1].state = ACT_OPEN;
	strcpy(s->items[2].id, "cafe-3");
	strcpy(s->items[2].title, "Caf\xc3\xa9");
	s->items[2].kind = ACT_CAFE;
	s->items[2].state = ACT_WAITING;
	s->current = 1;
	s->kind = ACT_POLL;
	s->state = ACT_OPEN;
	s->flags = SNAP_RESULTS | SNAP_ANONYMOUS | SNAP_RUNNABLE;
	strcpy(s->activity, "sepsis-six");
	strcpy(s->question, "Which step slips past the hour?");
	s->n_options = 3;
	strcpy(s->options[0], "Oxygen");
	strcpy(s->options[1], "Blood cultures");
	strcpy(s->options[2], "Antibiotics");
	s->counts[0] = 4;
	s->counts[1] = 0;
	s->counts[2] = 70000;
	s->answered = 70004;
	s->remaining = 125;
	s->joined = 14;
	s->connected = 12;
	strcpy(s->banner, "Coffee at 10:30");
	s->poll_type = POLL_RANK;
	s->max_picks = 3;
	s->scale_min = -2;
	s->mean100 = -150;
	s->stat[0] = 100;
	s->stat[2] = 250;
	s->n_sites = 2;
	strcpy(s->sites[0].name, "North");
	s->sites[0].n = 5;
	s->sites[0].counts[2] = 5;
	strcpy(s->sites[1].name, "other sites");
	s->sites[1].n = 3;
	s->n_texts = 2;
	s->texts[0].id = 41;
	strcpy(s->texts[0].text, "staffing at night");
	s->texts[1].id = 40;
	s->texts[1].hidden = 1;
	strcpy(s->texts[1].text, "rude words");
	s->n_words = 1;
	strcpy(s->words[0].word, "staffing");
	s->words[0].count = 2;
	s->mine = 2;
	strcpy(s->mine_value, "3,1,2");
	s->n_people = 2;
	s->people[0].id = 7;
	strcpy(s->people[0].name, "Amal");
	strcpy(s->people[0].site, "North");
	s->people[0].connected = 1;
	s->people[0].answered = 1;
	s->people[1].id = 8;
	strcpy(s->people[1].name, "Bo");
	s->people[1].connected = 0;
}

static void
test_snapshot_round_trip(void **state)
{
	struct wbuf *w = *state;
	struct snapshot *in = malloc(sizeof *in), *out = malloc(sizeof *out);
	struct frame f;
	const char *err = NULL;

	assert_non_null(in);
	assert_non_null(out);
	full_snapshot(in);
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	assert_int_equal(f.type, MSG_SNAPSHOT);
	assert_int_equal(snapshot_decode(&f, out, &err), 0);
	/* Both were zeroed first, so every byte must match. */
	assert_memory_equal(in, out, sizeof *in);
	assert_string_equal(out->people[0].name, "Amal");
	assert_int_equal(out->counts[2], 70000);
	assert_int_equal(out->mean100, -150);
	assert_int_equal(out->scale_min, -2);
	assert_string_equal(out->texts[1].text, "rude words");
	assert_int_equal(out->texts[1].hidden, 1);
	assert_string_equal(out->mine_value, "3,1,2");
	check_prefixes(w, dec_snapshot, 0);
	free(in);
	free(out);
}

static void
test_snapshot_lobby(void **state)
{
	struct wbuf *w = *state;
	struct snapshot *in = malloc(sizeof *in), *out = malloc(sizeof *out);
	struct frame f;
	const char *err = NULL;

	assert_non_null(in);
	assert_non_null(out);
	memset(in, 0, sizeof *in);
	in->view = VIEW_PARTICIPANT;
	strcpy(in->title, "Lobby");
	in->n_items = 1;
	strcpy(in->items[0].id, "poll-1");
	strcpy(in->items[0].title, "Poll");
	in->current = -1;
	in->mine = -1;
	in->remaining = -1;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	assert_int_equal(snapshot_decode(&f, out, &err), 0);
	assert_int_equal(out->current, -1);
	assert_int_equal(out->mine, -1);
	assert_int_equal(out->remaining, -1);
	assert_int_equal(out->n_people, 0);
	assert_memory_equal(in, out, sizeof *in);
	free(in);
	free(out);
}

/* Rebuild `w`'s snapshot frame with its payload edited by `edit`. */
static void
reframe(struct wbuf *w, const unsigned char *payload, size_t len)
{
	struct wbuf n = { 0 };
	size_t at = frame_begin(&n, MSG_SNAPSHOT);

	wbuf_put(&n, payload, len);
	assert_int_equal(frame_end(&n, at), 0);
	wbuf_free(w);
	*w = n;
}

/* Offset of section number `k` (0-based) in a snapshot payload. */
static size_t
section_at(const unsigned char *p, size_t len, int k)
{
	size_t off = 0;

	while (k-- > 0) {
		assert_true(off + 3 <= len);
		off += 3 + (size_t)(p[off + 1] | p[off + 2] << 8);
	}
	return off;
}

static void
test_snapshot_unknown_section(void **state)
{
	struct wbuf *w = *state;
	struct snapshot *in = malloc(sizeof *in), *out = malloc(sizeof *out);
	struct wbuf p = { 0 };
	struct frame f;
	const char *err = NULL;
	static const unsigned char extra[] = { 200, 5, 0, 'h', 'e', 'l', 'l',
	    'o' };
	const unsigned char *pl;
	size_t len, s1;

	assert_non_null(in);
	assert_non_null(out);
	full_snapshot(in);
	assert_int_equal(snapshot_encode(w, in), 0);
	/* New sections before, between and after the known ones. */
	pl = w->data + FRAME_HEADER;
	len = w->len - FRAME_HEADER;
	s1 = section_at(pl, len, 1);
	wbuf_put(&p, extra, sizeof extra);
	wbuf_put(&p, pl, s1);
	wbuf_put(&p, extra, sizeof extra);
	wbuf_put(&p, pl + s1, len - s1);
	wbuf_u8(&p, 77);
	wbuf_u16(&p, 0);
	reframe(w, p.data, p.len);
	wbuf_free(&p);
	decode_whole(w, &f);
	assert_int_equal(snapshot_decode(&f, out, &err), 0);
	assert_memory_equal(in, out, sizeof *in);
	free(in);
	free(out);
}

static void
test_snapshot_needs_head_and_agenda(void **state)
{
	struct wbuf *w = *state;
	struct snapshot *in = malloc(sizeof *in), *out = malloc(sizeof *out);
	struct wbuf orig = { 0 }, p = { 0 };
	struct frame f;
	const char *err = NULL;
	size_t len, s1, s2;
	const unsigned char *pl;

	assert_non_null(in);
	assert_non_null(out);
	full_snapshot(in);
	assert_int_equal(snapshot_encode(&orig, in), 0);
	pl = orig.data + FRAME_HEADER;
	len = orig.len - FRAME_HEADER;
	s1 = section_at(pl, len, 1);
	s2 = section_at(pl, len, 2);

	/* Without the head (section 0). */
	wbuf_put(&p, pl + s1, len - s1);
	reframe(w, p.data, p.len);
	decode_whole(w, &f);
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "snapshot lacks its head or agenda");

	/* Without the agenda (section 1). */
	p.len = 0;
	wbuf_put(&p, pl, s1);
	wbuf_put(&p, pl + s2, len - s2);
	reframe(w, p.data, p.len);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "snapshot lacks its head or agenda");

	/* An empty payload. */
	reframe(w, NULL, 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_non_null(err);

	/* Head and agenda naming a current item, but no activity section. */
	p.len = 0;
	wbuf_put(&p, pl, s2);
	reframe(w, p.data, p.len);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "snapshot lacks the current activity");

	wbuf_free(&p);
	wbuf_free(&orig);
	free(in);
	free(out);
}

static void
test_snapshot_current_out_of_range(void **state)
{
	struct wbuf *w = *state;
	struct snapshot *in = malloc(sizeof *in), *out = malloc(sizeof *out);
	struct frame f;
	const char *err = NULL;
	int16_t bad[] = { 3, 4, 47, 1000, -2, -32768 };

	assert_non_null(in);
	assert_non_null(out);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		full_snapshot(in);
		in->current = bad[i];
		w->len = 0;
		assert_int_equal(snapshot_encode(w, in), 0);
		decode_whole(w, &f);
		err = NULL;
		assert_int_equal(snapshot_decode(&f, out, &err), -1);
		assert_string_equal(err, "current activity out of range");
	}
	/* The last item is fine. */
	full_snapshot(in);
	in->current = 2;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	assert_int_equal(snapshot_decode(&f, out, &err), 0);
	assert_int_equal(out->current, 2);
	free(in);
	free(out);
}

static void
test_snapshot_bad_fields(void **state)
{
	struct wbuf *w = *state;
	struct snapshot *in = malloc(sizeof *in), *out = malloc(sizeof *out);
	struct frame f;
	const char *err;

	assert_non_null(in);
	assert_non_null(out);

	full_snapshot(in);
	in->mine = SNAP_MAX_OPTIONS;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "own answer out of range");

	full_snapshot(in);
	in->items[2].kind = ACT_KIND_MAX;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "bad agenda item");

	full_snapshot(in);
	in->state = ACT_CLOSED + 1;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "bad activity");

	full_snapshot(in);
	in->view = VIEW_MAX;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "unknown view");

	full_snapshot(in);
	in->poll_type = POLL_RANK + 1;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "unknown poll type");

	/* Counts above the caps (the encoder writes the count as given). */
	full_snapshot(in);
	in->n_sites = SNAP_MAX_SITES + 1;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "too many sites");
	full_snapshot(in);
	in->n_texts = SNAP_MAX_TEXTS + 1;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "too many texts");
	full_snapshot(in);
	in->n_words = SNAP_MAX_WORDS + 1;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "too many words");
	full_snapshot(in);
	in->n_items = SNAP_MAX_ITEMS + 1;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "agenda too long");
	full_snapshot(in);
	in->n_options = SNAP_MAX_OPTIONS + 1;
	w->len = 0;
	assert_int_equal(snapshot_encode(w, in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "too many options");

	/* A wrong frame type is refused by the snapshot decoder. */
	f.type = MSG_ACK;
	err = NULL;
	assert_int_equal(snapshot_decode(&f, out, &err), -1);
	assert_string_equal(err, "unexpected message type");
	free(in);
	free(out);
}

/* A header by hand: `len | type | version`. */
static void
header(unsigned char b[FRAME_HEADER], uint32_t len, uint16_t type,
    uint16_t version)
{
	b[0] = len & 0xff;
	b[1] = (len >> 8) & 0xff;
	b[2] = (len >> 16) & 0xff;
	b[3] = len >> 24;
	b[4] = type & 0xff;
	b[5] = type >> 8;
	b[6] = version & 0xff;
	b[7] = version >> 8;
}

static void
test_frame_lengths(void **state)
{
	unsigned char b[FRAME_HEADER];
	struct frame f;
	const char *err;
	size_t used = 0;

	(void)state;
	header(b, FRAME_MAX + 1, MSG_HELLO, PROTO_VERSION);
	err = NULL;
	assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), -1);
	assert_string_equal(err, "frame larger than 64 KiB");

	header(b, 0xffffffff, MSG_HELLO, PROTO_VERSION);
	err = NULL;
	assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), -1);
	assert_string_equal(err, "frame larger than 64 KiB");

	/* Exactly 64 KiB is allowed: only the header is here, so wait. */
	header(b, FRAME_MAX, MSG_HELLO, PROTO_VERSION);
	err = NULL;
	assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), 0);
	assert_null(err);

	for (uint32_t n = 0; n < FRAME_HEADER; n++) {
		header(b, n, MSG_HELLO, PROTO_VERSION);
		err = NULL;
		assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), -1);
		assert_string_equal(err, "frame shorter than its header");
	}

	/* A header alone is a whole frame with an empty payload. */
	header(b, FRAME_HEADER, MSG_CTL, PROTO_VERSION);
	err = NULL;
	assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), 1);
	assert_int_equal(used, FRAME_HEADER);
	assert_int_equal(f.len, 0);
	assert_int_equal(f.type, MSG_CTL);
}

static void
test_frame_version_and_type(void **state)
{
	unsigned char b[FRAME_HEADER];
	struct frame f;
	const char *err;
	size_t used = 0;
	uint16_t versions[] = { 0, PROTO_VERSION + 1, 0xffff };
	uint16_t types[] = { 0, MSG_TYPE_MAX, MSG_TYPE_MAX + 1, 0xffff };

	(void)state;
	for (size_t i = 0; i < sizeof versions / sizeof versions[0]; i++) {
		header(b, FRAME_HEADER, MSG_HELLO, versions[i]);
		err = NULL;
		assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), -1);
		assert_string_equal(err, "protocol version not supported");
	}
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		header(b, FRAME_HEADER, types[i], PROTO_VERSION);
		err = NULL;
		assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), -1);
		assert_string_equal(err, "unknown message type");
	}
	for (unsigned t = MSG_HELLO; t < MSG_TYPE_MAX; t++) {
		header(b, FRAME_HEADER, (uint16_t)t, PROTO_VERSION);
		assert_int_equal(frame_decode(b, sizeof b, &f, &used, &err), 1);
		assert_int_equal(f.type, t);
		assert_string_not_equal(msg_type_name(t), "unknown");
	}
	assert_string_equal(msg_type_name(MSG_CTL_REPLY), "ctl-reply");
	assert_string_equal(msg_type_name(0), "unknown");
	assert_string_equal(msg_type_name(MSG_TYPE_MAX), "unknown");
	assert_string_equal(msg_type_name(0xffffffffu), "unknown");
}

static void
test_frames_back_to_back(void **state)
{
	struct wbuf *w = *state;
	struct msg_ack a = { 1, 1, "" }, b = { 2, 0, "no" }, out;
	struct frame f;
	const char *err = NULL;
	size_t used = 0, off;

	assert_int_equal(msg_ack_encode(w, &a), 0);
	assert_int_equal(msg_ack_encode(w, &b), 0);
	assert_int_equal(frame_decode(w->data, w->len, &f, &used, &err), 1);
	assert_int_equal(msg_ack_decode(&f, &out, &err), 0);
	assert_int_equal(out.seq, 1);
	off = used;
	assert_int_equal(frame_decode(w->data + off, w->len - off, &f, &used,
	    &err), 1);
	assert_int_equal(msg_ack_decode(&f, &out, &err), 0);
	assert_int_equal(out.seq, 2);
	assert_string_equal(out.text, "no");
	assert_int_equal(off + used, w->len);
}

static void
test_frame_end_too_big(void **state)
{
	struct wbuf *w = *state;
	size_t at;
	unsigned char *big = calloc(1, FRAME_MAX);

	assert_non_null(big);
	wbuf_u8(w, 0xaa);		/* something queued before */
	at = frame_begin(w, MSG_REFUSED);
	wbuf_put(w, big, FRAME_MAX - FRAME_HEADER + 1);
	assert_int_equal(frame_end(w, at), -1);
	assert_int_equal(w->len, 1);	/* the frame is dropped whole */
	at = frame_begin(w, MSG_REFUSED);
	wbuf_put(w, big, FRAME_MAX - FRAME_HEADER);
	assert_int_equal(frame_end(w, at), 0);
	assert_int_equal(w->len, 1 + FRAME_MAX);
	free(big);
}

/* A field longer than its limit, or holding a NUL, is refused. */
static void
test_string_fields(void **state)
{
	struct wbuf *w = *state;
	struct msg_hello h;
	struct msg_answer a;
	struct frame f;
	const char *err;
	char name[NAME_MAX_LEN + 2];
	size_t at;

	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';	/* NAME_MAX_LEN + 1 bytes */
	at = frame_begin(w, MSG_HELLO);
	wbuf_u16(w, PROTO_VERSION);
	wbuf_u8(w, VIEW_PARTICIPANT);
	wbuf_str(w, name);
	wbuf_str(w, "");
	wbuf_str(w, "");
	wbuf_str(w, "");
	assert_int_equal(frame_end(w, at), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(msg_hello_decode(&f, &h, &err), -1);
	assert_string_equal(err, "text field too long");

	/* Exactly the limit is fine. */
	name[NAME_MAX_LEN] = '\0';
	w->len = 0;
	at = frame_begin(w, MSG_HELLO);
	wbuf_u16(w, PROTO_VERSION);
	wbuf_u8(w, VIEW_PARTICIPANT);
	wbuf_str(w, name);
	wbuf_str(w, "");
	wbuf_str(w, "");
	wbuf_str(w, "");
	assert_int_equal(frame_end(w, at), 0);
	decode_whole(w, &f);
	assert_int_equal(msg_hello_decode(&f, &h, &err), 0);
	assert_string_equal(h.name, name);

	/* A NUL inside a string. */
	w->len = 0;
	at = frame_begin(w, MSG_ANSWER);
	wbuf_u32(w, 1);
	wbuf_str(w, "q1");
	wbuf_u16(w, 3);
	wbuf_put(w, "a\0b", 3);
	assert_int_equal(frame_end(w, at), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(msg_answer_decode(&f, &a, &err), -1);
	assert_string_equal(err, "text field holds a NUL byte");

	/* A string length beyond the payload. */
	w->len = 0;
	at = frame_begin(w, MSG_ANSWER);
	wbuf_u32(w, 1);
	wbuf_str(w, "q1");
	wbuf_u16(w, 10);
	wbuf_put(w, "abc", 3);
	assert_int_equal(frame_end(w, at), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(msg_answer_decode(&f, &a, &err), -1);
	assert_string_equal(err, "message ends early");
}

static void
test_trailing_bytes(void **state)
{
	struct wbuf *w = *state;
	struct msg_ack in = { 3, 1, "ok" }, out;
	struct msg_reply rep;
	struct frame f;
	const char *err = NULL;

	assert_int_equal(msg_ack_encode(w, &in), 0);
	wbuf_u8(w, 0);
	w->data[0]++;		/* the length now counts the extra byte */
	decode_whole(w, &f);
	assert_int_equal(msg_ack_decode(&f, &out, &err), -1);
	assert_string_equal(err, "trailing bytes after message");

	/* A decoder given another message's frame refuses it. */
	w->len = 0;
	assert_int_equal(msg_ack_encode(w, &in), 0);
	decode_whole(w, &f);
	err = NULL;
	assert_int_equal(msg_reply_decode(&f, &rep, &err), -1);
	assert_string_equal(err, "unexpected message type");
}

/* A small, fixed PRNG so failures reproduce everywhere. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static const decode_fn decoders[] = {
	dec_hello, dec_welcome, dec_refused, dec_answer, dec_ack, dec_ctl,
	dec_reply, dec_snapshot
};

/* Run one byte string through the framer and, as every type, through
 * every decoder: each call succeeds or gives an error. */
static void
garble(const unsigned char *buf, size_t len, int *ok)
{
	unsigned char *c = exact_copy(buf, len);
	struct frame f;
	const char *err = NULL;
	size_t used = 0;
	int rc = frame_decode(c, len, &f, &used, &err);

	assert_true(rc == 0 || rc == 1 || (rc == -1 && err != NULL));
	if (rc == 1) {
		assert_true(used >= FRAME_HEADER && used <= len);
		for (size_t d = 0; d < sizeof decoders / sizeof decoders[0];
		    d++) {
			err = NULL;
			rc = decoders[d](&f, &err);
			assert_true(rc == 0 || (rc == -1 && err != NULL));
			*ok += rc == 0;
		}
	}
	for (uint16_t t = 0; t <= MSG_TYPE_MAX; t++) {
		struct frame g = { t, PROTO_VERSION, c, len };

		for (size_t d = 0; d < sizeof decoders / sizeof decoders[0];
		    d++) {
			err = NULL;
			rc = decoders[d](&g, &err);
			assert_true(rc == 0 || (rc == -1 && err != NULL));
			*ok += rc == 0;
		}
	}
	free(c);
}

static void
test_garbage(void **state)
{
	unsigned char buf[512];
	int ok = 0;

	(void)state;
	rng = 0x9e3779b97f4a7c15ULL;
	for (int i = 0; i < 4000; i++) {
		size_t len = rnd() % sizeof buf;

		for (size_t k = 0; k < len; k++)
			buf[k] = (unsigned char)rnd();
		if (i % 2 == 0 && len >= FRAME_HEADER)	/* a valid header */
			header(buf, (uint32_t)(FRAME_HEADER + rnd() % (len -
			    FRAME_HEADER + 8)), (uint16_t)(1 + rnd() %
			    (MSG_TYPE_MAX - 1)), PROTO_VERSION);
		garble(buf, len, &ok);
	}
}

/* Valid messages with a few bytes flipped reach deeper than noise. */
static void
test_mutated(void **state)
{
	struct wbuf *w = *state;
	struct snapshot *snap = malloc(sizeof *snap);
	struct msg_hello h = { PROTO_VERSION, VIEW_PARTICIPANT, "Amal", "North",
	    "code", "0123456789abcdef0123456789abcdef" };
	struct msg_welcome wel = { 5, VIEW_PARTICIPANT, "tok", "Amal", "N" };
	struct msg_answer a = { 1, "q1", "2" };
	struct msg_ack k = { 1, 0, "closed" };
	struct msg_ctl c = { 2, { "goto", "3" } };
	struct msg_reply r = { 0, "{\"session\": 1}" };
	size_t starts[9], n = 0;
	int ok = 0;

	assert_non_null(snap);
	full_snapshot(snap);
	starts[n++] = w->len;
	msg_hello_encode(w, &h);
	starts[n++] = w->len;
	msg_welcome_encode(w, &wel);
	starts[n++] = w->len;
	msg_refused_encode(w, "no");
	starts[n++] = w->len;
	msg_answer_encode(w, &a);
	starts[n++] = w->len;
	msg_ack_encode(w, &k);
	starts[n++] = w->len;
	msg_ctl_encode(w, &c);
	starts[n++] = w->len;
	msg_reply_encode(w, &r);
	starts[n++] = w->len;
	snapshot_encode(w, snap);
	starts[n++] = w->len;
	assert_false(w->oom);
	rng = 12345;
	for (int i = 0; i < 3000; i++) {
		size_t m = rnd() % (n - 1), len = starts[m + 1] - starts[m];
		unsigned char *buf = exact_copy(w->data + starts[m], len);
		int flips = 1 + (int)(rnd() % 4);

		for (int j = 0; j < flips; j++) {
			/* Spare the header most of the time. */
			size_t at = i % 4 == 0 ? rnd() % len : FRAME_HEADER +
			    rnd() % (len - FRAME_HEADER);

			buf[at] = (unsigned char)(rnd() % 3 == 0 ? 0 :
			    rnd() % 3 == 0 ? 0xff : rnd());
		}
		garble(buf, len, &ok);
		garble(buf, len - rnd() % len, &ok);
		free(buf);
	}
	assert_true(ok > 0);	/* some mutants still decode */
	free(snap);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hello_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_hello_empty_fields,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_hello_bad_view,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_welcome_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_refused_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_answer_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_ack_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_ctl_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_ctl_bad_argc,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_reply_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_snapshot_round_trip,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_snapshot_lobby,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_snapshot_unknown_section,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(
		    test_snapshot_needs_head_and_agenda, setup_wbuf,
		    teardown_wbuf),
		cmocka_unit_test_setup_teardown(
		    test_snapshot_current_out_of_range, setup_wbuf,
		    teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_snapshot_bad_fields,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test(test_frame_lengths),
		cmocka_unit_test(test_frame_version_and_type),
		cmocka_unit_test_setup_teardown(test_frames_back_to_back,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_frame_end_too_big,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_string_fields,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test_setup_teardown(test_trailing_bytes,
		    setup_wbuf, teardown_wbuf),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test_setup_teardown(test_mutated, setup_wbuf,
		    teardown_wbuf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
