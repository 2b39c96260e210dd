#!/bin/sh
# C unit tests of common/ddex.c and common/drop.c
exec "${ONED_UNIT:-build/unit}/ddex"
