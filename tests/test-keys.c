/* test-keys.c: the key decoder (keys.c), family by family.
 *
 * Each case gives the bytes a terminal sends and the keys a screen must
 * see, by keys_name(), separated by spaces.  Every case is decoded fed
 * whole, one byte at a time and split in two at every position, and all
 * must give the same keys: bytes arrive cut anywhere by a read or an SSH
 * packet.  The held bytes then time out (keys_timeout), as the client's
 * 25 ms timer does when nothing follows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "keys.h"

struct got {
	char s[1024];
	int n;
};

static void
on_key(void *arg, int key)
{
	struct got *g = arg;
	char name[32];
	size_t len = strlen(g->s);

	keys_name(key, name, sizeof name);
	snprintf(g->s + len, sizeof g->s - len, "%s%s", g->n++ ? " " : "",
	    name);
}

/* Decode `in` (n bytes) cut at `cut` (and one byte at a time when cut is
 * -1), then time out what is held. */
static void
decode(const char *in, size_t n, long cut, struct got *g)
{
	const unsigned char *b = (const unsigned char *)in;
	struct keys k;

	memset(g, 0, sizeof *g);
	keys_init(&k);
	if (cut < 0)
		for (size_t i = 0; i < n; i++)
			keys_feed(&k, b + i, 1, on_key, g);
	else {
		keys_feed(&k, b, (size_t)cut, on_key, g);
		keys_feed(&k, b + cut, n - (size_t)cut, on_key, g);
	}
	keys_timeout(&k, on_key, g);
	assert_false(keys_pending(&k));
}

static void
check_keys(const char *in, size_t n, const char *want, int line)
{
	struct got g;

	for (long cut = -1; cut <= (long)n; cut++) {
		decode(in, n, cut, &g);
		if (strcmp(g.s, want) != 0)
			fail_msg("line %d, cut at %ld: got \"%s\", want \"%s\"",
			    line, cut, g.s, want);
	}
}

/* Literal bytes (sizeof, so a NUL inside counts) and the keys wanted. */
#define KEYS(in, want) check_keys(in, sizeof in - 1, want, __LINE__)

static void
test_text(void **state)
{
	(void)state;
	KEYS("", "");
	KEYS("abc", "a b c");
	KEYS(" ~", "  ~");
	KEYS("14", "1 4");
	KEYS("caf\xc3\xa9", "c a f U+00E9");
	KEYS("\xe2\x82\xac", "U+20AC");			/* € */
	KEYS("\xe6\x97\xa5", "U+65E5");			/* 日 */
	KEYS("\xf0\x9f\x98\x80", "U+1F600");		/* 😀 */
	KEYS("\xf4\x8f\xbf\xbf", "U+10FFFF");		/* the last one */
	KEYS("\xc2\xa0", "U+00A0");			/* the first past C1 */
}

static void
test_controls(void **state)
{
	(void)state;
	KEYS("\r", "Enter");
	KEYS("\n", "Enter");
	KEYS("\r\n", "Enter");			/* CRLF is one Enter */
	KEYS("\r\n\r\n", "Enter Enter");
	KEYS("\r\r", "Enter Enter");
	KEYS("\n\n", "Enter Enter");
	KEYS("\n\r", "Enter Enter");
	KEYS("a\r\nb", "a Enter b");
	KEYS("\r\x1b[A\n", "Enter Up Enter");	/* not CRLF: a key between */
	KEYS("\t", "Tab");
	KEYS("\x7f", "Backspace");
	KEYS("\x08", "Backspace");
	KEYS("\x03", "Ctrl-C");
	KEYS("\x04", "Ctrl-C");
	/* Other C0 controls, NUL among them, are no key. */
	KEYS("\x00\x01\x02\x05\x0b\x0c\x0e\x1a\x1c\x1f", "");
	KEYS("a\x00" "b", "a b");
}

static void
test_xterm(void **state)
{
	(void)state;
	/* Normal cursor mode: CSI. */
	KEYS("\x1b[A\x1b[B\x1b[C\x1b[D", "Up Down Right Left");
	KEYS("\x1b[H\x1b[F", "Home End");
	KEYS("\x1b[Z", "Shift-Tab");
	KEYS("\x1b[2~\x1b[3~\x1b[5~\x1b[6~", "Insert Delete PageUp PageDown");
	KEYS("\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~"
	    "\x1b[24~", "F5 F6 F7 F8 F9 F10 F11 F12");
	/* Application cursor mode and F1-F4: SS3. */
	KEYS("\x1bOA\x1bOB\x1bOC\x1bOD", "Up Down Right Left");
	KEYS("\x1bOH\x1bOF", "Home End");
	KEYS("\x1bOP\x1bOQ\x1bOR\x1bOS", "F1 F2 F3 F4");
	/* Eight-bit CSI and SS3. */
	KEYS("\x9b" "A\x9b" "3~", "Up Delete");
	KEYS("\x8fP", "F1");
	/* Keys between keys. */
	KEYS("a\x1b[Ab", "a Up b");
	KEYS("\x1b[A\x1b[A\x1b[A", "Up Up Up");
}

