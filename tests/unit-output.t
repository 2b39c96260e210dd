#!/bin/sh
# C unit tests of common/util/out.c, common/util/rejects.c and common/util/intern.c
exec "${ONED_UNIT:-build/unit}/output"
