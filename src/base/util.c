/* util.c: small helpers the core shares: time, randomness, text, paths. */
#include <sys/random.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "convene.h"

int64_t
util_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Fill `out` with `n - 1` random hex digits and a NUL. */
void
util_random_hex(char *out, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[64];
	size_t i, want = (n - 1 + 1) / 2;

	if (want > sizeof b)
		want = sizeof b;
	if (getrandom(b, want, 0) != (ssize_t)want) {
		/* No entropy source: tokens would be guessable, so stop. */
		perror("convene: getrandom");
		abort();
	}
	for (i = 0; i + 1 < n && i / 2 < want; i++)
		out[i] = hex[(b[i / 2] >> (i % 2 ? 0 : 4)) & 0xf];
	out[i] = '\0';
}

void
util_strlcpy(char *dst, const char *src, size_t cap)
{
	size_t n = strlen(src);

	if (cap == 0)
		return;
	if (n >= cap)
		n = util_utf8_cut(src, cap - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Characters (code points) in UTF-8 text. */
size_t
util_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The longest prefix of `s` no longer than `max` bytes that ends between
 * UTF-8 characters. */
size_t
util_utf8_cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF. */
int
util_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i], need, min, cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1, min = 0x80, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2, min = 0x800, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3, min = 0x10000, cp = c & 0x07;
		} else
			return 0;
		if (len - i <= need)
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += need + 1;
	}
	return 1;
}

/*
 * Make untrusted text safe to store and show: invalid UTF-8 bytes become
 * '?', control characters (C0, DEL, C1) are dropped, runs of blanks fold
 * into one space, ends are trimmed, and the result fits in `cap` bytes
 * without splitting a character.
 */
void
util_sanitize(char *s, size_t cap)
{
	unsigned char *p = (unsigned char *)s;
	size_t r = 0, w = 0, len = strlen(s);
	int blank = 1;

	while (r < len) {
		unsigned c = p[r];
		size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
		    (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;

		if (n == 0 || r + n > len || !util_utf8_valid(s + r, n)) {
			p[w++] = '?';
			r++;
			blank = 0;
			continue;
		}
		if (n == 1 && (c < 0x20 || c == 0x7f)) {
			if ((c == '\t' || c == '\n' || c == '\r') && !blank) {
				p[w++] = ' ';
				blank = 1;
			}
			r++;
			continue;
		}
		if (n == 2 && c == 0xc2 && p[r + 1] < 0xa0) {
			r += 2;	/* C1 controls, U+0080..U+009F */
			continue;
		}
		if (n == 1 && c == ' ') {
			if (!blank)
				p[w++] = ' ';
			blank = 1;
			r++;
			continue;
		}
		memmove(p + w, p + r, n);
		w += n;
		r += n;
		blank = 0;
	}
	while (w > 0 && p[w - 1] == ' ')
		w--;
	p[w] = '\0';
	if (cap > 0 && w >= cap) {
		w = util_utf8_cut(s, cap - 1);
		while (w > 0 && p[w - 1] == ' ')
			w--;	/* the cut may have left a blank at the end */
		p[w] = '\0';
	}
}

/*
 * A typed text as it is stored: sanitised (util_sanitize) in place, and
 * at most `max` characters (TEXT_CHARS_MAX when 0).  A longer text is
 * refused with its length, never cut: what a person wrote is stored
 * whole or not at all.  0 when fine, else -1 with a reason.
 */
int
util_text_check(char *s, int max, char *why, size_t n)
{
	size_t len;

	if (max <= 0 || max > TEXT_CHARS_MAX)
		max = TEXT_CHARS_MAX;
	util_sanitize(s, strlen(s) + 1);
	if ((len = util_utf8_chars(s)) > (size_t)max) {
		snprintf(why, n, "too long: %zu characters, at most %d here; "
		    "shorten it and send it again", len, max);
		return -1;
	}
	return 0;
}

int
util_mkdir_p(const char *path, unsigned mode)
{
	char buf[4096];
	size_t i, n = strlen(path);

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
			return -1;
		buf[i] = i < n ? '/' : '\0';
	}
	return 0;
}

void
util_default_socket(char *out, size_t cap)
{
	const char *e = getenv("CONVENE_SOCKET");

	if (e != NULL && *e != '\0')
		snprintf(out, cap, "%s", e);
	else if ((e = getenv("XDG_RUNTIME_DIR")) != NULL && *e == '/')
		snprintf(out, cap, "%s/convene/convene.sock", e);
	else
		snprintf(out, cap, "/tmp/convene-%u/convene.sock",
		    (unsigned)getuid());
}

void
util_default_db(char *out, size_t cap)
{
	const char *e = getenv("CONVENE_DB");

	if (e != NULL && *e != '\0')
		snprintf(out, cap, "%s", e);
	else if ((e = getenv("XDG_DATA_HOME")) != NULL && *e == '/')
		snprintf(out, cap, "%s/convene/convene.db", e);
	else
		snprintf(out, cap, "%s/.local/share/convene/convene.db",
		    (e = getenv("HOME")) != NULL ? e : ".");
}

/* SipHash-2-4 (Aumasson and Bernstein), used as a keyed PRF: a ballot
 * key only someone holding the participant's token can recompute. */
#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do {							\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

static uint64_t
le64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

uint64_t
util_siphash(const unsigned char key[16], const void *data, size_t len)
{
	const unsigned char *in = data;
	uint64_t k0 = le64(key), k1 = le64(key + 8), m, b = (uint64_t)len << 56;
	uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
	uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
	size_t i, tail = len & 7;

	for (i = 0; i + 8 <= len; i += 8) {
		m = le64(in + i);
		v3 ^= m;
		SIPROUND;
		SIPROUND;
		v0 ^= m;
	}
	for (size_t k = 0; k < tail; k++)
		b |= (uint64_t)in[i + k] << (8 * k);
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/* A 16-byte key from a hex token (non-hex digits count as zero). */
void
util_key_from_hex(const char *hex, unsigned char key[16])
{
	memset(key, 0, 16);
	for (size_t i = 0; i < 32 && hex[i] != '\0'; i++) {
		char c = hex[i];
		unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		    c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 0;

		key[i / 2] |= (unsigned char)(v << (i % 2 ? 0 : 4));
	}
}

/* `CMD MINUTES` of a ctl command: 0 with the minutes, or 2 with usage. */
int
util_minutes_arg(int argc, char **argv, long *out, char *msg, size_t n)
{
	char *end;

	if (argc != 2) {
		snprintf(msg, n, "usage: %s MINUTES", argv[0]);
		return 2;
	}
	*out = strtol(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || *out < 0 || *out > 600) {
		snprintf(msg, n, "%s: minutes must be a whole number from 0 "
		    "to 600", argv[0]);
		return 2;
	}
	return 0;
}
