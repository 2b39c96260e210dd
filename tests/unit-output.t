#!/bin/sh
# C unit tests of common/out.c, rejects.c and intern.c
exec "${ONED_UNIT:-build/unit}/output"
