#!/bin/sh
# C unit tests of common/date.c
exec "${ONED_UNIT:-build/unit}/date"
