#!/bin/sh
# C unit tests of common/util/date.c
exec "${ONED_UNIT:-build/unit}/date"
