#include <string.h>

#include "markup.h"
#include "utf8.h"

/*
 * Invalid UTF-8 would make the document not well-formed: each byte that
 * does not start a valid sequence is written as U+FFFD.
 */
void
markup_text(FILE *fp, const char *s)
{
	size_t n = strlen(s), k;

	for (; *s; s++, n--) {
		if ((unsigned char)*s >= 0x80) {
			if ((k = utf8_sequence((const unsigned char *)s, n)) == 0) {
				fputs("\xef\xbf\xbd", fp);
				continue;
			}
			fwrite(s, 1, k, fp);
			s += k - 1;
			n -= k - 1;
			continue;
		}
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&apos;", fp); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				putc(*s, fp);
		}
	}
}
