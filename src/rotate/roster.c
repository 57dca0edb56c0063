/* roster.c: read a participant roster CSV (name,site[,role][,host]) safely. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "rotate.h"

/*
 * The reader is total: any byte string gives a roster or one message of the
 * form FILE:LINE: text.  Fields are RFC 4180 (quotes, doubled quotes, line
 * breaks inside quotes).  Text must be UTF-8; control characters (C0, DEL,
 * C1) are dropped and each field is cut to ROSTER_FIELD bytes on a character
 * boundary, because names end up on other people's terminals.
 */

#define MAX_FIELDS	4
#define RAW_MAX		4096	/* bytes kept of one raw field before cleaning */

enum col { COL_NAME, COL_SITE, COL_ROLE, COL_HOST, COL_NONE };

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t		 need, i;
	unsigned int	 cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need;
}

/*
 * Copy raw into out (size ROSTER_FIELD + 1) without control characters,
 * trimmed of spaces, cut on a character boundary.  -1 on invalid UTF-8.
 */
static int
clean(const char *raw, size_t n, char *out)
{
	const unsigned char	*s = (const unsigned char *)raw;
	size_t			 i = 0, o = 0, k;

	while (i < n) {
		k = utf8_len(s + i, n - i);
		if (k == 0)
			return -1;
		/* C0, DEL, and C1 (U+0080..U+009F, encoded c2 80..c2 9f). */
		if ((k == 1 && (s[i] < 0x20 || s[i] == 0x7f)) ||
		    (k == 2 && s[i] == 0xc2 && s[i + 1] < 0xa0)) {
			i += k;
			continue;
		}
		if (o == 0 && k == 1 && s[i] == ' ') {
			i++;
			continue;
		}
		if (o + k <= ROSTER_FIELD) {
			memcpy(out + o, s + i, k);
			o += k;
		} else
			break;
		i += k;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	/* Bytes past the cut must still be valid text. */
	while (i < n) {
		k = utf8_len(s + i, n - i);
		if (k == 0)
			return -1;
		i += k;
	}
	return 0;
}

static int
parse_host(const char *s, int *out)
{
	static const char *yes[] = { "1", "yes", "y", "host", "true" };
	static const char *no[] = { "", "0", "no", "n", "false" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	return -1;
}

static int
site_id(struct roster *r, const char *site)
{
	int	i;
	void	*p;

	if (site[0] == '\0')
		return -1;
	for (i = 0; i < r->nsites; i++)
		if (strcmp(r->sites[i], site) == 0)
			return i;
	p = realloc(r->sites, sizeof *r->sites * ((size_t)r->nsites + 1));
	if (p == NULL)
		return -2;
	r->sites = p;
	memcpy(r->sites[r->nsites], site, ROSTER_FIELD + 1);
	return r->nsites++;
}

void
roster_free(struct roster *r)
{
	free(r->people);
	free(r->sites);
	memset(r, 0, sizeof *r);
}

int
roster_find(const struct roster *r, const char *name)
{
	int	i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->people[i].name, name) == 0)
			return i;
	return -1;
}

/* A header names its columns; without one they are name,site,role,host. */
static int
header(struct csv *rd, char cells[][ROSTER_FIELD + 1], int nf,
    enum col *cols, int line)
{
	static const char *names[] = { "name", "site", "role", "host" };
	int	i, k;

	if (nf < 2 || strcasecmp(cells[0], "name") != 0 ||
	    strcasecmp(cells[1], "site") != 0)
		return 0;
	for (i = 0; i < nf; i++) {
		cols[i] = COL_NONE;
		for (k = 0; k < 4; k++)
			if (strcasecmp(cells[i], names[k]) == 0)
				cols[i] = (enum col)k;
		for (k = 0; k < i; k++)
			if (cols[i] != COL_NONE && cols[k] == cols[i])
				return csv_fail(rd, line, "column \"%s\" appears "
				    "twice", cells[i]);
		if (cols[i] == COL_NONE)
			return csv_fail(rd, line, "unknown column \"%s\" (expected "
			    "name,site,role,host)", cells[i]);
	}
	return 1;
}

int
roster_parse(const char *buf, size_t len, const char *filename,
    struct roster *out, char *err, size_t errlen)
{
	struct csv	 rd = { buf, len, 0, 1, filename, err, errlen, MAX_FIELDS,
	    "too many columns (at most name,site,role,host)" };
	char		(*raw)[RAW_MAX + 1];
	char		 cells[MAX_FIELDS][ROSTER_FIELD + 1];
	size_t		 rlen[MAX_FIELDS];
	enum col	 cols[MAX_FIELDS] = { COL_NAME, COL_SITE, COL_ROLE, COL_HOST };
	int		 nf, line, i, first = 1, ncols = MAX_FIELDS, ret = -1;
	int		 blank;