static void
test_modifiers(void **state)
{
	(void)state;
	KEYS("\x1b[1;5A", "Up");		/* Ctrl-Up */
	KEYS("\x1b[1;2B\x1b[1;3C\x1b[1;8D", "Down Right Left");
	KEYS("\x1b[1;5H\x1b[1;2F", "Home End");
	KEYS("\x1b[3;5~", "Delete");
	KEYS("\x1b[5;3~\x1b[6;2~", "PageUp PageDown");
	KEYS("\x1b[15;2~\x1b[24;5~", "F5 F12");
	KEYS("\x1b[1;2P\x1b[1;5S", "F1 F4");
	KEYS("\x1bO2P\x1bO5Q", "F1 F2");	/* old xterm: ESC O 2 P */
	KEYS("\x1bO1;2A", "Up");
	/* Alt+key (ESC, then the key) is bound nowhere. */
	KEYS("\x1b" "a", "");
	KEYS("\x1b" "1\x1b" "4", "");
	KEYS("\x1b" "a" "b", "b");
}

static void
test_putty_linux(void **state)
{
	(void)state;
	/* PuTTY (TERM=xterm): Home and End as ESC [ n ~, F1-F4 as 11-14.
	 * The digits inside must never answer a poll (issue 20, item 3). */
	KEYS("\x1b[1~\x1b[4~", "Home End");
	KEYS("\x1b[11~\x1b[12~\x1b[13~\x1b[14~", "F1 F2 F3 F4");
	/* Its cursor keys, also with Ctrl (application mode). */
	KEYS("\x1b[A\x1bOA", "Up Up");
	/* The Linux console: F1-F5 as ESC [ [ A..E, Home/End as 1~ 4~. */
	KEYS("\x1b[[A\x1b[[B\x1b[[C\x1b[[D\x1b[[E", "F1 F2 F3 F4 F5");
	KEYS("\x1b[[F\x1b[[z", "");		/* no such keys */
	KEYS("\x1b[[\r", "Enter");
	KEYS("\x1b[1~\x1b[4~\x1b[3~", "Home End Delete");
	/* VT220 and the console's shifted F-keys (F13 and up): no key. */
	KEYS("\x1b[25~\x1b[26~\x1b[34~", "");
}

static void
test_keypad(void **state)
{
	(void)state;
	/* The numeric keypad in application mode (PuTTY, xterm with DECKPAM):
	 * its digits are digits, its Enter is Enter. */
	KEYS("\x1bOp\x1bOq\x1bOr\x1bOs\x1bOt\x1bOu\x1bOv\x1bOw\x1bOx\x1bOy",
	    "0 1 2 3 4 5 6 7 8 9");
	KEYS("\x1bOj\x1bOk\x1bOl\x1bOm\x1bOn\x1bOo", "* + , - . /");
	KEYS("\x1bOM", "Enter");
	KEYS("\x1bOz\x1bOa", "");		/* not a key of ours */
}

static void
test_rxvt(void **state)
{
	(void)state;
	/* rxvt: Home and End as 7~ 8~ (and 1~ 4~ in newer ones). */
	KEYS("\x1b[7~\x1b[8~", "Home End");
	/* Its F1-F4 as 11-14. */
	KEYS("\x1b[11~\x1b[14~", "F1 F4");
	/* Shift-arrows ESC [ a..d and Ctrl-arrows ESC O a..d: no key. */
	KEYS("\x1b[a\x1b[b\x1bOc\x1bOd", "");
	/* Ctrl-modified keys end in ^: no key either. */
	KEYS("\x1b[11^\x1b[3^", "");
	/* Shift-modified ones end in $, which is an intermediate byte
	 * elsewhere: the key after Shift+Delete must not be taken for the
	 * sequence's final. */
	KEYS("\x1b[2$" "a", "Insert a");
	KEYS("\x1b[3$\x1b[7$\x1b[8$\x1b[5$\x1b[6$",
	    "Delete Home End PageUp PageDown");
	KEYS("\x1b[23$\x1b[24$" "b", "F11 F12 b");
	KEYS("\x1b[99$" "c", "c");
	/* A $ after anything but one number stays an intermediate (DECRPM
	 * is CSI n ; m $ y). */
	KEYS("\x1b[2;1$y" "d", "d");
}

