#!/bin/sh
# C unit tests of common/util/markup.c
exec "${ONED_UNIT:-build/unit}/markup"
