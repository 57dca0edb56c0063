/* test-text.c: display width, fitting and wrapping (text.c), and the
 * text helpers in util.c: sanitising, UTF-8 checks, SipHash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "convene.h"
#include "ui.h"

/* Width and fitting follow the locale, as in the real clients. */
static int
setup_utf8(void **state)
{
	static const char *names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_ALL, names[i]) != NULL)
			return 0;
	fprintf(stderr, "no UTF-8 locale here\n");
	return -1;
}

/* Is `s` free of control characters (C0, DEL, ESC, C1)? */
static int
displayable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return 0;
	}
	return 1;
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("", 1), 0);
	assert_int_equal(text_width("abc", 1), 3);
	assert_int_equal(text_width("caf\xc3\xa9", 1), 4);		/* café */
	assert_int_equal(text_width("\xc3\x89l\xc3\xa8ve", 1), 5);	/* Élève */
	/* CJK is two columns a character. */
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac", 1), 4);
	assert_int_equal(text_width("a\xe6\x97\xa5" "b", 1), 4);
	/* A combining accent takes no column. */
	assert_int_equal(text_width("e\xcc\x81", 1), 1);
	assert_int_equal(text_width("cafe\xcc\x81s", 1), 5);
	/* Controls count as the '?' that replaces them. */
	assert_int_equal(text_width("a\tb", 1), 3);
	assert_int_equal(text_width("\x1b[31m", 1), 5);
	assert_int_equal(text_width("\x7f", 1), 1);
	/* Broken UTF-8: one '?' per broken sequence. */
	assert_int_equal(text_width("ab\xff", 1), 3);
	assert_int_equal(text_width("\xe6\x97", 1), 1);
	/* Without UTF-8 everything is one column. */
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac", 0), 2);
	assert_int_equal(text_width("caf\xc3\xa9", 0), 4);
}

