/* keys.h: bytes from a terminal to screen keys, without curses. */
#ifndef CONVENE_KEYS_H
#define CONVENE_KEYS_H

#include <stddef.h>

/*
 * A terminal sends keys as bytes: text as UTF-8, Enter as CR (or LF, or
 * CRLF), and the other keys as escape sequences that differ from one
 * terminal to the next (xterm's ESC [ A or ESC O A, PuTTY's ESC [ 1 ~,
 * the Linux console's ESC [ [ A).  The decoder knows the sequences of
 * every common terminal rather than one terminfo entry, so a client
 * whose TERM is wrong still gets its keys, and a sequence it does not
 * know is swallowed whole: no byte of it ever reaches a screen as text.
 *
 * Bytes may arrive split anywhere (an SSH packet, a read); what belongs
 * to an unfinished key is held until the next bytes or keys_timeout().
 */
#define KEYS_SEQ_MAX 32		/* a longer sequence is swallowed */

struct keys {
	unsigned char seq[KEYS_SEQ_MAX];	/* an unfinished key */
	size_t len;
	int state;		/* what `seq` holds so far */
	int skip;		/* inside an over-long sequence */
	int need;		/* UTF-8 continuation bytes still due */
	unsigned cp;		/* UTF-8 code point so far */
	unsigned min;		/* the least code point of its length */
	int last_cr;		/* the last byte was CR: a LF after it is
				 * the same Enter */
};

/* Keys as screens see them: printable characters are their code point;
 * the rest are named here, above the Unicode range. */
enum screen_key {
	SK_UP = 0x110000,
	SK_DOWN,
	SK_LEFT,
	SK_RIGHT,
	SK_ENTER,
	SK_BACKSPACE,
	SK_ESC,
	SK_TAB,
	SK_PGUP,
	SK_PGDN,
	SK_HOME,
	SK_END,
	SK_DELETE,
	SK_INSERT,
	SK_BTAB,	/* shift-Tab */
	SK_INTR,	/* Ctrl-C or Ctrl-D: a remote terminal's "let me out" */
	SK_F1,		/* SK_F1 + n - 1 is Fn, up to F12 */
	SK_F12 = SK_F1 + 11,
	SK_KEY_MAX
};

typedef void keys_cb(void *, int);

/* keys.c */
void	keys_init(struct keys *);
void	keys_feed(struct keys *, const unsigned char *, size_t, keys_cb *,
	    void *);
int	keys_pending(const struct keys *);
void	keys_timeout(struct keys *, keys_cb *, void *);
const char *keys_name(int, char *, size_t);

#endif
