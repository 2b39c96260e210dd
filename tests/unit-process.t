#!/bin/sh
# C unit tests of common/util/spawn.c and file.c
exec "${ONED_UNIT:-build/unit}/process"
