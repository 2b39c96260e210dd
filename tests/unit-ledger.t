#!/bin/sh
# C unit tests of common/domain/ledger.c
exec "${ONED_UNIT:-build/unit}/ledger"
