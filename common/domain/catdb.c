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

#define NCOLS CATALOG_NCOLUMNS
#define SCHEMA_VERSION 2
/* The import whose versions are being written, until its digest is known at its end. */
#define PENDING "pending"

/* The title's fields in SQL, from catalog.h: ", isrc, upc, ..., sha256". */
#define FIELD_SQL(id, name, required, rule) ", " name
#define FIELDS_SQL CATALOG_FIELD_LIST(FIELD_SQL)
#define FIELD_DEF(id, name, required, rule) ", " name " TEXT"
#define FIELD_PARAM(id, name, required, rule) ", ?"

struct catdb {
	sqlite3 *db;
	int lock_fd;
	/* Statements of new_version, prepared once: imports run them per row. */
	sqlite3_stmt *supersede, *replace_day, *close_current, *insert;
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
	/* The catalogue's columns as catalog.h had them at version 1. */
	"CREATE TABLE versions ("
	" track TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT"
	CATALOG_FIELD_LIST(FIELD_DEF) ", PRIMARY KEY (track, valid_from));"
	"CREATE INDEX versions_current ON versions (track) WHERE valid_to IS NULL;"
	"CREATE TABLE imports (file_sha256 TEXT PRIMARY KEY, file TEXT, day TEXT, rows INTEGER);"
	"CREATE TABLE holders (holder TEXT PRIMARY KEY, name TEXT, tier TEXT, country TEXT,"
	" iban_ref TEXT);",
	/*
	 * Version 2: each version knows the import that wrote it, and a
	 * version replaced on the same day is kept, so that revert can undo
	 * one import.
	 */
	"ALTER TABLE versions ADD COLUMN import TEXT;"
	"CREATE INDEX versions_import ON versions (import);"
	"CREATE TABLE superseded (by_import TEXT NOT NULL, track TEXT NOT NULL, valid_from TEXT NOT NULL,"
	" valid_to TEXT, import TEXT" CATALOG_FIELD_LIST(FIELD_DEF) ");",
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
	if (version == 0 && !writer) {
		snprintf(errbuf, errlen, "%s: not a catalogue (import into it first)", path);
		goto failed;
	}
	/* A reader reads an older schema as it is (what it reads has not changed); a writer migrates it. */
	if (version < SCHEMA_VERSION && writer) {
		char sql[64];

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
	sqlite3_finalize(db->supersede);
	sqlite3_finalize(db->replace_day);
	sqlite3_finalize(db->close_current);
	sqlite3_finalize(db->insert);
	sqlite3_close(db->db);
	if (db->lock_fd >= 0)
		close(db->lock_fd);
	free(db);
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
insert_version(sqlite3_stmt *st, const char *track, const char *day, const char *const *values,
    const char *import)
{
	sqlite3_bind_text(st, 1, track, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	for (int i = 1; i < NCOLS; i++)
		sqlite3_bind_text(st, i + 2, values[i], -1, SQLITE_TRANSIENT);
	if (import)
		sqlite3_bind_text(st, NCOLS + 2, import, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, NCOLS + 2);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

static sqlite3_stmt *
prepared(struct catdb *db, sqlite3_stmt **st, const char *sql)
{
	if (*st == NULL && sqlite3_prepare_v2(db->db, sql, -1, st, NULL) != SQLITE_OK)
		*st = NULL;
	return *st;
}

/*
 * Record a new version of track known from day, closing the current one;
 * import is PENDING for an import's versions, NULL for a takedown's.
 */
/* Run a prepared statement on (?1 track, ?2 day); 0, or -1 (also for st NULL). */
static int
step_track_day(sqlite3_stmt *st, const char *track, const char *day)
{
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, track, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(st);
	return rc;
}

static int
new_version(struct catdb *db, const char *track, const char *day, const char *const *values,
    const char *current_from, const char *import, char *errbuf, size_t errlen)
{
	sqlite3_stmt *st = NULL;

	if (current_from && strcmp(current_from, day) == 0 && import == NULL) {
		st = prepared(db, &db->replace_day, "DELETE FROM versions WHERE track = ?1 AND valid_from = ?2");
	} else if (current_from && strcmp(current_from, day) == 0) {
		/*
		 * A second change on the same day replaces that day's version,
		 * which is kept aside for revert.
		 */
		st = prepared(db, &db->supersede, "INSERT INTO superseded (by_import, track, valid_from,"
		    " valid_to, import" FIELDS_SQL ") SELECT '" PENDING "', track, valid_from, valid_to,"
		    " import" FIELDS_SQL " FROM versions WHERE track = ?1 AND valid_from = ?2");
		if (step_track_day(st, track, day) != 0)
			return fail(db, errbuf, errlen, "history");
		st = prepared(db, &db->replace_day, "DELETE FROM versions WHERE track = ?1 AND valid_from = ?2");
	} else if (current_from)
		st = prepared(db, &db->close_current,
		    "UPDATE versions SET valid_to = ?2 WHERE track = ?1 AND valid_to IS NULL");
	if (current_from && step_track_day(st, track, day) != 0)
		return fail(db, errbuf, errlen, "history");
	st = prepared(db, &db->insert, "INSERT INTO versions (track, valid_from" FIELDS_SQL ", import) VALUES"
	    " (?1, ?2" CATALOG_FIELD_LIST(FIELD_PARAM) ", ?)");
	if (st == NULL || insert_version(st, track, day, values, import) != 0)
		return fail(db, errbuf, errlen, "insert");
	return 0;
}

/* What one import needs while it reads the rows. */
struct import {
	struct catdb *db;
	struct table *t;
	int col[NCOLS];
	const char *day;
	sqlite3_stmt *find;
	struct intern *in_file;	/* the tracks seen in this file */
	struct catdb_counts *n;
	void (*reject)(const struct table *t, const char *field, const char *why);
};

/* Was a file with this digest imported before? 1 yes, 0 no, -1 error. */
static int
imported_before(struct catdb *db, const char *digest, char *errbuf, size_t errlen)
{
	sqlite3_stmt *seen;
	int r;

	if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM imports WHERE file_sha256 = ?1", -1, &seen,
	    NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "imports");
	sqlite3_bind_text(seen, 1, digest, -1, SQLITE_STATIC);
	r = sqlite3_step(seen);
	sqlite3_finalize(seen);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return fail(db, errbuf, errlen, "imports");
	return r == SQLITE_ROW;
}

static int
record_import(struct catdb *db, const char *digest, const char *path, const char *day, long rows,
    char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO imports VALUES (?1, ?2, ?3, ?4)", -1,
	    &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "imports");
	sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, rows);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : fail(db, errbuf, errlen, "imports");
}

/* The row's values by column, status defaulted; NULL (and rejected) when bad. */
static const char **
row_values(struct import *im, const char **f)
{
	const char *track;
	char why[512];
	int bad;

	for (int i = 0; i < NCOLS; i++) {
		f[i] = im->col[i] >= 0 ? table_field(im->t, im->col[i]) : "";
		/* A NUL byte would cut the value (TSV can carry one): rejected. */
		if (im->col[i] >= 0 && strlen(f[i]) != table_fieldlen(im->t, im->col[i])) {
			im->reject(im->t, catalog_column_names[i], "holds a NUL byte");
			return NULL;
		}
	}
	if ((bad = catalog_check_row(f, why, sizeof why)) >= 0) {
		im->reject(im->t, catalog_column_names[bad], why);
		return NULL;
	}
	track = f[CATALOG_TRACK];
	if (intern_find(im->in_file, track, strlen(track)) != INTERN_NONE) {
		im->reject(im->t, "track", "appears twice in this file");
		return NULL;
	}
	intern_add(im->in_file, track, strlen(track));
	if (*f[CATALOG_STATUS] == '\0')
		f[CATALOG_STATUS] = catalog_status_name(CATALOG_ACTIVE);
	return f;
}

/* Import one row: 0, or -1 on a database error (errbuf). */
static int
import_row(struct import *im, char *errbuf, size_t errlen)
{
	const char *f[NCOLS];
	struct version old = { { 0 } };
	char from[11], why[512];
	int found, same = 1, rc = 0;

	im->n->read++;
	if (row_values(im, f) == NULL) {
		im->n->rejected++;
		return 0;
	}
	found = current(im->db, im->find, f[CATALOG_TRACK], &old, from);
	if (found && strcmp(from, im->day) > 0) {
		snprintf(why, sizeof why, "the catalogue knows a version from %s, after %s", from, im->day);
		im->reject(im->t, "track", why);
		im->n->rejected++;
	} else {
		for (int i = 1; found && i < NCOLS; i++)
			same &= strcmp(old.v[i], f[i]) == 0;
		if (found && same)
			im->n->unchanged++;
		else if ((rc = new_version(im->db, f[CATALOG_TRACK], im->day, f,
		    found ? from : NULL, PENDING, errbuf, errlen)) != 0)
			;
		else if (!found)
			im->n->added++;
		else if (strcmp(f[CATALOG_STATUS], "takedown") == 0 &&
		    strcmp(old.v[CATALOG_STATUS], "takedown") != 0)
			im->n->taken_down++;
		else
			im->n->changed++;
	}
	version_free(&old);
	return rc;
}

/* Import every row of im->t; 0, or -1 (errbuf). */
static int
import_rows(struct import *im, char *errbuf, size_t errlen)
{
	int r, rc = 0;

	if (sqlite3_prepare_v2(im->db->db, "SELECT valid_from" FIELDS_SQL " FROM versions"
	    " WHERE track = ?1 AND valid_to IS NULL", -1, &im->find, NULL) != SQLITE_OK)
		return fail(im->db, errbuf, errlen, "select");
	im->in_file = intern_new();
	while (rc == 0 && (r = table_next(im->t)) > 0) {
		if (r == TABLE_BAD) {
			/* Not text, or a field too many: rejected, the others go on. */
			im->n->read++;
			im->n->rejected++;
			im->reject(im->t, NULL, table_error(im->t));
			continue;
		}
		rc = import_row(im, errbuf, errlen);
	}
	intern_free(im->in_file);
	sqlite3_finalize(im->find);
	if (rc == 0 && r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(im->t), table_line(im->t),
		    table_error(im->t));
		rc = -1;
	}
	return rc;
}

