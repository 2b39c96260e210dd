#!/bin/sh
# C unit tests of common/table.c
exec "${ONED_UNIT:-build/unit}/table"