static void
test_fit(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(text_fit("hello", 10, 1, out, sizeof out), 5);
	assert_string_equal(out, "hello");
	assert_int_equal(text_fit("hello", 5, 1, out, sizeof out), 5);
	assert_string_equal(out, "hello");
	/* Cut: the last column goes to the ellipsis. */
	assert_int_equal(text_fit("hello world", 5, 1, out, sizeof out), 5);
	assert_string_equal(out, "hell\xe2\x80\xa6");
	assert_int_equal(text_fit("hello", 1, 1, out, sizeof out), 1);
	assert_string_equal(out, "\xe2\x80\xa6");
	assert_int_equal(text_fit("hello", 0, 1, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_fit("hello", -3, 1, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* Wide characters are never half drawn. */
	assert_int_equal(text_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 1,
	    out, sizeof out), 5);
	assert_string_equal(out, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
	assert_int_equal(text_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 1,
	    out, sizeof out), 3);
	assert_string_equal(out, "\xe6\x97\xa5\xe2\x80\xa6");
	assert_int_equal(text_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6, 1,
	    out, sizeof out), 6);
	assert_string_equal(out, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	/* Controls become '?', so nothing reaches the terminal raw. */
	assert_int_equal(text_fit("a\x1b[2Jb\x07\r\n", 20, 1, out, sizeof out),
	    9);
	assert_string_equal(out, "a?[2Jb???");
	/* A C1 control (CSI) as well. */
	text_fit("x\xc2\x9b" "31my", 20, 1, out, sizeof out);
	assert_string_equal(out, "x?31my");
	/* An honest '?' stays one. */
	text_fit("why?", 20, 1, out, sizeof out);
	assert_string_equal(out, "why?");
	/* Invalid bytes too. */
	text_fit("ab\xff\xfe" "c\xe6\x97", 20, 1, out, sizeof out);
	assert_true(util_utf8_valid(out, strlen(out)));
	assert_true(displayable(out));
}

/* Every width of a mixed string gives valid UTF-8 that fits. */
static void
test_fit_never_splits(void **state)
{
	static const char *inputs[] = {
		"Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac e\xcc\x81 \xf0\x9f\x98\x80!",
		"\x1b]0;title\x07\xc2\x9b" "2J\xe6\x97\xa5\t\x7fz",
		"\xff\xe6\x97\xc3\xa9\xed\xa0\x80\xf4\x90\x80\x80x",
	};
	char out[256], small[5];

	(void)state;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		for (int w = 0; w <= 40; w++) {
			size_t used = text_fit(inputs[i], w, 1, out, sizeof out);

			assert_true(util_utf8_valid(out, strlen(out)));
			assert_true(displayable(out));
			assert_true((int)used <= (w > 0 ? w : 0));
			assert_true(text_width(out, 1) <= (w > 0 ? w : 0));
			assert_int_equal((int)used, text_width(out, 1));

			/* A tiny buffer is cut between characters too. */
			text_fit(inputs[i], w, 1, small, sizeof small);
			assert_true(strlen(small) < sizeof small);
			assert_true(util_utf8_valid(small, strlen(small)));

			/* Without UTF-8, only ASCII comes out. */
			text_fit(inputs[i], w, 0, out, sizeof out);
			for (const char *p = out; *p != '\0'; p++)
				assert_true((unsigned char)*p < 0x80);
			assert_true(displayable(out));
			assert_true((int)strlen(out) <= (w > 0 ? w : 0));
		}
	}
}

static void
test_fit_ascii_mode(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(text_fit("caf\xc3\xa9 \xe6\x97\xa5", 20, 0, out,
	    sizeof out), 6);
	assert_string_equal(out, "caf? ?");
	assert_int_equal(text_fit("hello world", 5, 0, out, sizeof out), 5);
	assert_string_equal(out, "hell.");
	text_fit("a\x1b[m", 10, 0, out, sizeof out);
	assert_string_equal(out, "a?[m");
	/* cap 0 writes nothing at all; cap 1 only the NUL. */
	out[0] = 'x';
	assert_int_equal(text_fit("abc", 10, 0, out, 0), 0);
	assert_int_equal(out[0], 'x');
	text_fit("abc", 10, 0, out, 1);
	assert_string_equal(out, "");
}

static void
test_wrap(void **state)
{
	char lines[8][256];
	int n;

	(void)state;
	n = text_wrap("the quick brown fox jumps", 10, 1, lines, 8);
	assert_int_equal(n, 3);
	assert_string_equal(lines[0], "the quick");
	assert_string_equal(lines[1], "brown fox");
	assert_string_equal(lines[2], "jumps");

	/* A word longer than the line is cut hard. */
	n = text_wrap("abcdefghijkl", 5, 1, lines, 8);
	assert_int_equal(n, 3);
	assert_string_equal(lines[0], "abcde");
	assert_string_equal(lines[1], "fghij");
	assert_string_equal(lines[2], "kl");

	/* No more than `max` lines. */
	n = text_wrap("a b c d e f g h", 1, 1, lines, 3);
	assert_int_equal(n, 3);
	assert_string_equal(lines[2], "c");

	/* Runs of spaces between lines are dropped. */
	n = text_wrap("one     two", 4, 1, lines, 8);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "one");
	assert_string_equal(lines[1], "two");

	/* Wide characters wrap by columns. */
	n = text_wrap("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 1, lines, 8);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "\xe6\x97\xa5\xe6\x9c\xac");
	assert_string_equal(lines[1], "\xe8\xaa\x9e");

	/* A character wider than the line still moves on. */
	n = text_wrap("\xe6\x97\xa5\xe6\x9c\xac", 1, 1, lines, 8);
	assert_int_equal(n, 2);

	assert_int_equal(text_wrap("", 10, 1, lines, 8), 0);
	n = text_wrap("x\x1b[31my", 20, 1, lines, 8);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "x?[31my");

	/* Long text: every line fits and is clean. */
	{
		char big[2000];

		for (size_t i = 0; i + 4 < sizeof big; i += 4)
			memcpy(big + i, i % 12 ? "ab \xe6" : "\x97\xa5\x1b ", 4);
		big[sizeof big - 4] = '\0';
		n = text_wrap(big, 17, 1, lines, 8);
		assert_int_equal(n, 8);
		for (int i = 0; i < n; i++) {
			assert_true(text_width(lines[i], 1) <= 17);
			assert_true(displayable(lines[i]));
			assert_true(util_utf8_valid(lines[i],
			    strlen(lines[i])));
		}
	}
}

static void
sanitized(const char *in, size_t cap, const char *want)
{
	char buf[512];

	snprintf(buf, sizeof buf, "%s", in);
	util_sanitize(buf, cap);
	assert_string_equal(buf, want);
}

