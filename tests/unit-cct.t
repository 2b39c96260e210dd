#!/bin/sh
# C unit tests of common/domain/cct.c
exec "${ONED_UNIT:-build/unit}/cct"
