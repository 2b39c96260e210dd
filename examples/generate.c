/*
 * generate - a realistic month of a fair-streaming cooperative, at the
 * scale 1D touch reported for 2015, as 1d-month-end(1) expects it.
 *
 *	generate [-s SEED] [-m MONTH] [-H HOLDERS] DIR
 *	generate [-s SEED] [-m MONTH] -L ROWS
 *
 * Writes under DIR (made if missing) the month-end config, the month's
 * drops (Believe: a zip of ERN 4.3 messages; IDOL: a tar.gz of ERN 3.8
 * messages with purges; CD1D: a CSV sheet and its column map), the raw
 * listen logs (gzip), the ledger, the policy, the holders, the capsules
 * and the previous month's published balances.  Not the signing key:
 * make it with `1d-report keygen -o DIR/keys/coop`.
 *
 * Deterministic: its own PRNG (splitmix64) seeded by -s, no clock, no
 * rand(), no locale; archives and gzip streams carry fixed times.  Same
 * seed and month, same bytes.  Needs libc and zlib only:
 *
 *	cc -O2 -o generate examples/generate.c -lz
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

/* Sizes: the low end of what the brief asks, so a month end runs in seconds. */
#define NTITLES		30000
#define NHOLDERS	2000	/* default of -H */
#define NSTRUCTS	700
#define NUSERS		28000
#define NLISTENS	34000	/* clean listens, defects come on top */
#define NCAPSULES	36
#define NLOGS		4

/* ---------------------------------------------------------------- utils */

static const char *prog = "generate";

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *
xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p == NULL)
		die("out of memory");
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die("out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static char *
fmt(const char *f, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, f);
	vsnprintf(buf, sizeof buf, f, ap);
	va_end(ap);
	return xstrdup(buf);
}

/* A growing byte buffer. */
struct buf {
	char *p;
	size_t n, cap;
};

static void
bput(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
bprintf(struct buf *b, const char *f, ...)
{
	va_list ap;
	char tmp[4096];
	int n;

	va_start(ap, f);
	n = vsnprintf(tmp, sizeof tmp, f, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp)
		die("line too long");
	bput(b, tmp, (size_t)n);
}

/* XML text with & < > " escaped. */
static void
bxml(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': bput(b, "&amp;", 5); break;
		case '<': bput(b, "&lt;", 4); break;
		case '>': bput(b, "&gt;", 4); break;
		case '"': bput(b, "&quot;", 6); break;
		default: bput(b, s, 1);
		}
	}
}

/* A CSV field, quoted only when needed. */
static void
bcsv(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		bput(b, s, strlen(s));
		return;
	}
	bput(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			bput(b, "\"", 1);
		bput(b, s, 1);
	}
	bput(b, "\"", 1);
}

static char root[4096];

static char *
path(const char *f, ...)
{
	va_list ap;
	char rel[1024];

	va_start(ap, f);
	vsnprintf(rel, sizeof rel, f, ap);
	va_end(ap);
	return fmt("%s/%s", root, rel);
}

static void
mkdirs(const char *p)
{
	char tmp[4096];

	snprintf(tmp, sizeof tmp, "%s", p);
	for (char *s = tmp + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
				die("%s: %s", tmp, strerror(errno));
			*s = '/';
		}
	}
	if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
		die("%s: %s", tmp, strerror(errno));
}

static void
write_file(const char *p, const void *data, size_t n)
{
	FILE *f = fopen(p, "wb");

	if (f == NULL)
		die("%s: %s", p, strerror(errno));
	if ((n && fwrite(data, 1, n, f) != n) || fclose(f) != 0)
		die("%s: write error", p);
}

