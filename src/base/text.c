/* text.c: measure and cut text by display columns (wcwidth), no curses. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui.h"

/*
 * Decode one character.  Invalid bytes and control characters come back
 * as '?' so user text can never move the cursor or send an escape
 * sequence to someone else's terminal.  In a non-UTF-8 locale anything
 * beyond ASCII is shown as '?' too.
 */
static size_t
next_char(const char *s, int utf8, wchar_t *wc, int *w)
{
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	if ((unsigned char)*s < 0x80) {
		*wc = (unsigned char)*s;
		if (*wc < 0x20 || *wc == 0x7f)
			*wc = '?';
		*w = 1;
		return 1;
	}
	n = mbrtowc(wc, s, strlen(s), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = '?';
		*w = 1;
		/* skip the rest of a broken sequence's continuation bytes */
		n = 1;
		while (((unsigned char)s[n] & 0xc0) == 0x80)
			n++;
		return n;
	}
	if (!utf8) {
		*wc = '?';
		*w = 1;
		return n;
	}
	/* Bidi embeddings, overrides and isolates would reorder the rest
	 * of someone else's line on a terminal that does bidi: shown as
	 * '?' here, kept as text in the store. */
	if ((*wc >= 0x202a && *wc <= 0x202e) || (*wc >= 0x2066 &&
	    *wc <= 0x2069)) {
		*wc = '?';
		*w = 1;
		return n;
	}
	*w = wcwidth(*wc);
	if (*w < 0) {
		*wc = '?';
		*w = 1;
	}
	return n;
}

int
text_width(const char *s, int utf8)
{
	int total = 0, w;
	wchar_t wc;

	while (*s != '\0') {
		s += next_char(s, utf8, &wc, &w);
		total += w;
	}
	return total;
}

/*
 * Copy as much of `s` as fits in `width` columns into `out` as
 * displayable text (controls replaced), ending with an ellipsis when it
 * had to cut.  Returns the columns used.
 */
size_t
text_fit(const char *s, int width, int utf8, char *out, size_t cap)
{
	const char *ell = utf8 ? "\xe2\x80\xa6" : ".";
	size_t o = 0;
	int used = 0, w, total = text_width(s, utf8);
	wchar_t wc;

	if (cap == 0)
		return 0;
	while (*s != '\0') {
		size_t n = next_char(s, utf8, &wc, &w);
		int room = total > width ? width - 1 : width;

		if (used + w > room)
			break;
		if (wc == '?' && (n > 1 || (unsigned char)*s != '?')) {
			if (o + 1 >= cap)
				break;
			out[o++] = '?';
		} else {
			if (o + n >= cap)
				break;
			memcpy(out + o, s, n);
			o += n;
		}
		used += w;
		s += n;
	}
	if (*s != '\0' && width > 0 && o + strlen(ell) < cap) {
		memcpy(out + o, ell, strlen(ell));
		o += strlen(ell);
		used++;
	}
	out[o] = '\0';
	return (size_t)used;
}

/* Word-wrap `s` into at most `max` lines of `width` columns. */
int
text_wrap(const char *s, int width, int utf8, char lines[][256], int max)
{
	int n = 0;

	while (*s != '\0' && n < max) {
		const char *p = s, *brk = NULL;
		int used = 0, w;
		wchar_t wc;

		while (*p != '\0') {
			size_t k = next_char(p, utf8, &wc, &w);

			/* A line is also at most 255 bytes (lines[][256]). */
			if (used + w > width || (size_t)(p - s) + k > 255)
				break;
			if (*p == ' ')
				brk = p;
			used += w;
			p += k;
		}
		if (*p != '\0' && brk != NULL && brk > s)
			p = brk;
		if (p == s)	/* a character wider than the line */
			p += next_char(p, utf8, &wc, &w);
		{
			char tmp[256];
			size_t len = (size_t)(p - s) < sizeof tmp - 1 ?
			    (size_t)(p - s) : sizeof tmp - 1;

			memcpy(tmp, s, len);
			tmp[len] = '\0';
			text_fit(tmp, width, utf8, lines[n], sizeof lines[n]);
		}
		n++;
		s = p;
		while (*s == ' ')
			s++;
	}
	return n;
}
