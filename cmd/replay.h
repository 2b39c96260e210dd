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
 * Can these options of tool (1d-listens: --tz, --min-ms, --max-per-day;
 * 1d-cct: --pool, --weight, each with a value) be recorded and replayed?
 */
int replay_options_valid(const char *tool, const char *words, char *errbuf, size_t errlen);

/* What a verification did: each step replayed, or skipped and why. */
enum replay_step { REPLAY_USAGE, REPLAY_PAYOUTS, REPLAY_STATEMENTS, REPLAY_NSTEPS };

struct replay_report {
	size_t files;		/* listed in the MANIFEST, digests checked */
	int signature;		/* 1: checked and good */
	int replayed[REPLAY_NSTEPS];
	char why[REPLAY_NSTEPS][128];	/* what it was replayed from, or why it was skipped */
};

/*
 * Verify bundle (with the public key pub when not NULL).  Each difference
 * is described through fail(ctx, message).  0 when everything checked
 * matches, 1 when something differs, -1 with errbuf when the check could
 * not run; report says what was checked and what was skipped.
 */
int replay_verify(const char *bundle, const char *pub, void (*fail)(void *ctx, const char *msg),
    void *ctx, struct replay_report *report, char *errbuf, size_t errlen);

#endif