	memset(out, 0, sizeof *out);
	if (errlen > 0)
		err[0] = '\0';
	if (filename == NULL)
		rd.file = "roster";
	if (buf == NULL)
		len = rd.len = 0;
	raw = malloc(sizeof *raw * MAX_FIELDS);
	if (raw == NULL)
		return csv_fail(&rd, 1, "out of memory");
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		rd.at = 3;
	while ((nf = csv_record(&rd, &raw[0][0], RAW_MAX + 1, rlen, &line)) != 0) {
		struct roster_entry	*e;
		void			*p;

		if (nf < 0)
			goto out;
		blank = 1;
		for (i = 0; i < nf; i++) {
			if (clean(raw[i], rlen[i], cells[i]) != 0) {
				csv_fail(&rd, line, "not UTF-8 text (save the "
				    "file as UTF-8)");
				goto out;
			}
			blank &= cells[i][0] == '\0';
		}
		if (blank)
			continue;	/* empty lines, and spreadsheets' ",,," */
		if (first) {
			first = 0;
			i = header(&rd, cells, nf, cols, line);
			if (i < 0)
				goto out;
			if (i > 0) {
				ncols = nf;
				continue;
			}
		}
		if (nf > ncols) {
			csv_fail(&rd, line, "%d columns, but the header names %d",
			    nf, ncols);
			goto out;
		}
		if (nf < 2) {
			csv_fail(&rd, line, "expected name,site");
			goto out;
		}
		if (out->n >= ROT_MAX_PEOPLE) {
			csv_fail(&rd, line, "more than %d people", ROT_MAX_PEOPLE);
			goto out;
		}
		p = realloc(out->people, sizeof *out->people * ((size_t)out->n + 1));
		if (p == NULL) {
			csv_fail(&rd, line, "out of memory");
			goto out;
		}
		out->people = p;
		e = &out->people[out->n];
		memset(e, 0, sizeof *e);
		e->line = line;
		for (i = 0; i < nf; i++) {
			switch (cols[i]) {
			case COL_NAME:
				memcpy(e->name, cells[i], sizeof e->name);
				break;
			case COL_SITE:
				memcpy(e->site, cells[i], sizeof e->site);
				break;
			case COL_ROLE:
				memcpy(e->role, cells[i], sizeof e->role);
				break;
			case COL_HOST:
				if (parse_host(cells[i], &e->host) != 0) {
					csv_fail(&rd, line, "host must be 1, 0, "
					    "yes, no, host or empty, not \"%s\"",
					    cells[i]);
					goto out;
				}
				break;
			case COL_NONE:
				break;
			}
		}
		if (e->name[0] == '\0') {
			csv_fail(&rd, line, "empty name");
			goto out;
		}
		i = roster_find(out, e->name);
		if (i >= 0 && i < out->n) {
			csv_fail(&rd, line, "\"%s\" is already on line %d", e->name,
			    out->people[i].line);
			goto out;
		}
		e->site_id = site_id(out, e->site);
		if (e->site_id == -2) {
			csv_fail(&rd, line, "out of memory");
			goto out;
		}
		out->n++;
	}
	if (out->n == 0) {
		csv_fail(&rd, rd.line > 1 ? rd.line - 1 : 1, "no people in the "
		    "roster");
		goto out;
	}
	ret = 0;
out:
	free(raw);
	if (ret != 0)
		roster_free(out);
	return ret;
}

int
roster_load(const char *path, struct roster *out, char *err, size_t errlen)
{
	FILE	*f;
	char	*buf = NULL, *p;
	size_t	 len = 0, cap = 0;
	int	 ret;

	memset(out, 0, sizeof *out);
	f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (len == cap) {
			if (cap >= (size_t)16 << 20) {
				snprintf(err, errlen, "%s: file too large", path);
				free(buf);
				fclose(f);
				return -1;
			}
			cap = cap ? cap * 2 : 8192;
			p = realloc(buf, cap);
			if (p == NULL) {
				snprintf(err, errlen, "%s: out of memory", path);
				free(buf);
				fclose(f);
				return -1;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	ret = roster_parse(buf, len, path, out, err, errlen);
	free(buf);
	return ret;
}
