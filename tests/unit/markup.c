/* Unit tests for common/util/markup.c: text that stays well-formed XML and HTML. */
#include <stdio.h>

#include "markup.h"
#include "tap.h"

static const char *
escaped(const char *s)
{
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof buf, "w");

	markup_text(f, s);
	fclose(f);
	return buf;
}

int
main(void)
{
	plan(5);
	is_str(escaped("Rock & <Roll> \"live\" l'été"), "Rock &amp; &lt;Roll&gt; &quot;live&quot; l&apos;été",
	    "the five markup characters are escaped, UTF-8 kept");
	is_str(escaped("a\x01" "b\x1f" "c\td\n"), "abc\td\n", "control characters other than tab and newline go");
	is_str(escaped("caf\xe9!"), "caf\xef\xbf\xbd!", "a Latin-1 byte becomes U+FFFD");
	is_str(escaped("\xe2\x82"), "\xef\xbf\xbd\xef\xbf\xbd", "a cut sequence: one U+FFFD a byte");
	is_str(escaped("\xf0\x9f\x8e\xb5"), "\xf0\x9f\x8e\xb5", "four-byte characters are kept whole");
	return done_testing();
}
