#!/bin/sh
# C unit tests of common/domain/policy.c
exec "${ONED_UNIT:-build/unit}/policy"