/* ----------------------------------------------------------------- PRNG */

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), without modulo bias worth speaking of (n small). */
static uint32_t
below(uint32_t n)
{
	return (uint32_t)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

static int
between(int lo, int hi)
{
	return lo + (int)below((uint32_t)(hi - lo + 1));
}

/* Uniform in [0, 1), 53 bits. */
static double
unif(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static int
chance(double p)
{
	return unif() < p;
}

#define PICK(a) (a[below(sizeof(a) / sizeof(a[0]))])
#define NELEM(a) (sizeof(a) / sizeof(a[0]))

/* x^-s without libm: exp(-s ln x) by a series good enough for weights. */
static double
ln(double x)
{
	/* ln x = 2 atanh((x-1)/(x+1)), after scaling x into [0.5, 1]. */
	int k = 0;
	double y, y2, s = 0, t;

	while (x > 1.0) {
		x /= 2.0;
		k++;
	}
	y = (x - 1) / (x + 1);
	y2 = y * y;
	t = y;
	for (int i = 1; i < 60; i += 2) {
		s += t / i;
		t *= y2;
	}
	return 2 * s + k * 0.69314718055994530942;
}

static double
ex(double x)
{
	/* exp by halving and a Taylor series. */
	int k = 0;
	double s = 1, t = 1;

	while (x > 0.5 || x < -0.5) {
		x /= 2;
		k++;
	}
	for (int i = 1; i < 20; i++) {
		t *= x / i;
		s += t;
	}
	while (k-- > 0)
		s *= s;
	return s;
}

static double
powneg(double x, double s)
{
	return ex(-s * ln(x));
}

/* Sampling from weights by binary search on the cumulative sums. */
struct dist {
	double *cum;
	size_t n;
};

static void
dist_init(struct dist *d, const double *w, size_t n)
{
	double s = 0;

	d->cum = xmalloc(n * sizeof *d->cum);
	d->n = n;
	for (size_t i = 0; i < n; i++)
		d->cum[i] = (s += w[i]);
}

static size_t
dist_pick(const struct dist *d)
{
	double x = unif() * d->cum[d->n - 1];
	size_t lo = 0, hi = d->n - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (d->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* A set of strings, to keep generated names unique. */
struct set {
	char **slot;
	size_t cap, n;
};

static uint64_t
strhash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Add s; 0 if it was there already. */
static int
set_add(struct set *st, const char *s)
{
	size_t i;

	if (st->n * 2 >= st->cap) {
		struct set bigger = { xmalloc((st->cap ? st->cap * 2 : 1024) * sizeof(char *)),
			st->cap ? st->cap * 2 : 1024, 0 };

		for (i = 0; i < st->cap; i++)
			if (st->slot[i])
				set_add(&bigger, st->slot[i]);
		free(st->slot);
		*st = bigger;
	}
	for (i = strhash(s) & (st->cap - 1); st->slot[i]; i = (i + 1) & (st->cap - 1))
		if (strcmp(st->slot[i], s) == 0)
			return 0;
	st->slot[i] = xstrdup(s);
	st->n++;
	return 1;
}

/* ---------------------------------------------------------------- dates */

static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : n[m - 1];
}

static char *
dstr(long day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	return fmt("%04d-%02d-%02d", y, m, d);
}

static int Y, M, ND;		/* the month, its number of days */
static long D0, D1;		/* its first and last day */
static char MONTH[32], PREV[32], NEXT[32];

/* ----------------------------------------------------------- word lists */

static const char *firsts[] = {
	"Mila", "Lucas", "Inès", "Hugo", "Léa", "Nathan", "Chloé", "Louis", "Camille",
	"Jules", "Manon", "Gabriel", "Zoé", "Arthur", "Jade", "Raphaël", "Louise",
	"Adam", "Alice", "Paul", "Lina", "Sacha", "Nina", "Tom", "Rose", "Malik",
	"Anaïs", "Yanis", "Clara", "Théo", "Sarah", "Noé", "Amina", "Victor", "Elsa",
	"Karim", "Juliette", "Bastien", "Mathilde", "Rémi", "Fatou", "Antoine",
	"Salomé", "Pierre", "Maëlle", "Youssef", "Héloïse", "Simon", "Aïcha", "Colin",
	"Margaux", "Éloi", "Agathe", "Idriss", "Capucine", "Gaspard", "Leïla", "Basile",
	"Suzanne", "Marius",
};
static const char *lasts[] = {
	"Koné", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
	"Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia",
	"David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André",
	"Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
	"Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel",
	"Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
	"Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Diallo",
	"Traoré", "Nguyen", "Benali", "Ferreira", "Rivière", "Carpentier", "Brun",
	"Barbier", "Arnaud", "Giraud", "Meunier", "Caron", "Renaud", "Picard",
	"Aubert", "Lemoine", "Roy", "Collin", "Vidal", "Marchand", "Duval", "Leclerc",
	"Gilles", "Chauvin", "Besson", "Lacroix", "Ollivier",
};
static const char *nouns[] = {
	"Loups", "Quais", "Collines", "Rivières", "Fanfares", "Oiseaux", "Forges",
	"Lanternes", "Ombres", "Marées", "Comètes", "Vagues", "Sirènes", "Renards",
	"Tambours", "Cerfs", "Brumes", "Étoiles", "Vents", "Hiboux", "Géants",
	"Lucioles", "Chouettes", "Pavés", "Saisons", "Orages", "Phares", "Ponts",
	"Mineurs", "Canuts",
};
static const char *places[] = {
	"Furan", "Gier", "Pilat", "Forez", "Rhône", "Vercors", "Jura", "Morvan",
	"Velay", "Lignon", "Beaujolais", "Dombes", "Croix-Rousse", "Guillotière",
	"Vivarais", "Bugey", "Chartreuse", "Livradois", "Mézenc", "Tarentaize",
};
static const char *words[] = {
	"Ardente", "Bruit Blanc", "Fourvière", "Manufacture", "Sillon", "Cordée",
	"Basalte", "Granit", "Silex", "Écume", "Lisière", "Clairière", "Volute",
	"Mistral", "Tramontane", "Bourrasque", "Canopée", "Ressac", "Aurore",
	"Crépuscule", "Charbon", "Soie", "Velours", "Ferraille", "Marelle",
	"Boussole", "Carrousel", "Galure", "Pichet", "Mâchon", "Traboule", "Bouchon",
	"Gone", "Vogue", "Chaudron", "Pylône", "Ruban", "Tilleul", "Platane",
	"Sapin", "Mélèze", "Genêt", "Bruyère", "Lavande", "Ortie", "Mousse",
	"Fougère", "Lichen", "Ardoise", "Tuile", "Brique", "Pierre Sèche", "Meule",
	"Écluse", "Péniche", "Remous", "Cascade", "Torrent", "Gué", "Rocaille",
};
static const char *label_forms[] = {
	"%s Records", "Disques %s", "Éditions %s", "Label %s", "%s Musique",
	"Les Disques de la %s", "%s Productions", "Studio %s", "%s & Fils",
	"Collectif %s", "%s Sound System", "Maison %s",
};
static const char *title_a[] = {
	"Les Quais", "Novembre", "Premier jour", "Rue Bergson", "Métropole", "Pentes",
	"La nuit", "Le fleuve", "Dernier métro", "Sous la pluie", "Les lumières",
	"Marche lente", "Petit matin", "Au bord", "La fabrique", "L'hiver",
	"Les ponts", "Midi", "Minuit", "La côte", "Le col", "Les toits", "La gare",
	"Le marché", "Les forges", "La mine", "La place", "Le canal", "Les pentes",
	"Le belvédère", "La vogue", "Le jardin", "L'usine", "La traboule",
	"Les saisons", "Le quartier", "La plaine", "Le plateau", "Les vignes",
	"Le brouillard", "Le silence", "La fête", "Le bal", "La colline",
};
static const char *title_b[] = {
	"", "", "", " rouge", " blanche", " d'été", " d'automne", " de janvier",
	" sans fin", " (live)", " (version longue)", " à deux", " pour Lucie",
	" encore", ", enfin", ", peut-être", " & retour", " du dimanche",
	" en mineur", " la nuit", " (remix)", " (acoustique)", " n°2", " n°3",
};
static const char *genres[] = {
	"Chanson", "Rock", "Pop", "Electronic", "Jazz", "Classique", "Hip-Hop",
	"Folk", "Musiques du monde", "Reggae", "Metal", "Blues", "Jeune public",
	"Chanson", "Pop", "Rock",
};

struct town {
	const char *name, *slug;
	double lat, lon;
};
static const struct town towns[] = {
	{ "Saint-Étienne", "st-etienne", 45.4397, 4.3872 },
	{ "Lyon", "lyon", 45.7640, 4.8357 },
	{ "Villeurbanne", "villeurbanne", 45.7719, 4.8902 },
	{ "Vénissieux", "venissieux", 45.6975, 4.8867 },
	{ "Grenoble", "grenoble", 45.1885, 5.7245 },
	{ "Roanne", "roanne", 46.0365, 4.0683 },
	{ "Montbrison", "montbrison", 45.6075, 4.0653 },
	{ "Firminy", "firminy", 45.3886, 4.2878 },
	{ "Rive-de-Gier", "rive-de-gier", 45.5286, 4.6178 },
	{ "Vienne", "vienne", 45.5256, 4.8744 },
	{ "Valence", "valence", 44.9334, 4.8924 },
	{ "Annecy", "annecy", 45.8992, 6.1294 },
	{ "Chambéry", "chambery", 45.5646, 5.9178 },
	{ "Clermont-Ferrand", "clermont", 45.7772, 3.0870 },
	{ "Le Puy-en-Velay", "le-puy", 45.0434, 3.8850 },
	{ "Bourg-en-Bresse", "bourg", 46.2052, 5.2255 },
	{ "Mâcon", "macon", 46.3069, 4.8287 },
	{ "Dijon", "dijon", 47.3220, 5.0415 },
	{ "Besançon", "besancon", 47.2378, 6.0241 },
	{ "Paris", "paris", 48.8566, 2.3522 },
	{ "Montreuil", "montreuil", 48.8638, 2.4485 },
	{ "Saint-Denis", "st-denis", 48.9362, 2.3574 },
	{ "Lille", "lille", 50.6292, 3.0573 },
	{ "Roubaix", "roubaix", 50.6942, 3.1746 },
	{ "Nantes", "nantes", 47.2184, -1.5536 },
	{ "Rennes", "rennes", 48.1173, -1.6778 },
	{ "Brest", "brest", 48.3904, -4.4861 },
	{ "Bordeaux", "bordeaux", 44.8378, -0.5792 },
	{ "Toulouse", "toulouse", 43.6047, 1.4442 },
	{ "Montpellier", "montpellier", 43.6108, 3.8767 },
	{ "Marseille", "marseille", 43.2965, 5.3698 },
	{ "Nice", "nice", 43.7102, 7.2620 },
	{ "Strasbourg", "strasbourg", 48.5734, 7.7521 },
	{ "Metz", "metz", 49.1193, 6.1757 },
	{ "Nancy", "nancy", 48.6921, 6.1844 },
	{ "Reims", "reims", 49.2583, 4.0317 },
	{ "Rouen", "rouen", 49.4432, 1.0999 },
	{ "Le Havre", "le-havre", 49.4944, 0.1079 },
	{ "Caen", "caen", 49.1829, -0.3707 },
	{ "Tours", "tours", 47.3941, 0.6848 },
	{ "Orléans", "orleans", 47.9030, 1.9093 },
	{ "Limoges", "limoges", 45.8336, 1.2611 },
	{ "Poitiers", "poitiers", 46.5802, 0.3404 },
	{ "Angers", "angers", 47.4784, -0.5632 },
	{ "Le Mans", "le-mans", 48.0061, 0.1996 },
	{ "Perpignan", "perpignan", 42.6887, 2.8948 },
	{ "Nîmes", "nimes", 43.8367, 4.3601 },
	{ "Avignon", "avignon", 43.9493, 4.8055 },
	{ "Pau", "pau", 43.2951, -0.3708 },
	{ "Bayonne", "bayonne", 43.4929, -1.4748 },
};

struct stype {
	const char *slug, *name;
	int vat55;	/* percent of them at 5.5 % VAT */
	int plan[3];	/* percent annual, quarterly, monthly */
};
static const struct stype stypes[] = {
	{ "bib", "Médiathèque", 0, { 80, 15, 5 } },
	{ "mjc", "MJC", 0, { 20, 30, 50 } },
	{ "cse", "CSE", 40, { 30, 50, 20 } },
	{ "cs", "Centre social", 0, { 30, 40, 30 } },
	{ "pij", "Point information jeunesse", 0, { 40, 30, 30 } },
	{ "emi", "École de musique", 0, { 60, 30, 10 } },
};
static const char *companies[] = {
	"manufacture", "casino", "sncf-technicentre", "hopital", "metropole",
	"chu", "arsenal", "verrerie", "textile", "papeterie", "ville", "tcl", "stas",
	"poste", "mutuelle", "cheminots", "aciéries", "usine",
};

/* ------------------------------------------------------------ the world */

enum { BELIEVE, IDOL, CD1D, NDIST };

struct holder {
	char *name, *full, *country, *iban;
	const char *tier;
	int label;		/* a label, else a self-released artist */
	int dist;
	int ntitles, serial;
	char reg[4];		/* ISRC registrant code */
	char **artists;
	int nartists;
};

enum rstatus {
	R_ACTIVE, R_TAKEDOWN, R_EXPIRED, R_ENDING, R_FUTURE, R_NOT_FR, R_PURGED
};

struct release {
	int holder, dist;
	char *title, *artist, *upc, *genre;
	long date, from, until;	/* until 0: open */
	enum rstatus status;
	const char *terr;
	int first, n;		/* its titles */
	int video;
};

struct title {
	int release;
	char *track, *isrc, *name;
	int ms;
	int active;
};

struct structure {
	char *id, *name, *ref;
	int town, type, plan;	/* plan: 0 annual, 1 quarterly, 2 monthly */
	const char *vat;
	int nusers, first_user;
};

static struct holder *H;
static int nholders = NHOLDERS;
static struct release *R;
static int nreleases, creleases;
static struct title *T;
static int ntitles;
static struct structure *S;
static int nstructs;

static char *
label_name(void)
{
	const char *w = PICK(words);
	const char *f = PICK(label_forms);

	if (strstr(f, "de la") && strchr(w, ' '))
		f = "%s Records";
	return fmt(f, w);
}

static char *
person_name(void)
{
	return fmt("%s %s", PICK(firsts), PICK(lasts));
}

static char *
band_name(void)
{
	switch (below(3)) {
	case 0: return fmt("Les %s du %s", PICK(nouns), PICK(places));
	case 1: return fmt("%s %s", PICK(words), PICK(nouns));
	default: return fmt("%s Trio", PICK(lasts));
	}
}

static void
base36(int v, char out[4])
{
	static const char d[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	out[2] = d[v % 36];
	out[1] = d[(v / 36) % 36];
	out[0] = d[(v / 1296) % 36];
	out[3] = '\0';
}

static void
make_holders(void)
{
	struct set names = { 0 };
	double *w = xmalloc(nholders * sizeof *w), sum = 0;
	int given = 0;

	H = xmalloc(nholders * sizeof *H);
	/* Zipf-like number of titles by rank: s = 0.85, at least one. */
	for (int i = 0; i < nholders; i++)
		sum += (w[i] = powneg(i + 1, 0.85));
	for (int i = 0; i < nholders; i++) {
		H[i].ntitles = (int)(NTITLES * w[i] / sum);
		if (H[i].ntitles < 1)
			H[i].ntitles = 1;
		given += H[i].ntitles;
	}
	for (int i = 0; given != NTITLES; i = (i + 1) % 50) {
		int d = given < NTITLES ? 1 : -1;

		if (H[i].ntitles + d >= 1) {
			H[i].ntitles += d;
			given += d;
		}
	}
	free(w);
	for (int i = 0; i < nholders; i++) {
		struct holder *h = &H[i];
		double u = unif();

		h->label = chance(i < 100 ? 0.9 : 0.35);
		for (int tries = 0;; tries++) {
			h->name = h->label ? label_name() : chance(0.6) ? person_name() : band_name();
			if (tries > 20) {	/* the word lists run short: a town tells them apart */
				char *n = fmt("%s %s", h->name, PICK(towns).name);

				free(h->name);
				h->name = n;
			}
			if (set_add(&names, h->name))
				break;
			free(h->name);
		}
		if (i < 40)
			h->tier = chance(0.6) ? "known" : "independent";
		else if (h->label)
			h->tier = chance(0.75) ? "independent" : "emerging";
		else
			h->tier = chance(0.7) ? "emerging" : "independent";
		h->country = u < 0.86 ? "FR" : u < 0.93 ? "BE" : u < 0.97 ? "CH" : "CA";
		h->full = h->label ? fmt("%s %s", h->name, PICK(((const char *[]){
			"SARL", "SAS", "(association)", "SCOP", "EURL" }))) : xstrdup(h->name);
		h->iban = fmt("%c%c%c-%04d", "ABCDEFGHJKLMNPRSTUVWXYZ"[below(23)],
		    "ABCDEFGHJKLMNPRSTUVWXYZ"[below(23)], "ABCDEFGHJKLMNPRSTUVWXYZ"[below(23)], i + 1);
		u = unif();
		h->dist = u < 0.45 ? BELIEVE : u < 0.80 ? IDOL : CD1D;
		base36(i + 1296, h->reg);
		if (h->label) {
			h->nartists = 1 + h->ntitles / between(8, 30);
			h->artists = xmalloc(h->nartists * sizeof *h->artists);
			for (int k = 0; k < h->nartists; k++)
				h->artists[k] = chance(0.5) ? person_name() : band_name();
		} else {
			h->nartists = 1;
			h->artists = xmalloc(sizeof *h->artists);
			h->artists[0] = xstrdup(h->name);
		}
	}
}

static char *
ean13(long n)
{
	char d[32];
	int s = 0;

	snprintf(d, sizeof d, "37%010ld", n % 10000000000L);
	for (int i = 0; i < 12; i++)
		s += (d[i] - '0') * (i % 2 ? 3 : 1);
	return fmt("%s%d", d, (10 - s % 10) % 10);
}

static char *
title_name(void)
{
	return fmt("%s%s", PICK(title_a), PICK(title_b));
}

/* A release date: new this month, recent (36 months), back catalogue. */
static long
release_day(enum rstatus *st)
{
	double u = unif();

	if (u < 0.012) {
		*st = R_FUTURE;
		return D1 + between(1, 45);
	}
	if (u < 0.045)
		return D0 + below(ND);
	if (u < 0.30)
		return D1 - between(1, 36 * 30 + 60);	/* straddles the novelty edge */
	{
		int y = Y - 3 - (int)(unif() * unif() * 35);

		return days_from_civil(y, between(1, 12), between(1, 28));
	}
}

static void
make_catalogue(void)
{
	long upc = 1000000 + below(1000000);
	int cd1d_serial = 10001;

	T = xmalloc(NTITLES * sizeof *T);
	for (int h = 0; h < nholders; h++) {
		struct holder *hd = &H[h];
		int left = hd->ntitles;

		while (left > 0) {
			struct release *r;
			int n;
			double u = unif();

			n = u < 0.40 ? 1 : u < 0.65 ? between(2, 5) : between(8, 14);
			if (n > left)
				n = left;
			if (nreleases == creleases) {
				creleases = creleases ? 2 * creleases : 4096;
				R = xrealloc(R, creleases * sizeof *R);
			}
			r = &R[nreleases];
			memset(r, 0, sizeof *r);
			r->holder = h;
			r->dist = hd->dist;
			r->artist = hd->artists[below(hd->nartists)];
			r->genre = (char *)PICK(genres);
			r->status = R_ACTIVE;
			r->date = release_day(&r->status);
			r->from = r->date < days_from_civil(2014, 6, 1) ? days_from_civil(2014, 6, 1) : r->date;
			if (r->status == R_FUTURE)
				r->from = days_from_civil(Y + (M == 12), M % 12 + 1, 1);
			r->upc = ean13(upc++);
			r->video = hd->dist == IDOL && n == 1 && chance(0.08);
			u = unif();
			r->terr = u < 0.45 ? "FR BE CH" : u < 0.70 ? "Worldwide" : u < 0.90 ? "FR" : "FR BE LU";
			if (r->status == R_ACTIVE) {
				u = unif();
				if (u < 0.030) {
					r->status = R_NOT_FR;
					r->terr = chance(0.5) ? "BE CH" : "CA";
				} else if (u < 0.045 && hd->dist != CD1D) {
					r->status = R_TAKEDOWN;
				} else if (u < 0.060) {
					r->status = R_EXPIRED;
					r->until = D0 - between(20, 400);
					if (r->until <= r->from)
						r->from = r->until - 30;
				} else if (u < 0.070) {
					r->status = R_ENDING;	/* ends within the month: still active */
					r->until = D0 + between(0, ND - 2);
					if (r->from > r->until)
						r->from = r->until;
				} else if (u < 0.085 && hd->dist == IDOL) {
					r->status = R_PURGED;
				}
			}
			r->title = n == 1 ? NULL : title_name();
			r->first = ntitles;
			r->n = n;
			for (int k = 0; k < n; k++) {
				struct title *t = &T[ntitles++];
				int yy;

				t->release = nreleases;
				t->name = title_name();
				t->ms = r->video ? between(180, 3600) * 1000 : between(95, 420) * 1000;
				civil_from_days(r->date, &yy, &(int){ 0 }, &(int){ 0 });
				if (hd->dist == CD1D) {
					t->isrc = xstrdup("");
					t->track = fmt("cd1d:CD1D-%d", cd1d_serial++);
				} else {
					t->isrc = fmt("%s%s%02d%05d", hd->country, hd->reg, yy % 100,
					    ++hd->serial);
					t->track = t->isrc;
				}
				t->active = r->status == R_ACTIVE || r->status == R_ENDING;
			}
			if (r->title == NULL)
				r->title = xstrdup(T[r->first].name);
			nreleases++;
			left -= n;
		}
	}
	if (ntitles != NTITLES)
		die("internal: %d titles", ntitles);
}

/* ------------------------------------------------------------- archives */

/* A zip of stored entries, deflated, with fixed times: enough for libarchive. */
struct zip {
	FILE *f;
	struct buf cd;
	uint32_t off;
	int n;
};

static void
le16(struct buf *b, unsigned v)
{
	char c[2] = { (char)(v & 0xff), (char)((v >> 8) & 0xff) };

	bput(b, c, 2);
}

static void
le32(struct buf *b, uint32_t v)
{
	le16(b, v & 0xffff);
	le16(b, v >> 16);
}

static void
zip_add(struct zip *z, const char *name, const struct buf *data, long day, int hh, int mi)
{
	z_stream s;
	struct buf h = { 0 };
	unsigned char *out;
	uLong bound;
	uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)data->p, (uInt)data->n);
	int y, m, d;
	unsigned dostime, dosdate;
	size_t nl = strlen(name);

	civil_from_days(day, &y, &m, &d);
	dostime = (unsigned)(hh << 11 | mi << 5);
	dosdate = (unsigned)((y - 1980) << 9 | m << 5 | d);
	memset(&s, 0, sizeof s);
	if (deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2 failed");
	bound = deflateBound(&s, data->n);
	out = xmalloc(bound);
	s.next_in = (Bytef *)data->p;
	s.avail_in = (uInt)data->n;
	s.next_out = out;
	s.avail_out = (uInt)bound;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END)
		die("deflate failed");
	le32(&h, 0x04034b50), le16(&h, 20), le16(&h, 0x0800), le16(&h, 8);
	le16(&h, dostime), le16(&h, dosdate), le32(&h, crc);
	le32(&h, (uint32_t)s.total_out), le32(&h, (uint32_t)data->n);
	le16(&h, (unsigned)nl), le16(&h, 0);
	bput(&h, name, nl);
	fwrite(h.p, 1, h.n, z->f);
	fwrite(out, 1, s.total_out, z->f);

	le32(&z->cd, 0x02014b50), le16(&z->cd, 0x031e), le16(&z->cd, 20);
	le16(&z->cd, 0x0800), le16(&z->cd, 8), le16(&z->cd, dostime), le16(&z->cd, dosdate);
	le32(&z->cd, crc), le32(&z->cd, (uint32_t)s.total_out), le32(&z->cd, (uint32_t)data->n);
	le16(&z->cd, (unsigned)nl), le16(&z->cd, 0), le16(&z->cd, 0), le16(&z->cd, 0);
	le16(&z->cd, 0), le32(&z->cd, 0100644u << 16), le32(&z->cd, z->off);
	bput(&z->cd, name, nl);
	z->off += (uint32_t)(h.n + s.total_out);
	z->n++;
	deflateEnd(&s);
	free(out);
	free(h.p);
}

static void
zip_close(struct zip *z)
{
	struct buf e = { 0 };

	fwrite(z->cd.p, 1, z->cd.n, z->f);
	le32(&e, 0x06054b50), le16(&e, 0), le16(&e, 0);
	le16(&e, (unsigned)z->n), le16(&e, (unsigned)z->n);
	le32(&e, (uint32_t)z->cd.n), le32(&e, z->off), le16(&e, 0);
	fwrite(e.p, 1, e.n, z->f);
	if (fclose(z->f) != 0)
		die("zip: write error");
	free(e.p);
	free(z->cd.p);
}

/* A ustar entry into a gzip stream. */
static void
tar_add(gzFile g, const char *name, const struct buf *data, long mtime, int dir)
{
	char h[512];
	unsigned sum = 0;
	size_t n = data ? data->n : 0;
	static const char zeros[512];

	memset(h, 0, sizeof h);
	snprintf(h, 100, "%s", name);
	snprintf(h + 100, 8, "%07o", dir ? 0755 : 0644);
	snprintf(h + 108, 8, "%07o", 0);
	snprintf(h + 116, 8, "%07o", 0);
	snprintf(h + 124, 12, "%011lo", (unsigned long)n);
	snprintf(h + 136, 12, "%011lo", (unsigned long)mtime);
	memset(h + 148, ' ', 8);
	h[156] = dir ? '5' : '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	snprintf(h + 265, 32, "idol");
	snprintf(h + 297, 32, "idol");
	for (int i = 0; i < 512; i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum);
	gzwrite(g, h, 512);
	if (n) {
		gzwrite(g, data->p, (unsigned)n);
		if (n % 512)
			gzwrite(g, zeros, (unsigned)(512 - n % 512));
	}
}

/* ------------------------------------------------------------ the drops */

static const char *
iso_dur(int ms, char *buf)
{
	int s = ms / 1000;

	if (s >= 3600)
		sprintf(buf, "PT%dH%02dM%02dS", s / 3600, s / 60 % 60, s % 60);
	else
		sprintf(buf, "PT%dM%02dS", s / 60, s % 60);
	return buf;
}

/* The day (within the month) and time a message was created. */
static long
msg_day(int k, int of)
{
	return D0 + (long)k * (ND - 4) / (of ? of : 1);
}

/* Deal terms of a release, shared by both ERN versions but for the element order. */
static void
ern_deal_terms(struct buf *b, const struct release *r, int ern4)
{
	char terr[64], *save, *tok;

	if (r->status == R_TAKEDOWN) {
		bprintf(b, "          <TakeDown>true</TakeDown>\n");
		if (!ern4)
			bprintf(b, "          <Usage><UseType>OnDemandStream</UseType></Usage>\n");
		return;
	}
	if (!ern4)
		bprintf(b, "          <CommercialModelType>SubscriptionModel</CommercialModelType>\n"
		    "          <Usage><UseType>OnDemandStream</UseType></Usage>\n");
	snprintf(terr, sizeof terr, "%s", r->terr);
	for (tok = strtok_r(terr, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		bprintf(b, "          <TerritoryCode>%s</TerritoryCode>\n", tok);
	bprintf(b, "          <ValidityPeriod><StartDate>%s</StartDate>", dstr(r->from));
	if (r->until)
		bprintf(b, "<EndDate>%s</EndDate>", dstr(r->until));
	bprintf(b, "</ValidityPeriod>\n");
	if (ern4)
		bprintf(b, "          <CommercialModelType>SubscriptionModel</CommercialModelType>\n"
		    "          <UseType>OnDemandStream</UseType>\n");
}

/* Releases of one distributor, in the order made (grouped by holder). */
static int *
releases_of(int dist, int *n)
{
	int *v = xmalloc(nreleases * sizeof *v);

	*n = 0;
	for (int i = 0; i < nreleases; i++)
		if (R[i].dist == dist)
			v[(*n)++] = i;
	return v;
}

/* Group a distributor's releases into messages: consecutive releases of one holder, up to 3. */
static int
next_group(const int *v, int n, int at)
{
	int k = at + 1;
	int max = 1 + (int)below(3);

	while (k < n && k - at < max && R[v[k]].holder == R[v[at]].holder)
		k++;
	return k;
}

/* The end of each message's group of releases; *ng groups. */
static int *
groups(const int *v, int n, int *ng)
{
	int *ends = xmalloc((n + 1) * sizeof *ends);

	*ng = 0;
	for (int at = 0; at < n; at = ends[(*ng)++])
		ends[*ng] = next_group(v, n, at);
	return ends;
}

static int believe_msgs, idol_msgs, idol_purges;

static void
believe(const char *zpath)
{
	int n, *v = releases_of(BELIEVE, &n), ngroups;
	int *ends = groups(v, n, &ngroups);
	struct zip z = { 0 };

	if ((z.f = fopen(zpath, "wb")) == NULL)
		die("%s: %s", zpath, strerror(errno));
	for (int at = 0, k, g = 0; at < n; at = k, g++) {
		struct buf b = { 0 };
		const struct holder *h = &H[R[v[at]].holder];
		char id[64], dur[32];
		long day = msg_day(g, ngroups);
		int hh = 8 + (int)below(10), mi = (int)below(60), res = 0;

		k = ends[g];
		snprintf(id, sizeof id, "BLV-%s-%05d", MONTH, g + 1);
		bprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\" "
		    "ReleaseProfileVersionId=\"Audio\" LanguageAndScriptCode=\"fr\">\n"
		    "  <MessageHeader>\n    <MessageId>%s</MessageId>\n    <MessageSender>\n"
		    "      <PartyId>PADPIDA2014120301K</PartyId>\n"
		    "      <PartyName><FullName>Believe</FullName></PartyName>\n    </MessageSender>\n"
		    "    <MessageCreatedDateTime>%sT%02d:%02d:00Z</MessageCreatedDateTime>\n"
		    "  </MessageHeader>\n  <PartyList>\n", id, dstr(day), hh, mi);
		bprintf(&b, "    <Party><PartyReference>PHolder</PartyReference><PartyName><FullName>");
		bxml(&b, h->name);
		bprintf(&b, "</FullName></PartyName></Party>\n  </PartyList>\n  <ResourceList>\n");
		for (int i = at; i < k; i++) {
			const struct release *r = &R[v[i]];

			for (int t = r->first; t < r->first + r->n; t++) {
				bprintf(&b, "    <SoundRecording>\n      <ResourceReference>A%d</ResourceReference>\n"
				    "      <Type>MusicalWorkSoundRecording</Type>\n"
				    "      <SoundRecordingEdition><ResourceId><ISRC>%s</ISRC></ResourceId></SoundRecordingEdition>\n"
				    "      <DisplayTitleText>", ++res, T[t].isrc);
				bxml(&b, T[t].name);
				bprintf(&b, "</DisplayTitleText>\n      <DisplayArtistName>");
				bxml(&b, r->artist);
				bprintf(&b, "</DisplayArtistName>\n      <ResourceRightsController><RightsControllerPartyReference>PHolder</RightsControllerPartyReference></ResourceRightsController>\n"
				    "      <Duration>%s</Duration>\n    </SoundRecording>\n", iso_dur(T[t].ms, dur));
			}
		}
		bprintf(&b, "  </ResourceList>\n  <ReleaseList>\n");
		res = 0;
		for (int i = at; i < k; i++) {
			const struct release *r = &R[v[i]];

			bprintf(&b, "    <Release>\n      <ReleaseReference>R%d</ReleaseReference>\n"
			    "      <ReleaseType>%s</ReleaseType>\n      <ReleaseId><ICPN>%s</ICPN></ReleaseId>\n"
			    "      <DisplayTitleText>", i - at, r->n == 1 ? "Single" : r->n < 7 ? "EP" : "Album", r->upc);
			bxml(&b, r->title);
			bprintf(&b, "</DisplayTitleText>\n      <DisplayArtistName>");
			bxml(&b, r->artist);
			bprintf(&b, "</DisplayArtistName>\n      <ReleaseLabelReference>PHolder</ReleaseLabelReference>\n"
			    "      <Genre><GenreText>%s</GenreText></Genre>\n"
			    "      <OriginalReleaseDate>%s</OriginalReleaseDate>\n      <ResourceGroup>\n",
			    r->genre, dstr(r->date));
			for (int t = 0; t < r->n; t++)
				bprintf(&b, "        <ResourceGroupContentItem><ReleaseResourceReference>A%d</ReleaseResourceReference></ResourceGroupContentItem>\n", ++res);
			bprintf(&b, "      </ResourceGroup>\n    </Release>\n");
		}
		bprintf(&b, "  </ReleaseList>\n  <DealList>\n");
		for (int i = at; i < k; i++) {
			bprintf(&b, "    <ReleaseDeal>\n      <DealReleaseReference>R%d</DealReleaseReference>\n"
			    "      <Deal>\n        <DealTerms>\n", i - at);
			ern_deal_terms(&b, &R[v[i]], 1);
			bprintf(&b, "        </DealTerms>\n      </Deal>\n    </ReleaseDeal>\n");
		}
		bprintf(&b, "  </DealList>\n</ern:NewReleaseMessage>\n");
		{
			char name[80];

			snprintf(name, sizeof name, "%s.xml", id);
			zip_add(&z, name, &b, day, hh, mi);
		}
		free(b.p);
		believe_msgs++;
	}
	zip_close(&z);
	free(ends);
	free(v);
}

static void
idol_resource(struct buf *b, const struct release *r, int t, int res)
{
	const char *el = r->video ? "Video" : "SoundRecording";
	char dur[32];

	bprintf(b, "    <%s>\n      <%sType>%s</%sType>\n      <%sId><ISRC>%s</ISRC></%sId>\n"
	    "      <ResourceReference>A%d</ResourceReference>\n"
	    "      <ReferenceTitle><TitleText>", el, el,
	    r->video ? "LongFormMusicalWorkVideo" : "MusicalWorkSoundRecording", el, el, T[t].isrc, el, res);
	bxml(b, T[t].name);
	bprintf(b, "</TitleText></ReferenceTitle>\n      <Duration>%s</Duration>\n"
	    "      <%sDetailsByTerritory>\n        <TerritoryCode>Worldwide</TerritoryCode>\n"
	    "        <Title TitleType=\"DisplayTitle\"><TitleText>", iso_dur(T[t].ms, dur), el);
	bxml(b, T[t].name);
	bprintf(b, "</TitleText></Title>\n        <DisplayArtistName>");
	bxml(b, r->artist);
	bprintf(b, "</DisplayArtistName>\n        <LabelName>");
	bxml(b, H[r->holder].label ? H[r->holder].name : r->artist);
	bprintf(b, "</LabelName>\n        <RightsController>\n          <PartyName><FullName>");
	bxml(b, H[r->holder].name);
	bprintf(b, "</FullName></PartyName>\n          <RightsControllerRole>RightsController</RightsControllerRole>\n"
	    "        </RightsController>\n        <Genre><GenreText>%s</GenreText></Genre>\n"
	    "      </%sDetailsByTerritory>\n    </%s>\n", r->genre, el, el);
}

static void
idol(const char *tpath)
{
	int n, *v = releases_of(IDOL, &n), ngroups;
	int *ends = groups(v, n, &ngroups);
	gzFile g;
	char dir[64];
	struct buf purge = { 0 };
	long mtime0 = (D0 + 3) * 86400L;

	if ((g = gzopen(tpath, "wb6")) == NULL)
		die("%s: cannot write", tpath);
	snprintf(dir, sizeof dir, "idol-%s/", MONTH);
	tar_add(g, dir, NULL, mtime0, 1);
	for (int at = 0, k, gi = 0; at < n; at = k, gi++) {
		struct buf b = { 0 };
		char id[64], name[256];
		long day = msg_day(gi, ngroups);
		int hh = 7 + (int)below(12), mi = (int)below(60), res = 0;

		k = ends[gi];
		snprintf(id, sizeof id, "IDOL-%s-%05d", MONTH, gi + 1);
		bprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/382\" "
		    "MessageSchemaVersionId=\"ern/382\" LanguageAndScriptCode=\"fr\">\n"
		    "  <MessageHeader>\n    <MessageThreadId>%s</MessageThreadId>\n"
		    "    <MessageId>%s</MessageId>\n    <MessageSender>\n"
		    "      <PartyId>PADPIDA2008052902B</PartyId>\n"
		    "      <PartyName><FullName>IDOL</FullName></PartyName>\n    </MessageSender>\n"
		    "    <MessageCreatedDateTime>%sT%02d:%02d:00Z</MessageCreatedDateTime>\n"
		    "  </MessageHeader>\n  <UpdateIndicator>OriginalMessage</UpdateIndicator>\n"
		    "  <ResourceList>\n", id, id, dstr(day), hh, mi);
		for (int i = at; i < k; i++)
			for (int t = R[v[i]].first; t < R[v[i]].first + R[v[i]].n; t++)
				idol_resource(&b, &R[v[i]], t, ++res);
		bprintf(&b, "  </ResourceList>\n  <ReleaseList>\n");
		res = 0;
		for (int i = at; i < k; i++) {
			const struct release *r = &R[v[i]];

			bprintf(&b, "    <Release IsMainRelease=\"true\">\n      <ReleaseId><ICPN>%s</ICPN></ReleaseId>\n"
			    "      <ReleaseReference>R%d</ReleaseReference>\n      <ReferenceTitle><TitleText>",
			    r->upc, i - at);
			bxml(&b, r->title);
			bprintf(&b, "</TitleText></ReferenceTitle>\n      <ReleaseResourceReferenceList>\n");
			for (int t = 0; t < r->n; t++)
				bprintf(&b, "        <ReleaseResourceReference ReleaseResourceType=\"PrimaryResource\">A%d</ReleaseResourceReference>\n", ++res);
			bprintf(&b, "      </ReleaseResourceReferenceList>\n      <ReleaseType>%s</ReleaseType>\n"
			    "      <ReleaseDetailsByTerritory>\n        <TerritoryCode>Worldwide</TerritoryCode>\n"
			    "        <DisplayArtistName>",
			    r->video ? "VideoSingle" : r->n == 1 ? "Single" : r->n < 7 ? "EP" : "Album");
			bxml(&b, r->artist);
			bprintf(&b, "</DisplayArtistName>\n        <LabelName>");
			bxml(&b, H[r->holder].label ? H[r->holder].name : r->artist);
			bprintf(&b, "</LabelName>\n        <Title TitleType=\"DisplayTitle\"><TitleText>");
			bxml(&b, r->title);
			bprintf(&b, "</TitleText></Title>\n        <Genre><GenreText>%s</GenreText></Genre>\n"
			    "        <OriginalReleaseDate>%s</OriginalReleaseDate>\n"
			    "      </ReleaseDetailsByTerritory>\n    </Release>\n", r->genre, dstr(r->date));
		}
		bprintf(&b, "  </ReleaseList>\n  <DealList>\n");
		for (int i = at; i < k; i++) {
			bprintf(&b, "    <ReleaseDeal>\n      <DealReleaseReference>R%d</DealReleaseReference>\n"
			    "      <Deal>\n        <DealTerms>\n", i - at);
			ern_deal_terms(&b, &R[v[i]], 0);
			bprintf(&b, "        </DealTerms>\n      </Deal>\n    </ReleaseDeal>\n");
		}
		bprintf(&b, "  </DealList>\n</ern:NewReleaseMessage>\n");
		snprintf(name, sizeof name, "%s%s.xml", dir, id);
		tar_add(g, name, &b, day * 86400L + hh * 3600 + mi * 60, 0);
		free(b.p);
		idol_msgs++;
		/* Purges of this group's purged releases: by ICPN, or by each ISRC. */
		for (int i = at; i < k; i++) {
			const struct release *r = &R[v[i]];

			if (r->status != R_PURGED)
				continue;
			if (r->n > 1 || chance(0.5)) {
				bprintf(&purge, "  <PurgedRelease>\n    <ReleaseId><ICPN>%s</ICPN></ReleaseId>\n"
				    "    <Title><TitleText>", r->upc);
			} else {
				bprintf(&purge, "  <PurgedRelease>\n    <ReleaseId><ISRC>%s</ISRC></ReleaseId>\n"
				    "    <Title><TitleText>", T[r->first].isrc);
			}
			bxml(&purge, r->title);
			bprintf(&purge, "</TitleText></Title>\n  </PurgedRelease>\n");
			idol_purges++;
		}
	}
	/* One purge message, late in the month, for every purged release. */
	{
		struct buf b = { 0 };
		char name[128];
		long day = D0 + ND - 3;

		bprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<ern:PurgeReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/382\" MessageSchemaVersionId=\"ern/382\">\n"
		    "  <MessageHeader>\n    <MessageId>IDOL-%s-PURGE</MessageId>\n    <MessageSender>\n"
		    "      <PartyId>PADPIDA2008052902B</PartyId>\n"
		    "      <PartyName><FullName>IDOL</FullName></PartyName>\n    </MessageSender>\n"
		    "    <MessageCreatedDateTime>%sT12:00:00Z</MessageCreatedDateTime>\n"
		    "  </MessageHeader>\n", MONTH, dstr(day));
		bput(&b, purge.p ? purge.p : "", purge.n);
		bprintf(&b, "</ern:PurgeReleaseMessage>\n");
		snprintf(name, sizeof name, "%sIDOL-%s-PURGE.xml", dir, MONTH);
		tar_add(g, name, &b, day * 86400L + 12 * 3600, 0);
		free(b.p);
		idol_msgs++;
	}
	{
		static const char zeros[1024];

		gzwrite(g, zeros, sizeof zeros);
	}
	if (gzclose(g) != Z_OK)
		die("%s: write error", tpath);
	free(purge.p);
	free(ends);
	free(v);
}

static int cd1d_rows;

static void
cd1d(const char *dir)
{
	struct buf b = { 0 };

	bprintf(&b, "Référence,Titre,Artiste,Album,Label,Ayant droit,Sortie,Durée (ms),Genre,"
	    "Territoires,Disponible du,Disponible jusqu'au\n");
	for (int i = 0; i < nreleases; i++) {
		const struct release *r = &R[i];

		if (r->dist != CD1D)
			continue;
		for (int t = r->first; t < r->first + r->n; t++) {
			bcsv(&b, T[t].track + 5);
			bput(&b, ",", 1);
			bcsv(&b, T[t].name);
			bput(&b, ",", 1);
			bcsv(&b, r->artist);
			bput(&b, ",", 1);
			bcsv(&b, r->title);
			bput(&b, ",", 1);
			bcsv(&b, H[r->holder].label ? H[r->holder].name : r->artist);
			bput(&b, ",", 1);
			bcsv(&b, H[r->holder].name);
			bprintf(&b, ",%s,%d,", dstr(r->date), T[t].ms);
			bcsv(&b, r->genre);
			bprintf(&b, ",%s,%s,%s\n", r->terr, dstr(r->from), r->until ? dstr(r->until) : "");
			cd1d_rows++;
		}
	}
	write_file(fmt("%s/cd1d-catalogue-%s.csv", dir, MONTH), b.p, b.n);
	free(b.p);
	static const char map[] =
	    "# CD1D metadata sheet (their header = our catalogue column)\n"
	    "Référence = id\nTitre = title\nArtiste = artists\nAlbum = release_title\n"
	    "Label = label\nAyant droit = holder\nSortie = release_date\n"
	    "Durée (ms) = duration_ms\nGenre = genre\nTerritoires = territories\n"
	    "Disponible du = available_from\nDisponible jusqu'au = available_until\n";

	write_file(path("maps/cd1d.map"), map, sizeof map - 1);
}

/* --------------------------------------------------- holders, structures */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
holders_csv(void)
{
	struct buf b = { 0 };
	char **lines = xmalloc(nholders * sizeof *lines);

	for (int i = 0; i < nholders; i++) {
		struct buf l = { 0 };

		bcsv(&l, H[i].name);
		bput(&l, ",", 1);
		bcsv(&l, H[i].full);
		bprintf(&l, ",%s,%s,%s\n", H[i].tier, H[i].country, H[i].iban);
		lines[i] = l.p;
	}
	qsort(lines, nholders, sizeof *lines, cmp_str);
	bprintf(&b, "holder,name,tier,country,iban_ref\n");
	for (int i = 0; i < nholders; i++)
		bput(&b, lines[i], strlen(lines[i]));
	write_file(path("holders.csv"), b.p, b.n);
	free(b.p);
}

static void
make_structures(void)
{
	struct set ids = { 0 };
	double *w = xmalloc(NSTRUCTS * sizeof *w), sum = 0;
	int given = 0;

	nstructs = NSTRUCTS;
	S = xmalloc(nstructs * sizeof *S);
	for (int i = 0; i < nstructs; i++) {
		struct structure *s = &S[i];
		double u = unif();
		char id[128];
		int p;

		s->type = u < 0.30 ? 0 : u < 0.55 ? 1 : u < 0.78 ? 2 : u < 0.88 ? 3 : u < 0.95 ? 4 : 5;
		s->town = (int)(unif() * unif() * NELEM(towns));
		if (s->type == 2)
			snprintf(id, sizeof id, "cse-%s-%s", PICK(companies), towns[s->town].slug);
		else
			snprintf(id, sizeof id, "%s-%s", stypes[s->type].slug, towns[s->town].slug);
		for (int k = 2; !set_add(&ids, id); k++) {
			char *dash = strrchr(id, '-');

			if (k > 2 && dash)
				*dash = '\0';
			snprintf(id + strlen(id), sizeof id - strlen(id), "-%d", k);
		}
		s->id = xstrdup(id);
		s->name = fmt("%s (%s)", stypes[s->type].name, towns[s->town].name);
		s->ref = xstrdup(id);
		for (char *c = s->ref; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		s->vat = (int)below(100) < stypes[s->type].vat55 ? "5.5" : "20";
		p = (int)below(100);
		s->plan = p < stypes[s->type].plan[0] ? 0 : p < stypes[s->type].plan[0] + stypes[s->type].plan[1] ? 1 : 2;
		sum += (w[i] = powneg(i + 1, 0.8));
	}
	/* Users by structure: Zipf-like, at least 3 each. */
	for (int i = 0; i < nstructs; i++) {
		S[i].nusers = 3 + (int)((NUSERS - 3 * NSTRUCTS) * w[i] / sum);
		given += S[i].nusers;
	}
	for (int i = 0; given < NUSERS; i = (i + 1) % nstructs, given++)
		S[i].nusers++;
	for (int i = 0, u = 0; i < nstructs; i++) {
		S[i].first_user = u;
		u += S[i].nusers;
	}
	free(w);
}

/* A pseudonymous user id: a bijection of the index onto 6 digits. */
static char *
user_id(int u)
{
	return fmt("u%06ld", 100000 + ((long)u * 7919L + 12345L) % 900000L);
}

/* --------------------------------------------------------------- ledger */

struct lrow {
	char *line;		/* sorted by the whole line: date first, then structure */
};

static int ledger_rows, refunds, grants;

static char *
money(long cents)
{
	return fmt("%s%ld.%02ld", cents < 0 ? "-" : "", labs(cents) / 100, labs(cents) % 100);
}

static void
ledger_csv(void)
{
	char **rows = NULL;
	int n = 0, cap = 0;
	long yfirst = days_from_civil(Y, 1, 1), ylast = days_from_civil(Y, 12, 31);
	int q = (M - 1) / 3;
	long qfirst = days_from_civil(Y, q * 3 + 1, 1);
	long qlast = days_from_civil(Y, q * 3 + 3, mdays(Y, q * 3 + 3));
	struct buf b = { 0 };
	int grant_to = 0;

#define ROW(...) do { \
		if (n == cap) rows = xrealloc(rows, (cap = cap ? 2 * cap : 1024) * sizeof *rows); \
		rows[n++] = fmt(__VA_ARGS__); \
	} while (0)
	for (int i = 0; i < nstructs; i++) {
		struct structure *s = &S[i];
		long size = s->nusers;
		long cents;

		if (s->type == 0 && (grant_to == 0 || S[grant_to].nusers < s->nusers))
			grant_to = i;
		switch (s->plan) {
		case 0:	/* annual: the calendar year, or twelve months from a past month */
			cents = (300 + size * between(8, 20)) * 100 + (chance(0.3) ? 50 : 0);
			if (chance(0.7)) {
				ROW("%s,%s,subscription,%s,EUR,%s,%s,%s,%s-%d-A\n", dstr(yfirst + between(2, 40)),
				    s->id, money(cents), s->vat, dstr(yfirst), dstr(ylast), s->ref, Y);
			} else {
				int m0 = M - (int)below(11), y0 = Y;
				long from, to;

				if (m0 < 1)
					m0 += 12, y0--;
				from = days_from_civil(y0, m0, 1);
				to = days_from_civil(y0 + 1, m0, 1) - 1;
				ROW("%s,%s,subscription,%s,EUR,%s,%s,%s,%s-%04d%02d-A\n", dstr(from - between(0, 12)),
				    s->id, money(cents), s->vat, dstr(from), dstr(to), s->ref, y0, m0);
			}
			break;
		case 1:	/* quarterly: this quarter, and often the one before */
			cents = (90 + size * between(2, 6)) * 100;
			if (chance(0.6) && qfirst - 1 > yfirst) {
				long pf = days_from_civil(Y, q * 3 - 2, 1);

				ROW("%s,%s,subscription,%s,EUR,%s,%s,%s,%s-%d-Q%d\n", dstr(pf + between(0, 6)),
				    s->id, money(cents), s->vat, dstr(pf), dstr(qfirst - 1), s->ref, Y, q);
			}
			ROW("%s,%s,subscription,%s,EUR,%s,%s,%s,%s-%d-Q%d\n", dstr(qfirst - 3 + between(0, 8)),
			    s->id, money(cents), s->vat, dstr(qfirst), dstr(qlast), s->ref, Y, q + 1);
			break;
		default:	/* monthly: this month, often the previous one, sometimes the next in advance */
			cents = (30 + size * between(1, 3)) * 100 + (chance(0.5) ? 50 : 0);
			if (chance(0.5)) {
				long pf = D0 - mdays(Y - (M == 1), M == 1 ? 12 : M - 1);

				ROW("%s,%s,subscription,%s,EUR,%s,%s,%s,%s-%s\n", dstr(pf - between(1, 5)),
				    s->id, money(cents), s->vat, dstr(pf), dstr(D0 - 1), s->ref, PREV);
			}
			ROW("%s,%s,subscription,%s,EUR,%s,%s,%s,%s-%s\n", dstr(D0 - between(-4, 5)),
			    s->id, money(cents), s->vat, dstr(D0), dstr(D1), s->ref, MONTH);
			if (chance(0.3))
				ROW("%s,%s,subscription,%s,EUR,%s,%s,%s,%s-%s\n", dstr(D1 - between(0, 4)),
				    s->id, money(cents), s->vat, dstr(D1 + 1),
				    dstr(D1 + mdays(Y + (M == 12), M % 12 + 1)), s->ref, NEXT);
			if (refunds < 6 && chance(0.05)) {
				ROW("%s,%s,refund,%s,EUR,%s,%s,%s,%s-%s-R1\n", dstr(D0 + between(5, ND - 3)),
				    s->id, money(-(long)between(5, 30) * 100), s->vat, dstr(D0), dstr(D1), s->ref, MONTH);
				refunds++;
			}
		}
	}
	/* One grant: the region funds the largest library's year. */
	ROW("%s,%s,grant,5000.00,EUR,0,%s,%s,GRANT-%s-%d\n", dstr(yfirst + 70), S[grant_to].id,
	    dstr(yfirst), dstr(ylast), S[grant_to].ref, Y);
	grants++;
#undef ROW
	qsort(rows, n, sizeof *rows, cmp_str);
	bprintf(&b, "date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref\n");
	for (int i = 0; i < n; i++)
		bput(&b, rows[i], strlen(rows[i]));
	write_file(path("ledger.csv"), b.p, b.n);
	ledger_rows = n;
	free(b.p);
}

/* ------------------------------------------------------------- capsules */

struct capsule {
	char *id;
	int structure;
	int items[10], nitems;
};

static struct capsule caps[NCAPSULES];
static int *active;		/* indexes of active titles */
static int nactive;

static void
capsules_csv(void)
{
	static const char *themes[] = {
		"Concert de", "Rencontre avec", "Carte blanche à", "Ciné-concert :",
		"Bal de quartier :", "Scène ouverte :", "Résidence de",
	};
	static const char *notes[] = {
		"", "", "", "Le titre qui ouvre leurs concerts", "Joué en rappel",
		"Coup de cœur de la médiathèque", "Pour les ateliers du mercredi",
		"Version captée en public, salle comble",
	};
	struct buf b = { 0 };
	struct set ids = { 0 };

	bprintf(&b, "capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note\n");
	for (int c = 0; c < NCAPSULES; c++) {
		struct capsule *cp = &caps[c];
		const struct structure *s = &S[below(nstructs / 3)];
		const struct town *tw = &towns[s->town];
		char *title, *place = NULL, lat[32] = "", lon[32] = "";
		const char *starts = "", *ends = "";
		int geo = chance(0.75);

		cp->structure = (int)(s - S);
		cp->nitems = between(3, 8);
		for (int k = 0; k < cp->nitems; k++)
			cp->items[k] = active[below(nactive)];
		{
			const struct release *r = &R[T[cp->items[0]].release];
			char id[96];
			char *slug = xstrdup(r->artist);
			int j = 0;

			for (char *p = slug; *p; p++)
				if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
					slug[j++] = *p;
				else if (*p >= 'A' && *p <= 'Z')
					slug[j++] = (char)(*p - 'A' + 'a');
				else if (*p == ' ' && j && slug[j - 1] != '-')
					slug[j++] = '-';
			slug[j] = '\0';
			snprintf(id, sizeof id, "%.40s-%s", slug, tw->slug);
			for (int k = 2; !set_add(&ids, id); k++)
				snprintf(id, sizeof id, "%.40s-%s-%d", slug, tw->slug, k);
			cp->id = xstrdup(id);
			title = fmt("%s %s", PICK(themes), r->artist);
			free(slug);
		}
		if (geo) {
			place = fmt("%s, %s", s->name, tw->name);
			snprintf(lat, sizeof lat, "%.4f", tw->lat + (int)below(200) / 10000.0 - 0.01);
			snprintf(lon, sizeof lon, "%.4f", tw->lon + (int)below(200) / 10000.0 - 0.01);
			starts = dstr(D0 + below(ND) - 10);
			ends = dstr(D0 + ND + below(40));
		}
		for (int k = 0; k < cp->nitems; k++) {
			const struct title *t = &T[cp->items[k]];

			bprintf(&b, "%s,", cp->id);
			bcsv(&b, title);
			bput(&b, ",", 1);
			bcsv(&b, s->name);
			bprintf(&b, ",%s,", s->id);
			bcsv(&b, place ? place : "");
			bprintf(&b, ",%s,%s,%s,%s,%d,%s,%s,", lat, lon, starts, ends, k + 1, t->track,
			    R[t->release].video ? "video" : "audio");
			bcsv(&b, k == 0 || chance(0.2) ? PICK(notes) : "");
			bput(&b, "\n", 1);
		}
		free(title);
		free(place);
	}
	write_file(path("capsules.csv"), b.p, b.n);
	free(b.p);
}

/* ---------------------------------------------------------------- logs */

struct listen {
	char *line;		/* without the newline */
	int file;
};

static struct listen *L;
static int nl, cl;
static int n_malformed, n_unknown, n_dups, n_short, n_capsule, n_outside, n_clean;

static void
emit(char *line, int file)
{
	if (nl == cl)
		L = xrealloc(L, (cl = cl ? 2 * cl : 65536) * sizeof *L);
	L[nl].line = line;
	L[nl].file = file;
	nl++;
}

static struct dist day_dist, hour_dist, track_dist;

static char *
timestamp(long day)
{
	int h = (int)dist_pick(&hour_dist);

	return fmt("%sT%02d:%02d:%02dZ", dstr(day), h, (int)below(60), (int)below(60));
}

static int
ms_for(int t)
{
	if (chance(0.10)) {
		n_short++;
		return between(1000, 29999);
	}
	return chance(0.6) ? T[t].ms : between(30000, T[t].ms > 30000 ? T[t].ms : 30000);
}

static void
listen_row(int u, int s, int t, long day, const char *source)
{
	char *uid = user_id(u), *ts = timestamp(day);

	emit(fmt("%s,%s,%s,%s,%d,%s", ts, uid, S[s].id, T[t].track, ms_for(t), source), u % NLOGS);
	free(uid);
	free(ts);
}

static int
structure_of(int u)
{
	int lo = 0, hi = nstructs - 1;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if (S[mid].first_user <= u)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static int
cmp_listen(const void *a, const void *b)
{
	const struct listen *x = a, *y = b;
	int c = strcmp(x->line, y->line);

	return c ? c : x->file - y->file;
}

/* The distributions of listens: days, hours, and titles by popularity. */
static void
listen_world(void)
{
	double *w;
	int *rank;

	/* Days: weekends a little quieter.  Hours: the day of a library. */
	w = xmalloc((ND > 24 ? ND : 24) * sizeof *w);
	for (int d = 0; d < ND; d++) {
		long wd = (D0 + d + 4) % 7;	/* 0 Sunday */

		w[d] = wd == 0 ? 0.6 : wd == 6 ? 0.8 : 1.0;
	}
	dist_init(&day_dist, w, ND);
	{
		static const double hours[24] = { 0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.3, 0.8,
			1.2, 1.5, 1.8, 2.0, 2.2, 2.0, 2.0, 2.2, 2.6, 3.0, 3.2, 3.0, 2.6, 2.0, 1.3, 0.7 };

		dist_init(&hour_dist, hours, 24);
	}
	free(w);
	/* Titles: Zipf-like popularity over a shuffled order, new releases favoured. */
	active = xmalloc(ntitles * sizeof *active);
	for (int t = 0; t < ntitles; t++)
		if (T[t].active)
			active[nactive++] = t;
	rank = xmalloc(nactive * sizeof *rank);
	for (int i = 0; i < nactive; i++)
		rank[i] = i;
	for (int i = nactive - 1; i > 0; i--) {
		int j = (int)below((uint32_t)i + 1), x = rank[i];

		rank[i] = rank[j];
		rank[j] = x;
	}
	w = xmalloc(nactive * sizeof *w);
	for (int i = 0; i < nactive; i++) {
		const struct release *r = &R[T[active[i]].release];

		w[i] = powneg(rank[i] + 10, 0.9) * (r->date > D1 - 3 * 365 ? 2.5 : 1.0);
	}
	dist_init(&track_dist, w, nactive);
	free(w);
	free(rank);
}

static void
logs(void)
{
	long extra = NLISTENS - NUSERS;

	listen_world();
	capsules_csv();

	/* Every user listens once, on a day of the month, so every structure has listens. */
	for (int u = 0; u < NUSERS; u++) {
		int s = structure_of(u);
		long day = D0 + (long)dist_pick(&day_dist);

		listen_row(u, s, active[dist_pick(&track_dist)], day, "");
		n_clean++;
	}
	/* The rest: heavy users listen to more, often a few tracks of one album. */
	while (extra > 0) {
		int u = (int)(unif() * unif() * NUSERS);
		int s = structure_of(u), t = active[dist_pick(&track_dist)];
		long day = D0 + (long)dist_pick(&day_dist);
		const struct release *r = &R[T[t].release];
		int run = r->n > 1 && chance(0.3) ? between(2, r->n) : 1;

		for (int k = 0; k < run && extra > 0; k++, extra--, n_clean++)
			listen_row(u, s, k == 0 ? t : r->first + (t - r->first + k) % r->n, day, "");
	}
	/* Capsule listens: members of the capsule's structure, on its items. */
	for (int i = 0; i < 420; i++) {
		const struct capsule *cp = &caps[below(NCAPSULES)];
		const struct structure *s = &S[cp->structure];
		int u = s->first_user + (int)below((uint32_t)s->nusers);
		char *src = fmt("capsule:%s", cp->id);

		listen_row(u, cp->structure, cp->items[below(cp->nitems)], D0 + (long)dist_pick(&day_dist), src);
		free(src);
		n_capsule++;
	}
	/* Listens on titles that are no longer (or not yet, or not here) active. */
	for (int i = 0, tries = 0; i < 60 && tries < 100000; tries++) {
		int t = (int)below((uint32_t)ntitles), u = (int)below(NUSERS);

		if (T[t].active)
			continue;
		listen_row(u, structure_of(u), t, D0 + (long)dist_pick(&day_dist), "");
		i++;
	}
	/* Rows of the previous and next month, resent late by a server. */
	for (int i = 0; i < 30; i++) {
		int u = (int)below(NUSERS);

		listen_row(u, structure_of(u), active[dist_pick(&track_dist)], i % 2 ? D0 - 1 : D1 + 1, "");
		n_outside++;
	}
	/* Unknown titles: ISRCs nobody delivered, CD1D ids of another catalogue. */
	for (int i = 0; i < 40; i++) {
		int u = (int)below(NUSERS);
		char *uid = user_id(u), *ts = timestamp(D0 + (long)dist_pick(&day_dist));

		if (i % 4)
			emit(fmt("%s,%s,%s,FRZZZ%02d%05d,%d,", ts, uid, S[structure_of(u)].id, Y % 100,
			    (int)below(99999), between(30000, 240000)), u % NLOGS);
		else
			emit(fmt("%s,%s,%s,cd1d:CD1D-%d,%d,", ts, uid, S[structure_of(u)].id,
			    900000 + (int)below(99999), between(30000, 240000)), u % NLOGS);
		free(uid);
		free(ts);
		n_unknown++;
	}
	/* Malformed timestamps. */
	for (int i = 0; i < 12; i++) {
		static const char *bad[] = { "%04d-%02d-%02d %02d:17:00", "%04d-%02d-%02dT%02d:61:00Z",
			"%04d/%02d/%02dT%02d:00:00Z", "%04d-%02d-%02dT%02d", };
		int u = (int)below(NUSERS), t = active[dist_pick(&track_dist)];
		char ts[64], *uid = user_id(u);

		snprintf(ts, sizeof ts, bad[i % 4], Y, M, 1 + (int)below((uint32_t)ND), (int)below(24));
		emit(fmt("%s,%s,%s,%s,%d,", ts, uid, S[structure_of(u)].id, T[t].track, T[t].ms), u % NLOGS);
		free(uid);
		n_malformed++;
	}
	/* Exact duplicates: rows a server sent twice, in the same file or another. */
	for (int i = 0, n = nl; i < 60; i++) {
		const struct listen *x = &L[below((uint32_t)n)];

		emit(xstrdup(x->line), chance(0.5) ? x->file : (int)below(NLOGS));
		n_dups++;
	}
	qsort(L, nl, sizeof *L, cmp_listen);
	for (int f = 0; f < NLOGS; f++) {
		char *p = path("logs/%s-%c.csv.gz", MONTH, 'a' + f);
		gzFile g = gzopen(p, "wb6");
		static const char head[] = "ts,user,structure,track,ms_played,source\n";

		if (g == NULL)
			die("%s: cannot write", p);
		gzwrite(g, head, sizeof head - 1);
		for (int i = 0; i < nl; i++) {
			if (L[i].file != f)
				continue;
			gzwrite(g, L[i].line, (unsigned)strlen(L[i].line));
			gzwrite(g, "\n", 1);
		}
		if (gzclose(g) != Z_OK)
			die("%s: write error", p);
		free(p);
	}
}

/* -------------------------------------------------------------- the rest */

static const char policy[] =
    "# The cooperative's rule, as voted by its general assembly.\n"
    "# Every key is written out, even where it is the default.\n"
    "model = cct\nterritory = FR\ncurrency = EUR\n"
    "# Collecting society (Sacem) share of each structure's net, in percent.\n"
    "sacem_rate = 8.5\n"
    "# Keys in basis points: 20 % operations, 15 % R&D, 10 % solidarity fund,\n"
    "# 15 % fixed part, 40 % variable part.\n"
    "keys = operations:2000 rnd:1500 fund:1000 fixed:1500 variable:4000\n"
    "# Titles released less than 36 months before the end of the month weigh 1.5.\n"
    "novelty_months = 36\nnovelty_coef = 1500\n"
    "# A qualified listen lasts at least 30 seconds.\nmin_ms = 30000\n"
    "# Holders earning less than this are carried to the next month.\nmin_payout = 10.00\n"
    "# Tier multipliers (thousandths) for the tiers model.\n"
    "tier.known = 0\ntier.emerging = 1500\ntier.independent = 1000\n"
    "# Artist-centric thresholds, boost and per-user cap.\n"
    "ac_min_listens = 30\nac_min_listeners = 10\nac_boost = 2000\nac_user_cap = 40\n"
    "# The platform in DDEX DSR usage reports (a sample party id).\n"
    "dpid = PADPIDAEXAMPLE1DT1\nservice = 1Dtouch\n";

/* The distributors' names and (sample) DDEX party ids in DSR reports. */
static const char distributors[] =
    "distributor,name,dpid\n"
    "Believe,Believe,PADPIDAEXAMPLEBLV1\n"
    "CD1D,CD1D,PADPIDAEXAMPLECD11\n"
    "IDOL,IDOL,PADPIDAEXAMPLEIDL1\n";

static const char config[] =
    "# A generated cooperative's month end (examples/generate.c).\n"
    "# Make the signing key once: 1d-report keygen -o keys/coop\n"
    "drops    = drops/%M        # the month's drops\n"
    "maps     = maps\n"
    "logs     = logs/%M-*.csv.gz\n"
    "ledger   = ledger.csv\n"
    "policy   = policy.conf\n"
    "holders  = holders.csv\n"
    "distributors = distributors.csv\n"
    "catalog  = catalog.db\n"
    "key      = keys/coop.pem\n"
    "out      = months\n";

static int nbalances;

static void
balances_csv(void)
{
	struct buf b = { 0 };
	char **lines = NULL;
	int n = 0;

	lines = xmalloc(nholders * sizeof *lines);
	for (int i = 0; i < nholders; i++) {
		struct buf l = { 0 };

		if (!chance(i < 300 ? 0.25 : 0.05))
			continue;
		bcsv(&l, H[i].name);
		bprintf(&l, ",%s\n", money(between(1, 999)));
		lines[n++] = l.p;
	}
	qsort(lines, n, sizeof *lines, cmp_str);
	bprintf(&b, "holder,balance\n");
	for (int i = 0; i < n; i++)
		bput(&b, lines[i], strlen(lines[i]));
	write_file(path("months/%s/statements/balances.csv", PREV), b.p, b.n);
	nbalances = n;
	free(b.p);
}

/*
 * -L ROWS: a national month's log on standard output, streamed in
 * constant memory: ROWS listens of the month by ROWS/40 users (28,000 at
 * least) over the same catalogue and structures, one in a thousand sent
 * twice (a row of the last few thousand, byte for byte), no other
 * defect.  For measuring 1d-listens at scale without storing the log.
 */
static void
stream_logs(long long rows)
{
	enum { RING = 4096 };
	static char ring[RING][128];
	long long nusers = rows / 40 > NUSERS ? rows / 40 : NUSERS, n = 0;
	static char buf[1 << 20];
	char line[128];

	listen_world();
	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	fputs("ts,user,structure,track,ms_played,source\n", stdout);
	while (n < rows) {
		int y, m, d, len;

		if (n >= RING && chance(0.001)) {
			fputs(ring[below(RING)], stdout);
			n++;
			continue;
		}
		long long u = (long long)(unif() * unif() * (double)nusers);
		int s = structure_of((int)(u * NUSERS / nusers));
		int t = active[dist_pick(&track_dist)];

		civil_from_days(D0 + (long)dist_pick(&day_dist), &y, &m, &d);
		len = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02dZ,u%010u,%s,%s,%d,\n",
		    y, m, d, (int)dist_pick(&hour_dist), (int)below(60), (int)below(60),
		    (unsigned)((uint64_t)u * 2654435761u), S[s].id, T[t].track, ms_for(t));
		if (len >= (int)sizeof line)
			die("a log row longer than %zu bytes", sizeof line);
		memcpy(ring[n % RING], line, (size_t)len + 1);
		fputs(line, stdout);
		n++;
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die("standard output: write error");
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-s SEED] [-m MONTH] [-H HOLDERS] DIR\n"
	    "       %s [-s SEED] [-m MONTH] -L ROWS\n", prog, prog);
	exit(2);
}

