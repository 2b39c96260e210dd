#!/bin/sh
# C unit tests of common/util/table.c
exec "${ONED_UNIT:-build/unit}/table"