static void
test_strings(void **state)
{
	(void)state;
	/* OSC answers (a colour query), up to BEL or ESC \. */
	KEYS("\x1b]11;rgb:ffff/ffff/ffff\x07", "");
	KEYS("\x1b]11;rgb:0000/0000/0000\x1b\\" "a", "a");
	KEYS("\x1b]0;title 4 1\x07" "b", "b");
	/* DCS (a DECRQSS answer), APC, PM, SOS. */
	KEYS("\x1bP1$r0m\x1b\\", "");
	KEYS("\x1b_apc 1\x1b\\\x1b^pm 2\x1b\\\x1bXsos 3\x1b\\" "z", "z");
	/* Text, Enter and keys inside a string are part of it. */
	KEYS("\x1b]2;a\rb\x1b[A\x07" "c", "c");
	KEYS("\x1b]2;caf\xc3\xa9\x07", "");
}

static void
test_swallowed(void **state)
{
	char over[200];
	size_t n;

	(void)state;
	/* A sequence that is no key is swallowed whole, never as text. */
	KEYS("\x1b[99~", "");
	KEYS("\x1b[1001~", "");
	KEYS("\x1b[99999999999999999999~", "");
	KEYS("\x1b[?1;2c", "");			/* a DA answer */
	KEYS("\x1b[>0;276;0c", "");
	KEYS("\x1b[<0;12;5M\x1b[<0;12;5m", "");	/* SGR mouse */
	KEYS("\x1b[1:2A", "");			/* sub-parameters */
	KEYS("\x1b[ A", "");			/* an intermediate */
	KEYS("\x1b[97u", "");			/* kitty's keys */
	KEYS("\x1b[200~x1\x1b[201~", "x 1");	/* a paste is typing */
	/* Over-long CSI and SS3: swallowed to the final, and what follows
	 * is read again. */
	n = (size_t)snprintf(over, sizeof over, "\x1b[");
	memset(over + n, '1', 100);
	n += 100;
	n += (size_t)snprintf(over + n, sizeof over - n, "Ab");
	check_keys(over, n, "b", __LINE__);
	n = (size_t)snprintf(over, sizeof over, "\x1b[");
	for (int i = 0; i < 20; i++)
		n += (size_t)snprintf(over + n, sizeof over - n, "%d;", i);
	n += (size_t)snprintf(over + n, sizeof over - n, "~\x1b[A");
	check_keys(over, n, "Up", __LINE__);
	n = (size_t)snprintf(over, sizeof over, "\x1bO");
	memset(over + n, ';', 40);
	n += 40;
	n += (size_t)snprintf(over + n, sizeof over - n, "P7");
	check_keys(over, n, "7", __LINE__);
	/* Exactly KEYS_SEQ_MAX parameter bytes still make a key. */
	n = (size_t)snprintf(over, sizeof over, "\x1b[");
	memset(over + n, '0', KEYS_SEQ_MAX - 1);
	n += KEYS_SEQ_MAX - 1;
	n += (size_t)snprintf(over + n, sizeof over - n, "3~");
	check_keys(over, n, "Delete", __LINE__);
}

static void
test_cut_sequences(void **state)
{
	(void)state;
	/* A control inside a sequence ends it; the control still counts. */
	KEYS("\x1b[1\r", "Enter");
	KEYS("\x1b[12\x03", "Ctrl-C");
	KEYS("\x1b[\x1b[A", "Up");
	KEYS("\x1bO\x1b[B", "Down");
	KEYS("\x1b[1;\xc3\xa9", "U+00E9");
	/* Esc: a lone ESC, ESC twice, ESC before a control or a character
	 * that cannot follow it in any sequence. */
	KEYS("\x1b", "Esc");
	KEYS("\x1b\x1b", "Esc Esc");
	KEYS("\x1b\x1b[A", "Esc Up");
	KEYS("\x1b\r", "Esc Enter");
	KEYS("\x1b\x7f", "Esc Backspace");
	KEYS("\x1b\xc3\xa9", "Esc U+00E9");
	/* Held bytes with nothing after them: dropped, not typed. */
	KEYS("\x1b[", "");
	KEYS("\x1b[1;5", "");
	KEYS("\x1bO", "");
	KEYS("\x1b[[", "");
	KEYS("\x1b]0;ti", "");
	KEYS("\x1bP1$", "");
}

/* What the timeout does depends on when it comes: the cases above time
 * out only at the end. */
