/*
 * gen-ingest - write a drop of N titles for bench-ingest.sh: ERN 4.3
 * messages of ten recordings each, into the directory given.
 */
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	long n, per = 10;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: gen-ingest DIR N\n");
		return 2;
	}
	for (long m = 0; m * per < n; m++) {
		char path[4096];
		FILE *fp;

		snprintf(path, sizeof path, "%s/msg-%06ld.xml", argv[1], m);
		if ((fp = fopen(path, "w")) == NULL) {
			perror(path);
			return 2;
		}
		fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">\n"
		    "<MessageHeader><MessageId>BENCH-%06ld</MessageId>"
		    "<MessageSender><PartyName><FullName>Bench</FullName></PartyName></MessageSender>"
		    "<MessageCreatedDateTime>2026-10-01T00:00:00Z</MessageCreatedDateTime>"
		    "</MessageHeader>\n<ResourceList>\n", m);
		for (long i = 0; i < per && m * per + i < n; i++)
			fprintf(fp, "<SoundRecording><ResourceReference>A%ld</ResourceReference>"
			    "<SoundRecordingEdition><ResourceId><ISRC>QZB%09ld</ISRC></ResourceId>"
			    "</SoundRecordingEdition><DisplayTitleText>Title %ld</DisplayTitleText>"
			    "<DisplayArtistName>Artist %ld</DisplayArtistName>"
			    "<Duration>PT3M%02ldS</Duration></SoundRecording>\n",
			    i, m * per + i, m * per + i, m, (m * per + i) % 60);
		fprintf(fp, "</ResourceList>\n<ReleaseList><Release><ReleaseReference>R0"
		    "</ReleaseReference><ReleaseId><ICPN>%013ld</ICPN></ReleaseId>"
		    "<DisplayTitleText>Album %ld</DisplayTitleText><LabelName>Label %ld</LabelName>"
		    "<OriginalReleaseDate>2025-01-01</OriginalReleaseDate><ResourceGroup>", m, m, m % 100);
		for (long i = 0; i < per && m * per + i < n; i++)
			fprintf(fp, "<ResourceGroupContentItem><ReleaseResourceReference>A%ld"
			    "</ReleaseResourceReference></ResourceGroupContentItem>", i);
		fprintf(fp, "</ResourceGroup></Release></ReleaseList>\n<DealList><ReleaseDeal>"
		    "<DealReleaseReference>R0</DealReleaseReference><Deal><DealTerms>"
		    "<TerritoryCode>Worldwide</TerritoryCode><ValidityPeriod><StartDate>2025-01-01"
		    "</StartDate></ValidityPeriod><CommercialModelType>SubscriptionModel"
		    "</CommercialModelType><UseType>OnDemandStream</UseType></DealTerms></Deal>"
		    "</ReleaseDeal></DealList>\n</ern:NewReleaseMessage>\n");
		if (fclose(fp) != 0) {
			perror(path);
			return 2;
		}
	}
	return 0;
}
