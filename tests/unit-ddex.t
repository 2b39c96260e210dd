#!/bin/sh
# C unit tests of common/format/ddex.c and common/format/drop.c
exec "${ONED_UNIT:-build/unit}/ddex"
