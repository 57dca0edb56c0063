/* keys.c: bytes from a terminal to screen keys (see keys.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"

enum {
	ST_GROUND = 0,
	ST_ESC,			/* ESC */
	ST_CSI,			/* ESC [ (or C1 0x9b), then parameters */
	ST_LINUX,		/* ESC [ [: the Linux console's F1-F5 */
	ST_SS3,			/* ESC O (or C1 0x8f), then its final */
	ST_STRING,		/* ESC ] P _ ^ X: up to BEL or ESC \ */
	ST_STRING_ESC		/* ESC inside a string */
};

void
keys_init(struct keys *k)
{
	memset(k, 0, sizeof *k);
}

int
keys_pending(const struct keys *k)
{
	return k->state != ST_GROUND || k->need > 0;
}

static void
reset(struct keys *k)
{
	k->state = ST_GROUND;
	k->len = 0;
	k->skip = 0;
}

/* The first number of a CSI's parameters ("5" of "5;2"), or 1 when it
 * has none, or -1 when it starts with a private marker ('<', '?'...). */
static int
first_param(const struct keys *k)
{
	int n = 0;
	size_t i;

	if (k->len == 0 || k->seq[0] == ';')
		return 1;
	for (i = 0; i < k->len && k->seq[i] >= '0' && k->seq[i] <= '9'; i++)
		if ((n = n * 10 + (k->seq[i] - '0')) > 1000)
			return -1;
	if (i == 0)
		return -1;
	return n;
}

/* Anything between the parameters and the final (intermediates, a
 * private marker) makes a sequence that is no key of ours. */
static int
plain_params(const struct keys *k)
{
	for (size_t i = 0; i < k->len; i++)
		if ((k->seq[i] < '0' || k->seq[i] > '9') && k->seq[i] != ';')
			return 0;
	return 1;
}

/* Only digits: one number, no separator. */
static int
one_number(const struct keys *k)
{
	if (k->len == 0)
		return 0;
	for (size_t i = 0; i < k->len; i++)
		if (k->seq[i] < '0' || k->seq[i] > '9')
			return 0;
	return 1;
}

static int
tilde_key(int n)
{
	switch (n) {
	case 1: case 7: return SK_HOME;
	case 2: return SK_INSERT;
	case 3: return SK_DELETE;
	case 4: case 8: return SK_END;
	case 5: return SK_PGUP;
	case 6: return SK_PGDN;
	}
	if (n >= 11 && n <= 15)
		return SK_F1 + n - 11;
	if (n >= 17 && n <= 21)
		return SK_F1 + 5 + n - 17;
	if (n == 23 || n == 24)
		return SK_F1 + 10 + n - 23;
	return -1;
}

/* The finals CSI and SS3 share: cursor keys, Home, End, F1-F4. */
static int
cursor_key(unsigned char final)
{
	switch (final) {
	case 'A': return SK_UP;
	case 'B': return SK_DOWN;
	case 'C': return SK_RIGHT;
	case 'D': return SK_LEFT;
	case 'H': return SK_HOME;
	case 'F': return SK_END;
	case 'P': case 'Q': case 'R': case 'S':
		return SK_F1 + (final - 'P');
	}
	return -1;
}

/* The key a CSI names, or -1: swallowed. */
static int
csi_key(const struct keys *k, unsigned char final)
{
	if (!plain_params(k))
		return -1;
	if (final == 'Z')
		return SK_BTAB;
	if (final == '~')
		return tilde_key(first_param(k));
	return cursor_key(final);
}

/* SS3 finals: cursor keys in application mode, F1-F4, and the numeric
 * keypad in application mode (PuTTY, xterm), whose digits are digits. */
static int
ss3_key(unsigned char final)
{
	static const char pad[] = "pqrstuvwxy";
	const char *d;

	switch (final) {
	case 'M': return SK_ENTER;
	case 'j': return '*';
	case 'k': return '+';
	case 'l': return ',';
	case 'm': return '-';
	case 'n': return '.';
	case 'o': return '/';
	}
	if (final != '\0' && (d = strchr(pad, final)) != NULL)
		return '0' + (int)(d - pad);
	return cursor_key(final);
}

static void
emit(int key, keys_cb *cb, void *arg)
{
	if (key >= 0)
		cb(arg, key);
}

/* A byte outside any sequence: text, Enter and the other controls. */
static void
ground(struct keys *k, unsigned char c, keys_cb *cb, void *arg)
{
	int cr = k->last_cr;

	k->last_cr = 0;
	if (k->need > 0) {
		if ((c & 0xc0) == 0x80) {
			k->cp = (k->cp << 6) | (c & 0x3f);
			if (--k->need == 0) {
				unsigned cp = k->cp;
				/* Overlong forms, surrogates and C1 controls
				 * are not text. */
				int ok = cp >= 0xa0 && cp <= 0x10ffff &&
				    (cp < 0xd800 || cp > 0xdfff) &&
				    cp >= k->min;

				if (ok)
					cb(arg, (int)cp);
			}
			return;
		}
		k->need = 0;	/* a cut character: drop it, read this one */
	}
	if (c == 0x1b) {
		k->state = ST_ESC;
		k->len = 0;
	} else if (c == '\r') {
		k->last_cr = 1;
		cb(arg, SK_ENTER);
	} else if (c == '\n') {
		if (!cr)
			cb(arg, SK_ENTER);
	} else if (c == '\t')
		cb(arg, SK_TAB);
	else if (c == 0x7f || c == 0x08)
		cb(arg, SK_BACKSPACE);
	else if (c == 0x03 || c == 0x04)
		cb(arg, SK_INTR);
	else if (c >= 0x20 && c < 0x7f)
		cb(arg, c);
	else if (c == 0x9b || c == 0x8f) {
		/* Eight-bit CSI and SS3 (never valid as UTF-8 leads). */
		k->state = c == 0x9b ? ST_CSI : ST_SS3;
		k->len = 0;
	} else if (c >= 0xc2 && c <= 0xdf) {
		k->need = 1, k->cp = c & 0x1f, k->min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		k->need = 2, k->cp = c & 0x0f, k->min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		k->need = 3, k->cp = c & 0x07, k->min = 0x10000;
	}
	/* Other controls and stray bytes are dropped. */
}

