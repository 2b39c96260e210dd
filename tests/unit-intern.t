#!/bin/sh
# C unit tests of common/util/intern.c
exec "${ONED_UNIT:-build/unit}/intern"
