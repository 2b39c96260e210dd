#!/bin/sh
# C unit tests of common/domain/aggregate.c
exec "${ONED_UNIT:-build/unit}/aggregate"
