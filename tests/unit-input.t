#!/bin/sh
# C unit tests of common/util/input.c
exec "${ONED_UNIT:-build/unit}/input"
