#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>

#include "catalog.h"
#include "catdb.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "intern.h"

#define NCOLS 19		/* CATALOG_COLUMNS, track first */
#define SCHEMA_VERSION 1

static const char *const columns[NCOLS] = { "track", "isrc", "upc", "title", "artists",
	"release_title", "label", "holder", "distributor", "release_date", "duration_ms", "media",
	"genre", "territories", "available_from", "available_until", "status", "source", "sha256" };

struct catdb {
	sqlite3 *db;
	int lock_fd;
	/* Statements of new_version, prepared once: imports run them per row. */
	sqlite3_stmt *replace_day, *close_current, *insert;
};

static int
fail(struct catdb *db, char *errbuf, size_t errlen, const char *what)
{
	snprintf(errbuf, errlen, "%s: %s", what, sqlite3_errmsg(db->db));
	return -1;
}

static int
exec(struct catdb *db, const char *sql, char *errbuf, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(db->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(errbuf, errlen, "%s", msg ? msg : "SQLite error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Schema migrations, one per version; user_version says which ran. */
static const char *const migrations[SCHEMA_VERSION] = {
	"CREATE TABLE versions ("
	" track TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,"
	" isrc TEXT, upc TEXT, title TEXT, artists TEXT, release_title TEXT, label TEXT,"
	" holder TEXT, distributor TEXT, release_date TEXT, duration_ms TEXT, media TEXT,"
	" genre TEXT, territories TEXT, available_from TEXT, available_until TEXT,"
	" status TEXT, source TEXT, sha256 TEXT, PRIMARY KEY (track, valid_from));"
	"CREATE INDEX versions_current ON versions (track) WHERE valid_to IS NULL;"
	"CREATE TABLE imports (file_sha256 TEXT PRIMARY KEY, file TEXT, day TEXT, rows INTEGER);"
	"CREATE TABLE holders (holder TEXT PRIMARY KEY, name TEXT, tier TEXT, country TEXT,"
	" iban_ref TEXT);",
};

struct catdb *
catdb_open(const char *path, int writer, char *errbuf, size_t errlen)
{
	struct catdb *db = err_calloc(1, sizeof *db);
	sqlite3_stmt *st;
	int version = 0;

	db->lock_fd = -1;
	if (writer) {
		char lock[4096];

		snprintf(lock, sizeof lock, "%s.lock", path);
		if ((db->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
			snprintf(errbuf, errlen, "%s: %s", lock, strerror(errno));
			free(db);
			return NULL;
		}
		/* Another writer (a second cron job) is refused, not interleaved. */
		if (flock(db->lock_fd, LOCK_EX | LOCK_NB) != 0) {
			snprintf(errbuf, errlen, "%s: another 1d-catalog is writing (lock %s)", path, lock);
			close(db->lock_fd);
			free(db);
			return NULL;
		}
	}
	if (sqlite3_open_v2(path, &db->db, writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
	    SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(errbuf, errlen, "%s: %s", path, db->db ? sqlite3_errmsg(db->db) : "cannot open");
		catdb_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->db, 10000);
	if (writer && exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", errbuf, errlen))
		goto failed;
	if (sqlite3_prepare_v2(db->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		fail(db, errbuf, errlen, path);
		goto failed;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > SCHEMA_VERSION) {
		snprintf(errbuf, errlen, "%s: schema version %d is newer than this 1d-catalog's %d", path,
		    version, SCHEMA_VERSION);
		goto failed;
	}
	if (version < SCHEMA_VERSION) {
		char sql[64];

		if (!writer) {
			snprintf(errbuf, errlen, "%s: not a catalogue (import into it first)", path);
			goto failed;
		}
		if (exec(db, "BEGIN IMMEDIATE", errbuf, errlen))
			goto failed;
		for (int v = version; v < SCHEMA_VERSION; v++)
			if (exec(db, migrations[v], errbuf, errlen)) {
				exec(db, "ROLLBACK", errbuf, 0);
				goto failed;
			}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION);
		if (exec(db, sql, errbuf, errlen) || exec(db, "COMMIT", errbuf, errlen))
			goto failed;
	}
	return db;
failed:
	catdb_close(db);
	return NULL;
}

void
catdb_close(struct catdb *db)
{
	if (db == NULL)
		return;
	sqlite3_finalize(db->replace_day);
	sqlite3_finalize(db->close_current);
	sqlite3_finalize(db->insert);
	sqlite3_close(db->db);
	if (db->lock_fd >= 0)
		close(db->lock_fd);
	free(db);
}

/* Check a row's fields; NULL when good, else the column and why. */
static const char *
check_row(const struct table *t, const int *col, char *why, size_t n)
{
	static const int dates[] = { 9, 14, 15 };
	const char *s;

	if (table_fieldlen(t, col[0]) == 0) {
		snprintf(why, n, "empty");
		return "track";
	}
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		struct date d;

		s = table_field(t, col[dates[i]]);
		if (*s && date_parse(s, &d) != 0) {
			snprintf(why, n, "not a date: \"%s\"", s);
			return columns[dates[i]];
		}
	}
	s = table_field(t, col[10]);
	if (*s && strspn(s, "0123456789") != strlen(s)) {
		snprintf(why, n, "not a non-negative integer: \"%s\"", s);
		return "duration_ms";
	}
	s = table_field(t, col[11]);
	if (*s && strcmp(s, "audio") && strcmp(s, "video") && strcmp(s, "ebook") && strcmp(s, "game")) {
		snprintf(why, n, "not audio, video, ebook or game: \"%s\"", s);
		return "media";
	}
	s = table_field(t, col[16]);
	if (*s && strcmp(s, "active") && strcmp(s, "takedown")) {
		snprintf(why, n, "not active or takedown: \"%s\"", s);
		return "status";
	}
	return NULL;
}

/* A version of a title: the values of every column but track. */
struct version {
	char *v[NCOLS];
};

static void
version_free(struct version *v)
{
	for (int i = 0; i < NCOLS; i++)
		free(v->v[i]);
}

/* The current version of track: 1 found (and valid_from in from), 0 none. */
static int
current(struct catdb *db, sqlite3_stmt *st, const char *track, struct version *v, char *from)
{
	int found = 0;

	sqlite3_bind_text(st, 1, track, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		snprintf(from, 11, "%s", (const char *)sqlite3_column_text(st, 0));
		for (int i = 1; i < NCOLS; i++) {
			const unsigned char *s = sqlite3_column_text(st, i);

			v->v[i] = err_strdup(s ? (const char *)s : "");
		}
	}
	sqlite3_reset(st);
	(void)db;
	return found;
}

static int
insert_version(sqlite3_stmt *st, const char *track, const char *day, char *const *values)
{
	sqlite3_bind_text(st, 1, track, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	for (int i = 1; i < NCOLS; i++)
		sqlite3_bind_text(st, i + 2, values[i], -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

#define COLS_SQL "isrc, upc, title, artists, release_title, label, holder, distributor," \
	" release_date, duration_ms, media, genre, territories, available_from, available_until," \
	" status, source, sha256"

static sqlite3_stmt *
prepared(struct catdb *db, sqlite3_stmt **st, const char *sql)
{
	if (*st == NULL && sqlite3_prepare_v2(db->db, sql, -1, st, NULL) != SQLITE_OK)
		*st = NULL;
	return *st;
}

/* Record a new version of track known from day, closing the current one. */
static int
new_version(struct catdb *db, const char *track, const char *day, char *const *values,
    const char *current_from, char *errbuf, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (current_from && strcmp(current_from, day) == 0)
		/* A second change on the same day replaces that day's version. */
		st = prepared(db, &db->replace_day, "DELETE FROM versions WHERE track = ?1 AND valid_from = ?2");
	else if (current_from)
		st = prepared(db, &db->close_current,
		    "UPDATE versions SET valid_to = ?2 WHERE track = ?1 AND valid_to IS NULL");
	if (current_from) {
		if (st == NULL)
			return fail(db, errbuf, errlen, "history");
		sqlite3_bind_text(st, 1, track, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(st);
		if (rc)
			return fail(db, errbuf, errlen, "history");
	}
	st = prepared(db, &db->insert, "INSERT INTO versions (track, valid_from, " COLS_SQL ") VALUES"
	    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)");
	if (st == NULL || insert_version(st, track, day, values) != 0)
		return fail(db, errbuf, errlen, "insert");
	return 0;
}

int
catdb_import(struct catdb *db, const char *path, int flags, const char *day, int force,
    struct catdb_counts *n, void (*reject)(const struct table *t, const char *field, const char *why),
    char *errbuf, size_t errlen)
{
	char digest[HASH_HEX_LEN], why[512], from[11];
	struct table *t;
	sqlite3_stmt *find = NULL, *seen = NULL;
	struct intern *in_file;
	int col[NCOLS], r, rc = -1;

	memset(n, 0, sizeof *n);
	if (hash_sha256_file(path, digest) != 0) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((t = table_open(path, flags, errbuf, errlen)) == NULL)
		return -1;
	for (int i = 0; i < NCOLS; i++)
		if ((col[i] = table_col(t, columns[i])) < 0 && i == 0) {
			snprintf(errbuf, errlen, "%s:1: no \"track\" column", table_name(t));
			table_close(t);
			return -1;
		}
	if (exec(db, "BEGIN IMMEDIATE", errbuf, errlen)) {
		table_close(t);
		return -1;
	}
	if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM imports WHERE file_sha256 = ?1", -1, &seen,
	    NULL) != SQLITE_OK) {
		fail(db, errbuf, errlen, "imports");
		goto done;
	}
	sqlite3_bind_text(seen, 1, digest, -1, SQLITE_STATIC);
	if (sqlite3_step(seen) == SQLITE_ROW && !force) {
		rc = 1;
		goto done;
	}
	if (sqlite3_prepare_v2(db->db, "SELECT valid_from, " COLS_SQL " FROM versions"
	    " WHERE track = ?1 AND valid_to IS NULL", -1, &find, NULL) != SQLITE_OK) {
		fail(db, errbuf, errlen, "select");
		goto done;
	}
	in_file = intern_new();
	while ((r = table_next(t)) == 1) {
		const char *field, *track = table_field(t, col[0]);
		struct version old = { { 0 } };
		char *values[NCOLS];
		int found, same = 1;

		n->read++;
		if ((field = check_row(t, col, why, sizeof why)) != NULL) {
			reject(t, field, why);
			n->rejected++;
			continue;
		}
		if (intern_find(in_file, track, strlen(track)) != INTERN_NONE) {
			reject(t, "track", "appears twice in this file");
			n->rejected++;
			continue;
		}
		intern_add(in_file, track, strlen(track));
		for (int i = 1; i < NCOLS; i++)
			values[i] = (char *)(col[i] >= 0 ? table_field(t, col[i]) : "");
		if (*values[16] == '\0')
			values[16] = "active";
		found = current(db, find, track, &old, from);
		if (found && strcmp(from, day) > 0) {
			snprintf(why, sizeof why, "the catalogue knows a version from %s, after %s", from, day);
			reject(t, "track", why);
			n->rejected++;
			version_free(&old);
			continue;
		}
		for (int i = 1; found && i < NCOLS; i++)
			same &= strcmp(old.v[i], values[i]) == 0;
		if (found && same) {
			n->unchanged++;
		} else {
			if (new_version(db, track, day, values, found ? from : NULL, errbuf, errlen) != 0) {
				version_free(&old);
				intern_free(in_file);
				goto done;
			}
			if (!found)
				n->added++;
			else if (strcmp(values[16], "takedown") == 0 && strcmp(old.v[16], "takedown") != 0)
				n->taken_down++;
			else
				n->changed++;
		}
		version_free(&old);
	}
	intern_free(in_file);
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		goto done;
	}
	{
		sqlite3_stmt *st;

		if (sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO imports VALUES (?1, ?2, ?3, ?4)", -1,
		    &st, NULL) != SQLITE_OK) {
			fail(db, errbuf, errlen, "imports");
			goto done;
		}
		sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, n->read);
		r = sqlite3_step(st);
		sqlite3_finalize(st);
		if (r != SQLITE_DONE) {
			fail(db, errbuf, errlen, "imports");
			goto done;
		}
	}
	rc = 0;
done:
	sqlite3_finalize(seen);
	sqlite3_finalize(find);
	table_close(t);
	/* One transaction: an error or a skip leaves the catalogue as it was. */
	if (rc == 0) {
		if (exec(db, "COMMIT", errbuf, errlen) != 0)
			rc = -1;
	} else {
		char ignored[256];

		exec(db, "ROLLBACK", ignored, sizeof ignored);
	}
	return rc;
}

int
catdb_takedown(struct catdb *db, const char *track, const char *day, char *errbuf, size_t errlen)
{
	sqlite3_stmt *find;
	struct version old = { { 0 } };
	char from[11];
	int rc = -1;

	if (exec(db, "BEGIN IMMEDIATE", errbuf, errlen))
		return -1;
	if (sqlite3_prepare_v2(db->db, "SELECT valid_from, " COLS_SQL " FROM versions"
	    " WHERE track = ?1 AND valid_to IS NULL", -1, &find, NULL) != SQLITE_OK) {
		fail(db, errbuf, errlen, "select");
		goto done;
	}
	if (!current(db, find, track, &old, from)) {
		snprintf(errbuf, errlen, "%s: not in the catalogue", track);
	} else if (strcmp(old.v[16], "takedown") == 0) {
		rc = 0;
	} else if (strcmp(from, day) > 0) {
		snprintf(errbuf, errlen, "%s: the catalogue knows a version from %s, after %s", track, from, day);
	} else {
		free(old.v[16]);
		old.v[16] = err_strdup("takedown");
		rc = new_version(db, track, day, old.v, from, errbuf, errlen);
	}
	sqlite3_finalize(find);
	version_free(&old);
done:
	if (rc == 0)
		return exec(db, "COMMIT", errbuf, errlen);
	exec(db, "ROLLBACK", from, sizeof from);
	return -1;
}

static void
put_row(sqlite3_stmt *st, int ncols, struct table_writer *w)
{
	for (int i = 0; i < ncols; i++) {
		const unsigned char *s = sqlite3_column_text(st, i);

		table_put(w, s ? (const char *)s : "");
	}
	table_end_row(w);
}

int
catdb_export(struct catdb *db, const char *day, const char *holder, const char *status,
    struct table_writer *w, char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(db->db, "SELECT track, " COLS_SQL " FROM versions WHERE"
	    " (?1 IS NULL AND valid_to IS NULL OR valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1))"
	    " AND (?2 IS NULL OR holder = ?2) AND (?3 IS NULL OR status = ?3) ORDER BY track",
	    -1, &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "export");
	if (day)
		sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	if (holder)
		sqlite3_bind_text(st, 2, holder, -1, SQLITE_STATIC);
	if (status)
		sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	table_put_header(w, CATALOG_COLUMNS);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		put_row(st, NCOLS, w);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : fail(db, errbuf, errlen, "export");
}

int
catdb_show(struct catdb *db, const char *track, struct table_writer *w, char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r, rows = 0;

	if (sqlite3_prepare_v2(db->db, "SELECT valid_from, valid_to, track, " COLS_SQL
	    " FROM versions WHERE track = ?1 ORDER BY valid_from", -1, &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "show");
	sqlite3_bind_text(st, 1, track, -1, SQLITE_STATIC);
	table_put_header(w, "valid_from,valid_to," CATALOG_COLUMNS);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		put_row(st, NCOLS + 2, w);
		rows++;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return fail(db, errbuf, errlen, "show");
	if (rows == 0) {
		snprintf(errbuf, errlen, "%s: not in the catalogue", track);
		return -1;
	}
	return 0;
}

int
catdb_holders_import(struct catdb *db, const char *path, int flags, long *count, char *errbuf,
    size_t errlen)
{
	static const char *const names[] = { "holder", "name", "tier", "country", "iban_ref" };
	struct table *t = table_open(path, flags, errbuf, errlen);
	sqlite3_stmt *st;
	int col[5], r;

	*count = 0;
	if (t == NULL)
		return -1;
	for (int i = 0; i < 5; i++)
		col[i] = table_col(t, names[i]);
	if (col[0] < 0) {
		snprintf(errbuf, errlen, "%s:1: no \"holder\" column", table_name(t));
		table_close(t);
		return -1;
	}
	if (exec(db, "BEGIN IMMEDIATE", errbuf, errlen) ||
	    sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO holders VALUES (?1, ?2, ?3, ?4, ?5)", -1,
	    &st, NULL) != SQLITE_OK) {
		table_close(t);
		return fail(db, errbuf, errlen, "holders");
	}
	while ((r = table_next(t)) == 1) {
		if (table_fieldlen(t, col[0]) == 0)
			continue;
		for (int i = 0; i < 5; i++)
			sqlite3_bind_text(st, i + 1, col[i] >= 0 ? table_field(t, col[i]) : "", -1,
			    SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			break;
		sqlite3_reset(st);
		(*count)++;
	}
	sqlite3_finalize(st);
	table_close(t);
	if (r != 0) {
		exec(db, "ROLLBACK", errbuf, 0);
		snprintf(errbuf, errlen, "%s: cannot be imported", path);
		return -1;
	}
	return exec(db, "COMMIT", errbuf, errlen);
}

int
catdb_holders_export(struct catdb *db, struct table_writer *w, char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(db->db, "SELECT holder, name, tier, country, iban_ref FROM holders"
	    " ORDER BY holder", -1, &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "holders");
	table_put_header(w, "holder,name,tier,country,iban_ref");
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		put_row(st, 5, w);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : fail(db, errbuf, errlen, "holders");
}

int
catdb_stats(struct catdb *db, struct table_writer *w, char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(db->db,
	    "SELECT 'holder', holder, count(*) FROM versions WHERE valid_to IS NULL GROUP BY holder"
	    " UNION ALL SELECT 'media', media, count(*) FROM versions WHERE valid_to IS NULL GROUP BY media"
	    " UNION ALL SELECT 'status', status, count(*) FROM versions WHERE valid_to IS NULL GROUP BY status"
	    " ORDER BY 1, 2", -1, &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "stats");
	table_put_header(w, "by,value,titles");
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		put_row(st, 3, w);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : fail(db, errbuf, errlen, "stats");
}