static void
feed_one(struct keys *k, unsigned char c, keys_cb *cb, void *arg)
{
	switch (k->state) {
	case ST_GROUND:
		ground(k, c, cb, arg);
		return;
	case ST_ESC:
		k->last_cr = 0;
		if (c == '[') {
			k->state = ST_CSI;
			k->len = 0;
		} else if (c == 'O') {
			k->state = ST_SS3;
			k->len = 0;
		} else if (c == ']' || c == 'P' || c == '_' || c == '^' ||
		    c == 'X') {
			k->state = ST_STRING;
		} else if (c == 0x1b) {
			cb(arg, SK_ESC);	/* Esc pressed twice */
		} else if (c == '\t') {
			reset(k);	/* the Linux console's shift-Tab */
			cb(arg, SK_BTAB);
		} else if (c >= 0x20 && c < 0x7f) {
			reset(k);	/* Alt+key: bound nowhere */
		} else {
			reset(k);
			cb(arg, SK_ESC);
			ground(k, c, cb, arg);
		}
		return;
	case ST_CSI:
		if (k->len == 0 && !k->skip && c == '[') {
			k->state = ST_LINUX;
			return;
		}
		if (c >= 0x40 && c <= 0x7e) {
			int key = k->skip ? -1 : csi_key(k, c);

			reset(k);
			emit(key, cb, arg);
		} else if (c == '$' && !k->skip && one_number(k)) {
			/* rxvt's Shift+Insert, Delete, Home, End, F11...:
			 * ESC [ n $, where $ is otherwise an intermediate and
			 * would take the next key for the final. */
			int key = tilde_key(first_param(k));

			reset(k);
			emit(key, cb, arg);
		} else if (c >= 0x20 && c <= 0x3f) {
			if (k->len < sizeof k->seq)
				k->seq[k->len++] = c;
			else
				k->skip = 1;
		} else {
			/* A control inside a sequence ends it unfinished;
			 * the control itself still counts. */
			reset(k);
			ground(k, c, cb, arg);
		}
		return;
	case ST_LINUX:
		reset(k);
		if (c >= 'A' && c <= 'E')
			cb(arg, SK_F1 + (c - 'A'));
		else if (c < 0x20 || c >= 0x7f)
			ground(k, c, cb, arg);
		return;
	case ST_SS3:
		if (c >= 0x20 && c <= 0x3f) {
			/* Old xterms put modifiers here: ESC O 1 ; 2 P. */
			if (k->len < sizeof k->seq)
				k->seq[k->len++] = c;
			else
				k->skip = 1;
			return;
		}
		{
			int key = k->skip ? -1 : ss3_key(c);

			reset(k);
			if (c < 0x20 || c >= 0x7f)
				ground(k, c, cb, arg);
			else
				emit(key, cb, arg);
		}
		return;
	case ST_STRING:
		if (c == 0x07)
			reset(k);
		else if (c == 0x1b)
			k->state = ST_STRING_ESC;
		return;
	case ST_STRING_ESC:
		k->state = c == '\\' ? ST_GROUND : ST_STRING;
		if (c == '\\')
			reset(k);
		return;
	}
}

void
keys_feed(struct keys *k, const unsigned char *buf, size_t n, keys_cb *cb,
    void *arg)
{
	for (size_t i = 0; i < n; i++)
		feed_one(k, buf[i], cb, arg);
}

/* Nothing came after the held bytes: a lone ESC was the Esc key; a cut
 * sequence or character is dropped. */
void
keys_timeout(struct keys *k, keys_cb *cb, void *arg)
{
	int esc = k->state == ST_ESC;

	reset(k);
	k->need = 0;
	if (esc)
		cb(arg, SK_ESC);
}

/* A key's name, for tests and messages: "Up", "F5", "a", "U+00E9". */
const char *
keys_name(int key, char *buf, size_t cap)
{
	static const char *names[] = { "Up", "Down", "Left", "Right",
	    "Enter", "Backspace", "Esc", "Tab", "PageUp", "PageDown", "Home",
	    "End", "Delete", "Insert", "Shift-Tab", "Ctrl-C" };

	if (key >= SK_UP && key < SK_F1)
		snprintf(buf, cap, "%s", names[key - SK_UP]);
	else if (key >= SK_F1 && key <= SK_F12)
		snprintf(buf, cap, "F%d", key - SK_F1 + 1);
	else if (key >= 0x20 && key < 0x7f)
		snprintf(buf, cap, "%c", key);
	else
		snprintf(buf, cap, "U+%04X", (unsigned)key);
	return buf;
}
