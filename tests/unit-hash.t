#!/bin/sh
# C unit tests of common/hmap.c, hset.c and hash.c
exec "${ONED_UNIT:-build/unit}/hash"
