/* fuzz-keys.c: libFuzzer target for the key decoder (keys.c).
 *
 * Any bytes, however cut, give keys a screen may act on and nothing else:
 *  - every key is a named key, or a character (U+0020 and up, not C1, not
 *    a surrogate) whose UTF-8 bytes appear in the input after the previous
 *    key's and not as a part or the final of an escape sequence, or a
 *    keypad digit or sign whose SS3 final (p..y, j..o) does;
 *  - the keys do not depend on where the bytes were cut (fed whole, one
 *    byte at a time, or in two parts cut where the first byte says);
 *  - after keys_timeout nothing is held;
 *  - input that is plain text (valid UTF-8 without controls) gives its
 *    characters exactly, none dropped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene.h"
#include "keys.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #c); abort(); } } while (0)

#define MAX_KEYS 8192

struct got {
	int key[MAX_KEYS];
	size_t n;
};

static void
on_key(void *arg, int key)
{
	struct got *g = arg;

	CHECK(g->n < MAX_KEYS);
	g->key[g->n++] = key;
}

static void
decode(const uint8_t *b, size_t n, size_t cut, int bytewise, struct got *g)
{
	struct keys k;

	g->n = 0;
	keys_init(&k);
	if (bytewise)
		for (size_t i = 0; i < n; i++)
			keys_feed(&k, b + i, 1, on_key, g);
	else {
		keys_feed(&k, b, cut, on_key, g);
		keys_feed(&k, b + cut, n - cut, on_key, g);
	}
	keys_timeout(&k, on_key, g);
	CHECK(!keys_pending(&k));
}

static size_t
utf8(unsigned cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | cp >> 18);
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Where the sequence that b[at] would belong to starts: back over the
 * parameter bytes (0x20-0x3f) before it and it. */
static size_t
params_start(const uint8_t *b, size_t at)
{
	while (at > 0 && b[at - 1] >= 0x20 && b[at - 1] <= 0x3f)
		at--;
	return at;
}

/* Is the printable b[at] a part or the final of ESC x, ESC [ ..., ESC O
 * ..., or ESC [ [ x?  Those bytes are never text. */
static int
in_sequence(const uint8_t *b, size_t at)
{
	size_t j = params_start(b, at);

	if (at >= 1 && b[at - 1] == 0x1b)
		return 1;
	if (j >= 2 && b[j - 2] == 0x1b && b[j - 1] == '[') {
		/* rxvt's ESC [ n $ ends at its $ (keys.c). */
		size_t d = j;

		while (d < at && b[d] >= '0' && b[d] <= '9')
			d++;
		return !(d > j && d < at && b[d] == '$' &&
		    d - j <= KEYS_SEQ_MAX);
	}
	if (j >= 2 && b[j - 2] == 0x1b && b[j - 1] == 'O')
		return 1;
	return j == at && at >= 3 && b[at - 3] == 0x1b && b[at - 2] == '[' &&
	    b[at - 1] == '[';
}

/* Is b[at] an SS3 final: ESC O or 8-bit SS3, parameters, then it? */
static int
ss3_final(const uint8_t *b, size_t at)
{
	size_t j = params_start(b, at);

	return (j >= 2 && b[j - 2] == 0x1b && b[j - 1] == 'O') ||
	    (j >= 1 && b[j - 1] == 0x8f);
}

/* Where the text `needle` ends in b[from..n), or 0 when it is not there
 * outside a sequence. */
static size_t
find_text(const uint8_t *b, size_t n, size_t from, const unsigned char *needle,
    size_t len)
{
	for (size_t i = from; i + len <= n; i++)
		if (memcmp(b + i, needle, len) == 0 &&
		    (needle[0] >= 0x80 || !in_sequence(b, i)))
			return i + len;
	return 0;
}

/* Where the SS3 final `c` ends in b[from..n), or 0. */
static size_t
find_final(const uint8_t *b, size_t n, size_t from, unsigned char c)
{
	for (size_t i = from; i < n; i++)
		if (b[i] == c && ss3_final(b, i))
			return i + 1;
	return 0;
}

/* Every key came from the bytes, in order. */
static void
keys_from_input(const uint8_t *b, size_t n, const struct got *g)
{
	static const char pad[] = "0123456789*+,-./";
	static const char fin[] = "pqrstuvwxyjklmno";
	size_t at = 0;

	for (size_t i = 0; i < g->n; i++) {
		int key = g->key[i];
		unsigned char enc[4];
		const char *p;
		size_t end;

		if (key >= SK_UP) {
			CHECK(key < SK_KEY_MAX);
			continue;
		}
		CHECK(key >= 0x20 && key != 0x7f);
		CHECK(key < 0x80 || key >= 0xa0);
		CHECK(key < 0xd800 || key > 0xdfff);
		end = find_text(b, n, at, enc, utf8((unsigned)key, enc));
		if ((p = strchr(pad, key)) != NULL) {
			/* A keypad key, from its SS3 final.  The earlier of
			 * the two, so the next key is looked for from there. */
			size_t e = find_final(b, n, at,
			    (unsigned char)fin[p - pad]);

			if (e != 0 && (end == 0 || e < end))
				end = e;
		}
		CHECK(end != 0);
		at = end;
	}
}

/* Valid UTF-8 without C0, DEL or C1: text and nothing else. */
static int
plain_text(const uint8_t *b, size_t n)
{
	if (!util_utf8_valid((const char *)b, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (b[i] < 0x20 || b[i] == 0x7f)
			return 0;
		if (b[i] == 0xc2 && i + 1 < n && b[i + 1] < 0xa0)
			return 0;
	}
	return 1;
}

static void
same_keys(const struct got *a, const struct got *b)
{
	CHECK(a->n == b->n);
	CHECK(memcmp(a->key, b->key, a->n * sizeof a->key[0]) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct got whole, bytes, cut;

	if (size > 4096)
		return 0;
	decode(data, size, size, 0, &whole);
	keys_from_input(data, size, &whole);
	decode(data, size, 0, 1, &bytes);
	same_keys(&whole, &bytes);
	if (size > 0) {
		decode(data, size, data[0] % (size + 1), 0, &cut);
		same_keys(&whole, &cut);
	}
	if (plain_text(data, size)) {
		size_t i = 0, k = 0;

		while (i < size) {
			unsigned char enc[4];
			size_t len;

			CHECK(k < whole.n);
			len = utf8((unsigned)whole.key[k++], enc);
			CHECK(i + len <= size);
			CHECK(memcmp(data + i, enc, len) == 0);
			i += len;
		}
		CHECK(k == whole.n);
	}
	return 0;
}
