#!/bin/sh
# C unit tests of common/util/utf8.c
exec "${ONED_UNIT:-build/unit}/utf8"
