#!/bin/sh
# C unit tests of common/domain/capsule_stats.c
exec "${ONED_UNIT:-build/unit}/capsule_stats"
