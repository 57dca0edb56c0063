/* fuzz-frame.c: libFuzzer target for the framing and every message decoder.
 *
 * The input is read two ways.  As a byte stream, frame by frame, exactly as
 * the host and the client read a socket; and as one bare payload whose type
 * is the first byte, so the decoders are reached without the fuzzer having
 * to find a valid header first.  Every message that decodes is encoded
 * again and must come back the same: the same bytes for the small messages
 * (their encoding is canonical), and a fixed point for snapshots (sections a
 * newer host might send are skipped, so the first re-encoding may differ).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol.h"
#include "snapshot.h"

static struct snapshot snap_a, snap_b;
static struct msg_ctl ctl_a, ctl_b;
static struct msg_reply reply_a, reply_b;

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); abort(); } } while (0)

/* The frame as one buffer: header + payload. */
static void
frame_bytes(const struct frame *f, struct wbuf *w)
{
	size_t at = frame_begin(w, (enum msg_type)f->type);

	wbuf_put(w, f->payload, f->len);
	CHECK(frame_end(w, at) == 0);
}

/* Decode the encoded buffer `w` back into a frame. */
static void
reframe(const struct wbuf *w, struct frame *f)
{
	size_t used = 0;
	const char *err = NULL;

	CHECK(!w->oom);
	CHECK(frame_decode(w->data, w->len, f, &used, &err) == 1);
	CHECK(used == w->len);
}

static void
same_bytes(const struct frame *f, const struct wbuf *enc)
{
	struct wbuf orig = { 0 };

	frame_bytes(f, &orig);
	CHECK(orig.len == enc->len);
	CHECK(memcmp(orig.data, enc->data, enc->len) == 0);
	wbuf_free(&orig);
}

static void
all_decoders(const struct frame *f)
{
	struct msg_hello h1, h2;
	struct msg_welcome w1, w2;
	struct msg_answer a1, a2;
	struct msg_ack k1, k2;
	char why1[TEXT_MAX_LEN + 1], why2[TEXT_MAX_LEN + 1];
	struct wbuf w = { 0 };
	struct frame g;
	const char *err;
	int ok = 0;

	if (msg_hello_decode(f, &h1, &err) == 0) {
		ok++;
		CHECK(msg_hello_encode(&w, &h1) == 0);
		reframe(&w, &g);
		CHECK(msg_hello_decode(&g, &h2, &err) == 0);
		CHECK(memcmp(&h1, &h2, sizeof h1) == 0);
		same_bytes(f, &w);
		w.len = 0;
	}
	if (msg_welcome_decode(f, &w1, &err) == 0) {
		ok++;
		CHECK(msg_welcome_encode(&w, &w1) == 0);
		reframe(&w, &g);
		CHECK(msg_welcome_decode(&g, &w2, &err) == 0);
		CHECK(memcmp(&w1, &w2, sizeof w1) == 0);
		same_bytes(f, &w);
		w.len = 0;
	}
	if (msg_refused_decode(f, why1, sizeof why1, &err) == 0) {
		ok++;
		CHECK(msg_refused_encode(&w, why1) == 0);
		reframe(&w, &g);
		CHECK(msg_refused_decode(&g, why2, sizeof why2, &err) == 0);
		CHECK(strcmp(why1, why2) == 0);
		same_bytes(f, &w);
		w.len = 0;
	}
	if (msg_answer_decode(f, &a1, &err) == 0) {
		ok++;
		CHECK(msg_answer_encode(&w, &a1) == 0);
		reframe(&w, &g);
		CHECK(msg_answer_decode(&g, &a2, &err) == 0);
		CHECK(memcmp(&a1, &a2, sizeof a1) == 0);
		same_bytes(f, &w);
		w.len = 0;
	}
	if (msg_ack_decode(f, &k1, &err) == 0) {
		ok++;
		CHECK(msg_ack_encode(&w, &k1) == 0);
		reframe(&w, &g);
		CHECK(msg_ack_decode(&g, &k2, &err) == 0);
		CHECK(memcmp(&k1, &k2, sizeof k1) == 0);
		same_bytes(f, &w);
		w.len = 0;
	}
	if (msg_ctl_decode(f, &ctl_a, &err) == 0) {
		ok++;
		CHECK(msg_ctl_encode(&w, &ctl_a) == 0);
		reframe(&w, &g);
		CHECK(msg_ctl_decode(&g, &ctl_b, &err) == 0);
		CHECK(memcmp(&ctl_a, &ctl_b, sizeof ctl_a) == 0);
		same_bytes(f, &w);
		w.len = 0;
	}
	if (msg_reply_decode(f, &reply_a, &err) == 0) {
		ok++;
		CHECK(msg_reply_encode(&w, &reply_a) == 0);
		reframe(&w, &g);
		CHECK(msg_reply_decode(&g, &reply_b, &err) == 0);
		CHECK(memcmp(&reply_a, &reply_b, sizeof reply_a) == 0);
		same_bytes(f, &w);
		w.len = 0;
	}
	err = NULL;
	if (snapshot_decode(f, &snap_a, &err) == 0) {
		struct wbuf w2 = { 0 };

		ok++;
		/* What a host would send on: it must decode, and encoding
		 * that again must give the same bytes. */
		CHECK(snapshot_encode(&w, &snap_a) == 0);
		reframe(&w, &g);
		CHECK(snapshot_decode(&g, &snap_b, &err) == 0);
		CHECK(snapshot_encode(&w2, &snap_b) == 0);
		CHECK(w.len == w2.len && memcmp(w.data, w2.data, w.len) == 0);
		CHECK(act_kind_name(snap_a.kind) != NULL);
		CHECK(act_state_name(snap_a.state) != NULL);
		wbuf_free(&w2);
	} else
		CHECK(err != NULL);
	/* A frame has one type, so at most one decoder takes it. */
	CHECK(ok <= 1);
	CHECK(msg_type_name(f->type) != NULL);
	wbuf_free(&w);
}