/* Name the pending import's versions by its digest. */
static int
name_import(struct catdb *db, const char *digest, char *errbuf, size_t errlen)
{
	static const char *const sql[] = {
		"UPDATE versions SET import = ?1 WHERE import = '" PENDING "'",
		"UPDATE superseded SET by_import = ?1 WHERE by_import = '" PENDING "'",
	};

	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *st;
		int r;

		if (sqlite3_prepare_v2(db->db, sql[i], -1, &st, NULL) != SQLITE_OK)
			return fail(db, errbuf, errlen, "imports");
		sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
		r = sqlite3_step(st);
		sqlite3_finalize(st);
		if (r != SQLITE_DONE)
			return fail(db, errbuf, errlen, "imports");
	}
	return 0;
}

int
catdb_import(struct catdb *db, const char *path, int flags, const char *day, int force,
    struct catdb_counts *n, void (*reject)(const struct table *t, const char *field, const char *why),
    char *errbuf, size_t errlen)
{
	struct import im = { .db = db, .day = day, .n = n, .reject = reject };
	char digest[HASH_HEX_LEN], ignored[256];
	int rc;

	memset(n, 0, sizeof *n);
	/* The input is read once: its digest is computed while its rows are imported. */
	if ((im.t = table_open(path, flags | TABLE_BAD_ROWS, errbuf, errlen)) == NULL)
		return -1;
	/* Every column: one left out would blank that field of every title it touches. */
	if (table_columns(im.t, catalog_column_names, NCOLS, im.col, errbuf, errlen) != 0) {
		table_close(im.t);
		return -1;
	}
	if (exec(db, "BEGIN IMMEDIATE", errbuf, errlen)) {
		table_close(im.t);
		return -1;
	}
	rc = import_rows(&im, errbuf, errlen);
	if (rc == 0) {
		table_sha256(im.t, digest);
		/* Imported before: the transaction is rolled back, nothing changes. */
		if ((rc = imported_before(db, digest, errbuf, errlen)) == 1 && force)
			rc = 0;
	}
	if (rc == 0 && (rc = name_import(db, digest, errbuf, errlen)) == 0)
		rc = record_import(db, digest, table_name(im.t), day, n->read, errbuf, errlen);
	table_close(im.t);
	/* One transaction: an error or a skip leaves the catalogue as it was. */
	if (rc == 0)
		return exec(db, "COMMIT", errbuf, errlen) != 0 ? -1 : 0;
	exec(db, "ROLLBACK", ignored, sizeof ignored);
	return rc;
}