static void
test_sanitize(void **state)
{
	(void)state;
	sanitized("Amal Said", 64, "Amal Said");
	sanitized("", 64, "");
	/* Controls are removed. */
	sanitized("a\x01" "b\x7f" "c\x08", 64, "abc");
	/* C1 controls (U+0080..U+009F) too, but not what follows. */
	sanitized("a\xc2\x9b" "31mb\xc2\x85", 64, "a31mb");
	sanitized("\xc2\xa0x", 64, "\xc2\xa0x");	/* NBSP is text */
	/* An escape sequence loses its ESC: it shows as text, does nothing. */
	sanitized("\x1b[31mred\x1b[0m", 64, "[31mred[0m");
	sanitized("\x1b]0;pwned\x07", 64, "]0;pwned");
	/* Invalid UTF-8 becomes '?', one per bad byte. */
	sanitized("caf\xe9", 64, "caf?");
	sanitized("\xff\xfe", 64, "??");
	sanitized("\xc0\xaf", 64, "??");		/* overlong '/' */
	sanitized("\xed\xa0\x80x", 64, "???x");	/* a surrogate */
	sanitized("ab\xe6\x97", 64, "ab??");	/* cut short */
	sanitized("\x80x", 64, "?x");
	/* Blanks fold into one space; ends are trimmed. */
	sanitized("  Amal \t\t Said \r\n", 64, "Amal Said");
	sanitized("a\n\nb", 64, "a b");
	sanitized(" \t\n ", 64, "");
	/* Cut to fit, never inside a character. */
	sanitized("abcdef", 4, "abc");
	sanitized("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 8,
	    "\xe6\x97\xa5\xe6\x9c\xac");
	sanitized("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6,
	    "\xe6\x97\xa5");
	sanitized("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 10,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	sanitized("\xe6\x97\xa5", 2, "");
	/* Cutting happens after cleaning, so a trimmed string fits. */
	sanitized("   abc   ", 4, "abc");
}

static void
test_sanitize_random(void **state)
{
	uint32_t x = 2463534242u;
	char buf[128];

	(void)state;
	for (int i = 0; i < 5000; i++) {
		size_t len = 1 + i % 100, cap = 1 + (size_t)(i * 7) % 60;

		for (size_t k = 0; k < len; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			buf[k] = (char)(x % 4 == 0 ? (x >> 8) % 0x30 :
			    (x >> 8) | 1);
		}
		buf[len] = '\0';
		util_sanitize(buf, cap);
		assert_true(strlen(buf) < cap);
		assert_true(util_utf8_valid(buf, strlen(buf)));
		assert_true(displayable(buf));
		assert_true(buf[0] != ' ');
		assert_true(strstr(buf, "  ") == NULL);
	}
}

static void
test_utf8_valid(void **state)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{ "", 1 },
		{ "plain ASCII", 1 },
		{ "caf\xc3\xa9", 1 },
		{ "\xe6\x97\xa5\xe6\x9c\xac", 1 },
		{ "\xf0\x9f\x98\x80", 1 },		/* U+1F600 */
		{ "\xef\xbf\xbf", 1 },			/* U+FFFF */
		{ "\xf4\x8f\xbf\xbf", 1 },		/* U+10FFFF */
		{ "\xed\x9f\xbf", 1 },			/* U+D7FF */
		{ "\xee\x80\x80", 1 },			/* U+E000 */
		{ "\xc0\x80", 0 },			/* overlong NUL */
		{ "\xc1\xbf", 0 },			/* overlong */
		{ "\xe0\x80\xaf", 0 },			/* overlong '/' */
		{ "\xe0\x9f\xbf", 0 },			/* overlong U+07FF */
		{ "\xf0\x82\x82\xac", 0 },		/* overlong euro */
		{ "\xf0\x8f\xbf\xbf", 0 },		/* overlong U+FFFF */
		{ "\xed\xa0\x80", 0 },			/* U+D800 */
		{ "\xed\xbf\xbf", 0 },			/* U+DFFF */
		{ "\xf4\x90\x80\x80", 0 },		/* U+110000 */
		{ "\xf7\xbf\xbf\xbf", 0 },
		{ "\xf8\x88\x80\x80\x80", 0 },		/* 5 bytes */
		{ "\xfc\x84\x80\x80\x80\x80", 0 },	/* 6 bytes */
		{ "\xfe", 0 },
		{ "\xff", 0 },
		{ "\x80", 0 },				/* lone continuation */
		{ "a\xbf", 0 },
		{ "\xc3", 0 },				/* cut short */
		{ "\xe6\x97", 0 },
		{ "\xf0\x9f\x98", 0 },
		{ "\xc3(", 0 },				/* bad continuation */
		{ "\xe6(\xa5", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (util_utf8_valid(cases[i].s, strlen(cases[i].s)) !=
		    cases[i].ok)
			fail_msg("case %zu: wanted %d", i, cases[i].ok);
	/* Only `len` bytes are read: a valid prefix of invalid text. */
	assert_true(util_utf8_valid("ab\xff", 2));
	assert_false(util_utf8_valid("\xe6\x97\xa5", 2));
	/* A NUL byte inside the length is ASCII. */
	assert_true(util_utf8_valid("a\0b", 3));
}

static void
test_utf8_cut(void **state)
{
	const char *s = "a\xc3\xa9\xe6\x97\xa5";	/* 1 + 2 + 3 bytes */

	(void)state;
	assert_int_equal(util_utf8_cut(s, 10), 6);
	assert_int_equal(util_utf8_cut(s, 6), 6);
	assert_int_equal(util_utf8_cut(s, 5), 3);
	assert_int_equal(util_utf8_cut(s, 4), 3);
	assert_int_equal(util_utf8_cut(s, 3), 3);
	assert_int_equal(util_utf8_cut(s, 2), 1);
	assert_int_equal(util_utf8_cut(s, 1), 1);
	assert_int_equal(util_utf8_cut(s, 0), 0);
	{
		char d[4];

		util_strlcpy(d, s, sizeof d);
		assert_string_equal(d, "a\xc3\xa9");
		util_strlcpy(d, "xyz", sizeof d);
		assert_string_equal(d, "xyz");
		util_strlcpy(d, "wxyz", sizeof d);
		assert_string_equal(d, "wxy");
	}
}

static void
test_siphash(void **state)
{
	unsigned char key[16], msg[64];

	(void)state;
	for (int i = 0; i < 16; i++)
		key[i] = (unsigned char)i;
	for (int i = 0; i < 64; i++)
		msg[i] = (unsigned char)i;
	/* The paper's vector (Aumasson and Bernstein, appendix A). */
	assert_int_equal(util_siphash(key, msg, 15), 0xa129ca6149be45e5ULL);
	/* And from the reference implementation's vectors.h. */
	assert_int_equal(util_siphash(key, msg, 0), 0x726fdb47dd0e0e31ULL);
	assert_int_equal(util_siphash(key, msg, 1), 0x74f839c593dc67fdULL);
	assert_int_equal(util_siphash(key, msg, 7), 0xab0200f58b01d137ULL);
	assert_int_equal(util_siphash(key, msg, 8), 0x93f5f5799a932462ULL);
	assert_int_equal(util_siphash(key, msg, 63), 0x958a324ceb064572ULL);
	/* The key matters. */
	key[0] ^= 1;
	assert_int_not_equal(util_siphash(key, msg, 15), 0xa129ca6149be45e5ULL);
}

static void
test_key_from_hex(void **state)
{
	unsigned char key[16], want[16];

	(void)state;
	for (int i = 0; i < 16; i++)
		want[i] = (unsigned char)(i * 0x11);
	util_key_from_hex("00112233445566778899aabbccddeeff", key);
	assert_memory_equal(key, want, 16);
	/* Short input fills with zeros; extra is ignored. */
	util_key_from_hex("ff", key);
	assert_int_equal(key[0], 0xff);
	for (int i = 1; i < 16; i++)
		assert_int_equal(key[i], 0);
	util_key_from_hex("00112233445566778899aabbccddeeff77", key);
	assert_memory_equal(key, want, 16);
}

static void
test_random_hex(void **state)
{
	char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1], odd[6];

	(void)state;
	util_random_hex(a, sizeof a);
	util_random_hex(b, sizeof b);
	assert_int_equal(strlen(a), TOKEN_LEN);
	assert_int_equal(strspn(a, "0123456789abcdef"), TOKEN_LEN);
	assert_string_not_equal(a, b);
	util_random_hex(odd, sizeof odd);
	assert_int_equal(strlen(odd), 5);
	assert_int_equal(strspn(odd, "0123456789abcdef"), 5);
}

/* Bidi overrides and isolates never reach a terminal; letters of a
 * right-to-left script do, and the store keeps everything. */
static void
test_bidi_controls(void **state)
{
	char out[128], kept[64];

	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip();
	/* U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE */
	text_fit("a" "\xe2\x80\xae" "b" "\xe2\x81\xa6" "c", 20, 1, out,
	    sizeof out);
	assert_string_equal(out, "a?b?c");
	text_fit("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", 20, 1, out,
	    sizeof out);
	assert_string_equal(out, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85");
	snprintf(kept, sizeof kept, "a" "\xe2\x80\xae" "b");
	util_sanitize(kept, sizeof kept);
	assert_string_equal(kept, "a" "\xe2\x80\xae" "b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_never_splits),
		cmocka_unit_test(test_fit_ascii_mode),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_random),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_siphash),
		cmocka_unit_test(test_key_from_hex),
		cmocka_unit_test(test_random_hex),
		cmocka_unit_test(test_bidi_controls),
	};

	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