/*
 * Seeds: real frames from the real encoders.  With FUZZ_SEED_DIR set, the
 * target writes them there before it starts (tests/fuzz/run does so each
 * time, so the seeds follow the protocol as it changes).
 */
static void
seed(const char *dir, const char *name, const struct wbuf *w)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		return;
	fwrite(w->data, 1, w->len, f);
	fclose(f);
}

static void
write_seeds(const char *dir)
{
	struct msg_hello h = { .proto = PROTO_VERSION, .view = VIEW_PARTICIPANT,
	    .name = "Amal Haddad", .site = "St Mary's", .code = "4711",
	    .token = "0123456789abcdef0123456789abcdef" };
	struct msg_welcome wl = { .participant = 7, .view = VIEW_PARTICIPANT,
	    .token = "0123456789abcdef0123456789abcdef", .name = "Bo \xe7\x8e\x8b",
	    .site = "North" };
	struct msg_answer a = { .seq = 3, .activity = "confidence", .value = "2" };
	struct msg_ack k = { .seq = 3, .ok = 1 };
	struct msg_ack kn = { .seq = 4, .ok = 0, .text = "answers paused: "
	    "the host cannot save right now; try again" };
	struct wbuf w = { 0 };
	unsigned i;

	msg_hello_encode(&w, &h); seed(dir, "hello", &w); w.len = 0;
	msg_welcome_encode(&w, &wl); seed(dir, "welcome", &w); w.len = 0;
	msg_refused_encode(&w, "that join code is not right");
	seed(dir, "refused", &w); w.len = 0;
	msg_answer_encode(&w, &a); seed(dir, "answer", &w); w.len = 0;
	snprintf(a.value, sizeof a.value, "3,1,2,4");
	msg_answer_encode(&w, &a); seed(dir, "answer-rank", &w); w.len = 0;
	msg_ack_encode(&w, &k); seed(dir, "ack", &w); w.len = 0;
	msg_ack_encode(&w, &kn); seed(dir, "ack-paused", &w); w.len = 0;
	memset(&ctl_a, 0, sizeof ctl_a);
	ctl_a.argc = 2;
	snprintf(ctl_a.argv[0], sizeof ctl_a.argv[0], "say");
	snprintf(ctl_a.argv[1], sizeof ctl_a.argv[1], "back at 11:00");
	msg_ctl_encode(&w, &ctl_a); seed(dir, "ctl", &w); w.len = 0;
	memset(&reply_a, 0, sizeof reply_a);
	snprintf(reply_a.text, sizeof reply_a.text, "{\"session\": 1}");
	msg_reply_encode(&w, &reply_a); seed(dir, "reply", &w); w.len = 0;

	/* A facilitator's snapshot with every section, and a lobby one. */
	memset(&snap_a, 0, sizeof snap_a);
	snap_a.seq = 42;
	snap_a.view = VIEW_FACILITATOR;
	snprintf(snap_a.title, sizeof snap_a.title, "Demo learning session");
	snprintf(snap_a.join_hint, sizeof snap_a.join_hint, "convene join");
	snap_a.n_items = 3;
	for (i = 0; i < 3; i++) {
		snprintf(snap_a.items[i].id, sizeof snap_a.items[i].id, "p%u", i);
		snprintf(snap_a.items[i].title, sizeof snap_a.items[i].title,
		    "Poll %u", i);
		snap_a.items[i].flags = SNAP_RUNNABLE;
	}
	snap_a.current = 0;
	snap_a.kind = ACT_POLL;
	snap_a.state = ACT_OPEN;
	snap_a.flags = SNAP_RESULTS | SNAP_BY_SITE;
	snprintf(snap_a.activity, sizeof snap_a.activity, "p0");
	snprintf(snap_a.question, sizeof snap_a.question, "How confident?");
	snap_a.n_options = 5;
	for (i = 0; i < 5; i++) {
		snprintf(snap_a.options[i], sizeof snap_a.options[i], "opt %u", i);
		snap_a.counts[i] = i;
		snap_a.stat[i] = 100 * (int)i;
	}
	snap_a.answered = 10;
	snap_a.remaining = 90;
	snap_a.poll_type = POLL_SCALE;
	snap_a.scale_min = 1;
	snap_a.mean100 = 320;
	snap_a.n_sites = 2;
	snprintf(snap_a.sites[0].name, sizeof snap_a.sites[0].name, "North");
	snprintf(snap_a.sites[1].name, sizeof snap_a.sites[1].name, "other sites");
	snap_a.sites[0].n = 4;
	snap_a.sites[0].counts[2] = 4;
	snap_a.n_texts = 1;
	snprintf(snap_a.texts[0].text, sizeof snap_a.texts[0].text, "porters");
	snap_a.n_words = 1;
	snprintf(snap_a.words[0].word, sizeof snap_a.words[0].word, "porters");
	snap_a.words[0].count = 1;
	snap_a.joined = 12;
	snap_a.connected = 11;
	snprintf(snap_a.banner, sizeof snap_a.banner, "back at 11");
	snap_a.mine = 2;
	snprintf(snap_a.mine_value, sizeof snap_a.mine_value, "3");
	snap_a.n_people = 2;
	for (i = 0; i < 2; i++) {
		snap_a.people[i].id = i + 1;
		snprintf(snap_a.people[i].name, sizeof snap_a.people[i].name,
		    "P%u", i);
		snap_a.people[i].connected = 1;
	}
	snapshot_encode(&w, &snap_a); seed(dir, "snapshot", &w); w.len = 0;
	snap_a.current = -1;
	snap_a.n_people = snap_a.n_sites = snap_a.n_texts = snap_a.n_words = 0;
	snapshot_encode(&w, &snap_a); seed(dir, "snapshot-lobby", &w); w.len = 0;

	/* A client's whole conversation in one stream. */
	msg_hello_encode(&w, &h);
	for (i = 0; i < 4; i++)
		msg_answer_encode(&w, &a);
	seed(dir, "stream", &w);
	wbuf_free(&w);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_SEED_DIR");

	(void)argc;
	(void)argv;
	if (dir != NULL && *dir != '\0')
		write_seeds(dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0, used;
	struct frame f;
	const char *err;
	int rc;

	/* As a stream. */
	for (;;) {
		err = NULL;
		used = 0;
		rc = frame_decode(data + off, size - off, &f, &used, &err);
		if (rc != 1) {
			CHECK(rc == 0 || err != NULL);
			break;
		}
		CHECK(used >= FRAME_HEADER && used <= size - off);
		CHECK(f.len == used - FRAME_HEADER);
		all_decoders(&f);
		off += used;
	}
	/* As one payload of any type, even those no frame may carry. */
	if (size >= 1 && size - 1 <= FRAME_MAX - FRAME_HEADER) {
		f.type = data[0] % (MSG_TYPE_MAX + 1);
		f.version = PROTO_VERSION;
		f.payload = data + 1;
		f.len = size - 1;
		if (f.type != 0 && f.type < MSG_TYPE_MAX)
			all_decoders(&f);
	}
	return 0;
}
