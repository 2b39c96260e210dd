#!/bin/sh
# C unit tests of common/domain/monthend.c
exec "${ONED_UNIT:-build/unit}/monthend"
