#!/bin/sh
# C unit tests of common/domain/catdb.c
exec "${ONED_UNIT:-build/unit}/catdb"
