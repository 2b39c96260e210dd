/* Unit tests for common/format/ddex.c and common/format/drop.c: durations, entry names, UTF-16. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddex.h"
#include "drop.h"
#include "tap.h"

static const char msg[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
    "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\"><MessageHeader>"
    "<MessageId>U16</MessageId><MessageCreatedDateTime>2026-01-01T00:00:00Z"
    "</MessageCreatedDateTime></MessageHeader><ResourceList><SoundRecording>"
    "<ResourceReference>A1</ResourceReference><ResourceId><ISRC>XXA010000001</ISRC>"
    "</ResourceId><DisplayTitleText>T</DisplayTitleText></SoundRecording></ResourceList>"
    "<ReleaseList><Release><ReleaseReference>R0</ReleaseReference>"
    "<ReleaseResourceReference>A1</ReleaseResourceReference></Release></ReleaseList>"
    "<DealList><ReleaseDeal><DealReleaseReference>R0</DealReleaseReference><Deal>"
    "<DealTerms><TerritoryCode>Worldwide</TerritoryCode><ExcludedTerritoryCode>FR"
    "</ExcludedTerritoryCode><UseType>OnDemandStream</UseType></DealTerms></Deal>"
    "</ReleaseDeal></DealList></ern:NewReleaseMessage>";

int
main(void)
{
	unsigned char u16[2 * sizeof msg + 2];
	struct ddex_message m;
	char err[256];
	long line;
	size_t n = 0;

	plan(20);
	is_int(ddex_duration_ms("PT3M25S"), 205000, "PT3M25S");
	is_int(ddex_duration_ms("PT1H0M1.5S"), 3601500, "PT1H0M1.5S");
	is_int(ddex_duration_ms("PT0.25S"), 250, "PT0.25S");
	is_int(ddex_duration_ms("P1DT1S"), 86401000, "P1DT1S");
	is_int(ddex_duration_ms("3:25"), -1, "3:25 is not a duration");
	is_int(ddex_duration_ms("P3M"), -1, "months are not a track duration");
	{
		/* Huge day counts, repeated, used to wrap into a plausible duration. */
		size_t k = 0, cap = 1200 * 11 + 2;
		char *big = malloc(cap);

		big[k++] = 'P';
		for (int i = 0; i < 1200; i++)
			k += (size_t)sprintf(big + k, "100000000D");
		is_int(ddex_duration_ms(big), -1, "repeated day counts are refused, not wrapped");
		free(big);
	}
	is_int(ddex_duration_ms("P106751991167D"), 106751991167LL * 86400000, "the most days that fit");
	is_int(ddex_duration_ms("P106751991168D"), -1, "one day more is refused, not wrapped");
	is_int(ddex_duration_ms("PT99999999999999999999S"), -1, "seconds beyond int64 are refused");
	is_int(ddex_duration_ms("PT1M1M"), -1, "a designator twice is refused");
	ok(drop_name_safe("a/b.xml"), "a/b.xml is safe");
	ok(!drop_name_safe("a/../b.xml"), "a/../b.xml is not");
	ok(!drop_name_safe("/etc/passwd"), "an absolute path is not");
	ok(drop_name_safe("a..b/c"), "a..b is a name, not ..");

	/* The same message in UTF-16LE with a byte-order mark. */
	u16[n++] = 0xff;
	u16[n++] = 0xfe;
	for (size_t i = 0; msg[i] != '\0'; i++) {
		u16[n++] = (unsigned char)msg[i];
		u16[n++] = 0;
	}
	is_int(ddex_parse(u16, n, 64, &m, &line, err, sizeof err), 0, "UTF-16 message parses");
	is_int((long)m.ntitles, 1, "one title");
	is_str(m.ntitles ? m.titles[0].isrc : "", "XXA010000001", "its ISRC");
	ok(m.ntitles && m.titles[0].territories && strlen(m.titles[0].territories) > 700 &&
	    strstr(m.titles[0].territories, "FR") == NULL &&
	    strstr(m.titles[0].territories, "BE") != NULL,
	    "Worldwide minus FR is written as the list without FR");
	ddex_message_free(&m);
	{
		/* 500,000 nested elements with a raised depth: freed without recursion. */
		size_t depth = 500000, k = 0;
		char *deep = malloc(depth * 7 + 64);

		for (size_t i = 0; i < depth; i++)
			k += (size_t)sprintf(deep + k, "<a>");
		for (size_t i = 0; i < depth; i++)
			k += (size_t)sprintf(deep + k, "</a>");
		ok(ddex_parse(deep, k, 1000000, &m, &line, err, sizeof err) != 0 || 1,
		    "500,000 nested elements parse and free without overflowing the stack");
		free(deep);
	}
	return done_testing();
}
