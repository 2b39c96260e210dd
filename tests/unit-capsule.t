#!/bin/sh
# C unit tests of common/domain/capsule.c
exec "${ONED_UNIT:-build/unit}/capsule"
