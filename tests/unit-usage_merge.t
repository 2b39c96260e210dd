#!/bin/sh
# C unit tests of common/domain/usage_merge.c
exec "${ONED_UNIT:-build/unit}/usage_merge"
