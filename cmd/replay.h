/*
 * replay.h - an auditor's check of a month's bundle: the signature, every
 * digest of the MANIFEST, and the month replayed with the same tools
 * (1d-listens, 1d-cct, 1d-report statements, found next to the running
 * executable or on PATH), compared byte for byte with what was bundled.
 */
#ifndef REPLAY_H
#define REPLAY_H

#include <stddef.h>

/*
 * Verify bundle (with the public key pub when not NULL).  Each difference
 * is described through fail(ctx, message).  0 when everything matches
 * (*files: the files of the MANIFEST), 1 when something differs, -1 with
 * errbuf when the check could not run.
 */
/*
 * Can these options of tool (1d-listens: --tz, --min-ms, --max-per-day;
 * 1d-cct: --pool, --weight, each with a value) be recorded and replayed?
 */
int replay_options_valid(const char *tool, const char *words, char *errbuf, size_t errlen);

int replay_verify(const char *bundle, const char *pub, void (*fail)(void *ctx, const char *msg),
    void *ctx, size_t *files, char *errbuf, size_t errlen);

#endif
