#!/bin/sh
# C unit tests of common/domain/statement.c
exec "${ONED_UNIT:-build/unit}/statement"