/* The digest of the import that sha_or_source names (a SHA-256 or the file recorded). */
static int
find_import(struct catdb *db, const char *what, char digest[HASH_HEX_LEN], char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r, found = 0;

	if (sqlite3_prepare_v2(db->db, "SELECT file_sha256 FROM imports WHERE file_sha256 = ?1"
	    " OR file = ?1", -1, &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "imports");
	sqlite3_bind_text(st, 1, what, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		if (found++ == 0)
			snprintf(digest, HASH_HEX_LEN, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return fail(db, errbuf, errlen, "imports");
	if (found == 0) {
		snprintf(errbuf, errlen, "%s: no such import", what);
		return 1;
	}
	if (found > 1) {
		snprintf(errbuf, errlen, "%s: %d imports of that name: give the SHA-256", what, found);
		return 1;
	}
	return 0;
}

static int
run_sql(struct catdb *db, const char *sql, const char *a, const char *b, const char *c,
    char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r;

	if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "revert");
	sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	if (c)
		sqlite3_bind_text(st, 3, c, -1, SQLITE_TRANSIENT);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : fail(db, errbuf, errlen, "revert");
}

/* Undo one version v (track, valid_from, valid_to) that import digest wrote. */
static int
undo_version(struct catdb *db, const char *digest, const char *track, const char *from,
    const char *to, char *errbuf, size_t errlen)
{
	sqlite3_stmt *st;
	int r, restored;

	if (run_sql(db, "DELETE FROM versions WHERE track = ?1 AND valid_from = ?2", track, from, NULL,
	    errbuf, errlen))
		return -1;
	/* The version it replaced that day comes back, with its successor's end. */
	if (run_sql(db, "INSERT INTO versions (track, valid_from, valid_to, import" FIELDS_SQL ")"
	    " SELECT track, valid_from, ?3, import" FIELDS_SQL " FROM superseded"
	    " WHERE by_import = ?1 AND track = ?2", digest, track, NULL, errbuf, errlen))
		return -1;
	restored = sqlite3_changes(db->db);
	if (to) {
		if (restored && run_sql(db, "UPDATE versions SET valid_to = ?3 WHERE track = ?1 AND"
		    " valid_from = ?2", track, from, to, errbuf, errlen))
			return -1;
	}
	if (restored)
		return 0;
	/* Else the version it closed is reopened up to where this one ended. */
	if (sqlite3_prepare_v2(db->db, "UPDATE versions SET valid_to = ?3 WHERE track = ?1 AND"
	    " valid_to = ?2", -1, &st, NULL) != SQLITE_OK)
		return fail(db, errbuf, errlen, "revert");
	sqlite3_bind_text(st, 1, track, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
	if (to)
		sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : fail(db, errbuf, errlen, "revert");
}

int
catdb_revert(struct catdb *db, const char *what, long *versions, char *errbuf, size_t errlen)
{
	char digest[HASH_HEX_LEN], ignored[256];
	sqlite3_stmt *st = NULL;
	int rc, r;

	*versions = 0;
	if (exec(db, "BEGIN IMMEDIATE", errbuf, errlen))
		return -1;
	if ((rc = find_import(db, what, digest, errbuf, errlen)) != 0)
		goto done;
	if (sqlite3_prepare_v2(db->db, "SELECT track, valid_from, valid_to FROM versions"
	    " WHERE import = ?1 ORDER BY track, valid_from", -1, &st, NULL) != SQLITE_OK) {
		rc = fail(db, errbuf, errlen, "revert");
		goto done;
	}
	sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	/* Collected first: the loop below changes the table the statement reads. */
	struct { char *track, *from, *to; } *v = NULL;
	size_t n = 0;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *to = sqlite3_column_text(st, 2);

		v = err_realloc(v, (n + 1) * sizeof *v);
		v[n].track = err_strdup((const char *)sqlite3_column_text(st, 0));
		v[n].from = err_strdup((const char *)sqlite3_column_text(st, 1));
		v[n].to = to ? err_strdup((const char *)to) : NULL;
		n++;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		rc = fail(db, errbuf, errlen, "revert");
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			rc = undo_version(db, digest, v[i].track, v[i].from, v[i].to, errbuf, errlen);
		free(v[i].track), free(v[i].from), free(v[i].to);
	}
	free(v);
	*versions = (long)n;
	if (rc == 0)
		rc = run_sql(db, "DELETE FROM superseded WHERE by_import = ?1", digest, NULL, NULL,
		    errbuf, errlen);
	if (rc == 0)
		rc = run_sql(db, "DELETE FROM imports WHERE file_sha256 = ?1", digest, NULL, NULL,
		    errbuf, errlen);
done:
	if (rc == 0)
		return exec(db, "COMMIT", errbuf, errlen) != 0 ? -1 : 0;
	exec(db, "ROLLBACK", ignored, sizeof ignored);
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
	if (sqlite3_prepare_v2(db->db, "SELECT valid_from" FIELDS_SQL " FROM versions"
	    " WHERE track = ?1 AND valid_to IS NULL", -1, &find, NULL) != SQLITE_OK) {
		fail(db, errbuf, errlen, "select");
		goto done;
	}
	if (!current(db, find, track, &old, from)) {
		snprintf(errbuf, errlen, "%s: not in the catalogue", track);
	} else if (strcmp(old.v[CATALOG_STATUS], "takedown") == 0) {
		rc = 0;
	} else if (strcmp(from, day) > 0) {
		snprintf(errbuf, errlen, "%s: the catalogue knows a version from %s, after %s", track, from, day);
	} else {
		free(old.v[CATALOG_STATUS]);
		old.v[CATALOG_STATUS] = err_strdup("takedown");
		rc = new_version(db, track, day, (const char *const *)old.v, from, NULL, errbuf, errlen);
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

	if (sqlite3_prepare_v2(db->db, "SELECT track" FIELDS_SQL " FROM versions WHERE"
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

	if (sqlite3_prepare_v2(db->db, "SELECT valid_from, valid_to, track" FIELDS_SQL
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