static void
test_timeout(void **state)
{
	struct got g;
	struct keys k;

	(void)state;
	memset(&g, 0, sizeof g);
	keys_init(&k);
	assert_false(keys_pending(&k));
	keys_feed(&k, (const unsigned char *)"\x1b", 1, on_key, &g);
	assert_true(keys_pending(&k));
	assert_string_equal(g.s, "");
	keys_timeout(&k, on_key, &g);
	assert_false(keys_pending(&k));
	assert_string_equal(g.s, "Esc");
	/* A second timeout has nothing to give. */
	keys_timeout(&k, on_key, &g);
	assert_string_equal(g.s, "Esc");
	/* Pending inside a sequence, a string and a character. */
	keys_feed(&k, (const unsigned char *)"\x1b[1", 3, on_key, &g);
	assert_true(keys_pending(&k));
	keys_feed(&k, (const unsigned char *)"~", 1, on_key, &g);
	assert_false(keys_pending(&k));
	assert_string_equal(g.s, "Esc Home");
	keys_feed(&k, (const unsigned char *)"\xe2\x82", 2, on_key, &g);
	assert_true(keys_pending(&k));
	keys_timeout(&k, on_key, &g);
	assert_false(keys_pending(&k));
	keys_feed(&k, (const unsigned char *)"\xac" "a", 2, on_key, &g);
	assert_string_equal(g.s, "Esc Home a");
	keys_feed(&k, (const unsigned char *)"\x1b]0;", 4, on_key, &g);
	assert_true(keys_pending(&k));
	keys_timeout(&k, on_key, &g);
	assert_false(keys_pending(&k));
	/* CR, a pause, then LF: still one Enter. */
	keys_feed(&k, (const unsigned char *)"\r", 1, on_key, &g);
	assert_false(keys_pending(&k));
	keys_timeout(&k, on_key, &g);
	keys_feed(&k, (const unsigned char *)"\n", 1, on_key, &g);
	assert_string_equal(g.s, "Esc Home a Enter");
}

static void
test_bad_utf8(void **state)
{
	(void)state;
	/* Stray bytes and leads that start nothing. */
	KEYS("\xff\xfe\xc0\xc1\xf5\xf8", "");
	KEYS("a\x80" "b", "a b");
	KEYS("\xbf\xbf", "");
	/* A cut character is dropped; the byte that cut it is read. */
	KEYS("\xc3" "a", "a");
	KEYS("\xe2\x82" "b", "b");
	KEYS("\xf0\x9f\x98" "c", "c");
	KEYS("\xe2\x82\r", "Enter");
	KEYS("\xe2\x1b[A", "Up");
	KEYS("\xc3\xc3\xa9", "U+00E9");
	KEYS("\xe2\x82\xac\xac", "U+20AC");	/* one continuation too many */
	/* Overlong forms of '/' and of NUL. */
	KEYS("\xc0\xaf\xe0\x80\xaf\xf0\x80\x80\xaf", "");
	KEYS("\xc0\x80\xe0\x80\x80", "");
	KEYS("\xe0\x9f\xbf", "");		/* U+07FF in three bytes */
	KEYS("\xf0\x8f\xbf\xbf", "");		/* U+FFFF in four */
	/* Surrogates and past U+10FFFF. */
	KEYS("\xed\xa0\x80\xed\xbf\xbf", "");
	KEYS("\xf4\x90\x80\x80", "");
}

static void
test_c1(void **state)
{
	(void)state;
	/* C1 controls written as UTF-8 are no key, CSI among them: the A
	 * after it is a letter. */
	KEYS("\xc2\x80\xc2\x85\xc2\x9f", "");
	KEYS("\xc2\x9b" "A", "A");
	KEYS("\xc2\x8f" "P", "P");
	/* As single bytes, CSI and SS3 start a sequence; the others (and
	 * ST) are stray bytes. */
	KEYS("\x9b" "B", "Down");
	KEYS("\x8f" "A", "Up");
	KEYS("\x9b" "99~" "a", "a");
	KEYS("\x84\x85\x9c", "");
	/* A continuation byte equal to CSI inside a character. */
	KEYS("\xe2\x9b\x84", "U+26C4");		/* ⛄ */
}

static void
test_names(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(keys_name(SK_UP, buf, sizeof buf), "Up");
	assert_string_equal(keys_name(SK_INTR, buf, sizeof buf), "Ctrl-C");
	assert_string_equal(keys_name(SK_F1, buf, sizeof buf), "F1");
	assert_string_equal(keys_name(SK_F12, buf, sizeof buf), "F12");
	assert_string_equal(keys_name('q', buf, sizeof buf), "q");
	assert_string_equal(keys_name(0xe9, buf, sizeof buf), "U+00E9");
	assert_string_equal(keys_name(0x1f600, buf, sizeof buf), "U+1F600");
	/* Cut to the buffer. */
	assert_string_equal(keys_name(SK_BACKSPACE, buf, 5), "Back");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_xterm),
		cmocka_unit_test(test_modifiers),
		cmocka_unit_test(test_putty_linux),
		cmocka_unit_test(test_keypad),
		cmocka_unit_test(test_rxvt),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_swallowed),
		cmocka_unit_test(test_cut_sequences),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_c1),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
