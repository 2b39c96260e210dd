#include <ctype.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddex.h"
#include "err.h"

#define NS_SEP '|'

/* The parsed message as a small tree: local names, text and lines. */
struct node {
	char *name;
	char *text;
	size_t tlen, tcap;
	long line;
	struct node *parent, *child, *last, *next;
	int warned;		/* a warning about this element was given */
};

struct parse {
	XML_Parser p;
	struct node *root, *cur;
	char *ns, *schema;
	int depth, max_depth;
	const char *why;
};

/* Every ISO 3166-1 alpha-2 code, to write Worldwide minus exclusions. */
static const char iso3166[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM "
    "BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX "
    "CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG "
    "GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR "
    "IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV "
    "LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE "
    "NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO "
    "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF "
    "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF "
    "WS YE YT ZA ZM ZW";

static char *
dupn(const char *s, size_t n)
{
	char *d = err_malloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void
stop(struct parse *ps, const char *why)
{
	if (ps->why == NULL)
		ps->why = why;
	XML_StopParser(ps->p, XML_FALSE);
}

static void XMLCALL
on_start(void *arg, const XML_Char *name, const XML_Char **attr)
{
	struct parse *ps = arg;
	const char *local = strrchr(name, NS_SEP);
	struct node *n;

	if (++ps->depth > ps->max_depth) {
		stop(ps, "elements nested too deep");
		return;
	}
	n = err_calloc(1, sizeof *n);
	n->name = err_strdup(local ? local + 1 : name);
	n->line = (long)XML_GetCurrentLineNumber(ps->p);
	n->parent = ps->cur;
	if (ps->cur == NULL) {
		ps->root = n;
		if (local != NULL)
			ps->ns = dupn(name, (size_t)(local - name));
		for (int i = 0; attr[i] != NULL; i += 2)
			if (strcmp(attr[i], "MessageSchemaVersionId") == 0)
				ps->schema = err_strdup(attr[i + 1]);
	} else {
		if (ps->cur->last)
			ps->cur->last->next = n;
		else
			ps->cur->child = n;
		ps->cur->last = n;
	}
	ps->cur = n;
}

static void XMLCALL
on_end(void *arg, const XML_Char *name)
{
	struct parse *ps = arg;

	(void)name;
	ps->depth--;
	if (ps->cur != NULL)
		ps->cur = ps->cur->parent;
}

static void XMLCALL
on_text(void *arg, const XML_Char *s, int len)
{
	struct parse *ps = arg;
	struct node *n = ps->cur;

	if (n == NULL || len <= 0)
		return;
	if (n->tlen + (size_t)len + 1 > n->tcap) {
		n->tcap = (n->tlen + (size_t)len + 1) * 2;
		n->text = err_realloc(n->text, n->tcap);
	}
	memcpy(n->text + n->tlen, s, (size_t)len);
	n->tlen += (size_t)len;
	n->text[n->tlen] = '\0';
}

/* Any DOCTYPE is refused: ERN needs none, and it is where entities hide. */
static void XMLCALL
on_doctype(void *arg, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
    int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	stop(arg, "DOCTYPE refused (entity declarations are not allowed)");
}

static void XMLCALL
on_entity(void *arg, const XML_Char *name, int param, const XML_Char *value, int vlen,
    const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
    const XML_Char *notation)
{
	(void)name, (void)param, (void)value, (void)vlen, (void)base, (void)sysid;
	(void)pubid, (void)notation;
	stop(arg, "entity declaration refused");
}

/*
 * Free a tree without recursion: the input decides its depth.  A node's
 * children are spliced in before its next sibling, then the node goes.
 */
static void
node_free(struct node *n)
{
	while (n != NULL) {
		struct node *next;

		if (n->child != NULL) {
			n->last->next = n->next;
			n->next = n->child;
		}
		next = n->next;
		free(n->name);
		free(n->text);
		free(n);
		n = next;
	}
}

static struct node *
child(const struct node *n, const char *name)
{
	for (struct node *c = n ? n->child : NULL; c != NULL; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* First descendant with this name, depth first, without recursion. */
static struct node *
find(const struct node *n, const char *name)
{
	struct node *c = n ? n->child : NULL;

	while (c != NULL) {
		if (strcmp(c->name, name) == 0)
			return c;
		if (c->child != NULL) {
			c = c->child;
			continue;
		}
		while (c != n && c->next == NULL)
			c = c->parent;
		if (c == n)
			return NULL;
		c = c->next;
	}
	return NULL;
}

/* Text with surrounding white space trimmed, in place; "" when none. */
static const char *
text(struct node *n)
{
	char *s, *e;

	if (n == NULL || n->text == NULL)
		return "";
	s = n->text;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static char *
dup_or_null(const char *s)
{
	return *s ? err_strdup(s) : NULL;
}

int64_t
ddex_duration_ms(const char *s)
{
	/* The designators in the order ISO 8601 has them, each at most once. */
	static const char order[] = "DTHMS";
	static const int64_t unit[] = { 86400000, 0, 3600000, 60000, 1000 };
	int64_t ms = 0;
	int at = -1, any = 0;

	if (*s++ != 'P')
		return -1;
	while (*s != '\0') {
		int64_t whole = 0, frac = 0, scale = 1000, v;
		const char *d;
		int k;

		if (*s == 'T') {
			if (at >= 1)
				return -1;
			at = 1;
			s++;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return -1;
		while (isdigit((unsigned char)*s))
			if (__builtin_mul_overflow(whole, 10, &whole) ||
			    __builtin_add_overflow(whole, *s++ - '0', &whole))
				return -1;
		if (*s == '.') {
			s++;
			if (!isdigit((unsigned char)*s))
				return -1;
			while (isdigit((unsigned char)*s)) {
				scale /= 10;
				frac += (*s++ - '0') * scale;
			}
		}
		if (*s == '\0' || (d = strchr(order, *s++)) == NULL || *d == 'T')
			return -1;
		k = (int)(d - order);
		/* M is minutes only after T; each designator once, in order. */
		if (k <= at || (k > 1 && at < 1) || (k == 0 && at >= 1))
			return -1;
		if (frac != 0 && k != 4)
			return -1;
		at = k;
		if (__builtin_mul_overflow(whole, unit[k], &v) || __builtin_add_overflow(v, frac, &v) ||
		    __builtin_add_overflow(ms, v, &ms))
			return -1;
		any = 1;
	}
	return any ? ms : -1;
}

static int
version_of(const char *ns, const char *schema)
{
	const char *v = NULL;

	if (ns != NULL && strncmp(ns, "http://ddex.net/xml/ern/", 24) == 0)
		v = ns + 24;
	else if (schema != NULL && strncmp(schema, "ern/", 4) == 0)
		v = schema + 4;
	if (v == NULL)
		return 0;
	if (strcmp(v, "38") == 0 || strcmp(v, "381") == 0 || strcmp(v, "382") == 0 ||
	    strcmp(v, "383") == 0)
		return 38;
	if (strcmp(v, "41") == 0 || strcmp(v, "411") == 0 || strcmp(v, "42") == 0 ||
	    strcmp(v, "43") == 0 || strcmp(v, "431") == 0)
		return 4;
	return 0;
}

/* The name of a party of the PartyList (ERN 4), by reference. */
static const char *
party_name(struct node *root, const char *ref)
{
	struct node *list = child(root, "PartyList");

	for (struct node *p = list ? list->child : NULL; p != NULL; p = p->next)
		if (strcmp(p->name, "Party") == 0 &&
		    strcmp(text(child(p, "PartyReference")), ref) == 0)
			return text(find(child(p, "PartyName"), "FullName"));
	return "";
}

/* The name a party element gives itself, or the party it refers to. */
static const char *
name_of(struct node *root, struct node *n, const char *refname)
{
	const char *s;

	if (n == NULL)
		return "";
	if (*(s = text(find(find(n, "PartyName"), "FullName"))))
		return s;
	return party_name(root, text(find(n, refname)));
}

static const char *
title_of(struct node *n)
{
	const char *s;

	if (*(s = text(child(n, "DisplayTitleText"))))
		return s;
	if (*(s = text(child(child(n, "DisplayTitle"), "TitleText"))))
		return s;
	if (*(s = text(child(child(n, "ReferenceTitle"), "TitleText"))))
		return s;
	return text(find(find(n, "Title"), "TitleText"));
}

static int
has_ref(struct node *n, const char *name, const char *ref)
{
	for (struct node *c = n->child; c != NULL; c = c->next) {
		if (strcmp(c->name, name) == 0 && strcmp(text(c), ref) == 0)
			return 1;
		if (has_ref(c, name, ref))
			return 1;
	}
	return 0;
}

static int
is_release(const struct node *n)
{
	return strcmp(n->name, "Release") == 0 || strcmp(n->name, "TrackRelease") == 0;
}

/* The release that carries the recording: the first one with an ICPN, else the first. */
static struct node *
release_of(struct node *root, const char *ref)
{
	struct node *list = child(root, "ReleaseList"), *first = NULL;

	for (struct node *r = list ? list->child : NULL; r != NULL; r = r->next) {
		if (!is_release(r) || !has_ref(r, "ReleaseResourceReference", ref))
			continue;
		if (*text(find(child(r, "ReleaseId"), "ICPN")))
			return r;
		if (first == NULL)
			first = r;
	}
	return first;
}

/* A set of territory codes, as a sorted space-separated list. */
struct terr {
	int worldwide;
	char codes[sizeof iso3166];
};

static void
terr_add(struct terr *t, const char *code)
{
	char c[3];

	if (strlen(code) != 2)
		return;
	c[0] = (char)toupper((unsigned char)code[0]);
	c[1] = (char)toupper((unsigned char)code[1]);
	c[2] = '\0';
	const char *at = strstr(iso3166, c);
	if (at == NULL || (at - iso3166) % 3 != 0)
		return;
	t->codes[at - iso3166] = c[0];
	t->codes[at - iso3166 + 1] = c[1];
}

static char *
terr_string(const struct terr *t)
{
	char *s, *p;

	if (t->worldwide)
		return err_strdup("Worldwide");
	s = p = err_malloc(sizeof iso3166);
	for (size_t i = 0; i + 1 < sizeof iso3166; i += 3) {
		if (t->codes[i] == '\0')
			continue;
		if (p != s)
			*p++ = ' ';
		*p++ = t->codes[i];
		*p++ = t->codes[i + 1];
	}
	*p = '\0';
	return s;
}

static int
excluded(struct node *terms, const char *code)
{
	for (struct node *c = terms->child; c != NULL; c = c->next)
		if (strcmp(c->name, "ExcludedTerritoryCode") == 0 &&
		    strcasecmp(text(c), code) == 0)
			return 1;
	return 0;
}

/* Add a deal's territories: its codes minus its exclusions. */
static void
terr_deal(struct terr *t, struct node *terms)
{
	for (struct node *c = terms->child; c != NULL; c = c->next) {
		const char *code = text(c);

		if (strcmp(c->name, "TerritoryCode") != 0)
			continue;
		if (strcasecmp(code, "Worldwide") == 0) {
			if (child(terms, "ExcludedTerritoryCode") == NULL) {
				t->worldwide = 1;
				continue;
			}
			for (size_t i = 0; i + 1 < sizeof iso3166; i += 3) {
				char cc[3] = { iso3166[i], iso3166[i + 1], '\0' };

				if (!excluded(terms, cc))
					terr_add(t, cc);
			}
		} else if (!excluded(terms, code))
			terr_add(t, code);
	}
}

static void
warn(struct ddex_message *m, long line, const char *what)
{
	m->warnings = err_realloc(m->warnings, (m->nwarnings + 1) * sizeof *m->warnings);
	m->warnings[m->nwarnings++] = (struct ddex_warning){ line, err_strdup(what) };
}

/* Whether deal terms name any use: a use type, a usage or a commercial model. */
static int
names_use(struct node *terms)
{
	return child(terms, "CommercialModelType") || child(terms, "UseType") ||
	    child(terms, "Usage");
}

/* Streaming or subscription use: what the cooperative pays for. */
static int
streaming(struct node *terms)
{
	for (struct node *c = terms->child; c != NULL; c = c->next) {
		if (strcmp(c->name, "CommercialModelType") == 0 &&
		    strcmp(text(c), "SubscriptionModel") == 0)
			return 1;
		if ((strcmp(c->name, "Usage") == 0 || strcmp(c->name, "UseType") == 0) &&
		    (strstr(text(c), "Stream") != NULL ||
		    (child(c, "UseType") && streaming(c))))
			return 1;
	}
	return 0;
}

static const char *
date_of(struct node *n, const char *name, const char *alt)
{
	const char *s = text(child(n, name));

	if (*s == '\0')
		s = text(child(n, alt));
	return s;
}

/* Apply the deals of the releases carrying the recording (ref) to t. */
static void
apply_deals(struct ddex_message *m, struct node *root, const char *ref, struct ddex_title *t)
{
	const char *created = m->created ? m->created : "";
	struct node *deals = child(root, "DealList"), *releases = child(root, "ReleaseList");
	struct terr terr;
	char from[11] = "", until[11] = "";
	int active = 0, takedown = 0, open_end = 0, live = 0;

	memset(&terr, 0, sizeof terr);
	for (struct node *rd = deals ? deals->child : NULL; rd != NULL; rd = rd->next) {
		int applies = 0;

		if (strcmp(rd->name, "ReleaseDeal") != 0)
			continue;
		for (struct node *c = rd->child; c != NULL && !applies; c = c->next) {
			if (strcmp(c->name, "DealReleaseReference") != 0)
				continue;
			for (struct node *r = releases ? releases->child : NULL; r; r = r->next)
				if (is_release(r) &&
				    strcmp(text(child(r, "ReleaseReference")), text(c)) == 0 &&
				    has_ref(r, "ReleaseResourceReference", ref))
					applies = 1;
		}
		for (struct node *d = applies ? rd->child : NULL; d != NULL; d = d->next) {
			struct node *terms = child(d, "DealTerms");
			struct node *vp;
			const char *start, *end;

			if (strcmp(d->name, "Deal") != 0 || terms == NULL)
				continue;
			if (strcmp(text(child(terms, "TakeDown")), "true") == 0) {
				takedown = 1;
				continue;
			}
			/*
			 * Terms that name no use at all are read as their
			 * territory and period say, rather than losing the
			 * release: said once per deal.
			 */
			if (!names_use(terms)) {
				if (!d->warned)
					warn(m, d->line, "Deal: no UseType or CommercialModelType: "
					    "read as its territory and period say");
				d->warned = 1;
			} else if (!streaming(terms)) {
				continue;
			}
			active++;
			terr_deal(&terr, terms);
			vp = child(terms, "ValidityPeriod");
			start = date_of(vp, "StartDate", "StartDateTime");
			end = date_of(vp, "EndDate", "EndDateTime");
			if (*start && (from[0] == '\0' || strncmp(start, from, 10) < 0))
				snprintf(from, sizeof from, "%.10s", start);
			if (*end == '\0')
				open_end = 1;
			else if (strncmp(end, until, 10) > 0)
				snprintf(until, sizeof until, "%.10s", end);
			if (*end == '\0' || strncmp(end, created, 10) >= 0)
				live = 1;
		}
	}
	if (!active && !takedown) {
		t->reject = err_strdup("release has no streaming deal");
		return;
	}
	t->takedown = takedown || !live;
	t->territories = active ? terr_string(&terr) : NULL;
	t->available_from = dup_or_null(from);
	t->available_until = open_end ? NULL : dup_or_null(until);
}

static void
add_title(struct ddex_message *m, struct ddex_title *t)
{
	m->titles = err_realloc(m->titles, (m->ntitles + 1) * sizeof *m->titles);
	m->titles[m->ntitles++] = *t;
}

/* One sound recording or video of a NewReleaseMessage. */
static void
map_resource(struct ddex_message *m, struct node *root, struct node *res, const char *media)
{
	struct ddex_title t;
	const char *ref = text(child(res, "ResourceReference"));
	struct node *rel = release_of(root, ref);
	struct node *file = find(res, "File"), *hs;
	const char *s;
	int bad_duration;

	memset(&t, 0, sizeof t);
	t.line = res->line;
	t.media = err_strdup(media);
	t.isrc = dup_or_null(text(find(res, "ISRC")));
	t.title = dup_or_null(title_of(res));
	if (!*(s = text(find(res, "DisplayArtistName"))))
		s = name_of(root, find(res, "DisplayArtist"), "ArtistPartyReference");
	t.artists = dup_or_null(s);
	s = text(child(res, "Duration"));
	t.duration_ms = *s ? ddex_duration_ms(s) : -1;
	/* A duration that is not one, or beyond int64, is refused, never clamped or dropped. */
	bad_duration = *s && t.duration_ms < 0;
	if (!*(s = text(find(res, "GenreText"))))
		s = text(find(rel, "GenreText"));
	t.genre = dup_or_null(s);
	if (!*(s = text(find(res, "LabelName"))) && !*(s = text(find(rel, "LabelName"))))
		s = party_name(root, text(find(rel, "ReleaseLabelReference")));
	t.label = dup_or_null(s);
	if (!*(s = name_of(root, find(res, "ResourceRightsController"),
	    "RightsControllerPartyReference")))
		s = name_of(root, find(res, "RightsController"), "RightsControllerPartyReference");
	if (!*s)
		s = t.label ? t.label : m->sender ? m->sender : "";
	t.holder = dup_or_null(s);
	if (rel != NULL) {
		t.release_title = dup_or_null(title_of(rel));
		t.upc = dup_or_null(text(find(child(rel, "ReleaseId"), "ICPN")));
		if (!*(s = text(find(rel, "OriginalReleaseDate"))) &&
		    !*(s = text(find(rel, "GlobalOriginalReleaseDate"))) &&
		    !*(s = text(find(rel, "ReleaseDate"))))
			s = text(find(rel, "GlobalReleaseDate"));
		if (*s)
			t.release_date = dupn(s, strlen(s) < 10 ? strlen(s) : 10);
	}
	if (file != NULL) {
		if (!*(s = text(child(file, "FileName")))) {
			s = text(child(file, "URI"));
			if (strrchr(s, '/'))
				s = strrchr(s, '/') + 1;
		}
		t.file = dup_or_null(s);
		if ((hs = child(file, "HashSum")) != NULL) {
			if (!*(s = text(child(hs, "HashSumValue"))))
				s = text(child(hs, "HashSum"));
			t.hash = dup_or_null(s);
			if (!*(s = text(child(hs, "Algorithm"))))
				s = text(child(hs, "HashSumAlgorithmType"));
			t.hash_algo = dup_or_null(s);
		}
	}
	if (t.isrc == NULL)
		t.reject = err_strdup("missing ISRC");
	else if (bad_duration)
		t.reject = err_strdup("Duration: not an ISO 8601 duration of at most 2^63-1 ms");
	else if (rel == NULL)
		t.reject = err_strdup("recording is in no release");
	else
		apply_deals(m, root, ref, &t);
	add_title(m, &t);
}

static void
map_purge(struct ddex_message *m, struct node *root)
{
	for (struct node *p = root->child; p != NULL; p = p->next) {
		struct node *id = child(p, "ReleaseId");
		const char *s;

		if (strcmp(p->name, "PurgedRelease") != 0)
			continue;
		if (*(s = text(find(id, "ISRC")))) {
			struct ddex_title t;

			memset(&t, 0, sizeof t);
			t.line = p->line;
			t.isrc = err_strdup(s);
			t.takedown = 1;
			t.duration_ms = -1;
			add_title(m, &t);
		}
		if (*(s = text(find(id, "ICPN")))) {
			m->purged_upc = err_realloc(m->purged_upc,
			    (m->npurged_upc + 1) * sizeof *m->purged_upc);
			m->purged_upc[m->npurged_upc++] = err_strdup(s);
		}
	}
}

int
ddex_parse(const void *buf, size_t len, int max_depth, struct ddex_message *m,
    long *line, char *errbuf, size_t errlen)
{
	struct parse ps;
	struct node *root, *hdr, *list;
	int rc = -1;

	memset(m, 0, sizeof *m);
	memset(&ps, 0, sizeof ps);
	*line = 0;
	ps.max_depth = max_depth;
	ps.p = XML_ParserCreateNS(NULL, NS_SEP);
	if (ps.p == NULL)
		err_nomem();
	XML_SetUserData(ps.p, &ps);
	XML_SetElementHandler(ps.p, on_start, on_end);
	XML_SetCharacterDataHandler(ps.p, on_text);
	XML_SetStartDoctypeDeclHandler(ps.p, on_doctype);
	XML_SetEntityDeclHandler(ps.p, on_entity);
	XML_SetParamEntityParsing(ps.p, XML_PARAM_ENTITY_PARSING_NEVER);
	if (XML_Parse(ps.p, buf, (int)len, XML_TRUE) != XML_STATUS_OK || ps.why != NULL) {
		*line = (long)XML_GetCurrentLineNumber(ps.p);
		snprintf(errbuf, errlen, "%s", ps.why ? ps.why :
		    XML_ErrorString(XML_GetErrorCode(ps.p)));
		goto done;
	}
	root = ps.root;
	*line = 1;
	if (strcmp(root->name, "NewReleaseMessage") != 0 &&
	    strcmp(root->name, "PurgeReleaseMessage") != 0) {
		snprintf(errbuf, errlen, "not an ERN message: %s", root->name);
		goto done;
	}
	*line = root->line;
	if ((m->version = version_of(ps.ns, ps.schema)) == 0) {
		snprintf(errbuf, errlen, "unknown ERN version: %s",
		    ps.ns ? ps.ns : ps.schema ? ps.schema : "no namespace");
		goto done;
	}
	hdr = child(root, "MessageHeader");
	m->id = dup_or_null(text(child(hdr, "MessageId")));
	m->created = dup_or_null(text(child(hdr, "MessageCreatedDateTime")));
	m->sender = dup_or_null(text(find(find(child(hdr, "MessageSender"), "PartyName"),
	    "FullName")));
	/* The date decides which delivery wins: without it nothing can be resolved. */
	if (m->created == NULL) {
		*line = hdr ? hdr->line : root->line;
		snprintf(errbuf, errlen, "MessageHeader without MessageCreatedDateTime");
		goto done;
	}
	if (m->id == NULL)
		warn(m, hdr ? hdr->line : root->line,
		    "MessageHeader: no MessageId: the file name is the source");
	if (strcmp(root->name, "PurgeReleaseMessage") == 0) {
		m->purge = 1;
		map_purge(m, root);
	} else if ((list = child(root, "ResourceList")) != NULL) {
		for (struct node *r = list->child; r != NULL; r = r->next)
			if (strcmp(r->name, "SoundRecording") == 0)
				map_resource(m, root, r, "audio");
			else if (strcmp(r->name, "Video") == 0)
				map_resource(m, root, r, "video");
	}
	rc = 0;
done:
	node_free(ps.root);
	free(ps.ns);
	free(ps.schema);
	XML_ParserFree(ps.p);
	if (rc != 0)
		ddex_message_free(m);
	return rc;
}

void
ddex_message_free(struct ddex_message *m)
{
	for (size_t i = 0; i < m->ntitles; i++) {
		struct ddex_title *t = &m->titles[i];

		free(t->isrc), free(t->title), free(t->artists), free(t->release_title);
		free(t->upc), free(t->label), free(t->holder), free(t->release_date);
		free(t->genre), free(t->territories), free(t->available_from);
		free(t->available_until), free(t->media), free(t->file);
		free(t->hash_algo), free(t->hash), free(t->reject);
	}
	for (size_t i = 0; i < m->npurged_upc; i++)
		free(m->purged_upc[i]);
	free(m->purged_upc);
	for (size_t i = 0; i < m->nwarnings; i++)
		free(m->warnings[i].what);
	free(m->warnings);
	free(m->titles);
	free(m->id), free(m->created), free(m->sender);
	memset(m, 0, sizeof *m);
}
