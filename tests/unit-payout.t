#!/bin/sh
# C unit tests of common/domain/payout.c
exec "${ONED_UNIT:-build/unit}/payout"
