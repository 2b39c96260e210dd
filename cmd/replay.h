/*
 * replay.h - an auditor's check of a month's bundle: the signature, every
 * digest of the MANIFEST, and the month replayed with the same tools
 * (1d-listens, 1d-cct, 1d-report statements, found next to the running
 * executable or on PATH), compared byte for byte with what was bundled.
 */
#ifndef REPLAY_H
#define REPLAY_H

#include <stddef.h>

#include "adjust.h"

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

/* The inputs a restatement can replace. */
enum replay_input { REPLAY_IN_CATALOG, REPLAY_IN_LEDGER, REPLAY_IN_USAGE, REPLAY_IN_HOLDERS, REPLAY_IN_POLICY,
	REPLAY_IN_SUSPENSE, REPLAY_NINPUTS };

struct replay_restatement {
	const char *input[REPLAY_NINPUTS];	/* a corrected file, or NULL: the bundled one */
	const char *bundle_out;		/* where to write the restatement bundle, or NULL */
	const char *sign;		/* the key that signs it, or NULL */
};

/*
 * Restate the month of bundle: check it as replay_verify does (without
 * replaying), run 1d-cct again on its inputs with those of rs replaced
 * (with the recorded options; 1d-cct's messages on standard error) and
 * set adj to the differences from the bundled payouts.  With
 * rs->bundle_out, also write the restatement bundle there: the inputs as
 * corrected, the new payouts.csv and adjustments.csv, and a MANIFEST line
 * "restates SHA256 NAME" naming the original, signed with rs->sign.
 * 0, 1 when a check failed (told through fail()), -1 with errbuf.
 */
int replay_restate(const char *bundle, const char *pub, const struct replay_restatement *rs,
    void (*fail)(void *ctx, const char *msg), void *ctx, struct adjust_set *adj, char *errbuf,
    size_t errlen);

#endif
