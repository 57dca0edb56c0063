/* export-text.c: user text made safe for the Markdown and HTML reports. */
#include <stdio.h>
#include <string.h>

#include "export.h"

/*
 * User text (titles, labels, answers, notes) is written so that no
 * Markdown or HTML it contains takes effect: every character Markdown
 * gives meaning to is backslash-escaped, and line breaks become spaces
 * so a note cannot start a heading or break a table.  `.`, `-` and `+`
 * only mean something at the start of a line, where user text never is.
 */
void
md_text(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\r' || c == '\t')
			putc(' ', f);
		else if (c < 0x20 || c == 0x7f)
			continue;
		else {
			if (strchr("\\`*_{}[]<>()#!|~&$", c) != NULL)
				putc('\\', f);
			putc(c, f);
		}
	}
}

/* <tag>text</tag>, the text escaped; `tag` may carry attributes
 * ("td class=\"n\""), which the closing tag leaves out. */
void
html_cell(FILE *f, const char *tag, const char *text)
{
	fprintf(f, "<%s>", tag);
	html_text(f, text);
	fprintf(f, "</%.*s>", (int)strcspn(tag, " "), tag);
}
