#!/bin/sh
# C unit tests of common/util/hmap.c, common/util/hset.c and hash.c
exec "${ONED_UNIT:-build/unit}/hash"
