#!/bin/sh
# C unit tests of common/domain/intake.c
exec "${ONED_UNIT:-build/unit}/intake"