int
main(int argc, char **argv)
{
	uint64_t seed = 2015;
	const char *month = "2026-10";
	long long stream_rows = 0;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		char *end;

		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			usage();
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-s") == 0) {
			errno = 0;
			seed = strtoull(argv[++i], &end, 10);
			if (errno || *end || end == argv[i])
				die("-s: not a seed: \"%s\"", argv[i]);
		} else if (strcmp(argv[i], "-H") == 0) {
			long v;

			errno = 0;
			v = strtol(argv[++i], &end, 10);
			if (errno || *end || end == argv[i] || v < 10 || v > 20000)
				die("-H: not a number of holders from 10 to 20000: \"%s\"", argv[i]);
			nholders = (int)v;
		} else if (strcmp(argv[i], "-m") == 0) {
			month = argv[++i];
		} else if (strcmp(argv[i], "-L") == 0) {
			errno = 0;
			stream_rows = strtoll(argv[++i], &end, 10);
			if (errno || *end || end == argv[i] || stream_rows < 1)
				die("-L: not a number of rows: \"%s\"", argv[i]);
		} else {
			usage();
		}
	}
	if (argc - i != (stream_rows ? 0 : 1))
		usage();
	if (strlen(month) != 7 || sscanf(month, "%4d-%2d", &Y, &M) != 2 || month[4] != '-' ||
	    Y < 2000 || Y > 2999 || M < 1 || M > 12)
		die("-m: not a month (YYYY-MM): \"%s\"", month);
	if (!stream_rows)
		snprintf(root, sizeof root, "%s", argv[i]);
	ND = mdays(Y, M);
	D0 = days_from_civil(Y, M, 1);
	D1 = D0 + ND - 1;
	snprintf(MONTH, sizeof MONTH, "%04d-%02d", Y, M);
	snprintf(PREV, sizeof PREV, "%04d-%02d", M == 1 ? Y - 1 : Y, M == 1 ? 12 : M - 1);
	snprintf(NEXT, sizeof NEXT, "%04d-%02d", M == 12 ? Y + 1 : Y, M == 12 ? 1 : M + 1);
	rng_state = seed * 0x2545f4914f6cdd1dULL + 0x1d;
	if (stream_rows) {
		make_holders();
		make_catalogue();
		make_structures();
		stream_logs(stream_rows);
		return 0;
	}

	mkdirs(root);
	mkdirs(path("drops/%s/cd1d-%s", MONTH, MONTH));
	mkdirs(path("maps"));
	mkdirs(path("logs"));
	mkdirs(path("keys"));
	mkdirs(path("months/%s/statements", PREV));

	make_holders();
	make_catalogue();
	make_structures();
	believe(path("drops/%s/believe-%s.zip", MONTH, MONTH));
	idol(path("drops/%s/idol-%s.tar.gz", MONTH, MONTH));
	cd1d(path("drops/%s/cd1d-%s", MONTH, MONTH));
	holders_csv();
	ledger_csv();
	logs();
	balances_csv();
	write_file(path("policy.conf"), policy, sizeof policy - 1);
	write_file(path("month-end.conf"), config, sizeof config - 1);
	write_file(path("distributors.csv"), distributors, sizeof distributors - 1);

	{
		int counts[7] = { 0 };

		for (int r = 0; r < nreleases; r++)
			counts[R[r].status] += R[r].n;
		fprintf(stderr, "%s: %s: %d titles in %d releases (%d active; takedown %d, expired %d, "
		    "ending %d, future %d, outside FR %d, purged %d) from %d holders: Believe %d messages, "
		    "IDOL %d messages (%d purged releases), CD1D %d sheet rows\n",
		    prog, MONTH, ntitles, nreleases, nactive, counts[R_TAKEDOWN], counts[R_EXPIRED],
		    counts[R_ENDING], counts[R_FUTURE], counts[R_NOT_FR], counts[R_PURGED], nholders,
		    believe_msgs, idol_msgs, idol_purges, cd1d_rows);
		fprintf(stderr, "%s: %s: %d log rows by %d users of %d structures (%d clean, %d short, "
		    "%d capsule, %d outside the month, %d unknown titles, %d malformed, %d duplicates); "
		    "%d ledger rows (%d refunds, %d grant); %d capsules; %d balances brought forward\n",
		    prog, MONTH, nl, NUSERS, nstructs, n_clean, n_short, n_capsule, n_outside, n_unknown,
		    n_malformed, n_dups, ledger_rows, refunds, grants, NCAPSULES, nbalances);
	}
	return 0;
}
