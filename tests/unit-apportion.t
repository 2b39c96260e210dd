#!/bin/sh
# C unit tests of common/util/apportion.c
exec "${ONED_UNIT:-build/unit}/apportion"
